//! Evaluation: from the base facts and the stratified rules to a model holding every derived tuple with its
//! validity. `seminaive` drives the strata, `exec` runs compiled join plans over the packed relations of `rel`,
//! `dict` maps values to the dense ids those relations hold. `naive` is an independent, slow reference for the
//! differential tests.

pub mod aggregate;
pub mod arith;
mod buffer;
pub mod days;
pub mod demand;
pub mod dict;
pub mod exec;
mod index;
pub mod interrupt;
pub mod naive;
pub mod ops;
pub mod parallel;
pub mod plan;
pub mod rel;
mod rowtable;
mod seminaive;
pub mod watch;

pub use ops::compare;
pub use rel::Rel;
pub use seminaive::{evaluate, extend, extend_within};

use crate::program::{Lit, Rule};
use crate::store::Store;
use crate::symbol::Symbol;
use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use dict::Dict;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// The days a pass added to one relation: the rows it appended (all their days are new), and older rows that
/// gained days, with only the new days.
#[derive(Debug, Default)]
pub struct DeltaRel {
    /// The rows appended by the pass, `start..end` (empty when equal).
    pub rows: (u32, u32),
    /// Older rows that gained days, each with only the days it gained.
    pub grown: Vec<(u32, IntervalSet)>,
}

impl DeltaRel {
    /// True when the pass added no day to the relation.
    pub fn is_empty(&self) -> bool {
        self.rows.0 == self.rows.1 && self.grown.is_empty()
    }
}

/// The new days of the last pass, per predicate.
pub type Delta = FxHashMap<Symbol, DeltaRel>;

/// Why evaluation stopped before the fixpoint. A model that stopped is incomplete and is never answered from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Interrupted by Ctrl-C (see `interrupt`).
    Interrupted,
    /// `--timeout` passed.
    Timeout,
    /// The model would hold more than `limit` tuples; `pred` is the relation that was growing.
    Budget {
        /// The relation whose growth crossed the limit.
        pred: Symbol,
        /// The budget, in tuples (`--max-tuples`).
        limit: usize,
    },
    /// The process's heap outgrew the memory budget (`--max-memory`) while `pred` was being derived.
    Memory {
        /// The relation being derived when the budget was crossed.
        pred: Symbol,
        /// The budget, in bytes.
        limit: u64,
    },
    /// Arithmetic had no value (overflow, division by zero, a date out of range, a value of the wrong type), or
    /// an aggregate's count or sum did not fit; `at` is the rule (or query) where it happened.
    Arith {
        /// What went wrong.
        error: arith::ArithError,
        /// Where the rule or query that computed it was written.
        at: crate::diag::Origin,
    },
}

/// Every relation the rules read or derive, evaluated stratum by stratum as questions need them.
#[derive(Debug, Default, Clone)]
pub struct Model {
    /// Shared with the answers read from this model, so they can print their values after it changes.
    pub dict: Arc<Dict>,
    /// The relations evaluated so far, by predicate: base facts and derived tuples.
    pub rels: FxHashMap<Symbol, Rel>,
    /// The strata (indexes into `Strata::groups`) evaluated so far.
    pub done: FxHashSet<usize>,
    /// Predicates whose derived tuples hold on every day, whatever the days of their premises: the magic
    /// predicates of demand-driven evaluation (see `demand`).
    pub timeless: FxHashSet<Symbol>,
}

impl Model {
    /// The relation of `pred`, if it was loaded or derived.
    pub fn rel(&self, pred: Symbol) -> Option<&Rel> {
        self.rels.get(&pred)
    }

    /// The ids of a tuple's values, or `None` when some value never occurs in this model.
    pub fn ids(&self, tuple: &[Value]) -> Option<Vec<dict::Id>> {
        tuple.iter().map(|v| self.dict.get(v)).collect()
    }

    /// The validity of `pred(tuple)` in this model (empty when it never holds).
    pub fn validity(&self, pred: Symbol, tuple: &[Value]) -> IntervalSet {
        let (Some(rel), Some(ids)) = (self.rels.get(&pred), self.ids(tuple)) else { return IntervalSet::empty() };
        rel.find(&ids).map(|r| rel.validity(r)).unwrap_or_default()
    }

    /// The values of row `row` of `rel`, translated back from ids.
    pub fn tuple(&self, rel: &Rel, row: u32) -> Tuple {
        rel.row(row).iter().map(|id| self.dict.value(*id)).collect()
    }

    /// Every tuple of `pred` with its validity, in row order.
    pub fn facts(&self, pred: Symbol) -> Vec<(Tuple, IntervalSet)> {
        let Some(rel) = self.rels.get(&pred) else { return Vec::new() };
        (0..rel.len() as u32).map(|r| (self.tuple(rel, r), rel.validity(r))).collect()
    }

    /// Adds the base facts of `pred` (arity `arity`) from the store, unless the relation is here already. When
    /// the system refuses the memory, the error names the relation (the caller reports it as the memory budget).
    pub fn load_base(&mut self, store: &Store, pred: Symbol, arity: usize) -> Result<(), Symbol> {
        if self.rels.contains_key(&pred) {
            return Ok(());
        }
        let dict = Arc::make_mut(&mut self.dict);
        let mut rel = Rel::new(arity);
        let mut ids = Vec::with_capacity(arity);
        let mut refused = false;
        store.for_each_fact(pred, &mut |tuple, validity| {
            if refused || tuple.len() != arity || validity.is_empty() {
                return;
            }
            ids.clear();
            ids.extend(tuple.iter().map(|v| dict.intern(*v)));
            refused = rel.add(&ids, Some(validity)).is_err();
        });
        if refused {
            return Err(pred);
        }
        self.rels.insert(pred, rel);
        Ok(())
    }

    /// Adds the base relations of every predicate that `rules` read or derive; the error names the relation the
    /// system refused memory for.
    pub fn load_bases(&mut self, store: &Store, rules: &[Rule]) -> Result<(), Symbol> {
        predicates(rules).into_iter().try_for_each(|(pred, arity)| self.load_base(store, pred, arity))
    }

    /// How many tuples the model holds, for the tuple budget.
    pub fn tuples(&self) -> usize {
        self.rels.values().map(Rel::len).sum()
    }
}

/// Every predicate the rules mention, with its arity, in name order.
pub fn predicates(rules: &[Rule]) -> Vec<(Symbol, usize)> {
    let mut preds: Vec<(Symbol, usize)> = rules
        .iter()
        .flat_map(|r| r.body.iter().flat_map(Lit::atoms).map(|(a, _)| a).chain(std::iter::once(&r.head)))
        .map(|a| (a.pred, a.args.len()))
        .collect();
    preds.sort();
    preds.dedup();
    preds
}
