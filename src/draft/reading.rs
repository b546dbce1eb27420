//! What the extraction steps share about one article: its reading units, their dates with the cues before
//! them, and which sentence leads each list (the sentence ending with a colon that its items continue).

use super::dates;
use super::header::{self, Header};
use super::patterns::Cue;
use super::text::{self, Document, Unit};
use super::Drafter;
use crate::symbol::Symbol;
use crate::syntax::Basis;
use crate::time::Day;

/// Everything the extraction steps share: the article's units and the tools to read them.
pub struct Reading<'a> {
    pub drafter: &'a Drafter,
    pub doc: &'a Document,
    pub units: Vec<Unit>,
    pub published: Day,
    /// For each unit, the lead sentence of the list it is an item of (or that it follows, for an enumeration).
    leads: Vec<Option<usize>>,
}

/// A dated mention inside a unit.
#[derive(Clone, Copy, Debug)]
pub struct DateAt {
    pub day: Day,
    pub cue: Option<Cue>,
    pub start: usize,
    pub end: usize,
}

impl<'a> Reading<'a> {
    pub fn new(drafter: &'a Drafter, doc: &'a Document, header: &Header, published: Day, last: usize) -> Reading<'a> {
        // A sentence with undecodable bytes cannot be quoted verbatim: it is not read.
        let mut units = text::units(doc, header.body_from, last);
        units.retain(|u| !u.text(doc).contains('\u{fffd}'));
        let leads = leads(doc, &units);
        Reading { drafter, doc, units, published, leads }
    }

    pub fn text(&self, u: usize) -> &str {
        self.units[u].text(self.doc)
    }

    /// The dates of unit `u`, resolved against the publication date, with their cues.
    pub fn dates(&self, u: usize) -> Vec<DateAt> {
        let sentence = self.text(u);
        dates::mentions(sentence)
            .iter()
            .filter_map(|m| {
                let day = m.resolve(Some(self.published))?;
                let cue = header::cue_of(sentence, m, &self.drafter.patterns);
                Some(DateAt { day, cue, start: m.start, end: m.end })
            })
            .collect()
    }

    pub fn lead(&self, u: usize) -> Option<usize> {
        self.leads[u]
    }

    /// The countries of the list that unit `u` introduces (it ends with a colon): its items, or the enumeration
    /// on the next line.
    pub fn following_countries(&self, u: usize) -> Vec<Symbol> {
        let mut out = Vec::new();
        for v in u + 1..self.units.len() {
            if self.leads[v] != Some(u) {
                break;
            }
            let item = self.text(v);
            let codes = match self.drafter.countries.lookup(item) {
                Some(code) => vec![code],
                None => self.drafter.countries.foreign(item),
            };
            for code in codes.into_iter().filter(|c| !self.drafter.countries.is_home(*c)) {
                if !out.contains(&code) {
                    out.push(code);
                }
            }
        }
        out
    }
}

impl Reading<'_> {
    /// The foreign countries part `seg` of unit `u` names; else those of the list it introduces (it ends with a
    /// colon); else, when it refers back ("for them", "these countries"), those of the sentence or list before.
    pub fn countries_for(&self, u: usize, seg: (usize, usize)) -> Vec<Symbol> {
        let sentence = self.text(u);
        let own = self.drafter.countries.foreign(&sentence[seg.0..seg.1]);
        if !own.is_empty() {
            return own;
        }
        if self.units[u].is_lead(self.doc) && seg.1 >= sentence.len() {
            return self.following_countries(u);
        }
        let Some(prev) = u.checked_sub(1).filter(|_| self.drafter.patterns.is_reference(&sentence[seg.0..seg.1]))
        else {
            return Vec::new();
        };
        match self.lead(prev) {
            Some(l) => self.following_countries(l),
            None => self.drafter.countries.foreign(self.text(prev)),
        }
    }

    /// The date an undated event takes from its neighbours: the sentence before when it says "on the same day"
    /// (a `same_date` row), else the next sentence of its paragraph when that one only dates it ("The decision
    /// takes effect on January 25, 2022."): an effective or decision date, and no event of its own.
    pub fn borrowed_date(&self, u: usize) -> Option<(Day, Basis)> {
        let dated = |v: usize| {
            self.dates(v).into_iter().find(|d| matches!(d.cue, Some(Cue::Effective) | Some(Cue::Decision))).map(|d| {
                let basis = if d.cue == Some(Cue::Decision) { Basis::Decision } else { Basis::Effective };
                (d.day, basis)
            })
        };
        if self.drafter.patterns.is_same_date(self.text(u)) {
            return (0..u).rev().find_map(dated);
        }
        let next = u + 1;
        let same_paragraph = self.units.get(next).is_some_and(|n| n.line == self.units[u].line);
        let states_nothing = |v: usize| !self.drafter.patterns.phrases.iter().any(|p| p.matcher.is_match(self.text(v)));
        (same_paragraph && states_nothing(next)).then(|| dated(next)).flatten()
    }
}

/// For each unit, the lead sentence of its list: an item's nearest preceding non-item unit ending with a colon
/// (with only items between), or, for an enumeration line right after such a sentence, that sentence.
fn leads(doc: &Document, units: &[Unit]) -> Vec<Option<usize>> {
    let mut out = vec![None; units.len()];
    let mut current: Option<usize> = None;
    for (i, unit) in units.iter().enumerate() {
        if unit.item {
            out[i] = current;
            continue;
        }
        let after_lead = i > 0
            && !units[i - 1].item
            && units[i - 1].is_lead(doc)
            && unit.opens_line
            && units[i - 1].line < unit.line;
        if after_lead && looks_like_enumeration(unit.text(doc)) {
            out[i] = Some(i - 1);
        }
        current = unit.is_lead(doc).then_some(i);
    }
    out
}

/// A line of comma-separated names ("Australia, Belgium, United Kingdom"), not a sentence.
fn looks_like_enumeration(text: &str) -> bool {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    parts.len() >= 2 && parts.iter().all(|p| p.split_whitespace().count() <= 4)
}
