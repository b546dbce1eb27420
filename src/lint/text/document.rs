//! A plain document read as the text linter needs it: stated counts of countries, the lists that follow them
//! (inline after a colon, as bullets or numbered items on the next lines, or attached further down as an annex),
//! and numbered country lists that stand alone.

use super::names::{split_names, CountryTable, Name};
use super::scan::{self, Marker};
use crate::syntax::Span;

/// A stated count and the names listed with it, when a list goes with it.
#[derive(Debug)]
pub struct Stated {
    pub count: i64,
    pub line: usize,
    pub span: Span,
    pub list: Option<List>,
}

/// One entry of a list: a line of bullets or numbers, or one name of an inline enumeration.
#[derive(Clone, Debug)]
pub struct Entry {
    pub line: usize,
    pub number: Option<i64>,
    pub span: Span,
    pub names: Vec<Name>,
}

#[derive(Clone, Debug, Default)]
pub struct List {
    pub entries: Vec<Entry>,
    pub numbered: bool,
}

impl List {
    /// A list of countries: at least half its entries name only known countries (an entry of prose that
    /// happens to end with a few country names is not one).
    pub fn is_countries(&self) -> bool {
        let known =
            self.entries.iter().filter(|e| !e.names.is_empty() && e.names.iter().all(|n| n.code.is_some())).count();
        !self.entries.is_empty() && 2 * known >= self.entries.len()
    }

    /// How many items the list has: numbered entries, or names.
    pub fn size(&self) -> usize {
        if self.numbered {
            self.entries.len()
        } else {
            self.entries.iter().map(|e| e.names.len().max(1)).sum()
        }
    }

    pub fn names(&self) -> impl Iterator<Item = &Name> {
        self.entries.iter().flat_map(|e| e.names.iter())
    }

    pub fn span(&self) -> Span {
        let start = self.entries.first().map(|e| e.span.start).unwrap_or(0);
        let end = self.entries.last().map(|e| e.span.end).unwrap_or(start);
        Span { start, end: end.max(start) }
    }
}

/// What the document states: every count (with its list when one goes with it) and the numbered country lists
/// no count claims.
#[derive(Debug, Default)]
pub struct Reading {
    pub stated: Vec<Stated>,
    pub numbered: Vec<List>,
}

struct Line<'a> {
    no: usize,
    start: usize,
    text: &'a str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut start = 0;
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        out.push(Line { no: i + 1, start, text: raw.trim_end_matches('\r') });
        start += raw.len() + 1;
    }
    out
}

/// Runs of list entries: bullets must be on consecutive lines; numbered items may have blank lines between
/// them (annexes print one item per paragraph). Any other line ends a run.
fn runs(lines: &[Line], table: &CountryTable) -> Vec<List> {
    let mut out: Vec<List> = Vec::new();
    let mut current: Option<List> = None;
    for line in lines {
        let item = scan::item(line.text);
        let blank = line.text.trim().is_empty();
        let numbered = matches!(item.as_ref().map(|i| i.marker), Some(Marker::Number(_)));
        let keeps = match (&current, &item) {
            (Some(list), Some(_)) => list.numbered == numbered,
            (Some(list), None) => blank && list.numbered,
            (None, _) => false,
        };
        if !keeps {
            out.extend(current.take().filter(|l| !l.entries.is_empty()));
        }
        let Some(item) = item else { continue };
        let start = line.start + item.at;
        let entry = Entry {
            line: line.no,
            number: match item.marker {
                Marker::Number(n) => Some(n),
                Marker::Bullet => None,
            },
            span: Span { start, end: start + item.text.len() },
            names: split_names(table, item.text, start),
        };
        current.get_or_insert_with(|| List { entries: Vec::new(), numbered }).entries.push(entry);
    }
    out.extend(current.filter(|l| !l.entries.is_empty()));
    out
}

