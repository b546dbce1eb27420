//! Candidate facts: each sentence of the article is matched against the phrase table; a matching phrase gives
//! its predicate an event, dated by the cues around the sentence's dates (or the publication date), for each
//! country the sentence or the list it introduces names.

use super::patterns::{Cue, Event, Phrase, Slot};
use super::quote::quote_of;
use super::reading::{DateAt, Reading};
use super::slots;
use super::text;
use super::{DraftClaim, DraftFact, Skipped};
use crate::symbol::Symbol;
use crate::syntax::{Basis, FactTime};
use crate::time::{Day, Interval};
use crate::value::Value;
use std::collections::HashSet;

/// One event a sentence states: the predicate, its countries (none for a predicate without arguments), when.
#[derive(Clone, Debug)]
pub struct EventRecord {
    pub unit: usize,
    pub pred: Symbol,
    pub event: Event,
    pub day: Day,
    pub basis: Basis,
    /// The exclusive end of a stated period.
    pub until: Option<Day>,
    /// The lead sentence whose date the event took.
    pub lead: Option<usize>,
    pub countries: Vec<Symbol>,
    /// The argument tuples of the facts it gives (one empty tuple for a predicate without arguments).
    pub tuples: Vec<Vec<Value>>,
    pub quote: String,
}

#[derive(Default)]
pub struct Extraction {
    pub facts: Vec<DraftFact>,
    /// In unit order.
    pub events: Vec<EventRecord>,
    /// Units that stated something, and why others were set aside (in unit order).
    pub used: HashSet<usize>,
    pub notes: Vec<(usize, String)>,
}

impl Extraction {
    /// The events of unit `u` (a slice: events are kept in unit order, so a lookup is a binary search).
    pub fn events_of(&self, u: usize) -> &[EventRecord] {
        let from = self.events.partition_point(|e| e.unit < u);
        let to = self.events.partition_point(|e| e.unit <= u);
        &self.events[from..to]
    }

    fn note_of(&self, u: usize) -> Option<&str> {
        let i = self.notes.partition_point(|(n, _)| *n < u);
        self.notes.get(i).filter(|(n, _)| *n == u).map(|(_, w)| w.as_str())
    }
}

