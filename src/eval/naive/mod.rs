//! The naive reference evaluator, for differential tests only. It shares nothing with the engine but the checked
//! rules, the interval-set arithmetic and the table of what arithmetic means per type: its operators, arithmetic
//! and aggregates are its own (`ops`, `aggregate`). Tuples are plain values in ordered maps; every pass runs every
//! rule of a stratum by nested loops over its body, taking the literals in written order (a filter, a negation
//! or an aggregate waits until its variables are bound), and the stratum is done when a pass adds no day. Slow
//! and obviously right; the engine must agree with it.

mod aggregate;
mod ops;

use crate::program::{Agg, Arg, Lit, Rule, Strata};
use crate::store::Store;
use crate::symbol::Symbol;
use crate::syntax::CmpOp;
use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use std::collections::BTreeMap;

/// Every relation by predicate, each tuple with its validity, in value order (so two runs compare equal).
pub type Relations = BTreeMap<Symbol, BTreeMap<Tuple, IntervalSet>>;

/// Why the reference stopped: arithmetic with no value (the engine stops with an error there too).
#[derive(Clone, Debug, PartialEq)]
pub struct NaiveStop(pub String);

/// Every relation the rules read or derive, evaluated to a fixpoint stratum by stratum; on an arithmetic error,
/// what was derived up to it.
pub fn evaluate_naive(store: &Store, rules: &[Rule], strata: &Strata) -> Relations {
    let mut rels = bases(store, rules);
    let _ = fixpoint(&mut rels, rules, strata);
    rels
}

/// Every relation the rules read or derive, or the arithmetic error that stopped the evaluation.
pub fn run(store: &Store, rules: &[Rule], strata: &Strata) -> Result<Relations, NaiveStop> {
    let mut rels = bases(store, rules);
    fixpoint(&mut rels, rules, strata)?;
    Ok(rels)
}

fn bases(store: &Store, rules: &[Rule]) -> Relations {
    let mut rels = Relations::new();
    for (pred, arity) in super::predicates(rules) {
        let facts = rels.entry(pred).or_default();
        store.for_each_fact(pred, &mut |tuple, days| {
            if tuple.len() == arity && !days.is_empty() {
                let entry = facts.entry(Tuple::from_slice(tuple)).or_default();
                *entry = entry.union(days);
            }
        });
    }
    rels
}

