//! Corpus documents as the linter sees them: lines by number, and quotes found "verbatim" with line breaks and
//! runs of white space read as one space, mapped back to byte spans so diagnostics can point at them.

use crate::syntax::Span;

/// One document added to the source map: its file id there and where each line starts.
#[derive(Clone, Debug)]
pub struct Document {
    pub file: usize,
    line_starts: Vec<usize>,
    len: usize,
}

impl Document {
    pub fn new(file: usize, text: &str) -> Document {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1).filter(|&i| i < text.len()));
        Document { file, line_starts, len: text.len() }
    }

    /// Number of lines (a final newline does not start another line).
    pub fn line_count(&self) -> usize {
        if self.len == 0 {
            0
        } else {
            self.line_starts.len()
        }
    }

    /// The byte span of lines `first..=last` (1-based), clamped to the document, without the final newline.
    pub fn lines_span(&self, text: &str, first: usize, last: usize) -> Span {
        let start = self.line_starts.get(first.saturating_sub(1)).copied().unwrap_or(self.len);
        let end = self.line_starts.get(last).map(|&s| s.saturating_sub(1)).unwrap_or(self.len);
        let end = end.clamp(start, text.len());
        Span { start, end: trim_end(text, start, end) }
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }
}

fn trim_end(text: &str, start: usize, mut end: usize) -> usize {
    while end > start && text.as_bytes().get(end - 1).is_some_and(|b| *b == b'\r' || *b == b'\n') {
        end -= 1;
    }
    end
}

/// Text with every run of white space replaced by one space, remembering each byte's offset in the original.
struct Collapsed {
    text: String,
    origin: Vec<usize>,
}

fn collapse(text: &str, base: usize) -> Collapsed {
    let mut out = Collapsed { text: String::with_capacity(text.len()), origin: Vec::with_capacity(text.len()) };
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                out.text.push(' ');
                out.origin.push(base + i);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        out.text.push(c);
        out.origin.extend(std::iter::repeat_n(base + i, c.len_utf8()));
    }
    out
}

/// Collapses white space the same way for a quote, trimmed.
pub fn normalize_quote(quote: &str) -> String {
    collapse(quote.trim(), 0).text
}

/// Finds `quote` in `text[within]`, white space collapsed on both sides; the byte span of the match in `text`.
pub fn find_quote(text: &str, within: Span, quote: &str) -> Option<Span> {
    let needle = normalize_quote(quote);
    if needle.is_empty() {
        return None;
    }
    let slice = text.get(within.start..within.end)?;
    let hay = collapse(slice, within.start);
    let at = hay.text.find(&needle)?;
    let start = *hay.origin.get(at)?;
    let last = *hay.origin.get(at + needle.len() - 1)?;
    let end = last + text.get(last..).and_then(|s| s.chars().next()).map(char::len_utf8).unwrap_or(1);
    Some(Span { start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_across_line_breaks() {
        let text = "one\n  two   three\nfour";
        let doc = Document::new(0, text);
        assert_eq!(doc.line_count(), 3);
        let all = doc.lines_span(text, 1, 3);
        let found = find_quote(text, all, "one two three").expect("found");
        assert_eq!(&text[found.start..found.end], "one\n  two   three");
        assert!(find_quote(text, doc.lines_span(text, 2, 3), "one two").is_none());
        assert_eq!(doc.line_of(found.start), 1);
        assert_eq!(doc.line_of(text.find("four").unwrap_or(0)), 3);
    }

    #[test]
    fn line_ranges_clamp() {
        let text = "a\nb\n";
        let doc = Document::new(0, text);
        assert_eq!(doc.line_count(), 2);
        let span = doc.lines_span(text, 2, 9);
        assert_eq!(&text[span.start..span.end], "b");
        let past = doc.lines_span(text, 5, 9);
        assert_eq!(past.start, past.end);
    }
}
