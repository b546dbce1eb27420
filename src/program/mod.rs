//! The checked program: names resolved, arities and safety checked, records validated. Everything here is ready
//! to evaluate; nothing here points back into the syntax tree except origins for diagnostics.

mod assertion;
mod check_fact;
mod check_record;
mod check_rule;
mod expr;
mod strata;

pub use assertion::{Assertion, AssertionId, Citation};
pub use check_fact::check_fact;
pub use check_record::{check_claim, check_source, Claim, ClaimKind, Source, SourceKind};
pub use check_rule::{check_query, check_rule};
pub use expr::{mismatch, Expr, Type, TYPE_RULE};
pub use strata::{cycle_diagnostic, dependencies, stratify, Strata};

use crate::diag::Origin;
use crate::symbol::Symbol;
use crate::syntax::{Allen, CmpOp, Metric};
use crate::value::{Tuple, Value};

/// An argument of a checked atom: a variable slot of its rule, or a constant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg {
    /// The variable of this slot (an index into the rule's `var_names`).
    Var(usize),
    /// A constant.
    Const(Value),
}

/// A checked atom: a predicate and as many arguments as its arity.
#[derive(Clone, Debug, PartialEq)]
pub struct AtomPat {
    /// The predicate.
    pub pred: Symbol,
    /// The arguments, in column order.
    pub args: Vec<Arg>,
}

/// A literal of a checked rule body or query.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// A positive atom: holds on the days a matching tuple holds, and binds its unbound variables.
    Pos(AtomPat),
    /// `not atom`: holds on the days no matching tuple holds; its wildcards (`_`) match anything.
    Neg(AtomPat),
    /// A comparison of two terms; `X = t` binds X when X alone is unbound.
    Cmp(Arg, CmpOp, Arg),
    /// A positive atom whose days go through a metric window first.
    Metric(Metric, i32, i32, AtomPat),
    /// A positive atom that binds the bounds of each of its maximal intervals; holds on every day.
    Timed(AtomPat, Arg, Arg),
    /// `[a, b) rel [c, d)`: Allen's relation between two closed-open intervals given by their bounds.
    Allen((Arg, Arg), Allen, (Arg, Arg)),
    /// A comparison with date arithmetic on a side: `D = S + 30` (binds D once S is bound), `E - S > 14`.
    Calc(Expr, CmpOp, Expr),
}

/// A rule whose variables are numbered slots `0..var_names.len()`, safe, with arities checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// The head: what the rule derives, on the days its body holds.
    pub head: AtomPat,
    /// The body's literals, in the order written.
    pub body: Vec<Lit>,
    /// The name of each variable slot, as written (`_` for a wildcard).
    pub var_names: Vec<Symbol>,
    /// The rule as written, for proof trees.
    pub text: String,
    /// Where the rule was written.
    pub origin: Origin,
}

/// What the checker knows of a predicate: its arity, and its meaning when declared.
#[derive(Clone, Debug, PartialEq)]
pub struct PredInfo {
    /// The number of arguments every use must have.
    pub arity: usize,
    /// The parameter names of its `pred` declaration; empty when it is not declared.
    pub params: Vec<Symbol>,
    /// The meaning its `pred` declaration gives; `None` when it is not declared.
    pub meaning: Option<String>,
    /// Where it was declared, or else first used.
    pub origin: Origin,
}

/// `pred(a, b)` from printed arguments, or `pred` alone when there are none.
pub fn atom_text(pred: Symbol, args: &[String]) -> String {
    if args.is_empty() {
        pred.to_string()
    } else {
        format!("{pred}({})", args.join(", "))
    }
}

/// Variable bindings of a rule instance, by slot: `None` for a variable not bound (yet).
pub type Bindings = [Option<Value>];

impl Rule {
    /// The rule as written, on one line.
    pub fn one_line(&self) -> String {
        crate::syntax::one_line(&self.text)
    }
}

impl Arg {
    /// The argument's value under `env`: the constant, or the variable's binding (None while unbound).
    pub fn value(&self, env: &Bindings) -> Option<Value> {
        match self {
            Arg::Const(c) => Some(*c),
            Arg::Var(v) => env[*v],
        }
    }
}

impl AtomPat {
    /// The tuple the atom stands for under `env`, when every argument is bound. The one substitution of bindings
    /// into an atom; proofs, explanations and the naive reference use it.
    pub fn ground(&self, env: &Bindings) -> Option<Tuple> {
        self.args.iter().map(|a| a.value(env)).collect()
    }
}

impl Lit {
    /// The atom a literal reads, if any.
    pub fn atom(&self) -> Option<&AtomPat> {
        match self {
            Lit::Pos(a) | Lit::Neg(a) | Lit::Metric(_, _, _, a) | Lit::Timed(a, _, _) => Some(a),
            Lit::Cmp(..) | Lit::Allen(..) | Lit::Calc(..) => None,
        }
    }

    /// True for literals that bind their atom's variables (positive atoms, metric atoms, interval bindings).
    pub fn binds(&self) -> bool {
        matches!(self, Lit::Pos(_) | Lit::Metric(..) | Lit::Timed(..))
    }

    /// True when the literal needs its predicate complete before it is read (negation, metric windows, interval
    /// bounds): such a dependency may not close a cycle.
    pub fn strict(&self) -> bool {
        matches!(self, Lit::Neg(_) | Lit::Metric(..) | Lit::Timed(..))
    }
}
