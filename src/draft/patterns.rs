//! The phrase table: which wording states which predicate with which event, read from a file in the tkb language
//! (`kb/draft/patterns.tkp` by default, compiled in) and compiled to regular expressions. Adding a phrase is an
//! edit of that file, never of Rust. The file's header documents every row kind.

pub use super::phrase::Matcher;
use super::phrase::{cue_regex, matcher};
use crate::db::Database;
use crate::diag::{Code, Diagnostic, SourceMap};
use crate::symbol::Symbol;
use crate::syntax::{parse_program, Fact, Statement, TermKind};
use crate::value::Value;
use regex::Regex;

/// The table built into the binary.
pub const BUILTIN: &str = include_str!("../../kb/draft/patterns.tkp");
/// The name diagnostics give the built-in table's file.
pub const BUILTIN_NAME: &str = "kb/draft/patterns.tkp";

/// What a matching sentence says happens to the fact, on the date the text gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Event {
    /// It starts to hold.
    From,
    /// It stops holding.
    Until,
    /// It holds on the day (an observation).
    At,
    /// It holds over the stated period, up to the `until` date.
    Period,
    /// It starts, and holds over the stated period.
    FromPeriod,
}

const EVENTS: [(&str, Event); 5] = [
    ("from", Event::From),
    ("until", Event::Until),
    ("at", Event::At),
    ("period", Event::Period),
    ("from_period", Event::FromPeriod),
];

/// What the words right before a date say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// The date is when it takes effect.
    Effective,
    /// The date of a decision or document.
    Decision,
    /// The last day of a period.
    Until,
    /// The day a state or list is given for.
    AsOf,
}

const CUES: [(&str, Cue); 4] =
    [("effective", Cue::Effective), ("decision", Cue::Decision), ("until", Cue::Until), ("as_of", Cue::AsOf)];

/// A `phrase(Pred, Event, Phrase)` row: a sentence matching it states `pred` with `event`.
#[derive(Debug)]
pub struct Phrase {
    /// The predicate stated.
    pub pred: Symbol,
    /// What happens to it on the sentence's date.
    pub event: Event,
    /// The compiled phrase.
    pub matcher: Matcher,
}

/// The compiled table.
#[derive(Debug, Default)]
pub struct Patterns {
    /// The `phrase` rows, in file order; for each predicate the first matching row decides.
    pub phrases: Vec<Phrase>,
    /// The `block(Pred, Phrase)` rows: a matching sentence states nothing about the predicate.
    pub blocks: Vec<(Symbol, Matcher)>,
    /// The `describes(Pred, Phrase)` rows: a matching sentence describes countries by the predicate, stating no event.
    pub describes: Vec<(Symbol, Matcher)>,
    /// The `topic(Pred, Phrase)` rows: a list in a matching sentence is about the predicate; the first wins.
    pub topics: Vec<(Symbol, Matcher)>,
    /// The `cue(Kind, Phrase)` rows, compiled to match words that end right before a date.
    pub cues: Vec<(Cue, Regex)>,
    /// The `state(Phrase)` rows: sentences that give the state on a day (their lists are snapshots).
    pub state: Vec<Matcher>,
    /// The `reference(Phrase)` rows: sentences that speak of the last list ("these countries").
    pub reference: Vec<Matcher>,
    /// The `future(Phrase)` rows: sentences about the future, whose dates bound an undated article's publication.
    pub future: Vec<Matcher>,
    /// The `demonym(C, Word)` rows: "Word citizens" names country C.
    pub demonyms: Vec<(Symbol, String)>,
    /// The `home(C)` rows: the country the kb is about, never an argument of a drafted fact.
    pub home: Vec<Symbol>,
}

/// A table that does not compile: the diagnostics, and the file they point into.
pub struct PatternError {
    /// The table's text, for rendering the diagnostics.
    pub files: SourceMap,
    /// Every problem found, each located in the table's file.
    pub diagnostics: Vec<Diagnostic>,
}

