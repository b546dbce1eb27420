//! Join plans: the body of a rule put in an order where each atom is probed through an index on the columns
//! already bound, negations and comparisons placed as soon as their variables are bound. An atom whose other
//! variables occur nowhere else in the rule is read for existence only (`Exists`), never enumerated; an
//! aggregate runs a plan of its own body once its injected variables are bound.

use super::rel::mask;
use crate::program::{Agg, Arg, AtomPat, Expr, Lit, Rule};
use crate::symbol::Symbol;
use crate::syntax::{Allen, CmpOp, Metric};
use std::cmp::Reverse;
use std::collections::BTreeSet;

/// What an interval-bound variable does when its atom matches: take the bound's value, or compare with it.
#[derive(Clone, Copy, Debug)]
pub enum BoundUse {
    /// The variable of this slot is unbound: the bound's day binds it.
    Bind(usize),
    /// A constant or an already bound variable: the bound's day must equal it.
    Check(Arg),
}

/// One step of a plan, run left to right: each narrows the days and extends the bindings of the steps before.
#[derive(Clone, Debug)]
pub enum Step {
    /// Match a positive atom: probe `pred` on `key` columns (all tuples when `key_mask` is 0), bind `binds`,
    /// check `checks`. `delta` reads only the days new in the last iteration. `window` puts the days through a
    /// metric operator first; `bounds` binds the bounds of each maximal interval instead of restricting the days.
    Atom {
        /// The predicate matched.
        pred: Symbol,
        /// The bound columns, bit `c` for column `c` (see `rel::mask`); 0 for a scan.
        key_mask: u64,
        /// The terms (constants, bound variables) of the bound columns, in column order.
        key: Vec<Arg>,
        /// `(column, arg)`: a repeated variable, bound by an earlier column, that this column must equal.
        checks: Vec<(usize, Arg)>,
        /// `(column, slot)`: the unbound variables this match binds from the tuple.
        binds: Vec<(usize, usize)>,
        /// Read only the days new in the last iteration (the semi-naive delta).
        delta: bool,
        /// A metric operator and its window `[lo, hi]` in days, applied to the tuple's days.
        window: Option<(Metric, i32, i32)>,
        /// What the `from` and `to` of each maximal interval `[from, to)` of the tuple's days do.
        bounds: Option<(BoundUse, BoundUse)>,
    },
    /// Whether `[left.0, left.1)` stands in relation `rel` to `[right.0, right.1)`; keeps all days or none.
    Allen {
        /// The first interval's start and end, both bound.
        left: (Arg, Arg),
        /// The relation tested.
        rel: Allen,
        /// The second interval's start and end, both bound.
        right: (Arg, Arg),
    },
    /// Subtract the days on which some tuple matching the bound columns holds.
    Not {
        /// The negated predicate.
        pred: Symbol,
        /// The bound columns, bit `c` for column `c`; the others (wildcards) match anything.
        key_mask: u64,
        /// The terms (constants, bound variables) of the bound columns, in column order.
        key: Vec<Arg>,
    },
    /// A comparison of two bound terms; it keeps all days or none.
    Cmp {
        /// The left operand.
        left: Arg,
        /// The comparison.
        op: CmpOp,
        /// The right operand.
        right: Arg,
    },
    /// `X = term` with X unbound: bind it.
    Bind {
        /// The slot of X.
        slot: usize,
        /// The bound term X takes.
        value: Arg,
    },
    /// A comparison with date arithmetic (see `arith`).
    Calc {
        /// The left side, every operand bound.
        left: Expr,
        /// The comparison.
        op: CmpOp,
        /// The right side, every operand bound.
        right: Expr,
    },
    /// `D = S + 30` with D unbound: bind it to the expression's value.
    CalcBind {
        /// The slot of D.
        slot: usize,
        /// The expression, every operand bound.
        expr: Expr,
    },
    /// An atom read for existence only (its other variables occur nowhere else): keeps the days on which some
    /// tuple matching the bound columns holds, binds nothing, and yields at most once.
    Exists {
        /// The predicate read.
        pred: Symbol,
        /// The bound columns, bit `c` for column `c`; the others match anything.
        key_mask: u64,
        /// The terms (constants, bound variables) of the bound columns, in column order.
        key: Vec<Arg>,
    },
    /// An aggregate: runs `body` with the `key` slots bound, and yields each group's value with its days.
    Agg {
        /// The aggregate (function, what it ranges over, its slots).
        agg: Box<Agg>,
        /// The group slots bound when it runs (injected, or bound by an earlier literal).
        key: Vec<usize>,
        /// The group slots it binds (one result per group that has members).
        binds: Vec<usize>,
        /// The plan of its body, with the `key` slots bound.
        body: Vec<Step>,
        /// True when a group with no member has count and sum 0 (every group slot was injected).
        zero: bool,
    },
}

