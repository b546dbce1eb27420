//! Why not: for a fact that does not hold on a day, the nearest intervals where it does, and for each rule that
//! could derive it, which premise is missing (or which negated fact is present) on that day.

use super::instance_text;
use super::proof::{bound_rule, validity_of};
use crate::db::Database;
use crate::eval::days::Days;
use crate::eval::dict::Scratch;
use crate::eval::exec::Exec;
use crate::eval::plan::plan;
use crate::eval::{Delta, Stop};
use crate::program::{Arg, Lit};
use crate::symbol::Symbol;
use crate::time::{Day, Interval, IntervalSet};
use crate::value::{Tuple, Value};

/// Why a fact does not hold on a day: the nearest days it does hold, and the reasons.
#[derive(Clone, Debug, PartialEq)]
pub struct WhyNot {
    /// Whether the sources settle the fact's absence on the day: when false, the answer is unknown, not "no".
    pub settled: bool,
    /// The statements that ended the fact's last interval before the day (an `until`, a later value of a
    /// functional key, a complete list), each with its citations; empty when none did.
    pub ended_by: Vec<crate::program::AssertionId>,
    /// The predicate asked about.
    pub pred: Symbol,
    /// The arguments asked about.
    pub tuple: Tuple,
    /// The day asked about.
    pub day: Day,
    /// The last interval ending on or before the day, and the first starting after it.
    pub before: Option<Interval>,
    /// The first interval starting after the day; `None` when the fact never holds later.
    pub after: Option<Interval>,
    /// One line per reason, most specific first.
    pub reasons: Vec<String>,
}

fn nearest(days: &IntervalSet, day: Day) -> (Option<Interval>, Option<Interval>) {
    let before = days.intervals().iter().rfind(|i| i.to <= day).copied();
    let after = days.intervals().iter().find(|i| i.from > day).copied();
    (before, after)
}

fn describe_interval(days: &IntervalSet, day: Day) -> String {
    match nearest(days, day) {
        (None, None) => "it never holds".into(),
        (Some(b), None) => format!("it last held {b}"),
        (None, Some(a)) => format!("it next holds {a}"),
        (Some(b), Some(a)) => format!("it held {b} and holds again {a}"),
    }
}

