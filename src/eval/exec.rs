//! Runs a join plan over packed relations. The plan is compiled once per run into steps whose constants are value
//! ids and whose relations are resolved; the walk is an explicit stack of frames, one per step, so a body of any
//! width never deepens the call stack, and the request's guard (Ctrl-C, `--timeout`, `--max-memory`) is polled
//! inside the innermost loop.
//! Each frame carries the days on which everything matched so far holds; an empty set prunes the branch.

use super::arith::{self, ArithError, Compiled};
use super::days::Days;
use super::dict::{Id, Scratch};
use super::interrupt::{Guard, Reason};
use super::ops::{allen_holds, apply_window, compare};
use super::plan::{BoundUse, Plan, Step};
use super::rel::{mask as col_mask, Chain, Rel, ALWAYS};
use super::Delta;
use crate::program::Arg;
use crate::symbol::Symbol;
use crate::syntax::AggregateFn;
use crate::syntax::{Allen, CmpOp, Metric};
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Value;
use rustc_hash::FxHashMap;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

mod untimed;

/// An operand: a variable slot, or a constant's id.
#[derive(Clone, Copy, Debug)]
enum Op {
    Slot(usize),
    Id(Id),
}

#[derive(Clone, Copy, Debug)]
enum Bound {
    Bind(usize),
    Check(Op),
}

/// Where an atom's candidate rows come from.
#[derive(Clone, Copy, Debug)]
enum Access {
    Scan,
    /// A lookup of the whole tuple.
    Find,
    /// Through the relation's index at this position (see `Rel::index_of`).
    Probe(usize),
    /// Every row, keeping those whose key columns match: a probe on a relation that has no index on them.
    ScanKey,
    Delta,
}

struct AtomStep<'a> {
    rel: Option<&'a Rel>,
    delta: (u32, u32, &'a [(u32, IntervalSet)]),
    access: Access,
    key_cols: Vec<usize>,
    key: Vec<Op>,
    checks: Vec<(usize, Op)>,
    binds: Vec<(usize, usize)>,
    window: Option<(Metric, i32, i32)>,
    bounds: Option<(Bound, Bound)>,
}

/// An aggregate step, compiled: the plan of its body and what its results bind.
struct AggStep<'a> {
    body: Exec<'a>,
    function: AggregateFn,
    over: Option<Compiled<Op>>,
    key: Vec<usize>,
    binds: Vec<usize>,
    local: Vec<usize>,
    result: usize,
    zero: bool,
    /// The groups and values already worked out, by the ids of `key`: one run of the body per key.
    cache: RefCell<FxHashMap<Vec<Id>, Rc<Vec<AggRow>>>>,
}

/// One value of an aggregate: the ids its group slots bind, the value's id, and the days it has that value.
struct AggRow {
    group: Vec<Id>,
    value: Id,
    days: IntervalSet,
}

