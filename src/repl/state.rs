//! The REPL's state: the session, the settings commands change, the last query, and running statements into
//! the session with the notes that go with them. Commands and the entry point, [`Repl::execute`], are in
//! `handlers` and `shell`, above this file.

use super::answers;
use super::notes::{self, Earlier};
use crate::db::{Database, Request};
use crate::diag::Diagnostic;
use crate::output::{self, Format};
use crate::query::{hints, QueryResult};
use crate::session::{check, Session};
use crate::syntax::{Query, Statement};

/// How many answers a query shows before `.more`, until `.limit` says otherwise.
pub const DEFAULT_LIMIT: usize = 20;

/// The last query and its answers, kept for `.why N`, `.sources N` and `.more`.
pub(crate) struct LastQuery {
    pub query: Query,
    pub result: QueryResult,
    /// How many answers have been shown so far.
    pub shown: usize,
}

/// The REPL: a session and the prompt's settings, driven one entry at a time by `execute`.
pub struct Repl {
    pub(crate) session: Session,
    pub(crate) colour: bool,
    pub(crate) timer: bool,
    pub(crate) limit: Option<usize>,
    pub(crate) last: Option<LastQuery>,
    pub(crate) finished: bool,
    /// The latest queries and their answers, asked again after an addition to say when one changed.
    earlier: Vec<Earlier>,
}

impl Repl {
    /// A REPL around `session`; `colour` is for diagnostics (the line editor colours input on its own).
    pub fn new(session: Session, colour: bool) -> Repl {
        Repl {
            session,
            colour,
            timer: false,
            limit: Some(DEFAULT_LIMIT),
            last: None,
            finished: false,
            earlier: Vec::new(),
        }
    }

    /// True once `.quit` ran.
    pub fn finished(&self) -> bool {
        self.finished
    }

    /// The session's database (for completion names).
    pub fn database(&self) -> &Database {
        &self.session.db
    }

    /// `tkb> `, or `tkb (known DAY)> ` while answering as known on a day.
    pub fn prompt(&self) -> String {
        match self.session.db.as_known {
            Some(day) => format!("tkb (known {day})> "),
            None => "tkb> ".into(),
        }
    }

    /// The first lines of a session: the version and what the kb holds.
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

    /// Applies the statements of `text` (named `name` in diagnostics) and answers its queries and `why`s in order.
    pub(crate) fn statements(&mut self, name: &str, text: &str) -> String {
        let before = Counts::of(&self.session.db);
        let (file, statements, mut diagnostics) = self.session.db.parse_input(name, text);
        let defined = check::defines(statements.iter());
        let mut out = String::new();
        let mut added = Vec::new();
        // One statement at a time, as scripts run: a query sees exactly the statements before it.
        for statement in &statements {
            if let Statement::Rule(rule) = statement {
                let unknown = check::rule_body(&self.session.db, rule, file, &defined);
                if !unknown.is_empty() {
                    diagnostics.extend(unknown);
                    continue;
                }
            }
            let new = match statement {
                Statement::Fact(fact) if !hints::is_known(&self.session.db, fact.atom.pred) => {
                    Some(notes::new_predicate(&self.session.db, fact, file))
                }
                _ => None,
            };
            match self.session.db.apply(statement, file) {
                Ok(Some(Request::Query(query))) => {
                    diagnostics.extend(self.session.hints(&query, file));
                    match self.session.answer(&query, file) {
                        Ok(result) => out += &self.show(query, file, result),
                        Err(errors) => diagnostics.extend(errors),
                    }
                }
                // The session renders proofs.
                Ok(Some(Request::Why(why))) => {
                    let body = [crate::syntax::Literal::Pos(why.atom.clone())];
                    diagnostics.extend(hints::warnings(&self.session.db, &body, &[], file));
                    match self.session.why(&why, file) {
                        Ok((_, json)) if matches!(self.session.format, Format::Json | Format::Jsonl) => {
                            out += &output::render_json(&[json], self.session.format == Format::Jsonl);
                        }
                        Ok((text, _)) => out += &text,
                        Err(errors) => diagnostics.extend(errors),
                    }
                }
                Ok(None) => {
                    if let Statement::Fact(fact) = statement {
                        added.push((notes::describe_fact(&self.session.db, fact), fact.span));
                        diagnostics.extend(new.filter(|_| !defined_elsewhere(&statements, statement)));
                    }
                }
                Err(errors) => diagnostics.extend(errors),
            }
        }
        let after = Counts::of(&self.session.db);
        out += &before.added(&after, &added);
        if before.changed(&after) {
            let at = added.first().map(|(_, span)| *span).or_else(|| statements.first().map(Statement::span));
            diagnostics.extend(self.changed_answers(file, at.unwrap_or_default()));
        }
        out + &self.session.render_diagnostics(&diagnostics, self.colour)
    }

