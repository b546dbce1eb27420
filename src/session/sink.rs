//! Where a session's results go: the [`Sink`] trait the executor writes to as each statement is answered, what it
//! hands over ([`Emitted`]), and [`Outcome`], the sink that collects text and JSON for callers that want it all at
//! the end (`Session::execute`: pictures, tests).

use crate::db::Database;
use crate::diag::Diagnostic;
use crate::output::{self, Format};
use crate::query::QueryResult;
use crate::syntax::{Fact, Query};
use serde_json::Value as Json;
use std::io;

/// One thing a statement produced for the user.
pub enum Emitted<'a> {
    /// A query's answers.
    Query {
        /// The query as checked (the REPL keeps it, to ask it again).
        query: &'a Query,
        /// The file (script, entry) the query was written in.
        file: usize,
        /// The answers.
        result: &'a QueryResult,
        /// The hints the query deserved (W01xx), also reported with the run's diagnostics.
        warnings: &'a [Diagnostic],
    },
    /// A `why` answer, as text and as JSON.
    Why {
        /// The proof tree (or the reasons it fails) as indented text.
        text: String,
        /// The same answer as JSON.
        json: Json,
        /// The hints the statement deserved, as for a query.
        warnings: &'a [Diagnostic],
    },
}

/// Where results go as they are produced. Every method may fail with the sink's write error, which stops the run.
pub trait Sink {
    /// Writes one result as it is produced.
    fn emit(&mut self, db: &Database, item: Emitted) -> io::Result<()>;

    /// A statement that failed, at its place among the results (JSON writes `{"error": ...}` there).
    fn error(&mut self, _db: &Database, _error: &Diagnostic) -> io::Result<()> {
        Ok(())
    }

    /// Facts about to be added, with the database as it is before them (the REPL says what an entry added).
    fn facts(&mut self, _db: &Database, _facts: &[&Fact], _file: usize) {}

    /// The end of a statement's output: a sink that buffers writes it out now, so that nothing already answered
    /// is lost to a later failure, a signal or a full disk.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A failed statement as a JSON value: `{"error": {"code", "column", "file", "line", "message"}}`.
pub fn error_json(db: &Database, error: &Diagnostic) -> Json {
    serde_json::to_value(output::ErrorJson::new(db, error)).unwrap_or(Json::Null)
}

/// What executing some text produced: rendered answers, and diagnostics (not yet rendered).
#[derive(Default, Debug)]
pub struct Outcome {
    /// The rendered answers and `why` trees, for the table and CSV formats.
    pub output: String,
    /// One value per result, for the JSON formats (failed statements included, as `{"error": ...}`).
    pub json: Vec<Json>,
    /// The query results, in order, for callers that keep them (the REPL's `why` of the last answer).
    pub results: Vec<QueryResult>,
    /// Every diagnostic, in statement order; errors and warnings both.
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    /// True when some diagnostic is an error (not just a warning).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The sink behind `Session::execute`: text in the session's format, JSON values, and the results themselves.
pub(super) struct Collect<'o> {
    pub format: Format,
    pub outcome: &'o mut Outcome,
}

impl Sink for Collect<'_> {
    fn emit(&mut self, db: &Database, item: Emitted) -> io::Result<()> {
        let json = matches!(self.format, Format::Json | Format::Jsonl);
        match item {
            Emitted::Query { result, warnings, .. } => {
                match self.format {
                    Format::Table => self.outcome.output += &output::render_table(db, result),
                    Format::Csv => {
                        // One table per statement, separated by an empty line.
                        if !self.outcome.output.is_empty() {
                            self.outcome.output.push('\n');
                        }
                        self.outcome.output += &output::render_csv(db, result)
                    }
                    Format::Json | Format::Jsonl => self.outcome.json.push(output::query_json(db, result, warnings)),
                }
                self.outcome.results.push(result.clone());
            }
            Emitted::Why { json: data, warnings, .. } if json => {
                self.outcome.json.push(output::with_warnings(data, warnings))
            }
            Emitted::Why { text, .. } => self.outcome.output += &text,
        }
        Ok(())
    }

    fn error(&mut self, db: &Database, error: &Diagnostic) -> io::Result<()> {
        if matches!(self.format, Format::Json | Format::Jsonl) {
            self.outcome.json.push(error_json(db, error));
        }
        Ok(())
    }
}
