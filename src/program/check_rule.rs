//! Rules and queries: variables to slots, arity against the known predicates, and safety.

use super::{Arg, AtomPat, Expr, Lit, PredInfo, Rule};
use crate::diag::Origin;
use crate::diag::{Code, Diagnostic};
use crate::symbol::Symbol;
use crate::syntax::{self, Atom, CmpOp, Literal, Span, Term, TermKind};
use std::collections::BTreeMap;

pub type Preds = BTreeMap<Symbol, PredInfo>;

/// Numbers variables in order of first appearance; each `_` gets a fresh slot.
#[derive(Default)]
struct Slots {
    names: Vec<Symbol>,
}

impl Slots {
    fn arg(&mut self, term: &Term) -> Arg {
        match &term.kind {
            TermKind::Const(v) => Arg::Const(*v),
            TermKind::Var(name) => match self.names.iter().position(|n| n == name) {
                Some(slot) => Arg::Var(slot),
                None => self.fresh(*name),
            },
            TermKind::Wildcard => self.fresh(Symbol::from("_")),
        }
    }

    fn fresh(&mut self, name: Symbol) -> Arg {
        self.names.push(name);
        Arg::Var(self.names.len() - 1)
    }
}

/// Records the arity of a predicate at its first use, and reports any later use with another arity.
pub fn check_arity(preds: &mut Preds, atom: &Atom, file: usize, diags: &mut Vec<Diagnostic>) -> bool {
    let origin = Origin { file, span: atom.span };
    match preds.get(&atom.pred) {
        Some(info) if info.arity != atom.args.len() => {
            diags.push(
                Diagnostic::error(
                    Code::ArityMismatch,
                    format!("`{}` takes {} argument(s), here it has {}", atom.pred, info.arity, atom.args.len()),
                )
                .at(file, atom.span, format!("{} argument(s)", atom.args.len()))
                .also(
                    info.origin.file,
                    info.origin.span,
                    format!("`{}/{}` first defined here", atom.pred, info.arity),
                ),
            );
            false
        }
        Some(_) => true,
        None => {
            let info = PredInfo { arity: atom.args.len(), params: Vec::new(), meaning: None, origin };
            preds.insert(atom.pred, info);
            true
        }
    }
}

fn expr(slots: &mut Slots, e: &syntax::Expr) -> Expr {
    Expr { first: slots.arg(&e.first), rest: e.rest.iter().map(|(op, t)| (*op, slots.arg(t))).collect() }
}

fn atom_pat(slots: &mut Slots, atom: &Atom) -> AtomPat {
    AtomPat { pred: atom.pred, args: atom.args.iter().map(|t| slots.arg(t)).collect() }
}

struct Body {
    lits: Vec<Lit>,
    spans: Vec<Span>,
}

