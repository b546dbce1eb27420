//! What one REPL entry's statements produce, collected as the session's executor answers them: answers rendered
//! in the entry's format (a table paged to `.limit` answers), the queries asked (to keep as the last one), the
//! facts added and the new predicates they bring (W0103).

use super::answers;
use super::notes;
use crate::db::Database;
use crate::diag::Diagnostic;
use crate::output::{self, Format};
use crate::query::{hints, QueryResult};
use crate::session::{Emitted, Sink};
use crate::symbol::Symbol;
use crate::syntax::{Fact, Query, Span};
use std::io;

/// The last query and its answers, kept for `.why N`, `.sources N` and `.more`.
pub(crate) struct LastQuery {
    pub query: Query,
    /// The entry the query was typed in.
    pub file: usize,
    pub result: QueryResult,
    /// How many answers have been shown so far.
    pub shown: usize,
}

/// The sink of one entry.
pub(crate) struct Entry {
    /// How answers are written (`.mode`).
    pub format: Format,
    /// How many answers a table shows before `.more` (`.limit`).
    pub limit: Option<usize>,
    /// The text to print, in statement order.
    pub out: String,
    /// The queries answered, in order, with how many answers each showed.
    pub asked: Vec<LastQuery>,
    /// The facts added: how each reads, and where it was written.
    pub added: Vec<(String, Span)>,
    /// W0103 for each predicate a fact brought in that nothing knew before, with the predicate.
    pub new_predicates: Vec<(Symbol, Diagnostic)>,
    /// Where the entry's first answered statement stands.
    pub first: Option<Span>,
}

impl Default for Entry {
    fn default() -> Entry {
        Entry {
            format: Format::Table,
            limit: None,
            out: String::new(),
            asked: Vec::new(),
            added: Vec::new(),
            new_predicates: Vec::new(),
            first: None,
        }
    }
}

impl Sink for Entry {
    fn emit(&mut self, db: &Database, item: Emitted) -> io::Result<()> {
        let lines = self.format == Format::Jsonl;
        match item {
            Emitted::Query { query, file, result, warnings } => {
                let (text, shown) = match self.format {
                    Format::Table => answers::page(db, result, 0, self.limit),
                    Format::Csv => (output::render_csv(db, result), result.answers.len()),
                    Format::Json | Format::Jsonl => {
                        let json = output::query_json(db, result, warnings);
                        (output::render_json(&[json], lines), result.answers.len())
                    }
                };
                self.out += &text;
                self.first.get_or_insert(query.span);
                self.asked.push(LastQuery { query: query.clone(), file, result: result.clone(), shown });
            }
            Emitted::Why { json, warnings, .. } if matches!(self.format, Format::Json | Format::Jsonl) => {
                self.out += &output::render_json(&[output::with_warnings(json, warnings)], lines);
            }
            Emitted::Why { text, .. } => self.out += &text,
        }
        Ok(())
    }

    fn facts(&mut self, db: &Database, facts: &[&Fact], file: usize) {
        for fact in facts {
            let pred = fact.atom.pred;
            let seen = self.new_predicates.iter().any(|(p, _)| *p == pred);
            if !seen && !hints::is_known(db, pred) {
                self.new_predicates.push((pred, notes::new_predicate(db, fact, file)));
            }
            self.added.push((notes::describe_fact(db, fact), fact.span));
        }
    }
}
