//! Answering queries: check the query, evaluate its body over the model, keep the bindings that hold at the asked
//! time, and attach each answer's sources.

pub mod aggregate;
mod suggest;

use crate::db::Database;
use crate::diag::{Code, Diagnostic};
use crate::eval::join::{Delta, Join};
use crate::eval::plan::plan;
use crate::program::{check_query, Arg, Lit, Rule};
use crate::provenance::{sources_of, SourceRef};
use crate::symbol::Symbol;
use crate::syntax::{Query, QueryTime};
use crate::time::{Interval, IntervalSet};
use crate::value::{Tuple, Value};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Answer {
    pub values: Vec<Value>,
    /// The days shown: the interval around the asked day, the part of the asked period, or every interval.
    pub valid: IntervalSet,
    pub provenance: Vec<SourceRef>,
}

#[derive(Clone, Debug)]
pub struct QueryResult {
    pub text: String,
    pub vars: Vec<Symbol>,
    pub time: QueryTime,
    pub answers: Vec<Answer>,
    /// For aggregate queries: the aggregate's variable and its step function (`answers` is then empty).
    pub aggregate: Option<(Symbol, Vec<aggregate::Step>)>,
}

/// Every predicate of the body must be known: a typo would otherwise answer "nothing", silently.
fn check_known(db: &Database, rule: &Rule, query: &Query, file: usize) -> Result<(), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let spans = query.body.iter().filter_map(|l| match l {
        crate::syntax::Literal::Pos(a) | crate::syntax::Literal::Neg(a) => Some(a),
        crate::syntax::Literal::Metric { atom, .. } | crate::syntax::Literal::Timed { atom, .. } => Some(atom),
        crate::syntax::Literal::Cmp { .. } | crate::syntax::Literal::Allen { .. } => None,
    });
    for (atom, syntax_atom) in rule.body.iter().filter_map(Lit::atom).zip(spans) {
        if !db.known_predicate(atom.pred) {
            let mut d = Diagnostic::error(Code::UnknownPredicate, format!("unknown predicate `{}`", atom.pred)).at(
                file,
                syntax_atom.span,
                "no facts, rules or declaration",
            );
            if let Some(best) = suggest::closest(atom.pred.as_str(), db.preds.keys().map(|k| k.as_str())) {
                d = d.note(format!("did you mean `{best}`?"));
            }
            diags.push(d);
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(diags)
    }
}

/// Evaluates the query body: every binding of the named variables with the days on which the body holds.
fn bindings(db: &Database, rule: &Rule) -> BTreeMap<Tuple, IntervalSet> {
    let plan = plan(rule, u32::MAX, None, false);
    let preds: Vec<Symbol> = rule.body.iter().filter_map(Lit::atom).map(|a| a.pred).collect();
    let probes: Vec<(Symbol, u64)> = plan.probes().collect();
    let model = db.model_for(&preds, &probes);
    // Collected in a hash map (one bucket per binding, many results may share it), ordered once at the end.
    let mut found: rustc_hash::FxHashMap<Tuple, IntervalSet> = Default::default();
    Join { rels: &model.rels, delta: &Delta::default(), plan: &plan }.run(
        &mut |tuple, days, _| match found.entry(tuple) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let merged = e.get().union(&days);
                e.insert(merged);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(days);
            }
        },
    );
    let mut sorted: Vec<(Tuple, IntervalSet)> = found.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    sorted.into_iter().collect()
}

/// The fast path for the commonest question, one base atom on one day: the store's time index answers it without
/// building a join relation.
fn point_lookup(db: &Database, rule: &Rule, day: crate::time::Day) -> Option<BTreeMap<Tuple, IntervalSet>> {
    let [Lit::Pos(atom)] = rule.body.as_slice() else { return None };
    if db.is_derived(atom.pred) {
        return None;
    }
    let store = db.visible_store();
    let mut found = BTreeMap::new();
    let Some(relation) = store.relation(atom.pred) else { return Some(found) };
    for (tuple, facts) in relation.holding_on(day) {
        let mut env: Vec<Option<Value>> = vec![None; rule.var_names.len()];
        let matches = atom.args.iter().zip(tuple).all(|(arg, value)| match arg {
            Arg::Const(c) => c == value,
            Arg::Var(v) => *env[*v].get_or_insert(*value) == *value,
        });
        if matches {
            let head: Tuple = rule
                .head
                .args
                .iter()
                .map(|a| match a {
                    Arg::Var(v) => env[*v].expect("head variables occur in the atom"),
                    Arg::Const(c) => *c,
                })
                .collect();
            // Only the interval around the day is shown: no need to copy the rest of a long validity.
            if let Some(around) = facts.validity.covering(day) {
                found.insert(head, IntervalSet::from(around));
            }
        }
    }
    Some(found)
}