impl Reading<'_> {
    pub fn extract(&self) -> Extraction {
        let mut out = Extraction::default();
        let mut seen = HashSet::new();
        for u in 0..self.units.len() {
            for event in self.events_of(u, &mut out.notes) {
                out.used.insert(u);
                out.used.extend(event.lead);
                for fact in self.facts_of(&event) {
                    if seen.insert((fact.pred, fact.args.clone(), format!("{:?}", fact.time))) {
                        out.facts.push(fact);
                    }
                }
                out.events.push(event);
            }
        }
        out
    }

    /// The events unit `u` states: for each predicate, the first phrase of the table that matches.
    fn events_of(&self, u: usize, notes: &mut Vec<(usize, String)>) -> Vec<EventRecord> {
        let sentence = self.text(u);
        let patterns = &self.drafter.patterns;
        let mut out = Vec::new();
        for seg in self.segments(u) {
            let part = &sentence[seg.0..seg.1];
            let mut done: Vec<Symbol> = Vec::new();
            for phrase in &patterns.phrases {
                if done.contains(&phrase.pred)
                    || !phrase.matcher.is_match(part)
                    || patterns.blocked(phrase.pred, part)
                    || patterns.describes(phrase.pred, part)
                {
                    continue;
                }
                done.push(phrase.pred);
                match self.event(u, seg, phrase) {
                    Ok(Some(e)) => out.push(e),
                    Ok(None) => {}
                    Err(why) => notes.push((u, why)),
                }
            }
        }
        out
    }

    /// The parts of unit `u` read on their own: its clauses when two or more of them carry their own date
    /// ("flights with China restored since April 1, and flights to Mongolia resume from April 15"), each
    /// undated clause joined to the one before it; else the whole sentence.
    fn segments(&self, u: usize) -> Vec<(usize, usize)> {
        let sentence = self.text(u);
        let whole = vec![(0, sentence.len())];
        let clauses = text::clauses(sentence);
        let dated = self.dates(u);
        let has_date = |c: &(usize, usize)| dated.iter().any(|d| d.start >= c.0 && d.end <= c.1);
        if clauses.iter().filter(|c| has_date(c)).count() < 2 {
            return whole;
        }
        let mut out: Vec<(usize, usize)> = Vec::new();
        for c in clauses {
            match out.last_mut() {
                Some(last) if !has_date(&c) => last.1 = c.1,
                _ => out.push(c),
            }
        }
        if let (Some(first), Some(second)) = (out.first().copied(), out.get(1).copied()) {
            if !has_date(&first) {
                out[1] = (first.0, second.1);
                out.remove(0);
            }
        }
        out
    }

    /// The event of `phrase` in unit `u`, `Ok(None)` when the sentence states none after all (a state with no
    /// date, no country for a predicate that needs one), `Err` with the reason when its dates make no event.
    fn event(&self, u: usize, seg: (usize, usize), phrase: &Phrase) -> Result<Option<EventRecord>, String> {
        let sentence = self.text(u);
        let part = &sentence[seg.0..seg.1];
        let dated: Vec<DateAt> = self.dates(u).into_iter().filter(|d| d.start >= seg.0 && d.end <= seg.1).collect();
        let cued = |dates: &[DateAt], cue: Cue| dates.iter().find(|d| d.cue == Some(cue)).copied();
        let state = self.drafter.patterns.is_state(part);
        // "no longer mandatory ... as of March 28": an `as of` date dates a change when nothing else does.
        let as_of = (!state && matches!(phrase.event, Event::From | Event::Until)).then(|| cued(&dated, Cue::AsOf));
        let own_start = cued(&dated, Cue::Effective).or_else(|| cued(&dated, Cue::Decision)).or(as_of.flatten());
        if state && own_start.is_none() && matches!(phrase.event, Event::From | Event::Until | Event::FromPeriod) {
            return Ok(None);
        }
        let slots = self.drafter.patterns.slots(phrase.pred, self.drafter.arity(phrase.pred));
        let near = phrase.matcher.first_match(part).map(|(a, _)| a + seg.0).unwrap_or(seg.0);
        let tuples = slots::fill(self, u, seg, &slots, near);
        if tuples.is_empty() {
            return Ok(None);
        }
        // Added and removed claims speak of one-country predicates only.
        let countries = if slots == [Slot::Country] {
            tuples.iter().filter_map(|t| slots::country(&t[0])).collect()
        } else {
            Vec::new()
        };
        let lead_start = self.lead(u).and_then(|l| {
            let d = self.dates(l);
            cued(&d, Cue::Effective).or_else(|| cued(&d, Cue::Decision))
        });
        let borrowed = own_start.is_none().then(|| self.borrowed_date(u)).flatten();
        let basis_of = |d: &DateAt| match d.cue {
            Some(Cue::Decision) => Basis::Decision,
            Some(Cue::AsOf) => Basis::Stated,
            _ => Basis::Effective,
        };
        let mut lead = None;
        let (day, basis, key) = match phrase.event {
            Event::At => match cued(&dated, Cue::AsOf) {
                Some(d) => (d.day, Basis::Stated, Some(d)),
                None => (self.published, Basis::Published, None),
            },
            // An end stated as the last day of a period ("suspended until December 31, 2021").
            Event::Until if cued(&dated, Cue::Effective).is_none() && cued(&dated, Cue::Until).is_some() => {
                let d = cued(&dated, Cue::Until).expect("checked");
                (period_end(d.day), Basis::Stated, Some(d))
            }
            _ => match own_start {
                Some(d) => (d.day, basis_of(&d), Some(d)),
                None => match (lead_start, borrowed) {
                    (Some(d), _) => {
                        lead = self.lead(u);
                        (d.day, basis_of(&d), None)
                    }
                    (None, Some((day, basis))) => (day, basis, None),
                    (None, None) => (self.published, Basis::Published, None),
                },
            },
        };
        let until = match phrase.event {
            Event::Period | Event::FromPeriod => match cued(&dated, Cue::Until) {
                Some(end) if period_end(end.day) <= day => {
                    return Err(format!("a period stated until {} ends before the article's date {day}", end.day));
                }
                Some(end) => Some(period_end(end.day)),
                None if phrase.event == Event::Period => return Ok(None),
                None => None,
            },
            _ => None,
        };
        let span = phrase.matcher.first_match(part).map(|(a, b)| (a + seg.0, b + seg.0));
        let quote = quote_of(sentence, span, key.map(|k| (k.start, k.end)));
        Ok(Some(EventRecord {
            unit: u,
            pred: phrase.pred,
            event: phrase.event,
            day,
            basis,
            until,
            lead,
            countries,
            tuples,
            quote,
        }))
    }

    /// The facts an event gives: one per argument tuple, per time it states.
    fn facts_of(&self, e: &EventRecord) -> Vec<DraftFact> {
        let mut times = Vec::new();
        match e.event {
            Event::From => times.push((FactTime::From(e.day), e.basis)),
            Event::Until => times.push((FactTime::Until(e.day), e.basis)),
            Event::At => times.push((FactTime::During(Interval::day(e.day)), e.basis)),
            Event::Period | Event::FromPeriod => {
                if e.event == Event::FromPeriod {
                    times.push((FactTime::From(e.day), e.basis));
                }
                // A period whose start is the publication date is a stated period, not an effective start.
                let basis = if e.basis == Basis::Published { Basis::Stated } else { e.basis };
                if let Some(interval) = e.until.and_then(|end| Interval::new(e.day, end)) {
                    times.push((FactTime::During(interval), basis));
                }
            }
        }
        let line = self.units[e.unit].line;
        let mut out = Vec::new();
        for (time, basis) in times {
            for args in &e.tuples {
                out.push(DraftFact {
                    pred: e.pred,
                    args: args.clone(),
                    time,
                    basis,
                    quote: e.quote.clone(),
                    line,
                    unit: e.unit,
                });
            }
        }
        out
    }
}

/// The end (exclusive) of a period said to last "until" `day`: the first of a month ends it before ("until
/// May 1" is to April 30), any other day is its last day ("until December 31").
pub fn period_end(day: Day) -> Day {
    use chrono::Datelike;
    match day.to_date() {
        Some(d) if d.day() == 1 => day,
        _ => day.succ(),
    }
}

/// The sentences with a digit that gave neither a fact nor a claim, each once, with the reason when one is known.
pub fn skipped(reading: &Reading, extraction: &Extraction, claims: &[DraftClaim]) -> Vec<Skipped> {
    let claimed: HashSet<usize> = claims.iter().map(|c| c.unit).collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (u, unit) in reading.units.iter().enumerate() {
        let sentence = reading.text(u);
        if extraction.used.contains(&u) || claimed.contains(&u) || !sentence.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        if !seen.insert(sentence.to_string()) {
            continue;
        }
        let why = extraction.note_of(u).map(str::to_string);
        out.push(Skipped { line: unit.line, unit: u, text: sentence.to_string(), why });
    }
    out
}
