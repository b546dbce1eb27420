//! Findings as text (rustc-like, through the one diagnostics renderer) and as JSON.
//!
//! # JSON shape
//!
//! `tkb lint --format json` prints one array, sorted like the text output (file, line, column, code, message),
//! with one object per finding; every key is always present, `null` when it has no value:
//!
//! ```json
//! [
//!   {
//!     "code": "L0001",
//!     "name": "count-mismatch",
//!     "severity": "warning",
//!     "message": "source `s1` states 20 members of `p` on 2021-12-06 but lists 21",
//!     "file": "kb/news.tkb",
//!     "line": 12,
//!     "column": 1,
//!     "label": "count: 20, members: 21",
//!     "related": [
//!       {
//!         "label": "the source states 20",
//!         "source": "s1",
//!         "document": "001.txt",
//!         "lines": [335, 339],
//!         "printed": "2021-12-06",
//!         "published": "2021-12-06",
//!         "file": "corpus/001.txt",
//!         "line": 339,
//!         "column": 120
//!       }
//!     ],
//!     "notes": ["items after the 20th: ID"]
//!   }
//! ]
//! ```
//!
//! `file`/`line`/`column` locate the finding: a kb statement, or in `--text` mode a line of the document.
//! Each `related` entry is a source (its `document`, `lines` and dates) or another statement the finding compares
//! with; its `file`/`line`/`column` say where it points (the quote in the document when `--corpus` is given, or
//! the other kb statement), `null` when nothing can be pointed at. Dates are `YYYY-MM-DD`.

use super::finding::{Finding, Place, Related};
use crate::diag::{render_diagnostics, Diagnostic, SourceMap};
use serde::Serialize;

/// Rustc-like text for every finding, then a one-line summary. `hidden` is the number of notes left out (`None`
/// when notes are shown among the findings).
pub fn text(findings: &[Finding], files: &SourceMap, colour: bool, hidden: Option<usize>) -> String {
    let diags: Vec<Diagnostic> = findings.iter().map(to_diagnostic).collect();
    let mut out = render_diagnostics(&diags, files, colour);
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let notes = findings.iter().filter(|f| f.is_note()).count();
    let warnings = findings.len() - errors - notes;
    let notes = match (hidden, notes) {
        (Some(n), _) if n > 0 => format!(", {n} note(s) hidden (--notes shows them)"),
        (None, n) if n > 0 => format!(", {n} note(s)"),
        _ => String::new(),
    };
    out.push_str(&format!("tkb lint: {errors} error(s), {warnings} warning(s){notes}\n"));
    out
}

fn to_diagnostic(f: &Finding) -> Diagnostic {
    let mut d = Diagnostic::error(f.code, f.message.clone());
    d.severity = f.severity;
    if let Some(p) = &f.primary {
        d = d.at(p.file, p.span, p.label.clone());
    }
    for r in &f.related {
        if let Some(p) = &r.place {
            let label = match &r.source {
                Some(s) => format!("{} [{s}]", p.label),
                None => p.label.clone(),
            };
            d = d.also(p.file, p.span, label);
        }
    }
    for note in &f.notes {
        d = d.note(note.clone());
    }
    let mut described: Vec<&str> = Vec::new();
    for r in &f.related {
        match &r.source {
            Some(s) if !described.contains(&s.as_str()) => {
                described.push(s);
                d = d.note(describe_source(r));
            }
            None if r.place.is_none() => d = d.note(r.label.clone()),
            _ => {}
        }
    }
    d
}

/// "source s1: 001.txt lines 335-339, printed 2021-12-06, published 2021-12-06".
fn describe_source(r: &Related) -> String {
    let mut parts = Vec::new();
    match (&r.document, r.lines) {
        (Some(doc), Some((a, b))) => parts.push(format!("{doc} lines {a}-{b}")),
        (Some(doc), None) => parts.push(doc.clone()),
        (None, _) => parts.push("no document".into()),
    }
    parts.push(match r.printed {
        Some(d) => format!("printed {d}"),
        None => "no printed date".into(),
    });
    if let Some(d) = r.published {
        parts.push(format!("published {d}"));
    }
    format!("source {}: {}", r.source.as_deref().unwrap_or("?"), parts.join(", "))
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    label: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    label: &'a str,
    source: Option<&'a str>,
    document: Option<&'a str>,
    lines: Option<[usize; 2]>,
    printed: Option<String>,
    published: Option<String>,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

fn locate(place: Option<&Place>, files: &SourceMap) -> (Option<String>, Option<usize>, Option<usize>) {
    match place {
        Some(p) => {
            let (line, col) = files.line_col(p.file, p.span.start);
            (Some(files.name(p.file).to_string()), Some(line), Some(col))
        }
        None => (None, None, None),
    }
}

/// The findings as one pretty-printed JSON array (the shape is documented at the top of this module).
pub fn json(findings: &[Finding], files: &SourceMap) -> String {
    let items: Vec<JsonFinding> = findings
        .iter()
        .map(|f| {
            let (file, line, column) = locate(f.primary.as_ref(), files);
            let related = f
                .related
                .iter()
                .map(|r| {
                    let (file, line, column) = locate(r.place.as_ref(), files);
                    JsonRelated {
                        label: &r.label,
                        source: r.source.as_deref(),
                        document: r.document.as_deref(),
                        lines: r.lines.map(|(a, b)| [a, b]),
                        printed: r.printed.map(|d| d.to_string()),
                        published: r.published.map(|d| d.to_string()),
                        file,
                        line,
                        column,
                    }
                })
                .collect();
            JsonFinding {
                code: f.code.id(),
                name: f.code.name(),
                severity: f.severity.name(),
                message: &f.message,
                file,
                line,
                column,
                label: f.primary.as_ref().map(|p| p.label.as_str()),
                related,
                notes: &f.notes,
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}
