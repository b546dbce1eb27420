//! Provenance: a fact citing no source (L0010), and with `--corpus` a source whose lines leave its document or
//! whose document is missing (L0011), and a quote that is not in the source's lines (L0012).

use super::super::context::Ctx;
use super::super::corpus::{find_quote, Document};
use super::super::finding::Finding;
use crate::diag::Code;
use crate::program::Source;
use crate::symbol::Symbol;
use crate::syntax::{parse_program, Span, Statement};
use std::collections::BTreeSet;

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, a) in ctx.db.store.assertions().filter(|(_, a)| !a.snapshot && a.cites.is_empty()) {
        let message = format!("`{}` cites no source", ctx.show_atom(a.pred, &a.tuple));
        out.push(Finding::new(Code::MissingSource, message).located(ctx.kb_place(a.origin, "no `cite`")));
    }
    if !ctx.with_corpus {
        return out;
    }
    for (name, source) in &ctx.db.sources {
        out.extend(check_lines(ctx, *name, source));
    }
    out.extend(check_fact_quotes(ctx));
    for claim in &ctx.db.claims {
        let place = ctx.kb_place(claim.origin, "this claim's quote");
        out.extend(check_quote(ctx, claim.source, &claim.quote, place.file, place.span));
    }
    out
}

fn check_lines(ctx: &Ctx, name: Symbol, source: &Source) -> Option<Finding> {
    let doc_name = source.doc.as_ref()?;
    let place = ctx.kb_place(source.origin, format!("doc: {doc_name:?}"));
    let Some(doc) = ctx.docs.get(doc_name) else {
        let message = format!("the document of `{name}`, {doc_name:?}, is not in the corpus");
        return Some(Finding::new(Code::LinesOutsideDocument, message).located(place));
    };
    let (first, last) = source.lines?;
    if last <= doc.line_count() {
        return None;
    }
    let message = format!("`{name}` cites lines {first}-{last}, but {doc_name} has {} lines", doc.line_count());
    let place = ctx.kb_place(source.origin, format!("lines: [{first}, {last}]"));
    Some(Finding::new(Code::LinesOutsideDocument, message).located(place).with(ctx.related_source(
        name,
        None,
        "the document",
    )))
}

/// Quotes of citations, read from the kb files themselves so that a finding points at the `cite` (a block's
/// citation is checked once, not once per fact).
fn check_fact_quotes(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    for file in 0..ctx.kb_files {
        for statement in parse_program(ctx.db.files.text(file)).statements {
            let Statement::Fact(fact) = statement else { continue };
            for cite in &fact.cites {
                let Some(quote) = &cite.quote else { continue };
                if seen.insert((file, cite.span.start)) {
                    out.extend(check_quote(ctx, cite.source, quote, file, cite.span));
                }
            }
        }
    }
    out
}

fn check_quote(ctx: &Ctx, name: Symbol, quote: &str, file: usize, span: Span) -> Option<Finding> {
    let source = ctx.source(name)?;
    let doc = ctx.document(source)?;
    let (first, last) = source.lines?;
    let text = ctx.db.files.text(doc.file);
    if find_quote(text, doc.lines_span(text, first, last), quote).is_some() {
        return None;
    }
    let doc_name = source.doc.clone().unwrap_or_default();
    let message = format!("the quote is not in lines {first}-{last} of {doc_name} (source `{name}`)");
    let label = crate::lint::finding::first_line(ctx.db.files.text(file), span);
    let mut finding = Finding::new(Code::QuoteNotFound, message)
        .at(file, label, "quoted here")
        .with(ctx.related_source(name, None, format!("lines {first}-{last}")));
    if let Some(note) = elsewhere(doc, text, quote) {
        finding = finding.note(note);
    }
    Some(finding)
}

/// Where the quote is when it is in the document but outside the source's lines.
fn elsewhere(doc: &Document, text: &str, quote: &str) -> Option<String> {
    let whole = Span { start: 0, end: text.len() };
    let at = find_quote(text, whole, quote)?;
    Some(format!("the quote is on line {} of the document, outside the source's lines", doc.line_of(at.start)))
}
