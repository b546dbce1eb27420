//! Every way a fact holds over some days: the instances of the rules deriving it (or of a query's body), each with
//! its variable bindings and the days its body holds. A proof (`proof`) takes the first instance on one day; the
//! confirmation, the sources and the coverage of an answer look at all of them, over all its days, so that a
//! fact with two derivations is as confirmed as its best one and cites both.

use super::proof::{bound_rule, bound_slots, validity_of};
use crate::db::Database;
use crate::eval::days::Days;
use crate::eval::dict::Scratch;
use crate::eval::exec::Exec;
use crate::eval::plan::plan;
use crate::eval::{Delta, Model};
use crate::program::{Lit, Rule};
use crate::symbol::Symbol;
use crate::syntax::Metric;
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
        out.extend(run(&model, rule, id, tuple, days));
    }
    out
}

/// The instances of a query's body (a rule of no program) whose head is `tuple`, over `days`.
pub fn body_instances(db: &Database, rule: &Rule, tuple: &Tuple, days: &IntervalSet) -> Vec<Instance> {
    let preds: Vec<(Symbol, usize)> = rule.body.iter().filter_map(Lit::atom).map(|a| (a.pred, a.args.len())).collect();
    let Ok(model) = db.model_for(&preds, &[]) else { return Vec::new() };
    run(&model, rule, usize::MAX, tuple, days)
}

fn run(model: &Arc<Model>, rule: &Rule, id: usize, tuple: &Tuple, days: &IntervalSet) -> Vec<Instance> {
    let bound = bound_rule(rule, tuple);
    let plan = plan(&bound, u32::MAX, None, false);
    let slots = bound_slots(&bound);
    let scratch = Scratch::new(&model.dict);
    let no_delta = Delta::default();
    let exec = Exec::new(&plan, &model.rels, &no_delta, &scratch);
    let mut out: Vec<Instance> = Vec::new();
    let _ = exec.run(Days::from_set(days.clone()), &mut |f| {
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
    out
}

/// The positive premises of an instance of `rule`, in body order.
pub fn premises(rule: &Rule, env: &[Option<Value>]) -> Vec<Premise> {
    rule.body
        .iter()
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