fn check_body(
    body: &[Literal],
    slots: &mut Slots,
    preds: &mut Preds,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Body> {
    let mut ok = true;
    let mut out = Body { lits: Vec::new(), spans: Vec::new() };
    for literal in body {
        let (lit, span) = match literal {
            Literal::Pos(atom) => {
                ok &= check_arity(preds, atom, file, diags);
                (Lit::Pos(atom_pat(slots, atom)), atom.span)
            }
            Literal::Neg(atom) => {
                ok &= check_arity(preds, atom, file, diags);
                (Lit::Neg(atom_pat(slots, atom)), atom.span)
            }
            Literal::Cmp { left, op, right, span } => (Lit::Cmp(slots.arg(left), *op, slots.arg(right)), *span),
            Literal::Calc { left, op, right, span } => (Lit::Calc(expr(slots, left), *op, expr(slots, right)), *span),
            Literal::Metric { op, lo, hi, atom, span } => {
                ok &= check_arity(preds, atom, file, diags);
                (Lit::Metric(*op, *lo, *hi, atom_pat(slots, atom)), *span)
            }
            Literal::Timed { atom, from, to, span } => {
                ok &= check_arity(preds, atom, file, diags);
                let pat = atom_pat(slots, atom);
                (Lit::Timed(pat, slots.arg(from), slots.arg(to)), *span)
            }
            Literal::Allen { left, rel, right, span } => {
                let l = (slots.arg(&left.0), slots.arg(&left.1));
                let r = (slots.arg(&right.0), slots.arg(&right.1));
                (Lit::Allen(l, *rel, r), *span)
            }
        };
        out.lits.push(lit);
        out.spans.push(span);
    }
    ok.then_some(out)
}

/// The slots bound by the body: those of positive atoms, plus `X = <bound or constant>` equalities, to a fixpoint.
fn bound_slots(lits: &[Lit], n: usize) -> Vec<bool> {
    let mut bound = vec![false; n];
    for lit in lits.iter().filter(|l| l.binds()) {
        let atom = lit.atom().expect("binding literals read an atom");
        let mut args = atom.args.clone();
        if let Lit::Timed(_, from, to) = lit {
            args.extend([*from, *to]);
        }
        for arg in &args {
            if let Arg::Var(v) = arg {
                bound[*v] = true;
            }
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
                        if !bound[v] && b.args().all(|x| is_bound(x, &bound)) {
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

fn unsafe_error(name: Symbol, place: &str, file: usize, span: Span) -> Diagnostic {
    let shown = if name.as_str() == "_" { "`_`".to_string() } else { format!("variable `{name}`") };
    Diagnostic::error(Code::UnsafeVariable, format!("{shown} in {place} is not bound by a positive atom of the body"))
        .at(file, span, "unbound here")
        .note("every variable of the head, of a negated atom and of a comparison must occur in a positive atom")
}

/// Reports every variable of the head, of a negated atom or of a comparison that no positive atom binds.
fn check_safety(head: Option<(&AtomPat, Span)>, body: &Body, names: &[Symbol], file: usize) -> Vec<Diagnostic> {
    let bound = bound_slots(&body.lits, names.len());
    let mut diags = Vec::new();
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
    if let Some((head, span)) = head {
        report(&head.args, "the head", span, false);
    }
    for (lit, span) in body.lits.iter().zip(&body.spans) {
        match lit {
            // `not p(X, _)`: the wildcard means "for no value", which is safe.
            Lit::Neg(atom) => report(&atom.args, "a negated atom", *span, true),
            Lit::Cmp(l, op, r) if *op != CmpOp::Eq => report(&[*l, *r], "a comparison", *span, false),
            Lit::Cmp(l, _, r) => report(&[*l, *r], "an equality", *span, false),
            Lit::Allen(l, _, r) => report(&[l.0, l.1, r.0, r.1], "an Allen relation", *span, false),
            Lit::Calc(l, _, r) => {
                report(&l.args().chain(r.args()).copied().collect::<Vec<_>>(), "an expression", *span, false)
            }
            Lit::Pos(_) | Lit::Metric(..) | Lit::Timed(..) => {}
        }
    }
    diags
}

/// The static type check of the body's arithmetic (see `expr`).
fn check_types(body: &Body, written: &[Literal], slots: usize, file: usize) -> Vec<Diagnostic> {
    let written: Vec<(&Literal, Span)> = written.iter().zip(&body.spans).map(|(l, s)| (l, *s)).collect();
    super::expr::check_types(&body.lits, &written, slots, file)
}

/// Checks a rule (arities, safety, arithmetic types) and numbers its variables; `text` is the rule as written.
/// Registers the arity of predicates used for the first time in `preds`; errors come all together.
pub fn check_rule(rule: &syntax::Rule, text: &str, preds: &mut Preds, file: usize) -> Result<Rule, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut slots = Slots::default();
    let arity_ok = check_arity(preds, &rule.head, file, &mut diags);
    let head = atom_pat(&mut slots, &rule.head);
    let body = check_body(&rule.body, &mut slots, preds, file, &mut diags);
    let (Some(body), true) = (body, arity_ok) else { return Err(diags) };
    diags.extend(check_safety(Some((&head, rule.head.span)), &body, &slots.names, file));
    diags.extend(check_types(&body, &rule.body, slots.names.len(), file));
    if !diags.is_empty() {
        return Err(diags);
    }
    let origin = Origin { file, span: rule.span };
    Ok(Rule { head, body: body.lits, var_names: slots.names, text: text.to_string(), origin })
}

/// A query becomes a rule whose head lists the query's named variables, in order of first appearance.
pub fn check_query(body: &[Literal], span: Span, preds: &mut Preds, file: usize) -> Result<Rule, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut slots = Slots::default();
    let Some(checked) = check_body(body, &mut slots, preds, file, &mut diags) else { return Err(diags) };
    diags.extend(check_safety(None, &checked, &slots.names, file));
    diags.extend(check_types(&checked, body, slots.names.len(), file));
    if !diags.is_empty() {
        return Err(diags);
    }
    let named: Vec<Arg> =
        (0..slots.names.len()).filter(|&v| !slots.names[v].as_str().starts_with('_')).map(Arg::Var).collect();
    let head = AtomPat { pred: Symbol::from("?query"), args: named };
    Ok(Rule { head, body: checked.lits, var_names: slots.names, text: String::new(), origin: Origin { file, span } })
}
