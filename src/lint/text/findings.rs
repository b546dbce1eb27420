//! What the reader's counts and lists contradict, one finding per contradiction: a count that its list does not
//! match (L0001), two different totals for one list (L0021, instead of a mismatch for the wrong one), a name
//! listed twice (L0020), a numbered list with gaps (L0009, unless the only gap is the one the count mismatch
//! already reports), and, as notes, counts whose list cannot be found (L0022) or is partial (L0023).

use super::super::checks::numbering::Numbering;
use super::super::finding::{Finding, Place, Related};
use super::list::{Form, List};
use super::reading::{Count, Link, Placed, Reading};
use crate::diag::Code;
use crate::syntax::Span;
use std::collections::BTreeMap;

/// The document the findings point into: its file in the source map and its name.
pub struct Doc<'a> {
    pub file: usize,
    pub name: &'a str,
}

impl Doc<'_> {
    fn related(&self, span: Span, lines: (usize, usize), label: String) -> Related {
        Related {
            label: label.clone(),
            document: Some(self.name.to_string()),
            lines: Some(lines),
            place: Some(Place { file: self.file, span, label }),
            ..Related::default()
        }
    }

    /// The list as a related place: its first item (the whole list when it is on one line).
    fn list(&self, list: &List, label: String) -> Related {
        let (first, last) = list.lines();
        let span = match list.items.first() {
            Some(item) if first != last => item.span,
            _ => list.span(),
        };
        self.related(span, (first, last), label)
    }

    fn count(&self, c: &Count, label: String) -> Related {
        self.related(c.span, (c.line, c.line), label)
    }
}

/// Every finding of a reading.
pub fn check(doc: &Doc, reading: &Reading) -> Vec<Finding> {
    let mut by_list: BTreeMap<usize, Vec<&Count>> = BTreeMap::new();
    let mut out = Vec::new();
    for c in &reading.counts {
        match c.list {
            Some((l, _)) => by_list.entry(l).or_default().push(c),
            None => out.push(without_list(doc, c)),
        }
    }
    for (l, placed) in reading.lists.iter().enumerate() {
        let counts = by_list.remove(&l).unwrap_or_default();
        out.extend(check_list(doc, placed, &counts));
    }
    out
}

fn check_list(doc: &Doc, placed: &Placed, counts: &[&Count]) -> Vec<Finding> {
    let list = &placed.list;
    let mut out = Vec::new();
    // Lines keyed by a country may speak of one country twice ("Germany: ..." for two rules): a name is listed
    // twice there only in a list that a count speaks of.
    if !counts.is_empty() || (list.is_countries() && list.form != Form::Keyed) {
        out.extend(repeated(doc, list));
    }
    if let Some(word) = &list.partial {
        out.extend(counts.first().and_then(|c| partial(doc, c, list, word)));
        return out;
    }
    let mut values: Vec<&Count> = Vec::new();
    for c in counts {
        if !values.iter().any(|v| v.value == c.value) {
            values.push(c);
        }
    }
    match values.as_slice() {
        [] => {}
        [_] => out.extend(mismatch(doc, counts, list)),
        [first, second, ..] => out.push(two_totals(doc, first, second, list)),
    }
    let numbered = list.form == Form::Numbered && (list.is_countries() || !counts.is_empty());
    if numbered && (!counts.is_empty() || list.size() >= 2) {
        let stated = (values.len() == 1).then(|| values[0]);
        out.extend(numbering(doc, list, stated));
    }
    out
}

/// The count a mismatch is reported at: the first of those that found the list nearest (in its sentence, below
/// it, in the next sentence) rather than through a title or "these".
fn primary<'a>(counts: &[&'a Count]) -> &'a Count {
    let best = counts.iter().filter_map(|c| c.list.map(|(_, how)| how)).min().unwrap_or(Link::Inline);
    counts.iter().find(|c| c.list.is_some_and(|(_, how)| how == best)).copied().unwrap_or(counts[0])
}

/// L0001 when the one stated value differs from the number of items.
fn mismatch(doc: &Doc, counts: &[&Count], list: &List) -> Option<Finding> {
    let c = primary(counts);
    let size = list.size() as i64;
    if size == c.value {
        return None;
    }
    let message = format!("the text states {} {} but lists {size}", c.value, c.noun);
    let mut finding = Finding::new(Code::CountMismatch, message)
        .at(doc.file, c.span, format!("{} stated", c.value))
        .with(doc.list(list, format!("{size} listed{}", lines_of(list))));
    for other in counts.iter().filter(|o| o.span != c.span) {
        finding = finding.with(doc.count(other, format!("{} stated again", other.value)));
    }
    let unknown: Vec<&str> = list.items.iter().filter(|i| i.code.is_none()).map(|i| i.text.as_str()).collect();
    if !unknown.is_empty() && list.is_countries() {
        finding = finding.note(format!("not a known country name (counted as listed): {}", unknown.join(", ")));
    }
    let repeats: usize = list.repeated().iter().map(|m| m.len() - 1).sum();
    if repeats > 0 && size - repeats as i64 == c.value {
        finding = finding.note(format!("without the names listed again (L0020) the list has {}, as stated", c.value));
    }
    if list.form != Form::Numbered && size > c.value && c.value >= 0 {
        let extra: Vec<&str> = list.items.iter().skip(c.value as usize).map(|i| i.text.as_str()).collect();
        finding = finding.note(format!("items beyond the first {}: {}", c.value, extra.join(", ")));
    }
    Some(finding)
}

