//! Checked declarations about predicates: the days on which silence means "no" (`settled`), the tuples for which
//! it never does (`open`), the keys that determine a value (`functional`), the denials (`constraint`) and the
//! measures of a regime (`regime`). The database keeps them; coverage, the store's pairing and the linter read
//! them.

use super::check_rule::{check_query, check_rule, Preds};
use super::Rule;
use crate::diag::{Code, Diagnostic, Origin};
use crate::symbol::Symbol;
use crate::syntax::{self, Atom, Declaration, DeclarationKind, FactTime, Span, Term, TermKind};
use crate::time::{Day, Interval};
use crate::value::Value;
use std::borrow::Cow;

/// `settled p from D.`: on these days the absence of a tuple of `pred` means it does not hold.
#[derive(Clone, Debug, PartialEq)]
pub struct SettledDecl {
    /// The predicate.
    pub pred: Symbol,
    /// The settled days.
    pub days: Interval,
    /// Where it was written.
    pub origin: Origin,
}

/// One argument of an `open` pattern.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PatArg {
    /// Exactly this value.
    Const(Value),
    /// Any value (`_`).
    Any,
    /// The value of the body's answer in this column (a variable of the pattern).
    Bound(usize),
}

/// `open p(ru, _).` or `open p(C, _) :- body.`: tuples matching the pattern are never settled by silence; with a
/// body, on the days the body holds for the pattern's variables.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenDecl {
    /// The predicate.
    pub pred: Symbol,
    /// The pattern, one entry per argument.
    pub pattern: Vec<PatArg>,
    /// The body as a query whose head lists the pattern's variables in order; `None` for an unconditional pattern.
    pub body: Option<Rule>,
    /// Where it was written.
    pub origin: Origin,
}

/// `functional p(A, B, N) key (A, B).`: one value per key at a time.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionalDecl {
    /// The predicate.
    pub pred: Symbol,
    /// The key's argument positions, in increasing order.
    pub key: Vec<usize>,
    /// Where it was written.
    pub origin: Origin,
}

/// `constraint name :- body.`: a denial, its body checked as a query.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstraintDecl {
    /// The constraint's name.
    pub name: Symbol,
    /// The body as a query whose head lists its named variables.
    pub rule: Rule,
    /// The declaration as written, on one line.
    pub text: String,
}

/// `regime r: p, q.`: `p` and `q` are measures of the regime `r`.
#[derive(Clone, Debug, PartialEq)]
pub struct RegimeDecl {
    /// The regime's (nullary) predicate.
    pub regime: Symbol,
    /// Its measures.
    pub measures: Vec<Symbol>,
    /// Where it was written.
    pub origin: Origin,
}

/// Every declaration of the program, by kind, in the order written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Declarations {
    /// `settled` declarations.
    pub settled: Vec<SettledDecl>,
    /// `open` declarations.
    pub open: Vec<OpenDecl>,
    /// `functional` declarations (at most one per predicate).
    pub functional: Vec<FunctionalDecl>,
    /// `constraint` declarations.
    pub constraints: Vec<ConstraintDecl>,
    /// `regime` declarations.
    pub regimes: Vec<RegimeDecl>,
}

impl Declarations {
    /// The functional declaration of `pred`, if any.
    pub fn functional(&self, pred: Symbol) -> Option<&FunctionalDecl> {
        self.functional.iter().find(|f| f.pred == pred)
    }

    /// Whether any `settled` or `open` declaration exists: without one, coverage is the closed world.
    pub fn declares_coverage(&self) -> bool {
        !self.settled.is_empty() || !self.open.is_empty()
    }
}

/// Checks the atom's arity against the predicate's, when the predicate is known yet (a script may declare before
/// its facts come).
fn arity(preds: &Preds, atom: &Atom, file: usize) -> Result<(), Vec<Diagnostic>> {
    if !preds.contains_key(&atom.pred) {
        return Ok(());
    }
    let mut diags = Vec::new();
    super::check_rule::check_arity(&mut Cow::Borrowed(preds), atom, file, &mut diags);
    if diags.is_empty() {
        Ok(())
    } else {
        Err(diags)
    }
}

