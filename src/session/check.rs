//! Checking scripts before running them: every error that can be found without evaluating (syntax, arity,
//! safety, types, unknown predicates and sources, negation cycles, records) is found in one pass over every
//! statement, each checked against what the statements before it declare, so a script with a mistake runs
//! nothing. The checks are the ones `Database::apply` and `query::answer` make; the state they read is the
//! database's own, copied only when a statement of the script adds to it (copy on write), so checking a script of
//! queries copies nothing.

use crate::db::Database;
use crate::diag::Origin;
use crate::diag::{Code, Diagnostic};
use crate::program::{self, check_claim, check_fact, check_query, check_rule, check_source, Preds, Rule, Source};
use crate::query::hints;
use crate::symbol::Symbol;
use crate::syntax::{Literal, Query, RecordKind, Statement, Why};
use crate::value::Tuple;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// What the statements checked so far would have declared: the database's tables, each copied when a statement
/// first adds to it.
pub struct Check<'d> {
    db: &'d Database,
    preds: Cow<'d, Preds>,
    sources: Cow<'d, BTreeMap<Symbol, Source>>,
    /// The claims the scripts name (the database's are looked up in it).
    claims: BTreeMap<Symbol, Origin>,
    rules: Cow<'d, [Rule]>,
    /// Predicates given facts, rules or a declaration by the statements checked so far.
    defined: BTreeSet<Symbol>,
    /// ... by any statement of the scripts: a rule may be written before the facts it reads.
    anywhere: BTreeSet<Symbol>,
}

/// The predicates statements give facts, rules or declarations to (snapshot claims assert their members).
pub fn defines<'s>(statements: impl Iterator<Item = &'s Statement>) -> BTreeSet<Symbol> {
    let mut out = BTreeSet::new();
    for statement in statements {
        match statement {
            Statement::Fact(f) => drop(out.insert(f.atom.pred)),
            Statement::Rule(r) => drop(out.insert(r.head.pred)),
            Statement::Pred(p) => drop(out.insert(p.name)),
            Statement::Record(r) if r.kind == RecordKind::Claim => {
                if let Some(crate::syntax::FieldValue::Sym(about)) = r.field("about").map(|f| &f.value) {
                    out.insert(*about);
                }
            }
            _ => {}
        }
    }
    out
}

/// The errors of a rule's body predicates: known to the database, or `defined` by the scripts.
pub fn rule_body(
    db: &Database,
    rule: &crate::syntax::Rule,
    file: usize,
    defined: &BTreeSet<Symbol>,
) -> Vec<Diagnostic> {
    hints::check_known(db, &rule.body, file, defined).err().unwrap_or_default()
}

/// The atom of a `why` as a predicate and a ground tuple, or its errors: checked like a query.
pub fn why_tuple(
    db: &Database,
    preds: &Preds,
    why: &Why,
    file: usize,
    defined: &BTreeSet<Symbol>,
) -> Result<(Symbol, Tuple), Vec<Diagnostic>> {
    let body = [Literal::Pos(why.atom.clone())];
    let rule = check_query(&body, why.span, &mut Cow::Borrowed(preds), file)?;
    hints::check_known(db, &body, file, defined)?;
    let Some(atom) = rule.body.first().and_then(|l| l.atom()) else { return Err(Vec::new()) };
    let tuple: Option<Tuple> = atom
        .args
        .iter()
        .map(|a| match a {
            program::Arg::Const(v) => Some(*v),
            program::Arg::Var(_) => None,
        })
        .collect();
    match tuple {
        Some(tuple) => Ok((atom.pred, tuple)),
        None => Err(vec![Diagnostic::error(Code::NonGroundFact, "`why` needs a ground atom (no variables)").at(
            file,
            why.atom.span,
            "has variables",
        )]),
    }
}

