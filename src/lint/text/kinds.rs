//! What each line of a plain document is, for finding lists of lines: blank, a page break ("Page 2 of 3", "- 2 -",
//! a form feed), a bulleted or numbered item, a row of a table, a line that opens with a country and what is
//! said of it ("Germany: visa-free for 30 days.", "France – from June 1", "Italy (since May 2021)"), or prose.
//! Some shapes are items only among their neighbours: a number and a space ("1 Germany") is a marker when it
//! names a country or the lines beside it carry the numbers before and after it; a line keyed by a country is an
//! item when another such line stands beside it; a row of a table needs another row.

use super::list::item;
use super::names::CountryTable;
use super::reading::Line;
use super::scan::{self, Marker};

/// What a line is, for finding blocks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Blank,
    /// A page break, or a page's number standing alone: a list may go on after it.
    Break,
    Marked(Marker),
    Table(char),
    /// A line that opens with a country and says something of it, beside another such line.
    Keyed,
    Prose,
}

/// Blank lines (and page breaks) that may stand between two lines keyed by a country, or two numbered lines.
pub const KEYED_GAP: usize = 2;

/// The kind of every line.
pub fn kinds(table: &CountryTable, lines: &[Line]) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = lines.iter().map(|l| kind(l.text)).collect();
    // A row of a table needs another row beside it: a lone line with a "|" ("June 6, 2021 | Business visa") is
    // prose.
    for i in 0..kinds.len() {
        if let Kind::Table(sep) = kinds[i] {
            let beside = |j: Option<usize>| j.and_then(|j| kinds.get(j)) == Some(&Kind::Table(sep));
            if !beside(i.checked_sub(1)) && !beside(Some(i + 1)) {
                kinds[i] = kind_without_table(lines[i].text);
            }
        }
    }
    bare_numbers(table, lines, &mut kinds);
    keyed(table, lines, &mut kinds);
    kinds
}

/// The line's list item, when it is marked: a bullet or a number with its punctuation, or a bare number that
/// `kinds` took for a marker.
pub fn marked_item(line: &str) -> Option<scan::Item<'_>> {
    scan::item(line).or_else(|| scan::bare(line))
}

fn kind_without_table(line: &str) -> Kind {
    match scan::item(line) {
        Some(it) => Kind::Marked(it.marker),
        None => Kind::Prose,
    }
}

/// The kind of a line on its own.
fn kind(line: &str) -> Kind {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Kind::Blank;
    }
    if page_break(trimmed) {
        return Kind::Break;
    }
    for sep in ['|', '\t'] {
        if trimmed.split(sep).filter(|c| !c.trim().is_empty()).count() >= 2 {
            return Kind::Table(sep);
        }
    }
    // Columns aligned with spaces: cells apart by three spaces or more.
    if trimmed.split("   ").filter(|c| !c.trim().is_empty()).count() >= 2 && scan::item(line).is_none() {
        return Kind::Table(' ');
    }
    kind_without_table(line)
}

/// A line that only marks a new page: "Page 2", "page 2 of 5", "- 2 -", "— 2 —", "[page break]", "--- Page 3
/// ---" (a number alone is not enough: it may be an item or an amount).
fn page_break(trimmed: &str) -> bool {
    let inner = trimmed.trim_matches(|c: char| "-–—=*_[]<>(){}|#~ ".contains(c) || c == '\u{c}');
    let lower = inner.to_lowercase();
    if lower == "page break" || lower == "pagebreak" {
        return true;
    }
    let number = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = lower.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    let paged = match words.as_slice() {
        ["page" | "p." | "pg.", n] => number(n),
        ["page" | "p." | "pg.", n, m] => number(n) && number(m),
        ["page" | "p." | "pg.", n, "of", m] => number(n) && number(m),
        _ => false,
    };
    // "- 2 -": a number set between two marks of the same kind.
    let framed = trimmed.len() > inner.len()
        && number(inner)
        && trimmed.chars().next() == trimmed.chars().last()
        && trimmed.starts_with(['-', '–', '—', '=', '*']);
    paged || framed
}

/// Lines of prose that open with a bare number ("1 Germany") become numbered items when the item names a
/// country or a neighbouring line (blank lines between allowed) carries the number before or after.
fn bare_numbers(table: &CountryTable, lines: &[Line], kinds: &mut [Kind]) {
    let numbers: Vec<Option<i64>> = lines
        .iter()
        .zip(kinds.iter())
        .map(|(l, k)| match (k, scan::bare(l.text)) {
            (Kind::Prose, Some(it)) => match it.marker {
                Marker::Number(n) => Some(n),
                Marker::Bullet => None,
            },
            _ => None,
        })
        .collect();
    for i in 0..lines.len() {
        let Some(n) = numbers[i] else { continue };
        let country = scan::bare(lines[i].text).and_then(|it| item(table, it.text, 0, 0, None)).and_then(|it| it.code);
        let before = neighbour(kinds, i, -1).and_then(|j| numbers[j]) == Some(n - 1);
        let after = neighbour(kinds, i, 1).and_then(|j| numbers[j]) == Some(n + 1);
        if country.is_some() || before || after {
            kinds[i] = Kind::Marked(Marker::Number(n));
        }
    }
}