/// A rule's body as steps in join order, and the head each match derives.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The rule's index in the program's rules.
    pub rule: u32,
    /// The body's literals, in the order they run.
    pub steps: Vec<Step>,
    /// The head, instantiated with each match's bindings.
    pub head: AtomPat,
    /// The rule's number of variable slots: a match's bindings are this long.
    pub slots: usize,
    /// Where the rule was written, for errors met while running it.
    pub origin: crate::diag::Origin,
}

impl Plan {
    /// The (predicate, mask) pairs this plan probes, so their indexes can be built before it runs.
    pub fn probes(&self) -> impl Iterator<Item = (Symbol, u64)> + '_ {
        let mut out = Vec::new();
        probes(&self.steps, &mut out);
        out.into_iter()
    }

    /// The slots a match binds: what proofs may read from a result's bindings.
    pub fn bound(&self) -> Vec<bool> {
        let mut bound = vec![false; self.slots];
        for step in &self.steps {
            match step {
                Step::Atom { binds, bounds, .. } => {
                    binds.iter().for_each(|(_, s)| bound[*s] = true);
                    for b in bounds.iter().flat_map(|(f, t)| [f, t]) {
                        if let BoundUse::Bind(s) = b {
                            bound[*s] = true;
                        }
                    }
                }
                Step::Bind { slot, .. } | Step::CalcBind { slot, .. } => bound[*slot] = true,
                Step::Agg { agg, binds, .. } => binds.iter().chain([&agg.result]).for_each(|s| bound[*s] = true),
                _ => {}
            }
        }
        bound
    }
}

fn probes(steps: &[Step], out: &mut Vec<(Symbol, u64)>) {
    for step in steps {
        match step {
            Step::Atom { pred, key_mask, .. }
            | Step::Not { pred, key_mask, .. }
            | Step::Exists { pred, key_mask, .. }
                if *key_mask != 0 =>
            {
                out.push((*pred, *key_mask))
            }
            Step::Agg { body, .. } => probes(body, out),
            _ => {}
        }
    }
}

fn is_bound(arg: &Arg, bound: &[bool]) -> bool {
    match arg {
        Arg::Const(_) => true,
        Arg::Var(v) => bound[*v],
    }
}

fn bound_use(arg: Arg, bound: &mut [bool]) -> BoundUse {
    match arg {
        Arg::Var(v) if !bound[v] => {
            bound[v] = true;
            BoundUse::Bind(v)
        }
        other => BoundUse::Check(other),
    }
}

/// The step for any literal that binds: a positive atom, a metric atom or an interval binding.
fn binding_step(lit: &Lit, bound: &mut [bool], delta: bool) -> Step {
    let atom = lit.atom().expect("binding literals read an atom");
    let mut step = atom_step(atom, bound, delta);
    if let Step::Atom { window, bounds, .. } = &mut step {
        match lit {
            Lit::Metric(op, lo, hi, _) => *window = Some((*op, *lo, *hi)),
            Lit::Timed(_, from, to) => *bounds = Some((bound_use(*from, bound), bound_use(*to, bound))),
            _ => {}
        }
    }
    step
}

fn atom_step(atom: &AtomPat, bound: &mut [bool], delta: bool) -> Step {
    let (mut key_cols, mut key, mut checks, mut binds) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (col, arg) in atom.args.iter().enumerate() {
        match arg {
            _ if is_bound(arg, bound) => {
                key_cols.push(col);
                key.push(*arg);
            }
            // A variable repeated within this atom: bound by its first column, checked at the others.
            Arg::Var(v) if binds.iter().any(|(_, s)| s == v) => checks.push((col, *arg)),
            Arg::Var(v) => binds.push((col, *v)),
            Arg::Const(_) => unreachable!("constants are always bound"),
        }
    }
    for (_, slot) in &binds {
        bound[*slot] = true;
    }
    Step::Atom { pred: atom.pred, key_mask: mask(key_cols), key, checks, binds, delta, window: None, bounds: None }
}

