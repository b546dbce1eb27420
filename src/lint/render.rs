//! Findings as text: rustc-like, through the one diagnostics renderer. The JSON form is `json`.

use super::finding::{Finding, Related};
use crate::diag::{plural, render_diagnostics, Diagnostic, SourceMap};

/// Rustc-like text for every finding, then a one-line summary. `hidden` is the number of notes left out (`None`
/// when notes are shown among the findings).
pub fn text(findings: &[Finding], files: &SourceMap, colour: bool, hidden: Option<usize>) -> String {
    let diags: Vec<Diagnostic> = findings.iter().map(to_diagnostic).collect();
    let mut out = render_diagnostics(&diags, files, colour);
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let notes = findings.iter().filter(|f| f.is_note()).count();
    let warnings = findings.len() - errors - notes;
    let notes = match (hidden, notes) {
        (Some(n), _) if n > 0 => format!(", {} hidden (--notes shows them)", plural(n, "note")),
        (None, n) if n > 0 => format!(", {}", plural(n, "note")),
        _ => String::new(),
    };
    out.push_str(&format!("tkb lint: {}, {}{notes}\n", plural(errors, "error"), plural(warnings, "warning")));
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