struct Reader<'a> {
    file: usize,
    db: &'a Database,
    diags: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, fact: &Fact, message: String) {
        self.diags.push(Diagnostic::error(Code::BadRecord, message).at(self.file, fact.atom.span, "this row"));
    }

    fn sym(&mut self, fact: &Fact, i: usize) -> Option<String> {
        match fact.atom.args.get(i).map(|t| &t.kind) {
            Some(TermKind::Const(Value::Sym(s))) => Some(s.to_string()),
            _ => {
                self.error(fact, format!("argument {} of `{}` must be a name or a string", i + 1, fact.atom.pred));
                None
            }
        }
    }

    fn matcher(&mut self, fact: &Fact, i: usize) -> Option<Matcher> {
        let text = self.sym(fact, i)?;
        matcher(&text).map_err(|e| self.error(fact, format!("the phrase does not compile: {e}"))).ok()
    }

    /// A predicate of the kb that a pattern may state: no argument, or one country.
    fn pred(&mut self, fact: &Fact, i: usize, statable: bool) -> Option<Symbol> {
        let name = Symbol::from(self.sym(fact, i)?.as_str());
        match self.db.preds.get(&name) {
            None if self.db.preds.is_empty() => Some(name),
            None => {
                self.error(fact, format!("`{name}` is not a predicate of the kb"));
                None
            }
            Some(info) if statable && info.arity > 1 => {
                self.error(
                    fact,
                    format!("`{name}` takes {} arguments; phrases state predicates of none or one country", info.arity),
                );
                None
            }
            Some(_) => Some(name),
        }
    }

    fn row(&mut self, fact: &Fact, table: &mut Patterns) {
        let arity = fact.atom.args.len();
        let kind = fact.atom.pred.as_str();
        let expected = match kind {
            "phrase" => 3,
            "block" | "describes" | "topic" | "cue" | "demonym" => 2,
            "state" | "reference" | "future" | "home" => 1,
            _ => {
                self.error(fact, format!("`{kind}` is not a kind of row (see the file's header)"));
                return;
            }
        };
        if arity != expected {
            self.error(fact, format!("`{kind}` rows take {expected} argument(s), not {arity}"));
            return;
        }
        match kind {
            "phrase" => {
                let pred = self.pred(fact, 0, true);
                let event = self.sym(fact, 1).and_then(|e| match EVENTS.iter().find(|(n, _)| *n == e) {
                    Some((_, ev)) => Some(*ev),
                    None => {
                        self.error(fact, format!("`{e}` is not an event (from, until, at, period, from_period)"));
                        None
                    }
                });
                let m = self.matcher(fact, 2);
                if let (Some(pred), Some(event), Some(matcher)) = (pred, event, m) {
                    table.phrases.push(Phrase { pred, event, matcher });
                }
            }
            "block" | "describes" | "topic" => {
                let pred = self.pred(fact, 0, false);
                if let (Some(pred), Some(m)) = (pred, self.matcher(fact, 1)) {
                    match kind {
                        "block" => table.blocks.push((pred, m)),
                        "describes" => table.describes.push((pred, m)),
                        _ => table.topics.push((pred, m)),
                    }
                }
            }
            "cue" => {
                let cue = self.sym(fact, 0).and_then(|c| match CUES.iter().find(|(n, _)| *n == c) {
                    Some((_, cue)) => Some(*cue),
                    None => {
                        self.error(fact, format!("`{c}` is not a cue (effective, decision, until, as_of)"));
                        None
                    }
                });
                let re = self.sym(fact, 1).and_then(|p| {
                    cue_regex(&p).map_err(|e| self.error(fact, format!("the phrase does not compile: {e}"))).ok()
                });
                if let (Some(cue), Some(re)) = (cue, re) {
                    table.cues.push((cue, re));
                }
            }
            "state" | "reference" | "future" => {
                if let Some(m) = self.matcher(fact, 0) {
                    match kind {
                        "state" => table.state.push(m),
                        "reference" => table.reference.push(m),
                        _ => table.future.push(m),
                    }
                }
            }
            "demonym" => {
                if let (Some(code), Some(word)) = (self.sym(fact, 0), self.sym(fact, 1)) {
                    table.demonyms.push((Symbol::from(code.as_str()), word));
                }
            }
            _ => {
                if let Some(code) = self.sym(fact, 0) {
                    table.home.push(Symbol::from(code.as_str()));
                }
            }
        }
    }
}

