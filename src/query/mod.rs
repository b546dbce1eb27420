//! Answering queries: check the query, evaluate its body over the model, keep the bindings that hold at the asked
//! time, and attach each answer's confirmation and sources.

pub mod aggregate;
mod answers;
mod collect;
mod confirmation;
pub mod coverage;
mod domain;
pub mod hints;
pub mod names;
pub mod show;
pub mod suggest;

pub use answers::{Answer, Answers};
pub use collect::{bindings, shown};

use crate::db::Database;
use crate::diag::{Code, Diagnostic};
use crate::eval::Stop;
use crate::program::{check_query, Arg, Lit, Rule};
use crate::provenance::{sources_of, SourceRef};
use crate::symbol::Symbol;
use crate::syntax::{Query, QueryTime};
use crate::time::{Interval, IntervalSet};
use crate::value::{Tuple, Value};

/// A query's result: its answers, or the step function of an aggregate, with what output needs to print them.
#[derive(Clone, Debug)]
pub struct QueryResult {
    /// The query as written.
    pub text: String,
    /// The query's named variables (not `_X`), in order of first appearance: the columns of the answers.
    pub vars: Vec<Symbol>,
    /// When the query asks about.
    pub time: QueryTime,
    /// The answers, in value order; empty for an aggregate query.
    pub answers: Answers,
    /// For aggregate queries: the aggregate's variable and its step function (`answers` is then empty).
    pub aggregate: Option<(Symbol, aggregate::Steps)>,
    /// What the sources leave unsettled on the asked days (`None` for a "when" or aggregate query, and when
    /// nothing the query reads has a source, or under `--closed-world`).
    pub coverage: Option<coverage::QueryCoverage>,
}

/// A stopped evaluation as a diagnostic on the query that needed it.
pub fn stop_diagnostic(stop: &Stop, file: usize, span: crate::syntax::Span) -> Diagnostic {
    let d = stop_error(stop).at(file, span, "this query");
    match stop {
        // The rule that computed it, when it is not the query itself.
        Stop::Arith { at, .. } if at.file != file || at.span != span => {
            d.also(at.file, at.span, "computed by this rule")
        }
        _ => d,
    }
}

/// A stopped evaluation as a diagnostic that points nowhere (a stop outside any statement: a REPL command).
pub fn stop_error(stop: &Stop) -> Diagnostic {
    let (code, message) = match stop {
        Stop::Interrupted => (Code::Interrupted, "interrupted: evaluation stopped before it finished, so there is no answer".to_string()),
        Stop::Timeout => (Code::Timeout, "timed out: evaluation did not finish within --timeout, so there is no answer".to_string()),
        Stop::Budget { pred, limit } => (
            Code::TupleBudget,
            format!("tuple budget exceeded: `{pred}` was growing when the model passed {limit} tuples, so there is no answer"),
        ),
        Stop::Memory { pred, limit } => (
            Code::MemoryBudget,
            format!(
                "memory budget exceeded: `{pred}` was growing when the heap passed {}, so there is no answer",
                crate::memory::show_size(*limit)
            ),
        ),
        Stop::Arith { error, .. } => (Code::Arithmetic, format!("{}, so there is no answer", error.message())),
    };
    let d = Diagnostic::error(code, message);
    match stop {
        Stop::Budget { .. } => d.note("raise the budget with --max-tuples N, or narrow the query"),
        Stop::Timeout => d.note("raise the limit with --timeout, or narrow the query"),
        Stop::Memory { .. } => d.note("raise the budget with --max-memory SIZE, or narrow the query"),
        Stop::Interrupted => d,
        Stop::Arith { error: crate::eval::arith::ArithError::Types(..), .. } => d.note(crate::program::TYPE_RULE),
        Stop::Arith { .. } => d,
    }
}

/// The provenance of one answer: the sources of each positive premise, for the shown days.
fn answer_sources(db: &Database, rule: &Rule, values: &[Value], shown: &IntervalSet) -> Vec<SourceRef> {
    let named: Vec<usize> =
        rule.head.args.iter().filter_map(|a| if let Arg::Var(v) = a { Some(*v) } else { None }).collect();
    let mut refs = Vec::new();
    for atom in rule.body.iter().filter_map(|l| if let Lit::Pos(a) = l { Some(a) } else { None }) {
        let ground: Option<Tuple> = atom
            .args
            .iter()
            .map(|a| match a {
                Arg::Const(c) => Some(*c),
                Arg::Var(v) => named.iter().position(|n| n == v).map(|k| values[k]),
            })
            .collect();
        match ground {
            Some(tuple) => refs.extend(sources_of(db, atom.pred, &tuple, shown)),
            // An atom with unnamed variables: cite every matching tuple that holds on the shown days.
            None => refs.extend(matching_sources(db, atom, &named, values, shown)),
        }
    }
    // Reference tables (ISO codes) support every answer about a country; listing them would bury the articles.
    refs.retain(|r| r.doc.is_some());
    refs.sort();
    refs.dedup();
    refs
}

