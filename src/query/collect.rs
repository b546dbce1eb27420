//! Collecting a query's bindings: the join of its body over the model with the asked time pushed down (a point
//! query carries only the interval around its day, a period query only the period), deduplicated in a packed
//! relation, then put in value order. Two shortcuts skip the join: one base atom on one day is answered from the
//! store's time indexes, and one atom whose variables are the answer is read straight off its relation.

use super::answers::Answers;
use crate::db::Database;
use crate::eval::days::Days;
use crate::eval::dict::{Dict, Id, Scratch};
use crate::eval::exec::Exec;
use crate::eval::plan::plan;
use crate::eval::rel::Rel;
use crate::eval::{Delta, Stop};
use crate::program::{Arg, Lit, Rule};
use crate::store::Bulk;
use crate::symbol::Symbol;
use crate::syntax::QueryTime;
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Value;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// The days of an answer that a query shows, given the days its body holds: the interval around the asked day,
/// the part inside the period, or all of them; `None` when nothing is left.
pub fn shown(time: QueryTime, days: &IntervalSet) -> Option<IntervalSet> {
    match time {
        QueryTime::At(day) => days.covering(day).map(IntervalSet::from),
        QueryTime::During(period) => Some(days.restrict(&period)).filter(|s| !s.is_empty()),
        QueryTime::When => Some(days.clone()).filter(|s| !s.is_empty()),
    }
}

/// Every binding of the query's named variables (the head of `rule`) with the days shown, in value order.
pub fn bindings(db: &Database, rule: &Rule, time: QueryTime) -> Result<Answers, Stop> {
    if let QueryTime::At(day) = time {
        if let Some(answers) = point_lookup(db, rule, day) {
            return Ok(answers);
        }
    }
    // A goal with a constant, over much data not evaluated yet, is answered by demand (magic sets).
    let (model, plan, asked) = match db.demand(rule)? {
        Some((mut model, asked)) => {
            let plan = plan(&asked, u32::MAX, None, false);
            let m = std::sync::Arc::make_mut(&mut model);
            for (pred, mask) in plan.probes() {
                if let Some(rel) = m.rels.get_mut(&pred) {
                    rel.ensure_index(mask);
                }
            }
            (model, plan, std::borrow::Cow::Owned(asked))
        }
        None => {
            let preds: Vec<(Symbol, usize)> =
                rule.body.iter().flat_map(Lit::atoms).map(|(a, _)| (a.pred, a.args.len())).collect();
            let plan = plan(rule, u32::MAX, None, false);
            let probes: Vec<(Symbol, u64)> = plan.probes().collect();
            (db.model_for(&preds, &probes)?, plan, std::borrow::Cow::Borrowed(rule))
        }
    };
    let rule: &Rule = &asked;
    if let Some(answers) = direct(&model, rule, time) {
        return Ok(answers);
    }
    let scratch = Scratch::new(&model.dict);
    let no_delta = Delta::default();
    let exec = Exec::new(&plan, &model.rels, &no_delta, &scratch, &db.guard);
    let (exec, start) = match time {
        QueryTime::At(day) => (exec.around(day), Days::Always),
        QueryTime::During(period) => (exec, Days::from_set(IntervalSet::from(period))),
        QueryTime::When => (exec, Days::Always),
    };
    let mut found = Rel::new(rule.head.args.len());
    let budget = db.guard.max_tuples();
    let growing = rule.body.iter().find_map(Lit::atom).map(|a| a.pred).unwrap_or(rule.head.pred);
    let mut refused = false;
    let run = exec.run(start, &mut |f| {
        // Room is asked for first, so that a refusal of the system stops the query instead of aborting it.
        refused = found.add(f.head, f.days).is_err();
        !refused && found.len() <= budget
    });
    if refused {
        return Err(db.guard.out_of_memory(growing));
    }
    run.map_err(|h| h.into_stop(growing, &db.guard, rule.origin))?;
    drop(exec);
    let mut answers = Answers::new(found.arity(), model.dict.clone(), scratch.into_extra());
    for r in 0..found.len() as u32 {
        if let Some(days) = shown(time, &found.validity(r)) {
            answers.push(found.row(r), days);
        }
    }
    Ok(sorted(answers))
}

