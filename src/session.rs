//! A session: a database plus output settings, executing text (a script, a REPL entry, a one-off query)
//! statement by statement. Results go to a `Sink` as soon as each is answered: the CLI's sink writes them through
//! one buffered writer (so an answer already given is never lost to a later failure), the REPL's collects text.

use crate::db::{Database, Request};
use crate::diag::{render_diagnostics, Diagnostic};
use crate::output::{self, Format};
use crate::provenance::prove;
use crate::query::{answer, QueryResult};
use crate::syntax::{Statement, Why};
use serde_json::Value as Json;
use std::io;

pub struct Session {
    pub db: Database,
    pub format: Format,
}

/// One thing a statement produced for the user.
pub enum Emitted<'a> {
    Query(&'a QueryResult),
    /// A `why` answer, as text and as JSON.
    Why { text: String, json: Json },
}

/// Where results go as they are produced.
pub trait Sink {
    fn emit(&mut self, db: &Database, item: Emitted) -> io::Result<()>;
}

/// What executing some text produced: rendered answers, and diagnostics (not yet rendered).
#[derive(Default, Debug)]
pub struct Outcome {
    pub output: String,
    pub json: Vec<Json>,
    /// The query results, in order, for callers that keep them (the REPL's `why` of the last answer).
    pub results: Vec<QueryResult>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
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
                    Format::Csv => self.outcome.output += &output::render_csv(db, result),
                    Format::Json | Format::Jsonl => self.outcome.json.push(output::query_json(db, result)),
                }
                self.outcome.results.push(result.clone());
            }
            Emitted::Why { json: data, .. } if json => self.outcome.json.push(data),
            Emitted::Why { text, .. } => self.outcome.output += &text,
        }
        Ok(())
    }
}

impl Session {
    pub fn new(db: Database, format: Format) -> Session {
        Session { db, format }
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
        let (file, statements, mut diagnostics) = self.db.parse_input(name, text);
        let mut k = 0;
        while k < statements.len() {
            let facts: Vec<&crate::syntax::Fact> = statements[k..]
                .iter()
                .map_while(|s| if let Statement::Fact(f) = s { Some(f) } else { None })
                .collect();
            if !facts.is_empty() {
                k += facts.len();
                diagnostics.extend(self.db.apply_facts(&facts, file));
                continue;
            }
            match self.db.apply(&statements[k], file) {
                Ok(Some(Request::Query(query))) => match self.answer(&query, file) {
                    Ok(result) => sink.emit(&self.db, Emitted::Query(&result))?,
                    Err(errors) => diagnostics.extend(errors),
                },
                Ok(Some(Request::Why(why))) => match self.why(&why, file) {
                    Ok((text, json)) => sink.emit(&self.db, Emitted::Why { text, json })?,
                    Err(errors) => diagnostics.extend(errors),
                },
                Ok(None) => {}
                Err(errors) => diagnostics.extend(errors),
            }
            k += 1;
        }
        Ok(diagnostics)
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
        let mut preds = self.db.preds.clone();
        let body = [crate::syntax::Literal::Pos(why.atom.clone())];
        let rule = crate::program::check_query(&body, why.span, &mut preds, file)?;
        let Some(atom) = rule.body.first().and_then(|l| l.atom()) else { return Err(Vec::new()) };
        let tuple: Option<crate::value::Tuple> = atom
            .args
            .iter()
            .map(|a| match a {
                crate::program::Arg::Const(v) => Some(*v),
                crate::program::Arg::Var(_) => None,
            })
            .collect();
        let Some(tuple) = tuple else {
            let d = Diagnostic::error(crate::diag::Code::NonGroundFact, "`why` needs a ground atom (no variables)").at(
                file,
                why.atom.span,
                "has variables",
            );
            return Err(vec![d]);
        };
        let shown = self.db.show_atom(atom.pred, &tuple);
        Ok(if why.negated {
            match crate::provenance::why_not(&self.db, atom.pred, &tuple, why.day) {
                Some(answer) => (output::render_why_not(&self.db, &answer), output::why_not_json(&self.db, &answer)),
                None => (
                    format!("{} holds on {}: ask `why` for its proof\n", why.atom_text(), why.day),
                    serde_json::json!({ "fact": shown, "day": why.day.to_string(), "holds": true }),
                ),
            }
        } else {
            match prove(&self.db, atom.pred, &tuple, why.day) {
                Some(proof) => (output::render_proof(&self.db, &proof), output::proof_json(&self.db, &proof)),
                None => (
                    format!("{} does not hold on {}: ask `why not` for the reason\n", why.atom_text(), why.day),
                    serde_json::json!({ "fact": shown, "day": why.day.to_string(), "holds": false }),
                ),
            }
        })
    }

    pub fn render_diagnostics(&self, diags: &[Diagnostic], colour: bool) -> String {
        render_diagnostics(diags, &self.db.files, colour)
    }
}
