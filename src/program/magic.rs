//! Demand: the magic-sets rewriting of the rules for one goal with bound arguments (`path(0, Y)`), so that
//! evaluation derives only what the goal can use. Each derived predicate read with some arguments bound gets an
//! adorned copy (`path@bf`: b for a bound column, f for a free one) whose rules are guarded by a magic predicate
//! (`path@bf?`) holding the bound values demanded; magic rules pass demand sideways, left to right through each
//! body. A literal that needs its predicate complete (negation, a window, an interval binding, an aggregate)
//! reads the original predicate, evaluated in full, so the rewritten program stratifies whenever the original
//! does. The magic predicates hold on every day (`magic` lists them): demand is a set of values, not of days, so
//! an adorned fact holds on exactly the days the original does.

use super::{dependencies, Arg, AtomPat, Lit, Rule};
use crate::symbol::Symbol;
use crate::value::Value;
use std::collections::BTreeSet;

/// The rewritten program for one goal.
#[derive(Debug)]
pub struct Demand {
    /// The adorned and magic rules, then the original rules of every predicate read in full.
    pub rules: Vec<Rule>,
    /// The magic predicates (they hold on every day).
    pub magic: Vec<Symbol>,
    /// The seed: the goal's magic predicate and its bound values.
    pub seed: (Symbol, Vec<Value>),
    /// The adorned predicate that holds the goal's answers (with the goal's arity).
    pub answer: Symbol,
}

fn adorned(pred: Symbol, adornment: &str) -> Symbol {
    Symbol::from(format!("{pred}@{adornment}").as_str())
}

fn magic(pred: Symbol, adornment: &str) -> Symbol {
    Symbol::from(format!("{pred}@{adornment}?").as_str())
}

fn bound_args(args: &[Arg], adornment: &str) -> Vec<Arg> {
    args.iter().zip(adornment.chars()).filter(|(_, c)| *c == 'b').map(|(a, _)| *a).collect()
}

/// The adornment of an atom under `bound`: `b` for a constant or a bound variable, `f` otherwise.
fn adornment_of(atom: &AtomPat, bound: &[bool]) -> String {
    atom.args.iter().map(|a| if a.slot().is_none_or(|v| bound[v]) { 'b' } else { 'f' }).collect()
}

/// Marks what a literal binds, for passing demand on: the atoms of binding literals, and an equality's
/// unbound side once the other is bound. (Negations, comparisons and aggregates bind nothing here.)
fn mark(lit: &Lit, bound: &mut [bool]) {
    let mut set = |a: &Arg| {
        if let Some(v) = a.slot() {
            bound[v] = true;
        }
    };
    match lit {
        Lit::Pos(a) | Lit::Metric(_, _, _, a) => a.args.iter().for_each(&mut set),
        Lit::Timed(a, f, t) => a.args.iter().chain([f, t]).for_each(&mut set),
        _ => {}
    }
    let is = |a: &Arg, bound: &[bool]| a.slot().is_none_or(|v| bound[v]);
    match lit {
        Lit::Cmp(l, crate::syntax::CmpOp::Eq, r) if is(l, bound) || is(r, bound) => {
            [l, r].into_iter().filter_map(Arg::slot).for_each(|v| bound[v] = true)
        }
        Lit::Calc(l, crate::syntax::CmpOp::Eq, r) => {
            for (side, other) in [(l, r), (r, l)] {
                if let Some(v) = side.lone_var() {
                    if other.args().iter().all(|a| is(a, bound)) {
                        bound[v] = true;
                    }
                }
            }
        }
        _ => {}
    }
}

/// The rewriting of `rules` for the goal `pred(args)`, its constants bound, with the predicates `also` (the rest
/// of a query) read in full; `None` when the goal binds nothing.
pub fn rewrite(rules: &[Rule], pred: Symbol, args: &[Option<Value>], also: &[Symbol]) -> Option<Demand> {
    let derived: BTreeSet<Symbol> = rules.iter().map(|r| r.head.pred).collect();
    let goal_adornment: String = args.iter().map(|a| if a.is_some() { 'b' } else { 'f' }).collect();
    if !derived.contains(&pred) || !goal_adornment.contains('b') {
        return None;
    }
    let mut out = Vec::new();
    let mut full: Vec<Symbol> = also.iter().copied().filter(|p| derived.contains(p)).collect();
    let mut done: BTreeSet<(Symbol, String)> = BTreeSet::new();
    let mut pending = vec![(pred, goal_adornment.clone())];
    while let Some((p, adornment)) = pending.pop() {
        if !done.insert((p, adornment.clone())) {
            continue;
        }
        for rule in rules.iter().filter(|r| r.head.pred == p) {
            let mut bound = vec![false; rule.var_names.len()];
            for arg in bound_args(&rule.head.args, &adornment) {
                if let Some(v) = arg.slot() {
                    bound[v] = true;
                }
            }
            let guard = Lit::Pos(AtomPat { pred: magic(p, &adornment), args: bound_args(&rule.head.args, &adornment) });
            let mut body = vec![guard.clone()];
            for lit in &rule.body {
                let rewritten = match lit {
                    Lit::Pos(atom) if derived.contains(&atom.pred) => {
                        let ad = adornment_of(atom, &bound);
                        if ad.contains('b') {
                            // Demand for this atom: what the guard and the literals before it bind.
                            let head = AtomPat { pred: magic(atom.pred, &ad), args: bound_args(&atom.args, &ad) };
                            let magic_body: Vec<Lit> = body
                                .iter()
                                .filter(|l: &&Lit| !matches!(l, Lit::Neg(_) | Lit::Agg(_)))
                                .cloned()
                                .collect();
                            out.push(Rule { head, body: magic_body, ..rule.clone() });
                            pending.push((atom.pred, ad.clone()));
                            Lit::Pos(AtomPat { pred: adorned(atom.pred, &ad), args: atom.args.clone() })
                        } else {
                            full.push(atom.pred);
                            lit.clone()
                        }
                    }
                    other => {
                        full.extend(other.atoms().iter().map(|(a, _)| a.pred).filter(|p| derived.contains(p)));
                        other.clone()
                    }
                };
                mark(&rewritten, &mut bound);
                body.push(rewritten);
            }
            let head = AtomPat { pred: adorned(p, &adornment), args: rule.head.args.clone() };
            out.push(Rule { head, body, ..rule.clone() });
        }
    }
    // The predicates read in full keep their own rules (and those of what they read).
    let originals = dependencies(rules, &full);
    out.extend(rules.iter().filter(|r| originals.contains(&r.head.pred)).cloned());
    let magic_preds: Vec<Symbol> = done.iter().map(|(p, a)| magic(*p, a)).collect();
    let seed = (magic(pred, &goal_adornment), args.iter().flatten().copied().collect());
    Some(Demand { rules: out, magic: magic_preds, seed, answer: adorned(pred, &goal_adornment) })
}
