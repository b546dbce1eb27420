//! The index page: where to start, the kb's predicates with their meanings and counts, and the sources.

use super::layout::page as shell;
use super::{Findings, Kb};
use maud::html;

pub fn page(kb: &Kb) -> String {
    let links = kb.links("");
    let findings = match &kb.findings {
        Findings::Found(f) => super::layout::count(f.len(), "finding", "findings"),
        Findings::Unavailable(_) => "not available".to_string(),
    };
    let body = html! {
        p { "A browsable copy of the kb: the rules for foreigners entering and staying in Kazakhstan, 2020-2022, "
            "each fact with the intervals it holds on and the articles it rests on." }
        ul {
            li { a href="day.html" { "What held on a day" } ": flights, vaccination passports, IDC exemption, restrictions." }
            li { a href="countries.html" { "Countries" } " (" (kb.countries().len()) "): everything known about each one, with proofs down to the quoted sentence." }
            li { a href="lint.html" { "Linter findings" } " (" (findings) ")." }
        }
        h2 { "Predicates" }
        table {
            thead { tr { th scope="col" { "predicate" } th scope="col" { "meaning" } th scope="col" { "facts" } th scope="col" { "statements" } } }
            tbody {
                @for p in &kb.preds {
                    tr {
                        td { a href=(links.predicate(p.name)) { (p.name.as_str()) } @if p.derived() { " " span.tag { "derived" } } }
                        td { (p.meaning.as_deref().unwrap_or("")) }
                        td.num { (p.facts.len()) }
                        td.num { (p.statements) }
                    }
                }
            }
        }
        h2 { "Sources" }
        table {
            thead { tr { th scope="col" { "source" } th scope="col" { "title" } th scope="col" { "published" } th scope="col" { "document" } } }
            tbody {
                @for (name, s) in sources(kb) {
                    tr {
                        td { a href=(links.source(*name, None)) { (name.as_str()) } }
                        td { (s.title) }
                        td.days { (s.published.map(|d| d.to_string()).unwrap_or_default()) }
                        td { (s.doc.as_deref().unwrap_or("")) @if let Some((a, b)) = s.lines { ":" (a) "-" (b) } }
                    }
                }
            }
        }
    };
    shell(&links, "tkb report", body)
}

/// The sources in numeric order of their names (`s001_l83` before `s001_l874`).
fn sources<'a>(kb: &Kb<'a>) -> Vec<(&'a crate::symbol::Symbol, &'a crate::program::Source)> {
    let mut out: Vec<_> = kb.db.sources.iter().collect();
    out.sort_by_cached_key(|(name, _)| super::layout::natural_key(name.as_str()));
    out
}
