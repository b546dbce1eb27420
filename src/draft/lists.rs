//! Claims about the article's lists and counts: the counts and lists the linter's raw-text reader finds
//! (`lint::text`), enumerations of countries that give a state ("to date, flights with A, B, C"), the lists an
//! announcement names (`added`, `removed`), and sentences that speak of the last list ("these countries").

use super::facts::{EventRecord, Extraction};
use super::patterns::{Cue, Event};
use super::quote::{quote_of, QUOTE_WORDS};
use super::reading::Reading;
use super::text;
use super::{claim_name, DraftClaim};
use crate::lint::text::document;
use crate::lint::text::NounKind;
use crate::program::ClaimKind;
use crate::symbol::Symbol;
use crate::time::Day;
use std::collections::{HashMap, HashSet};

/// The linter's reader sees the article in windows of this many lines, so that a huge file stays linear.
const WINDOW: usize = 2000;

/// A count (with the list that goes with it) found by the linter's reader, placed on the drafter's units.
struct Counted {
    unit: usize,
    count: i64,
    /// Where the count starts and ends in the unit's sentence.
    start: usize,
    end: usize,
    /// The listed names with their codes, when a country list goes with the count.
    list: Option<Vec<(String, Option<Symbol>)>>,
}

fn counted(reading: &Reading, first: usize, last: usize) -> Vec<Counted> {
    let table = reading.drafter.countries.table();
    let mut out = Vec::new();
    let mut from = first;
    while from <= last {
        let to = (from + WINDOW - 1).min(last);
        let span = reading.doc.span_of_lines(from, to);
        let window = reading.doc.slice(span);
        let found = document::read(window, table);
        for c in found.counts.iter().filter(|c| c.kind == NounKind::Countries) {
            let at = span.start + c.span.start;
            let Some(unit) = unit_at(reading, at) else { continue };
            let base = reading.units[unit].span.start;
            let start = at.saturating_sub(base);
            let end = (span.start + c.span.end).saturating_sub(base);
            // A partial list ("such as A, B") gives the count, not the members.
            let list = found
                .list_of(c)
                .filter(|p| p.list.is_countries() && p.list.partial.is_none())
                .map(|p| p.list.items.iter().map(|i| (i.text.clone(), i.code)).collect::<Vec<_>>());
            out.push(Counted { unit, count: c.value, start, end, list });
        }
        from = to + 1;
    }
    out
}

/// The unit whose span holds byte `at` (units are in document order).
fn unit_at(reading: &Reading, at: usize) -> Option<usize> {
    let i = reading.units.partition_point(|u| u.span.start <= at).checked_sub(1)?;
    (at < reading.units[i].span.end).then_some(i)
}

/// The claims of the article, in document order, each list once.
pub fn claims(reading: &Reading, extraction: &Extraction, first: usize, last: usize) -> Vec<DraftClaim> {
    let mut out: Vec<DraftClaim> = Vec::new();
    let counted = counted(reading, first, last);
    let counted_units: HashSet<usize> = counted.iter().map(|c| c.unit).collect();
    let mut by_unit: HashMap<usize, Vec<&Counted>> = HashMap::new();
    for c in &counted {
        by_unit.entry(c.unit).or_default().push(c);
    }
    for u in 0..reading.units.len() {
        let here = by_unit.get(&u).cloned().unwrap_or_default();
        for (i, c) in here.iter().enumerate() {
            let from = if i == 0 { 0 } else { here[i - 1].end };
            let to = here.get(i + 1).map(|n| n.start).unwrap_or(reading.text(u).len());
            out.extend(count_claim(reading, extraction, c, clause(reading.text(u), c, (from, to))));
        }
        if !counted_units.contains(&u) {
            out.extend(enumeration(reading, u));
        }
        for e in extraction.events_of(u) {
            let counted_here = by_unit.get(&u).is_some_and(|cs| cs.iter().any(|c| c.list.is_some()));
            if !counted_here {
                out.extend(event_claim(reading, e));
            }
        }
        if let Some(claim) = reference(reading, u, &out) {
            out.push(claim);
        }
    }
    dedupe(out, &reading.doc.name)
}

