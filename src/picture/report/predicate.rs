//! A predicate's page: its meaning, its rules when derived, its timeline inline, and every fact with its
//! intervals and sources.

use super::facts::{Fact, Predicate};
use super::layout::{page as shell, Links};
use super::Kb;
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
        p { (pred.facts.len()) " fact(s) from " (pred.statements) " statement(s)." }
        @if let Some(svg) = &pred.chart {
            figure.timeline { (PreEscaped(svg)) figcaption { "Every interval of every fact of " code { (pred.name.as_str()) } "; the table below says the same in words." } }
        }
        h2 #facts { "Facts" }
        @if pred.facts.is_empty() { p { "No facts: nothing in the kb makes it hold." } }
        @else { (table(kb, &links, &pred.facts)) }
    };
    shell(&links, pred.name.as_str(), body)
}

fn table(kb: &Kb, links: &Links, facts: &[Fact]) -> Markup {
    html! {
        table {
            thead { tr { th scope="col" { "fact" } th scope="col" { "holds" } th scope="col" { "sources" } } }
            tbody {
                @for fact in facts {
                    tr {
                        td { (fact_link(kb, links, fact)) }
                        td { (super::layout::intervals(&fact.valid)) }
                        td {
                            @for (i, s) in fact.sources.iter().enumerate() {
                                @if i > 0 { ", " }
                                a href=(links.source(crate::symbol::Symbol::from(s.source.as_str()), None)) title=(s.title) { (s.source) }
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
