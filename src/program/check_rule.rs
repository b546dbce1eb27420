//! Rules and queries: variables to slots, arity against the known predicates, aggregates taken out of their
//! expressions (`aggregate`), and safety.

use super::aggregate::{self, Scoped};
use super::safety::check_safety;
use super::{Arg, AtomPat, Expr, Lit, PredInfo, Rule};
use crate::diag::Origin;
use crate::diag::{Code, Diagnostic};
use crate::symbol::Symbol;
use crate::syntax::{self, Atom, ExprKind, Literal, Span, Term, TermKind};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Every predicate known, by name.
pub type Preds = BTreeMap<Symbol, PredInfo>;

/// The predicates a check reads, and records a first use in: the table itself, or a copy-on-write view of one
/// (`Cow`), so that checking a query against the kb's table copies nothing unless the query names a predicate the
/// table does not know.
pub trait PredTable {
    /// The predicate named `name`.
    fn info(&self, name: Symbol) -> Option<&PredInfo>;
    /// Records `name`'s first use.
    fn record(&mut self, name: Symbol, info: PredInfo);
}

impl PredTable for Preds {
    fn info(&self, name: Symbol) -> Option<&PredInfo> {
        self.get(&name)
    }

    fn record(&mut self, name: Symbol, info: PredInfo) {
        self.insert(name, info);
    }
}

impl PredTable for Cow<'_, Preds> {
    fn info(&self, name: Symbol) -> Option<&PredInfo> {
        self.get(&name)
    }

    fn record(&mut self, name: Symbol, info: PredInfo) {
        self.to_mut().insert(name, info);
    }
}

/// Numbers variables in order of first appearance; each `_` gets a fresh slot.
#[derive(Default)]
pub(super) struct Slots {
    pub(super) names: Vec<Symbol>,
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

    pub(super) fn fresh(&mut self, name: Symbol) -> Arg {
        self.names.push(name);
        Arg::Var(self.names.len() - 1)
    }
}

/// Records the arity of a predicate at its first use, and reports any later use with another arity.
pub fn check_arity(preds: &mut dyn PredTable, atom: &Atom, file: usize, diags: &mut Vec<Diagnostic>) -> bool {
    let origin = Origin { file, span: atom.span };
    match preds.info(atom.pred) {
        Some(info) if info.arity != atom.args.len() => {
            diags.push(
                Diagnostic::error(
                    Code::ArityMismatch,
                    format!(
                        "`{}` takes {}, here it has {}",
                        atom.pred,
                        crate::diag::plural(info.arity, "argument"),
                        atom.args.len()
                    ),
                )
                .at(file, atom.span, crate::diag::plural(atom.args.len(), "argument"))
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
            preds.record(atom.pred, info);
            true
        }
    }
}

fn atom_pat(slots: &mut Slots, atom: &Atom) -> AtomPat {
    AtomPat { pred: atom.pred, args: atom.args.iter().map(|t| slots.arg(t)).collect() }
}

/// A checked body: its literals, the span of each, and every checked literal with its written form (those of
/// aggregates' bodies too), for the type check.
pub(super) struct Body<'w> {
    pub(super) lits: Vec<Lit>,
    pub(super) spans: Vec<Span>,
    pub(super) written: Vec<(Lit, &'w Literal, Span)>,
}

/// What checking a body needs as it goes: the slots, the known predicates, where, and the errors found.
pub(super) struct Checker<'p> {
    /// The statement as written and the offset it starts at, to quote aggregates in proofs.
    pub(super) source: Option<(&'p str, usize)>,
    pub(super) slots: Slots,
    pub(super) preds: &'p mut dyn PredTable,
    pub(super) file: usize,
    pub(super) diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// An expression, each aggregate in it checked into `aggs` and replaced by the slot of its value.
    fn expr<'w>(
        &mut self,
        e: &'w syntax::Expr,
        aggs: &mut Vec<(Lit, Span)>,
        written: &mut Vec<(Lit, &'w Literal, Span)>,
    ) -> Expr {
        match &e.kind {
            ExprKind::Term(t) => Expr::Arg(self.slots.arg(t)),
            ExprKind::Neg(inner) => Expr::Neg(Box::new(self.expr(inner, aggs, written))),
            ExprKind::Bin(a, op, b) => {
                let a = self.expr(a, aggs, written);
                Expr::Bin(Box::new(a), *op, Box::new(self.expr(b, aggs, written)))
            }
            ExprKind::Agg(call) => {
                let over = call.over.as_ref().map(|o| self.expr(o, aggs, written));
                let body = self.body(&call.body);
                written.extend(body.written);
                let Arg::Var(result) = self.slots.fresh(Symbol::from(format!("_{}", call.function.name()).as_str()))
                else {
                    unreachable!("a fresh slot is a variable")
                };
                let mut agg = aggregate::unresolved(call, over, body.lits, result);
                let written = self.source.and_then(|(text, base)| {
                    text.get(call.span.start.checked_sub(base)?..call.span.end.checked_sub(base)?)
                });
                if let Some(written) = written {
                    agg.text = syntax::one_line(written);
                }
                aggs.push((Lit::Agg(Box::new(agg)), call.span));
                Expr::Arg(Arg::Var(result))
            }
        }
    }

    /// Checks the literals of a body, in order; an aggregate comes out as its own literal, just before the
    /// comparison it stood in.
    pub(super) fn body<'w>(&mut self, body: &'w [Literal]) -> Body<'w> {
        let mut out = Body { lits: Vec::new(), spans: Vec::new(), written: Vec::new() };
        for literal in body {
            let mut aggs = Vec::new();
            let (lit, span) = match literal {
                Literal::Pos(atom) => {
                    check_arity(self.preds, atom, self.file, &mut self.diags);
                    (Lit::Pos(atom_pat(&mut self.slots, atom)), atom.span)
                }
                Literal::Neg(atom) => {
                    check_arity(self.preds, atom, self.file, &mut self.diags);
                    (Lit::Neg(atom_pat(&mut self.slots, atom)), atom.span)
                }
                Literal::Cmp { left, op, right, span } => {
                    (Lit::Cmp(self.slots.arg(left), *op, self.slots.arg(right)), *span)
                }
                Literal::Calc { left, op, right, span } => {
                    let l = self.expr(left, &mut aggs, &mut out.written);
                    (Lit::Calc(l, *op, self.expr(right, &mut aggs, &mut out.written)), *span)
                }
                Literal::Metric { op, lo, hi, atom, span } => {
                    check_arity(self.preds, atom, self.file, &mut self.diags);
                    (Lit::Metric(*op, *lo, *hi, atom_pat(&mut self.slots, atom)), *span)
                }
                Literal::Timed { atom, from, to, span } => {
                    check_arity(self.preds, atom, self.file, &mut self.diags);
                    let pat = atom_pat(&mut self.slots, atom);
                    (Lit::Timed(pat, self.slots.arg(from), self.slots.arg(to)), *span)
                }
                Literal::Allen { left, rel, right, span } => {
                    let l = (self.slots.arg(&left.0), self.slots.arg(&left.1));
                    let r = (self.slots.arg(&right.0), self.slots.arg(&right.1));
                    (Lit::Allen(l, *rel, r), *span)
                }
            };
            for (agg, agg_span) in aggs {
                out.lits.push(agg);
                out.spans.push(agg_span);
            }
            out.written.push((lit.clone(), literal, span));
            out.lits.push(lit);
            out.spans.push(span);
        }
        out
    }
}

