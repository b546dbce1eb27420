//! The naive reference evaluator, for differential tests only. It shares nothing with the engine but the checked
//! rules and the interval-set arithmetic: tuples are plain values in ordered maps, every pass runs every rule of a
//! stratum by nested loops over its body in written order, filters run once all variables are bound, and the
//! stratum is done when a pass adds no day. Slow and obviously right; the engine must agree with it.

use super::ops::{allen_holds, apply_window, compare};
use crate::program::{Arg, AtomPat, Lit, Rule, Strata};
use crate::store::Store;
use crate::symbol::Symbol;
use crate::syntax::CmpOp;
use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use std::collections::BTreeMap;

/// Every relation by predicate, each tuple with its validity, in value order (so two runs compare equal).
pub type Relations = BTreeMap<Symbol, BTreeMap<Tuple, IntervalSet>>;

/// Every relation the rules read or derive, evaluated to a fixpoint stratum by stratum.
pub fn evaluate_naive(store: &Store, rules: &[Rule], strata: &Strata) -> Relations {
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
    for group in &strata.groups {
        let members: Vec<&Rule> = rules.iter().filter(|r| group.contains(&r.head.pred)).collect();
        loop {
            let mut derived: Vec<(Symbol, Tuple, IntervalSet)> = Vec::new();
            for rule in &members {
                let env = vec![None; rule.var_names.len()];
                matches(&rels, rule, 0, env, IntervalSet::always(), &mut |env, days| {
                    let head = rule.head.args.iter().map(|a| a.value(env).expect("safe rules bind the head")).collect();
                    derived.push((rule.head.pred, head, days));
                });
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
    rels
}

type Env = Vec<Option<Value>>;

/// Unifies an atom's arguments with a tuple, extending `env`; `None` when they clash.
fn unify(atom: &AtomPat, tuple: &Tuple, env: &Env) -> Option<Env> {
    let mut env = env.clone();
    for (arg, v) in atom.args.iter().zip(tuple) {
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

/// Binding literals in body order by nested loops, then the filters.
fn matches(
    rels: &Relations,
    rule: &Rule,
    k: usize,
    env: Env,
    days: IntervalSet,
    out: &mut dyn FnMut(&Env, IntervalSet),
) {
    if days.is_empty() {
        return;
    }
    let Some(lit) = rule.body.get(k) else { return filters(rels, rule, env, days, out) };
    let empty = BTreeMap::new();
    let facts = |atom: &AtomPat| rels.get(&atom.pred).unwrap_or(&empty);
    match lit {
        Lit::Pos(atom) | Lit::Metric(_, _, _, atom) => {
            for (tuple, valid) in facts(atom) {
                let Some(next) = unify(atom, tuple, &env) else { continue };
                let valid = match lit {
                    Lit::Metric(op, lo, hi, _) => apply_window((*op, *lo, *hi), valid),
                    _ => valid.clone(),
                };
                matches(rels, rule, k + 1, next, days.intersect(&valid), out);
            }
        }
        Lit::Timed(atom, from, to) => {
            for (tuple, valid) in facts(atom) {
                let Some(next) = unify(atom, tuple, &env) else { continue };
                for part in valid.intervals() {
                    let bounds = AtomPat { pred: atom.pred, args: vec![*from, *to] };
                    let pair = Tuple::from_slice(&[Value::Date(part.from), Value::Date(part.to)]);
                    if let Some(bound) = unify(&bounds, &pair, &next) {
                        matches(rels, rule, k + 1, bound, days.clone(), out);
                    }
                }
            }
        }
        _ => matches(rels, rule, k + 1, env, days, out),
    }
}

/// The filters of the body once every binding literal matched: equalities that bind first, then the rest.
fn filters(rels: &Relations, rule: &Rule, mut env: Env, mut days: IntervalSet, out: &mut dyn FnMut(&Env, IntervalSet)) {
    let mut pending: Vec<&Lit> = rule.body.iter().filter(|l| !l.binds()).collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut k = 0;
        while k < pending.len() {
            match pending[k] {
                Lit::Cmp(l, CmpOp::Eq, r) if l.value(&env).is_none() || r.value(&env).is_none() => {
                    match (l.value(&env), r.value(&env), l, r) {
                        (None, Some(v), Arg::Var(slot), _) | (Some(v), None, _, Arg::Var(slot)) => {
                            env[*slot] = Some(v);
                            pending.remove(k);
                        }
                        _ => k += 1,
                    }
                }
                Lit::Cmp(l, op, r) => {
                    let (Some(a), Some(b)) = (l.value(&env), r.value(&env)) else {
                        k += 1;
                        continue;
                    };
                    if !compare(a, *op, b) {
                        return;
                    }
                    pending.remove(k);
                }
                Lit::Allen(l, rel, r) => {
                    let get = |a: &Arg| a.value(&env);
                    let (Some(s1), Some(e1), Some(s2), Some(e2)) = (get(&l.0), get(&l.1), get(&r.0), get(&r.1)) else {
                        k += 1;
                        continue;
                    };
                    if !allen_holds(*rel, (s1, e1), (s2, e2)) {
                        return;
                    }
                    pending.remove(k);
                }
                Lit::Calc(l, op, r) => match super::arith::naive(l, *op, r, |a| a.value(&env)) {
                    super::arith::Naive::Wait => k += 1,
                    super::arith::Naive::Bind(slot, v) => {
                        env[slot] = Some(v);
                        pending.remove(k);
                    }
                    super::arith::Naive::Pass => {
                        pending.remove(k);
                    }
                    super::arith::Naive::Fail => return,
                },
                Lit::Neg(atom) => {
                    let wild = |a: &Arg| matches!(a, Arg::Var(v) if rule.var_names[*v].as_str() == "_");
                    if atom.args.iter().any(|a| !wild(a) && a.value(&env).is_none()) {
                        k += 1;
                        continue;
                    }
                    let mut blocked = IntervalSet::empty();
                    for (tuple, valid) in rels.get(&atom.pred).into_iter().flatten() {
                        let hit = atom.args.iter().zip(tuple).all(|(a, v)| wild(a) || a.value(&env) == Some(*v));
                        if hit {
                            blocked = blocked.union(valid);
                        }
                    }
                    days = days.subtract(&blocked);
                    pending.remove(k);
                }
                _ => k += 1,
            }
        }
        if pending.len() == before {
            return;
        }
    }
    if !days.is_empty() {
        out(&env, days);
    }
}
