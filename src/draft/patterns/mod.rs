//! The phrase table: which wording states which predicate with which event and how its arguments are filled,
//! read from a file in the tkb language (`kb/draft/patterns.tkp` by default, compiled in; `rows` reads it) and
//! compiled to regular expressions. Adding a phrase is an edit of that file, never of Rust. The file's header
//! documents every row kind.

mod rows;

pub use super::phrase::Matcher;
use crate::db::Database;
use crate::diag::{Code, Diagnostic, SourceMap};
use crate::symbol::Symbol;
use crate::syntax::{parse_program, Statement};
use regex::Regex;
use std::collections::HashMap;

/// The table built into the binary.
pub const BUILTIN: &str = include_str!("../../../kb/draft/patterns.tkp");
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

pub(crate) const EVENTS: [(&str, Event); 5] = [
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

pub(crate) const CUES: [(&str, Cue); 4] =
    [("effective", Cue::Effective), ("decision", Cue::Decision), ("until", Cue::Until), ("as_of", Cue::AsOf)];

/// How one argument of a drafted fact is filled (an `arguments` row gives one per argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Each foreign country the sentence names (or the list it introduces, or the sentence it refers to).
    Country,
    /// A number of days the sentence gives ("7-day", "for 14 days"), else its paragraph.
    Days,
    /// A number of hours ("72-hour", "within 48 hours"), else its paragraph.
    Hours,
    /// Each group a `group` row names in the sentence ("children under 5 years").
    Group,
    /// This constant.
    Const(Symbol),
}

pub(crate) const SLOTS: [(&str, Slot); 4] =
    [("country", Slot::Country), ("days", Slot::Days), ("hours", Slot::Hours), ("group", Slot::Group)];

/// A `phrase(Pred, Event, Phrase)` row: a sentence matching it states `pred` with `event`.
#[derive(Debug)]
pub struct Phrase {
    /// The predicate stated.
    pub pred: Symbol,
    /// What happens to it on the sentence's date.
    pub event: Event,
    /// The compiled phrase.
    pub matcher: Matcher,
    /// Where the row is in the table, for diagnostics found after reading it.
    pub span: crate::syntax::Span,
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
    /// The `arguments(Pred, Slot, ...)` rows: how each argument of a predicate is filled.
    pub arguments: HashMap<Symbol, Vec<Slot>>,
    /// The `group(Name, Phrase)` rows: a matching sentence names the group.
    pub groups: Vec<(Symbol, Matcher)>,
    /// The `same_date(Phrase)` rows: a matching sentence takes the date of the sentence before it.
    pub same_date: Vec<Matcher>,
}

/// A table that does not compile: the diagnostics, and the file they point into.
pub struct PatternError {
    /// The table's text, for rendering the diagnostics.
    pub files: SourceMap,
    /// Every problem found, each located in the table's file.
    pub diagnostics: Vec<Diagnostic>,
}

impl Patterns {
    /// Reads a table; predicates are checked against `db`'s declarations (any name passes when it has none).
    pub fn parse(name: &str, text: &str, db: &Database) -> Result<Patterns, PatternError> {
        let mut files = SourceMap::default();
        let file = files.add(name, text);
        let program = parse_program(files.text(file));
        let mut reader = rows::Reader { file, db, diags: Vec::new() };
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
        reader.check_arguments(&table);
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

    /// How the arguments of `pred` (of `arity` arguments) are filled: its `arguments` row, else one country for a
    /// predicate of one argument and nothing for one of none.
    pub fn slots(&self, pred: Symbol, arity: usize) -> Vec<Slot> {
        match self.arguments.get(&pred) {
            Some(slots) => slots.clone(),
            None if arity == 1 => vec![Slot::Country],
            None => Vec::new(),
        }
    }

    /// The groups the text names, in the order the text names them, each once; where two group phrases match
    /// overlapping words, the longer match names the group ("residence permit holders who received vaccination
    /// in Kazakhstan" is not every residence permit holder).
    pub fn groups_in(&self, text: &str) -> Vec<Symbol> {
        let mut found: Vec<(usize, usize, Symbol)> =
            self.groups.iter().filter_map(|(g, m)| m.first_match(text).map(|(a, b)| (a, b, *g))).collect();
        found.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
        let mut kept: Vec<(usize, usize, Symbol)> = Vec::new();
        for (a, b, g) in found {
            let overlaps = kept.iter().any(|&(ka, kb, _)| a < kb && ka < b);
            let longer = kept.iter().position(|&(ka, kb, _)| a < kb && ka < b && b - a > kb - ka);
            match (overlaps, longer) {
                (_, Some(i)) => kept[i] = (a, b, g),
                (false, None) => kept.push((a, b, g)),
                (true, None) => {}
            }
        }
        let mut out: Vec<Symbol> = Vec::new();
        for (_, _, g) in kept {
            if !out.contains(&g) {
                out.push(g);
            }
        }
        out
    }

    /// True when the sentence dates itself by the sentence before ("on the same day").
    pub fn is_same_date(&self, text: &str) -> bool {
        self.same_date.iter().any(|m| m.is_match(text))
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