enum CStep<'a> {
    Atom(AtomStep<'a>),
    Exists { rel: Option<&'a Rel>, access: Access, key_cols: Vec<usize>, key: Vec<Op> },
    Agg(Box<AggStep<'a>>),
    Not { rel: Option<&'a Rel>, access: Access, key_cols: Vec<usize>, key: Vec<Op> },
    Cmp { left: Op, op: CmpOp, right: Op },
    Allen { left: (Op, Op), rel: Allen, right: (Op, Op) },
    Bind { slot: usize, value: Op },
    Calc { left: Compiled<Op>, op: CmpOp, right: Compiled<Op> },
    CalcBind { slot: usize, expr: Compiled<Op> },
}

/// Where a frame is in its step's candidates.
enum Cursor {
    /// Rows `next..end`, then (a delta) its grown rows `grown.0..grown.1`.
    Rows {
        next: u32,
        end: u32,
        grown: (u32, u32),
    },
    Grown {
        next: u32,
        end: u32,
    },
    Chain(Chain),
    One(Option<u32>),
    /// An aggregate's values, and the next one to yield.
    Agg(Rc<Vec<AggRow>>, usize),
    /// A filter step yields at most once.
    Once(bool),
}

/// The days a partial match holds on, as a handle: `ALL` (every day: nothing to copy or intersect), or an index
/// into the run's arena of interval sets. Handles keep frames small; the arena is a stack (a frame truncates it
/// to its mark before trying its next candidate, when the deeper frames that used it are gone).
type DaysRef = u32;
const ALL: DaysRef = u32::MAX;

struct Frame {
    days: DaysRef,
    mark: u32,
    cursor: Cursor,
    /// For an interval binding: the row being split into its maximal intervals, and the next interval.
    parts: Option<(u32, usize)>,
}

/// The interval sets that the frames' days handles point into.
#[derive(Default)]
struct Arena {
    sets: Vec<IntervalSet>,
}

impl Arena {
    fn get(&self, h: DaysRef) -> Option<&IntervalSet> {
        (h != ALL).then(|| &self.sets[h as usize])
    }

    fn push(&mut self, set: IntervalSet) -> Option<DaysRef> {
        if set.is_empty() {
            return None;
        }
        if set.is_always() {
            return Some(ALL);
        }
        self.sets.push(set);
        Some((self.sets.len() - 1) as u32)
    }

    /// `h`'s days and a row's validity.
    #[inline]
    fn meet_row(&mut self, h: DaysRef, rel: &Rel, row: u32) -> Option<DaysRef> {
        match (h, rel.slot(row)) {
            (h, ALWAYS) => Some(h),
            (ALL, slot) => self.push(rel.set(slot).clone()),
            (h, slot) => self.push(self.sets[h as usize].intersect(rel.set(slot))),
        }
    }

    fn meet(&mut self, h: DaysRef, other: &IntervalSet) -> Option<DaysRef> {
        match h {
            ALL => self.push(other.clone()),
            h => self.push(self.sets[h as usize].intersect(other)),
        }
    }

    fn minus(&mut self, h: DaysRef, blocked: &IntervalSet) -> Option<DaysRef> {
        if blocked.is_empty() {
            return Some(h);
        }
        let days = self.get(h).cloned().unwrap_or_else(IntervalSet::always);
        self.push(days.subtract(blocked))
    }
}

/// Why a run stopped before it finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Halt {
    /// The request's guard stopped it: Ctrl-C, the deadline or the memory budget (see `interrupt`).
    Stopped,
    /// The receiver asked to stop (a budget ran out).
    Refused,
    /// Date arithmetic had no value (overflow, a date out of range, a value of the wrong type).
    Arith(ArithError),
}

impl Halt {
    /// What the stop means to the caller, `pred` being the predicate that was growing and `at` where the rule or
    /// query being run was written: an interrupt, a timeout or the memory budget (the guard says which), the tuple
    /// budget, or an arithmetic error. The one place a halt is named.
    pub fn into_stop(self, pred: Symbol, guard: &Guard, at: crate::diag::Origin) -> super::Stop {
        match self {
            Halt::Stopped => {
                let stop = match guard.reason() {
                    Some(Reason::Timeout) => super::Stop::Timeout,
                    Some(Reason::Memory) => super::Stop::Memory { pred, limit: guard.limits().max_memory.unwrap_or(0) },
                    Some(Reason::Interrupted) | None => super::Stop::Interrupted,
                };
                guard.name_stop(&stop);
                stop
            }
            Halt::Refused => super::Stop::Budget { pred, limit: guard.max_tuples() },
            Halt::Arith(error) => super::Stop::Arith { error, at },
        }
    }
}

/// A compiled plan, ready to run against the relations it was compiled with.
pub struct Exec<'a> {
    steps: Vec<CStep<'a>>,
    head: Vec<Op>,
    slots: usize,
    scratch: &'a Scratch<'a>,
    /// The request's limits, polled in the innermost loop.
    guard: &'a Guard,
    /// Point mode: carry only the interval around this day, and prune rows that miss it.
    around: Option<Day>,
    /// Set by a step that failed (arithmetic, or an aggregate's body that stopped): the run stops with it.
    failed: Cell<Option<Halt>>,
    /// Only these of the first step's candidates (see `candidates`): a piece of a join split across threads.
    piece: Option<(u32, u32)>,
}

/// What a receiver sees for each result: the head's ids, its days, the variable bindings and, per step, the row
/// that step matched (`u32::MAX` for filters), in plan order.
pub struct Found<'r> {
    /// The ids of the derived head tuple.
    pub head: &'r [Id],
    /// `None`: every day.
    pub days: Option<&'r IntervalSet>,
    /// The id bound to each variable slot of the rule.
    pub env: &'r [Id],
    /// Per plan step, the row it matched (`u32::MAX` for filters).
    pub rows: &'r [u32],
}

