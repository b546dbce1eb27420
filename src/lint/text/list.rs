//! A list as the reader found it: its items (each a country when the kb knows the name), the form it was printed
//! in, and whether it is partial ("including A, B").

use super::names::CountryTable;
use crate::symbol::Symbol;
use crate::syntax::Span;

/// How a list was printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Inside a sentence: after a colon, a dash, "namely", "These are" ...
    Inline,
    /// One item a line after a bullet ("•", "-", "*").
    Bulleted,
    /// One item a line after a number ("1.", "1)", "(1)").
    Numbered,
    /// One item a line with no marker.
    Lines,
    /// One country a line, opening it and followed by what is said of it ("Germany: visa-free for 30 days.").
    Keyed,
    /// The rows of a table (cells split by "|" or tabs).
    Table,
}

/// One item of a list.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The item as printed, without list punctuation ("the United Kingdom", "a copy of the passport").
    pub text: String,
    /// The country it names, when the kb knows the name.
    pub code: Option<Symbol>,
    /// Its line in the document (1-based).
    pub line: usize,
    /// Its bytes in the document.
    pub span: Span,
    /// The number printed before it, in a numbered list.
    pub number: Option<i64>,
}

/// A list: its items in order, its form, and the word that makes it partial.
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    pub form: Form,
    pub items: Vec<Item>,
    /// "including", "such as", "among them", "e.g.", "etc.": the list names some of the items only.
    pub partial: Option<String>,
}

impl List {
    pub fn new(form: Form, items: Vec<Item>) -> List {
        List { form, items, partial: None }
    }

    /// A list of countries: at least one item and at least half of them name a country the kb knows.
    pub fn is_countries(&self) -> bool {
        let known = self.items.iter().filter(|i| i.code.is_some()).count();
        known > 0 && 2 * known >= self.items.len()
    }

    pub fn size(&self) -> usize {
        self.items.len()
    }

    /// The first and last line of the list.
    pub fn lines(&self) -> (usize, usize) {
        let first = self.items.first().map(|i| i.line).unwrap_or(0);
        (first, self.items.last().map(|i| i.line).unwrap_or(first))
    }

    /// The bytes from the first item to the last.
    pub fn span(&self) -> Span {
        let start = self.items.first().map(|i| i.span.start).unwrap_or(0);
        let end = self.items.last().map(|i| i.span.end).unwrap_or(start);
        Span { start, end: end.max(start) }
    }

    /// The items named more than once: for each, every mention in order (a country by its code, anything else
    /// by its text in any case).
    pub fn repeated(&self) -> Vec<Vec<&Item>> {
        let key = |i: &Item| match i.code {
            Some(code) => format!("\u{0}{code}"),
            None => crate::query::names::key(&i.text),
        };
        let mut groups: std::collections::HashMap<String, Vec<&Item>> = std::collections::HashMap::new();
        let mut order = Vec::new();
        for item in &self.items {
            let k = key(item);
            if k.is_empty() {
                continue;
            }
            let group = groups.entry(k.clone()).or_default();
            if group.is_empty() {
                order.push(k);
            }
            group.push(item);
        }
        order.into_iter().filter_map(|k| groups.remove(&k)).filter(|g| g.len() > 1).collect()
    }
}

/// An item from its printed text at byte `at` of line `line`: trimmed of list punctuation, its country looked up.
pub fn item(table: &CountryTable, text: &str, at: usize, line: usize, number: Option<i64>) -> Option<Item> {
    let lead = text.len() - text.trim_start().len();
    let body = text.trim().trim_end_matches([',', ';', '.', ':', '*']).trim_end();
    // "Egypt (from May 15); and": the joining word of the line before the last item.
    let body = [" and", " or"]
        .iter()
        .find_map(|w| body.strip_suffix(w))
        .map(|b| b.trim_end().trim_end_matches([',', ';']).trim_end())
        .unwrap_or(body);
    if body.is_empty() || body.eq_ignore_ascii_case("etc") {
        return None;
    }
    let start = at + lead;
    let code = table.lookup(body).or_else(|| leading_country(table, body));
    Some(Item { text: body.to_string(), code, line, span: Span { start, end: start + body.len() }, number })
}

/// The country an item opens with before a dash, a colon or a bracket ("Turkey – 21 flights a week").
fn leading_country(table: &CountryTable, body: &str) -> Option<Symbol> {
    let cut = [" – ", " — ", " - ", ": ", " (", ", ", "; "].iter().filter_map(|s| body.find(s)).min()?;
    table.lookup(&body[..cut])
}
