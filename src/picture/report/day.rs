//! The day picker: what held on a chosen day (flights, vaccination passports, IDC exemption, restrictions, and
//! which regimes were in force), computed in the page by `day.js` from the kb's intervals embedded as JSON. Each
//! answer links to the proof of the stretch that contains the day.

use super::country::{fact_anchor, segment_anchor};
use super::facts::Fact;
use super::layout::{page as shell, Links};
use super::Kb;
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

fn country_fact(kb: &Kb, links: &Links, fact: &Fact) -> Json {
    let code = fact.values[0];
    let stretches: Vec<Json> = kb
        .proofs
        .get(&(fact.pred, fact.values.clone()))
        .into_iter()
        .flatten()
        .map(|(s, _)| json!([end(s.from), end(s.to), segment_anchor(fact, s)]))
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
            json!({
                "pred": p.name.as_str(),
                "meaning": p.meaning.as_deref().unwrap_or(""),
                "page": links.predicate(p.name),
                "valid": f.valid.intervals().iter().map(interval).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "groups": groups, "regimes": regimes })
}

/// The latest publication day of a source with a document: where the picker opens.
fn latest_day(kb: &Kb) -> Option<Day> {
    kb.db.sources.values().filter(|s| s.doc.is_some()).filter_map(|s| s.published).max()
}

pub fn page(kb: &Kb) -> String {
    let links = kb.links("");
    // `</` cannot appear inside a script element; JSON allows `<\/` for it.
    let json = data(kb, &links).to_string().replace("</", "<\\/");
    let start = latest_day(kb).map(|d| d.to_string()).unwrap_or_default();
    let body = html! {
        p { "Choose a day to see what held on it. Each answer links to its proof for that day." }
        form #day-form {
            label for="day" { "Day " }
            input #day type="date" name="day" value=(start) required;
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
