//! Conflicting values (L0005): one key with two values on overlapping days. The key of a tuple is its arguments
//! before the first integer or date (the predicate alone for one argument); the value is the rest. So
//! `mci(2917)` and `mci(3063)`, or `visa_term_days(b1, 30)` and `visa_term_days(b1, 90)`, compete.
//!
//! A rule stated only on single days (restatements written `@ D`) is reported too when two sources give it different
//! values with no change announced between, since their days never overlap. (The built-in kb writes restatements
//! `from D`, kb/README.md, so its disagreeing values overlap: the EAEU residence threshold is 90 days from March
//! 2021 and 30 from July.)

use super::super::context::Ctx;
use super::super::finding::Finding;
use crate::diag::Code;
use crate::program::AssertionId;
use crate::store::TupleFacts;
use crate::symbol::Symbol;
use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Every key of the kb's facts that holds two values on overlapping days (L0005).
pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (pred, relation) in ctx.db.store.predicates() {
        // The built-in `stated_count` holds the claims' own counts, which the count checks (L0001, L0004) compare.
        if pred.as_str() == "stated_count" {
            continue;
        }
        let mut groups: BTreeMap<Tuple, Vec<(&Tuple, &TupleFacts)>> = BTreeMap::new();
        for (tuple, facts) in relation.tuples.iter() {
            if let Some(at) = value_start(tuple) {
                groups.entry(Tuple::from_slice(&tuple[..at])).or_default().push((tuple, facts));
            }
        }
        for (key, tuples) in groups {
            for (i, (t1, f1)) in tuples.iter().enumerate() {
                for (t2, f2) in &tuples[i + 1..] {
                    let overlap = f1.validity.intersect(&f2.validity);
                    // One source giving two values at once lists them (articles 517 and 518): not a conflict.
                    let shared = !cited(ctx, &supports(f1, &overlap)).is_disjoint(&cited(ctx, &supports(f2, &overlap)));
                    if !overlap.is_empty() && !shared {
                        out.push(conflict(ctx, *pred, &key, (t1, f1), (t2, f2), &overlap, false));
                    } else if overlap.is_empty() && restatements(f1) && restatements(f2) {
                        let both = f1.validity.union(&f2.validity);
                        let different = cited(ctx, &supports(f1, &both)).is_disjoint(&cited(ctx, &supports(f2, &both)));
                        if different {
                            out.push(conflict(ctx, *pred, &key, (t1, f1), (t2, f2), &both, true));
                        }
                    }
                }
            }
        }
    }
    out
}

/// True when a tuple holds only on single days: restatements of a rule on the days articles mention it.
fn restatements(facts: &TupleFacts) -> bool {
    facts.validity.intervals().iter().all(|i| i.len_days() == Some(1))
}

/// Where the value starts: the first integer or date argument after the first (or the only argument).
fn value_start(tuple: &Tuple) -> Option<usize> {
    let is_value = |v: &Value| matches!(v, Value::Int(_) | Value::Date(_));
    match tuple.as_slice() {
        [only] if is_value(only) => Some(0),
        _ => tuple.iter().enumerate().skip(1).find(|(_, v)| is_value(v)).map(|(i, _)| i),
    }
}

/// The statements behind the pieces of a tuple's validity that meet `days`.
fn supports(facts: &TupleFacts, days: &IntervalSet) -> Vec<AssertionId> {
    let ids: BTreeSet<AssertionId> = facts
        .pieces
        .iter()
        .filter(|p| !days.intersect(&IntervalSet::from_intervals([p.interval])).is_empty())
        .flat_map(|p| p.support.iter().copied())
        .collect();
    ids.into_iter().collect()
}

fn cited(ctx: &Ctx, ids: &[AssertionId]) -> BTreeSet<Symbol> {
    ids.iter().flat_map(|id| ctx.db.store.assertion(*id).cites.iter().map(|c| c.source)).collect()
}

fn conflict(
    ctx: &Ctx,
    pred: Symbol,
    key: &Tuple,
    (t1, f1): (&Tuple, &TupleFacts),
    (t2, f2): (&Tuple, &TupleFacts),
    overlap: &IntervalSet,
    restated: bool,
) -> Finding {
    let shown_key = if key.is_empty() { pred.to_string() } else { format!("{pred}({}, ...)", ctx.show_all(key)) };
    let value = |t: &Tuple| ctx.show_all(&t[key.len()..]);
    let days = if restated {
        let on =
            |f: &TupleFacts| f.validity.intervals().iter().map(|i| i.from.to_string()).collect::<Vec<_>>().join(", ");
        format!("in restatements (on {} and on {}), with no change announced", on(f1), on(f2))
    } else {
        overlap.intervals().first().map(super::show::show_days).unwrap_or_default()
    };
    let (s1, s2) = (supports(f1, overlap), supports(f2, overlap));
    let names = |ids: &[AssertionId]| cited(ctx, ids).iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ");
    let message = format!(
        "`{shown_key}` has two values {days}: {} ({}) and {} ({})",
        value(t1),
        names(&s1),
        value(t2),
        names(&s2)
    );
    let mut finding = Finding::new(Code::ConflictingValues, message);
    if let Some(id) = s2.last() {
        let a = ctx.db.store.assertion(*id);
        finding = finding.located(ctx.kb_place(a.origin, format!("{} here", value(t2))));
    }
    for (ids, t) in [(&s1, t1), (&s2, t2)] {
        for id in ids.iter() {
            let a = ctx.db.store.assertion(*id);
            let label = format!("{} {}", value(t), super::show::show_time(&a.time));
            if Some(id) != s2.last() {
                finding =
                    finding.with(ctx.related_statement(a.origin, a.cites.first().map(|c| c.source), label.clone()));
            }
            for cite in &a.cites {
                finding = finding.with(ctx.related_source(cite.source, cite.quote.as_deref(), label.clone()));
            }
        }
    }
    if !restated && overlap.intervals().len() > 1 {
        let more = overlap.intervals().len() - 1;
        finding = finding.note(format!("they also overlap on {more} more {}", crate::diag::noun_for(more, "period")));
    }
    finding
}
