//! Constraints (L0018, errors): the body of each `constraint` declaration is asked as a "when" query; every
//! binding it finds is a violation, reported with its days and the proof of each premise on the first of them, so
//! that both sides of the contradiction show down to their quotes.

use super::super::context::Ctx;
use super::super::finding::Finding;
use crate::diag::Code;
use crate::output::render_proof;
use crate::provenance::prove_body;
use crate::syntax::QueryTime;
use crate::time::{Day, Interval};

/// Violations shown per constraint; the rest are counted.
const SHOWN: usize = 5;

/// Every violation of the kb's constraints.
pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let db = ctx.db;
    let mut out = Vec::new();
    for constraint in &db.declarations.constraints {
        let rule = &constraint.rule;
        let found = match crate::query::bindings(db, rule, QueryTime::When) {
            Ok(found) => found,
            Err(stop) => {
                let why = crate::query::stop_error(&stop).message;
                let message = format!("constraint `{}` could not be checked: {why}", constraint.name);
                out.push(Finding::new(Code::ConstraintViolated, message).located(ctx.kb_place(rule.origin, "here")));
                continue;
            }
        };
        for k in 0..found.len().min(SHOWN) {
            let (values, days) = (found.values(k), found.valid(k));
            let names: Vec<String> = rule
                .head
                .args
                .iter()
                .zip(&values)
                .filter_map(|(arg, v)| match arg {
                    crate::program::Arg::Var(slot) => Some(format!("{} = {}", rule.var_names[*slot], ctx.show(v))),
                    crate::program::Arg::Const(_) => None,
                })
                .collect();
            let binding = if names.is_empty() { String::new() } else { format!(" for {}", names.join(", ")) };
            let shown = crate::output::show_set(&days);
            let message = format!("constraint `{}` is violated{binding} on {shown}", constraint.name);
            let mut finding =
                Finding::new(Code::ConstraintViolated, message).located(ctx.kb_place(rule.origin, "this constraint"));
            if let Some(day) = days.intervals().first().map(|i| dated(ctx, *i)) {
                for (i, proof) in
                    prove_body(db, rule, &values, day).ok().flatten().unwrap_or_default().iter().enumerate()
                {
                    finding =
                        finding.note(format!("premise {} on {day}:\n{}", i + 1, render_proof(db, proof).trim_end()));
                }
            }
            out.push(finding);
        }
        if found.len() > SHOWN {
            let more = found.len() - SHOWN;
            let message = format!(
                "constraint `{}` is violated {more} more {}",
                constraint.name,
                crate::diag::noun_for(more, "time")
            );
            out.push(
                Finding::new(Code::ConstraintViolated, message).located(ctx.kb_place(rule.origin, "this constraint")),
            );
        }
    }
    out
}

/// A dated day of an interval: its first, else its last, else the latest publication of a source.
fn dated(ctx: &Ctx, interval: Interval) -> Day {
    if !interval.from.is_open() {
        interval.from
    } else if !interval.to.is_open() {
        interval.to.offset(-1)
    } else {
        ctx.db.sources.values().filter_map(|s| s.published).max().unwrap_or(Day(0))
    }
}
