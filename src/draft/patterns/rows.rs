//! Reading the rows of a phrase table: each row checked (its kind, its number of arguments, the predicates it
//! names against the kb, its phrases compiled), every problem a diagnostic located at its row.

use super::{Patterns, Phrase, Slot, CUES, EVENTS, SLOTS};
use crate::db::Database;
use crate::diag::{Code, Diagnostic};
use crate::draft::phrase::{cue_regex, matcher, Matcher};
use crate::symbol::Symbol;
use crate::syntax::{Fact, TermKind};
use crate::value::Value;

pub(super) struct Reader<'a> {
    pub(super) file: usize,
    pub(super) db: &'a Database,
    pub(super) diags: Vec<Diagnostic>,
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

    /// A predicate of the kb (any name passes when the kb declares none).
    fn pred(&mut self, fact: &Fact, i: usize) -> Option<Symbol> {
        let name = Symbol::from(self.sym(fact, i)?.as_str());
        if self.db.preds.is_empty() || self.db.preds.contains_key(&name) {
            Some(name)
        } else {
            self.error(fact, format!("`{name}` is not a predicate of the kb"));
            None
        }
    }

    /// An `arguments(Pred, Slot, ...)` row: one slot per argument of the predicate.
    fn arguments(&mut self, fact: &Fact, table: &mut Patterns) {
        let Some(pred) = self.pred(fact, 0) else { return };
        let mut slots = Vec::new();
        for i in 1..fact.atom.args.len() {
            let Some(name) = self.sym(fact, i) else { return };
            slots.push(
                SLOTS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, s)| *s)
                    .unwrap_or(Slot::Const(Symbol::from(name.as_str()))),
            );
        }
        if let Some(info) = self.db.preds.get(&pred).filter(|info| info.arity != slots.len()) {
            let message = format!(
                "`{pred}` takes {}, but the row fills {}",
                crate::diag::plural(info.arity, "argument"),
                slots.len()
            );
            self.error(fact, message);
            return;
        }
        table.arguments.insert(pred, slots);
    }

    /// After every row is read: a phrase that states a predicate of more than one argument needs to know how to
    /// fill them.
    pub(super) fn check_arguments(&mut self, table: &Patterns) {
        for phrase in &table.phrases {
            let arity = self.db.preds.get(&phrase.pred).map(|i| i.arity).unwrap_or(0);
            if arity > 1 && !table.arguments.contains_key(&phrase.pred) {
                let message = format!(
                    "`{}` takes {arity} arguments: an `arguments({}, ...)` row must say how to fill them",
                    phrase.pred, phrase.pred
                );
                self.diags.push(Diagnostic::error(Code::BadRecord, message).at(self.file, phrase.span, "this row"));
            }
        }
    }

    pub(super) fn row(&mut self, fact: &Fact, table: &mut Patterns) {
        let arity = fact.atom.args.len();
        let kind = fact.atom.pred.as_str();
        let expected = match kind {
            "phrase" => 3,
            "block" | "describes" | "topic" | "cue" | "demonym" | "group" => 2,
            "state" | "reference" | "future" | "home" | "same_date" => 1,
            "arguments" => arity.clamp(2, 5),
            _ => {
                self.error(fact, format!("`{kind}` is not a kind of row (see the file's header)"));
                return;
            }
        };
        if arity != expected {
            let expected = if kind == "arguments" {
                "2 to 5 arguments".to_string()
            } else {
                crate::diag::plural(expected, "argument")
            };
            self.error(fact, format!("`{kind}` rows take {expected}, not {arity}"));
            return;
        }
        match kind {
            "phrase" => {
                let pred = self.pred(fact, 0);
                let event = self.sym(fact, 1).and_then(|e| match EVENTS.iter().find(|(n, _)| *n == e) {
                    Some((_, ev)) => Some(*ev),
                    None => {
                        self.error(fact, format!("`{e}` is not an event (from, until, at, period, from_period)"));
                        None
                    }
                });
                let m = self.matcher(fact, 2);
                if let (Some(pred), Some(event), Some(matcher)) = (pred, event, m) {
                    table.phrases.push(Phrase { pred, event, matcher, span: fact.atom.span });
                }
            }
            "block" | "describes" | "topic" => {
                let pred = self.pred(fact, 0);
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
            "state" | "reference" | "future" | "same_date" => {
                if let Some(m) = self.matcher(fact, 0) {
                    match kind {
                        "state" => table.state.push(m),
                        "reference" => table.reference.push(m),
                        "same_date" => table.same_date.push(m),
                        _ => table.future.push(m),
                    }
                }
            }
            "arguments" => self.arguments(fact, table),
            "group" => {
                if let (Some(name), Some(m)) = (self.sym(fact, 0), self.matcher(fact, 1)) {
                    table.groups.push((Symbol::from(name.as_str()), m));
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
