//! Statements into the database: declarations, facts, rules. Kb folders load as one program (declarations first,
//! so file order does not matter); scripts and the REPL apply statements one at a time, in order.

use super::Database;
use crate::diag::Origin;
use crate::diag::{Code, Diagnostic};
use crate::program::{self, check_claim, check_fact, check_rule, check_source, PredInfo};
use crate::syntax::{parse_program, Query, RecordKind, Statement, Why};

/// What a statement asks of the session beyond changing the database.
#[derive(Debug, Clone)]
pub enum Request {
    /// A query to answer against the database as it stands.
    Query(Query),
    /// A `why` or `why not` to explain.
    Why(Why),
}

fn syntax_diagnostics(file: usize, errors: Vec<crate::syntax::SyntaxError>) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|e| {
            let d = Diagnostic::error(e.code, e.message.clone()).at(file, e.span, "here");
            match e.note {
                Some(note) => d.note(note),
                None => d,
            }
        })
        .collect()
}

impl Database {
    /// Loads kb files as one program: every declaration of every file first, then facts, rules and claims.
    pub fn load_kb(&mut self, files: Vec<(String, String)>) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let ids: Vec<usize> = files.into_iter().map(|(name, text)| self.files.add(name, text)).collect();
        let mut parsed = Vec::new();
        for (file, program) in self.parse_files(&ids) {
            diags.extend(syntax_diagnostics(file, program.errors));
            parsed.push((file, program.statements));
        }
        for (file, statements) in &parsed {
            for statement in statements.iter().filter(|s| is_declaration(s)) {
                diags.extend(self.apply(statement, *file).err().unwrap_or_default());
            }
        }
        // Declarations about predicates come once every predicate is declared, and before the facts they pair.
        for (file, statements) in &parsed {
            for statement in statements.iter().filter(|s| is_predicate_declaration(s)) {
                diags.extend(self.apply(statement, *file).err().unwrap_or_default());
            }
        }
        let mut batch = Vec::new();
        let mut graph = program::RuleGraph::of(&self.rules);
        for (file, statements) in &parsed {
            for statement in statements.iter().filter(|s| !is_declaration(s) && !is_predicate_declaration(s)) {
                match statement {
                    // Facts go in as one batch, each tuple paired once.
                    Statement::Fact(fact) => match check_fact(fact, &mut self.preds, &self.sources, *file) {
                        Ok(assertion) => batch.push(assertion),
                        Err(errors) => diags.extend(errors),
                    },
                    // Claims are asserted together at the end, when every rule is known.
                    Statement::Record(record) => diags.extend(self.add_claim(record, *file).err().unwrap_or_default()),
                    Statement::Query(q) => diags.push(not_in_kb(*file, q.span, "query")),
                    Statement::Why(w) => diags.push(not_in_kb(*file, w.span, "`why`")),
                    Statement::AsKnown(k) => diags.push(not_in_kb(*file, k.span, "`as known`")),
                    Statement::Rule(rule) => {
                        diags.extend(self.add_kb_rule(rule, *file, &mut graph).err().unwrap_or_default())
                    }
                    other => diags.extend(self.apply(other, *file).err().unwrap_or_default()),
                }
            }
        }
        // Every rule is in: the strata of all of them (they were checked for cycles as each came).
        diags.extend(self.restratify().err().unwrap_or_default());
        self.store.extend(batch);
        self.assert_snapshot_claims(0);
        self.assert_stated_counts(0);
        self.assert_complete_claims(0);
        self.changed();
        diags
    }

    /// Parses kb files, on two threads when there is enough text to pay for one: parsing is most of a cold
    /// start, and the files are independent. Results come back in file order.
    fn parse_files(&self, ids: &[usize]) -> Vec<(usize, crate::syntax::Parsed)> {
        let total: usize = ids.iter().map(|f| self.files.text(*f).len()).sum();
        if total < 64 * 1024 || ids.len() < 2 {
            return ids.iter().map(|f| (*f, parse_program(self.files.text(*f)))).collect();
        }
        // Split by size: the first files up to half the text on one thread, the rest on this one.
        let mut sum = 0;
        let cut = ids.iter().position(|f| {
            sum += self.files.text(*f).len();
            sum * 2 >= total
        });
        let (front, back) = ids.split_at(cut.map(|k| k + 1).unwrap_or(ids.len()).min(ids.len()));
        let files = &self.files;
        let parse = |part: &[usize]| -> Vec<(usize, crate::syntax::Parsed)> {
            part.iter().map(|f| (*f, parse_program(files.text(*f)))).collect()
        };
        std::thread::scope(|scope| {
            let helper = scope.spawn(|| parse(back));
            let mut out = parse(front);
            // A parser thread that panicked is a bug; parse its files again here so that the panic surfaces.
            out.extend(helper.join().unwrap_or_else(|_| parse(back)));
            out
        })
    }

    /// Checks and adds a rule of a kb being loaded. The strata are computed once every rule is in; only a rule
    /// that closes a cycle is stratified with the rules before it right away, so that a negation cycle is
    /// reported at the rule that closes it, and that rule left out, exactly as one statement at a time would.
    fn add_kb_rule(
        &mut self,
        rule: &crate::syntax::Rule,
        file: usize,
        graph: &mut program::RuleGraph,
    ) -> Result<(), Vec<Diagnostic>> {
        let text = self.files.text(file)[rule.span.start..rule.span.end].to_string();
        let checked = check_rule(rule, &text, &mut self.preds, file)?;
        let cycle = graph.closes_cycle(&checked);
        self.rules.push(checked);
        if cycle {
            if let Err(errors) = self.restratify() {
                self.rules.pop();
                return Err(errors);
            }
        }
        graph.add(&self.rules[self.rules.len() - 1]);
        Ok(())
    }

    /// Registers a script or REPL input and parses it; the caller applies the statements one by one.
    pub fn parse_input(&mut self, name: &str, text: &str) -> (usize, Vec<Statement>, Vec<Diagnostic>) {
        let file = self.files.add(name, text);
        let program = parse_program(self.files.text(file));
        (file, program.statements, syntax_diagnostics(file, program.errors))
    }

    /// Applies one statement; queries and `why` come back as requests.
    pub fn apply(&mut self, statement: &Statement, file: usize) -> Result<Option<Request>, Vec<Diagnostic>> {
        match statement {
            Statement::Query(q) => return Ok(Some(Request::Query(q.clone()))),
            Statement::Why(w) => return Ok(Some(Request::Why(w.clone()))),
            Statement::AsKnown(known) => {
                self.set_as_known(known.day);
                return Ok(None);
            }
            Statement::Pred(decl) => self.declare_pred(decl, file)?,
            Statement::Record(record) if record.kind == RecordKind::Source => {
                let source = check_source(record, file)?;
                self.unique(
                    source.name,
                    "source",
                    file,
                    record.span,
                    self.sources.get(&source.name).map(|s| s.origin),
                )?;
                self.sources.insert(source.name, source);
            }
            Statement::Record(record) => {
                self.add_claim(record, file)?;
                self.assert_snapshot_claims(self.claims.len() - 1);
                self.assert_stated_counts(self.claims.len() - 1);
                self.assert_complete_claims(self.claims.len() - 1);
            }
            Statement::Declare(decl) => self.declare(decl, file)?,
            Statement::Fact(fact) => {
                let assertion = check_fact(fact, &mut self.preds, &self.sources, file)?;
                self.store.insert(assertion);
            }
            Statement::Rule(rule) => {
                let text = self.files.text(file)[rule.span.start..rule.span.end].to_string();
                let checked = check_rule(rule, &text, &mut self.preds, file)?;
                self.rules.push(checked);
                if let Err(errors) = self.restratify() {
                    self.rules.pop();
                    return Err(errors);
                }
            }
        }
        self.changed();
        Ok(None)
    }

    /// Applies consecutive facts as one batch: each touched tuple is paired once, so a script of many statements
    /// of one tuple loads in time linear in their number, not quadratic.
    pub fn apply_facts(&mut self, facts: &[&crate::syntax::Fact], file: usize) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let mut batch = Vec::with_capacity(facts.len());
        for fact in facts {
            match check_fact(fact, &mut self.preds, &self.sources, file) {
                Ok(assertion) => batch.push(assertion),
                Err(errors) => diags.extend(errors),
            }
        }
        if !batch.is_empty() {
            self.store.extend(batch);
            self.changed();
        }
        diags
    }

    fn add_claim(&mut self, record: &crate::syntax::Record, file: usize) -> Result<(), Vec<Diagnostic>> {
        let claim = check_claim(record, file)?;
        let previous = self.claims.iter().find(|c| c.name == claim.name).map(|c| c.origin);
        self.unique(claim.name, "claim", file, record.span, previous)?;
        if !self.sources.contains_key(&claim.source) {
            let message = format!("no source is named `{}`", claim.source);
            return Err(vec![Diagnostic::error(Code::UnknownSource, message).at(file, record.span, "in this claim")]);
        }
        self.claims.push(claim);
        Ok(())
    }

    /// Checks and keeps a declaration about predicates; a functional one re-pairs the predicate's facts.
    fn declare(&mut self, decl: &crate::syntax::Declaration, file: usize) -> Result<(), Vec<Diagnostic>> {
        let text = &self.files.text(file)[decl.span.start..decl.span.end];
        program::check_declaration(decl, text, &self.preds, file, &mut self.declarations)?;
        if let crate::syntax::DeclarationKind::Functional(_) = decl.kind {
            if let Some(f) = self.declarations.functional.last() {
                let (pred, key) = (f.pred, f.key.clone());
                self.store.set_functional(pred, &key);
            }
        }
        Ok(())
    }

    fn declare_pred(&mut self, decl: &crate::syntax::PredDecl, file: usize) -> Result<(), Vec<Diagnostic>> {
        let info = pred_declaration(&self.preds, decl, file)?;
        self.preds.insert(decl.name, info);
        Ok(())
    }

    fn unique(
        &self,
        name: crate::symbol::Symbol,
        what: &str,
        file: usize,
        span: crate::syntax::Span,
        previous: Option<Origin>,
    ) -> Result<(), Vec<Diagnostic>> {
        match previous {
            None => Ok(()),
            Some(old) => Err(vec![Diagnostic::error(Code::DuplicateName, format!("two {what}s are named `{name}`"))
                .at(file, span, "again here")
                .also(old.file, old.span, "first here")]),
        }
    }

    /// Recomputes the strata; a negation cycle is an error that names the cycle.
    pub fn restratify(&mut self) -> Result<(), Vec<Diagnostic>> {
        match program::stratify(&self.rules) {
            Ok(strata) => {
                self.strata = strata;
                Ok(())
            }
            Err(cycle) => Err(vec![program::cycle_diagnostic(&cycle, &self.rules)]),
        }
    }
}

