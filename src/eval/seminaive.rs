//! Semi-naive evaluation, stratum by stratum.
//!
//! Lifecycle of a recursive stratum: pass 0 runs every rule on the full relations; the days it adds form the
//! delta. Each later pass runs, for every rule and every body atom of the stratum, the variant that reads that atom
//! from the delta and the others in full, so a pass only explores combinations that use at least one new day.
//! What a pass derives is buffered and applied after it; the days that were not there before form the next delta.
//! The stratum is done when a pass adds no day.

use super::join::{Delta, Join};
use super::plan::{plan, Plan};
use super::rel::{Birth, Rel};
use super::{base_relations, Model};
use crate::program::{Lit, Rule, Strata};
use crate::store::Store;
use crate::time::IntervalSet;
use crate::value::Tuple;
use rustc_hash::FxHashMap;
use ustr::Ustr;

pub fn evaluate(store: &Store, rules: &[Rule], strata: &Strata) -> Model {
    let mut rels = base_relations(store, rules);
    for group in &strata.groups {
        let members: Vec<(u32, &Rule)> = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| group.contains(&r.head.pred))
            .map(|(i, r)| (i as u32, r))
            .collect();
        if members.is_empty() {
            continue;
        }
        let first: Vec<Plan> = members.iter().map(|(id, rule)| plan(rule, *id, None, false)).collect();
        let variants: Vec<Plan> = members
            .iter()
            .flat_map(|(id, rule)| {
                rule.body.iter().enumerate().filter_map(move |(pos, lit)| match lit {
                    Lit::Pos(atom) if group.contains(&atom.pred) => Some(plan(rule, *id, Some(pos), true)),
                    _ => None,
                })
            })
            .collect();
        let mut delta = run_pass(&first, &mut rels, &Delta::default(), 0);
        let mut iteration = 1;
        while !delta.is_empty() && !variants.is_empty() {
            delta = run_pass(&variants, &mut rels, &delta, iteration);
            iteration += 1;
        }
    }
    Model { rels }
}

/// Runs `plans` against the relations as they are, then applies what they derived; returns the new days.
pub(super) fn run_pass(plans: &[Plan], rels: &mut FxHashMap<Ustr, Rel>, delta: &Delta, iteration: u32) -> Delta {
    for plan in plans {
        rels.entry(plan.head.pred).or_default();
        for (pred, mask) in plan.probes() {
            rels.entry(pred).or_default().ensure_index(mask);
        }
    }
    let mut derived: Vec<(u32, Ustr, Tuple, IntervalSet)> = Vec::new();
    for plan in plans {
        let join = Join { rels, delta, plan };
        join.run(&mut |tuple, days, _| derived.push((plan.rule, plan.head.pred, tuple, days)));
    }
    let mut next = Delta::default();
    for (rule, pred, tuple, days) in derived {
        let rel = rels.get_mut(&pred).expect("created above");
        let (id, fresh) = rel.add(tuple, &days);
        if !fresh.is_empty() {
            rel.births[id as usize].push(Birth { days: fresh.clone(), rule, iteration });
            next.entry(pred).or_default().push((id, fresh));
        }
    }
    next
}
