//! Aggregates in rule bodies: which slots are an aggregate's group (shared with the rest of the rule), which of
//! them the rest of the body binds (injected), and which are its members (local). Worked out once the whole rule
//! is checked, since a slot is shared when it occurs anywhere outside the aggregate, head included.

use super::safety::bound_slots;
use super::{Agg, Expr, Lit};
use crate::syntax::AggregateCall;
use std::collections::BTreeSet;

/// An aggregate whose group is not worked out yet (see `resolve`).
pub(super) fn unresolved(call: &AggregateCall, over: Option<Expr>, body: Vec<Lit>, result: usize) -> Agg {
    Agg {
        function: call.function,
        over,
        body,
        result,
        inject: Vec::new(),
        grouped: Vec::new(),
        local: Vec::new(),
        text: call.show(),
    }
}

/// What surrounds a body: the slots that occur outside it, and those bound before it runs.
pub(super) struct Scoped {
    /// Slots occurring outside the body (the head, the enclosing literals).
    pub outside: BTreeSet<usize>,
    /// Slots bound before the body runs: an enclosing aggregate's injected slots.
    pub pre: Vec<usize>,
}

/// Every slot a literal mentions, inside aggregates too.
fn slots_of(lit: &Lit, out: &mut BTreeSet<usize>) {
    let args = match lit {
        Lit::Pos(a) | Lit::Neg(a) | Lit::Metric(_, _, _, a) => a.args.clone(),
        Lit::Timed(a, from, to) => a.args.iter().chain([from, to]).copied().collect(),
        Lit::Cmp(l, _, r) => vec![*l, *r],
        Lit::Allen(l, _, r) => vec![l.0, l.1, r.0, r.1],
        Lit::Calc(l, _, r) => [l.args(), r.args()].concat(),
        Lit::Agg(agg) => {
            out.insert(agg.result);
            inside(agg, out);
            Vec::new()
        }
    };
    out.extend(args.iter().filter_map(|a| a.slot()));
}

/// The slots of an aggregate's body and of what it ranges over (not its result).
fn inside(agg: &Agg, out: &mut BTreeSet<usize>) {
    for lit in &agg.body {
        slots_of(lit, out);
    }
    out.extend(agg.over.iter().flat_map(|o| o.args()).filter_map(|a| a.slot()));
}

/// The slots a body level shows its aggregate: those of its literals, and of a nested aggregate only its result
/// and its group (its members stay its own).
fn exposed(body: &[Lit], out: &mut BTreeSet<usize>) {
    for lit in body {
        match lit {
            Lit::Agg(agg) => {
                out.insert(agg.result);
                out.extend(agg.inject.iter().chain(&agg.grouped));
            }
            other => slots_of(other, out),
        }
    }
}

/// Works out, for every aggregate of `lits` (nested ones included), its injected, grouped and local slots.
pub(super) fn resolve(lits: &mut [Lit], scope: &Scoped, slots: usize) {
    let all: Vec<BTreeSet<usize>> = lits
        .iter()
        .map(|l| {
            let mut s = BTreeSet::new();
            slots_of(l, &mut s);
            s
        })
        .collect();
    for i in 0..lits.len() {
        if !matches!(lits[i], Lit::Agg(_)) {
            continue;
        }
        let mut outside = scope.outside.clone();
        for (j, set) in all.iter().enumerate() {
            if j != i {
                outside.extend(set);
            }
        }
        let others: Vec<&Lit> = lits.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, l)| l).collect();
        let bound = bound_slots(&others, slots, &scope.pre);
        let Lit::Agg(agg) = &mut lits[i] else { continue };
        if let Some(result) = Some(agg.result) {
            outside.remove(&result);
        }
        let mut mine = BTreeSet::new();
        inside(agg, &mut mine);
        let group: Vec<usize> = mine.intersection(&outside).copied().collect();
        agg.inject = group.iter().copied().filter(|v| bound[*v]).collect();
        agg.grouped = group.iter().copied().filter(|v| !bound[*v]).collect();
        // Inside, everything outside this aggregate is outside, and its injected slots are bound first.
        let mut nested_outside = outside.clone();
        nested_outside.extend(agg.over.iter().flat_map(|o| o.args()).filter_map(|a| a.slot()));
        let inner = Scoped { outside: nested_outside, pre: agg.inject.clone() };
        resolve(&mut agg.body, &inner, slots);
        let mut members = BTreeSet::new();
        exposed(&agg.body, &mut members);
        agg.local = members.into_iter().filter(|v| !group.contains(v)).collect();
    }
}
