//! Interval sanity: an `until` that ends nothing (L0013), and a start outside any plausible range of its source
//! (L0014).

use super::super::context::Ctx;
use super::super::finding::Finding;
use crate::diag::Code;
use crate::program::Assertion;
use crate::store::TupleFacts;
use crate::symbol::Symbol;
use crate::syntax::{Basis, FactTime};
use crate::time::Day;
use crate::value::Tuple;

/// How far from its source's publication a date the text gives may lie before it looks like a slip (a year).
const PLAUSIBLE_DAYS: i32 = 366;

/// Every unmatched end (L0013) and implausible start (L0014) of the kb's facts.
pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (pred, relation) in ctx.db.store.predicates() {
        for (tuple, facts) in relation.tuples.iter() {
            out.extend(unmatched_ends(ctx, *pred, tuple, facts));
        }
    }
    for (_, a) in ctx.db.store.assertions().filter(|(_, a)| !a.snapshot) {
        out.extend(implausible(ctx, a));
    }
    out
}

fn unmatched_ends(ctx: &Ctx, pred: Symbol, tuple: &Tuple, facts: &TupleFacts) -> Vec<Finding> {
    let statements: Vec<&Assertion> = facts.statements.iter().map(|id| ctx.db.store.assertion(*id)).collect();
    let mut out = Vec::new();
    for a in &statements {
        let FactTime::Until(end) = a.time else { continue };
        if facts.validity.contains(end.offset(-1)) {
            continue;
        }
        let later_start = statements
            .iter()
            .filter_map(|s| match s.time {
                FactTime::From(d) if d > end => Some(d),
                _ => None,
            })
            .min();
        let ended = facts.validity.intervals().iter().map(|i| i.to).filter(|to| *to < end).max();
        // A second report of an end, by another source, after the first already ended the fact: two sources
        // dating one change, which the conflict check (L0003) judges, not a structural error.
        let reported_earlier = ended.is_some_and(|day| {
            statements.iter().any(|s| {
                s.time == FactTime::Until(day) && s.cites.iter().all(|c| a.cites.iter().all(|d| d.source != c.source))
            })
        });
        if reported_earlier {
            continue;
        }
        let atom = ctx.show_atom(pred, tuple);
        let message = match (ended, later_start) {
            (Some(ended), _) => format!("`{atom}` ends on {end} but already stopped holding on {ended}"),
            (None, Some(start)) => format!("`{atom}` ends on {end} before it starts on {start}"),
            (None, None) => format!("`{atom}` ends on {end} but nothing starts it before: the end has no effect"),
        };
        let mut finding =
            Finding::new(Code::UnmatchedEnd, message).located(ctx.kb_place(a.origin, format!("until {end}"))).note(
                format!("an `until` ends the fact only after a start; if the start is unknown, write `@ [.., {end})`"),
            );
        for cite in &a.cites {
            finding = finding.with(ctx.related_source(cite.source, cite.quote.as_deref(), format!("ends {end}")));
        }
        out.push(finding);
    }
    out
}

/// The day a statement starts (or, for an `until`, the day it ends).
pub(super) fn stated_day(a: &Assertion) -> Option<Day> {
    match a.time {
        FactTime::From(d) | FactTime::Until(d) => Some(d),
        FactTime::During(i) if !i.from.is_open() => Some(i.from),
        _ => None,
    }
}

fn implausible(ctx: &Ctx, a: &Assertion) -> Option<Finding> {
    let day = stated_day(a)?;
    let is_until = matches!(a.time, FactTime::Until(_));
    for cite in &a.cites {
        let Some(published) = ctx.published(cite.source) else { continue };
        let gap = day.0.saturating_sub(published.0);
        let problem = match cite.basis {
            Basis::Published if gap != 0 => {
                format!("is dated {day} with basis published, but `{}` is published on {published}", cite.source)
            }
            Basis::Effective if !is_until && gap.abs() > PLAUSIBLE_DAYS => {
                let side = if gap < 0 { "before" } else { "after" };
                format!("starts on {day}, more than a year {side} `{}` was published ({published})", cite.source)
            }
            _ => continue,
        };
        let atom = ctx.show_atom(a.pred, &a.tuple);
        return Some(
            Finding::new(Code::ImplausibleInterval, format!("`{atom}` {problem}"))
                .located(ctx.kb_place(a.origin, super::show::show_time(&a.time)))
                .with(ctx.related_source(cite.source, cite.quote.as_deref(), format!("published {published}"))),
        );
    }
    None
}
