//! Semi-naive evaluation, stratum by stratum.
//!
//! Lifecycle of a recursive stratum (datafrog's stable / recent / to-add, with days): pass 0 runs every rule on
//! the full relations. What a pass derives goes into a buffer of packed rows (to-add); applying the buffer appends
//! the tuples that are new (recent: one contiguous row range per relation) and adds days to tuples that gained some
//! (recent too, with only the new days). Each later pass runs, for every rule and every body atom of the stratum,
//! the variant that reads that atom from the recent rows and the others in full (stable plus recent), so a pass
//! only explores combinations that use at least one new day. The stratum is done when a pass adds no day.

use super::buffer::Buffer;
use super::days::Days;
use super::dict::Scratch;
use super::exec::{Exec, Halt};
use super::interrupt::Guard;
use super::parallel::Join;
use super::plan::{plan, Plan};
use super::rel::{Added, Rel};
use super::{Delta, DeltaRel, Model, Stop};
use crate::program::{Lit, Rule, Strata};
use crate::store::Store;
use crate::symbol::Symbol;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Each relation's length after each pass of a stratum (the first entry: before the first pass).
pub type Passes = Vec<Vec<(Symbol, u32)>>;

/// Evaluates every stratum over the store's facts, within the limits `guard` enforces.
pub fn evaluate(store: &Store, rules: &[Rule], strata: &Strata, guard: &Guard) -> Result<Model, Stop> {
    let mut model = Model::default();
    model.load_bases(store, rules).map_err(|pred| guard.out_of_memory(pred))?;
    let all: Vec<Symbol> = strata.groups.iter().flatten().copied().collect();
    extend(&mut model, rules, strata, &all, guard)?;
    Ok(model)
}

/// Evaluates the strata that `needed` predicates depend on and that `model` has not evaluated yet. Strata come in
/// dependency order, so whatever an earlier call evaluated is complete and is reused as it is.
pub fn extend(
    model: &mut Model,
    rules: &[Rule],
    strata: &Strata,
    needed: &[Symbol],
    guard: &Guard,
) -> Result<(), Stop> {
    let wanted = crate::program::dependencies(rules, needed);
    let result = strata.groups.iter().enumerate().try_for_each(|(index, group)| {
        if model.done.contains(&index) || !group.iter().any(|p| wanted.contains(p)) {
            return Ok(());
        }
        evaluate_group(model, rules, group, &Days::Always, &mut Vec::new(), guard)?;
        model.done.insert(index);
        Ok(())
    });
    if let Some(watch) = guard.watch() {
        watch.done();
    }
    result
}

/// Re-evaluates one stratum on the days `within` only, in a copy of `model` whose lower strata are complete, and
/// returns the copy with, for every pass, the length of each of the stratum's relations after it. A row appended
/// in pass `i` was first derived in pass `i`: its height, which proofs use to stay well-founded.
pub fn extend_within(
    model: &Model,
    store: &Store,
    rules: &[Rule],
    group: &[Symbol],
    within: &Days,
    guard: &Guard,
) -> Result<(Model, Passes), Stop> {
    let mut copy = model.clone();
    for pred in group {
        let arity = copy.rels.get(pred).map(Rel::arity);
        copy.rels.remove(pred);
        if let Some(arity) = arity {
            copy.load_base(store, *pred, arity).map_err(|pred| guard.out_of_memory(pred))?;
        }
    }
    let mut passes = vec![lengths(&copy, group)];
    let result = evaluate_group(&mut copy, rules, group, within, &mut passes, guard);
    if let Some(watch) = guard.watch() {
        watch.done();
    }
    result.map(|()| (copy, passes))
}