/// How many of the atom's arguments are bound now: the planner takes the best-connected atom next.
fn boundness(atom: &AtomPat, bound: &[bool]) -> usize {
    atom.args.iter().filter(|a| is_bound(a, bound)).count()
}

/// A literal waiting for its variables: a filter, an existence check, or an aggregate.
enum Pending<'r> {
    /// A negation, a comparison, an Allen relation, arithmetic, or an aggregate.
    Lit(&'r Lit),
    /// An atom read for existence: its variables in `local` occur nowhere else.
    Exists(&'r AtomPat, Vec<usize>),
}

/// Places every pending literal whose variables are bound, in the order they become ready. A negated atom's
/// wildcards (`_`) stay free: `not p(X, _)` means "for no value".
fn place_filters(
    pending: &mut Vec<Pending>,
    bound: &mut [bool],
    names: &[Symbol],
    steps: &mut Vec<Step>,
    newly_bound: &mut Vec<usize>,
) {
    let wild = |a: &Arg| matches!(a, Arg::Var(v) if names[*v].as_str() == "_");
    loop {
        let ready = pending.iter().position(|p| match p {
            Pending::Exists(atom, local) => {
                atom.args.iter().all(|a| is_bound(a, bound) || a.slot().is_some_and(|v| local.contains(&v)))
            }
            Pending::Lit(lit) => match lit {
                Lit::Neg(atom) => atom.args.iter().all(|a| is_bound(a, bound) || wild(a)),
                Lit::Cmp(l, CmpOp::Eq, r) => is_bound(l, bound) || is_bound(r, bound),
                Lit::Cmp(l, _, r) => is_bound(l, bound) && is_bound(r, bound),
                Lit::Allen(l, _, r) => [l.0, l.1, r.0, r.1].iter().all(|a| is_bound(a, bound)),
                Lit::Calc(l, op, r) => super::arith::readiness(l, *op, r, bound).is_some(),
                Lit::Agg(agg) => agg.inject.iter().all(|v| bound[*v]),
                Lit::Pos(_) | Lit::Metric(..) | Lit::Timed(..) => false,
            },
        });
        let Some(at) = ready else { return };
        let lit = match pending.remove(at) {
            Pending::Exists(atom, _) => {
                let (key_mask, key) = key_of(atom, bound);
                steps.push(Step::Exists { pred: atom.pred, key_mask, key });
                continue;
            }
            Pending::Lit(lit) => lit,
        };
        match lit {
            Lit::Neg(atom) => {
                let (key_mask, key) = key_of(atom, bound);
                steps.push(Step::Not { pred: atom.pred, key_mask, key });
            }
            Lit::Cmp(l, CmpOp::Eq, r) if !is_bound(l, bound) || !is_bound(r, bound) => {
                let (Arg::Var(slot), value) = (if is_bound(l, bound) { (*r, *l) } else { (*l, *r) }) else {
                    unreachable!("an unbound side is a variable")
                };
                bound[slot] = true;
                newly_bound.push(slot);
                steps.push(Step::Bind { slot, value });
            }
            Lit::Cmp(l, op, r) => steps.push(Step::Cmp { left: *l, op: *op, right: *r }),
            Lit::Allen(l, rel, r) => steps.push(Step::Allen { left: *l, rel: *rel, right: *r }),
            Lit::Calc(l, op, r) => {
                let step = calc_step(l, *op, r, bound);
                if let Step::CalcBind { slot, .. } = step {
                    newly_bound.push(slot);
                }
                steps.push(step);
            }
            Lit::Agg(agg) => steps.push(agg_step(agg, bound, names, newly_bound)),
            Lit::Pos(_) | Lit::Metric(..) | Lit::Timed(..) => unreachable!("binding literals are not pending filters"),
        }
    }
}

/// The bound columns of an atom and their terms.
fn key_of(atom: &AtomPat, bound: &[bool]) -> (u64, Vec<Arg>) {
    let cols: Vec<usize> = (0..atom.args.len()).filter(|&c| is_bound(&atom.args[c], bound)).collect();
    let key = cols.iter().map(|&c| atom.args[c]).collect();
    (mask(cols), key)
}

/// The step of an aggregate whose injected slots are bound: its body planned with the bound group slots.
fn agg_step(agg: &Agg, bound: &mut [bool], names: &[Symbol], newly_bound: &mut Vec<usize>) -> Step {
    let group = || agg.inject.iter().chain(&agg.grouped).copied();
    let key: Vec<usize> = group().filter(|v| bound[*v]).collect();
    let binds: Vec<usize> = group().filter(|v| !bound[*v]).collect();
    let mut inner = vec![false; bound.len()];
    key.iter().for_each(|v| inner[*v] = true);
    let body = plan_body(&agg.body, names, &mut inner, None, false, None);
    for v in binds.iter().chain([&agg.result]) {
        bound[*v] = true;
        newly_bound.push(*v);
    }
    Step::Agg { agg: Box::new(agg.clone()), key, binds, body, zero: agg.grouped.is_empty() }
}

/// How many times each slot occurs in the head and the body (inside aggregates too): a slot that occurs once, in
/// one atom, is that atom's alone.
fn occurrences(rule: &Rule) -> Vec<usize> {
    let mut count = vec![0; rule.var_names.len()];
    let mut add = |args: &[Arg]| args.iter().filter_map(Arg::slot).for_each(|v| count[v] += 1);
    add(&rule.head.args);
    fn walk(lits: &[Lit], add: &mut dyn FnMut(&[Arg])) {
        for lit in lits {
            match lit {
                Lit::Pos(a) | Lit::Neg(a) | Lit::Metric(_, _, _, a) => add(&a.args),
                Lit::Timed(a, f, t) => {
                    add(&a.args);
                    add(&[*f, *t]);
                }
                Lit::Cmp(l, _, r) => add(&[*l, *r]),
                Lit::Allen(l, _, r) => add(&[l.0, l.1, r.0, r.1]),
                Lit::Calc(l, _, r) => add(&[l.args(), r.args()].concat()),
                Lit::Agg(agg) => {
                    add(&[Arg::Var(agg.result)]);
                    add(&agg.over.as_ref().map(|o| o.args()).unwrap_or_default());
                    walk(&agg.body, add);
                }
            }
        }
    }
    walk(&rule.body, &mut add);
    count
}

/// The variables of a positive atom that occur nowhere else, when the atom can be read for existence: another
/// binding literal of the body (or the bindings before it) binds each of its other variables, and no variable of
/// its own repeats within it. `binders[v]` counts the binding literals that hold `v`. (A variable bound only
/// through an equality keeps the atom a join: conservative, and linear in the body's width.)
fn existential(body: &[Lit], k: usize, used: &[usize], pre: &[bool], binders: &[usize]) -> Option<Vec<usize>> {
    let Lit::Pos(atom) = &body[k] else { return None };
    let slots: Vec<usize> = atom.args.iter().filter_map(Arg::slot).collect();
    let local: Vec<usize> = slots.iter().copied().filter(|v| used[*v] == 1).collect();
    if local.is_empty() {
        return None;
    }
    let mine = |v: usize| slots.iter().filter(|s| **s == v).count().min(1);
    slots.iter().all(|v| local.contains(v) || pre[*v] || binders[*v] > mine(*v)).then_some(local)
}

/// How many binding literals of `body` hold each slot.
fn binders(body: &[Lit], slots: usize) -> Vec<usize> {
    let mut count = vec![0; slots];
    for lit in body.iter().filter(|l| l.binds()) {
        let mut seen: Vec<usize> = match lit {
            Lit::Timed(a, f, t) => a.args.iter().chain([f, t]).filter_map(Arg::slot).collect(),
            other => other.atom().map(|a| a.args.iter().filter_map(Arg::slot).collect()).unwrap_or_default(),
        };
        seen.sort_unstable();
        seen.dedup();
        seen.into_iter().for_each(|v| count[v] += 1);
    }
    count
}

/// Plans `rule` with the positive atom at body position `first` (if any) read first, as the delta when `delta`.
pub fn plan(rule: &Rule, rule_id: u32, first: Option<usize>, delta: bool) -> Plan {
    let slots = rule.var_names.len();
    let used = occurrences(rule);
    let steps = plan_body(&rule.body, &rule.var_names, &mut vec![false; slots], first, delta, Some(&used));
    Plan { rule: rule_id, steps, head: rule.head.clone(), slots, origin: rule.origin }
}

/// Plans a body with `bound` bound already. With `used` (a rule's occurrence counts), atoms whose other variables
/// occur nowhere else become existence checks; an aggregate's body is planned without, since its variables are
/// what it counts.
fn plan_body(
    body: &[Lit],
    names: &[Symbol],
    bound: &mut Vec<bool>,
    first: Option<usize>,
    delta: bool,
    used: Option<&[usize]>,
) -> Vec<Step> {
    let slots = bound.len();
    let mut steps = Vec::new();
    let mut holders = if used.is_some() { binders(body, slots) } else { Vec::new() };
    // Decided in body order: an atom read for existence binds nothing, so it stops counting as a binder of its
    // variables. (Decided all at once, `d(X) :- b(X, Z), c(_, X).` made both atoms checks that each relied on the
    // other to bind `X`, and the head was written with `X` unbound: found by the eval_diff fuzzer.)
    let exists: Vec<Option<Vec<usize>>> = (0..body.len())
        .map(|k| {
            let local = used.filter(|_| Some(k) != first).and_then(|used| existential(body, k, used, bound, &holders));
            if let (Some(_), Lit::Pos(atom)) = (&local, &body[k]) {
                let mut held: Vec<usize> = atom.args.iter().filter_map(Arg::slot).collect();
                held.sort_unstable();
                held.dedup();
                held.into_iter().for_each(|v| holders[v] -= 1);
            }
            local
        })
        .collect();
    let positives: Vec<&Lit> =
        body.iter().enumerate().filter(|(k, l)| l.binds() && exists[*k].is_none()).map(|(_, l)| l).collect();
    let mut pending: Vec<Pending> = body
        .iter()
        .enumerate()
        .filter_map(|(k, l)| match (&exists[k], l) {
            (Some(local), Lit::Pos(atom)) => Some(Pending::Exists(atom, local.clone())),
            (None, l) if !l.binds() => Some(Pending::Lit(l)),
            _ => None,
        })
        .collect();
    let at: Vec<usize> = (0..body.len()).filter(|k| body[*k].binds() && exists[*k].is_none()).collect();
    // The greedy order (most bound arguments first, then body order) kept in a set ordered by score, and only
    // the atoms that share a variable just bound are rescored: planning a body of n atoms is O(n log n), not
    // O(n^2) (a body of 20,000 atoms took seconds).
    let atom = |k: usize| positives[k].atom().expect("binding literal");
    let mut by_var: Vec<Vec<usize>> = vec![Vec::new(); slots];
    for k in 0..positives.len() {
        for arg in &atom(k).args {
            if let Arg::Var(v) = arg {
                by_var[*v].push(k);
            }
        }
    }
    if first.is_none() {
        place_filters(&mut pending, bound, names, &mut steps, &mut Vec::new());
    }
    let mut score: Vec<usize> = (0..positives.len()).map(|k| boundness(atom(k), bound)).collect();
    type Queue = BTreeSet<(usize, Reverse<usize>)>;
    let mut queue: Queue = (0..positives.len()).map(|k| (score[k], Reverse(k))).collect();
    let mut seen = vec![false; slots];
    let mut newly_bound = Vec::new();
    let mut take = |k: usize, delta: bool, steps: &mut Vec<Step>, bound: &mut Vec<bool>, queue: &mut Queue| {
        queue.remove(&(score[k], Reverse(k)));
        steps.push(binding_step(positives[k], bound, delta));
        newly_bound.extend(atom(k).args.iter().filter_map(|a| if let Arg::Var(v) = a { Some(*v) } else { None }));
        place_filters(&mut pending, bound, names, steps, &mut newly_bound);
        for v in newly_bound.drain(..) {
            if !bound[v] || std::mem::replace(&mut seen[v], true) {
                continue;
            }
            for &other in &by_var[v] {
                if queue.remove(&(score[other], Reverse(other))) {
                    score[other] = boundness(atom(other), bound);
                    queue.insert((score[other], Reverse(other)));
                }
            }
        }
    };
    if let Some(first) = first {
        let k = at.iter().position(|&p| p == first).expect("first is a positive atom");
        take(k, delta, &mut steps, bound, &mut queue);
    }
    while let Some(&(_, Reverse(k))) = queue.last() {
        take(k, false, &mut steps, bound, &mut queue);
    }
    // Safety guarantees every filter's variables are bound by now.
    place_filters(&mut pending, bound, names, &mut steps, &mut Vec::new());
    steps
}

/// The step of a ready arithmetic literal, marking what it binds.
fn calc_step(l: &Expr, op: CmpOp, r: &Expr, bound: &mut [bool]) -> Step {
    match super::arith::readiness(l, op, r, bound).flatten() {
        Some((slot, expr)) => {
            let expr = expr.clone();
            bound[slot] = true;
            Step::CalcBind { slot, expr }
        }
        None => Step::Calc { left: l.clone(), op, right: r.clone() },
    }
}
