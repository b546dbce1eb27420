//! Every predicate's facts for the report, asked through the session as `when` queries (every interval of every
//! tuple, base or derived), with the counts and the timeline of each predicate.

use crate::picture::lookup::Lookup;
use crate::picture::timeline::{self, chart, Options};
use crate::picture::PictureError;
use crate::provenance::SourceRef;
use crate::query::show;
use crate::session::Session;
use crate::symbol::Symbol;
use crate::time::IntervalSet;
use crate::value::Value;
use std::collections::BTreeSet;

/// One tuple of a predicate with every interval it holds on and the sources behind them.
#[derive(Clone, Debug)]
pub struct Fact {
    pub pred: Symbol,
    pub values: Vec<Value>,
    pub atom: String,
    pub valid: IntervalSet,
    pub sources: Vec<SourceRef>,
}

/// A predicate: what the vocabulary says of it, how many statements and tuples it has, and its timeline.
#[derive(Clone, Debug)]
pub struct Predicate {
    pub name: Symbol,
    pub params: Vec<String>,
    pub meaning: Option<String>,
    pub rules: Vec<String>,
    pub statements: usize,
    pub facts: Vec<Fact>,
    /// The Gantt chart of its facts; `None` when every fact holds always (nothing to put on a time axis).
    pub chart: Option<String>,
}

impl Predicate {
    pub fn derived(&self) -> bool {
        !self.rules.is_empty()
    }
}

/// Every predicate the kb declares, states or derives, in name order.
/// `shown` says which facts the pages show (their rows in the timelines).
pub fn predicates(
    session: &mut Session,
    lookup: &Lookup,
    shown: &dyn Fn(&[Value]) -> bool,
) -> Result<Vec<Predicate>, PictureError> {
    let db = &session.db;
    let mut names: BTreeSet<Symbol> = db.preds.keys().copied().collect();
    names.extend(db.store.predicates().map(|(p, _)| *p));
    names.extend(db.rules.iter().map(|r| r.head.pred));
    // Questions (`tkb check`'s requirements for every traveller) are answers to ask, not facts to list.
    let mut names: Vec<Symbol> =
        names.into_iter().filter(|n| !n.as_str().starts_with('?') && !db.is_question(*n)).collect();
    names.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    names.into_iter().map(|name| predicate(session, lookup, shown, name)).collect()
}

fn predicate(
    session: &mut Session,
    lookup: &Lookup,
    shown: &dyn Fn(&[Value]) -> bool,
    name: Symbol,
) -> Result<Predicate, PictureError> {
    let db = &session.db;
    let info = db.preds.get(&name);
    let arity =
        info.map(|i| i.arity).or_else(|| db.store.relation(name).and_then(|r| r.tuples.keys().next().map(|t| t.len())));
    let arity = arity.or_else(|| db.rules.iter().find(|r| r.head.pred == name).map(|r| r.head.args.len()));
    let params: Vec<String> = match info {
        Some(i) if i.params.len() == i.arity => i.params.iter().map(|p| p.to_string()).collect(),
        _ => (1..=arity.unwrap_or(0)).map(|k| format!("V{k}")).collect(),
    };
    let meaning = info.and_then(|i| i.meaning.clone());
    let rules: Vec<String> = db.rules.iter().filter(|r| r.head.pred == name).map(|r| r.one_line()).collect();
    let statements = db.store.relation(name).map(|r| r.tuples.values().map(|f| f.statements.len()).sum()).unwrap_or(0);
    let vars: Vec<String> = (1..=params.len()).map(|k| format!("V{k}")).collect();
    let query = if vars.is_empty() { name.to_string() } else { format!("{name}({})", vars.join(", ")) };
    let result = timeline::ask(session, &query)?;
    let db = &session.db;
    let facts = result
        .answers
        .iter()
        .map(|a| Fact {
            pred: name,
            values: a.values.to_vec(),
            atom: show::show_atom(db, name, &a.values),
            valid: a.valid.clone(),
            sources: a.provenance.clone(),
        })
        .collect();
    let mut picture = chart::chart(db, lookup, &result);
    if let chart::Content::Gantt(rows) = &mut picture.content {
        let keep: Vec<bool> = result.answers.iter().map(|a| shown(&a.values)).collect();
        let mut k = 0;
        rows.retain(|_| {
            k += 1;
            keep[k - 1]
        });
    }
    picture.title = match params.is_empty() {
        true => format!("{name}: every interval"),
        false => format!("{name}({}): every interval", params.join(", ")),
    };
    let chart = match timeline::render_chart(&picture, result.time, Options::default()) {
        Ok(svg) => Some(svg),
        Err(PictureError::NoTimeAxis) => None,
        Err(other) => return Err(other),
    };
    Ok(Predicate { name, params, meaning, rules, statements, facts, chart })
}
