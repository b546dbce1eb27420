//! Splitting a join across the rayon pool: a plan whose first step reads a row range (a scan, or the delta of the
//! last pass) and that makes no new value runs as pieces of that range, each with its own compiled plan and
//! buffer, and the buffers are appended in the pieces' order. The result is the buffer one thread would have
//! built, row for row, whatever the number of threads: evaluation is deterministic by construction.

use super::buffer::Buffer;
use super::dict::{Dict, Scratch};
use super::exec::{Exec, Found, Halt};
use super::plan::{Plan, Step};
use super::rel::Rel;
use super::Delta;
use crate::eval::days::Days;
use crate::eval::interrupt::Guard;
use crate::program::Arg;
use crate::symbol::Symbol;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

/// The fewest candidates a piece gets: below this, splitting costs more than it saves.
pub const GRAIN: usize = 2048;

thread_local! {
    static GRAIN_HERE: Cell<usize> = const { Cell::new(GRAIN) };
}

/// Runs `f` with pieces of at least `grain` candidates on this thread: tests set 1, so that tiny programs are
/// split too and the split is what they check.
pub fn with_grain<T>(grain: usize, f: impl FnOnce() -> T) -> T {
    let before = GRAIN_HERE.with(|g| g.replace(grain.max(1)));
    let out = f();
    GRAIN_HERE.with(|g| g.set(before));
    out
}

/// The pieces `0..n` is cut into: one unless the pool has more than one thread and `n` is worth it; at most a
/// few per thread, so a slow piece leaves the others something to take.
pub fn pieces(n: u32) -> Vec<(u32, u32)> {
    let threads = rayon::current_num_threads();
    let grain = GRAIN_HERE.with(Cell::get);
    let count = if threads > 1 { (n as usize / grain).min(threads * 8).max(1) } else { 1 };
    let size = (n as usize).div_ceil(count).max(1) as u32;
    (0..count as u32).map(|k| (k * size, ((k + 1) * size).min(n))).filter(|(a, b)| a < b).collect()
}

/// Everything a piece reads: the plan, the relations and the delta of the last pass, the dictionary, the days
/// to derive within and the request's guard.
pub struct Join<'a> {
    /// The plan to run.
    pub plan: &'a Plan,
    /// The relations as they were before the pass.
    pub rels: &'a FxHashMap<Symbol, Rel>,
    /// The days new in the last pass.
    pub delta: &'a Delta,
    /// The model's dictionary; a split plan makes no value, so it stays as it is.
    pub dict: &'a Dict,
    /// The days to derive within.
    pub within: &'a Days,
    /// The request's limits.
    pub guard: &'a Guard,
}

impl Join<'_> {
    /// The buffer of the whole join when it splits (`None` when it does not: run it on one thread). `keep` is
    /// called with each piece's buffer and each result; it returns false to stop (the tuple budget, or no memory
    /// for the buffer). When the system refuses the memory to join the pieces' buffers, `refused` is set and the
    /// run stops.
    pub fn run_split(
        &self,
        candidates: u32,
        keep: &(dyn Fn(&mut Buffer, Found) -> bool + Sync),
        refused: &AtomicBool,
    ) -> Option<Result<Buffer, Halt>> {
        let pieces = pieces(candidates);
        if pieces.len() < 2 {
            return None;
        }
        let arity = self.plan.head.args.len();
        let buffers: Vec<Result<Buffer, Halt>> = pieces
            .into_par_iter()
            .map(|(from, to)| {
                let scratch = Scratch::new(self.dict);
                let exec = Exec::new(self.plan, self.rels, self.delta, &scratch, self.guard).piece(from, to);
                let mut buffer = Buffer::new(arity);
                exec.run(self.within.clone(), &mut |found| keep(&mut buffer, found))?;
                drop(exec);
                debug_assert!(scratch.into_extra().is_empty(), "a split plan made a value");
                Ok(buffer)
            })
            .collect();
        let mut whole = Buffer::new(arity);
        for buffer in buffers {
            match buffer {
                Ok(buffer) => {
                    if whole.append(buffer).is_err() {
                        refused.store(true, Ordering::Relaxed);
                        return Some(Err(Halt::Stopped));
                    }
                }
                // The first piece to stop, in order: where one thread would have stopped first.
                Err(halt) => return Some(Err(halt)),
            }
        }
        Some(Ok(whole))
    }
}

/// The constants of `plans` that `dict` has no id for. They are interned before the plans run, so that a split
/// plan's pieces make no value (each piece would otherwise give a new constant an id of its own scratch
/// dictionary, which no one keeps).
pub fn new_constants(plans: &[Plan], dict: &Dict) -> Vec<crate::value::Value> {
    fn args(steps: &[Step], out: &mut Vec<Arg>) {
        for step in steps {
            match step {
                Step::Atom { key, checks, .. } => {
                    out.extend(key);
                    out.extend(checks.iter().map(|(_, a)| *a));
                }
                Step::Not { key, .. } | Step::Exists { key, .. } => out.extend(key),
                Step::Cmp { left, right, .. } => out.extend([*left, *right]),
                Step::Allen { left, right, .. } => out.extend([left.0, left.1, right.0, right.1]),
                Step::Bind { value, .. } => out.push(*value),
                // Plans with these never split.
                Step::Calc { .. } | Step::CalcBind { .. } | Step::Agg { .. } => {}
            }
        }
    }
    let mut all = Vec::new();
    for plan in plans {
        args(&plan.steps, &mut all);
        all.extend(&plan.head.args);
    }
    all.into_iter()
        .filter_map(|arg| if let Arg::Const(value) = arg { Some(value) } else { None })
        .filter(|value| dict.get(value).is_none())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{pieces, with_grain};

    #[test]
    fn pieces_cover_the_range_in_order() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("a pool");
        pool.install(|| {
            with_grain(1, || {
                for n in [0u32, 1, 2, 3, 7, 16, 17, 100] {
                    let p = pieces(n);
                    let flat: Vec<u32> = p.iter().flat_map(|(a, b)| *a..*b).collect();
                    assert_eq!(flat, (0..n).collect::<Vec<_>>(), "n = {n}");
                    assert!(n < 2 || p.len() >= 2, "n = {n}: {p:?}");
                }
            })
        });
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a pool");
        one.install(|| with_grain(1, || assert_eq!(pieces(100), vec![(0, 100)])));
    }
}
