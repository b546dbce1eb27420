//! The kb checks, one module per check, and what several of them share: the announced events (starts and ends)
//! of each predicate's members, and which predicates a derived predicate rests on.

mod anticipation;
mod changes;
mod conflicts;
mod constraints;
mod counts;
mod dates;
mod intervals;
pub mod numbering;
mod provenance;
mod regimes;
mod show;
mod supersession;
mod values;

use super::context::Ctx;
use super::finding::Finding;
use crate::db::Database;
use crate::diag::Origin;
use crate::program::ClaimKind;
use crate::symbol::Symbol;
use crate::syntax::FactTime;
use crate::time::Day;
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Every kb check, in a fixed order (the caller sorts the findings).
pub fn run_all(ctx: &Ctx) -> Vec<Finding> {
    let events = Events::build(ctx.db);
    let mut out = Vec::new();
    out.extend(counts::check(ctx));
    out.extend(changes::check(ctx, &events));
    out.extend(conflicts::dates(ctx));
    out.extend(conflicts::counts(ctx, &events));
    out.extend(values::check(ctx));
    out.extend(dates::check(ctx));
    out.extend(numbering::check(ctx));
    out.extend(provenance::check(ctx));
    out.extend(intervals::check(ctx));
    out.extend(anticipation::check(ctx, &events));
    out.extend(supersession::check(ctx));
    out.extend(constraints::check(ctx));
    out.extend(regimes::check(ctx));
    out
}

/// Claims that list a whole set member by member: snapshot lists, and a count of zero (an empty list: "none is
/// recognised").
pub fn is_full_list(claim: &crate::program::Claim) -> bool {
    matches!(claim.kind, ClaimKind::Snapshot | ClaimKind::Count)
        && (!claim.members.is_empty() || claim.count == Some(0))
}

/// An announced start or end of one member of a predicate: an `added`/`removed` claim or a `from`/`until` fact.
#[derive(Clone, Debug)]
pub struct Event {
    /// The day the member starts or ends holding.
    pub day: Day,
    /// Whether it is a start (`added`, `from`) rather than an end (`removed`, `until`).
    pub start: bool,
    /// The source cited (a fact's first citation); `None` for a fact that cites none.
    pub source: Option<Symbol>,
    /// Where the claim or fact was written.
    pub origin: Origin,
}

/// Announced events by predicate and member, for unary predicates (the ones lists speak of).
#[derive(Default)]
pub struct Events {
    by_member: BTreeMap<(Symbol, Value), Vec<Event>>,
    days: BTreeMap<Symbol, BTreeSet<Day>>,
    deps: BTreeMap<Symbol, BTreeSet<Symbol>>,
}

impl Events {
    /// Collects the events of every `added`/`removed` claim and `from`/`until` fact of the kb.
    pub fn build(db: &Database) -> Events {
        let heads: BTreeSet<Symbol> = db.rules.iter().map(|r| r.head.pred).collect();
        let deps = heads.into_iter().map(|h| (h, crate::program::dependencies(&db.rules, &[h]))).collect();
        let mut events = Events { deps, ..Events::default() };
        for claim in &db.claims {
            let start = match claim.kind {
                ClaimKind::Added => true,
                ClaimKind::Removed => false,
                _ => continue,
            };
            // "The list has been increased" with no names still announces a change on that day.
            events.days.entry(claim.about).or_default().insert(claim.date);
            for member in &claim.members {
                let event = Event { day: claim.date, start, source: Some(claim.source), origin: claim.origin };
                events.push(claim.about, *member, event);
            }
        }
        for (_, a) in db.store.assertions() {
            let (day, start) = match a.time {
                FactTime::From(day) => (day, true),
                FactTime::Until(day) => (day, false),
                _ => continue,
            };
            let source = a.cites.first().map(|c| c.source);
            let event = Event { day, start, source, origin: a.origin };
            match a.tuple.as_slice() {
                [member] => events.push(a.pred, *member, event),
                _ => {
                    events.days.entry(a.pred).or_default().insert(day);
                }
            }
        }
        events
    }

    fn push(&mut self, pred: Symbol, member: Value, event: Event) {
        self.days.entry(pred).or_default().insert(event.day);
        self.by_member.entry((pred, member)).or_default().push(event);
    }

    /// The predicate and every predicate its rules rest on: a change of `direct_flight` explains a change of a
    /// predicate derived from it.
    pub fn family(&self, pred: Symbol) -> BTreeSet<Symbol> {
        self.deps.get(&pred).cloned().unwrap_or_else(|| BTreeSet::from([pred]))
    }

    /// The announced events of `member` in the predicate's family, sorted by day.
    pub fn of_member(&self, pred: Symbol, member: Value) -> Vec<&Event> {
        let mut out: Vec<&Event> =
            self.family(pred).into_iter().filter_map(|p| self.by_member.get(&(p, member))).flatten().collect();
        out.sort_by_key(|e| (e.day, e.origin.file, e.origin.span.start));
        out
    }

    /// Whether the predicate itself (not its family) has announced events of `member`.
    pub fn has_member(&self, pred: Symbol, member: Value) -> bool {
        self.by_member.contains_key(&(pred, member))
    }

    /// Whether any member of the predicate's family starts or ends in `(after, upto]`.
    pub fn any_between(&self, pred: Symbol, after: Day, upto: Day) -> bool {
        self.family(pred).iter().filter_map(|p| self.days.get(p)).any(|days| {
            days.range((std::ops::Bound::Excluded(after), std::ops::Bound::Included(upto))).next().is_some()
        })
    }
}

/// Ranges of consecutive numbers, `1-3, 5, 7-9`.
pub fn ranges(numbers: &[i64]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        parts.push(if i == j { numbers[i].to_string() } else { format!("{}-{}", numbers[i], numbers[j]) });
        i = j + 1;
    }
    parts.join(", ")
}
