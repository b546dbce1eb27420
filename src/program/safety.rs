//! Safety: every variable of a head, a negated atom, a comparison or an aggregate's group must be bound by a
//! positive atom of its body (or an equality with a bound side, or an aggregate); an aggregate's body is checked
//! in turn, with the slots injected into it bound.

use super::{Arg, Lit};
use crate::diag::{Code, Diagnostic};
use crate::symbol::Symbol;
use crate::syntax::{CmpOp, Span};

/// The slots bound by the body: those of positive atoms and aggregates, plus `X = <bound or constant>`
/// equalities, to a fixpoint. `pre` are bound before the body runs.
pub fn bound_slots(lits: &[&Lit], n: usize, pre: &[usize]) -> Vec<bool> {
    let mut bound = vec![false; n];
    for v in pre {
        bound[*v] = true;
    }
    for lit in lits {
        match lit {
            Lit::Timed(atom, from, to) => atom.args.iter().chain([from, to]).for_each(|a| mark(a, &mut bound)),
            Lit::Pos(atom) | Lit::Metric(_, _, _, atom) => atom.args.iter().for_each(|a| mark(a, &mut bound)),
            Lit::Agg(agg) => agg.grouped.iter().chain([&agg.result]).for_each(|v| bound[*v] = true),
            _ => {}
        }
    }
    let is_bound = |a: &Arg, bound: &[bool]| matches!(a, Arg::Const(_)) || matches!(a, Arg::Var(v) if bound[*v]);
    loop {
        let mut changed = false;
        for lit in lits {
            if let Lit::Cmp(l, CmpOp::Eq, r) = lit {
                for (a, b) in [(l, r), (r, l)] {
                    if let Arg::Var(v) = a {
                        if !bound[*v] && is_bound(b, &bound) {
                            bound[*v] = true;
                            changed = true;
                        }
                    }
                }
            }
            // `D = S + 30` binds D once every operand of the other side is bound.
            if let Lit::Calc(l, CmpOp::Eq, r) = lit {
                for (a, b) in [(l, r), (r, l)] {
                    if let Some(v) = a.lone_var() {
                        if !bound[v] && b.args().iter().all(|x| is_bound(x, &bound)) {
                            bound[v] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        if !changed {
            return bound;
        }
    }
}

fn mark(arg: &Arg, bound: &mut [bool]) {
    if let Arg::Var(v) = arg {
        bound[*v] = true;
    }
}

fn unsafe_error(name: Symbol, place: &str, file: usize, span: Span) -> Diagnostic {
    let shown = if name.as_str() == "_" { "`_`".to_string() } else { format!("variable `{name}`") };
    Diagnostic::error(Code::UnsafeVariable, format!("{shown} in {place} is not bound by a positive atom of the body"))
        .at(file, span, "unbound here")
        .note("every variable of the head, of a negated atom and of a comparison must occur in a positive atom")
}

/// Reports every variable of the head, of a negated atom or of a comparison that no positive atom binds; `pre`
/// are bound before the body runs (an aggregate's injected slots), and aggregates' bodies are checked in turn.
pub(super) fn check_safety(
    head: Option<(&[Arg], Span, &str)>,
    lits: &[Lit],
    spans: &[Span],
    pre: &[usize],
    names: &[Symbol],
    file: usize,
) -> Vec<Diagnostic> {
    let refs: Vec<&Lit> = lits.iter().collect();
    let bound = bound_slots(&refs, names.len(), pre);
    let mut diags = Vec::new();
    let mut nested = Vec::new();
    let mut reported = vec![false; names.len()];
    let mut report = |args: &[Arg], place: &str, span: Span, allow_wild: bool| {
        for arg in args {
            if let Arg::Var(v) = *arg {
                let wild = names[v].as_str() == "_";
                let excused = bound[v] || reported[v] || (allow_wild && wild);
                if !excused {
                    reported[v] = true;
                    diags.push(unsafe_error(names[v], place, file, span));
                }
            }
        }
    };
    if let Some((args, span, place)) = head {
        report(args, place, span, false);
    }
    for (lit, span) in lits.iter().zip(spans) {
        match lit {
            // `not p(X, _)`: the wildcard means "for no value", which is safe.
            Lit::Neg(atom) => report(&atom.args, "a negated atom", *span, true),
            Lit::Cmp(l, op, r) if *op != CmpOp::Eq => report(&[*l, *r], "a comparison", *span, false),
            Lit::Cmp(l, _, r) => report(&[*l, *r], "an equality", *span, false),
            Lit::Allen(l, _, r) => report(&[l.0, l.1, r.0, r.1], "an Allen relation", *span, false),
            Lit::Calc(l, _, r) => report(&[l.args(), r.args()].concat(), "an expression", *span, false),
            Lit::Agg(agg) => {
                // Inside, the injected slots are bound; the group it binds itself and what it ranges over must
                // be bound by its own body.
                let spans = vec![*span; agg.body.len()];
                let over = agg.over.as_ref().map(|o| o.args()).unwrap_or_default();
                let group: Vec<Arg> = agg.grouped.iter().map(|v| Arg::Var(*v)).chain(over).collect();
                let place = "an aggregate";
                nested.extend(check_safety(Some((&group, *span, place)), &agg.body, &spans, &agg.inject, names, file));
            }
            Lit::Pos(_) | Lit::Metric(..) | Lit::Timed(..) => {}
        }
    }
    diags.extend(nested);
    diags
}
