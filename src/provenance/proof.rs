//! Proof trees. A base fact is proved by the statements whose piece of validity contains the day; a derived fact
//! by the rule of its earliest birth that covers the day, with premises that were themselves born earlier, so the
//! tree always ends in base facts.

use crate::db::Database;
use crate::eval::join::{Delta, Join, Trace};
use crate::eval::plan::{plan, Step};
use crate::eval::Model;
use crate::program::{Arg, Lit, Rule};
use crate::store::AssertionId;
use crate::symbol::Symbol;
use crate::syntax::{CmpOp, Metric};
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Tuple;

#[derive(Clone, Debug, PartialEq)]
pub enum ProofKind {
    /// Statements of the store that make the tuple hold on the day.
    Base { statements: Vec<AssertionId> },
    /// A rule instance: its premises' proofs, and the negated atoms that do not hold on the day.
    Derived { rule: usize, premises: Vec<Proof>, absent: Vec<String> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Proof {
    pub pred: Symbol,
    pub tuple: Tuple,
    /// The day the fact is proved on (for a premise read through a metric window, a day inside the window).
    pub day: Day,
    /// The metric operator a premise was read through, as written (`<-[1d, 29d]`).
    pub via: Option<String>,
    /// The maximal interval around `day` on which the tuple holds.
    pub interval: Interval,
    pub kind: ProofKind,
}

/// Proves `pred(tuple)` on `day`, or `None` when it does not hold then.
pub fn prove(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Proof> {
    prove_any(db, pred, tuple, day)
}

fn prove_base(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Proof> {
    let store = db.visible_store();
    let facts = store.relation(pred)?.tuples.get(tuple)?;
    let interval = facts.validity.covering(day)?;
    let mut statements: Vec<AssertionId> =
        facts.pieces.iter().filter(|p| p.interval.contains(day)).flat_map(|p| p.support.iter().copied()).collect();
    statements.sort();
    statements.dedup();
    Some(Proof { pred, tuple: tuple.clone(), day, via: None, interval, kind: ProofKind::Base { statements } })
}

/// The rule with its head bound to `tuple`: equalities first, so the planner binds the head's variables first.
pub(super) fn bound_rule(rule: &Rule, tuple: &Tuple) -> Rule {
    let mut body: Vec<Lit> =
        rule.head.args.iter().zip(tuple).map(|(arg, value)| Lit::Cmp(*arg, CmpOp::Eq, Arg::Const(*value))).collect();
    body.extend(rule.body.iter().cloned());
    Rule { body, ..rule.clone() }
}

fn first_birth_iteration(model: &Model, pred: Symbol, id: u32, day: Day) -> u32 {
    model
        .rel(pred)
        .and_then(|rel| rel.births.get(id as usize))
        .and_then(|births| births.iter().filter(|b| b.days.contains(day)).map(|b| b.iteration).min())
        .unwrap_or(0)
}

fn prove_derived(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Proof> {
    let (rule_id, iteration, interval, group) = {
        let model = db.model_for(&[], &[]);
        let rel = model.rel(pred)?;
        let id = rel.tuples.get_index_of(tuple)?;
        let interval = rel.tuples[id].covering(day)?;
        let birth = rel.births[id].iter().filter(|b| b.days.contains(day)).min_by_key(|b| b.iteration)?;
        let group: Vec<Symbol> = db.strata.groups.iter().find(|g| g.contains(&pred)).cloned().unwrap_or_default();
        (birth.rule as usize, birth.iteration, interval, group)
    };
    let rule = bound_rule(&db.rules[rule_id], tuple);
    let plan = plan(&rule, rule_id as u32, None, false);
    let probes: Vec<(Symbol, u64)> = plan.probes().collect();
    let trace = {
        let model = db.model_for(&[], &probes);
        let mut found: Option<Trace> = None;
        let join = Join { rels: &model.rels, delta: &Delta::default(), plan: &plan };
        join.run_within(&IntervalSet::from(Interval::day(day)), &mut |_, _, trace| {
            // Premises of the same stratum must be born before this birth: that keeps the proof well-founded.
            let earlier = trace
                .iter()
                .all(|(p, id)| !group.contains(p) || first_birth_iteration(&model, *p, *id, day) < iteration);
            if found.is_none() && earlier {
                found = Some(trace.clone());
            }
        });
        let trace = found?;
        trace.iter().map(|(p, id)| (*p, model.rel(*p).expect("traced").entry(*id).0.clone())).collect::<Vec<_>>()
    };
    // Trace entries follow the plan's atom steps in order; a step with a window proves its premise on a day
    // inside the window, the day that made the window hold.
    let windows: Vec<Option<(Metric, i32, i32)>> = plan
        .steps
        .iter()
        .filter_map(|s| if let Step::Atom { window, .. } = s { Some(*window) } else { None })
        .collect();
    let premises = trace
        .iter()
        .zip(windows)
        .filter_map(|((p, t), window)| {
            let Some(w) = window else { return prove_any(db, *p, t, day) };
            let at = window_day(db, *p, t, day, w)?;
            let mut proof = prove_any(db, *p, t, at)?;
            proof.via = Some(format!("{}[{}d, {}d]", w.0.symbol(), w.1, w.2));
            Some(proof)
        })
        .collect();
    let absent = negated_atoms(db, &db.rules[rule_id], tuple, &trace);
    Some(Proof {
        pred,
        tuple: tuple.clone(),
        day,
        via: None,
        interval,
        kind: ProofKind::Derived { rule: rule_id, premises, absent },
    })
}

/// The day inside the window of `day` on which the premise held: the latest for the past operators, the earliest
/// for the future ones.
fn window_day(db: &Database, pred: Symbol, tuple: &Tuple, day: Day, (op, lo, hi): (Metric, i32, i32)) -> Option<Day> {
    let (from, to) = match op {
        Metric::PastSome | Metric::PastAlways => (day.offset(-hi), day.offset(-lo).succ()),
        Metric::FutureSome | Metric::FutureAlways => (day.offset(lo), day.offset(hi).succ()),
    };
    let window = Interval::new(from, to)?;
    let held = validity_of(db, pred, tuple).restrict(&window);
    match op {
        Metric::PastSome | Metric::PastAlways => held.intervals().last().map(|i| i.to.offset(-1)),
        Metric::FutureSome | Metric::FutureAlways => held.intervals().first().map(|i| i.from),
    }
}

pub(super) fn validity_of(db: &Database, pred: Symbol, tuple: &Tuple) -> IntervalSet {
    if db.is_derived(pred) {
        let model = db.model_for(&[], &[]);
        model.rel(pred).and_then(|r| r.get(tuple)).cloned().unwrap_or_default()
    } else {
        let store = db.visible_store();
        store.relation(pred).and_then(|r| r.tuples.get(tuple)).map(|f| f.validity.clone()).unwrap_or_default()
    }
}

/// A derived predicate may also have base facts: a day no rule derived is proved by its statements.
fn prove_any(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Proof> {
    if db.is_derived(pred) {
        prove_derived(db, pred, tuple, day).or_else(|| prove_base(db, pred, tuple, day))
    } else {
        prove_base(db, pred, tuple, day)
    }
}

/// The variable bindings of a rule instance, from its head tuple and its matched premises.
pub(super) fn env_of(rule: &Rule, head: &Tuple, trace: &[(Symbol, Tuple)]) -> Vec<Option<crate::value::Value>> {
    let mut env: Vec<Option<crate::value::Value>> = vec![None; rule.var_names.len()];
    let mut bind = |args: &[Arg], tuple: &Tuple| {
        for (arg, value) in args.iter().zip(tuple) {
            if let Arg::Var(v) = arg {
                env[*v] = Some(*value);
            }
        }
    };
    bind(&rule.head.args, head);
    // The trace follows plan order, not body order: match each traced tuple to a binding atom by predicate.
    let mut used = vec![false; trace.len()];
    for atom in rule.body.iter().filter(|l| l.binds()).filter_map(Lit::atom) {
        if let Some(k) = (0..trace.len()).find(|&k| !used[k] && trace[k].0 == atom.pred) {
            used[k] = true;
            bind(&atom.args, &trace[k].1);
        }
    }
    env
}

/// The rule's negated atoms, instantiated with the bindings of the proof, for display (`not p(a, _)`).
fn negated_atoms(db: &Database, rule: &Rule, head: &Tuple, trace: &[(Symbol, Tuple)]) -> Vec<String> {
    let env = env_of(rule, head, trace);
    rule.body
        .iter()
        .filter_map(|l| if let Lit::Neg(a) = l { Some(a) } else { None })
        .map(|atom| format!("not {}", crate::program::instance_text(db, atom, &env)))
        .collect()
}
