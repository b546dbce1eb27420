//! `.why` and `.sources`: the proof tree and the full sources of an answer of the last query (by its number), or
//! of a fact the user writes out.

use super::answers::{describe, full_sources};
use super::entry_sink::LastQuery;
use super::state::Repl;
use crate::db::Database;
use crate::output::render_proof;
use crate::provenance::prove;
use crate::query::show;
use crate::query::{answer, Answer};
use crate::syntax::one_line;
use crate::syntax::{Atom, Literal, QueryTime, Statement, TermKind};
use crate::time::{Day, IntervalSet};
use crate::value::Tuple;

/// `.why` (answer 1), `.why N`, or `.why FACT @ DATE` (the date may be left out after a query on one day).
pub fn why(repl: &mut Repl, args: &str) -> String {
    let args = args.trim().trim_end_matches('.').trim_end();
    if args.is_empty() || args.parse::<usize>().is_ok() {
        let n = args.parse().unwrap_or(1);
        return why_answer(repl, n).unwrap_or_else(|e| format!("error: {e}\n"));
    }
    let statement = match (args.contains('@'), last_day(repl)) {
        (true, _) => format!("why {args}."),
        (false, Some(day)) => format!("why {args} @ {day}."),
        (false, None) => return "error: give the day: `.why FACT @ DATE`\n".into(),
    };
    repl.statements("<why>", &statement)
}

/// `.sources N`, or `.sources FACT [@ DATE]` (every interval when no date is given).
pub fn sources(repl: &mut Repl, args: &str) -> String {
    let args = args.trim().trim_end_matches('.').trim_end();
    if args.is_empty() {
        return "usage: .sources N | FACT [@ DATE]\n".into();
    }
    if let Ok(n) = args.parse::<usize>() {
        return match last_answer(repl, n) {
            Ok((last, answer)) => {
                let heading = format!("answer {n}: {}", describe(&repl.session.db, &last.result, &answer));
                full_sources(&heading, &answer.provenance)
            }
            Err(e) => format!("error: {e}\n"),
        };
    }
    fact_sources(repl, args)
}

/// Asks the fact as a query (not kept as the last query) and lists the sources of each answer.
fn fact_sources(repl: &mut Repl, fact: &str) -> String {
    let (file, statements, mut diagnostics) = repl.session.db.parse_input("<sources>", &format!("?- {fact}."));
    let db = &repl.session.db;
    let mut out = String::new();
    // Only the query: whatever else the text holds must not join the kb.
    for statement in &statements {
        let Statement::Query(query) = statement else { continue };
        match answer(db, query, file) {
            Ok(result) if result.answers.is_empty() => out += &format!("{fact}: does not hold\n"),
            Ok(result) => {
                for a in &result.answers {
                    out += &full_sources(
                        &format!("{}: {}", one_line(&result.text), describe(db, &result, &a)),
                        &a.provenance,
                    );
                }
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    out + &repl.session.render_diagnostics(&diagnostics, repl.colour)
}

fn last_answer(repl: &Repl, n: usize) -> Result<(&LastQuery, Answer), String> {
    let last = repl
        .last
        .as_ref()
        .ok_or("no query yet: ask one (`?- p(X) @ 2021-12-20.`), then name an answer by its number")?;
    let total = last.result.answers.len();
    match last.result.answers.get(n.wrapping_sub(1)) {
        Some(answer) => Ok((last, answer)),
        None if total == 0 => Err(format!("`?- {}` has no answers", one_line(&last.result.text))),
        None => Err(format!("`?- {}` has answers 1 to {total}", one_line(&last.result.text))),
    }
}

fn last_day(repl: &Repl) -> Option<Day> {
    match repl.last.as_ref()?.result.time {
        QueryTime::At(day) => Some(day),
        _ => None,
    }
}

/// The proof of each atom of the last query's body, instantiated with answer `n`, on the query's day (for a query
/// over a period, the first day of the answer's validity).
fn why_answer(repl: &Repl, n: usize) -> Result<String, String> {
    let (last, answer) = last_answer(repl, n)?;
    let db = &repl.session.db;
    let day = proof_day(last.result.time, &answer.valid);
    let mut out = format!("answer {n} on {day}: {}\n", describe(db, &last.result, &answer));
    for literal in &last.query.body {
        let (atom, negated) = match literal {
            Literal::Pos(atom) => (atom, false),
            Literal::Neg(atom) => (atom, true),
            // Comparisons need no proof; other literals are left to `why` on a fact.
            _ => continue,
        };
        let Some(tuple) = ground(atom, last, &answer) else {
            out += &format!("{}: has `_`; `.why` a fact with every argument written out\n", atom.pred);
            continue;
        };
        let shown = show_atom(db, atom, &tuple);
        out += &match (negated, prove(db, atom.pred, &tuple, day)) {
            (true, _) => format!("not {shown}: no such fact holds on {day}\n"),
            (false, Ok(Some(proof))) => render_proof(db, &proof),
            (false, Ok(None)) => format!("{shown} does not hold on {day}\n"),
            (false, Err(stop)) => return Ok(out + &crate::diag::render_headline(&crate::query::stop_error(&stop))),
        };
    }
    Ok(out)
}

fn proof_day(time: QueryTime, valid: &IntervalSet) -> Day {
    if let QueryTime::At(day) = time {
        return day;
    }
    let first = valid.intervals().first();
    match first {
        Some(i) if !i.from.is_open() => i.from,
        Some(i) if !i.to.is_open() => i.to.offset(-1),
        _ => Day::from_date(chrono::Local::now().date_naive()),
    }
}

/// The atom's arguments with the answer's values for its variables; `None` when it has `_`.
fn ground(atom: &Atom, last: &LastQuery, answer: &Answer) -> Option<Tuple> {
    atom.args
        .iter()
        .map(|term| match &term.kind {
            TermKind::Const(value) => Some(*value),
            TermKind::Var(var) => {
                last.result.vars.iter().position(|v| v == var).and_then(|i| answer.values.get(i).copied())
            }
            TermKind::Wildcard => None,
        })
        .collect()
}

fn show_atom(db: &Database, atom: &Atom, tuple: &Tuple) -> String {
    show::show_atom(db, atom.pred, tuple)
}