/// The clause of `sentence` that holds count `c`, within `limits` (between the neighbouring counts): its topic
/// is the count's.
fn clause(sentence: &str, c: &Counted, limits: (usize, usize)) -> (usize, usize) {
    let (mut from, mut to) = limits;
    for brk in text::CLAUSE_BREAKS {
        for (p, _) in sentence.match_indices(brk) {
            if p + brk.len() <= c.start {
                from = from.max(p + brk.len());
            } else if p >= c.end {
                to = to.min(p);
            }
        }
    }
    (from, to.max(from))
}

/// The date a state is given for: the sentence's `as of` date, else the date it says the state holds from
/// ("From March 5, direct flights will be open with 37 countries"), else, for a sentence about the future, the
/// date of the sentence before ("... from July 1. The regime will cover 75 countries."), else the publication date.
fn state_date(reading: &Reading, u: usize) -> Day {
    let dates = reading.dates(u);
    let cued = |cue: Cue| dates.iter().find(|d| d.cue == Some(cue)).map(|d| d.day);
    let future = || {
        let before = u.checked_sub(1).filter(|_| reading.drafter.patterns.is_future(reading.text(u)))?;
        reading.dates(before).iter().find(|d| d.cue == Some(Cue::Effective)).map(|d| d.day)
    };
    cued(Cue::AsOf).or_else(|| cued(Cue::Effective)).or_else(future).unwrap_or(reading.published)
}

fn count_claim(reading: &Reading, extraction: &Extraction, c: &Counted, clause: (usize, usize)) -> Option<DraftClaim> {
    let sentence = reading.text(c.unit);
    let about = sentence.get(clause.0..clause.1).and_then(|t| reading.drafter.patterns.topic(t))?;
    let quote = quote_to(sentence, c.end);
    let unit = &reading.units[c.unit];
    let base = |kind, date| DraftClaim {
        name: String::new(),
        about,
        kind,
        date,
        count: Some(c.count),
        members: Vec::new(),
        unmapped: Vec::new(),
        quote: quote.clone(),
        line: unit.line,
        unit: c.unit,
    };
    let Some(list) = &c.list else { return Some(base(ClaimKind::Count, state_date(reading, c.unit))) };
    let event = extraction.events_of(c.unit).iter().find(|e| e.pred == about);
    let state = reading.drafter.patterns.is_state(sentence);
    let mut claim = match event {
        Some(e) if !state => base(if e.event == Event::Until { ClaimKind::Removed } else { ClaimKind::Added }, e.day),
        _ => base(ClaimKind::Snapshot, state_date(reading, c.unit)),
    };
    for (name, code) in list {
        match code {
            Some(code) if reading.drafter.countries.is_home(*code) => {}
            Some(code) => claim.members.push(*code),
            None => claim.unmapped.push(name.clone()),
        }
    }
    Some(claim)
}

/// An enumeration of at least three countries in a sentence that gives a state of a topic, with no count.
fn enumeration(reading: &Reading, u: usize) -> Option<DraftClaim> {
    let sentence = reading.text(u);
    let patterns = &reading.drafter.patterns;
    if !patterns.is_state(sentence) {
        return None;
    }
    let about = patterns.topic(sentence)?;
    let found = reading.drafter.countries.find(sentence);
    let foreign: Vec<_> = found.iter().filter(|f| !reading.drafter.countries.is_home(f.code)).collect();
    let mut members: Vec<Symbol> = Vec::new();
    for f in &foreign {
        if !members.contains(&f.code) {
            members.push(f.code);
        }
    }
    if members.len() < 3 {
        return None;
    }
    let end = foreign.first().map(|f| f.end).unwrap_or(sentence.len());
    Some(DraftClaim {
        name: String::new(),
        about,
        kind: ClaimKind::Snapshot,
        date: state_date(reading, u),
        count: None,
        members,
        unmapped: Vec::new(),
        quote: quote_to(sentence, end),
        line: reading.units[u].line,
        unit: u,
    })
}

