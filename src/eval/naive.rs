//! The naive reference evaluator, for differential tests only: every pass runs every rule of the stratum on the
//! full relations until a pass adds no day. Slow and obviously right; the semi-naive engine must agree with it.

use super::join::Delta;
use super::plan::{plan, Plan};
use super::seminaive::run_pass;
use super::{base_relations, Model};
use crate::program::{Rule, Strata};
use crate::store::Store;

pub fn evaluate_naive(store: &Store, rules: &[Rule], strata: &Strata) -> Model {
    let mut rels = base_relations(store, rules);
    for group in &strata.groups {
        let plans: Vec<Plan> = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| group.contains(&r.head.pred))
            .map(|(i, r)| plan(r, i as u32, None, false))
            .collect();
        let mut iteration = 0;
        while !plans.is_empty() && !run_pass(&plans, &mut rels, &Delta::default(), iteration).is_empty() {
            iteration += 1;
        }
    }
    Model { rels, ..Model::default() }
}
