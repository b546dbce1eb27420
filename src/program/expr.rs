//! Date arithmetic in checked rules: expressions over variable slots and constants, the one table of what each
//! operation means for each type, and the static check of the types known before running.

use super::{Arg, Lit};
use crate::diag::{Code, Diagnostic};
use crate::syntax::{self, ArithOp, CmpOp, Span, TermKind};
use crate::value::Value;

/// A term, then terms added or subtracted, left to right: `S + 30`, `E - S`.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// The leftmost operand.
    pub first: Arg,
    /// The following operands, each with the operator before it.
    pub rest: Vec<(ArithOp, Arg)>,
}

impl Expr {
    /// Every operand, in order.
    pub fn args(&self) -> impl Iterator<Item = &Arg> {
        std::iter::once(&self.first).chain(self.rest.iter().map(|(_, a)| a))
    }

    /// The slot of an expression that is a lone variable: the side of `D = S + 30` that an equality can bind.
    pub fn lone_var(&self) -> Option<usize> {
        match (&self.first, self.rest.is_empty()) {
            (Arg::Var(v), true) => Some(*v),
            _ => None,
        }
    }
}

/// What a value is, for arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// An integer (also a number of days).
    Int,
    /// A date.
    Date,
    /// A symbol: no arithmetic applies.
    Name,
}

impl Type {
    /// The type of a value.
    pub fn of(value: &Value) -> Type {
        match value {
            Value::Int(_) => Type::Int,
            Value::Date(_) => Type::Date,
            Value::Sym(_) => Type::Name,
        }
    }

    /// The type as diagnostics name it: "a number", "a date", "a name".
    pub fn name(self) -> &'static str {
        match self {
            Type::Int => "a number",
            Type::Date => "a date",
            Type::Name => "a name",
        }
    }

    /// The type of `self op other`; `None` when the operation means nothing (a date plus a date, a number
    /// minus a date, anything with a name).
    pub fn combine(self, op: ArithOp, other: Type) -> Option<Type> {
        match (self, op, other) {
            (Type::Int, _, Type::Int) => Some(Type::Int),
            (Type::Date, _, Type::Int) | (Type::Int, ArithOp::Add, Type::Date) => Some(Type::Date),
            (Type::Date, ArithOp::Sub, Type::Date) => Some(Type::Int),
            _ => None,
        }
    }
}

/// Why `a op b` has no type, as words: `adds a date to a date`.
pub fn mismatch(a: Type, op: ArithOp, b: Type) -> String {
    match op {
        ArithOp::Add => format!("adds {} to {}", b.name(), a.name()),
        ArithOp::Sub => format!("subtracts {} from {}", b.name(), a.name()),
    }
}

/// The rule that every message about arithmetic types ends with.
pub const TYPE_RULE: &str =
    "a date plus or minus a number of days is a date, a date minus a date is a number of days, numbers add as numbers";

/// An expression as written, for messages: `S + 30`.
pub fn show(expr: &syntax::Expr) -> String {
    let term = |t: &syntax::Term| match &t.kind {
        TermKind::Var(v) => v.to_string(),
        TermKind::Wildcard => "_".to_string(),
        TermKind::Const(c) => c.to_string(),
    };
    let mut out = term(&expr.first);
    for (op, t) in &expr.rest {
        out += &format!(" {} {}", op.symbol(), term(t));
    }
    out
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
    for lit in lits {
        match lit {
            Lit::Timed(_, from, to) => [from, to].into_iter().for_each(|a| date(a, &mut types)),
            Lit::Allen(l, _, r) => [&l.0, &l.1, &r.0, &r.1].into_iter().for_each(|a| date(a, &mut types)),
            _ => {}
        }
    }
    // Equalities pass types on until a pass gives no slot a new type (at most one pass per equality, usually two).
    let equalities: Vec<(&Expr, &Expr)> =
        lits.iter().filter_map(|l| if let Lit::Calc(l, CmpOp::Eq, r) = l { Some((l, r)) } else { None }).collect();
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

fn arg_type(arg: &Arg, types: &[Option<Type>]) -> Option<Type> {
    match arg {
        Arg::Const(c) => Some(Type::of(c)),
        Arg::Var(v) => types[*v],
    }
}

/// The type of an expression (`None`: not known before running), or why it has none.
fn type_of(expr: &Expr, types: &[Option<Type>]) -> Option<Result<Type, String>> {
    let mut acc = arg_type(&expr.first, types);
    if expr.rest.is_empty() {
        return acc.map(Ok);
    }
    for (op, arg) in &expr.rest {
        let next = arg_type(arg, types);
        acc = match (acc, next) {
            (Some(a), Some(b)) => match a.combine(*op, b) {
                Some(t) => Some(t),
                None => return Some(Err(mismatch(a, *op, b))),
            },
            // A name never takes part in arithmetic, whatever the other side turns out to be.
            (_, Some(Type::Name)) | (Some(Type::Name), _) => return Some(Err("uses a name in arithmetic".into())),
            _ => None,
        };
    }
    acc.map(Ok)
}

/// Every arithmetic literal whose types are wrong before running; `syntax` gives each literal's written form.
pub fn check_types(lits: &[Lit], written: &[(&syntax::Literal, Span)], slots: usize, file: usize) -> Vec<Diagnostic> {
    let types = slot_types(lits, slots);
    let mut diags = Vec::new();
    for (lit, (literal, span)) in lits.iter().zip(written) {
        let (Lit::Calc(l, _, r), syntax::Literal::Calc { left, right, .. }) = (lit, literal) else { continue };
        let sides = [(l, left), (r, right)].map(|(e, s)| (type_of(e, &types), s));
        for (found, shown) in &sides {
            if let Some(Err(why)) = found {
                let message = format!("`{}` {why}, which has no meaning", show(shown));
                diags.push(Diagnostic::error(Code::TypeMismatch, message).at(file, shown.span, "here").note(TYPE_RULE));
            }
        }
        if let [(Some(Ok(a)), _), (Some(Ok(b)), _)] = sides {
            if a != b {
                let message = format!("this compares {} with {}, which are never equal or ordered", a.name(), b.name());
                diags.push(Diagnostic::error(Code::TypeMismatch, message).at(file, *span, "here").note(TYPE_RULE));
            }
        }
    }
    diags
}
