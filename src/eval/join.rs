//! Runs a join plan: a depth-first walk over the steps, carrying the variable bindings and the days on which
//! everything matched so far holds. An empty set of days prunes the branch.

use super::plan::{BoundUse, Plan, Step};
use super::rel::{Key, Rel};
use crate::program::Arg;
use crate::symbol::Symbol;
use crate::syntax::{Allen, CmpOp, Metric};
use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use rustc_hash::FxHashMap;

/// The new days of the last iteration, per recursive predicate: (tuple id, days).
pub type Delta = FxHashMap<Symbol, Vec<(u32, IntervalSet)>>;

pub struct Join<'a> {
    pub rels: &'a FxHashMap<Symbol, Rel>,
    pub delta: &'a Delta,
    pub plan: &'a Plan,
}

/// The positive premises matched on the way to a result: (predicate, tuple id), in plan order.
pub type Trace = Vec<(Symbol, u32)>;

/// Receives each result: the head tuple, its days, and the premises that produced it.
pub type Emit<'e> = dyn FnMut(Tuple, IntervalSet, &Trace) + 'e;

fn value(arg: &Arg, env: &[Value]) -> Value {
    match arg {
        Arg::Const(v) => *v,
        Arg::Var(slot) => env[*slot],
    }
}

fn bind_bound(use_: &BoundUse, v: Value, env: &mut [Value]) -> bool {
    match use_ {
        BoundUse::Bind(slot) => {
            env[*slot] = v;
            true
        }
        BoundUse::Check(arg) => value(arg, env) == v,
    }
}

/// The days on which the metric operator holds, given the days its atom holds.
pub fn apply_window((op, lo, hi): (Metric, i32, i32), days: &IntervalSet) -> IntervalSet {
    match op {
        Metric::PastSome => days.diamond(lo, hi),
        Metric::PastAlways => days.boxed(lo, hi),
        // The future operators look at [d + lo, d + hi]: the past ones with the window mirrored.
        Metric::FutureSome => days.diamond(-hi, -lo),
        Metric::FutureAlways => days.boxed(-hi, -lo),
    }
}

/// Allen's relations on closed-open intervals given by their bounds; bounds that are not dates never relate.
pub fn allen_holds(rel: Allen, (s1, e1): (Value, Value), (s2, e2): (Value, Value)) -> bool {
    let (Value::Date(s1), Value::Date(e1), Value::Date(s2), Value::Date(e2)) = (s1, e1, s2, e2) else { return false };
    match rel {
        Allen::Before => e1 < s2,
        Allen::After => e2 < s1,
        Allen::Meets => e1 == s2,
        Allen::MetBy => e2 == s1,
        Allen::Overlaps => s1 < s2 && s2 < e1 && e1 < e2,
        Allen::OverlappedBy => s2 < s1 && s1 < e2 && e2 < e1,
        Allen::During => s2 < s1 && e1 < e2,
        Allen::Contains => s1 < s2 && e2 < e1,
        Allen::Starts => s1 == s2 && e1 < e2,
        Allen::StartedBy => s1 == s2 && e2 < e1,
        Allen::Finishes => e1 == e2 && s2 < s1,
        Allen::FinishedBy => e1 == e2 && s1 < s2,
        Allen::Equals => s1 == s2 && e1 == e2,
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
            Step::Atom { pred, key_mask, key, checks, binds, delta, window, bounds } => {
                let Some(rel) = self.rels.get(pred) else { return };
                let mut visit = |id: u32, tuple: &Tuple, valid: &IntervalSet, env: &mut [Value], trace: &mut Trace| {
                    // Bind first: a variable repeated in this atom is checked against its first column.
                    for (col, slot) in binds {
                        env[*slot] = tuple[*col];
                    }
                    if checks.iter().any(|(col, arg)| tuple[*col] != value(arg, env)) {
                        return;
                    }
                    trace.push((*pred, id));
                    if let Some((from, to)) = bounds {
                        // Each maximal interval binds the bounds; the days are not restricted.
                        for part in valid.intervals() {
                            if bind_bound(from, Value::Date(part.from), env)
                                && bind_bound(to, Value::Date(part.to), env)
                            {
                                self.step(k + 1, env, days, trace, emit);
                            }
                        }
                    } else {
                        let windowed;
                        let valid = match window {
                            Some(w) => {
                                windowed = apply_window(*w, valid);
                                &windowed
                            }
                            None => valid,
                        };
                        let both = days.intersect(valid);
                        if !both.is_empty() {
                            self.step(k + 1, env, &both, trace, emit);
                        }
                    }
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
                        // The outermost scan is where a long join spends its time: poll for an interrupt there.
                        if k == 0 && id % 1024 == 0 && super::interrupt::requested() {
                            return;
                        }
                        visit(id as u32, tuple, valid, env, trace);
                    }
                } else {
                    let probe: Key = key.iter().map(|a| value(a, env)).collect();
                    for &id in rel.probe(*key_mask, &probe).ids() {
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
            Step::Allen { left, rel, right } => {
                let l = (value(&left.0, env), value(&left.1, env));
                let r = (value(&right.0, env), value(&right.1, env));
                if allen_holds(*rel, l, r) {
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
    fn matching_days(&self, pred: Symbol, key_mask: u64, key: &[Arg], env: &[Value]) -> IntervalSet {
        let Some(rel) = self.rels.get(&pred) else { return IntervalSet::empty() };
        if key_mask == 0 {
            return IntervalSet::from_intervals(rel.tuples.values().flat_map(|v| v.intervals().iter().copied()));
        }
        let probe: Key = key.iter().map(|a| value(a, env)).collect();
        let probe = rel.probe(key_mask, &probe);
        IntervalSet::from_intervals(probe.ids().iter().flat_map(|&id| rel.entry(id).1.intervals().iter().copied()))
    }
}
