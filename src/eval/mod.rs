//! Evaluation: from the base facts and the stratified rules to a model holding every derived tuple with its
//! validity and births. `seminaive` is the engine; `naive` is a slow reference kept for differential tests.

pub mod interrupt;
pub mod join;
pub mod naive;
pub mod plan;
mod rel;
mod seminaive;

pub use join::compare;
pub use rel::{Birth, Rel};
pub use seminaive::{evaluate, extend};

use crate::program::Rule;
use crate::store::Store;
use crate::symbol::Symbol;
use rustc_hash::FxHashMap;

/// Every relation the rules read or derive, after evaluation to a fixpoint.
#[derive(Default, Debug)]
pub struct Model {
    pub rels: FxHashMap<Symbol, Rel>,
    /// The strata (indexes into `Strata::groups`) evaluated so far.
    pub done: rustc_hash::FxHashSet<usize>,
    /// True when evaluation stopped on an interrupt: the relations are incomplete and must not be answered from.
    pub interrupted: bool,
}

impl Model {
    pub fn rel(&self, pred: Symbol) -> Option<&Rel> {
        self.rels.get(&pred)
    }
}

/// Copies the base facts of the predicates the rules read into evaluation relations.
pub fn base_relations(store: &Store, rules: &[Rule]) -> FxHashMap<Symbol, Rel> {
    let mut rels: FxHashMap<Symbol, Rel> = FxHashMap::default();
    let mut preds: Vec<Symbol> =
        rules.iter().flat_map(|r| r.body.iter().filter_map(|l| l.atom().map(|a| a.pred))).collect();
    preds.extend(rules.iter().map(|r| r.head.pred));
    preds.sort();
    preds.dedup();
    for pred in preds {
        rels.insert(pred, base_relation(store, pred));
    }
    rels
}

/// The base facts of one predicate as an evaluation relation.
pub fn base_relation(store: &Store, pred: Symbol) -> Rel {
    let mut rel = Rel::default();
    if let Some(base) = store.relation(pred) {
        for (tuple, facts) in &base.tuples {
            if !facts.validity.is_empty() {
                rel.add(tuple.clone(), &facts.validity);
            }
        }
    }
    rel
}
