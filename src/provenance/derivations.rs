//! Every way a fact holds over some days: the instances of the rules deriving it (or of a query's body), each with
//! its variable bindings and the days its body holds. A proof (`proof`) takes the first instance on one day; the
//! confirmation, the sources and the coverage of an answer look at all of them, over all its days, so that a
//! fact with two derivations is as confirmed as its best one and cites both.

pub use super::proof::counted;
use super::proof::{bound_rule, validity_of};
use crate::db::Database;
use crate::eval::days::Days;
use crate::eval::dict::Scratch;
use crate::eval::exec::{Exec, Halt};
use crate::eval::plan::plan;
use crate::eval::{Delta, Model};
use crate::program::{Agg, Arg, AtomPat, Lit, Rule};
use crate::symbol::Symbol;
use crate::syntax::{CmpOp, Metric};
use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use std::sync::Arc;

/// The most instances taken of one rule for one fact: a bound on the work for a pathological program.
pub const MAX_INSTANCES: usize = 64;

/// One instance of a rule (or a query's body) with its head bound: the bindings of its variables and the days,
/// among those asked about, on which its body holds.
#[derive(Clone, Debug)]
pub struct Instance {
    /// The rule's index in the database (`usize::MAX` for a query's body).
    pub rule: usize,
    /// The value of each variable slot; `None` for one nothing binds (the wildcard of a negated atom).
    pub env: Vec<Option<Value>>,
    /// The days of the body, within the days asked about.
    pub days: IntervalSet,
}

/// A premise of an instance: a positive atom of its body, ground, with the days on which the instance reads it.
#[derive(Clone, Debug)]
pub struct Premise {
    /// The premise's predicate.
    pub pred: Symbol,
    /// The premise's arguments under the instance's bindings.
    pub tuple: Tuple,
    /// The literal that reads it (a plain atom, a metric window, an interval binding).
    pub lit: Lit,
}

/// The instances of the rules deriving `pred(tuple)` whose bodies hold on some of `days`.
pub fn instances(db: &Database, pred: Symbol, tuple: &Tuple, days: &IntervalSet) -> Vec<Instance> {
    if days.is_empty() || !db.is_derived(pred) {
        return Vec::new();
    }
    let Ok(model) = db.model_for(&[], &[]) else { return Vec::new() };
    let mut out = Vec::new();
    for (id, rule) in db.rules.iter().enumerate().filter(|(_, r)| r.head.pred == pred) {
        out.extend(run(db, &model, &bound_rule(rule, tuple), id, days));
    }
    out
}

/// The instances of a query's body (a rule of no program) whose head is `tuple`, over `days`.
pub fn body_instances(db: &Database, rule: &Rule, tuple: &Tuple, days: &IntervalSet) -> Vec<Instance> {
    let preds: Vec<(Symbol, usize)> =
        rule.body.iter().flat_map(Lit::atoms).map(|(a, _)| (a.pred, a.args.len())).collect();
    let Ok(model) = db.model_for(&preds, &[]) else { return Vec::new() };
    run(db, &model, &bound_rule(rule, tuple), usize::MAX, days)
}

/// The members of an aggregate of `rule` in its instance `env`, over `days`: each distinct binding of the
/// aggregate's own variables (its group as in `env`), with the days it holds. What the aggregate counts (or sums,
/// or takes the least or greatest of) on a day is the members holding that day, so an answer through it rests on
/// them. Each member comes back as an instance of the aggregate's body (`rule` is the instance's rule).
pub fn members(db: &Database, rule: &Rule, instance: &Instance, agg: &Agg) -> Vec<Instance> {
    let Ok(model) = db.model_for(&[], &[]) else { return Vec::new() };
    let group: Vec<usize> = agg.inject.iter().chain(&agg.grouped).copied().collect();
    let mut body: Vec<Lit> = group
        .iter()
        .filter_map(|v| {
            instance.env.get(*v).copied().flatten().map(|x| Lit::Cmp(Arg::Var(*v), CmpOp::Eq, Arg::Const(x)))
        })
        .collect();
    body.extend(agg.body.iter().cloned());
    // The member's own variables in the head, so that the plan enumerates them rather than reading them for
    // existence only.
    let slots: Vec<usize> = agg.local.iter().chain(&group).copied().collect();
    let head = AtomPat { pred: Symbol::from("?member"), args: slots.iter().map(|v| Arg::Var(*v)).collect() };
    let member = Rule { head, body, var_names: rule.var_names.clone(), text: String::new(), origin: rule.origin };
    let mut found = run(db, &model, &member, instance.rule, &instance.days);
    // The group's slots bound from the instance, the aggregate's value too, for the member's premises.
    for m in &mut found {
        for (slot, value) in instance.env.iter().enumerate() {
            if m.env[slot].is_none() {
                m.env[slot] = *value;
            }
        }
    }
    found
}

