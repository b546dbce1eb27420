//! Conflicts between sources: different effective dates for the same start or end of a fact (L0003), and
//! different counts of the same set with no announced change between them (L0004).

use super::super::context::Ctx;
use super::super::finding::Finding;
use super::{is_full_list, Events};
use crate::diag::Code;
use crate::program::{Assertion, AssertionId};
use crate::program::{Claim, ClaimKind};
use crate::store::TupleFacts;
use crate::symbol::Symbol;
use crate::syntax::{Basis, FactTime};
use crate::time::Day;
use crate::value::Tuple;
use std::collections::{BTreeMap, BTreeSet};

/// L0003: two starts (or two ends) of one tuple with no end (start) between them, on different days, from
/// different sources, both dated by the text (a decision, an effective or a stated date). A decision and an
/// effective date of one change are compared too: the kb has to choose between them (see `store::pairing`).
pub fn dates(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (pred, relation) in ctx.db.store.predicates() {
        for (tuple, facts) in relation.tuples.iter() {
            let mut events: Vec<(Day, bool, AssertionId)> = facts
                .statements
                .iter()
                .filter(|id| !ctx.db.store.assertion(**id).snapshot)
                .filter_map(|id| match ctx.db.store.assertion(*id).time {
                    FactTime::From(day) => Some((day, true, *id)),
                    FactTime::Until(day) => Some((day, false, *id)),
                    _ => None,
                })
                .collect();
            // Ends sort before starts on the same day, as the loader pairs them.
            events.sort_by_key(|(day, start, id)| {
                let a = ctx.db.store.assertion(*id);
                (*day, *start, a.origin.file, a.origin.span.start)
            });
            let mut run: Vec<AssertionId> = Vec::new();
            let mut run_is_start = None;
            for (_, start, id) in events {
                if run_is_start != Some(start) {
                    run.clear();
                    run_is_start = Some(start);
                }
                for earlier in &run {
                    let pair = [*earlier, id];
                    if let Some(f) = date_conflict(ctx, (*pred, tuple, facts), pair, start) {
                        out.push(f);
                    }
                }
                run.push(id);
            }
        }
    }
    out
}

fn sources(a: &Assertion) -> BTreeSet<Symbol> {
    a.cites.iter().map(|c| c.source).collect()
}

/// How the text dates the statement: `Some("decision")`, `Some("effective")` (or stated), or `None` for a date
/// the encoder chose (inferred, published, snapshot), which is not compared.
fn dated_by_text(a: &Assertion) -> Option<&'static str> {
    let bases: BTreeSet<Basis> = a.cites.iter().map(|c| c.basis).collect();
    if bases.contains(&Basis::Effective) || bases.contains(&Basis::Stated) {
        Some("effective")
    } else if bases.contains(&Basis::Decision) {
        Some("decision")
    } else {
        None
    }
}

fn day_of(a: &Assertion) -> Option<Day> {
    match a.time {
        FactTime::From(d) | FactTime::Until(d) => Some(d),
        _ => None,
    }
}

/// The day the kb's pairing uses for a start (or an end) that either statement gives: the bound of the pieces
/// they support.
fn used_day(facts: &TupleFacts, ids: [AssertionId; 2], start: bool) -> Option<Day> {
    let pieces = facts.pieces.iter().filter(|p| ids.iter().any(|id| p.support.contains(id)));
    if start {
        pieces.map(|p| p.interval.from).min()
    } else {
        pieces.map(|p| p.interval.to).max()
    }
}