/// One atom with distinct variables, answered in the atom's column order: its relation's rows are the answers.
fn direct(model: &crate::eval::Model, rule: &Rule, time: QueryTime) -> Option<Answers> {
    let [Lit::Pos(atom)] = rule.body.as_slice() else { return None };
    let vars: Vec<usize> =
        atom.args.iter().map(|a| if let Arg::Var(v) = a { Some(*v) } else { None }).collect::<Option<_>>()?;
    let head: Vec<usize> =
        rule.head.args.iter().map(|a| if let Arg::Var(v) = a { Some(*v) } else { None }).collect::<Option<_>>()?;
    if vars != head || (1..vars.len()).any(|k| vars[..k].contains(&vars[k])) {
        return None;
    }
    let Some(rel) = model.rel(atom.pred) else { return Some(Answers::new(vars.len(), model.dict.clone(), Vec::new())) };
    if time == QueryTime::When {
        return Some(Answers::from_rel(rel, model.dict.clone()));
    }
    let mut answers = Answers::new(vars.len(), model.dict.clone(), Vec::new());
    for r in 0..rel.len() as u32 {
        if let Some(days) = shown(time, &rel.validity(r)) {
            answers.push(rel.row(r), days);
        }
    }
    Some(sorted(answers))
}

/// The rows of a fact file, when the body is one atom of a predicate whose only facts they are, with distinct
/// named variables in the atom's order: then its bindings are the rows themselves, read in place.
pub fn bulk_rows(db: &Database, rule: &Rule) -> Option<Arc<Bulk>> {
    let [Lit::Pos(atom)] = rule.body.as_slice() else { return None };
    let store = db.visible_store();
    let vars: Vec<&Arg> = atom.args.iter().filter(|a| matches!(a, Arg::Var(_))).collect();
    let distinct = (1..vars.len()).all(|k| !vars[..k].contains(&vars[k]));
    let in_order = rule.head.args.iter().eq(atom.args.iter());
    if db.is_derived(atom.pred) || store.relation(atom.pred).is_some() || vars.len() != atom.args.len() {
        return None;
    }
    store.bulk_shared(atom.pred).filter(|bulk| distinct && in_order && bulk.arity() == atom.args.len())
}

/// One base atom on one day, through the store's time indexes: no model is built.
fn point_lookup(db: &Database, rule: &Rule, day: Day) -> Option<Answers> {
    let [Lit::Pos(atom)] = rule.body.as_slice() else { return None };
    // Only when every variable is named: then each answer is one tuple, and the interval around the day is its own.
    let named = |v: &usize| rule.head.args.contains(&Arg::Var(*v));
    if db.is_derived(atom.pred)
        || !atom.args.iter().all(|a| matches!(a, Arg::Const(_)) || matches!(a, Arg::Var(v) if named(v)))
    {
        return None;
    }
    let store = db.visible_store();
    // A tuple in both layers is found twice: only then are answers merged through a map (two intervals around one
    // day overlap, and their union is their hull).
    let both = store.relation(atom.pred).is_some() && store.bulk(atom.pred).is_some();
    let mut dict = Dict::default();
    let arity = rule.head.args.len();
    let mut ids: Vec<Id> = Vec::new();
    let mut around_of: Vec<Interval> = Vec::new();
    let mut merged: FxHashMap<Vec<Id>, usize> = FxHashMap::default();
    let mut env: Vec<Option<Value>> = vec![None; rule.var_names.len()];
    let mut visit = |tuple: &[Value], around: Interval| {
        env.iter_mut().for_each(|v| *v = None);
        let matches = atom.args.iter().zip(tuple).all(|(arg, value)| match arg {
            Arg::Const(c) => c == value,
            Arg::Var(v) => *env[*v].get_or_insert(*value) == *value,
        });
        if !matches {
            return;
        }
        let start = ids.len();
        for a in &rule.head.args {
            let value = match a {
                Arg::Var(v) => env[*v].unwrap_or(Value::Int(0)),
                Arg::Const(c) => *c,
            };
            ids.push(dict.intern(value));
        }
        if both {
            if let Some(&k) = merged.get(&ids[start..]) {
                ids.truncate(start);
                let entry = &mut around_of[k];
                *entry = Interval { from: entry.from.min(around.from), to: entry.to.max(around.to) };
                return;
            }
            merged.insert(ids[start..].to_vec(), around_of.len());
        }
        around_of.push(around);
    };
    if let Some(relation) = store.relation(atom.pred) {
        for (tuple, facts) in relation.holding_on(day) {
            if let Some(around) = facts.validity.covering(day) {
                visit(tuple, around);
            }
        }
    }
    if let Some(bulk) = store.bulk(atom.pred) {
        for (row, around) in bulk.holding_on(day) {
            visit(&bulk.tuple(row), around);
        }
    }
    let mut answers = Answers::new(arity, Arc::new(dict), Vec::new());
    for (k, interval) in around_of.into_iter().enumerate() {
        answers.push(&ids[k * arity..(k + 1) * arity], IntervalSet::from(interval));
    }
    Some(sorted(answers))
}

/// The answers in value order (numbers by value, symbols by text), whatever order ids were given in.
fn sorted(answers: Answers) -> Answers {
    answers.sorted_by_value()
}