    /// W0104 for each remembered query whose answer the last entry changed; the new answer is remembered.
    fn changed_answers(&mut self, file: usize, at: crate::syntax::Span) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for earlier in &mut self.earlier {
            let Ok(result) = self.session.answer(&earlier.query, earlier.file) else { continue };
            let now = notes::snapshot(&result);
            if let Some(change) = notes::change(&self.session.db, &earlier.answers, &now) {
                out.push(notes::changed_answer(earlier, &change, file, at));
            }
            earlier.answers = now;
        }
        out
    }

    /// Renders a query's answers in the session's format and keeps them as the last query.
    fn show(&mut self, query: Query, file: usize, result: QueryResult) -> String {
        if result.aggregate.is_none() {
            self.earlier.retain(|e| e.query.text != query.text);
            self.earlier.insert(0, Earlier::new(query.clone(), file, &result));
            self.earlier.truncate(notes::REMEMBERED);
        }
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
            return format!("every answer of `?- {}` is shown\n", crate::syntax::one_line(&last.result.text));
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

    /// Whether anything was added that can change an answer.
    fn changed(&self, after: &Counts) -> bool {
        (after.facts, after.rules, after.claims) != (self.facts, self.rules, self.claims)
    }

    /// `added 1 fact: p(a); 1 rule` (empty when nothing was added); `facts` describes the facts added.
    fn added(&self, after: &Counts, facts: &[(String, crate::syntax::Span)]) -> String {
        let mut fact_part = plural(after.facts - self.facts.min(after.facts), "fact");
        if !facts.is_empty() && facts.len() == after.facts - self.facts.min(after.facts) {
            let shown: Vec<&str> = facts.iter().take(3).map(|(f, _)| f.as_str()).collect();
            let more = if facts.len() > 3 { format!(" and {} more", facts.len() - 3) } else { String::new() };
            fact_part += &format!(": {}{more}", shown.join(", "));
        }
        let parts: Vec<String> = [
            (after.facts - self.facts.min(after.facts), "fact"),
            (after.rules - self.rules.min(after.rules), "rule"),
            (after.preds - self.preds.min(after.preds), "predicate declaration"),
            (after.sources - self.sources.min(after.sources), "source"),
            (after.claims - self.claims.min(after.claims), "claim"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| if *what == "fact" { fact_part.clone() } else { plural(*n, what) })
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("added {}\n", parts.join("; "))
        }
    }
}

/// Whether a statement of the entry other than `fact` (a declaration, a rule) gives its predicate a meaning.
fn defined_elsewhere(statements: &[Statement], fact: &Statement) -> bool {
    let Statement::Fact(f) = fact else { return false };
    statements.iter().any(|s| match s {
        Statement::Pred(p) => p.name == f.atom.pred,
        Statement::Rule(r) => r.head.pred == f.atom.pred,
        _ => false,
    })
}

/// `1 fact`, `2 facts`.
pub(crate) fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