/// Checks one declaration against the known predicates. Constraints and `open` bodies are checked as queries,
/// on a copy of `preds`: they define no predicate.
pub fn check_declaration(
    decl: &Declaration,
    text: &str,
    preds: &Preds,
    file: usize,
    into: &mut Declarations,
) -> Result<(), Vec<Diagnostic>> {
    let origin = Origin { file, span: decl.span };
    match &decl.kind {
        DeclarationKind::Settled(s) => {
            let days = match s.time {
                FactTime::From(d) => Interval { from: d, to: Day::MAX },
                FactTime::Until(d) => Interval::new(Day::MIN, d).unwrap_or(Interval::day(d)),
                FactTime::During(i) => i,
                FactTime::Always => Interval::ALWAYS,
            };
            into.settled.push(SettledDecl { pred: s.pred, days, origin });
        }
        DeclarationKind::Open(o) => into.open.push(check_open(o, preds, file, origin)?),
        DeclarationKind::Functional(f) => {
            let checked = check_functional(f, preds, file, origin)?;
            if let Some(old) = into.functional(checked.pred) {
                let message = format!("`{}` is declared functional twice", checked.pred);
                let d = Diagnostic::error(Code::BadFunctional, message).at(file, decl.span, "again here");
                return Err(vec![d.also(old.origin.file, old.origin.span, "first here")]);
            }
            into.functional.push(checked);
        }
        DeclarationKind::Constraint(c) => {
            let rule = check_query(&c.body, decl.span, &mut Cow::Borrowed(preds), file)?;
            let _ = text;
            into.constraints.push(ConstraintDecl { name: c.name, rule, text: syntax::one_line(&c.text) });
        }
        DeclarationKind::Regime(r) => {
            let measures = r.measures.iter().map(|(p, _)| *p).collect();
            into.regimes.push(RegimeDecl { regime: r.regime, measures, origin });
        }
    }
    Ok(())
}

fn check_open(o: &syntax::Open, preds: &Preds, file: usize, origin: Origin) -> Result<OpenDecl, Vec<Diagnostic>> {
    arity(preds, &o.atom, file)?;
    let mut vars: Vec<Symbol> = Vec::new();
    let pattern: Vec<PatArg> = o
        .atom
        .args
        .iter()
        .map(|t| match &t.kind {
            TermKind::Const(v) => PatArg::Const(*v),
            TermKind::Wildcard => PatArg::Any,
            TermKind::Var(name) => PatArg::Bound(vars.iter().position(|v| v == name).unwrap_or_else(|| {
                vars.push(*name);
                vars.len() - 1
            })),
        })
        .collect();
    if o.body.is_empty() {
        if let Some(t) = o.atom.args.iter().find(|t| matches!(t.kind, TermKind::Var(_))) {
            let message = "a variable in an `open` pattern needs a body that binds it (`open p(C, _) :- q(C).`)";
            return Err(vec![Diagnostic::error(Code::UnsafeVariable, message).at(file, t.span, "unbound")]);
        }
        return Ok(OpenDecl { pred: o.atom.pred, pattern, body: None, origin });
    }
    // The body becomes a rule whose head lists the pattern's variables: its safety check binds each of them.
    let head_args: Vec<Term> =
        vars.iter().map(|v| Term { kind: TermKind::Var(*v), span: o.atom.span }).collect::<Vec<_>>();
    let head = Atom { pred: Symbol::from("?open"), args: head_args, span: o.atom.span };
    let rule = syntax::Rule { head, body: o.body.clone(), span: origin.span };
    let checked = check_rule(&rule, "", &mut Cow::Borrowed(preds), file)?;
    Ok(OpenDecl { pred: o.atom.pred, pattern, body: Some(checked), origin })
}

fn check_functional(
    f: &syntax::Functional,
    preds: &Preds,
    file: usize,
    origin: Origin,
) -> Result<FunctionalDecl, Vec<Diagnostic>> {
    arity(preds, &f.atom, file)?;
    let bad = |span: Span, message: &str| {
        Err(vec![Diagnostic::error(Code::BadFunctional, message.to_string())
            .at(file, span, "here")
            .note("write one variable per argument and name the key's variables: `functional p(A, B, N) key (A, B).`")])
    };
    let mut names: Vec<Symbol> = Vec::new();
    for t in &f.atom.args {
        match &t.kind {
            TermKind::Var(v) if !names.contains(v) => names.push(*v),
            _ => return bad(t.span, "each argument of a functional declaration is a variable of its own"),
        }
    }
    let mut key = Vec::new();
    for t in &f.key {
        match &t.kind {
            TermKind::Var(v) => match names.iter().position(|n| n == v) {
                Some(k) if !key.contains(&k) => key.push(k),
                Some(_) => return bad(t.span, "this variable is already in the key"),
                None => return bad(t.span, "the key names a variable that is not an argument"),
            },
            _ => return bad(t.span, "the key lists variables of the atom"),
        }
    }
    if key.len() >= names.len() {
        return bad(f.atom.span, "the key leaves no argument to be its value");
    }
    key.sort_unstable();
    Ok(FunctionalDecl { pred: f.atom.pred, key, origin })
}
