//! What the REPL says about what an entry added: the facts themselves, a warning when a fact's predicate is new
//! (W0103: usually a stray word or a typo), and a warning when the addition changes an earlier answer (W0104).

use crate::db::Database;
use crate::diag::{Code, Diagnostic};
use crate::output::show_set;
use crate::query::hints;
use crate::query::QueryResult;
use crate::syntax::{Fact, Query, TermKind};
use crate::time::IntervalSet;
use crate::value::Value;

/// How many earlier queries are asked again after an addition, the latest first.
pub const REMEMBERED: usize = 8;

/// A fact as the user sees it: `direct_flight(VN) from 2021-12-14`, `clear`.
pub fn describe_fact(db: &Database, fact: &Fact) -> String {
    let values: Vec<Value> =
        fact.atom.args.iter().filter_map(|t| if let TermKind::Const(v) = t.kind { Some(v) } else { None }).collect();
    let atom = crate::query::show::show_atom(db, fact.atom.pred, &values);
    match fact.time.text() {
        time if time.is_empty() => atom,
        time => format!("{atom} {time}"),
    }
}

/// `clear is not a known predicate; it was added as a new fact — did you mean .clear?`
pub fn new_predicate(db: &Database, fact: &Fact, file: usize) -> Diagnostic {
    let pred = fact.atom.pred;
    let command = super::commands::find(pred.as_str()).filter(|_| fact.atom.args.is_empty());
    let known = db.preds.keys().filter(|p| **p != pred && hints::is_known(db, **p)).map(|p| p.as_str());
    let suggestion = match command {
        Some(c) => format!(" — did you mean `.{}`?", c.name),
        None => crate::query::suggest::closest(pred.as_str(), known)
            .map(|p| format!(" — did you mean `{p}`?"))
            .unwrap_or_default(),
    };
    let message = format!("`{pred}` is not a known predicate; it was added as a new fact{suggestion}");
    Diagnostic::warning(Code::NewPredicate, message)
        .at(file, fact.atom.span, "a new predicate")
        .note(format!("`?- {}.` asks instead of adding; `.help` lists the commands", describe_fact(db, fact)))
}

/// An earlier query and what it answered then.
pub struct Earlier {
    pub query: Query,
    pub file: usize,
    pub answers: Vec<(Vec<Value>, IntervalSet)>,
}

impl Earlier {
    pub fn new(query: Query, file: usize, result: &QueryResult) -> Earlier {
        Earlier { query, file, answers: snapshot(result) }
    }
}

pub fn snapshot(result: &QueryResult) -> Vec<(Vec<Value>, IntervalSet)> {
    result.answers.iter().map(|a| (a.values.to_vec(), a.valid.clone())).collect()
}

/// What changed between two answers to one query, in words: `+VN, -EG, GB holds [a, ..) (was [b, ..))`, or for
/// a question `now yes [a, ..)`, `now no`; `None` when nothing did.
pub fn change(db: &Database, old: &[(Vec<Value>, IntervalSet)], new: &[(Vec<Value>, IntervalSet)]) -> Option<String> {
    if old == new {
        return None;
    }
    let show = |values: &[Value]| values.iter().map(|v| crate::query::show::show(db, v)).collect::<Vec<_>>().join(", ");
    let find = |set: &[(Vec<Value>, IntervalSet)], values: &[Value]| set.iter().find(|(v, _)| v == values).cloned();
    let mut parts = Vec::new();
    for (values, days) in new {
        match find(old, values) {
            None if values.is_empty() => parts.push(format!("now yes {}", show_set(days))),
            None => parts.push(format!("+{}", show(values))),
            Some((_, before)) if before != *days => {
                let what = if values.is_empty() { "yes".to_string() } else { format!("{} holds", show(values)) };
                parts.push(format!("{what} {} (was {})", show_set(days), show_set(&before)));
            }
            Some(_) => {}
        }
    }
    for (values, _) in old.iter().filter(|(v, _)| find(new, v).is_none()) {
        parts.push(if values.is_empty() { "now no".to_string() } else { format!("-{}", show(values)) });
    }
    let more = parts.len().saturating_sub(4);
    parts.truncate(4);
    if more > 0 {
        parts.push(format!("{more} more"));
    }
    Some(parts.join(", "))
}

/// W0104 at `at` (what was added), pointing back at the earlier query.
pub fn changed_answer(earlier: &Earlier, change: &str, file: usize, at: crate::syntax::Span) -> Diagnostic {
    let text = crate::syntax::one_line(&earlier.query.text);
    let message = format!("this changes an earlier answer to `?- {text}`: {change}");
    Diagnostic::warning(Code::ChangedAnswer, message).at(file, at, "added here").also(
        earlier.file,
        earlier.query.span,
        "asked earlier",
    )
}
