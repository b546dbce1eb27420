//! A predicate's page: its meaning, its rules when derived, its timeline inline, and every fact with its
//! intervals and sources.

use super::facts::{Fact, Predicate};
use super::layout::{count, natural_key, page as shell, Links};
use super::Kb;
use crate::provenance::SourceRef;
use maud::{html, Markup, PreEscaped};

pub fn page(kb: &Kb, pred: &Predicate) -> String {
    let links = kb.links("../");
    let signature = if pred.params.is_empty() {
        pred.name.to_string()
    } else {
        format!("{}({})", pred.name, pred.params.join(", "))
    };
    let body = html! {
        p { code { (signature) } }
        @if let Some(meaning) = &pred.meaning { p.meaning { (meaning) } }
        @if pred.derived() {
            p { "Derived by these rules (" a href="#facts" { "its facts" } " cite the facts the rules used):" }
            ul { @for rule in &pred.rules { li { code { (rule) } } } }
        }
        p { (count_line(pred)) }
        @if let Some(svg) = &pred.chart {
            figure.timeline { (PreEscaped(svg)) figcaption { "Every interval of every fact of " code { (pred.name.as_str()) } "; the table below says the same in words." } }
        }
        h2 #facts { "Facts" }
        @let shown: Vec<&Fact> = pred.facts.iter().filter(|f| kb.shown(f)).collect();
        @let hidden = pred.facts.len() - shown.len();
        @if pred.facts.is_empty() { p { "No facts: nothing in the kb makes it hold." } }
        @else { (table(kb, &links, &shown)) }
        @if hidden > 0 {
            p.meta { (count(hidden, "fact", "facts")) " about countries that no source names are left out (a rule "
                "that holds for every ISO country holds for them too); " code { "tkb query" } " lists them." }
        }
    };
    shell(&links, pred.name.as_str(), body)
}

fn table(kb: &Kb, links: &Links, facts: &[&Fact]) -> Markup {
    html! {
        table {
            thead { tr { th scope="col" { "fact" } th scope="col" { "holds" } th scope="col" { "sources" } } }
            tbody {
                @for fact in facts {
                    tr {
                        td { (fact_link(kb, links, fact)) }
                        td.days { (super::layout::intervals(&fact.valid)) }
                        td {
                            @for s in sorted(&fact.sources) {
                                div.source {
                                    a href=(links.source(crate::symbol::Symbol::from(s.source.as_str()), None)) { (s.source) }
                                    " " span.meta { (s.title) @if let Some(p) = &s.published { ", " span.when { (p) } } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A fact about a country links to its place on the country's page, where its proof is.
fn fact_link(kb: &Kb, links: &Links, fact: &Fact) -> Markup {
    let country = fact.values.iter().find(|v| kb.lookup.name(v).is_some());
    match country {
        Some(code) if kb.proofs.contains_key(&(fact.pred, fact.values.clone())) => {
            let href = format!("{}#{}", links.country(code), super::country::fact_anchor(fact));
            html! { a href=(href) { (fact.atom) } }
        }
        _ => html! { (fact.atom) },
    }
}

/// The sources of a fact in numeric order of their names (`s001_l83` before `s001_l874`).
fn sorted(sources: &[SourceRef]) -> Vec<&SourceRef> {
    let mut out: Vec<&SourceRef> = sources.iter().collect();
    out.sort_by_cached_key(|s| natural_key(&s.source));
    out
}

/// What the predicate has: its facts, and the statements they come from or the rules that derive them.
fn count_line(pred: &Predicate) -> String {
    let facts = count(pred.facts.len(), "fact", "facts");
    match (pred.derived(), pred.statements) {
        (true, 0) => format!("{facts}, derived by {}.", count(pred.rules.len(), "rule", "rules")),
        (true, n) => format!(
            "{facts}, from {} and {}.",
            count(n, "statement", "statements"),
            count(pred.rules.len(), "rule", "rules")
        ),
        (false, n) => format!("{facts} from {}.", count(n, "statement", "statements")),
    }
}