/// L0021: the first two different totals given for one list.
fn two_totals(doc: &Doc, first: &Count, second: &Count, list: &List) -> Finding {
    let size = list.size();
    let message = format!(
        "two totals for one list: {} {} on line {} and {} on line {}; the list has {size} items",
        first.value, first.noun, first.line, second.value, second.line
    );
    let agrees = [first, second].into_iter().find(|c| c.value == size as i64);
    let mut finding = Finding::new(Code::TwoTotals, message)
        .at(doc.file, first.span, format!("{} stated", first.value))
        .with(doc.count(second, format!("{} stated", second.value)))
        .with(doc.list(list, format!("{size} listed{}", lines_of(list))));
    if let Some(c) = agrees {
        finding = finding.note(format!("the list agrees with the total on line {}", c.line));
    }
    finding
}

/// L0020 for each item a list names more than once, at its second mention.
fn repeated(doc: &Doc, list: &List) -> Vec<Finding> {
    let mut out = Vec::new();
    for mentions in list.repeated() {
        let (first, second) = (mentions[0], mentions[1]);
        let times = match mentions.len() {
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        let message = if crate::query::names::key(&first.text) == crate::query::names::key(&second.text) {
            format!("{} is listed {times} in one list", second.text)
        } else {
            format!("{} is listed {times} in one list (first as {})", second.text, first.text)
        };
        let mut finding = Finding::new(Code::ListedTwice, message)
            .at(doc.file, second.span, "listed again")
            .with(doc.related(first.span, (first.line, first.line), format!("{} first listed here", first.text)));
        if mentions.len() > 2 {
            let lines: Vec<String> = mentions[2..].iter().take(10).map(|m| m.line.to_string()).collect();
            finding = finding.note(format!(
                "listed again on {} {}",
                crate::diag::noun_for(lines.len(), "line"),
                lines.join(", ")
            ));
        }
        out.push(finding);
    }
    out
}

/// L0022 for a count with no list.
fn without_list(doc: &Doc, c: &Count) -> Finding {
    let message = format!("the text states {} {} but no list of them can be found", c.value, c.noun);
    Finding::new(Code::CountWithoutList, message).at(doc.file, c.span, format!("{} stated", c.value))
}

/// L0023 for a count with a partial list that names fewer than it states; none when it names them all; L0001
/// when it names more countries than the count (each a different country the kb knows): "3 countries,
/// including Italy, Spain, Greece and Cyprus" contradicts itself however partial the list.
fn partial(doc: &Doc, c: &Count, list: &List, word: &str) -> Option<Finding> {
    let mut known: Vec<_> = list.items.iter().filter_map(|i| i.code).collect();
    known.sort();
    known.dedup();
    if c.kind == super::counts::NounKind::Countries && c.value >= 0 && known.len() as i64 > c.value {
        let message = format!("the text states {} {} but names {} of them", c.value, c.noun, known.len());
        let finding = Finding::new(Code::CountMismatch, message)
            .at(doc.file, c.span, format!("{} stated", c.value))
            .with(doc.list(list, format!("{} named{}", known.len(), lines_of(list))))
            .note(format!("the list is partial (\"{word}\") and still names more than the count"));
        return Some(finding);
    }
    if list.size() as i64 >= c.value {
        return None;
    }
    let message = format!(
        "the text states {} {} and names {} of them (\"{word}\"): a partial list is not compared",
        c.value,
        c.noun,
        list.size()
    );
    let finding = Finding::new(Code::PartialList, message)
        .at(doc.file, c.span, format!("{} stated", c.value))
        .with(doc.list(list, format!("{} named", list.size())));
    Some(finding)
}

/// " on lines 7-12" for a list of several lines, nothing for an inline one.
fn lines_of(list: &List) -> String {
    match list.lines() {
        (a, b) if a != b => format!(" on lines {a}-{b}"),
        _ => String::new(),
    }
}

/// L0009 for a numbered list whose numbers skip, repeat or run out of order. A list that falls short of (or
/// runs past) its count and is otherwise clean is left to the count mismatch: one finding per contradiction.
fn numbering(doc: &Doc, list: &List, stated: Option<&Count>) -> Option<Finding> {
    let numbers: Vec<i64> = list.items.iter().filter_map(|i| i.number).collect();
    if Numbering::analyse(&numbers, None).is_clean() {
        return None;
    }
    let numbering = Numbering::analyse(&numbers, stated.map(|s| s.value));
    let message = format!("the numbered list {} ({})", numbering.describe(), numbering.size());
    let span = list.items.first().map(|i| i.span).unwrap_or_default();
    let mut finding = Finding::new(Code::NumberingGap, message).at(doc.file, span, numbering.size());
    if let Some(s) = stated {
        finding = finding.with(doc.count(s, format!("{} stated", s.value)));
    }
    let entries: Vec<(i64, usize)> = list.items.iter().filter_map(|i| i.number.map(|n| (n, i.line))).collect();
    for note in numbering.gap_notes(&entries) {
        finding = finding.note(note);
    }
    Some(finding)
}