impl Patterns {
    /// Reads a table; predicates are checked against `db`'s declarations (any name passes when it has none).
    pub fn parse(name: &str, text: &str, db: &Database) -> Result<Patterns, PatternError> {
        let mut files = SourceMap::default();
        let file = files.add(name, text);
        let program = parse_program(files.text(file));
        let mut reader = Reader { file, db, diags: Vec::new() };
        for e in program.errors {
            reader.diags.push(Diagnostic::error(e.code, e.message.clone()).at(file, e.span, "here"));
        }
        let mut table = Patterns::default();
        for statement in &program.statements {
            match statement {
                Statement::Fact(fact) => reader.row(fact, &mut table),
                _ => reader.diags.push(Diagnostic::error(Code::Syntax, "a pattern file holds only rows (facts)").at(
                    file,
                    statement_span(statement),
                    "here",
                )),
            }
        }
        if reader.diags.is_empty() {
            Ok(table)
        } else {
            Err(PatternError { files, diagnostics: reader.diags })
        }
    }

    /// The first predicate whose topic matches the sentence.
    pub fn topic(&self, text: &str) -> Option<Symbol> {
        self.topics.iter().find(|(pred, m)| m.is_match(text) && !self.blocked(*pred, text)).map(|(p, _)| *p)
    }

    /// True when a `block` row for `pred` matches the sentence.
    pub fn blocked(&self, pred: Symbol, text: &str) -> bool {
        self.blocks.iter().any(|(p, m)| *p == pred && m.is_match(text))
    }

    /// Whether the sentence only describes countries by `pred`, announcing no event of it.
    pub fn describes(&self, pred: Symbol, text: &str) -> bool {
        self.describes.iter().any(|(p, m)| *p == pred && m.is_match(text))
    }

    /// True when the sentence gives the state on a day ("currently", "to date").
    pub fn is_state(&self, text: &str) -> bool {
        self.state.iter().any(|m| m.is_match(text))
    }

    /// True when the sentence speaks of the last list.
    pub fn is_reference(&self, text: &str) -> bool {
        self.reference.iter().any(|m| m.is_match(text))
    }

    /// True when the sentence speaks of the future.
    pub fn is_future(&self, text: &str) -> bool {
        self.future.iter().any(|m| m.is_match(text))
    }

    /// What the words before a date say it is (the first cue in the table's order that matches).
    pub fn cue(&self, before: &str) -> Option<Cue> {
        self.cues.iter().find(|(_, re)| re.is_match(before)).map(|(c, _)| *c)
    }
}

fn statement_span(statement: &Statement) -> crate::syntax::Span {
    match statement {
        Statement::Rule(r) => r.span,
        Statement::Query(q) => q.span,
        Statement::Why(w) => w.span,
        Statement::AsKnown(a) => a.span,
        Statement::Record(r) => r.span,
        Statement::Pred(p) => p.span,
        Statement::Fact(f) => f.span,
        Statement::Declare(d) => d.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_table_compiles() {
        let db = Database::default();
        let table = Patterns::parse(BUILTIN_NAME, BUILTIN, &db).map_err(|e| e.diagnostics.len()).expect("compiles");
        assert!(!table.phrases.is_empty() && !table.cues.is_empty());
    }
}
