//! A source's page: what it is, the facts and claims it gives grouped by quote, the linter's findings about it,
//! and the article's text with line numbers and every quote marked. Marks link to the facts, facts to the marks.

use super::layout::{page as shell, Links};
use super::quotes::{highlight, Highlight};
use super::{proofs, Kb};
use crate::program::Assertion;
use crate::program::{Claim, Source};
use crate::query::show;
use crate::symbol::Symbol;
use maud::{html, Markup, PreEscaped};
use std::collections::BTreeSet;

pub fn page(kb: &Kb, name: Symbol) -> String {
    let links = kb.links("../");
    let Some(source) = kb.db.sources.get(&name) else { return shell(&links, name.as_str(), html! {}) };
    let quotes = kb.quotes.quotes(name);
    let statements: Vec<&Assertion> =
        kb.db.store.assertions().map(|(_, a)| a).filter(|a| a.cites.iter().any(|c| c.source == name)).collect();
    let claims: Vec<&Claim> = kb.db.claims.iter().filter(|c| c.source == name).collect();
    let article = kb.articles.get(&name);
    let marks = article.map(|a| &a.highlight);
    let body = html! {
        (about(source))
        @if let Some(text) = findings_about(kb, &links, name) { (text) }
        h2 { "What it gives" }
        @for (n, quote) in quotes.iter().enumerate() {
            section.quote id={"fq" (n)} {
                blockquote {
                    @match marks.as_ref().and_then(|m| m.shown_by[n]) {
                        Some(mark) => a href={"#q" (mark)} title="where the article says it" { "“" (quote) "”" },
                        None => { "“" (quote) "”" span.missing { " (not found in the article's lines)" } }
                    }
                }
                ul {
                    @for a in statements.iter().filter(|a| a.cites.iter().any(|c| c.source == name && c.quote.as_deref() == Some(quote.as_str()))) {
                        li { (statement(kb, &links, a, name)) }
                    }
                    @for c in claims.iter().filter(|c| c.quote == *quote) { li { (claim(kb, c)) } }
                }
            }
        }
        @let unquoted: Vec<&&Assertion> = statements.iter().filter(|a| a.cites.iter().any(|c| c.source == name && c.quote.is_none())).collect();
        @if !unquoted.is_empty() {
            section.quote { h3 { "Cited without a quote" } ul { @for a in unquoted { li { (statement(kb, &links, a, name)) } } } }
        }
        h2 { "The article" }
        @match article {
            Some(a) => (text(a.first, &a.lines, &a.highlight)),
            _ => p { "The article's text is not in this report (a reference source, or no corpus was given: "
                code { "tkb report --corpus DIR" } ")." },
        }
    };
    shell(&links, &format!("{name}: {}", source.title), body)
}

fn about(source: &Source) -> Markup {
    let date = |d: Option<crate::time::Day>| d.map(|d| d.to_string()).unwrap_or_else(|| "none".into());
    html! {
        dl.about {
            dt { "document" } dd { (source.doc.as_deref().unwrap_or("none (a reference table)")) }
            @if let Some((a, b)) = source.lines { dt { "lines" } dd { a href={"#L" (a)} { (a) "–" (b) } } }
            dt { "printed date" } dd { (date(source.printed)) }
            dt { "publication date" } dd { (date(source.published)) }
            @if let Some(note) = &source.note { dt { "note" } dd { (note) } }
        }
    }
}

/// A statement citing the source: the fact (linked to its proof), when, on what basis, and its quote's mark.
fn statement(kb: &Kb, links: &Links, a: &Assertion, source: Symbol) -> Markup {
    let atom = show::show_atom(kb.db, a.pred, &a.tuple);
    let country = a.tuple.iter().find(|v| kb.lookup.name(v).is_some());
    let proved = kb.proofs.contains_key(&(a.pred, a.tuple.to_vec()));
    let basis: Vec<&str> = a.cites.iter().filter(|c| c.source == source).map(|c| c.basis.name()).collect();
    html! {
        @match country {
            Some(code) if proved => {
                @let fact = super::facts::Fact { pred: a.pred, values: a.tuple.to_vec(), atom: atom.clone(), valid: Default::default(), sources: vec![] };
                a href={(links.country(code)) "#" (super::country::fact_anchor(&fact))} { (atom) }
            },
            _ => a href=(links.predicate(a.pred)) { (atom) },
        }
        " " (proofs::time_text(a)) " (" (basis.join(", ")) ")"
    }
}