/// Explains why `pred(tuple)` does not hold on `day`; `None` when it does hold, an error when the request's
/// limits stopped the search.
pub fn why_not(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Result<Option<WhyNot>, Stop> {
    let model = db.model_for(&[], &[])?;
    let validity = |pred: Symbol, tuple: &Tuple| validity_of(db, &model, pred, tuple);
    let days = validity(pred, tuple);
    if days.contains(day) {
        return Ok(None);
    }
    let (before, after) = nearest(&days, day);
    let mut reasons = Vec::new();
    let pattern: Vec<Option<Value>> = tuple.iter().copied().map(Some).collect();
    let gap = super::coverage::Coverage::new(db).gap(pred, &pattern, day);
    if let Some(gap) = &gap {
        reasons.push(format!("unknown rather than no: {}", gap.describe()));
    }
    let ended_by = if db.is_derived(pred) { Vec::new() } else { ending(db, pred, tuple, before) };
    if !db.is_derived(pred) {
        let mut reason = format!("no statement makes it hold on {day}; {}", describe_interval(&days, day));
        reason += &ended_text(db, &ended_by, before);
        reasons.push(reason);
    }
    for (rule_id, rule) in db.rules.iter().enumerate().filter(|(_, r)| r.head.pred == pred) {
        let rule_text = rule.one_line();
        let bound = bound_rule(rule, tuple);
        let mut plan = plan(&bound, rule_id as u32, None, false);
        let slots = plan.bound();
        let mut instances: Vec<Vec<Option<Value>>> = Vec::new();
        // Instances of the positive body on any day, negations left out: each then shows what fails on the asked
        // day.
        plan.steps.retain(|s| !matches!(s, crate::eval::plan::Step::Not { .. }));
        let scratch = Scratch::new(&model.dict);
        let no_delta = Delta::default();
        let run = Exec::new(&plan, &model.rels, &no_delta, &scratch, &db.guard).run(Days::Always, &mut |f| {
            instances.push(f.env.iter().zip(&slots).map(|(id, b)| b.then(|| scratch.value(*id))).collect());
            instances.len() < 3
        });
        // Three instances are enough (the receiver's refusal); any other halt is the request's limits.
        match run {
            Err(halt) if instances.len() < 3 => return Err(halt.into_stop(pred, &db.guard, rule.origin)),
            _ => {}
        }
        if instances.is_empty() {
            // Name the premises that, with the head's values, never hold at all.
            let env = head_env(rule, tuple);
            let never: Vec<String> = rule
                .body
                .iter()
                .filter(|l| matches!(l, Lit::Pos(_)))
                .filter_map(Lit::atom)
                .filter(|a| {
                    a.args.iter().all(|x| matches!(x, Arg::Const(_)) || matches!(x, Arg::Var(v) if env[*v].is_some()))
                })
                .filter(|a| a.ground(&env).is_some_and(|ground| validity(a.pred, &ground).is_empty()))
                .map(|a| instance_text(a, &env))
                .collect();
            let detail = if never.is_empty() {
                "its body never holds for these values".to_string()
            } else {
                format!("{} never holds", never.join(" and "))
            };
            reasons.push(format!("by rule `{rule_text}`: {detail}"));
            continue;
        }
        for env in instances {
            for lit in &rule.body {
                let Some(atom) = lit.atom() else { continue };
                let Some(ground) = atom.ground(&env) else { continue };
                let held = validity(atom.pred, &ground);
                let text = instance_text(atom, &env);
                match lit {
                    Lit::Neg(_) if held.contains(day) => {
                        reasons.push(format!("by rule `{rule_text}`: `not {text}` fails, {text} holds on {day}"));
                    }
                    Lit::Pos(_) if !held.contains(day) => {
                        let ended = if db.is_derived(atom.pred) {
                            String::new()
                        } else {
                            let last = nearest(&held, day).0;
                            ended_text(db, &ending(db, atom.pred, &ground, last), last)
                        };
                        reasons.push(format!(
                            "by rule `{rule_text}`: premise {text} is missing on {day}; {}{ended}",
                            describe_interval(&held, day)
                        ));
                    }
                    _ => {}
                }
            }
        }
    }
    reasons.dedup();
    Ok(Some(WhyNot { settled: gap.is_none(), ended_by, pred, tuple: tuple.clone(), day, before, after, reasons }))
}

/// The statements that ended the interval `last` of a base fact: the `until` statements of the piece that ends
/// there, or the statement of the later value that cut it.
fn ending(db: &Database, pred: Symbol, tuple: &Tuple, last: Option<Interval>) -> Vec<crate::program::AssertionId> {
    let Some(last) = last.filter(|i| !i.to.is_open()) else { return Vec::new() };
    let store = db.visible_store();
    let Some(facts) = store.relation(pred).and_then(|r| r.tuples.get(tuple)) else { return Vec::new() };
    let mut out = Vec::new();
    for piece in facts.pieces.iter().filter(|p| p.interval.to == last.to) {
        // The statements that date the end, when they cite a source: an `until`, or a stated period.
        out.extend(piece.support.iter().copied().filter(|id| {
            let a = store.assertion(*id);
            !a.cites.is_empty()
                && match a.time {
                    crate::syntax::FactTime::Until(d) => d == last.to,
                    crate::syntax::FactTime::During(i) => i.to == last.to,
                    _ => false,
                }
        }));
        out.extend(piece.ended_by);
    }
    out.sort();
    out.dedup();
    out
}

/// `, ended on D by ...` with each ending statement and its citations, for a reason line.
fn ended_text(db: &Database, ids: &[crate::program::AssertionId], last: Option<Interval>) -> String {
    let (Some(last), false) = (last, ids.is_empty()) else { return String::new() };
    let store = db.visible_store();
    let parts: Vec<String> = ids
        .iter()
        .map(|id| {
            let a = store.assertion(*id);
            let what = match a.time {
                crate::syntax::FactTime::Until(d) => format!("until {d}"),
                crate::syntax::FactTime::From(d) => {
                    format!("{} from {d}", crate::syntax::write_atom(a.pred, &a.tuple))
                }
                crate::syntax::FactTime::During(i) => format!("@ {i}"),
                crate::syntax::FactTime::Always => "always".into(),
            };
            let cites: Vec<String> = a
                .cites
                .iter()
                .map(|c| {
                    let source = db.sources.get(&c.source);
                    let place = source
                        .and_then(|s| s.doc.as_ref().map(|d| (d.clone(), s.lines)))
                        .map(|(d, l)| l.map(|(a, b)| format!("{d}:{a}-{b}")).unwrap_or(d))
                        .unwrap_or_else(|| "reference".into());
                    let published =
                        source.and_then(|s| s.published).map(|d| format!(", published {d}")).unwrap_or_default();
                    let quote = c.quote.as_ref().map(|q| format!(" \"{q}\"")).unwrap_or_default();
                    format!("{} [{place}{published}]{quote}", c.source)
                })
                .collect();
            format!(
                "`{what}` ({}) citing {}",
                a.cites.first().map(|c| c.basis.name()).unwrap_or("effective"),
                cites.join(", ")
            )
        })
        .collect();
    format!(", ended on {} by {}", last.to, parts.join(" and "))
}

/// The bindings the head alone gives: each head variable its value in `tuple`.
fn head_env(rule: &crate::program::Rule, tuple: &Tuple) -> Vec<Option<Value>> {
    let mut env = vec![None; rule.var_names.len()];
    for (arg, value) in rule.head.args.iter().zip(tuple) {
        if let Arg::Var(v) = arg {
            env[*v] = Some(*value);
        }
    }
    env
}