fn op(arg: &Arg, scratch: &Scratch) -> Op {
    match arg {
        Arg::Var(v) => Op::Slot(*v),
        // A constant no fact holds still gets an id: it matches no row, which is what it should do.
        Arg::Const(c) => Op::Id(scratch.intern(*c)),
    }
}

fn bound(use_: &BoundUse, scratch: &Scratch) -> Bound {
    match use_ {
        BoundUse::Bind(slot) => Bound::Bind(*slot),
        BoundUse::Check(arg) => Bound::Check(op(arg, scratch)),
    }
}

fn key_cols(key_mask: u64) -> Vec<usize> {
    (0..64).filter(|c| key_mask & (1 << c) != 0).collect()
}

/// Compiles plan steps: constants to ids, relations and access paths resolved, aggregates' bodies compiled too.
fn compile<'a>(
    steps: &[Step],
    slots: usize,
    rels: &'a FxHashMap<Symbol, Rel>,
    delta: &'a Delta,
    scratch: &'a Scratch<'a>,
    guard: &'a Guard,
) -> Vec<CStep<'a>> {
    let ops = |args: &[Arg]| args.iter().map(|a| op(a, scratch)).collect::<Vec<Op>>();
    let expr = |e: &crate::program::Expr| Compiled::new(e, &mut |a| op(a, scratch));
    steps
        .iter()
        .map(|step| match step {
            Step::Atom { pred, key_mask, key, checks, binds, delta: is_delta, window, bounds: b } => {
                let rel = rels.get(pred);
                let d = delta.get(pred).map(|d| (d.rows.0, d.rows.1, d.grown.as_slice())).unwrap_or((0, 0, &[]));
                CStep::Atom(AtomStep {
                    rel,
                    delta: d,
                    access: if *is_delta { Access::Delta } else { access(rel, *key_mask) },
                    key_cols: key_cols(*key_mask),
                    key: ops(key),
                    checks: checks.iter().map(|(c, a)| (*c, op(a, scratch))).collect(),
                    binds: binds.clone(),
                    window: *window,
                    bounds: b.as_ref().map(|(f, t)| (bound(f, scratch), bound(t, scratch))),
                })
            }
            Step::Not { pred, key_mask, key } => {
                let rel = rels.get(pred);
                CStep::Not { rel, access: access(rel, *key_mask), key_cols: key_cols(*key_mask), key: ops(key) }
            }
            Step::Exists { pred, key_mask, key } => {
                let rel = rels.get(pred);
                CStep::Exists { rel, access: access(rel, *key_mask), key_cols: key_cols(*key_mask), key: ops(key) }
            }
            Step::Cmp { left, op: o, right } => {
                CStep::Cmp { left: op(left, scratch), op: *o, right: op(right, scratch) }
            }
            Step::Allen { left, rel, right } => CStep::Allen {
                left: (op(&left.0, scratch), op(&left.1, scratch)),
                rel: *rel,
                right: (op(&right.0, scratch), op(&right.1, scratch)),
            },
            Step::Bind { slot, value } => CStep::Bind { slot: *slot, value: op(value, scratch) },
            Step::Calc { left, op: o, right } => CStep::Calc { left: expr(left), op: *o, right: expr(right) },
            Step::CalcBind { slot, expr: e } => CStep::CalcBind { slot: *slot, expr: expr(e) },
            Step::Agg { agg, key, binds, body, zero } => {
                let inner = Exec {
                    steps: compile(body, slots, rels, delta, scratch, guard),
                    head: Vec::new(),
                    slots,
                    scratch,
                    guard,
                    around: None,
                    failed: Default::default(),
                    piece: None,
                };
                CStep::Agg(Box::new(AggStep {
                    body: inner,
                    function: agg.function,
                    over: agg.over.as_ref().map(expr),
                    key: key.clone(),
                    binds: binds.clone(),
                    local: agg.local.clone(),
                    result: agg.result,
                    zero: *zero,
                    cache: RefCell::default(),
                }))
            }
        })
        .collect()
}

