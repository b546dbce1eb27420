//! Semi-naive evaluation, stratum by stratum.
//!
//! Lifecycle of a recursive stratum: pass 0 runs every rule on the full relations; the days it adds form the
//! delta. Each later pass runs, for every rule and every body atom of the stratum, the variant that reads that atom
//! from the delta and the others in full, so a pass only explores combinations that use at least one new day.
//! What a pass derives is buffered and applied after it; the days that were not there before form the next delta.
//! The stratum is done when a pass adds no day.

use super::interrupt;
use super::join::{Delta, Join};
use super::plan::{plan, Plan};
use super::rel::{Birth, Rel};
use super::{base_relations, Model};
use crate::program::{Lit, Rule, Strata};
use crate::store::Store;
use crate::symbol::Symbol;
use crate::time::IntervalSet;
use crate::value::Tuple;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// Evaluates every stratum.
pub fn evaluate(store: &Store, rules: &[Rule], strata: &Strata) -> Model {
    let mut model = Model { rels: base_relations(store, rules), ..Model::default() };
    let all: Vec<Symbol> = strata.groups.iter().flatten().copied().collect();
    extend(&mut model, rules, strata, &all);
    model
}

/// Evaluates the strata that `needed` predicates depend on and that `model` has not evaluated yet. Strata come in
/// dependency order, so whatever an earlier call evaluated is complete and is reused as it is.
pub fn extend(model: &mut Model, rules: &[Rule], strata: &Strata, needed: &[Symbol]) {
    let wanted = dependencies(rules, needed);
    for (index, group) in strata.groups.iter().enumerate() {
        if model.done.contains(&index) || !group.iter().any(|p| wanted.contains(p)) {
            continue;
        }
        evaluate_group(&mut model.rels, rules, group);
        if interrupt::requested() {
            model.interrupted = true;
            return;
        }
        model.done.insert(index);
    }
}

/// `needed` and every predicate their rules read, transitively.
fn dependencies(rules: &[Rule], needed: &[Symbol]) -> BTreeSet<Symbol> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<Symbol> = needed.to_vec();
    while let Some(pred) = pending.pop() {
        if seen.insert(pred) {
            for rule in rules.iter().filter(|r| r.head.pred == pred) {
                pending.extend(rule.body.iter().filter_map(|l| l.atom().map(|a| a.pred)));
            }
        }
    }
    seen
}

fn evaluate_group(rels: &mut FxHashMap<Symbol, Rel>, rules: &[Rule], group: &[Symbol]) {
    let members: Vec<(u32, &Rule)> =
        rules.iter().enumerate().filter(|(_, r)| group.contains(&r.head.pred)).map(|(i, r)| (i as u32, r)).collect();
    if members.is_empty() {
        return;
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
    let mut delta = run_pass(&first, rels, &Delta::default(), 0);
    let mut iteration = 1;
    while !delta.is_empty() && !variants.is_empty() && !interrupt::requested() {
        delta = run_pass(&variants, rels, &delta, iteration);
        iteration += 1;
    }
}

/// Runs `plans` against the relations as they are, then applies what they derived; returns the new days.
pub(super) fn run_pass(plans: &[Plan], rels: &mut FxHashMap<Symbol, Rel>, delta: &Delta, iteration: u32) -> Delta {
    for plan in plans {
        rels.entry(plan.head.pred).or_default();
        for (pred, mask) in plan.probes() {
            rels.entry(pred).or_default().ensure_index(mask);
        }
    }
    // What each plan derived, kept apart per plan so the rule and head need not be stored with every tuple.
    let derived: Vec<Vec<(Tuple, IntervalSet)>> = plans
        .iter()
        .map(|plan| {
            let mut out = Vec::new();
            Join { rels, delta, plan }.run(&mut |tuple, days, _| out.push((tuple, days)));
            out
        })
        .collect();
    let mut next = Delta::default();
    for (plan, tuples) in plans.iter().zip(derived) {
        let rel = rels.get_mut(&plan.head.pred).expect("created above");
        rel.tuples.reserve(tuples.len() / 2);
        let mut fresh_ones = Vec::new();
        for (tuple, days) in tuples {
            let (id, fresh) = rel.add(tuple, &days);
            if !fresh.is_empty() {
                rel.births[id as usize].push(Birth { days: fresh.clone(), rule: plan.rule, iteration });
                fresh_ones.push((id, fresh));
            }
        }
        if !fresh_ones.is_empty() {
            next.entry(plan.head.pred).or_default().extend(fresh_ones);
        }
    }
    next
}