/// Reads the document: counts, the lists that go with them, and unclaimed numbered country lists. A list ends
/// where the next count is stated, so that every list is read once: with lists running on past later counts, a
/// line of 10,000 counts held 10,000 lists of up to 10,000 names.
pub fn read(text: &str, table: &CountryTable) -> Reading {
    let lines = lines(text);
    let runs = runs(&lines, table);
    let found: Vec<Vec<scan::Count>> = lines.iter().map(|l| scan::counts(l.text)).collect();
    let counted: Vec<bool> = found.iter().map(|f| !f.is_empty()).collect();
    let mut used = vec![false; runs.len()];
    let mut reading = Reading::default();
    let mut attached: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let attachment = counted[i] && mentions_attachment(line.text);
        for (k, c) in found[i].iter().enumerate() {
            let span = Span { start: line.start + c.start, end: line.start + c.end };
            let next_count = found[i].get(k + 1).map(|n| n.start).unwrap_or(line.text.len());
            let between = &line.text[c.end..next_count];
            let colon = between.find(':').filter(|p| !between[..*p].contains(". "));
            let list = match colon {
                Some(p) if !line.text[c.end + p + 1..].trim_start().is_empty() => {
                    Some(inline(table, line, c.end + p + 1, next_count))
                }
                Some(_) => following(&lines[i + 1..], line.no, &runs, &counted, &mut used),
                None => None,
            };
            if colon.is_none() && attachment {
                attached.push(reading.stated.len());
            }
            reading.stated.push(Stated { count: c.count, line: line.no, span, list });
        }
    }
    // Counts whose list "is attached" take the numbered country lists that follow them, in order.
    let mut pending = attached.into_iter().peekable();
    for (r, run) in runs.iter().enumerate() {
        // A lone numbered line is a paragraph heading, not a list.
        if used[r] || !run.numbered || run.entries.len() < 2 || !run.is_countries() {
            continue;
        }
        let first = run.entries.first().map(|e| e.line).unwrap_or(0);
        match pending.peek().copied() {
            Some(s) if reading.stated.get(s).is_some_and(|st| st.line < first) => {
                pending.next();
                reading.stated[s].list = Some(run.clone());
            }
            _ => reading.numbered.push(run.clone()),
        }
    }
    reading
}

fn mentions_attachment(line: &str) -> bool {
    let lower = line.to_lowercase();
    ["attached", "annex", "appendix"].iter().any(|w| lower.contains(w))
}

/// The names after the colon (byte `from` of the line), up to the end of the sentence (". "), the next count
/// (byte `to`) or the line.
fn inline(table: &CountryTable, line: &Line, from: usize, to: usize) -> List {
    let rest = &line.text[from..to.max(from)];
    let rest = &rest[..rest.find(". ").map(|p| p + 1).unwrap_or(rest.len())];
    let names = split_names(table, rest, line.start + from);
    let entries = names
        .into_iter()
        .map(|n| Entry {
            line: line.no,
            number: None,
            span: Span { start: n.offset, end: n.offset + n.text.len() },
            names: vec![n],
        })
        .collect();
    List { entries, numbered: false }
}

/// The entries after line `after` of the run that the next non-blank line belongs to (the count may itself
/// stand on a bullet line of that run), up to the next line that states a count (`counted`, by line index).
fn following(rest: &[Line], after: usize, runs: &[List], counted: &[bool], used: &mut [bool]) -> Option<List> {
    let next = rest.iter().find(|l| !l.text.trim().is_empty())?;
    // Runs are in line order and so are their entries: both are searched by bisection.
    let r = runs.partition_point(|run| run.entries.last().is_some_and(|e| e.line < next.no));
    let run = runs.get(r).filter(|run| run.entries.binary_search_by_key(&next.no, |e| e.line).is_ok())?;
    let start = run.entries.partition_point(|e| e.line <= after);
    let entries: Vec<Entry> = run.entries[start..]
        .iter()
        .take_while(|e| !counted.get(e.line - 1).copied().unwrap_or(false))
        .cloned()
        .collect();
    used[r] = true;
    Some(List { entries, numbered: run.numbered })
}
