//! Arithmetic in checked rules: expressions over variable slots and constants, and the static check of the types
//! known before running (what each operation means is `types`).

use super::types::{mismatch, negation, Type, TYPE_RULE};
use super::{Arg, Lit};
use crate::diag::{Code, Diagnostic};
use crate::syntax::{self, ArithOp, CmpOp, Span};

/// A checked arithmetic expression: `S + 30`, `(E - S) * 2`, `-N`. An aggregate inside an expression is replaced
/// by the slot its value binds (see `Agg`).
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A variable slot or a constant.
    Arg(Arg),
    /// `-E`.
    Neg(Box<Expr>),
    /// `A op B`.
    Bin(Box<Expr>, ArithOp, Box<Expr>),
}

impl Expr {
    /// Every operand, left to right.
    pub fn args(&self) -> Vec<Arg> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect(&self, out: &mut Vec<Arg>) {
        match self {
            Expr::Arg(a) => out.push(*a),
            Expr::Neg(e) => e.collect(out),
            Expr::Bin(a, _, b) => {
                a.collect(out);
                b.collect(out);
            }
        }
    }

    /// The slot of an expression that is a lone variable: the side of `D = S + 30` that an equality can bind.
    pub fn lone_var(&self) -> Option<usize> {
        match self {
            Expr::Arg(Arg::Var(v)) => Some(*v),
            _ => None,
        }
    }
}

/// The types known before running: constants, interval bounds and Allen bounds (dates), and variables that an
/// equality binds to an expression or constant of known type.
fn slot_types(lits: &[Lit], slots: usize) -> Vec<Option<Type>> {
    let mut types = vec![None; slots];
    let date = |a: &Arg, types: &mut Vec<Option<Type>>| {
        if let Arg::Var(v) = a {
            types[*v] = Some(Type::Date);
        }
    };
    let mut all: Vec<&Lit> = Vec::new();
    walk(lits, &mut all);
    // A minimum or maximum has the type of what it ranges over: an equality between its slot and that.
    let extremes: Vec<(Expr, &Expr)> = all
        .iter()
        .filter_map(|l| match l {
            Lit::Agg(agg) => {
                agg.over.as_ref().filter(|_| agg.function.keeps_type()).map(|o| (Expr::Arg(Arg::Var(agg.result)), o))
            }
            _ => None,
        })
        .collect();
    let mut equalities: Vec<(&Expr, &Expr)> = extremes.iter().map(|(r, o)| (r, *o)).collect();
    for lit in &all {
        match lit {
            Lit::Timed(_, from, to) => [from, to].into_iter().for_each(|a| date(a, &mut types)),
            Lit::Allen(l, _, r) => [&l.0, &l.1, &r.0, &r.1].into_iter().for_each(|a| date(a, &mut types)),
            Lit::Agg(agg) if !agg.function.keeps_type() => types[agg.result] = Some(Type::Int),
            Lit::Calc(l, CmpOp::Eq, r) => equalities.push((l, r)),
            _ => {}
        }
    }
    // Equalities pass types on until a pass gives no slot a new type (at most one pass per equality, usually two).
    let mut changed = true;
    while changed {
        changed = false;
        for &(l, r) in &equalities {
            for (side, other) in [(l, r), (r, l)] {
                if let (Some(v), Some(Ok(t))) = (side.lone_var(), type_of(other, &types)) {
                    if types[v].is_none() {
                        types[v] = Some(t);
                        changed = true;
                    }
                }
            }
        }
    }
    types
}

/// Every literal of `lits`, those inside aggregates included.
fn walk<'l>(lits: &'l [Lit], out: &mut Vec<&'l Lit>) {
    for lit in lits {
        out.push(lit);
        if let Lit::Agg(agg) = lit {
            walk(&agg.body, out);
        }
    }
}

/// Every type a value can have.
const ALL: [Type; 3] = [Type::Int, Type::Date, Type::Name];

fn arg_type(arg: &Arg, types: &[Option<Type>]) -> Option<Type> {
    match arg {
        Arg::Const(c) => Some(Type::of(c)),
        Arg::Var(v) => types[*v],
    }
}

/// The type of an expression (`None`: not known before running), or why it has none.
fn type_of(expr: &Expr, types: &[Option<Type>]) -> Option<Result<Type, String>> {
    match expr {
        Expr::Arg(a) => arg_type(a, types).map(Ok),
        Expr::Neg(e) => match type_of(e, types)? {
            Ok(t) => Some(negation(t).ok_or_else(|| format!("negates {}", t.name()))),
            Err(why) => Some(Err(why)),
        },
        Expr::Bin(a, op, b) => {
            let (ta, tb) = (type_of(a, types), type_of(b, types));
            match (ta, tb) {
                (Some(Err(why)), _) | (_, Some(Err(why))) => Some(Err(why)),
                (Some(Ok(x)), Some(Ok(y))) => Some(x.combine(*op, y).ok_or_else(|| mismatch(x, *op, y))),
                // A name never takes part in arithmetic, whatever the other side turns out to be.
                (Some(Ok(Type::Name)), _) | (_, Some(Ok(Type::Name))) => Some(Err("uses a name in arithmetic".into())),
                // One side known, and no type of the other gives the operation a meaning (a date times anything).
                (Some(Ok(x)), None) if ALL.iter().all(|y| x.combine(*op, *y).is_none()) => {
                    Some(Err(format!("uses {} with `{}`, which has no meaning for it", x.name(), op.symbol())))
                }
                (None, Some(Ok(y))) if ALL.iter().all(|x| x.combine(*op, y).is_none()) => {
                    Some(Err(format!("uses {} with `{}`, which has no meaning for it", y.name(), op.symbol())))
                }
                _ => None,
            }
        }
    }
}

/// Every arithmetic literal whose types are wrong before running: `lits` is the rule's body, `written` each
/// checked literal (aggregates' bodies included) with its written form and span.
pub fn check_types(
    lits: &[Lit],
    written: &[(&Lit, &syntax::Literal, Span)],
    slots: usize,
    file: usize,
) -> Vec<Diagnostic> {
    let types = slot_types(lits, slots);
    let mut diags = Vec::new();
    for &(lit, literal, span) in written {
        let (Lit::Calc(l, _, r), syntax::Literal::Calc { left, right, .. }) = (lit, literal) else { continue };
        let sides = [(l, left), (r, right)].map(|(e, s)| (type_of(e, &types), s));
        for (found, shown) in &sides {
            if let Some(Err(why)) = found {
                let message = format!("`{}` {why}, which has no meaning", shown.show());
                diags.push(Diagnostic::error(Code::TypeMismatch, message).at(file, shown.span, "here").note(TYPE_RULE));
            }
        }
        if let [(Some(Ok(a)), _), (Some(Ok(b)), _)] = sides {
            if a != b {
                let message = format!("this compares {} with {}, which are never equal or ordered", a.name(), b.name());
                diags.push(Diagnostic::error(Code::TypeMismatch, message).at(file, span, "here").note(TYPE_RULE));
            }
        }
    }
    diags
}
