//! A session: a database plus output settings, executing text (a script, a REPL entry, a one-off query)
//! statement by statement. Results go to a `Sink` as soon as each is answered: the CLI's sink writes them through
//! one buffered writer (so an answer already given is never lost to a later failure), the REPL's collects text.
//!
//! Scripts stop at the first failing statement: `check` finds every error that can be found before running
//! (then nothing runs), and an error found while running (a limit, arithmetic) stops the script there. With
//! `keep_going` every statement runs, as a REPL entry does, and each error is reported where it stands.

pub mod check;

use crate::db::{Database, Request};
use crate::diag::{render_diagnostics, Diagnostic};
use crate::output::{self, Format};
use crate::provenance::prove;
use crate::query::show;
use crate::query::{answer, hints, QueryResult};
use crate::symbol::Symbol;
use crate::syntax::{Statement, Why};
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::io;

/// A database with the settings of a run: what scripts, `tkb query` and the REPL execute statements in.
pub struct Session {
    /// The kb and every statement applied so far.
    pub db: Database,
    /// How answers are written.
    pub format: Format,
    /// Run every statement whatever fails (`tkb run --keep-going`), instead of stopping at the first error.
    pub keep_going: bool,
}

/// One thing a statement produced for the user.
pub enum Emitted<'a> {
    /// A query's answers.
    Query(&'a QueryResult),
    /// A `why` answer, as text and as JSON.
    Why {
        /// The proof tree (or the reasons it fails) as indented text.
        text: String,
        /// The same answer as JSON.
        json: Json,
    },
}

/// Where results go as they are produced.
pub trait Sink {
    /// Writes one result as it is produced.
    fn emit(&mut self, db: &Database, item: Emitted) -> io::Result<()>;

    /// A statement that failed, at its place among the results (JSON writes `{"error": ...}` there).
    fn error(&mut self, _db: &Database, _error: &Diagnostic) -> io::Result<()> {
        Ok(())
    }
}

/// A failed statement as JSON: `{"error": {"code", "message", "file", "line", "column"}}` (null when unplaced).
pub fn error_json(db: &Database, error: &Diagnostic) -> Json {
    let place =
        error.primary.as_ref().map(|l| (db.files.name(l.file).to_string(), db.files.line_col(l.file, l.span.start)));
    let (file, line, column) = match place {
        Some((file, (line, column))) => (Json::from(file), Json::from(line), Json::from(column)),
        None => (Json::Null, Json::Null, Json::Null),
    };
    serde_json::json!({ "error": {
        "code": error.code.id(), "message": error.message, "file": file, "line": line, "column": column,
    } })
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
struct Collect<'o> {
    format: Format,
    outcome: &'o mut Outcome,
}

