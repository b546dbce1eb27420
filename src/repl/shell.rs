//! The REPL's state and its one entry point, [`Repl::execute`]: a complete entry in (statements or a command),
//! the text to print out. The terminal loop only reads entries and prints what this returns, so transcripts test
//! everything but the keys.

use super::answers;
use super::commands;
use super::complete::{self, Names};
use crate::db::{Database, Request};
use crate::output::{self, Format};
use crate::query::QueryResult;
use crate::session::Session;
use crate::syntax::Query;
use rustyline::completion::Pair;
use std::time::Instant;

/// How many answers a query shows before `.more`, until `.limit` says otherwise.
pub const DEFAULT_LIMIT: usize = 20;

/// The last query and its answers, kept for `.why N`, `.sources N` and `.more`.
pub(crate) struct LastQuery {
    pub query: Query,
    pub result: QueryResult,
    /// How many answers have been shown so far.
    pub shown: usize,
}

pub struct Repl {
    pub(crate) session: Session,
    pub(crate) colour: bool,
    pub(crate) timer: bool,
    pub(crate) limit: Option<usize>,
    pub(crate) last: Option<LastQuery>,
    pub(crate) finished: bool,
}

impl Repl {
    /// A REPL around `session`; `colour` is for diagnostics (the line editor colours input on its own).
    pub fn new(session: Session, colour: bool) -> Repl {
        Repl { session, colour, timer: false, limit: Some(DEFAULT_LIMIT), last: None, finished: false }
    }

    /// True once `.quit` ran.
    pub fn finished(&self) -> bool {
        self.finished
    }

    pub fn database(&self) -> &Database {
        &self.session.db
    }

    pub fn prompt(&self) -> String {
        match self.session.db.as_known {
            Some(day) => format!("tkb (known {day})> "),
            None => "tkb> ".into(),
        }
    }

    pub fn banner(&self) -> String {
        let db = &self.session.db;
        let kb = [(db.preds.len(), "predicate"), (db.store.len(), "fact"), (db.rules.len(), "rule")]
            .map(|(n, what)| plural(n, what));
        format!(
            "tkb {}: {}. Statements end with `.`; `.help` lists the commands, Ctrl-D quits.\n",
            env!("CARGO_PKG_VERSION"),
            kb.join(", ")
        )
    }

    /// What Tab offers at byte `pos` of `line`: the start of the text to replace and the candidates.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        complete::complete(&Names::of(&self.session.db), line, pos)
    }

    /// Runs one complete entry and returns what to print: answers, proofs, messages and rendered diagnostics.
    pub fn execute(&mut self, entry: &str) -> String {
        let text = entry.trim();
        if text.is_empty() {
            return String::new();
        }
        let started = Instant::now();
        if let Some((name, args)) = commands::command_line(text) {
            return commands::dispatch(self, name, args);
        }
        let out = self.statements("<repl>", entry);
        if self.timer {
            return out + &format!("time: {:.3} ms\n", started.elapsed().as_secs_f64() * 1000.0);
        }
        out
    }

    /// Applies the statements of `text` (named `name` in diagnostics) and answers its queries and `why`s in order.
    pub(crate) fn statements(&mut self, name: &str, text: &str) -> String {
        let before = Counts::of(&self.session.db);
        let (file, statements, mut diagnostics) = self.session.db.parse_input(name, text);
        let mut out = String::new();
        // One statement at a time, as scripts run: a query sees exactly the statements before it.
        for statement in &statements {
            match self.session.db.apply(statement, file) {
                Ok(Some(Request::Query(query))) => match self.session.answer(&query, file) {
                    Ok(result) => out += &self.show(query, result),
                    Err(errors) => diagnostics.extend(errors),
                },
                // The session renders proofs.
                Ok(Some(Request::Why(why))) => match self.session.why(&why, file) {
                    Ok((_, json)) if matches!(self.session.format, Format::Json | Format::Jsonl) => {
                        out += &output::render_json(&[json], self.session.format == Format::Jsonl);
                    }
                    Ok((text, _)) => out += &text,
                    Err(errors) => diagnostics.extend(errors),
                },
                Ok(None) => {}
                Err(errors) => diagnostics.extend(errors),
            }
        }
        out += &before.added(&Counts::of(&self.session.db));
        out + &self.session.render_diagnostics(&diagnostics, self.colour)
    }

    /// Renders a query's answers in the session's format and keeps them as the last query.
    fn show(&mut self, query: Query, result: QueryResult) -> String {
        let db = &self.session.db;
        let (text, shown) = match self.session.format {
            Format::Table => answers::page(db, &result, 0, self.limit),
            Format::Csv => (output::render_csv(db, &result), result.answers.len()),
            Format::Json | Format::Jsonl => {
                let json = [output::query_json(db, &result)];
                (output::render_json(&json, self.session.format == Format::Jsonl), result.answers.len())
            }
        };
        self.last = Some(LastQuery { query, result, shown });
        text
    }

    /// The next page of the last query's answers.
    pub(crate) fn more(&mut self) -> String {
        let Some(last) = self.last.as_mut() else { return "error: no query yet\n".into() };
        if last.shown >= last.result.answers.len() {
            return format!("every answer of `?- {}` is shown\n", answers::one_line(&last.result.text));
        }
        let (text, shown) = answers::page(&self.session.db, &last.result, last.shown, self.limit);
        last.shown = shown;
        text
    }
}

/// What the kb holds, to tell the user what an entry added.
struct Counts {
    facts: usize,
    rules: usize,
    preds: usize,
    sources: usize,
    claims: usize,
}

impl Counts {
    fn of(db: &Database) -> Counts {
        let preds = db.preds.values().filter(|p| p.meaning.is_some()).count();
        Counts {
            facts: db.store.len(),
            rules: db.rules.len(),
            preds,
            sources: db.sources.len(),
            claims: db.claims.len(),
        }
    }

    /// `added 1 fact, 1 rule` (empty when nothing was added).
    fn added(&self, after: &Counts) -> String {
        let parts: Vec<String> = [
            (after.facts - self.facts.min(after.facts), "fact"),
            (after.rules - self.rules.min(after.rules), "rule"),
            (after.preds - self.preds.min(after.preds), "predicate declaration"),
            (after.sources - self.sources.min(after.sources), "source"),
            (after.claims - self.claims.min(after.claims), "claim"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| plural(*n, what))
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("added {}\n", parts.join(", "))
        }
    }
}

/// `1 fact`, `2 facts`.
pub(crate) fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