fn evaluate_group(
    model: &mut Model,
    rules: &[Rule],
    group: &[Symbol],
    within: &Days,
    passes: &mut Vec<Vec<(Symbol, u32)>>,
    guard: &Guard,
) -> Result<(), Stop> {
    let members: Vec<(u32, &Rule)> =
        rules.iter().enumerate().filter(|(_, r)| group.contains(&r.head.pred)).map(|(i, r)| (i as u32, r)).collect();
    if members.is_empty() {
        return Ok(());
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
    let constants = [&first, &variants].map(|plans| super::parallel::new_constants(plans, &model.dict)).concat();
    if !constants.is_empty() {
        let dict = Arc::make_mut(&mut model.dict);
        constants.into_iter().for_each(|value| _ = dict.intern(value));
    }
    let watch = |pass: usize, model: &Model| {
        if let Some(watch) = guard.watch() {
            watch.pass(group, pass, model.tuples());
        }
    };
    watch(1, model);
    let mut delta = run_pass(&first, model, &Delta::default(), within, guard)?;
    passes.push(lengths(model, group));
    let mut pass = 1;
    while !delta.is_empty() && !variants.is_empty() {
        pass += 1;
        watch(pass, model);
        delta = run_pass(&variants, model, &delta, within, guard)?;
        passes.push(lengths(model, group));
    }
    Ok(())
}

fn lengths(model: &Model, group: &[Symbol]) -> Vec<(Symbol, u32)> {
    group.iter().map(|p| (*p, model.rel(*p).map(|r| r.len() as u32).unwrap_or(0))).collect()
}

/// Runs `plans` against the relations as they are, then applies what they derived; returns the new days.
fn run_pass(plans: &[Plan], model: &mut Model, delta: &Delta, within: &Days, guard: &Guard) -> Result<Delta, Stop> {
    for plan in plans {
        model.rels.entry(plan.head.pred).or_insert_with(|| Rel::new(plan.head.args.len()));
        for (pred, mask) in plan.probes() {
            if let Some(rel) = model.rels.get_mut(&pred) {
                rel.ensure_index(mask);
            }
        }
    }
    let budget = guard.max_tuples();
    let held = model.tuples();
    let mut buffers: Vec<Buffer> = Vec::with_capacity(plans.len());
    let extra = {
        let scratch = Scratch::new(&model.dict);
        let mut buffered = 0;
        for plan in plans {
            let target = model.rels.get(&plan.head.pred);
            let timeless = model.timeless.contains(&plan.head.pred);
            // The budget counts stored tuples, not join work: when the buffer would pass it, the rows it holds
            // twice or that the relation holds already are dropped, and only what is left counts. A refusal of the
            // system (no memory for the buffer) stops the run as the memory budget, never as an abort; the pieces
            // of a split join share the flag.
            let refused = AtomicBool::new(false);
            let room = |buffer: &mut Buffer| {
                held + buffered + buffer.len() <= budget || {
                    let compacted = buffer.compact(target).is_ok();
                    if !compacted {
                        refused.store(true, Ordering::Relaxed);
                    }
                    compacted && held + buffered + buffer.len() <= budget
                }
            };
            let keep = |buffer: &mut Buffer, found: super::exec::Found| {
                if buffer.push(found.head, if timeless { None } else { found.days }).is_err() {
                    refused.store(true, Ordering::Relaxed);
                    return false;
                }
                room(buffer)
            };
            let exec = Exec::new(plan, &model.rels, delta, &scratch, guard);
            let join = Join { plan, rels: &model.rels, delta, dict: &model.dict, within, guard };
            let result = match exec.candidates().and_then(|n| join.run_split(n, &keep, &refused)) {
                // Each piece kept within the budget on its own; together they may not.
                Some(Ok(mut buffer)) => match room(&mut buffer) {
                    true => Ok(buffer),
                    false => Err(Halt::Refused),
                },
                Some(Err(halt)) => Err(halt),
                None => {
                    let mut buffer = Buffer::new(plan.head.args.len());
                    exec.run(within.clone(), &mut |found| keep(&mut buffer, found)).map(|()| buffer)
                }
            };
            if refused.load(Ordering::Relaxed) {
                return Err(guard.out_of_memory(plan.head.pred));
            }
            let buffer = result.map_err(|h| h.into_stop(plan.head.pred, guard, plan.origin))?;
            // The buffer may have outgrown the memory budget since the join's last poll: stop before its rows are
            // appended.
            if guard.should_stop() {
                return Err(Halt::Stopped.into_stop(plan.head.pred, guard, plan.origin));
            }
            buffered += buffer.len();
            buffers.push(buffer);
        }
        scratch.into_extra()
    };
    if !extra.is_empty() {
        Arc::make_mut(&mut model.dict).absorb(extra);
    }
    let before: Vec<(Symbol, u32)> =
        plans.iter().map(|p| (p.head.pred, model.rels[&p.head.pred].len() as u32)).collect();
    let mut next = Delta::default();
    for (plan, buffer) in plans.iter().zip(buffers) {
        let pred = plan.head.pred;
        let start = before.iter().find(|(p, _)| *p == pred).map(|(_, n)| *n).unwrap_or(0);
        let rel = model.rels.get_mut(&pred).expect("created above");
        rel.try_reserve(buffer.len()).map_err(|_| guard.out_of_memory(pred))?;
        // Prefetching a few rows ahead lets the cache misses of a large relation overlap.
        const AHEAD: usize = 12;
        for k in 0..buffer.len() {
            if k + AHEAD < buffer.len() {
                rel.prefetch(&buffer.ids[(k + AHEAD) * buffer.arity..(k + AHEAD + 1) * buffer.arity]);
            }
            let row = buffer.row(k);
            let days = buffer.days(k);
            // A row appended in this pass is new as a whole: its later growth in the same pass needs no entry.
            if let Added::Grown(r, fresh) = rel.add(row, days).map_err(|_| guard.out_of_memory(pred))? {
                if r < start {
                    next.entry(pred).or_default().grown.push((r, fresh));
                }
            }
        }
    }
    for (pred, start) in before {
        let end = model.rels[&pred].len() as u32;
        next.entry(pred).or_insert_with(DeltaRel::default).rows = (start, end);
    }
    next.retain(|_, d| !d.is_empty());
    if model.tuples() > budget {
        // The relation that grew most in this pass (by name on a tie, so the message is the same every run).
        let growth = |p: &Symbol| next.get(p).map_or(0, |d| d.rows.1 - d.rows.0);
        let pred = next.keys().copied().max_by(|a, b| growth(a).cmp(&growth(b)).then(b.as_str().cmp(a.as_str())));
        return Err(Stop::Budget { pred: pred.unwrap_or(plans[0].head.pred), limit: budget });
    }
    Ok(next)
}