fn claim(kb: &Kb, c: &Claim) -> Markup {
    let members: Vec<String> = c.members.iter().map(|v| show::show(kb.db, v)).collect();
    html! {
        "claim " code { (c.name.as_str()) } ": " (format!("{:?}", c.kind).to_lowercase()) " of "
        code { (c.about.as_str()) } " on " (c.date.to_string())
        @if let Some(n) = c.count { ", count " (n) }
        @if !members.is_empty() { ", members " (members.join(" ")) }
    }
}

/// The linter's findings that name this source, linked to the findings page.
fn findings_about(kb: &Kb, links: &Links, name: Symbol) -> Option<Markup> {
    let super::Findings::Found(found) = &kb.findings else { return None };
    let about: Vec<(usize, &super::lint::Finding)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.related.iter().any(|r| r.source.as_deref() == Some(name.as_str())))
        .collect();
    (!about.is_empty()).then(|| {
        html! {
            h2 { "The linter's findings about it" }
            ul { @for (n, f) in about { li { a href=(links.finding(n)) { (f.code) " " (f.name) } ": " (super::layout::code_spans(&f.message)) } } }
        }
    })
}

/// An article of the corpus: its first line number, its lines, and where its source's quotes stand in them.
pub struct Article {
    pub first: usize,
    pub lines: Vec<String>,
    pub highlight: Highlight,
}

/// The articles of every source whose document is in the corpus.
pub fn articles(
    db: &crate::db::Database,
    corpus: Option<&std::path::Path>,
    quotes: &super::quotes::QuoteIds,
) -> std::collections::BTreeMap<Symbol, Article> {
    let mut out = std::collections::BTreeMap::new();
    let Some(corpus) = corpus else { return out };
    let mut documents: std::collections::BTreeMap<&str, Option<String>> = Default::default();
    for (name, source) in &db.sources {
        let Some(doc) = source.doc.as_deref() else { continue };
        let text = documents.entry(doc).or_insert_with(|| crate::input::read_file(&corpus.join(doc)).ok());
        let Some(text) = text.as_deref() else { continue };
        let all: Vec<&str> = text.lines().collect();
        let (first, last) = source.lines.unwrap_or((1, all.len()));
        let Some(lines) = all.get(first.saturating_sub(1)..last.min(all.len())) else { continue };
        let highlight = highlight(lines, quotes.quotes(*name));
        out.insert(*name, Article { first, lines: lines.iter().map(|l| l.to_string()).collect(), highlight });
    }
    out
}

fn text(first: usize, lines: &[String], marks: &Highlight) -> Markup {
    let mut seen = BTreeSet::new();
    let mut rows = String::new();
    for (i, line) in lines.iter().enumerate() {
        let n = first + i;
        let row = html! {
            div.line id={"L" (n)} {
                a.ln href={"#L" (n)} aria-label={"line " (n)} { (n) }
                span.t { (marked(line, &marks.marks[i], &mut seen)) }
            }
        };
        rows.push_str(&row.into_string());
        rows.push('\n');
    }
    html! { div.article role="region" aria-label="The article's text, with line numbers" { (PreEscaped(rows)) } }
}

/// One line with its marked ranges; the first piece of each quote carries its anchor `q{n}` (a quote over two
/// lines is marked on both, anchored once).
fn marked(line: &str, ranges: &[(usize, usize, usize)], seen: &mut BTreeSet<usize>) -> Markup {
    let mut out = String::new();
    let mut at = 0;
    for &(start, end, n) in ranges {
        let id = seen.insert(n).then(|| format!("q{n}"));
        let piece = html! {
            (line.get(at..start).unwrap_or(""))
            mark id=[id] { a href={"#fq" (n)} { (line.get(start..end).unwrap_or("")) } }
        };
        out.push_str(&piece.into_string());
        at = end;
    }
    out.push_str(&html! { (line.get(at..).unwrap_or("")) }.into_string());
    PreEscaped(out)
}
