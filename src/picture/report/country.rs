//! The country pages: everything known about a country over time (a timeline, then each fact with the proof of
//! each stretch of it, down to the quotes), and the list of countries.

use super::facts::Fact;
use super::layout::{file_name, page as shell, Links};
use super::{proofs, Kb, REFERENCE};
use crate::picture::timeline::chart::{markers, on_bars, Chart, Content, Row};
use crate::picture::timeline::{render_chart, Options};
use crate::provenance::Proof;
use crate::query::show;
use crate::syntax::QueryTime;
use crate::time::Interval;
use crate::value::Value;
use maud::{html, PreEscaped};
use std::collections::BTreeMap;

/// The anchor of a fact on its country page (`idc_exempt-vn`).
pub fn fact_anchor(fact: &Fact) -> String {
    let mut parts = vec![fact.pred.to_string()];
    parts.extend(fact.values.iter().map(|v| v.to_string()));
    file_name(&parts.join("-"))
}

/// The anchor of one proved stretch of a fact (`idc_exempt-vn--2021-12-14`; `start` for an open start).
pub fn segment_anchor(fact: &Fact, stretch: &Interval) -> String {
    let from = if stretch.from.is_open() { "start".to_string() } else { stretch.from.to_string() };
    format!("{}--{from}", fact_anchor(fact))
}

fn is_about_country(kb: &Kb, fact: &Fact) -> bool {
    !REFERENCE.contains(&fact.pred.as_str())
        && fact.values.iter().any(|v| kb.lookup.name(v).is_some())
        && kb.shown(fact)
}

/// The proofs of every fact about a country, for every stretch of every interval.
pub fn prove_all(kb: &Kb) -> super::Proofs {
    let mut out = BTreeMap::new();
    for fact in kb.facts().filter(|f| is_about_country(kb, f)) {
        let tuple: crate::value::Tuple = fact.values.iter().copied().collect();
        let stretches: Vec<(Interval, Proof)> = fact
            .valid
            .intervals()
            .iter()
            .flat_map(|interval| proofs::segments(kb.db, fact.pred, &tuple, *interval))
            .collect();
        out.insert((fact.pred, fact.values.clone()), stretches);
    }
    out
}

fn title(kb: &Kb, code: &Value) -> String {
    format!("{} · {}", show::show(kb.db, code), kb.lookup.name(code).unwrap_or(""))
}

pub fn list(kb: &Kb) -> String {
    let links = kb.links("");
    let body = html! {
        p { "Every country a fact of the kb is about, with everything known about it over time." }
        ul.columns {
            @for code in kb.countries() {
                li { a href=(links.country(&code)) { (title(kb, &code)) } }
            }
        }
    };
    shell(&links, "Countries", body)
}

pub fn page(kb: &Kb, code: &Value) -> String {
    let links = kb.links("../");
    let facts: Vec<&Fact> = kb.facts().filter(|f| f.values.contains(code) && is_about_country(kb, f)).collect();
    let names: Vec<String> = kb
        .facts()
        .filter(|f| f.pred.as_str() == "country_name" && f.values.first() == Some(code))
        .filter_map(|f| f.values.get(1).map(|v| v.to_string()))
        .collect();
    let chart = timeline(kb, code, &facts);
    let body = html! {
        @if !names.is_empty() { p { "Names the sources and ISO use: " (names.join("; ")) "." } }
        @if let Some(svg) = chart { figure.timeline { (PreEscaped(svg)) figcaption { "Every fact about " (show::show(kb.db, code)) " over time; the sections below give each one's proof." } } }
        nav aria-label="Facts on this page" { ul.columns { @for fact in &facts { li { a href={"#" (fact_anchor(fact))} { (fact.atom) } } } } }
        @for fact in &facts { (section(kb, &links, fact)) }
    };
    shell(&links, &title(kb, code), body)
}

fn section(kb: &Kb, links: &Links, fact: &Fact) -> maud::Markup {
    let stretches = kb.proofs.get(&(fact.pred, fact.values.clone()));
    html! {
        section.fact id=(fact_anchor(fact)) {
            h2 { a href=(links.predicate(fact.pred)) { (fact.atom) } " holds " (super::layout::intervals(&fact.valid)) }
            @if let Some(meaning) = kb.preds.iter().find(|p| p.name == fact.pred).and_then(|p| p.meaning.as_ref()) {
                p.meaning { (meaning) }
            }
            @for (stretch, proof) in stretches.into_iter().flatten() {
                div.stretch id=(segment_anchor(fact, stretch)) {
                    h3 { "Why it holds on " (stretch.to_string()) }
                    (proofs::tree(kb.db, links, proof))
                }
            }
        }
    }
}

/// The country's facts as a Gantt chart, one row per fact, its sources as markers.
fn timeline(kb: &Kb, code: &Value, facts: &[&Fact]) -> Option<String> {
    let rows = facts
        .iter()
        .map(|f| {
            let bars = f.valid.intervals().to_vec();
            let mut markers = markers(&kb.lookup, &f.values, &f.sources);
            markers.retain(|m| on_bars(&bars, m.day));
            Row { label: f.atom.clone(), name: None, bars, presumed: Vec::new(), markers }
        })
        .collect();
    let chart =
        Chart { title: format!("Everything known about {}", show::show(kb.db, code)), content: Content::Gantt(rows) };
    render_chart(&chart, QueryTime::When, Options::default()).ok()
}