/// Checks a body into slots with aggregates resolved; `None` with the errors when an arity is wrong.
fn checked_body<'w>(checker: &mut Checker, head: &[Arg], body: &'w [Literal]) -> Option<Body<'w>> {
    let before = checker.diags.len();
    let mut checked = checker.body(body);
    if checker.diags.len() > before {
        return None;
    }
    let outside = head.iter().filter_map(Arg::slot).collect();
    aggregate::resolve(&mut checked.lits, &Scoped { outside, pre: Vec::new() }, checker.slots.names.len());
    Some(checked)
}

/// Checks a rule (arities, safety, arithmetic types) and numbers its variables; `text` is the rule as written.
/// Registers the arity of predicates used for the first time in `preds`; errors come all together.
pub fn check_rule(
    rule: &syntax::Rule,
    text: &str,
    preds: &mut dyn PredTable,
    file: usize,
) -> Result<Rule, Vec<Diagnostic>> {
    let source = Some((text, rule.span.start));
    let mut checker = Checker { source, slots: Slots::default(), preds, file, diags: Vec::new() };
    let arity_ok = check_arity(checker.preds, &rule.head, file, &mut checker.diags);
    let head = atom_pat(&mut checker.slots, &rule.head);
    let body = checked_body(&mut checker, &head.args, &rule.body);
    let (Some(body), true) = (body, arity_ok) else { return Err(checker.diags) };
    let names = &checker.slots.names;
    let mut diags =
        check_safety(Some((&head.args, rule.head.span, "the head")), &body.lits, &body.spans, &[], names, file);
    diags.extend(check_types(&body, names.len(), file));
    if !diags.is_empty() {
        return Err(diags);
    }
    let origin = Origin { file, span: rule.span };
    Ok(Rule { head, body: body.lits, var_names: checker.slots.names, text: text.to_string(), origin })
}

fn check_types(body: &Body, slots: usize, file: usize) -> Vec<Diagnostic> {
    let written: Vec<(&Lit, &Literal, Span)> = body.written.iter().map(|(l, w, s)| (l, *w, *s)).collect();
    super::expr::check_types(&body.lits, &written, slots, file)
}

/// A query becomes a rule whose head lists the query's named variables, in order of first appearance.
pub fn check_query(
    body: &[Literal],
    span: Span,
    preds: &mut dyn PredTable,
    file: usize,
) -> Result<Rule, Vec<Diagnostic>> {
    let mut checker = Checker { source: None, slots: Slots::default(), preds, file, diags: Vec::new() };
    let Some(checked) = checked_body(&mut checker, &[], body) else { return Err(checker.diags) };
    let names = &checker.slots.names;
    let mut diags = check_safety(None, &checked.lits, &checked.spans, &[], names, file);
    diags.extend(check_types(&checked, names.len(), file));
    if !diags.is_empty() {
        return Err(diags);
    }
    // The named variables the body binds: an aggregate's own variables stay inside it.
    let refs: Vec<&Lit> = checked.lits.iter().collect();
    let bound = super::safety::bound_slots(&refs, names.len(), &[]);
    let named: Vec<Arg> =
        (0..names.len()).filter(|&v| bound[v] && !names[v].as_str().starts_with('_')).map(Arg::Var).collect();
    let head = AtomPat { pred: Symbol::from("?query"), args: named };
    let var_names = checker.slots.names;
    Ok(Rule { head, body: checked.lits, var_names, text: String::new(), origin: Origin { file, span } })
}