/// The list an announcement names: `added` for a start, `removed` for an end.
fn event_claim(reading: &Reading, e: &EventRecord) -> Option<DraftClaim> {
    let kind = match e.event {
        Event::From | Event::FromPeriod => ClaimKind::Added,
        Event::Until => ClaimKind::Removed,
        _ => return None,
    };
    if e.countries.is_empty() {
        return None;
    }
    Some(DraftClaim {
        name: String::new(),
        about: e.pred,
        kind,
        date: e.day,
        count: None,
        members: e.countries.clone(),
        unmapped: Vec::new(),
        quote: e.quote.clone(),
        line: reading.units[e.unit].line,
        unit: e.unit,
    })
}

/// A sentence about "these countries" of another topic than the last list's: the same members, kind and day.
fn reference(reading: &Reading, u: usize, before: &[DraftClaim]) -> Option<DraftClaim> {
    let sentence = reading.text(u);
    let patterns = &reading.drafter.patterns;
    if !patterns.is_reference(sentence) || !reading.drafter.countries.foreign(sentence).is_empty() {
        return None;
    }
    let about = patterns.topic(sentence)?;
    let last = before.iter().rev().find(|c| !c.members.is_empty() && c.unit < u)?;
    if last.about == about {
        return None;
    }
    let (s, e) = text::word_window(sentence, 0, QUOTE_WORDS);
    Some(DraftClaim {
        name: String::new(),
        about,
        kind: last.kind,
        date: last.date,
        count: None,
        members: last.members.clone(),
        unmapped: Vec::new(),
        quote: quote_of(&sentence[s..e], None, None),
        line: reading.units[u].line,
        unit: u,
    })
}

/// The sentence up to byte `end` (the count or the first name), at most `QUOTE_WORDS` words ending there.
fn quote_to(sentence: &str, end: usize) -> String {
    let mut end = end.min(sentence.len());
    while !sentence.is_char_boundary(end) {
        end -= 1;
    }
    let head = &sentence[..end];
    let words: Vec<(usize, &str)> =
        head.split_whitespace().map(|w| (w.as_ptr() as usize - head.as_ptr() as usize, w)).collect();
    let start = words.len().checked_sub(QUOTE_WORDS).map(|i| words[i].0).unwrap_or(0);
    quote_of(&head[start..], None, None)
}

/// Each list once (the archive prints articles twice), named after its line (`_a`, `_b` when a line has two).
fn dedupe(claims: Vec<DraftClaim>, doc: &str) -> Vec<DraftClaim> {
    let mut seen = HashSet::new();
    let mut kept: Vec<DraftClaim> = Vec::new();
    for claim in claims {
        let mut members = claim.members.iter().map(|m| m.as_str()).collect::<Vec<_>>();
        members.sort_unstable();
        let key =
            (claim.about, claim.kind.name(), claim.date, claim.count, members.join(","), claim.unmapped.join(","));
        if seen.insert(key) {
            kept.push(claim);
        }
    }
    let mut names: HashMap<String, usize> = HashMap::new();
    for claim in &kept {
        *names.entry(claim_name(doc, claim.line)).or_default() += 1;
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    for claim in &mut kept {
        let base = claim_name(doc, claim.line);
        if names[&base] > 1 {
            let n = used.entry(base.clone()).or_default();
            claim.name = format!("{base}_{}", (b'a' + (*n % 26) as u8) as char);
            if *n >= 26 {
                claim.name.push_str(&(*n / 26).to_string());
            }
            *n += 1;
        } else {
            claim.name = base;
        }
    }
    kept
}