/// `settled`, `open`, `functional` and `regime`: what the facts and their coverage depend on. Constraints read
/// rules, so they come with the rules.
fn is_predicate_declaration(statement: &Statement) -> bool {
    matches!(statement, Statement::Declare(d) if !matches!(d.kind, crate::syntax::DeclarationKind::Constraint(_)))
}

fn is_declaration(statement: &Statement) -> bool {
    matches!(statement, Statement::Pred(_)) || matches!(statement, Statement::Record(r) if r.kind == RecordKind::Source)
}

fn not_in_kb(file: usize, span: crate::syntax::Span, what: &str) -> Diagnostic {
    Diagnostic::error(Code::Syntax, format!("a {what} cannot stand in a kb file"))
        .at(file, span, "here")
        .note("kb files hold declarations, facts, rules and claims; put queries in a script for `tkb run`")
}

/// A predicate declaration checked against the predicates known so far: E0105 when it is declared twice, E0101
/// when it was used with another arity; else what to record. The one check, shared by loading and by
/// `session::check`, which runs it on a copy before a script runs.
pub fn pred_declaration(
    preds: &std::collections::BTreeMap<crate::symbol::Symbol, PredInfo>,
    decl: &crate::syntax::PredDecl,
    file: usize,
) -> Result<PredInfo, Vec<Diagnostic>> {
    if let Some(old) = preds.get(&decl.name).filter(|p| p.meaning.is_some()) {
        let message = format!("predicate `{}` is declared twice", decl.name);
        let d = Diagnostic::error(Code::DuplicateName, message).at(file, decl.span, "again here");
        return Err(vec![d.also(old.origin.file, old.origin.span, "first declared here")]);
    }
    if let Some(used) = preds.get(&decl.name).filter(|p| p.arity != decl.params.len()) {
        let message = format!(
            "`{}` is declared with {} but used with {}",
            decl.name,
            crate::diag::plural(decl.params.len(), "argument"),
            used.arity
        );
        let d = Diagnostic::error(Code::ArityMismatch, message).at(file, decl.span, "declared here");
        return Err(vec![d.also(used.origin.file, used.origin.span, "used here")]);
    }
    let origin = Origin { file, span: decl.span };
    Ok(PredInfo { arity: decl.params.len(), params: decl.params.clone(), meaning: Some(decl.meaning.clone()), origin })
}
