//! The checked program: names resolved, arities and safety checked, records validated. Everything here is ready
//! to evaluate; nothing here points back into the syntax tree except origins for diagnostics.

mod aggregate;
mod assertion;
mod check_fact;
mod check_record;
mod check_rule;
mod declare;
mod expr;
pub mod magic;
mod safety;
mod strata;
mod types;

pub use assertion::{Assertion, AssertionId, Citation};
pub use check_fact::check_fact;
pub use check_record::{check_claim, check_source, Claim, ClaimKind, Source, SourceKind};
pub use check_rule::{check_query, check_rule, PredTable, Preds};
pub use declare::{
    check_declaration, ConstraintDecl, Declarations, FunctionalDecl, OpenDecl, PatArg, RegimeDecl, SettledDecl,
};
pub use expr::Expr;
pub use safety::bound_slots;
pub use strata::{cycle_diagnostic, dependencies, stratify, RuleGraph, Strata};
pub use types::{mismatch, negation, signature, Meaning, Type, TYPE_RULE};

use crate::diag::Origin;
use crate::symbol::Symbol;
use crate::syntax::{AggregateFn, Allen, CmpOp, Metric};
use crate::value::{Tuple, Value};

/// An argument of a checked atom: a variable slot of its rule, or a constant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg {
    /// A variable: its slot, an index into the rule's `var_names`.
    Var(usize),
    /// A constant.
    Const(Value),
}

/// A checked atom: a predicate and its arguments as slots or constants.
#[derive(Clone, Debug, PartialEq)]
pub struct AtomPat {
    /// The predicate.
    pub pred: Symbol,
    /// The arguments, as many as the predicate's arity.
    pub args: Vec<Arg>,
}

/// A checked body literal: variables as slots, arities checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// An atom that must hold.
    Pos(AtomPat),
    /// An atom that must not hold; its validity is subtracted.
    Neg(AtomPat),
    /// A comparison of two arguments (see `eval::compare`).
    Cmp(Arg, CmpOp, Arg),
    /// A positive atom whose days go through a metric window first.
    Metric(Metric, i32, i32, AtomPat),
    /// A positive atom that binds the bounds of each of its maximal intervals; holds on every day.
    Timed(AtomPat, Arg, Arg),
    /// An Allen relation between two intervals given as `(start, end)` bounds, closed-open.
    Allen((Arg, Arg), Allen, (Arg, Arg)),
    /// A comparison with arithmetic on a side: `D = S + 30` (binds D once S is bound), `E - S > 14`.
    Calc(Expr, CmpOp, Expr),
    /// An aggregate: binds its result slot (and the group slots no other literal binds) to the aggregate's value
    /// per group, as a step function of the day.
    Agg(Box<Agg>),
}

/// A checked aggregate, `count : { body }` or `sum E : { body }` (min, max alike), whose value is bound to the
/// slot `result`. The body shares the rule's slots. Its *group* is the slots it shares with the rest of the rule:
/// those the rest of the body binds (`inject`) are bound before it runs, and a group with no member has count
/// and sum 0 (as in Soufflé); the others it binds itself, one group per value that has members. Within a group,
/// on each day, the distinct bindings of `local` that hold that day are aggregated.
#[derive(Clone, Debug, PartialEq)]
pub struct Agg {
    /// Which aggregate.
    pub function: AggregateFn,
    /// What is summed, minimised or maximised (none for count).
    pub over: Option<Expr>,
    /// The literals whose bindings are aggregated (nested aggregates included).
    pub body: Vec<Lit>,
    /// The slot the value binds.
    pub result: usize,
    /// The group slots the rest of the body binds, in slot order.
    pub inject: Vec<usize>,
    /// The group slots the aggregate binds itself, in slot order.
    pub grouped: Vec<usize>,
    /// The slots whose distinct bindings are the members, in slot order.
    pub local: Vec<usize>,
    /// The aggregate as written, on one line, for proofs: `count : { direct_flight(C) }`.
    pub text: String,
}

/// A rule whose variables are numbered slots `0..var_names.len()`, safe, with arities checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// The derived atom.
    pub head: AtomPat,
    /// The literals, in the order written (the planner reorders them).
    pub body: Vec<Lit>,
    /// The name of each variable slot, in order of first appearance; `_` wildcards get a slot each.
    pub var_names: Vec<Symbol>,
    /// The rule as written, for proof trees.
    pub text: String,
    /// Where the rule (or query) was written.
    pub origin: Origin,
}

/// What the checker knows of a predicate: its arity, and its meaning when declared.
#[derive(Clone, Debug, PartialEq)]
pub struct PredInfo {
    /// The number of arguments, fixed by the declaration or the first use.
    pub arity: usize,
    /// The argument names of the declaration; empty when the predicate was never declared.
    pub params: Vec<Symbol>,
    /// What the declaration says it means; `None` when never declared.
    pub meaning: Option<String>,
    /// Where the predicate was declared, or first used when never declared.
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
    /// The slot of a variable; `None` for a constant.
    pub fn slot(&self) -> Option<usize> {
        match self {
            Arg::Var(v) => Some(*v),
            Arg::Const(_) => None,
        }
    }

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
    /// The atom a literal reads, if any (an aggregate reads several: see `atoms`).
    pub fn atom(&self) -> Option<&AtomPat> {
        match self {
            Lit::Pos(a) | Lit::Neg(a) | Lit::Metric(_, _, _, a) | Lit::Timed(a, _, _) => Some(a),
            Lit::Cmp(..) | Lit::Allen(..) | Lit::Calc(..) | Lit::Agg(_) => None,
        }
    }

    /// Every atom the literal reads, with whether it must be complete first (see `strict`); an aggregate's atoms
    /// all must, nested ones included.
    pub fn atoms(&self) -> Vec<(&AtomPat, bool)> {
        match self {
            Lit::Agg(agg) => agg.body.iter().flat_map(|l| l.atoms()).map(|(a, _)| (a, true)).collect(),
            lit => lit.atom().map(|a| (a, lit.strict())).into_iter().collect(),
        }
    }

    /// True for literals that bind their atom's variables (positive atoms, metric atoms, interval bindings).
    pub fn binds(&self) -> bool {
        matches!(self, Lit::Pos(_) | Lit::Metric(..) | Lit::Timed(..))
    }

    /// True when the literal needs its predicate complete before it is read (negation, metric windows, interval
    /// bounds): such a dependency may not close a cycle.
    pub fn strict(&self) -> bool {
        matches!(self, Lit::Neg(_) | Lit::Metric(..) | Lit::Timed(..) | Lit::Agg(_))
    }
}