fn access(rel: Option<&Rel>, key_mask: u64) -> Access {
    match rel {
        Some(r) if key_mask != 0 && key_mask == col_mask(0..r.arity()) => Access::Find,
        _ if key_mask == 0 => Access::Scan,
        Some(r) if r.has_index(key_mask) => r.index_of(key_mask).map_or(Access::ScanKey, Access::Probe),
        Some(_) => Access::ScanKey,
        // No relation: nothing matches, whatever the access.
        None => Access::Scan,
    }
}

impl<'a> Exec<'a> {
    /// Compiles `plan` against `rels` (whose probed indexes must be ensured) and the delta of the last pass; the
    /// run stops when `guard` says so.
    pub fn new(
        plan: &Plan,
        rels: &'a FxHashMap<Symbol, Rel>,
        delta: &'a Delta,
        scratch: &'a Scratch<'a>,
        guard: &'a Guard,
    ) -> Exec<'a> {
        let steps = compile(&plan.steps, plan.slots, rels, delta, scratch, guard);
        let head = plan.head.args.iter().map(|a| op(a, scratch)).collect();
        Exec { steps, head, slots: plan.slots, scratch, guard, around: None, failed: Default::default(), piece: None }
    }

    /// How many candidates the first step reads, when the run can be split into pieces of them that run apart:
    /// the first step reads a row range (a scan or a delta), and no step makes a new value (an interval's bounds,
    /// arithmetic, an aggregate), so a piece needs nothing but the relations it reads. Results of pieces
    /// `0..a`, `a..b`, ... in that order are the results of the whole run in its order.
    pub fn candidates(&self) -> Option<u32> {
        let pure = self.steps.iter().all(|step| match step {
            CStep::Atom(atom) => atom.bounds.is_none(),
            CStep::Not { .. } | CStep::Exists { .. } | CStep::Cmp { .. } | CStep::Allen { .. } => true,
            CStep::Bind { .. } => true,
            CStep::Agg(_) | CStep::Calc { .. } | CStep::CalcBind { .. } => false,
        });
        let CStep::Atom(first) = self.steps.first()? else { return None };
        match (first.access, first.rel) {
            _ if !pure || self.around.is_some() => None,
            (Access::Delta, Some(_)) => Some(first.delta.1 - first.delta.0 + first.delta.2.len() as u32),
            (Access::Scan | Access::ScanKey, Some(rel)) => Some(rel.len() as u32),
            _ => None,
        }
    }

    /// Runs only candidates `from..to` of the first step (see `candidates`).
    pub fn piece(mut self, from: u32, to: u32) -> Self {
        self.piece = Some((from, to));
        self
    }

    /// Point mode: only answers that hold on `day` matter, each with the interval around it.
    pub fn around(mut self, day: Day) -> Self {
        self.around = Some(day);
        self
    }

    /// Calls `emit` with every result; `emit` returns false to stop the run.
    pub fn run(&self, start: Days, emit: &mut dyn FnMut(Found) -> bool) -> Result<(), Halt> {
        self.run_from(vec![0; self.slots], start, emit)
    }

    /// `run`, with the bindings in `env` (as long as the plan's slots) in place before the first step: an
    /// aggregate's injected slots.
    fn run_from(&self, mut env: Vec<Id>, start: Days, emit: &mut dyn FnMut(Found) -> bool) -> Result<(), Halt> {
        match (&start, untimed::eligible(self)) {
            (Days::Always, Some(steps)) => untimed::run(self, steps, &mut env, emit),
            _ => self.run_frames(env, start, emit),
        }
    }

    /// The general executor: any plan, any days (`run_from` takes the untimed joins it can to `untimed`).
    fn run_frames(&self, mut env: Vec<Id>, start: Days, emit: &mut dyn FnMut(Found) -> bool) -> Result<(), Halt> {
        let mut rows = vec![u32::MAX; self.steps.len()];
        let mut head = vec![0; self.head.len()];
        let mut arena = Arena::default();
        let start = match start {
            Days::Always => Some(ALL),
            Days::Some(set) => arena.push(set),
        };
        let Some(start) = start.and_then(|h| self.focus(h, &mut arena)) else { return Ok(()) };
        if self.steps.is_empty() {
            self.fill(&mut head, &env);
            let found = Found { head: &head, days: arena.get(start), env: &env, rows: &rows };
            return if emit(found) { Ok(()) } else { Err(Halt::Refused) };
        }
        let mut stack: Vec<Frame> = Vec::with_capacity(self.steps.len());
        stack.push(self.open(0, start, &env, &arena));
        let mut ticks: u32 = 0;
        while let Some(k) = stack.len().checked_sub(1) {
            ticks = ticks.wrapping_add(1);
            if ticks % 4096 == 0 && self.guard.should_stop() {
                return Err(Halt::Stopped);
            }
            let frame = &mut stack[k];
            arena.sets.truncate(frame.mark as usize);
            let Some(days) = self.advance(k, frame, &mut env, &mut rows, &mut arena) else {
                if let Some(halt) = self.failed.get() {
                    return Err(halt);
                }
                stack.pop();
                continue;
            };
            if k + 1 == self.steps.len() {
                self.fill(&mut head, &env);
                if !emit(Found { head: &head, days: arena.get(days), env: &env, rows: &rows }) {
                    return Err(Halt::Refused);
                }
            } else {
                let frame = self.open(k + 1, days, &env, &arena);
                stack.push(frame);
            }
        }
        Ok(())
    }

    fn fill(&self, head: &mut [Id], env: &[Id]) {
        for (h, o) in head.iter_mut().zip(&self.head) {
            *h = self.get(*o, env);
        }
    }

    fn get(&self, o: Op, env: &[Id]) -> Id {
        match o {
            Op::Slot(s) => env[s],
            Op::Id(id) => id,
        }
    }

    /// A probe's key, on the stack for the usual few columns.
    #[inline]
    fn key(&self, ops: &[Op], env: &[Id]) -> smallvec::SmallVec<[Id; 4]> {
        let mut key = smallvec::SmallVec::new();
        for o in ops {
            key.push(self.get(*o, env));
        }
        key
    }

    fn value(&self, o: Op, env: &[Id]) -> Value {
        self.scratch.value(self.get(o, env))
    }

    /// In point mode, only the interval around the day (the arena's top set is replaced in place).
    #[inline]
    fn focus(&self, h: DaysRef, arena: &mut Arena) -> Option<DaysRef> {
        match (self.around, h) {
            (None, h) | (_, h @ ALL) => Some(h),
            (Some(day), h) => {
                let around = arena.sets[h as usize].covering(day)?;
                arena.sets[h as usize] = IntervalSet::from(around);
                Some(h).filter(|_| !arena.sets[h as usize].is_always()).or(Some(ALL))
            }
        }
    }

    fn open(&self, k: usize, days: DaysRef, env: &[Id], arena: &Arena) -> Frame {
        let cursor = match &self.steps[k] {
            CStep::Atom(atom) => self.atom_cursor(k, atom, env),
            CStep::Agg(agg) => match self.aggregate(agg, env) {
                Ok(rows) => Cursor::Agg(rows, 0),
                Err(halt) => {
                    self.failed.set(Some(halt));
                    Cursor::Once(true)
                }
            },
            _ => Cursor::Once(false),
        };
        Frame { days, mark: arena.sets.len() as u32, cursor, parts: None }
    }

    /// The candidate rows of atom step `k`, with the variables bound so far in `env`.
    #[inline]
    fn atom_cursor(&self, k: usize, atom: &AtomStep, env: &[Id]) -> Cursor {
        match (atom.access, atom.rel) {
            (_, None) => Cursor::One(None),
            (Access::Scan | Access::ScanKey, Some(rel)) => {
                let (next, end) = self.range(k, rel.len() as u32);
                Cursor::Rows { next, end, grown: (0, 0) }
            }
            (Access::Delta, _) => {
                let (start, end, grown) = atom.delta;
                let (from, to) = self.range(k, end - start + grown.len() as u32);
                let rows = end - start;
                Cursor::Rows {
                    next: start + from.min(rows),
                    end: start + to.min(rows),
                    grown: (from.saturating_sub(rows), to.saturating_sub(rows)),
                }
            }
            (Access::Find, Some(rel)) => Cursor::One(rel.find(&self.key(&atom.key, env))),
            (Access::Probe(k), Some(rel)) => Cursor::Chain(rel.probe_at(k, &self.key(&atom.key, env))),
        }
    }

    /// The candidates of step `k` to read, out of `all`: a piece's range for the first step.
    fn range(&self, k: usize, all: u32) -> (u32, u32) {
        match self.piece {
            Some((from, to)) if k == 0 => (from.min(all), to.min(all)),
            _ => (0, all),
        }
    }

    /// The next match of step `k`: binds its variables, records its row, returns the days it leaves.
    #[inline]
    fn advance(
        &self,
        k: usize,
        frame: &mut Frame,
        env: &mut [Id],
        rows: &mut [u32],
        arena: &mut Arena,
    ) -> Option<DaysRef> {
        match &self.steps[k] {
            CStep::Atom(atom) => self.next_atom(atom, frame, env, &mut rows[k], arena),
            CStep::Agg(agg) => loop {
                let Cursor::Agg(found, next) = &mut frame.cursor else { return None };
                let row = found.get(*next)?;
                *next += 1;
                for (slot, id) in agg.binds.iter().zip(&row.group) {
                    env[*slot] = *id;
                }
                env[agg.result] = row.value;
                if let Some(days) = arena.meet(frame.days, &row.days).and_then(|d| self.focus(d, arena)) {
                    return Some(days);
                }
            },
            step => {
                if matches!(frame.cursor, Cursor::Once(true)) {
                    return None;
                }
                frame.cursor = Cursor::Once(true);
                self.filter(step, frame.days, env, arena)
            }
        }
    }

    #[inline]
    fn next_atom(
        &self,
        atom: &AtomStep,
        frame: &mut Frame,
        env: &mut [Id],
        matched: &mut u32,
        arena: &mut Arena,
    ) -> Option<DaysRef> {
        let rel = atom.rel?;
        loop {
            if let Some((row, part)) = frame.parts {
                if let Some(days) = self.next_part(atom, rel, row, part, frame, env) {
                    return Some(days);
                }
                frame.parts = None;
            }
            let grown = if matches!(atom.access, Access::Delta) { atom.delta.2 } else { &[] };
            let (row, fresh) = next_candidate(&mut frame.cursor, rel, grown)?;
            let tuple = rel.row(row);
            if matches!(atom.access, Access::Delta | Access::ScanKey)
                && !atom.key_cols.iter().zip(&atom.key).all(|(c, o)| tuple[*c] == self.get(*o, env))
            {
                continue;
            }
            for (col, slot) in &atom.binds {
                env[*slot] = tuple[*col];
            }
            if atom.checks.iter().any(|(col, o)| tuple[*col] != self.get(*o, env)) {
                continue;
            }
            *matched = row;
            if atom.bounds.is_some() {
                frame.parts = Some((row, 0));
                continue;
            }
            let days = match (atom.window, fresh) {
                (None, None) => arena.meet_row(frame.days, rel, row),
                (None, Some(fresh)) => arena.meet(frame.days, fresh),
                (Some(w), fresh) => {
                    let valid = fresh.cloned().unwrap_or_else(|| rel.validity(row));
                    arena.meet(frame.days, &apply_window(w, &valid))
                }
            };
            if let Some(days) = days.and_then(|d| self.focus(d, arena)) {
                return Some(days);
            }
        }
    }

    /// Binds the bounds of the next maximal interval of an interval-bound row; the days are not restricted.
    fn next_part(
        &self,
        atom: &AtomStep,
        rel: &Rel,
        row: u32,
        part: usize,
        frame: &mut Frame,
        env: &mut [Id],
    ) -> Option<DaysRef> {
        let (from, to) = atom.bounds.as_ref()?;
        let validity = match rel.slot(row) {
            ALWAYS => IntervalSet::always(),
            slot => rel.set(slot).clone(),
        };
        let mut part = part;
        while let Some(interval) = validity.intervals().get(part) {
            part += 1;
            frame.parts = Some((row, part));
            if self.bind_bound(from, interval.from, env) && self.bind_bound(to, interval.to, env) {
                return Some(frame.days);
            }
        }
        None
    }

    fn bind_bound(&self, b: &Bound, day: Day, env: &mut [Id]) -> bool {
        let id = self.scratch.intern(Value::Date(day));
        match b {
            Bound::Bind(slot) => {
                env[*slot] = id;
                true
            }
            Bound::Check(o) => self.get(*o, env) == id,
        }
    }

    fn filter(&self, step: &CStep, days: DaysRef, env: &mut [Id], arena: &mut Arena) -> Option<DaysRef> {
        match step {
            CStep::Atom(_) | CStep::Agg(_) => None,
            CStep::Exists { rel, access, key_cols, key } => {
                let key = self.key(key, env);
                match blocking_days(rel.as_ref()?, *access, key_cols, &key) {
                    // Some matching tuple holds on every day.
                    None => Some(days),
                    Some(held) if held.is_empty() => None,
                    Some(held) => arena.meet(days, &held).and_then(|d| self.focus(d, arena)),
                }
            }
            CStep::Not { rel, access, key_cols, key } => {
                let Some(rel) = rel else { return Some(days) };
                let key = self.key(key, env);
                let blocked = blocking_days(rel, *access, key_cols, &key)?;
                arena.minus(days, &blocked).and_then(|d| self.focus(d, arena))
            }
            CStep::Cmp { left, op, right } => {
                compare(self.value(*left, env), *op, self.value(*right, env)).then_some(days)
            }
            CStep::Allen { left, rel, right } => {
                let l = (self.value(left.0, env), self.value(left.1, env));
                let r = (self.value(right.0, env), self.value(right.1, env));
                allen_holds(*rel, l, r).then_some(days)
            }
            CStep::Bind { slot, value } => {
                env[*slot] = self.get(*value, env);
                Some(days)
            }
            CStep::Calc { left, op, right } => {
                let held = arith::holds(left, *op, right, |o| self.value(*o, env));
                self.arith(held.map(|h| h.then_some(())), days)
            }
            CStep::CalcBind { slot, expr } => {
                let value = expr.value(&|o| self.value(*o, env));
                let bound = value.map(|v| v.map(|v| env[*slot] = self.scratch.intern(v)));
                self.arith(bound, days)
            }
        }
    }
}

