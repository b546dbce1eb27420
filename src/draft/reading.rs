//! What the extraction steps share about one article: its reading units, their dates with the cues before
//! them, and which sentence leads each list (the sentence ending with a colon that its items continue).

use super::dates;
use super::header::{self, Header};
use super::patterns::Cue;
use super::text::{self, Document, Unit};
use super::Drafter;
use crate::symbol::Symbol;
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