impl Sink for Collect<'_> {
    fn emit(&mut self, db: &Database, item: Emitted) -> io::Result<()> {
        let json = matches!(self.format, Format::Json | Format::Jsonl);
        match item {
            Emitted::Query(result) => {
                match self.format {
                    Format::Table => self.outcome.output += &output::render_table(db, result),
                    Format::Csv => {
                        if !self.outcome.output.is_empty() {
                            self.outcome.output.push('\n');
                        }
                        self.outcome.output += &output::render_csv(db, result)
                    }
                    Format::Json | Format::Jsonl => self.outcome.json.push(output::query_json(db, result)),
                }
                self.outcome.results.push(result.clone());
            }
            Emitted::Why { json: data, .. } if json => self.outcome.json.push(data),
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

fn offset(d: &Diagnostic) -> usize {
    d.primary.as_ref().map_or(0, |l| l.span.start)
}

/// With `TKB_TIMING` set, each query's answering and writing times go to standard error (for benchmarks).
fn timing(query: &str, answered: std::time::Duration, written: std::time::Duration) {
    if std::env::var_os("TKB_TIMING").is_some() {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        eprintln!("timing: answer_ms={:.1} write_ms={:.1} query={query}", ms(answered), ms(written));
    }
}

impl Session {
    /// A session over `db` writing `format`; stops at the first failing statement.
    pub fn new(db: Database, format: Format) -> Session {
        Session { db, format, keep_going: false }
    }

    /// Executes every statement of `text` in order, collecting what they produce.
    pub fn execute(&mut self, name: &str, text: &str) -> Outcome {
        let mut outcome = Outcome::default();
        let format = self.format;
        let diagnostics = self.run(name, text, &mut Collect { format, outcome: &mut outcome }).unwrap_or_default();
        outcome.diagnostics = diagnostics;
        outcome
    }

    /// Executes every statement of `text` in order, giving each result to `sink` as soon as it is answered. A
    /// query sees exactly the statements before it; consecutive facts are applied as one batch. Returns the
    /// diagnostics, or the sink's write error (which stops the run).
    pub fn run(&mut self, name: &str, text: &str, sink: &mut dyn Sink) -> io::Result<Vec<Diagnostic>> {
        self.run_scripts(&[(name.to_string(), text.to_string())], sink)
    }

    /// Runs scripts (name, text) in order as one program. Unless `keep_going`, every script is checked first
    /// and nothing runs when one has an error; a failure while running stops there.
    pub fn run_scripts(&mut self, scripts: &[(String, String)], sink: &mut dyn Sink) -> io::Result<Vec<Diagnostic>> {
        let mut parsed = Vec::new();
        let mut syntax = Vec::new();
        for (name, text) in scripts {
            let (file, statements, errors) = self.db.parse_input(name, text);
            parsed.push((file, statements));
            syntax.push(errors);
        }
        if !self.keep_going {
            let errors = self.check(&parsed, &syntax);
            if !errors.is_empty() {
                for error in &errors {
                    sink.error(&self.db, error)?;
                }
                return Ok(errors);
            }
        }
        let defined = check::defines(parsed.iter().flat_map(|(_, s)| s));
        let mut diagnostics = Vec::new();
        for ((file, statements), errors) in parsed.iter().zip(syntax) {
            if self.run_file(*file, statements, errors, &defined, sink, &mut diagnostics)? {
                break;
            }
        }
        Ok(diagnostics)
    }

    /// Every error the scripts have before running, in order.
    fn check(&self, parsed: &[(usize, Vec<Statement>)], syntax: &[Vec<Diagnostic>]) -> Vec<Diagnostic> {
        let mut check = check::Check::new(&self.db, parsed);
        let mut errors = Vec::new();
        for ((file, statements), syntax) in parsed.iter().zip(syntax) {
            let mut found: Vec<Diagnostic> = syntax.clone();
            for statement in statements {
                found.extend(check.statement(statement, *file));
            }
            found.sort_by_key(offset);
            errors.extend(found);
        }
        errors
    }

    /// Runs one script's statements; true when a failure stopped it.
    fn run_file(
        &mut self,
        file: usize,
        statements: &[Statement],
        syntax: Vec<Diagnostic>,
        defined: &BTreeSet<Symbol>,
        sink: &mut dyn Sink,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> io::Result<bool> {
        let mut syntax = syntax.into_iter().peekable();
        let mut k = 0;
        while k < statements.len() {
            let at = statements[k].span().start;
            while let Some(error) = syntax.next_if(|e| offset(e) < at) {
                if self.failed(vec![error], sink, diagnostics)? {
                    return Ok(true);
                }
            }
            let facts: Vec<&crate::syntax::Fact> =
                statements[k..].iter().map_while(|s| if let Statement::Fact(f) = s { Some(f) } else { None }).collect();
            let errors = if facts.is_empty() {
                k += 1;
                self.statement(&statements[k - 1], file, defined, sink, diagnostics)?
            } else {
                k += facts.len();
                self.db.apply_facts(&facts, file)
            };
            if self.failed(errors, sink, diagnostics)? {
                return Ok(true);
            }
        }
        let rest: Vec<Diagnostic> = syntax.collect();
        self.failed(rest, sink, diagnostics)
    }

    /// Reports a statement's errors at its place; true when they stop the script.
    fn failed(
        &self,
        errors: Vec<Diagnostic>,
        sink: &mut dyn Sink,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> io::Result<bool> {
        for error in errors.iter().filter(|d| d.is_error()) {
            sink.error(&self.db, error)?;
        }
        let stop = !self.keep_going && errors.iter().any(Diagnostic::is_error);
        diagnostics.extend(errors);
        Ok(stop)
    }

    /// Applies one statement other than a fact, answering it when it asks; returns its errors (its warnings go
    /// straight to `diagnostics`).
    fn statement(
        &mut self,
        statement: &Statement,
        file: usize,
        defined: &BTreeSet<Symbol>,
        sink: &mut dyn Sink,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> io::Result<Vec<Diagnostic>> {
        if let Statement::Rule(rule) = statement {
            let unknown = check::rule_body(&self.db, rule, file, defined);
            if !unknown.is_empty() {
                return Ok(unknown);
            }
        }
        match self.db.apply(statement, file) {
            Ok(Some(Request::Query(query))) => {
                diagnostics.extend(self.hints(&query, file));
                let started = std::time::Instant::now();
                match self.answer(&query, file) {
                    Ok(result) => {
                        let answered = started.elapsed();
                        sink.emit(&self.db, Emitted::Query(&result))?;
                        timing(&query.text, answered, started.elapsed() - answered);
                        Ok(Vec::new())
                    }
                    Err(errors) => Ok(errors),
                }
            }
            Ok(Some(Request::Why(why))) => {
                let body = [crate::syntax::Literal::Pos(why.atom.clone())];
                diagnostics.extend(hints::warnings(&self.db, &body, &[], file));
                match self.why(&why, file) {
                    Ok((text, json)) => sink.emit(&self.db, Emitted::Why { text, json }).map(|()| Vec::new()),
                    Err(errors) => Ok(errors),
                }
            }
            Ok(None) => Ok(Vec::new()),
            Err(errors) => Ok(errors),
        }
    }

    /// The warnings a query deserves before it is answered: a variable that spells a constant, a constant no
    /// fact holds (see `query::hints`).
    pub fn hints(&self, query: &crate::syntax::Query, file: usize) -> Vec<Diagnostic> {
        let also: Vec<Symbol> = query.aggregate.iter().filter_map(|a| a.over).collect();
        hints::warnings(&self.db, &query.body, &also, file)
    }

    /// Answers one query; `as known D` on the query applies to that query only.
    pub fn answer(&mut self, query: &crate::syntax::Query, file: usize) -> Result<QueryResult, Vec<Diagnostic>> {
        let saved = self.db.as_known;
        if query.as_known.is_some() {
            self.db.set_as_known(query.as_known);
        }
        let result = answer(&self.db, query, file);
        self.db.set_as_known(saved);
        result
    }

    /// Answers a `why` or `why not` statement, as text and as JSON.
    pub fn why(&self, why: &Why, file: usize) -> Result<(String, Json), Vec<Diagnostic>> {
        let (pred, tuple) = check::why_tuple(&self.db, &self.db.preds, why, file, &BTreeSet::new())?;
        let shown = show::show_atom(&self.db, pred, &tuple);
        Ok(if why.negated {
            match crate::provenance::why_not(&self.db, pred, &tuple, why.day) {
                Some(answer) => (output::render_why_not(&self.db, &answer), output::why_not_json(&self.db, &answer)),
                None => (
                    format!("{} holds on {}: ask `why` for its proof\n", why.atom_text(), why.day),
                    serde_json::json!({ "fact": shown, "day": why.day.to_string(), "holds": true }),
                ),
            }
        } else {
            match prove(&self.db, pred, &tuple, why.day) {
                Some(proof) => (output::render_proof(&self.db, &proof), output::proof_json(&self.db, &proof)),
                None => (
                    format!("{} does not hold on {}: ask `why not` for the reason\n", why.atom_text(), why.day),
                    serde_json::json!({ "fact": shown, "day": why.day.to_string(), "holds": false }),
                ),
            }
        })
    }

    /// Renders diagnostics against the session's source map, with ANSI colours when `colour`.
    pub fn render_diagnostics(&self, diags: &[Diagnostic], colour: bool) -> String {
        render_diagnostics(diags, &self.db.files, colour)
    }
}