impl Exec<'_> {
    /// The values of an aggregate for the group slots bound in `env`: its body run once per key (then cached),
    /// its members (the distinct bindings of its local slots) grouped by the group slots it binds, and each
    /// group's step function.
    fn aggregate(&self, agg: &AggStep, env: &[Id]) -> Result<Rc<Vec<AggRow>>, Halt> {
        let key: Vec<Id> = agg.key.iter().map(|v| env[*v]).collect();
        if let Some(rows) = agg.cache.borrow().get(&key) {
            return Ok(rows.clone());
        }
        type Members = BTreeMap<Vec<Id>, (Value, IntervalSet)>;
        let mut groups: BTreeMap<Vec<Id>, Members> = BTreeMap::new();
        if agg.binds.is_empty() {
            groups.insert(Vec::new(), Members::new());
        }
        let mut failed = None;
        agg.body
            .run_from(env.to_vec(), Days::Always, &mut |found| {
                let value = match &agg.over {
                    None => Value::Int(1),
                    Some(over) => match over.value(&|o| self.value(*o, found.env)) {
                        Ok(Some(v)) => v,
                        Ok(None) => return true,
                        Err(error) => {
                            failed = Some(Halt::Arith(error));
                            return false;
                        }
                    },
                };
                let group = agg.binds.iter().map(|v| found.env[*v]).collect();
                let member = agg.local.iter().map(|v| found.env[*v]).collect();
                let days = found.days.cloned().unwrap_or_else(IntervalSet::always);
                let entry = groups.entry(group).or_default().entry(member).or_insert((value, IntervalSet::empty()));
                entry.1 = entry.1.union(&days);
                true
            })
            .map_err(|h| failed.unwrap_or(h))?;
        let mut rows = Vec::new();
        for (group, members) in groups {
            let members: Vec<(Value, IntervalSet)> = members.into_values().collect();
            let steps = super::aggregate::step_function(&members, agg.function, agg.zero).map_err(Halt::Arith)?;
            for (value, days) in steps {
                rows.push(AggRow { group: group.clone(), value: self.scratch.intern(value), days });
            }
        }
        let rows = Rc::new(rows);
        agg.cache.borrow_mut().insert(key, rows.clone());
        Ok(rows)
    }

    /// The days an arithmetic step leaves: all of them when it holds, none when not; an error stops the run.
    fn arith(&self, outcome: Result<Option<()>, ArithError>, days: DaysRef) -> Option<DaysRef> {
        match outcome {
            Ok(held) => held.map(|()| days),
            Err(error) => {
                self.failed.set(Some(Halt::Arith(error)));
                None
            }
        }
    }
}

