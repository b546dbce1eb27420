//! Diagnostics as JSON, for programs: a failed statement's `{"error": {...}}` in a script's results, and the
//! `"warnings"` an answer carries (the hints a table prints on standard error). Keys in sorted order, as in every
//! JSON object tkb writes.

use crate::db::Database;
use crate::diag::Diagnostic;
use serde::Serialize;

/// A hint beside an answer: `{"code", "message"}`.
#[derive(Serialize)]
pub struct WarningJson<'a> {
    code: &'a str,
    message: &'a str,
}

impl<'a> WarningJson<'a> {
    /// The diagnostic's code and message.
    pub fn new(d: &'a Diagnostic) -> WarningJson<'a> {
        WarningJson { code: d.code.id(), message: &d.message }
    }
}

/// The warnings of an answer, as a JSON list.
pub fn warnings_json(warnings: &[Diagnostic]) -> Vec<WarningJson<'_>> {
    warnings.iter().map(WarningJson::new).collect()
}

/// A failed statement: `{"error": {"code", "column", "file", "line", "message"}}`; the place is null for an
/// error that points nowhere.
#[derive(Serialize)]
pub struct ErrorJson<'a> {
    error: PlacedJson<'a>,
}

#[derive(Serialize)]
struct PlacedJson<'a> {
    code: &'a str,
    column: Option<usize>,
    file: Option<&'a str>,
    line: Option<usize>,
    message: &'a str,
}

impl<'a> ErrorJson<'a> {
    /// The error `d`, placed in `db`'s files.
    pub fn new(db: &'a Database, d: &'a Diagnostic) -> ErrorJson<'a> {
        let place = d.primary.as_ref().map(|l| (db.files.name(l.file), db.files.line_col(l.file, l.span.start)));
        ErrorJson {
            error: PlacedJson {
                code: d.code.id(),
                column: place.map(|(_, (_, column))| column),
                file: place.map(|(file, _)| file),
                line: place.map(|(_, (line, _))| line),
                message: &d.message,
            },
        }
    }
}
