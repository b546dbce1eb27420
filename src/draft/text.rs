//! The document a draft is made from: its lines with byte offsets, and the units the drafter reads in a range of
//! lines: the sentences of prose lines and the items of lists, each with its byte span in the document.

use crate::lint::text::scan;
use crate::lint::text::sentences::sentences;
use crate::syntax::Span;

/// A document as the drafter reads it: the text and where each line starts and ends (without `\r\n`).
pub struct Document {
    /// The document's name (its file name), for the source block and messages.
    pub name: String,
    /// The whole text, as read.
    pub text: String,
    lines: Vec<(usize, usize)>,
    /// The lines that head an article with a date, and the dates, found once per document (drafting every
    /// article of an archive reads them for each).
    pub(super) headings: std::sync::OnceLock<Vec<(usize, crate::time::Day)>>,
}

impl Document {
    /// Indexes the lines of `text` (`\n` or `\r\n` line ends; a final newline opens no extra line).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let mut lines = Vec::new();
        let mut start = 0;
        for raw in text.split('\n') {
            let end = start + raw.trim_end_matches('\r').len();
            lines.push((start, end));
            start += raw.len() + 1;
        }
        // A final newline does not open one more line.
        if text.ends_with('\n') {
            lines.pop();
        }
        Document { name: name.into(), text, lines, headings: std::sync::OnceLock::new() }
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The text of line `no` (1-based), empty outside the document.
    pub fn line(&self, no: usize) -> &str {
        match no.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(&(start, end)) => &self.text[start..end],
            None => "",
        }
    }

    /// The byte offset where line `no` (1-based) starts; the text's length past the last line.
    pub fn line_start(&self, no: usize) -> usize {
        no.checked_sub(1).and_then(|i| self.lines.get(i)).map(|l| l.0).unwrap_or(self.text.len())
    }

    /// The byte span of lines `first..=last`.
    pub fn span_of_lines(&self, first: usize, last: usize) -> Span {
        let start = self.line_start(first);
        let end = last.checked_sub(1).and_then(|i| self.lines.get(i)).map(|l| l.1).unwrap_or(start);
        Span { start, end: end.max(start) }
    }

    /// The line a byte offset falls on (1-based).
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|&(start, _)| start <= offset).max(1)
    }

    /// The text of a byte span; empty when the span is not within the text (or not on character boundaries).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// One sentence or list item: the drafter's unit of reading.
#[derive(Clone, Debug)]
pub struct Unit {
    pub line: usize,
    pub span: Span,
    /// A bulleted or numbered list item (or a sentence inside one).
    pub item: bool,
    /// The first sentence of its line.
    pub opens_line: bool,
}

impl Unit {
    pub fn text<'a>(&self, doc: &'a Document) -> &'a str {
        doc.slice(self.span)
    }

    /// Ends with a colon: it introduces the list (or enumeration) that follows.
    pub fn is_lead(&self, doc: &Document) -> bool {
        self.text(doc).trim_end().ends_with(':')
    }
}

/// The units of lines `first..=last`, in order. Blank lines give none.
pub fn units(doc: &Document, first: usize, last: usize) -> Vec<Unit> {
    let mut out = Vec::new();
    for no in first..=last.min(doc.line_count()) {
        let line = doc.line(no);
        if line.trim().is_empty() {
            continue;
        }
        let base = doc.line_start(no);
        let (offset, item) = match scan::item(line) {
            Some(it) => (it.at, true),
            None => (line.len() - line.trim_start().len(), false),
        };
        let mut opens_line = true;
        for (s, e) in sentences(&line[offset..]) {
            let span = Span { start: base + offset + s, end: base + offset + e };
            out.push(Unit { line: no, span, item, opens_line });
            opens_line = false;
        }
    }
    out
}

/// Where one clause of a sentence ends and the next begins: "87 countries, and electronic visas ...".
pub const CLAUSE_BREAKS: &[&str] = &[", and ", "; ", ", while ", ", whereas ", ", but "];

/// The clauses of a sentence, as byte ranges that cover it.
pub fn clauses(text: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = CLAUSE_BREAKS
        .iter()
        .flat_map(|b| text.match_indices(b).map(|(p, m)| p + m.len()).collect::<Vec<_>>())
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        out.push((start, cut));
        start = cut;
    }
    out.push((start, text.len()));
    out
}

/// At most `max` words of `text` starting at word boundary `from` (a byte offset), as a byte range: quotes stay
/// short and verbatim.
pub fn word_window(text: &str, from: usize, max: usize) -> (usize, usize) {
    let mut end = from;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[from..].char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                in_word = false;
                if words == max {
                    break;
                }
            }
        } else {
            in_word = true;
            end = from + i + c.len_utf8();
        }
    }
    (from, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_items() {
        let doc = Document::new("d", "Title\nMay 1, 2021\n\n  • Germany\nAn ab. Cd e.\n");
        assert_eq!(doc.line_count(), 5);
        let units = units(&doc, 1, 5);
        let texts: Vec<&str> = units.iter().map(|u| u.text(&doc)).collect();
        assert_eq!(texts, ["Title", "May 1, 2021", "Germany", "An ab.", "Cd e."]);
        assert!(units[2].item && !units[3].item);
        assert_eq!(doc.line_of(doc.line_start(4) + 3), 4);
    }

    #[test]
    fn word_windows_are_verbatim() {
        let text = "one two  three four";
        let (s, e) = word_window(text, 4, 2);
        assert_eq!(&text[s..e], "two  three");
    }
}
