//! Quotes on source pages: each source's distinct quotes numbered once (the anchors `q{n}` that facts and proofs
//! link to), and where each one stands in the article's lines, white space collapsed as the linter matches them.

use crate::db::Database;
use crate::symbol::Symbol;
use std::collections::BTreeMap;

/// The distinct quotes of each source, in the order its statements and then its claims give them.
#[derive(Default)]
pub struct QuoteIds {
    by_source: BTreeMap<Symbol, Vec<String>>,
    /// For each source whose article is in the report, which mark shows each quote (see `Highlight`).
    shown_by: BTreeMap<Symbol, Vec<Option<usize>>>,
}

/// No quotes: for pages that link to no quote (the live site's query page).
pub static NONE: QuoteIds = QuoteIds { by_source: BTreeMap::new(), shown_by: BTreeMap::new() };

impl QuoteIds {
    pub fn new(db: &Database) -> QuoteIds {
        let mut ids = QuoteIds::default();
        let mut add = |source: Symbol, quote: &str| {
            let list = ids.by_source.entry(source).or_default();
            if !list.iter().any(|q| q == quote) {
                list.push(quote.to_string());
            }
        };
        for (_, a) in db.store.assertions() {
            for cite in &a.cites {
                if let Some(q) = &cite.quote {
                    add(cite.source, q);
                }
            }
        }
        for claim in &db.claims {
            if !claim.quote.is_empty() {
                add(claim.source, &claim.quote);
            }
        }
        ids
    }

    pub fn quotes(&self, source: Symbol) -> &[String] {
        self.by_source.get(&source).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The number of `quote` among its source's quotes: its section on the source's page is `fq{n}`.
    pub fn id(&self, source: Symbol, quote: &str) -> Option<usize> {
        self.quotes(source).iter().position(|q| q == quote)
    }

    /// Records where the source's article shows each of its quotes.
    pub fn set_shown(&mut self, source: Symbol, shown_by: Vec<Option<usize>>) {
        self.shown_by.insert(source, shown_by);
    }

    /// The anchor a link to the quote goes to: the mark in the article that shows it (`q{m}`), else the quote's
    /// section (`fq{n}`) when the article is not in the report or does not contain it.
    pub fn anchor(&self, source: Symbol, quote: &str) -> Option<String> {
        let n = self.id(source, quote)?;
        match self.shown_by.get(&source).and_then(|s| s.get(n).copied().flatten()) {
            Some(mark) => Some(format!("q{mark}")),
            None => Some(format!("fq{n}")),
        }
    }
}

/// Where the quotes stand in an article: for each line the marked byte ranges with their quote's number, and for
/// each quote the number of the mark that shows it (its own, or the one of a longer quote that contains it).
#[derive(Debug, Default, PartialEq)]
pub struct Highlight {
    pub marks: Vec<Vec<(usize, usize, usize)>>,
    pub shown_by: Vec<Option<usize>>,
}

/// Text with white space runs collapsed to one space, with each byte's offset in the original.
fn collapse(text: &str) -> (String, Vec<usize>) {
    let (mut out, mut origin) = (String::with_capacity(text.len()), Vec::with_capacity(text.len()));
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                origin.push(i);
            }
            in_space = true;
        } else {
            in_space = false;
            out.push(c);
            origin.extend(std::iter::repeat_n(i, c.len_utf8()));
        }
    }
    (out, origin)
}

/// Finds each quote in `lines` (the article's lines, in order) and splits the matches at line ends.
pub fn highlight(lines: &[&str], quotes: &[String]) -> Highlight {
    let joined = lines.join("\n");
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for line in lines {
        starts.push(at);
        at += line.len() + 1;
    }
    let (hay, origin) = collapse(&joined);
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (n, quote) in quotes.iter().enumerate() {
        let needle = collapse(quote.trim()).0;
        let Some(pos) = (!needle.is_empty()).then(|| hay.find(&needle)).flatten() else { continue };
        let start = origin[pos];
        let last = origin[pos + needle.len() - 1];
        let end = last + joined[last..].chars().next().map(char::len_utf8).unwrap_or(1);
        found.push((start, end, n));
    }
    found.sort();
    let mut shown_by = vec![None; quotes.len()];
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    for (start, end, n) in found {
        match kept.iter().find(|k| start < k.1 && k.0 < end) {
            Some(k) => shown_by[n] = Some(k.2),
            None => {
                shown_by[n] = Some(n);
                kept.push((start, end, n));
            }
        }
    }
    let mut marks = vec![Vec::new(); lines.len()];
    for (start, end, n) in kept {
        for (i, line) in lines.iter().enumerate() {
            let (ls, le) = (starts[i], starts[i] + line.len());
            if start < le && ls < end {
                // A quote running on over a line break leaves the next line's indentation unmarked.
                let piece = &joined[start.max(ls)..end.min(le)];
                let lead = piece.len() - piece.trim_start().len();
                let trail = piece.len() - piece.trim_end().len();
                if lead < piece.len() {
                    marks[i].push((start.max(ls) - ls + lead, end.min(le) - ls - trail, n));
                }
            }
        }
    }
    Highlight { marks, shown_by }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_across_a_line_break_is_marked_on_both_lines() {
        let lines = ["Kazakhstan resumed", "  direct flights with Vietnam."];
        let h = highlight(&lines, &["resumed direct flights".to_string(), "flights".to_string()]);
        assert_eq!(h.marks, vec![vec![(11, 18, 0)], vec![(2, 16, 0)]]);
        // The shorter quote inside the longer one is shown by the longer one's mark.
        assert_eq!(h.shown_by, vec![Some(0), Some(0)]);
    }

    #[test]
    fn a_missing_quote_is_not_marked() {
        let h = highlight(&["one line"], &["elsewhere".to_string()]);
        assert_eq!(h.shown_by, vec![None]);
        assert_eq!(h.marks, vec![Vec::<(usize, usize, usize)>::new()]);
    }
}