/// The provenance of one answer: the sources of each positive premise, for the shown days.
fn answer_sources(db: &Database, rule: &Rule, values: &[Value], shown: &IntervalSet) -> Vec<SourceRef> {
    let named: Vec<usize> =
        rule.head.args.iter().filter_map(|a| if let Arg::Var(v) = a { Some(*v) } else { None }).collect();
    let mut refs = Vec::new();
    for atom in rule.body.iter().filter_map(|l| if let Lit::Pos(a) = l { Some(a) } else { None }) {
        let ground: Option<Tuple> = atom
            .args
            .iter()
            .map(|a| match a {
                Arg::Const(c) => Some(*c),
                Arg::Var(v) => named.iter().position(|n| n == v).map(|k| values[k]),
            })
            .collect();
        match ground {
            Some(tuple) => refs.extend(sources_of(db, atom.pred, &tuple, shown)),
            // An atom with unnamed variables: cite every matching tuple that holds on the shown days.
            None => refs.extend(matching_sources(db, atom, &named, values, shown)),
        }
    }
    // Reference tables (ISO codes) support every answer about a country; listing them would bury the articles.
    refs.retain(|r| r.doc.is_some());
    refs.sort();
    refs.dedup();
    refs
}

fn matching_sources(
    db: &Database,
    atom: &crate::program::AtomPat,
    named: &[usize],
    values: &[Value],
    shown: &IntervalSet,
) -> Vec<SourceRef> {
    let rule = Rule {
        head: crate::program::AtomPat { pred: Symbol::from("?premise"), args: atom.args.clone() },
        body: vec![Lit::Pos(atom.clone())],
        var_names: (0..=atom
            .args
            .iter()
            .filter_map(|a| if let Arg::Var(v) = a { Some(*v) } else { None })
            .max()
            .unwrap_or(0))
            .map(|_| Symbol::from("V"))
            .collect(),
        text: String::new(),
        origin: Default::default(),
    };
    let mut refs = Vec::new();
    for (tuple, days) in bindings(db, &rule) {
        let consistent = atom.args.iter().zip(&tuple).all(|(a, v)| match a {
            Arg::Var(slot) => named.iter().position(|n| n == slot).is_none_or(|k| values[k] == *v),
            Arg::Const(_) => true,
        });
        let overlap = days.intersect(shown);
        if consistent && !overlap.is_empty() {
            refs.extend(sources_of(db, atom.pred, &tuple, &overlap));
        }
    }
    refs
}

fn answer_aggregate(
    db: &Database,
    query: &Query,
    agg: &crate::syntax::Aggregate,
    rule: &Rule,
    vars: Vec<Symbol>,
    file: usize,
) -> Result<QueryResult, Vec<Diagnostic>> {
    let over = match agg.over {
        None => None,
        Some(name) => match vars.iter().position(|v| *v == name) {
            Some(k) => Some(k),
            None => {
                let message = format!("the aggregated variable `{name}` does not occur in the aggregate's body");
                return Err(vec![Diagnostic::error(Code::UnsafeVariable, message).at(
                    file,
                    query.span,
                    "in this query",
                )]);
            }
        },
    };
    let found = bindings(db, rule);
    if crate::eval::interrupt::requested() {
        let message = "interrupted: evaluation stopped before it finished, so there is no answer";
        return Err(vec![Diagnostic::error(Code::Interrupted, message).at(file, query.span, "this query")]);
    }
    let steps = aggregate::steps(&found, agg.function, over, aggregate::window(query.time));
    Ok(QueryResult {
        text: query.text.clone(),
        vars,
        time: query.time,
        answers: Vec::new(),
        aggregate: Some((agg.result, steps)),
    })
}

/// Answers a query against the database; errors are diagnostics located in `file`.
pub fn answer(db: &Database, query: &Query, file: usize) -> Result<QueryResult, Vec<Diagnostic>> {
    let mut preds = db.preds.clone();
    let rule = check_query(&query.body, query.span, &mut preds, file)?;
    check_known(db, &rule, query, file)?;
    let vars: Vec<Symbol> = rule
        .head
        .args
        .iter()
        .filter_map(|a| if let Arg::Var(v) = a { Some(rule.var_names[*v]) } else { None })
        .collect();
    if let Some(agg) = &query.aggregate {
        return answer_aggregate(db, query, agg, &rule, vars, file);
    }
    let found = match query.time {
        QueryTime::At(day) => point_lookup(db, &rule, day).unwrap_or_else(|| bindings(db, &rule)),
        _ => bindings(db, &rule),
    };
    let body_preds: Vec<Symbol> = rule.body.iter().filter_map(Lit::atom).map(|a| a.pred).collect();
    let cited = db.rests_on_citations(&body_preds);
    if crate::eval::interrupt::requested() {
        let message = "interrupted: evaluation stopped before it finished, so there is no answer";
        return Err(vec![Diagnostic::error(Code::Interrupted, message).at(file, query.span, "this query")]);
    }
    let mut answers = Vec::new();
    for (tuple, days) in found {
        let shown = match query.time {
            QueryTime::At(day) => days.covering(day).map(IntervalSet::from),
            QueryTime::During(period) => Some(days.restrict(&period)).filter(|s| !s.is_empty()),
            QueryTime::When => Some(days).filter(|s| !s.is_empty()),
        };
        let Some(shown) = shown else { continue };
        let evidence = match query.time {
            QueryTime::At(day) => IntervalSet::from(Interval::day(day)),
            _ => shown.clone(),
        };
        let provenance = if cited { answer_sources(db, &rule, &tuple, &evidence) } else { Vec::new() };
        answers.push(Answer { values: tuple.to_vec(), valid: shown, provenance });
    }
    // `found` is a BTreeMap: answers are already in value order (numbers by value, symbols by text).
    Ok(QueryResult { text: query.text.clone(), vars, time: query.time, answers, aggregate: None })
}
