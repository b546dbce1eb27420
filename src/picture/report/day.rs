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
use serde_json::{json, Value as Json};

/// The lists the picker shows: predicates of one country argument, with the heading each gets.
const GROUPS: [(&str, &str); 4] = [
    ("idc_exempt", "Citizens exempt from IDC permission (arriving by air)"),
    ("direct_flight", "Direct flights with Kazakhstan"),
    ("vaccine_passport_recognized", "Vaccination passports recognised at the border"),
    ("entry_restricted", "Entry restricted from"),
];

fn end(day: Day) -> Json {
    if day.is_open() {
        Json::Null
    } else {
        Json::String(day.to_string())
    }
}

fn interval(i: &Interval) -> Json {
    json!([end(i.from), end(i.to)])
}

/// A day inside an interval, open ends or not.
fn inside(i: &Interval) -> Day {
    match (i.from.is_open(), i.to.is_open()) {
        (false, _) => i.from,
        (true, false) => Day(i.to.0 - 1),
        (true, true) => Day(0),
    }
}

/// The days the sources confirm, `[from, to]`, or null when they confirm none.
fn confirmed(confirmation: Option<Confirmation>) -> Json {
    confirmation.and_then(|c| c.confirmed).map_or(Json::Null, |i| interval(&i))
}

fn country_fact(kb: &Kb, links: &Links, fact: &Fact) -> Json {
    let code = fact.values[0];
    let stretches: Vec<Json> = kb
        .proofs
        .get(&(fact.pred, fact.values.clone()))
        .into_iter()
        .flatten()
        .map(|(s, proof)| {
            json!({
                "valid": interval(s),
                "anchor": segment_anchor(fact, s),
                "confirmed": confirmed(confirm_proof(kb.db, proof)),
            })
        })
        .collect();
    json!({
        "code": show::show(kb.db, &code),
        "name": kb.lookup.name(&code).unwrap_or(""),
        "page": links.country(&code),
        "anchor": fact_anchor(fact),
        "valid": fact.valid.intervals().iter().map(interval).collect::<Vec<_>>(),
        "stretches": stretches,
    })
}

/// The JSON the page computes from: the groups' facts and the regimes (predicates without arguments).
pub fn data(kb: &Kb, links: &Links) -> Json {
    let groups: Vec<Json> = GROUPS
        .iter()
        .filter_map(|(pred, heading)| {
            let p = kb.preds.iter().find(|p| p.name.as_str() == *pred && p.params.len() == 1)?;
            let facts: Vec<Json> = p
                .facts
                .iter()
                .filter(|f| kb.lookup.name(&f.values[0]).is_some())
                .map(|f| country_fact(kb, links, f))
                .collect();
            Some(json!({ "pred": pred, "heading": heading, "facts": facts }))
        })
        .collect();
    let regimes: Vec<Json> = kb
        .preds
        .iter()
        .filter(|p| p.params.is_empty() && p.chart.is_some())
        .flat_map(|p| p.facts.iter().map(move |f| (p, f)))
        .map(|(p, f)| {
            let tuple: crate::value::Tuple = f.values.iter().copied().collect();
            let confirmed: Vec<Json> =
                f.valid.intervals().iter().map(|i| confirmed(confirm(kb.db, p.name, &tuple, inside(i)))).collect();
            json!({
                "pred": p.name.as_str(),
                "confirmed": confirmed,
                "meaning": p.meaning.as_deref().unwrap_or(""),
                "page": links.predicate(p.name),
                "valid": f.valid.intervals().iter().map(interval).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "groups": groups, "regimes": regimes })
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
    let json = data(kb, &links).to_string().replace("</", "<\\/");
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
