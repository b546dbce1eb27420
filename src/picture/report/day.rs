//! The day picker: what held on a chosen day (flights, vaccination passports, IDC exemption, restrictions, and
//! which regimes were in force), computed in the page by `day.js` from the kb's intervals embedded as JSON. Each
//! answer links to the proof of the stretch that contains the day and is marked when the day is only presumed
//! (past the days its sources confirm). The picker opens on the latest day its sources speak of.

use super::country::{fact_anchor, segment_anchor};
use super::facts::Fact;
use super::layout::{page as shell, Links};
use super::Kb;
use crate::provenance::{confirm, confirm_proof, Confirmation};
use crate::query::show;
use crate::time::{Day, Interval};
use maud::{html, PreEscaped};
use serde::Serialize;

/// The lists the picker shows: predicates of one country argument, with the heading each gets.
const GROUPS: [(&str, &str); 4] = [
    ("idc_exempt", "Citizens exempt from IDC permission (arriving by air)"),
    ("direct_flight", "Direct flights with Kazakhstan"),
    ("vaccine_passport_recognized", "Vaccination passports recognised at the border"),
    ("entry_restricted", "Entry restricted from"),
];

/// Days as the page's script reads them: `[from, to)` with ISO dates, null for an open end.
type Span = [Option<String>; 2];

fn span(i: &Interval) -> Span {
    let end = |d: Day| (!d.is_open()).then(|| d.to_string());
    [end(i.from), end(i.to)]
}

/// The data the page computes from (`#day-data`): the lists and the regimes.
#[derive(Serialize)]
pub struct DayData {
    /// The lists of countries, one per predicate of `GROUPS`.
    pub groups: Vec<Group>,
    /// The predicates without arguments that have a timeline: what was in force.
    pub regimes: Vec<Regime>,
}

/// One list of the picker.
#[derive(Serialize)]
pub struct Group {
    /// The predicate.
    pub pred: &'static str,
    /// The list's heading.
    pub heading: &'static str,
    /// Every country the predicate holds for on some day.
    pub facts: Vec<CountryFact>,
}

/// A country of a list, with the days it holds and each stretch's proof and confirmed days.
#[derive(Serialize)]
pub struct CountryFact {
    /// The code as shown (`VN`).
    pub code: String,
    /// The country's name.
    pub name: String,
    /// Its country page.
    pub page: String,
    /// The fact's section on that page.
    pub anchor: String,
    /// The days it holds.
    pub valid: Vec<Span>,
    /// Each stretch with the same proof: its days, its proof's anchor, the days its sources confirm.
    pub stretches: Vec<Stretch>,
}

/// One proved stretch of a fact.
#[derive(Serialize)]
pub struct Stretch {
    /// Its days.
    pub valid: Span,
    /// The anchor of its proof on the country page.
    pub anchor: String,
    /// The days its sources confirm; null when they confirm none.
    pub confirmed: Option<Span>,
}

/// A regime (a predicate without arguments) and when it was in force.
#[derive(Serialize)]
pub struct Regime {
    /// The predicate.
    pub pred: String,
    /// Its meaning, from the vocabulary.
    pub meaning: String,
    /// Its page.
    pub page: String,
    /// The days it holds.
    pub valid: Vec<Span>,
    /// For each of those intervals, the days its sources confirm (null: none).
    pub confirmed: Vec<Option<Span>>,
}

/// A day inside an interval, open ends or not.
fn inside(i: &Interval) -> Day {
    match (i.from.is_open(), i.to.is_open()) {
        (false, _) => i.from,
        (true, false) => Day(i.to.0 - 1),
        (true, true) => Day(0),
    }
}

/// The days the sources confirm, or none.
fn confirmed(confirmation: Option<Confirmation>) -> Option<Span> {
    confirmation.and_then(|c| c.confirmed).map(|i| span(&i))
}