impl<'d> Check<'d> {
    /// A check of `scripts` (file, statements) against `db`.
    pub fn new(db: &'d Database, scripts: &[(usize, Vec<Statement>)]) -> Check<'d> {
        Check {
            db,
            preds: Cow::Borrowed(&db.preds),
            sources: Cow::Borrowed(&db.sources),
            claims: BTreeMap::new(),
            rules: Cow::Borrowed(db.rules.as_slice()),
            defined: BTreeSet::new(),
            anywhere: defines(scripts.iter().flat_map(|(_, s)| s)),
        }
    }

    /// The errors of one statement, checked in order after the ones before it.
    pub fn statement(&mut self, statement: &Statement, file: usize) -> Vec<Diagnostic> {
        let result = match statement {
            Statement::AsKnown(_) => Ok(()),
            Statement::Pred(decl) => self.pred(decl, file),
            Statement::Record(record) if record.kind == RecordKind::Source => self.source(record, file),
            Statement::Record(record) => self.claim(record, file),
            Statement::Fact(fact) => check_fact(fact, &mut self.preds, &self.sources, file).map(drop),
            Statement::Rule(rule) => self.rule(rule, file),
            Statement::Query(query) => self.query(query, file),
            Statement::Why(why) => why_tuple(self.db, &self.preds, why, file, &self.defined).map(drop),
            Statement::Declare(decl) => {
                // Checked against the kb's declarations, into a scratch copy the check drops.
                let mut scratch = self.db.declarations.clone();
                program::check_declaration(decl, "", &self.preds, file, &mut scratch)
            }
        };
        self.defined.extend(defines(std::iter::once(statement)));
        result.err().unwrap_or_default()
    }

    fn pred(&mut self, decl: &crate::syntax::PredDecl, file: usize) -> Result<(), Vec<Diagnostic>> {
        let info = crate::db::pred_declaration(&self.preds, decl, file)?;
        self.preds.to_mut().insert(decl.name, info);
        Ok(())
    }

    fn twice(what: &str, name: Symbol, file: usize, record: &crate::syntax::Record, old: Origin) -> Vec<Diagnostic> {
        vec![Diagnostic::error(Code::DuplicateName, format!("two {what}s are named `{name}`"))
            .at(file, record.span, "again here")
            .also(old.file, old.span, "first here")]
    }

    fn source(&mut self, record: &crate::syntax::Record, file: usize) -> Result<(), Vec<Diagnostic>> {
        let source = check_source(record, file)?;
        if let Some(old) = self.sources.get(&source.name) {
            return Err(Self::twice("source", source.name, file, record, old.origin));
        }
        self.sources.to_mut().insert(source.name, source);
        Ok(())
    }

    fn claim(&mut self, record: &crate::syntax::Record, file: usize) -> Result<(), Vec<Diagnostic>> {
        let claim = check_claim(record, file)?;
        let kb = || self.db.claims.iter().find(|c| c.name == claim.name).map(|c| c.origin);
        if let Some(old) = self.claims.get(&claim.name).copied().or_else(kb) {
            return Err(Self::twice("claim", claim.name, file, record, old));
        }
        if !self.sources.contains_key(&claim.source) {
            let message = format!("no source is named `{}`", claim.source);
            return Err(vec![Diagnostic::error(Code::UnknownSource, message).at(file, record.span, "in this claim")]);
        }
        self.claims.insert(claim.name, claim.origin);
        Ok(())
    }

    fn rule(&mut self, rule: &crate::syntax::Rule, file: usize) -> Result<(), Vec<Diagnostic>> {
        let text = self.db.files.text(file).get(rule.span.start..rule.span.end).unwrap_or_default().to_string();
        let checked = check_rule(rule, &text, &mut self.preds, file)?;
        let unknown = rule_body(self.db, rule, file, &self.anywhere);
        if !unknown.is_empty() {
            return Err(unknown);
        }
        self.rules.to_mut().push(checked);
        if let Err(cycle) = program::stratify(&self.rules) {
            let d = program::cycle_diagnostic(&cycle, &self.rules);
            self.rules.to_mut().pop();
            return Err(vec![d]);
        }
        Ok(())
    }

    fn query(&mut self, query: &Query, file: usize) -> Result<(), Vec<Diagnostic>> {
        let rule = check_query(&query.body, query.span, &mut Cow::Borrowed(&*self.preds), file)?;
        hints::check_known(self.db, &query.body, file, &self.defined)?;
        let Some(over) = query.aggregate.as_ref().and_then(|a| a.over) else { return Ok(()) };
        if rule.var_names.contains(&over) {
            return Ok(());
        }
        let message = format!("the aggregated variable `{over}` does not occur in the aggregate's body");
        Err(vec![Diagnostic::error(Code::UnsafeVariable, message).at(file, query.span, "in this query")])
    }
}
