//! The confirmation of a fact with several derivations, and of a query's answer with several instances: each
//! derivation is confirmed from its own premises (`confirm::confirm_premises`) and the fact takes the best of them,
//! since any one of them is enough for it to hold. It is confirmed on a day when some derivation is, it was last
//! confirmed when its most recently confirmed derivation was, and first confirmed when its earliest one was.

use super::confirm::{confirm_premises, Confirmation};
use super::derivations::{body_instances, instances, Instance};
use super::proof::{prove, prove_instance};
use crate::db::Database;
use crate::program::Rule;
use crate::symbol::Symbol;
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Tuple;
use std::cell::RefCell;

thread_local! {
    /// The facts whose confirmation is being worked out, innermost last: a derivation that needs one of them again
    /// (a recursive rule) is left out rather than followed around its cycle.
    static VISITING: RefCell<Vec<(Symbol, Tuple, Day)>> = const { RefCell::new(Vec::new()) };
}

/// The confirmation on `day` of a derived fact: the best of its derivations on that day.
pub fn confirm_derived(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Confirmation> {
    let key = (pred, tuple.clone(), day);
    if VISITING.with(|v| v.borrow().contains(&key)) {
        return None;
    }
    let model = db.model_for(&[], &[]).ok()?;
    let head = model.validity(pred, tuple).covering(day)?;
    VISITING.with(|v| v.borrow_mut().push(key));
    let found = instances(db, pred, tuple, &IntervalSet::from(Interval::day(day)));
    let each: Vec<Confirmation> = found.iter().filter_map(|i| of_instance(db, &db.rules[i.rule], i, head, day)).collect();
    VISITING.with(|v| v.borrow_mut().pop());
    best(each, day).or_else(|| {
        // No instance found (a recursive stratum proves through its heights): the proof's own derivation.
        prove(db, pred, tuple, day).and_then(|proof| match &proof.kind {
            super::ProofKind::Derived { rule, premises, .. } => {
                let body = db.rules.get(*rule).map(|r| r.body.as_slice()).unwrap_or_default();
                confirm_premises(db, proof.interval, proof.day, body, premises)
            }
            super::ProofKind::Base { .. } => None,
        })
    })
}

/// The confirmation on `day` of a query's answer `tuple` that holds on `head`: the best of the body's instances.
pub fn confirm_body(db: &Database, rule: &Rule, tuple: &Tuple, head: Interval, day: Day) -> Option<Confirmation> {
    let found = body_instances(db, rule, tuple, &IntervalSet::from(Interval::day(day)));
    let each: Vec<Confirmation> = found.iter().filter_map(|i| of_instance(db, rule, i, head, day)).collect();
    best(each, day)
}

fn of_instance(db: &Database, rule: &Rule, instance: &Instance, head: Interval, day: Day) -> Option<Confirmation> {
    let premises = prove_instance(db, rule, &instance.env, day)?;
    confirm_premises(db, head, day, &rule.body, &premises)
}

/// The best of several confirmations of one fact on `day`: confirmed if any is; the confirmed days those of the
/// best, joined with the others' where they meet; last confirmed when the latest was, first when the earliest was.
pub fn best(mut each: Vec<Confirmation>, day: Day) -> Option<Confirmation> {
    // The best first: confirmed on the day, then the longest confirmed, then the latest confirmed.
    each.sort_by_key(|c| {
        let to = c.confirmed.map(|i| i.to);
        (std::cmp::Reverse(!c.presumed), std::cmp::Reverse(to), std::cmp::Reverse(c.last_confirmed))
    });
    let mut out = each.first()?.clone();
    for other in &each[1..] {
        out.holds = hull(out.holds, other.holds);
        out.last_confirmed = out.last_confirmed.max(other.last_confirmed);
        out.first_confirmed = match (out.first_confirmed, other.first_confirmed) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    // Join the confirmed days of the others that meet the best's, until none does.
    let mut grown = true;
    while grown {
        grown = false;
        for other in each.iter().filter_map(|c| c.confirmed) {
            if let Some(mine) = out.confirmed {
                if other.from <= mine.to && mine.from <= other.to && hull(mine, other) != mine {
                    out.confirmed = Some(hull(mine, other));
                    grown = true;
                }
            }
        }
    }
    out.presumed = !out.confirmed.is_some_and(|c| c.contains(day));
    Some(out)
}

fn hull(a: Interval, b: Interval) -> Interval {
    Interval { from: a.from.min(b.from), to: a.to.max(b.to) }
}