fn date_conflict(
    ctx: &Ctx,
    (pred, tuple, facts): (Symbol, &Tuple, &TupleFacts),
    ids: [AssertionId; 2],
    start: bool,
) -> Option<Finding> {
    let (x, y) = (ctx.db.store.assertion(ids[0]), ctx.db.store.assertion(ids[1]));
    let (dx, dy) = (day_of(x)?, day_of(y)?);
    let (sx, sy) = (sources(x), sources(y));
    let (bx, by) = (dated_by_text(x)?, dated_by_text(y)?);
    if dx == dy || !sx.is_disjoint(&sy) {
        return None;
    }
    let what = if start { "starts" } else { "ends" };
    let name = |s: &BTreeSet<Symbol>| s.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
    let used = used_day(facts, ids, start).map(|d| format!("; the kb uses {d}")).unwrap_or_default();
    let message = format!(
        "sources disagree on when `{}` {what}: {dx} ({bx}) according to {}, {dy} ({by}) according to {}{used}",
        ctx.show_atom(pred, tuple),
        name(&sx),
        name(&sy)
    );
    let mut finding = Finding::new(Code::ConflictingDates, message)
        .located(ctx.kb_place(y.origin, format!("{what} {dy}")))
        .with(ctx.related_statement(x.origin, sx.first().copied(), format!("{what} {dx}")));
    for (a, day) in [(x, dx), (y, dy)] {
        for cite in &a.cites {
            finding = finding.with(ctx.related_source(cite.source, cite.quote.as_deref(), format!("{what} {day}")));
        }
    }
    Some(finding)
}

/// Counts stated more than about three months apart describe different moments, not overlapping ones.
const COMPARABLE_DAYS: i32 = 92;

/// The count a claim gives for its whole set: its `count`, or the length of a snapshot's list.
fn whole_count(claim: &Claim) -> Option<i64> {
    match claim.kind {
        ClaimKind::Count => claim.count,
        ClaimKind::Snapshot if claim.count.is_some() => claim.count,
        ClaimKind::Snapshot if !claim.members.is_empty() => Some(claim.members.len() as i64),
        _ => None,
    }
}

/// L0004: consecutive claims about one set with different counts and no announced change between them. Two full
/// lists are left to the unannounced-change check, which names the members.
pub fn counts(ctx: &Ctx, events: &Events) -> Vec<Finding> {
    let mut sets: BTreeMap<Symbol, Vec<(&Claim, i64)>> = BTreeMap::new();
    for claim in &ctx.db.claims {
        if let Some(count) = whole_count(claim) {
            sets.entry(claim.about).or_default().push((claim, count));
        }
    }
    let mut out = Vec::new();
    for (about, mut claims) in sets {
        claims.sort_by(|(a, _), (b, _)| (a.date, a.name.as_str()).cmp(&(b.date, b.name.as_str())));
        for pair in claims.windows(2) {
            let ((a, ca), (b, cb)) = (pair[0], pair[1]);
            let both_lists = is_full_list(a) && is_full_list(b);
            let apart = b.date.0.saturating_sub(a.date.0) > COMPARABLE_DAYS;
            if ca == cb || both_lists || apart || events.any_between(about, a.date, b.date) {
                continue;
            }
            out.push(count_conflict(ctx, about, (a, ca), (b, cb)));
        }
    }
    out
}

fn count_conflict(ctx: &Ctx, about: Symbol, (a, ca): (&Claim, i64), (b, cb): (&Claim, i64)) -> Finding {
    let message = if a.date == b.date {
        format!("on {}, `{}` counts {ca} members of `{about}` and `{}` counts {cb}", a.date, a.source, b.source)
    } else {
        format!(
            "`{}` counts {ca} members of `{about}` on {} and `{}` counts {cb} on {}, with no change announced between",
            a.source, a.date, b.source, b.date
        )
    };
    Finding::new(Code::ConflictingCounts, message)
        .located(ctx.kb_place(b.origin, format!("{cb} on {}", b.date)))
        .with(ctx.related_statement(a.origin, Some(a.source), format!("{ca} on {}", a.date)))
        .with(ctx.related_source(a.source, Some(&a.quote), format!("{ca} on {}", a.date)))
        .with(ctx.related_source(b.source, Some(&b.quote), format!("{cb} on {}", b.date)))
}
