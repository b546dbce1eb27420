//! A session: a database plus output settings, executing text (a script, a REPL entry, a one-off query)
//! statement by statement. Results go to a `Sink` as soon as each is answered: the CLI's sink writes them through
//! one buffered writer (so an answer already given is never lost to a later failure), the REPL's collects text.
//!
//! Scripts stop at the first failing statement: `check` finds every error that can be found before running
//! (then nothing runs), and an error found while running (a limit, arithmetic) stops the script there. With
//! `keep_going` every statement runs, as a REPL entry does, and each error is reported where it stands.

pub mod check;
mod sink;

pub use sink::{error_json, Emitted, Outcome, Sink};

use crate::db::{Database, Request};
use crate::diag::{render_diagnostics, Diagnostic};
use crate::eval::interrupt::Limits;
use crate::output::{self, Format};
use crate::provenance::prove;
use crate::query::show;
use crate::query::{answer, hints, stop_diagnostic, QueryResult};
use crate::symbol::Symbol;
use crate::syntax::{Statement, Why};
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::io;

/// A script registered with a session and parsed (`Session::parse`): its file, its statements and its syntax
/// errors.
pub type Parsed = (usize, Vec<Statement>, Vec<Diagnostic>);

/// How a session answers: the limits of each request, how answers are written, and what a failure stops. Plain
/// data, so that each request can bring its own (the command line makes one from its flags, a server one per
/// request).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunSettings {
    /// The timeout, tuple and memory budgets of each request.
    pub limits: Limits,
    /// How answers are written.
    pub format: Format,
    /// Run every statement whatever fails (`tkb run --keep-going`, every REPL entry), instead of stopping at the
    /// first error.
    pub keep_going: bool,
}

impl RunSettings {
    /// Answers written as `format`, the default limits, stopping at the first error.
    pub fn new(format: Format) -> RunSettings {
        RunSettings { limits: Limits::default(), format, keep_going: false }
    }
}

/// A database with the settings of its runs: what scripts, `tkb query`, the REPL and a server execute statements
/// in. The one executor: every statement that is answered, whoever asks, runs through `run_scripts`.
pub struct Session {
    /// The kb and every statement applied so far.
    pub db: Database,
    /// The limits, format and failure policy of the requests it runs.
    pub settings: RunSettings,
    /// Told of each evaluation's passes (the command line's progress display), on every request's guard.
    pub watch: Option<std::sync::Arc<dyn crate::eval::watch::Watch>>,
}

fn offset(d: &Diagnostic) -> usize {
    d.primary.as_ref().map_or(0, |l| l.span.start)
}

/// With `TKB_TIMING` set, each query's answering and writing times go to standard error (for benchmarks).
fn timing(query: &str, answered: std::time::Duration, written: std::time::Duration) {
    if std::env::var_os("TKB_TIMING").is_some() {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        let line = format!("timing: answer_ms={:.1} write_ms={:.1} query={query}\n", ms(answered), ms(written));
        output::stream::to_stderr(&line);
    }
}

impl Session {
    /// A session over `db` writing `format`, with the default limits; stops at the first failing statement.
    pub fn new(db: Database, format: Format) -> Session {
        Session::with_settings(db, RunSettings::new(format))
    }

    /// A session over `db` with `settings`; its first request starts now.
    pub fn with_settings(db: Database, settings: RunSettings) -> Session {
        let mut session = Session { db, settings, watch: None };
        session.start_request();
        session
    }

    /// Starts a new request under the session's limits: a deadline counted from now, and a guard that has not
    /// stopped. A command is one request; the REPL starts one per entry, a server one per call.
    pub fn start_request(&mut self) {
        self.db.guard = self.settings.limits.start().watched(self.watch.clone());
    }

    /// Sets the limits and starts a new request under them.
    pub fn set_limits(&mut self, limits: Limits) {
        self.settings.limits = limits;
        self.start_request();
    }

    /// Executes every statement of `text` in order, collecting what they produce.
    pub fn execute(&mut self, name: &str, text: &str) -> Outcome {
        let parsed = self.parse(name, text);
        self.execute_parsed(vec![parsed])
    }

    /// Registers `text` as the file `name` (for locating its diagnostics) and parses it, without running it: a
    /// caller that looks at the statements first (a server that takes one query only) then runs them with
    /// `execute_parsed`, and the text is parsed once.
    pub fn parse(&mut self, name: &str, text: &str) -> Parsed {
        self.db.parse_input(name, text)
    }

    /// Executes parsed scripts in order as one program, collecting what they produce (see `run_parsed`).
    pub fn execute_parsed(&mut self, parsed: Vec<Parsed>) -> Outcome {
        let mut outcome = Outcome::default();
        let format = self.settings.format;
        let mut sink = sink::Collect { format, outcome: &mut outcome };
        let diagnostics = self.run_parsed(parsed, &mut sink).unwrap_or_default();
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
        let parsed = scripts.iter().map(|(name, text)| self.parse(name, text)).collect();
        self.run_parsed(parsed, sink)
    }

