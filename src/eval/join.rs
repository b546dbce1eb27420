//! Runs a join plan: a depth-first walk over the steps, carrying the variable bindings and the days on which
//! everything matched so far holds. An empty set of days prunes the branch.

use super::plan::{Plan, Step};
use super::rel::{Key, Rel};
use crate::program::Arg;
use crate::syntax::CmpOp;
use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use rustc_hash::FxHashMap;
use ustr::Ustr;

/// The new days of the last iteration, per recursive predicate: (tuple id, days).
pub type Delta = FxHashMap<Ustr, Vec<(u32, IntervalSet)>>;

pub struct Join<'a> {
    pub rels: &'a FxHashMap<Ustr, Rel>,
    pub delta: &'a Delta,
    pub plan: &'a Plan,
}

/// The positive premises matched on the way to a result: (predicate, tuple id), in plan order.
pub type Trace = Vec<(Ustr, u32)>;

/// Receives each result: the head tuple, its days, and the premises that produced it.
pub type Emit<'e> = dyn FnMut(Tuple, IntervalSet, &Trace) + 'e;

fn value(arg: &Arg, env: &[Value]) -> Value {
    match arg {
        Arg::Const(v) => *v,
        Arg::Var(slot) => env[*slot],
    }
}

pub fn compare(left: Value, op: CmpOp, right: Value) -> bool {
    let same_type = std::mem::discriminant(&left) == std::mem::discriminant(&right);
    match op {
        CmpOp::Eq => left == right,
        CmpOp::Ne => left != right,
        _ if !same_type => false,
        CmpOp::Lt => left < right,
        CmpOp::Le => left <= right,
        CmpOp::Gt => left > right,
        CmpOp::Ge => left >= right,
    }
}

impl<'a> Join<'a> {
    /// Calls `emit` with every head tuple the plan derives and the days it holds.
    pub fn run(&self, emit: &mut Emit) {
        self.run_within(&IntervalSet::always(), emit);
    }

    /// Like `run`, but only on the days of `within`.
    pub fn run_within(&self, within: &IntervalSet, emit: &mut Emit) {
        let mut env = vec![Value::Int(0); self.plan.slots];
        let mut trace = Trace::new();
        self.step(0, &mut env, within, &mut trace, emit);
    }

    fn step(&self, k: usize, env: &mut [Value], days: &IntervalSet, trace: &mut Trace, emit: &mut Emit) {
        let Some(step) = self.plan.steps.get(k) else {
            let tuple = self.plan.head.args.iter().map(|a| value(a, env)).collect();
            emit(tuple, days.clone(), trace);
            return;
        };
        match step {
            Step::Atom { pred, key_mask, key, checks, binds, delta } => {
                let Some(rel) = self.rels.get(pred) else { return };
                let mut visit = |id: u32, tuple: &Tuple, valid: &IntervalSet, env: &mut [Value], trace: &mut Trace| {
                    // Bind first: a variable repeated in this atom is checked against its first column.
                    for (col, slot) in binds {
                        env[*slot] = tuple[*col];
                    }
                    if checks.iter().any(|(col, arg)| tuple[*col] != value(arg, env)) {
                        return;
                    }
                    let both = days.intersect(valid);
                    if both.is_empty() {
                        return;
                    }
                    trace.push((*pred, id));
                    self.step(k + 1, env, &both, trace, emit);
                    trace.pop();
                };
                if *delta {
                    let key_cols: Vec<usize> = (0..64).filter(|c| key_mask & (1 << c) != 0).collect();
                    for (id, new_days) in self.delta.get(pred).map(|d| d.as_slice()).unwrap_or(&[]) {
                        let (tuple, _) = rel.entry(*id);
                        if key_cols.iter().zip(key).all(|(c, a)| tuple[*c] == value(a, env)) {
                            visit(*id, tuple, new_days, env, trace);
                        }
                    }
                } else if *key_mask == 0 {
                    for (id, (tuple, valid)) in rel.tuples.iter().enumerate() {
                        visit(id as u32, tuple, valid, env, trace);
                    }
                } else {
                    let probe: Key = key.iter().map(|a| value(a, env)).collect();
                    for &id in rel.probe(*key_mask, &probe) {
                        let (tuple, valid) = rel.entry(id);
                        visit(id, tuple, valid, env, trace);
                    }
                }
            }
            Step::Not { pred, key_mask, key } => {
                let blocked = self.matching_days(*pred, *key_mask, key, env);
                let rest = days.subtract(&blocked);
                if !rest.is_empty() {
                    self.step(k + 1, env, &rest, trace, emit);
                }
            }
            Step::Cmp { left, op, right } => {
                if compare(value(left, env), *op, value(right, env)) {
                    self.step(k + 1, env, days, trace, emit);
                }
            }
            Step::Bind { slot, value: arg } => {
                env[*slot] = value(arg, env);
                self.step(k + 1, env, days, trace, emit);
            }
        }
    }

    /// The union of the days of every tuple of `pred` whose key columns match.
    fn matching_days(&self, pred: Ustr, key_mask: u64, key: &[Arg], env: &[Value]) -> IntervalSet {
        let Some(rel) = self.rels.get(&pred) else { return IntervalSet::empty() };
        if key_mask == 0 {
            return IntervalSet::from_intervals(rel.tuples.values().flat_map(|v| v.intervals().iter().copied()));
        }
        let probe: Key = key.iter().map(|a| value(a, env)).collect();
        let ids = rel.probe(key_mask, &probe);
        IntervalSet::from_intervals(ids.iter().flat_map(|&id| rel.entry(id).1.intervals().iter().copied()))
    }
}
