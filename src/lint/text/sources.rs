//! The reader on the documents the kb's sources cite (`tkb lint --corpus`): each source's lines are read as one
//! article (its first line the title), and what contradicts itself there is reported at the document's lines,
//! as `--text` reports it: a count its list does not match, two totals, a name listed twice, a numbered list with
//! gaps, and as notes counts whose list is missing or partial. A contradiction a kb claim already reports (the
//! same code at the same document lines) is left to that finding: one finding per contradiction.

use super::super::context::Ctx;
use super::super::finding::Finding;
use super::document;
use super::findings::{self, Doc};
use super::names::CountryTable;
use crate::diag::{Code, SourceMap};
use crate::program::SourceKind;
use std::collections::BTreeSet;

/// The reader's findings on every source's lines, less those the kb's own findings (`kb`) already report.
pub fn lint_sources(ctx: &Ctx, kb: &[Finding]) -> Vec<Finding> {
    let table = CountryTable::from_db(ctx.db);
    if table.is_empty() {
        return Vec::new();
    }
    let files = &ctx.db.files;
    let reported = reported_lines(kb, files);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for source in ctx.db.sources.values().filter(|s| s.kind != SourceKind::Reference) {
        let (Some(doc), Some((first, last)), Some(name)) = (ctx.document(source), source.lines, source.doc.as_ref())
        else {
            continue;
        };
        let text = files.text(doc.file);
        let span = doc.lines_span(text, first, last);
        let Some(window) = text.get(span.start..span.end) else { continue };
        let reading = document::read_at(window, &table, first, span.start);
        for finding in findings::check(&Doc { file: doc.file, name }, &reading) {
            let (from, to) = lines_of(&finding, files);
            let duplicate = reported.iter().any(|(code, file, line)| {
                *code == finding.code
                    && finding.primary.as_ref().is_some_and(|p| p.file == *file)
                    && (from..=to).contains(line)
            });
            // Sources that share lines (a page and an article of it) give the same finding once.
            let key = (finding.code, finding.primary.as_ref().map(|p| (p.file, p.span.start)), finding.message.clone());
            if !duplicate && seen.insert(key) {
                out.push(finding);
            }
        }
    }
    out
}

/// The document lines at which the kb's count mismatches and numbering gaps point: `(code, file, line)`.
fn reported_lines(kb: &[Finding], files: &SourceMap) -> Vec<(Code, usize, usize)> {
    let mut out = Vec::new();
    for f in kb.iter().filter(|f| matches!(f.code, Code::CountMismatch | Code::NumberingGap)) {
        let places = f.primary.iter().chain(f.related.iter().filter_map(|r| r.place.as_ref()));
        for p in places {
            out.push((f.code, p.file, files.line_col(p.file, p.span.start).0));
        }
    }
    out
}

/// The first and last document line a finding speaks of: its place and the lines of what it relates.
fn lines_of(finding: &Finding, files: &SourceMap) -> (usize, usize) {
    let at = finding.primary.as_ref().map(|p| files.line_col(p.file, p.span.start).0).unwrap_or(0);
    finding.related.iter().filter_map(|r| r.lines).fold((at, at), |(a, b), (c, d)| (a.min(c), b.max(d)))
}