fn fixpoint(rels: &mut Relations, rules: &[Rule], strata: &Strata) -> Result<(), NaiveStop> {
    for group in &strata.groups {
        let members: Vec<&Rule> = rules.iter().filter(|r| group.contains(&r.head.pred)).collect();
        loop {
            let mut derived: Vec<(Symbol, Tuple, IntervalSet)> = Vec::new();
            for rule in &members {
                let env = vec![None; rule.var_names.len()];
                let body: Vec<&Lit> = rule.body.iter().collect();
                let solver = Solver { rels, names: &rule.var_names };
                solver.solve(&body, env, IntervalSet::always(), &mut |env, days| {
                    let head = rule.head.ground(env).expect("safe rules bind the head");
                    derived.push((rule.head.pred, head, days));
                })?;
            }
            let mut changed = false;
            for (pred, tuple, days) in derived {
                let entry = rels.entry(pred).or_default().entry(tuple).or_default();
                let merged = entry.union(&days);
                if merged != *entry {
                    *entry = merged;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }
    Ok(())
}

type Env = Vec<Option<Value>>;

/// Unifies an atom's arguments with a tuple, extending `env`; `None` when they clash.
fn unify(args: &[Arg], tuple: &[Value], env: &Env) -> Option<Env> {
    let mut env = env.clone();
    for (arg, v) in args.iter().zip(tuple) {
        match arg.value(&env) {
            Some(bound) if bound != *v => return None,
            Some(_) => {}
            None => {
                if let Arg::Var(slot) = arg {
                    env[*slot] = Some(*v);
                }
            }
        }
    }
    Some(env)
}

/// What a rule's body is matched against, and its variables' names (a `_` in a negation matches anything).
struct Solver<'r> {
    rels: &'r Relations,
    names: &'r [Symbol],
}

impl Solver<'_> {
    fn facts(&self, pred: Symbol) -> impl Iterator<Item = (&Tuple, &IntervalSet)> {
        self.rels.get(&pred).into_iter().flatten()
    }

    fn ready(&self, lit: &Lit, env: &Env) -> bool {
        let bound = |a: &Arg| a.value(env).is_some();
        let wild = |a: &Arg| matches!(a, Arg::Var(v) if self.names[*v].as_str() == "_");
        match lit {
            Lit::Pos(_) | Lit::Metric(..) | Lit::Timed(..) => true,
            Lit::Neg(atom) => atom.args.iter().all(|a| bound(a) || wild(a)),
            Lit::Cmp(l, CmpOp::Eq, r) => bound(l) || bound(r),
            Lit::Cmp(l, _, r) => bound(l) && bound(r),
            Lit::Allen(l, _, r) => [l.0, l.1, r.0, r.1].iter().all(bound),
            Lit::Calc(l, op, r) => {
                let (lb, rb) = (l.args().iter().all(bound), r.args().iter().all(bound));
                (lb && rb) || (*op == CmpOp::Eq && ((lb && r.lone_var().is_some()) || (rb && l.lone_var().is_some())))
            }
            Lit::Agg(agg) => agg.inject.iter().all(|v| env[*v].is_some()),
        }
    }

    /// Every way the literals hold under `env` on some of `days`, in written order (the first ready one next).
    fn solve(
        &self,
        lits: &[&Lit],
        env: Env,
        days: IntervalSet,
        out: &mut dyn FnMut(&Env, IntervalSet),
    ) -> Result<(), NaiveStop> {
        if days.is_empty() {
            return Ok(());
        }
        let Some(k) = lits.iter().position(|l| self.ready(l, &env)) else {
            if lits.is_empty() {
                out(&env, days);
            }
            return Ok(());
        };
        let rest: Vec<&Lit> = lits.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, l)| *l).collect();
        let get = |a: &Arg| a.value(&env);
        match lits[k] {
            Lit::Pos(atom) | Lit::Metric(_, _, _, atom) => {
                for (tuple, valid) in self.facts(atom.pred) {
                    let Some(next) = unify(&atom.args, tuple, &env) else { continue };
                    let valid = match lits[k] {
                        Lit::Metric(op, lo, hi, _) => ops::window(*op, *lo, *hi, valid),
                        _ => valid.clone(),
                    };
                    self.solve(&rest, next, days.intersect(&valid), out)?;
                }
            }
            Lit::Timed(atom, from, to) => {
                for (tuple, valid) in self.facts(atom.pred) {
                    let Some(next) = unify(&atom.args, tuple, &env) else { continue };
                    for part in valid.intervals() {
                        let bounds = [Value::Date(part.from), Value::Date(part.to)];
                        if let Some(bound) = unify(&[*from, *to], &bounds, &next) {
                            self.solve(&rest, bound, days.clone(), out)?;
                        }
                    }
                }
            }
            Lit::Neg(atom) => {
                let wild = |a: &Arg| matches!(a, Arg::Var(v) if self.names[*v].as_str() == "_");
                let mut blocked = IntervalSet::empty();
                for (tuple, valid) in self.facts(atom.pred) {
                    if atom.args.iter().zip(tuple).all(|(a, v)| wild(a) || get(a) == Some(*v)) {
                        blocked = blocked.union(valid);
                    }
                }
                self.solve(&rest, env.clone(), days.subtract(&blocked), out)?;
            }
            Lit::Cmp(l, op, r) => match (get(l), get(r)) {
                (Some(a), Some(b)) if ops::compare(a, *op, b) => self.solve(&rest, env.clone(), days, out)?,
                (Some(v), None) | (None, Some(v)) => {
                    let mut next = env.clone();
                    let slot = [l, r].into_iter().find_map(|a| if get(a).is_none() { a.slot() } else { None });
                    next[slot.expect("an unbound side is a variable")] = Some(v);
                    self.solve(&rest, next, days, out)?;
                }
                _ => {}
            },
            Lit::Allen(l, rel, r) => {
                let v = |a: &Arg| get(a).expect("ready");
                if ops::allen(*rel, v(&l.0), v(&l.1), v(&r.0), v(&r.1)) {
                    self.solve(&rest, env.clone(), days, out)?;
                }
            }
            Lit::Calc(l, op, r) => {
                let value = |e| ops::value(e, &get).map_err(NaiveStop);
                let unbound = |e: &crate::program::Expr| e.lone_var().filter(|v| env[*v].is_none());
                if let (CmpOp::Eq, Some(slot)) = (op, unbound(l).or_else(|| unbound(r))) {
                    let other = if unbound(l).is_some() { r } else { l };
                    if let Some(v) = value(other)? {
                        let mut next = env.clone();
                        next[slot] = Some(v);
                        self.solve(&rest, next, days, out)?;
                    }
                } else if let (Some(a), Some(b)) = (value(l)?, value(r)?) {
                    if ops::compare(a, *op, b) {
                        self.solve(&rest, env.clone(), days, out)?;
                    }
                }
            }
            Lit::Agg(agg) => {
                for (next, valid) in self.aggregate(agg, &env)? {
                    self.solve(&rest, next, days.intersect(&valid), out)?;
                }
            }
        }
        Ok(())
    }

    /// Each binding an aggregate gives under `env` (its grouped slots and its result) with the days it holds.
    fn aggregate(&self, agg: &Agg, env: &Env) -> Result<Vec<(Env, IntervalSet)>, NaiveStop> {
        type Members = BTreeMap<Vec<Option<Value>>, (Value, IntervalSet)>;
        let mut groups: BTreeMap<Vec<Option<Value>>, Members> = BTreeMap::new();
        if agg.grouped.is_empty() {
            groups.insert(Vec::new(), Members::new());
        }
        let body: Vec<&Lit> = agg.body.iter().collect();
        let mut failed = None;
        self.solve(&body, env.clone(), IntervalSet::always(), &mut |found, days| {
            let get = |a: &Arg| a.value(found);
            let value = match &agg.over {
                None => Some(Value::Int(1)),
                Some(over) => match ops::value(over, &get) {
                    Ok(v) => v,
                    Err(e) => {
                        failed.get_or_insert(e);
                        None
                    }
                },
            };
            let Some(value) = value else { return };
            let group = agg.grouped.iter().map(|v| found[*v]).collect();
            let member = agg.local.iter().map(|v| found[*v]).collect();
            let entry = groups.entry(group).or_default().entry(member).or_insert((value, IntervalSet::empty()));
            entry.1 = entry.1.union(&days);
        })?;
        if let Some(e) = failed {
            return Err(NaiveStop(e));
        }
        let mut out = Vec::new();
        for (group, members) in groups {
            let members: Vec<(Value, IntervalSet)> = members.into_values().collect();
            let zero = agg.grouped.is_empty();
            for (value, days) in aggregate::values(&members, agg.function, zero).map_err(NaiveStop)? {
                let mut next = env.clone();
                for (slot, v) in agg.grouped.iter().zip(&group) {
                    next[*slot] = *v;
                }
                next[agg.result] = Some(value);
                out.push((next, days));
            }
        }
        Ok(out)
    }
}
