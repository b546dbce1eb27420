//! The REPL's state: the session, the settings commands change, the last query, and running statements through
//! the session's executor with the notes that go with them. Commands and the entry point, [`Repl::execute`], are in
//! `handlers` and `shell`, above this file.

use super::answers;
use super::entry_sink::{Entry, LastQuery};
use super::notes::{self, Earlier};
use crate::db::Database;
use crate::diag::{plural, Diagnostic};
use crate::session::Session;

/// How many answers a query shows before `.more`, until `.limit` says otherwise.
pub const DEFAULT_LIMIT: usize = 20;

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
    /// A REPL around `session`; `colour` is for diagnostics (the line editor colours input on its own). Every
    /// statement of an entry runs, whatever fails before it.
    pub fn new(mut session: Session, colour: bool) -> Repl {
        session.settings.keep_going = true;
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

    /// Runs the statements of `text` (named `name` in diagnostics) through the session's executor, as a script
    /// with `--keep-going` runs: each error is reported where it stands. Answers are paged, what the entry added is
    /// summed up, and earlier answers it changed are named.
    pub(crate) fn statements(&mut self, name: &str, text: &str) -> String {
        let before = Counts::of(&self.session.db);
        let mut entry = Entry { format: self.session.settings.format, limit: self.limit, ..Entry::default() };
        // The entry collects into memory: it has no write that can fail.
        let mut diagnostics = self.session.run(name, text, &mut entry).unwrap_or_default();
        for asked in entry.asked {
            self.remember(asked);
        }
        let db = &self.session.db;
        // The entry is the last text the session parsed.
        let file = db.files.len() - 1;
        let defined = |pred| db.preds.get(&pred).is_some_and(|p| p.meaning.is_some()) || db.is_derived(pred);
        diagnostics.extend(entry.new_predicates.into_iter().filter(|(pred, _)| !defined(*pred)).map(|(_, d)| d));
        let after = Counts::of(db);
        let mut out = entry.out + &before.added(&after, &entry.added);
        if before.changed(&after) {
            let at = entry.added.first().map(|(_, span)| *span).or(entry.first);
            diagnostics.extend(self.changed_answers(file, at.unwrap_or_default()));
        }
        diagnostics.sort_by_key(|d| d.primary.as_ref().map(|l| (l.file, l.span.start)));
        out += &self.session.render_diagnostics(&diagnostics, self.colour);
        out
    }

    /// Keeps a query just answered: as the last query (for `.why N`, `.more`), and among the earlier ones asked
    /// again after an addition.
    fn remember(&mut self, asked: LastQuery) {
        if asked.result.aggregate.is_none() {
            self.earlier.retain(|e| e.query.text != asked.query.text);
            self.earlier.insert(0, Earlier::new(asked.query.clone(), asked.file, &asked.result));
            self.earlier.truncate(notes::REMEMBERED);
        }
        self.last = Some(asked);
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
