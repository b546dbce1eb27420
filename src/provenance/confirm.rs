//! Confirmation: the days a fact's sources confirm, and whether a day the fact holds on is only *presumed*.
//!
//! A base fact holds on a maximal interval around the asked day. Its sources confirm it
//! - from its stated start (a bound of the interval that a statement gives), or, when the start is open, from the
//!   earliest publication of a source that states or lists it;
//! - to its stated end, or, when the end is open, to the latest publication (on or before the "as known" day) of
//!   a source that states it, re-lists it, or relies on it (a list of a predicate derived from it naming the
//!   member, such as a list of IDC-exempt countries for a flight). A source also confirms the days its statement
//!   names when they are later than its publication: an announced start, the end of a stated period, the date
//!   of a list.
//!
//! A day outside those confirmed days is presumed: the fact is carried backward or forward, but no source says so.
//! A fact no dated source states (a reference table, a fact a script or a fact file states without a citation)
//! is never presumed: it claims no more than it is given, and a list naming it does not date it.
//!
//! A derived fact rests on the premises of its proof (`provenance::prove`), an answer of a query on those of its
//! body (`provenance::prove_body`). Its confirmed days are those of the interval around the day on which every
//! premise is confirmed, a premise read through a metric window counting on each day whose window holds a
//! confirmed day of it (`<-`, `<+`; every day of the window for `[-`, `[+`). So it is presumed on a day when a
//! premise is presumed on the day the rule reads it. It was last confirmed when the least recently confirmed
//! premise was (the minimum of their `last_confirmed`), and first confirmed when the most recently started one was
//! (the maximum of their `first_confirmed`): a conclusion is only as current as the oldest news it rests on. A
//! `not` premise rests on no source (no article says what does not hold) and plays no part. A fact with several
//! derivations on a day takes the best of them (`best`): any one is enough for it to hold.

use crate::db::Database;
use crate::program::{ClaimKind, Lit};
use crate::symbol::Symbol;
use crate::syntax::{FactTime, QueryTime};
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Tuple;
use std::collections::BTreeSet;
use std::sync::Arc;

/// How far the sources confirm a fact that holds on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmation {
    /// The maximal interval around the day on which the fact holds; for a derived fact, the part of it on which
    /// the premises of its proof hold (another proof may carry the fact on past it).
    pub holds: Interval,
    /// The days of `holds` that the sources confirm; `holds` itself when no dated source speaks of the fact.
    /// `None` only for a derived fact whose premises are confirmed on no common day.
    pub confirmed: Option<Interval>,
    /// The earliest publication (clamped into `holds`) that confirms the fact; `None` when no dated source does.
    pub first_confirmed: Option<Day>,
    /// The latest publication (clamped into `holds`, on or before the "as known" day) that confirms the fact.
    pub last_confirmed: Option<Day>,
    /// Whether the asked day lies outside the confirmed days.
    pub presumed: bool,
}

impl Confirmation {
    /// The first presumed day after the confirmed days, when the fact is carried forward past them: what a
    /// table shows as "presumed since".
    pub fn presumed_since(&self) -> Option<Day> {
        let confirmed = self.confirmed?;
        (confirmed.to < self.holds.to).then_some(confirmed.to)
    }

    /// The note a table shows beside an answer of a query asked at `time` with the days `shown`, when some of
    /// them are presumed: `presumed since D` (carried forward from D on), `presumed before D` (carried back
    /// before its first confirmation on D), or, when its premises are confirmed on no common day it holds on,
    /// `presumed (last confirmed D)`. A one-day question looks at its day; a period or "when" question at the last
    /// stretch of its days, where a fact carried forward shows.
    pub fn mark(&self, time: QueryTime, shown: &IntervalSet) -> Option<String> {
        let Some(confirmed) = self.confirmed else {
            return Some(match self.last_confirmed {
                Some(last) => format!("presumed (last confirmed {last})"),
                None => "presumed".into(),
            });
        };
        let seen = match time {
            QueryTime::At(day) => Interval::day(day),
            QueryTime::During(_) | QueryTime::When => *shown.intervals().last()?,
        };
        let seen = seen.intersect(&self.holds)?;
        if let Some(since) = self.presumed_since().filter(|since| *since < seen.to) {
            return Some(format!("presumed since {since}"));
        }
        (confirmed.from > seen.from).then(|| format!("presumed before {}", confirmed.from))
    }
}