fn country_fact(kb: &Kb, links: &Links, fact: &Fact) -> CountryFact {
    let code = fact.values[0];
    let stretches = kb
        .proofs
        .get(&(fact.pred, fact.values.clone()))
        .into_iter()
        .flatten()
        .map(|(s, proof)| Stretch {
            valid: span(s),
            anchor: segment_anchor(fact, s),
            confirmed: confirmed(confirm_proof(kb.db, proof)),
        })
        .collect();
    CountryFact {
        code: show::show(kb.db, &code),
        name: kb.lookup.name(&code).unwrap_or("").to_string(),
        page: links.country(&code),
        anchor: fact_anchor(fact),
        valid: fact.valid.intervals().iter().map(span).collect(),
        stretches,
    }
}

/// The data the page computes from: the groups' facts and the regimes (predicates without arguments).
pub fn data(kb: &Kb, links: &Links) -> DayData {
    let groups = GROUPS
        .iter()
        .filter_map(|(pred, heading)| {
            let p = kb.preds.iter().find(|p| p.name.as_str() == *pred && p.params.len() == 1)?;
            let facts = p
                .facts
                .iter()
                .filter(|f| kb.lookup.name(&f.values[0]).is_some() && kb.shown(f))
                .map(|f| country_fact(kb, links, f))
                .collect();
            Some(Group { pred, heading, facts })
        })
        .collect();
    let regimes = kb
        .preds
        .iter()
        .filter(|p| p.params.is_empty() && p.chart.is_some())
        .flat_map(|p| p.facts.iter().map(move |f| (p, f)))
        .map(|(p, f)| {
            let tuple: crate::value::Tuple = f.values.iter().copied().collect();
            Regime {
                pred: p.name.to_string(),
                meaning: p.meaning.clone().unwrap_or_default(),
                page: links.predicate(p.name),
                valid: f.valid.intervals().iter().map(span).collect(),
                confirmed: f
                    .valid
                    .intervals()
                    .iter()
                    .map(|i| confirmed(confirm(kb.db, p.name, &tuple, inside(i))))
                    .collect(),
            }
        })
        .collect();
    DayData { groups, regimes }
}

/// The days the picker's sources speak of: from the earliest to the latest publication of a source that a fact
/// of its lists cites. The picker opens on the latest.
fn spoken_of(kb: &Kb) -> Option<(Day, Day)> {
    let picked = |name: &str| GROUPS.iter().any(|(p, _)| *p == name);
    let days = kb
        .preds
        .iter()
        .filter(|p| picked(p.name.as_str()))
        .flat_map(|p| p.facts.iter())
        .flat_map(|f| f.sources.iter())
        .filter(|s| s.doc.is_some())
        .filter_map(|s| s.published.as_deref().and_then(Day::parse));
    days.fold(None, |span, d| match span {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })
}

pub fn page(kb: &Kb) -> String {
    let links = kb.links("");
    // `</` cannot appear inside a script element; JSON allows `<\/` for it.
    let json = serde_json::to_string(&data(kb, &links)).unwrap_or_default().replace("</", "<\\/");
    let span = spoken_of(kb);
    let start = span.map(|(_, last)| last.to_string()).unwrap_or_default();
    let (min, max) = span.map_or((String::new(), String::new()), |(a, b)| (a.to_string(), b.to_string()));
    let body = html! {
        p { "Choose a day to see what held on it. Each answer links to its proof for that day; an answer marked "
            em { "presumed" } " holds only because no source has ended it yet: no source confirms it on that day." }
        @if let Some((first, last)) = span { p.meta { "The sources of these lists speak of " (first.to_string()) " to " (last.to_string()) "; the picker opens on the latest." } }
        form #day-form {
            label for="day" { "Day " }
            input #day type="date" name="day" value=(start) min=(min) max=(max) required;
            " "
            button type="submit" { "Show" }
        }
        noscript { p.missing { "The day picker computes its answers with JavaScript, which is off. The "
            a href="index.html" { "predicate pages" } " show the same facts as timelines and tables." } }
        div #result aria-live="polite" {}
        script #day-data type="application/json" { (PreEscaped(json)) }
        script src="day.js" {}
    };
    shell(&links, "What held on a day", body)
}
