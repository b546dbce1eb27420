//! Hints: the likely mistakes behind a silent "no" or an empty answer, found before anything is evaluated. A
//! predicate with no facts, no rules and no declaration is an error (E0109) in a query, a `why` and a rule body;
//! a query variable that spells a known constant (W0101) and a constant that no fact or rule of its position holds
//! (W0102) are warnings; a declared predicate with no facts that a rule reads is a note (L0016, for the linter).

use super::domain::Domains;
use super::names::CountryNames;
use super::suggest;
use crate::db::Database;
use crate::diag::{Code, Diagnostic, Severity};
use crate::query::show;
use crate::symbol::Symbol;
use crate::syntax::{parse_program, Atom, Literal, Span, Statement, Term, TermKind};
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A predicate that has a declaration, base facts or rules. (A predicate only read by rule bodies is not known:
/// reading it is the typo this module exists for.)
pub fn is_known(db: &Database, pred: Symbol) -> bool {
    db.preds.get(&pred).is_some_and(|p| p.meaning.is_some()) || db.store.has_facts(pred) || db.is_derived(pred)
}

/// The atoms a body reads, in order.
pub fn atoms(body: &[Literal]) -> impl Iterator<Item = &Atom> {
    body.iter().flat_map(Literal::atoms)
}

/// E0109 for `pred` at `span`, with the closest name known to `db` or `defined` by statements not yet applied.
pub fn unknown_predicate(
    db: &Database,
    pred: Symbol,
    file: usize,
    span: Span,
    defined: &BTreeSet<Symbol>,
) -> Diagnostic {
    let d = Diagnostic::error(Code::UnknownPredicate, format!("unknown predicate `{pred}`")).at(
        file,
        span,
        "no facts, rules or declaration",
    );
    let known = db.preds.keys().filter(|p| is_known(db, **p)).chain(defined).filter(|p| **p != pred);
    match suggest::closest(pred.as_str(), known.map(|p| p.as_str())) {
        Some(best) => d.note(format!("did you mean `{best}`?")),
        None => d,
    }
}

/// Every predicate of the body must be known (or `defined` by statements not yet applied, in a script being
/// checked): a typo would otherwise answer "nothing", silently.
pub fn check_known(
    db: &Database,
    body: &[Literal],
    file: usize,
    defined: &BTreeSet<Symbol>,
) -> Result<(), Vec<Diagnostic>> {
    let diags: Vec<Diagnostic> = atoms(body)
        .filter(|a| !is_known(db, a.pred) && !defined.contains(&a.pred))
        .map(|a| unknown_predicate(db, a.pred, file, a.span, defined))
        .collect();
    if diags.is_empty() {
        Ok(())
    } else {
        Err(diags)
    }
}

/// Every term a literal holds, for counting a variable's occurrences.
fn terms(lit: &Literal) -> Vec<&Term> {
    lit.terms()
}

/// How many times each named variable occurs in the body (plus `also`, the aggregate's variables).
fn occurrences(body: &[Literal], also: &[Symbol]) -> BTreeMap<Symbol, usize> {
    let mut count = BTreeMap::new();
    for term in body.iter().flat_map(terms) {
        if let TermKind::Var(v) = term.kind {
            *count.entry(v).or_default() += 1;
        }
    }
    for v in also {
        *count.entry(*v).or_default() += 1;
    }
    count
}

/// An upper-case word of two letters or more (`GB`, `VN`): what a constant typed in upper case looks like.
fn shouting(name: &str) -> bool {
    name.chars().count() >= 2 && name.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Whether an `open` declaration covers `value` in column `col` of `pred`: silence about it is not "no", so an
/// answer of `no` is not what the query gets (it gets `unknown`), and the value needs no hint.
fn declared_open(db: &Database, pred: Symbol, col: usize, value: &Value) -> bool {
    use crate::program::PatArg;
    db.declarations.open.iter().filter(|o| o.pred == pred).any(|o| match o.pattern.get(col) {
        Some(PatArg::Const(v)) => v == value,
        Some(PatArg::Any | PatArg::Bound(_)) => true,
        None => false,
    })
}

/// W0101 and W0102 for the atoms of a query's (or a `why`'s) body; `also` are variables used outside the body.
pub fn warnings(db: &Database, body: &[Literal], also: &[Symbol], file: usize) -> Vec<Diagnostic> {
    let counts = occurrences(body, also);
    let mut domains = Domains::new(db);
    let mut names: Option<std::sync::Arc<CountryNames>> = None;
    let mut out = Vec::new();
    for atom in atoms(body) {
        let arity = atom.args.len();
        for (col, term) in atom.args.iter().enumerate() {
            let place = format!("{}/{arity}", atom.pred);
            match &term.kind {
                TermKind::Var(v) if shouting(v) && counts.get(v) == Some(&1) => {
                    let lower = Value::sym(&v.to_lowercase());
                    if domains.of(atom.pred, col).is_some_and(|d| d.contains(&lower)) {
                        let names = names.get_or_insert_with(|| CountryNames::of(db));
                        out.push(spelled(v, &lower, &place, names, file, term.span));
                    }
                }
                TermKind::Const(value @ Value::Sym(_)) => {
                    let Some(domain) = domains.of(atom.pred, col) else { continue };
                    if domain.is_empty() || domain.contains(value) || declared_open(db, atom.pred, col, value) {
                        continue;
                    }
                    let names = names.get_or_insert_with(|| CountryNames::of(db));
                    out.push(unknown_value(value, show::is_country(db, value), &place, domain, names, file, term.span));
                }
                _ => {}
            }
        }
    }
    out
}

fn spelled(var: &Symbol, constant: &Value, place: &str, names: &CountryNames, file: usize, span: Span) -> Diagnostic {
    let message = format!(
        "`{var}` is a variable that occurs only here, so it matches every value of {place}; did you mean {}?",
        names.describe(constant)
    );
    Diagnostic::warning(Code::VariableSpellsConstant, message)
        .at(file, span, "a variable (upper case)")
        .note(format!("constants are written in lower case: `{constant}`"))
}

fn unknown_value(
    value: &Value,
    country: bool,
    place: &str,
    domain: &std::collections::BTreeSet<Value>,
    names: &CountryNames,
    file: usize,
    span: Span,
) -> Diagnostic {
    let label = "no fact or rule holds this value here";
    // A country that this predicate never mentions: the answer is a sure "no", not a typo.
    if country {
        let shown = match names.name(value) {
            Some(name) => format!("`{value}` ({name})"),
            None => format!("`{value}`"),
        };
        let message = format!(
            "{shown} is not a known value of {place}: no fact or rule of it mentions {value}, so it never holds"
        );
        return Diagnostic::warning(Code::UnknownConstant, message).at(file, span, label);
    }
    let text = value.to_string();
    let by_name = names.code_of(&text).filter(|code| domain.contains(code));
    let suggestions: Vec<Value> = match by_name {
        Some(code) => vec![code],
        None => nearest(&text, domain),
    };
    let mut message = format!("`{text}` is not a known value of {place}");
    if !suggestions.is_empty() {
        let shown: Vec<String> = suggestions.iter().map(|v| names.describe(v)).collect();
        message += &format!("; did you mean {}?", or_list(&shown));
    }
    Diagnostic::warning(Code::UnknownConstant, message).at(file, span, label)
}

/// Up to three known values closest to `text` (the one "did you mean" policy, `suggest::ranked`).
fn nearest(text: &str, domain: &std::collections::BTreeSet<Value>) -> Vec<Value> {
    let shown: Vec<(String, Value)> =
        domain.iter().filter(|v| matches!(v, Value::Sym(_))).map(|v| (v.to_string(), *v)).collect();
    let ranked = suggest::ranked(text, shown.iter().map(|(s, _)| s.as_str()), 3);
    ranked.into_iter().filter_map(|r| shown.iter().find(|(s, _)| s == r).map(|(_, v)| *v)).collect()
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The spans of the body atoms of a loaded rule, read again from its text (checked rules keep no spans).
fn body_atoms(rule: &crate::program::Rule) -> Vec<(Symbol, Span)> {
    let parsed = parse_program(&rule.text);
    let shift = |s: Span| Span { start: s.start + rule.origin.span.start, end: s.end + rule.origin.span.start };
    parsed
        .statements
        .iter()
        .filter_map(|s| if let Statement::Rule(r) = s { Some(r) } else { None })
        .flat_map(|r| atoms(&r.body).map(|a| (a.pred, shift(a.span))).collect::<Vec<_>>())
        .collect()
}

/// The loaded rules' body predicates: E0109 for one with no facts, rules or declaration, and L0016 (a note) for
/// one declared with neither facts nor rules. Run once everything is loaded, fact files included.
pub fn rule_bodies(db: &Database) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in &db.rules {
        let suspect = rule
            .body
            .iter()
            .flat_map(|l| l.atoms())
            .any(|(a, _)| !db.store.has_facts(a.pred) && !db.is_derived(a.pred));
        if !suspect {
            continue;
        }
        let file = rule.origin.file;
        for (pred, span) in body_atoms(rule) {
            if !is_known(db, pred) {
                out.push(unknown_predicate(db, pred, file, span, &BTreeSet::new()));
            } else if !db.store.has_facts(pred) && !db.is_derived(pred) {
                let message = format!(
                    "`{pred}` is declared but has no facts and no rules, so this rule finds nothing through it"
                );
                let d = Diagnostic { severity: Severity::Note, ..Diagnostic::error(Code::EmptyPredicate, message) };
                out.push(d.at(file, span, "declared, never stated"));
            }
        }
    }
    out
}

/// The known values of argument positions, as the hints see them (completion offers them too).
pub fn domains(db: &Database) -> Domains<'_> {
    Domains::new(db)
}