/// The confirmation of a base fact on `day`.
pub fn confirm_base(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Confirmation> {
    let store = db.visible_store();
    // Both layers: a tuple of a fact file (bulk, uncited) holds too, and no dated source speaks of it.
    let holds = store.validity(pred, tuple).covering(day)?;
    let known = |source: Symbol| {
        let published = db.sources.get(&source).and_then(|s| s.published)?;
        db.as_known.is_none_or(|known| published <= known).then_some(published)
    };
    // A dated source confirms the fact on its publication and on the days its statement names (an announced
    // start, the last day of a stated period, the day a list names the member on).
    let mut days: Vec<Day> = Vec::new();
    let statements = store
        .relation(pred)
        .and_then(|r| r.tuples.get(tuple))
        .into_iter()
        .flat_map(|facts| facts.pieces.iter())
        .filter(|p| p.interval.intersect(&holds).is_some())
        .flat_map(|p| p.support.iter().map(|id| store.assertion(*id)));
    for statement in statements {
        let named = match statement.time {
            FactTime::During(i) => [Some(i.from), Some(i.to.offset(-1))],
            FactTime::From(d) => [Some(d), None],
            FactTime::Until(d) => [Some(d.offset(-1)), None],
            FactTime::Always => [None, None],
        };
        for published in statement.cites.iter().filter_map(|c| known(c.source)) {
            days.push(published);
            days.extend(named.iter().flatten().filter(|d| !d.is_open()));
        }
    }
    // Lists re-listing the fact extend what its own dated sources confirm; they do not date a fact that no dated
    // source states (a country code a list of exempt countries names is no less timeless for it).
    if !days.is_empty() {
        for (source, date) in listing_claims(db, pred, tuple, &holds) {
            days.extend(known(source).map(|published| published.max(date)));
        }
    }
    let published: Vec<Day> = days.into_iter().map(|d| d.max(holds.from).min(holds.to.offset(-1))).collect();
    let (first, last) = (published.iter().min().copied(), published.iter().max().copied());
    let confirmed = match (first, last) {
        (Some(first), Some(last)) => {
            let from = if holds.from.is_open() { first } else { holds.from };
            let to = if holds.to.is_open() { last.succ() } else { holds.to };
            Interval::new(from, to).unwrap_or(Interval::day(first))
        }
        _ => holds,
    };
    let presumed = !confirmed.contains(day);
    Some(Confirmation { holds, confirmed: Some(confirmed), first_confirmed: first, last_confirmed: last, presumed })
}

/// Every confirmed day of a base fact: for each maximal interval it holds on, the days its sources confirm (what
/// `--confirmed-only` keeps of a period or "when" answer). Empty when the fact never holds.
pub fn confirmed_days(db: &Database, pred: Symbol, tuple: &Tuple) -> IntervalSet {
    let store = db.visible_store();
    let Some(facts) = store.relation(pred).and_then(|r| r.tuples.get(tuple)) else { return IntervalSet::empty() };
    let confirmed = facts
        .validity
        .intervals()
        .iter()
        .filter_map(|i| confirm_base(db, pred, tuple, i.from).and_then(|c| c.confirmed))
        .collect::<Vec<_>>();
    IntervalSet::from_intervals(confirmed)
}

/// The sources and dates of the claims dated within `holds` that list the fact's member: lists of the predicate
/// itself and of the predicates derived from it (those rely on it). Only one-argument facts have members.
fn listing_claims(db: &Database, pred: Symbol, tuple: &Tuple, holds: &Interval) -> Vec<(Symbol, Day)> {
    let [member] = tuple.as_slice() else { return Vec::new() };
    let relying = dependents(db, pred);
    db.claims
        .iter()
        .filter(|c| matches!(c.kind, ClaimKind::Snapshot | ClaimKind::List | ClaimKind::Added | ClaimKind::Count))
        .filter(|c| holds.contains(c.date) && c.members.contains(member))
        .filter(|c| c.about == pred || relying.contains(&c.about))
        .map(|c| (c.source, c.date))
        .collect()
}

/// For each predicate, the predicates whose rules rest on it through positive atoms, transitively: the same for
/// every question, so each is worked out once per state of the data (`Database::derived`).
#[derive(Default)]
struct Dependents(crate::db::KeptMap<Symbol, Arc<BTreeSet<Symbol>>>);

/// The predicates whose rules rest on `pred` through positive atoms, transitively.
fn dependents(db: &Database, pred: Symbol) -> Arc<BTreeSet<Symbol>> {
    let table = db.derived(|_| Dependents::default());
    if let Some(found) = table.0.get(&pred) {
        return found;
    }
    let mut out = BTreeSet::new();
    let mut pending = vec![pred];
    while let Some(p) = pending.pop() {
        for rule in &db.rules {
            let reads = rule.body.iter().any(|l| matches!(l, Lit::Pos(a) | Lit::Metric(_, _, _, a) if a.pred == p));
            if reads && out.insert(rule.head.pred) {
                pending.push(rule.head.pred);
            }
        }
    }
    let out = Arc::new(out);
    table.0.keep(pred, out.clone());
    out
}