fn matching_sources(
    db: &Database,
    atom: &crate::program::AtomPat,
    named: &[usize],
    values: &[Value],
    shown: &IntervalSet,
) -> Vec<SourceRef> {
    let rule = Rule {
        head: crate::program::AtomPat { pred: Symbol::from("?premise"), args: atom.args.clone() },
        body: vec![Lit::Pos(atom.clone())],
        var_names: (0..=atom
            .args
            .iter()
            .filter_map(|a| if let Arg::Var(v) = a { Some(*v) } else { None })
            .max()
            .unwrap_or(0))
            .map(|_| Symbol::from("V"))
            .collect(),
        text: String::new(),
        origin: Default::default(),
    };
    let mut refs = Vec::new();
    let hull = shown
        .intervals()
        .first()
        .map(|f| Interval { from: f.from, to: shown.intervals()[shown.intervals().len() - 1].to });
    let Some(hull) = hull else { return refs };
    let Ok(found) = bindings(db, &rule, QueryTime::During(hull)) else { return refs };
    for k in 0..found.len() {
        let (tuple, days) = (found.values(k), found.valid(k));
        let consistent = atom.args.iter().zip(&tuple).all(|(a, v)| match a {
            Arg::Var(slot) => named.iter().position(|n| n == slot).is_none_or(|k| values[k] == *v),
            Arg::Const(_) => true,
        });
        let overlap = days.intersect(shown);
        if consistent && !overlap.is_empty() {
            refs.extend(sources_of(db, atom.pred, &tuple, &overlap));
        }
    }
    refs
}

fn answer_aggregate(
    db: &Database,
    query: &Query,
    agg: &crate::syntax::Aggregate,
    rule: &Rule,
    vars: Vec<Symbol>,
    file: usize,
) -> Result<QueryResult, Vec<Diagnostic>> {
    let over = match agg.over {
        None => None,
        Some(name) => match vars.iter().position(|v| *v == name) {
            Some(k) => Some(k),
            None => {
                let message = format!("the aggregated variable `{name}` does not occur in the aggregate's body");
                return Err(vec![Diagnostic::error(Code::UnsafeVariable, message).at(
                    file,
                    query.span,
                    "in this query",
                )]);
            }
        },
    };
    let window = aggregate::window(query.time);
    let members = match collect::bulk_rows(db, rule) {
        Some(rows) => aggregate::Members::Rows(rows),
        None => {
            let found = bindings(db, rule, QueryTime::During(window))
                .map_err(|s| vec![stop_diagnostic(&s, file, query.span)])?;
            aggregate::Members::Bindings(std::sync::Arc::new(found))
        }
    };
    let steps =
        aggregate::steps(members, agg.function, over, window).map_err(|o| vec![o.diagnostic(file, query.span)])?;
    Ok(QueryResult {
        text: query.text.clone(),
        vars,
        time: query.time,
        answers: Answers::default(),
        aggregate: Some((agg.result, steps)),
        coverage: None,
    })
}

/// Answers a query against the database; errors are diagnostics located in `file`.
pub fn answer(db: &Database, query: &Query, file: usize) -> Result<QueryResult, Vec<Diagnostic>> {
    // The kb's table, copied only if the query names a predicate it does not know (an error below).
    let mut preds = std::borrow::Cow::Borrowed(&db.preds);
    let rule = check_query(&query.body, query.span, &mut preds, file)?;
    hints::check_known(db, &query.body, file, &Default::default())?;
    let vars: Vec<Symbol> = rule
        .head
        .args
        .iter()
        .filter_map(|a| if let Arg::Var(v) = a { Some(rule.var_names[*v]) } else { None })
        .collect();
    if let Some(agg) = &query.aggregate {
        return answer_aggregate(db, query, agg, &rule, vars, file);
    }
    let mut found = bindings(db, &rule, query.time).map_err(|s| vec![stop_diagnostic(&s, file, query.span)])?;
    let body_preds: Vec<Symbol> = rule.body.iter().flat_map(Lit::atoms).map(|(a, _)| a.pred).collect();
    let cited = db.rests_on_citations(&body_preds);
    if cited {
        // Confirmation first: `--confirmed-only` may drop answers or days, and the sources are those of the days kept.
        found = confirmation::attach(db, &rule, query.time, found);
        let provenance = (0..found.len())
            .map(|k| {
                let evidence = match query.time {
                    QueryTime::At(day) => IntervalSet::from(Interval::day(day)),
                    _ => found.valid(k),
                };
                answer_sources(db, &rule, &found.values(k), &evidence)
            })
            .collect();
        found.set_provenance(provenance);
    }
    let coverage = if !db.closed_world && (cited || db.declarations.declares_coverage()) {
        let values: Vec<Tuple> = (0..found.len()).map(|k| found.values(k)).collect();
        coverage::of_query(db, &rule, query.time, &values)
    } else {
        None
    };
    // `found` is in value order (numbers by value, symbols by text).
    Ok(QueryResult { text: query.text.clone(), vars, time: query.time, answers: found, aggregate: None, coverage })
}
