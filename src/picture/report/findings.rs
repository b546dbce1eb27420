//! The linter's findings page: each finding with its code, message and notes, linked to the page that shows the
//! kb statement it is about and to the article lines of each source it rests on.

use super::layout::{code_spans, page as shell, Links};
use super::lint::Finding;
use super::{Findings, Kb};
use maud::{html, Markup};
use std::collections::BTreeMap;

/// Where each kb line is shown in the report: source declarations, statements and claims, by (file, line).
fn places(kb: &Kb, links: &Links) -> BTreeMap<(String, usize), String> {
    let db = kb.db;
    let at = |origin: &crate::diag::Origin| {
        (db.files.name(origin.file).to_string(), db.files.line_col(origin.file, origin.span.start).0)
    };
    let mut map = BTreeMap::new();
    for (name, source) in &db.sources {
        map.entry(at(&source.origin)).or_insert_with(|| links.source(*name, None));
    }
    for (_, a) in db.store.assertions() {
        if let Some(cite) = a.cites.first() {
            let href = match &cite.quote {
                Some(q) => links.quote_section(cite.source, q),
                None => links.source(cite.source, None),
            };
            map.entry(at(&a.origin)).or_insert(href);
        }
    }
    for claim in &db.claims {
        let href = links.quote_section(claim.source, &claim.quote);
        map.entry(at(&claim.origin)).or_insert(href);
    }
    map
}

pub fn page(kb: &Kb) -> String {
    let links = kb.links("");
    let body = match &kb.findings {
        Findings::Unavailable(why) => html! { p.missing { "The linter could not be run: " (why) } },
        Findings::Found(found) => {
            let places = places(kb, &links);
            html! {
                p { (super::layout::count(found.len(), "finding", "findings")) " of " code { "tkb lint" } " on the kb and its documents; each links to the page that shows the statement and to the article lines it rests on." }
                @for (n, finding) in found.iter().enumerate() { (item(kb, &links, &places, n, finding)) }
            }
        }
    };
    shell(&links, "Linter findings", body)
}

fn item(kb: &Kb, links: &Links, places: &BTreeMap<(String, usize), String>, n: usize, f: &Finding) -> Markup {
    let place = f.file.clone().zip(f.line);
    let href = place.as_ref().and_then(|p| places.get(p));
    html! {
        section.finding class=(f.severity) id={"finding-" (n)} {
            h2 { span.code { (f.code) } " " (f.name) " · " (f.severity) }
            p { (code_spans(&f.message)) }
            @if let Some((file, line)) = &place {
                p { "In the kb: "
                    @match href { Some(h) => a href=(h) { (file) ":" (line) }, None => code { (file) ":" (line) } }
                    @if let Some(label) = &f.label { " (" (label) ")" }
                }
            }
            @if !f.related.is_empty() {
                ul { @for r in &f.related { li { (related(kb, links, r)) } } }
            }
            @if !f.notes.is_empty() { ul.notes { @for note in &f.notes { li { (code_spans(note)) } } } }
        }
    }
}

fn related(kb: &Kb, links: &Links, r: &super::lint::Related) -> Markup {
    let source = r.source.as_deref().map(crate::symbol::Symbol::from).filter(|s| kb.db.sources.contains_key(s));
    // A line anchor only where the source's page shows that line of the article.
    let line = r.line.filter(|l| {
        source.and_then(|s| kb.articles.get(&s)).is_some_and(|a| a.first <= *l && *l < a.first + a.lines.len())
    });
    html! {
        (r.label)
        @if let Some(s) = source {
            ": " a href=(links.source(s, line)) {
                (s.as_str())
                @if let (Some(doc), Some(line)) = (&r.document, r.line) { " (" (doc) " line " (line) ")" }
            }
        }
        @if let Some(p) = &r.published { ", published " (p) }
        @if let Some(p) = &r.printed { ", printed " (p) }
    }
}