/// The nearest line before (`step` -1) or after (`step` 1) line `i` that is not blank nor a page break, with at
/// most `KEYED_GAP` of those between.
fn neighbour(kinds: &[Kind], i: usize, step: isize) -> Option<usize> {
    let mut j = i;
    for _ in 0..=KEYED_GAP {
        j = j.checked_add_signed(step).filter(|j| *j < kinds.len())?;
        if !matches!(kinds[j], Kind::Blank | Kind::Break) {
            return Some(j);
        }
    }
    None
}

/// Lines of prose keyed by a country become `Keyed` when a neighbouring line is keyed too.
fn keyed(table: &CountryTable, lines: &[Line], kinds: &mut [Kind]) {
    let keys: Vec<bool> = lines
        .iter()
        .zip(kinds.iter())
        .map(|(l, k)| *k == Kind::Prose && country_key(table, l.text).is_some())
        .collect();
    for i in 0..lines.len() {
        let beside = |step| neighbour(kinds, i, step).is_some_and(|j| keys[j]);
        if keys[i] && (beside(-1) || beside(1)) {
            kinds[i] = Kind::Keyed;
        }
    }
}

/// Where the country that keys a line ends (a byte of the line), when the line opens with a country the kb knows
/// and then says something of it: after a colon or a spaced dash ("Germany: visa-free for 30 days.", "France –
/// from June 1"), or in a bracket that ends the line or comes before such a mark ("Italy (since May 2021)",
/// "Spain (land border): closed").
pub fn country_key(table: &CountryTable, text: &str) -> Option<usize> {
    const MARKS: [&str; 5] = [": ", " – ", " — ", " - ", " ("];
    let lead = text.len() - text.trim_start().len();
    // "Egypt (from May 15); and": the joining word of an item before the last goes with the punctuation.
    let t = text.trim().trim_end_matches(['.', ',', ';']);
    let t = [" and", " or"].iter().find_map(|w| t.strip_suffix(w)).unwrap_or(t).trim_end_matches([',', ';', ':']);
    let (at, mark) = MARKS.iter().filter_map(|m| t.find(m).map(|p| (p, *m))).min()?;
    let capital = t.starts_with(char::is_uppercase) || t.starts_with("the ");
    if !capital || table.lookup(&t[..at]).is_none() {
        return None;
    }
    if mark == " (" {
        let close = at + t[at..].find(')')?;
        let rest = t[close + 1..].trim_start();
        if !(rest.is_empty() || rest.starts_with([':', '–', '—', '-'])) {
            return None;
        }
    }
    Some(lead + at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::reading::lines;

    fn table() -> CountryTable {
        CountryTable::from_pairs(&[("Germany", "de"), ("France", "fr"), ("Italy", "it"), ("United Kingdom", "gb")])
    }

    fn of(text: &str) -> Vec<Kind> {
        kinds(&table(), &lines(text, 1, 0))
    }

    #[test]
    fn page_breaks() {
        for line in ["Page 2", "page 2 of 5", "- 2 -", "— 12 —", "[page break]", "--- Page 3 ---", "p. 4/7", "\u{c}"]
        {
            assert!(matches!(kind(line), Kind::Break | Kind::Blank), "{line:?}");
        }
        for line in ["2", "- 2", "Page two of the decree", "--- ---", "(2)"] {
            assert_ne!(kind(line), Kind::Break, "{line:?}");
        }
    }

    #[test]
    fn bare_numbers_need_a_country_or_their_neighbours() {
        let m = |n| Kind::Marked(Marker::Number(n));
        assert_eq!(of("1 Germany\n2 Lower Saxony\n3 Unknown"), [m(1), m(2), m(3)]);
        assert_eq!(of("2 Germany"), [m(2)]);
        assert_eq!(of("Text\n5 Tourists arrived\nMore text"), [Kind::Prose, Kind::Prose, Kind::Prose]);
        assert_eq!(of("5 Tourists arrived\n7 Guides left"), [Kind::Prose, Kind::Prose]);
    }

    #[test]
    fn lines_keyed_by_a_country_stand_together() {
        let key = |text| country_key(&table(), text);
        assert_eq!(key("Germany: visa-free for 30 days."), Some(7));
        assert_eq!(key("  the United Kingdom – from June 1"), Some(20));
        assert_eq!(key("Italy (since May 2021)."), Some(5));
        assert_eq!(key("Italy (land border): closed"), Some(5));
        assert_eq!(key("Italy (since May) has reopened its border."), None);
        assert_eq!(key("Germany has reopened: flights resume."), None);
        assert_eq!(key("Lower Saxony: closed"), None);
        assert_eq!(key("Italy (from May 15); and"), Some(5));
        let k = Kind::Keyed;
        assert_eq!(of("Germany: open.\nFrance: open.\n\nItaly: closed."), [k, k, Kind::Blank, k]);
        assert_eq!(of("Germany: open.\nThe rest is prose."), [Kind::Prose, Kind::Prose]);
    }
}