    /// Runs parsed scripts (see `parse`) in order as one program, as `run_scripts` does.
    pub fn run_parsed(&mut self, scripts: Vec<Parsed>, sink: &mut dyn Sink) -> io::Result<Vec<Diagnostic>> {
        let (parsed, syntax): (Vec<_>, Vec<_>) =
            scripts.into_iter().map(|(file, statements, errors)| ((file, statements), errors)).unzip();
        if !self.settings.keep_going {
            let errors = self.check(&parsed, &syntax);
            if !errors.is_empty() {
                for error in &errors {
                    sink.error(&self.db, error)?;
                }
                sink.flush()?;
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
            // A request stopped (Ctrl-C, a cancel, the deadline) runs no further statement, whatever `keep_going`
            // says: the stop is the request's, not a statement's.
            if let Err(stop) = self.db.guard.check() {
                let error = stop_diagnostic(&stop, file, statements[k].span());
                self.failed(vec![error], sink, diagnostics)?;
                sink.flush()?;
                return Ok(true);
            }
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
                sink.facts(&self.db, &facts, file);
                self.db.apply_facts(&facts, file)
            };
            let stop = self.failed(errors, sink, diagnostics)?;
            // Each statement's answer leaves the process before the next one starts.
            sink.flush()?;
            if stop {
                return Ok(true);
            }
        }
        let rest: Vec<Diagnostic> = syntax.collect();
        let stop = self.failed(rest, sink, diagnostics)?;
        sink.flush()?;
        Ok(stop)
    }

    /// Reports a statement's errors at its place; true when they stop the script: any error unless `keep_going`, and
    /// always a stop of the whole request (Ctrl-C, a cancel, the deadline, the memory budget).
    fn failed(
        &self,
        errors: Vec<Diagnostic>,
        sink: &mut dyn Sink,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> io::Result<bool> {
        for error in errors.iter().filter(|d| d.is_error()) {
            sink.error(&self.db, error)?;
        }
        let failed = errors.iter().any(Diagnostic::is_error);
        let stop = failed && (!self.settings.keep_going || self.db.guard.stop().is_some());
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
                let warnings = self.hints(&query, file);
                let started = std::time::Instant::now();
                let answered = self.answer(&query, file);
                diagnostics.extend(warnings.iter().cloned());
                let result = match answered {
                    Ok(result) => result,
                    Err(errors) => return Ok(errors),
                };
                let answered = started.elapsed();
                sink.emit(&self.db, Emitted::Query { query: &query, file, result: &result, warnings: &warnings })?;
                timing(&query.text, answered, started.elapsed() - answered);
                Ok(Vec::new())
            }
            Ok(Some(Request::Why(why))) => {
                let body = [crate::syntax::Literal::Pos(why.atom.clone())];
                let warnings = hints::warnings(&self.db, &body, &[], file);
                let answered = self.why(&why, file);
                diagnostics.extend(warnings.iter().cloned());
                match answered {
                    Ok((text, json)) => {
                        sink.emit(&self.db, Emitted::Why { text, json, warnings: &warnings }).map(|()| Vec::new())
                    }
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

    /// Answers one query; `as known D` on the query applies to that query only. A request its limits stopped
    /// answers nothing, even when the part that was stopped (a proof behind a confirmation) swallowed the stop.
    pub fn answer(&mut self, query: &crate::syntax::Query, file: usize) -> Result<QueryResult, Vec<Diagnostic>> {
        let saved = self.db.as_known;
        if query.as_known.is_some() {
            self.db.set_as_known(query.as_known);
        }
        let result = answer(&self.db, query, file);
        self.db.set_as_known(saved);
        match self.db.guard.stop() {
            Some(stop) => Err(vec![stop_diagnostic(&stop, file, query.span)]),
            None => result,
        }
    }

    /// Answers a `why` or `why not` statement, as text and as JSON.
    pub fn why(&self, why: &Why, file: usize) -> Result<(String, Json), Vec<Diagnostic>> {
        let (pred, tuple) = check::why_tuple(&self.db, &self.db.preds, why, file, &BTreeSet::new())?;
        let shown = show::show_atom(&self.db, pred, &tuple);
        let stopped = |stop: crate::eval::Stop| vec![stop_diagnostic(&stop, file, why.span)];
        Ok(if why.negated {
            match crate::provenance::why_not(&self.db, pred, &tuple, why.day).map_err(stopped)? {
                Some(answer) => (output::render_why_not(&self.db, &answer), output::why_not_json(&self.db, &answer)),
                None => (
                    format!("{} holds on {}: ask `why` for its proof\n", why.atom_text(), why.day),
                    output::holds_json(shown, why.day, true),
                ),
            }
        } else {
            match prove(&self.db, pred, &tuple, why.day).map_err(stopped)? {
                Some(proof) => (output::render_proof(&self.db, &proof), output::proof_json(&self.db, &proof)),
                None => (
                    format!("{} does not hold on {}: ask `why not` for the reason\n", why.atom_text(), why.day),
                    output::holds_json(shown, why.day, false),
                ),
            }
        })
    }

    /// Renders diagnostics against the session's source map, with ANSI colours when `colour`.
    pub fn render_diagnostics(&self, diags: &[Diagnostic], colour: bool) -> String {
        render_diagnostics(diags, &self.db.files, colour)
    }
}