/// The next candidate row of a cursor, and for a grown delta row the days that are new.
fn next_candidate<'d>(
    cursor: &mut Cursor,
    rel: &Rel,
    grown: &'d [(u32, IntervalSet)],
) -> Option<(u32, Option<&'d IntervalSet>)> {
    match cursor {
        Cursor::Rows { next, end, grown: (from, to) } => {
            if *next < *end {
                *next += 1;
                return Some((*next - 1, None));
            }
            // A delta reads its new rows, then the older rows that gained days.
            *cursor = Cursor::Grown { next: *from, end: *to };
            next_candidate(cursor, rel, grown)
        }
        Cursor::Grown { next, end } => {
            if *next >= *end {
                return None;
            }
            let (row, days) = grown.get(*next as usize)?;
            *next += 1;
            Some((*row, Some(days)))
        }
        Cursor::Chain(chain) => rel.next_in(chain).map(|r| (r, None)),
        Cursor::One(row) => row.take().map(|r| (r, None)),
        Cursor::Once(_) | Cursor::Agg(..) => None,
    }
}

/// The days on which some row matching `key` holds; `None` when one holds always (nothing is left).
fn blocking_days(rel: &Rel, access: Access, key_cols: &[usize], key: &[Id]) -> Option<IntervalSet> {
    let mut parts: Vec<Interval> = Vec::new();
    let mut add = |row: u32| -> bool {
        match rel.slot(row) {
            ALWAYS => false,
            slot => {
                parts.extend_from_slice(rel.set(slot).intervals());
                true
            }
        }
    };
    match access {
        Access::Scan | Access::Delta | Access::ScanKey => {
            for row in 0..rel.len() as u32 {
                let tuple = rel.row(row);
                if key_cols.iter().zip(key).any(|(c, k)| tuple[*c] != *k) {
                    continue;
                }
                if !add(row) {
                    return None;
                }
            }
        }
        Access::Find => {
            if let Some(row) = rel.find(key) {
                if !add(row) {
                    return None;
                }
            }
        }
        Access::Probe(k) => {
            let mut chain = rel.probe_at(k, key);
            while let Some(row) = rel.next_in(&mut chain) {
                if !add(row) {
                    return None;
                }
            }
        }
    }
    Some(IntervalSet::from_intervals(parts))
}