/// The instances of `rule` (its head already bound) over `days`: the matches of its body, then, for each atom read
/// for existence only (its other variables occur nowhere else, so the join leaves them unbound), one instance per
/// tuple of it that holds on some of those days, so that every witness is weighed and cited.
fn run(db: &Database, model: &Arc<Model>, rule: &Rule, id: usize, days: &IntervalSet) -> Vec<Instance> {
    let plan = plan(rule, u32::MAX, None, false);
    let slots = plan.bound();
    let scratch = Scratch::new(&model.dict);
    let no_delta = Delta::default();
    let exec = Exec::new(&plan, &model.rels, &no_delta, &scratch, &db.guard);
    let mut out: Vec<Instance> = Vec::new();
    let run = exec.run(Days::from_set(days.clone()), &mut |f| {
        let env: Vec<Option<Value>> =
            f.env.iter().zip(&slots).map(|(value, b)| b.then(|| scratch.value(*value))).collect();
        let held = f.days.cloned().unwrap_or_else(IntervalSet::always).intersect(days);
        if !held.is_empty() {
            // Two matches that bind every variable alike are one instance (a join may meet it twice).
            match out.iter_mut().find(|i| i.env == env) {
                Some(same) => same.days = same.days.union(&held),
                None => out.push(Instance { rule: id, env, days: held }),
            }
        }
        out.len() < MAX_INSTANCES
    });
    if let Err(Halt::Stopped) = run {
        // The request's limits stopped the search: name the stop, so that the session reports it.
        let _ = Halt::Stopped.into_stop(rule.head.pred, &db.guard, rule.origin);
    }
    let mut found = Vec::new();
    for instance in out {
        found.extend(witnessed(db, model, &rule.body, instance));
    }
    found.truncate(MAX_INSTANCES);
    found
}

/// `instance` once per witness of each atom of `body` it reads for existence only: the witness's values bound
/// to the atom's variables, the days narrowed to those on which the witness makes the literal hold.
fn witnessed(db: &Database, model: &Model, body: &[Lit], instance: Instance) -> Vec<Instance> {
    let mut done = vec![instance];
    for lit in body.iter().filter(|l| l.binds()) {
        let Some(atom) = lit.atom() else { continue };
        let mut next = Vec::new();
        for open in done {
            if atom.ground(&open.env).is_some() {
                next.push(open);
                continue;
            }
            let mut derived;
            let facts: Box<dyn Iterator<Item = (&Tuple, &IntervalSet)>> = if db.is_derived(atom.pred) {
                derived = model.facts(atom.pred);
                derived.sort_by(|a, b| a.0.cmp(&b.0));
                Box::new(derived.iter().map(|(t, v)| (t, v)))
            } else {
                match db.visible_store().relation(atom.pred) {
                    Some(relation) => Box::new(relation.tuples.iter().map(|(t, f)| (t, &f.validity))),
                    None => Box::new(std::iter::empty()),
                }
            };
            for (tuple, valid) in facts {
                let Some(env) = bind(atom, &open.env, tuple) else { continue };
                let days = head_days(lit, valid, valid).intersect(&open.days);
                if !days.is_empty() {
                    next.push(Instance { rule: open.rule, env, days });
                }
                if next.len() >= MAX_INSTANCES {
                    break;
                }
            }
        }
        done = next;
    }
    done
}

/// `env` with the atom's unbound variables bound to `tuple`'s values; `None` when `tuple` disagrees with a bound
/// one (or with itself, for a variable written twice).
fn bind(atom: &AtomPat, env: &[Option<Value>], tuple: &Tuple) -> Option<Vec<Option<Value>>> {
    let mut out = env.to_vec();
    for (arg, value) in atom.args.iter().zip(tuple.iter()) {
        match arg {
            Arg::Const(c) if c != value => return None,
            Arg::Var(v) => match out[*v] {
                Some(bound) if bound != *value => return None,
                Some(_) => {}
                None => out[*v] = Some(*value),
            },
            _ => {}
        }
    }
    Some(out)
}

/// The positive premises of an instance of a body (a rule's, or an aggregate's for a member), in body order.
pub fn premises(body: &[Lit], env: &[Option<Value>]) -> Vec<Premise> {
    body.iter()
        .filter(|l| l.binds())
        .filter_map(|lit| {
            let atom = lit.atom()?;
            Some(Premise { pred: atom.pred, tuple: atom.ground(env)?, lit: lit.clone() })
        })
        .collect()
}

/// The days on which a literal reads its premise when the head is asked about `head`: the same days for a plain
/// atom, the windows around them for a metric operator, every day of its intervals for an interval binding.
pub fn read_days(db: &Database, premise: &Premise, head: &IntervalSet) -> IntervalSet {
    match &premise.lit {
        Lit::Metric(Metric::PastSome | Metric::PastAlways, lo, hi, _) => head.diamond(-hi, -lo),
        Lit::Metric(Metric::FutureSome | Metric::FutureAlways, lo, hi, _) => head.diamond(*lo, *hi),
        Lit::Timed(..) => match db.model_for(&[], &[]) {
            Ok(model) => validity_of(db, &model, premise.pred, &premise.tuple),
            Err(_) => head.clone(),
        },
        _ => head.clone(),
    }
}

/// The head days on which a literal holds given the days `days` on which its premise counts (held, or held and
/// confirmed): the same days for a plain atom, shifted and widened (`<-`, `<+`) or narrowed (`[-`, `[+`) for a
/// metric window. An interval binding counts on every day only when every day of its intervals does.
pub fn head_days(lit: &Lit, days: &IntervalSet, read: &IntervalSet) -> IntervalSet {
    match lit {
        Lit::Metric(Metric::PastSome, lo, hi, _) => days.diamond(*lo, *hi),
        Lit::Metric(Metric::PastAlways, lo, hi, _) => days.boxed(*lo, *hi),
        Lit::Metric(Metric::FutureSome, lo, hi, _) => days.diamond(-hi, -lo),
        Lit::Metric(Metric::FutureAlways, lo, hi, _) => days.boxed(-hi, -lo),
        Lit::Timed(..) if read.subtract(days).is_empty() => IntervalSet::always(),
        Lit::Timed(..) => IntervalSet::empty(),
        _ => days.clone(),
    }
}
