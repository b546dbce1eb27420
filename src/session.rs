//! A session: a database plus output settings, executing text (a script, a REPL entry, a one-off query) and
//! producing the text to show. The CLI and the REPL are thin shells around it.

use crate::db::{Database, Request};
use crate::diag::{render_diagnostics, Diagnostic};
use crate::output::{self, Format};
use crate::provenance::prove;
use crate::query::answer;
use crate::syntax::Why;
use serde_json::Value as Json;

pub struct Session {
    pub db: Database,
    pub format: Format,
}

/// What executing some text produced: rendered answers, and diagnostics (not yet rendered).
#[derive(Default, Debug)]
pub struct Outcome {
    pub output: String,
    pub json: Vec<Json>,
    /// The query results, in order, for callers that keep them (the REPL's `why` of the last answer).
    pub results: Vec<crate::query::QueryResult>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Session {
    pub fn new(db: Database, format: Format) -> Session {
        Session { db, format }
    }

    /// Executes every statement of `text` in order; answers are rendered in the session's format. In JSON formats
    /// the results are collected in `json` for the caller to print as one document.
    pub fn execute(&mut self, name: &str, text: &str) -> Outcome {
        let (file, statements, diagnostics) = self.db.parse_input(name, text);
        let mut outcome = Outcome { diagnostics, ..Outcome::default() };
        // One statement at a time: a query sees exactly the statements before it.
        for statement in &statements {
            match self.db.apply(statement, file) {
                Ok(Some(Request::Query(query))) => self.query(&query, file, &mut outcome),
                Ok(Some(Request::Why(why))) => self.why(&why, file, &mut outcome),
                Ok(None) => {}
                Err(errors) => outcome.diagnostics.extend(errors),
            }
        }
        outcome
    }

    /// Answers one query; `as known D` on the query applies to that query only.
    pub fn answer(
        &mut self,
        query: &crate::syntax::Query,
        file: usize,
    ) -> Result<crate::query::QueryResult, Vec<Diagnostic>> {
        let saved = self.db.as_known;
        if query.as_known.is_some() {
            self.db.set_as_known(query.as_known);
        }
        let result = answer(&self.db, query, file);
        self.db.set_as_known(saved);
        result
    }

    fn query(&mut self, query: &crate::syntax::Query, file: usize, outcome: &mut Outcome) {
        match self.answer(query, file) {
            Ok(result) => {
                match self.format {
                    Format::Table => outcome.output += &output::render_table(&self.db, &result),
                    Format::Csv => outcome.output += &output::render_csv(&self.db, &result),
                    Format::Json | Format::Jsonl => outcome.json.push(output::query_json(&self.db, &result)),
                }
                outcome.results.push(result);
            }
            Err(errors) => outcome.diagnostics.extend(errors),
        }
    }

    /// Answers a `why` or `why not` statement into `outcome`, as text or JSON in the session's format.
    pub fn why(&self, why: &Why, file: usize, outcome: &mut Outcome) {
        let mut preds = self.db.preds.clone();
        let body = [crate::syntax::Literal::Pos(why.atom.clone())];
        let rule = match crate::program::check_query(&body, why.span, &mut preds, file) {
            Ok(rule) => rule,
            Err(errors) => return outcome.diagnostics.extend(errors),
        };
        let Some(atom) = rule.body.first().and_then(|l| l.atom()) else { return };
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
            return outcome.diagnostics.push(d);
        };
        let json = matches!(self.format, Format::Json | Format::Jsonl);
        let shown = self.db.show_atom(atom.pred, &tuple);
        let (text, data) = if why.negated {
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
        };
        if json {
            outcome.json.push(data);
        } else {
            outcome.output += &text;
        }
    }

    pub fn render_diagnostics(&self, diags: &[Diagnostic], colour: bool) -> String {
        render_diagnostics(diags, &self.db.files, colour)
    }
}
