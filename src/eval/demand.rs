//! Demand-driven evaluation: the magic-sets rewriting of the rules for one goal (`program::magic`), evaluated in
//! a model of its own by the same semi-naive engine, with the magic predicates holding on every day. The goal's
//! answers are then the adorned predicate's tuples: the same tuples, with the same days, as full evaluation
//! gives for the goal (the differential tests hold it).

use super::interrupt::Guard;
use super::{extend, Model, Stop};
use crate::program::magic::Demand;
use crate::program::stratify;
use crate::store::Store;
use crate::symbol::Symbol;
use std::sync::Arc;

/// The model of the rewritten program, its answer predicate evaluated, with the base relations of `also` (the
/// rest of a query) loaded, within the request's limits; `Ok(None)` when the rewriting does not stratify (the caller evaluates in full).
pub fn evaluate(
    store: &Store,
    demand: &Demand,
    also: &[(Symbol, usize)],
    guard: &Guard,
) -> Result<Option<Model>, Stop> {
    let Ok(strata) = stratify(&demand.rules) else { return Ok(None) };
    let mut model = Model { timeless: demand.magic.iter().copied().collect(), ..Model::default() };
    let refused = |pred| guard.out_of_memory(pred);
    model.load_bases(store, &demand.rules).map_err(refused)?;
    for (pred, arity) in also {
        model.load_base(store, *pred, *arity).map_err(refused)?;
    }
    let (magic, values) = &demand.seed;
    let dict = Arc::make_mut(&mut model.dict);
    let ids: Vec<_> = values.iter().map(|v| dict.intern(*v)).collect();
    model
        .rels
        .entry(*magic)
        .or_insert_with(|| super::Rel::new(ids.len()))
        .add(&ids, None)
        .map_err(|_| refused(*magic))?;
    let mut wanted = vec![demand.answer];
    wanted.extend(also.iter().map(|(p, _)| *p));
    extend(&mut model, &demand.rules, &strata, &wanted, guard)?;
    Ok(Some(model))
}
