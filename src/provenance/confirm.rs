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

use super::proof::{Proof, ProofKind};
use crate::db::Database;
use crate::program::{ClaimKind, Lit};
use crate::symbol::Symbol;
use crate::syntax::{FactTime, Metric, QueryTime};
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Tuple;
use std::collections::BTreeSet;

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

/// The confirmation of `pred(tuple)` on `day`, base or derived; `None` when the fact does not hold on the day.
pub fn confirm(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Confirmation> {
    if db.is_derived(pred) {
        super::best::confirm_derived(db, pred, tuple, day)
    } else {
        confirm_base(db, pred, tuple, day)
    }
}

/// The confirmation of the fact a proof proves, on the proof's day: for a derived fact, the best of all its
/// derivations that day, not only the one the proof shows.
pub fn confirm_proof(db: &Database, proof: &Proof) -> Option<Confirmation> {
    match &proof.kind {
        ProofKind::Base { .. } => confirm_base(db, proof.pred, &proof.tuple, proof.day),
        ProofKind::Derived { .. } => super::best::confirm_derived(db, proof.pred, &proof.tuple, proof.day),
    }
}

/// The confirmation on `day` of a fact that holds on `head` because `premises` (the proofs of the binding
/// literals of `body`, in order) hold. Its `holds` is the part of `head` on which these premises hold, read as
/// days of the head: a metric window widens a premise's days (`<-`: on some day of the window) or narrows them
/// (`[-`: on every day of it), so a fact that held on some confirmed day of the window is confirmed. Past
/// `holds`, another instance may derive the fact. An interval binding (`p(X) @ [S, E)`) reads its premise's
/// whole interval on every day: it limits no day, and makes the fact presumed on every day when any day of that
/// interval is.
pub fn confirm_premises(
    db: &Database,
    head: Interval,
    day: Day,
    body: &[Lit],
    premises: &[Proof],
) -> Option<Confirmation> {
    let mut out = Confirmation {
        holds: head,
        confirmed: Some(head),
        first_confirmed: None,
        last_confirmed: None,
        presumed: false,
    };
    let mut literals = body.iter().filter(|l| l.binds());
    let mut interval_presumed = false;
    for premise in premises {
        let part = confirm_proof(db, premise)?;
        out.first_confirmed = out.first_confirmed.max(part.first_confirmed);
        out.last_confirmed = match (out.last_confirmed, part.last_confirmed) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let read = literals.next();
        if let Some(Lit::Timed(..)) = read {
            interval_presumed |= part.confirmed != Some(part.holds);
            continue;
        }
        let shift = day.0.saturating_sub(premise.day.0);
        if let Some(span) = head_days(read, shift, part.holds).and_then(|s| out.holds.intersect(&s)) {
            out.holds = span;
        }
        let confirmed = part.confirmed.and_then(|c| head_days(read, shift, c));
        out.confirmed = out.confirmed.zip(confirmed).and_then(|(a, b)| a.intersect(&b));
    }
    if interval_presumed {
        out.confirmed = None;
    }
    out.presumed = !out.confirmed.is_some_and(|c| c.contains(day));
    Some(out)
}

/// The days of a head on which a premise holding on `days` makes the literal `read` hold: `<-[lo, hi]` needs it on
/// some day of `[d - hi, d - lo]`, `[-[lo, hi]` on every day of it, `<+` and `[+` the same forward. Any other
/// literal reads the premise on the head's own day, or (without a literal to go by) `shift` days before it, as
/// the proof did.
fn head_days(read: Option<&Lit>, shift: i32, days: Interval) -> Option<Interval> {
    let (from, to) = match read {
        Some(Lit::Metric(Metric::PastSome, lo, hi, _)) => (days.from.offset(*lo), days.to.offset(*hi)),
        Some(Lit::Metric(Metric::PastAlways, lo, hi, _)) => (days.from.offset(*hi), days.to.offset(*lo)),
        Some(Lit::Metric(Metric::FutureSome, lo, hi, _)) => (days.from.offset(-hi), days.to.offset(-lo)),
        Some(Lit::Metric(Metric::FutureAlways, lo, hi, _)) => (days.from.offset(-lo), days.to.offset(-hi)),
        Some(Lit::Pos(_)) => (days.from, days.to),
        _ => (days.from.offset(shift), days.to.offset(shift)),
    };
    Interval::new(from, to)
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

/// The predicates whose rules rest on `pred` through positive atoms, transitively.
fn dependents(db: &Database, pred: Symbol) -> BTreeSet<Symbol> {
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn day(text: &str) -> Day {
        Day::parse(text).expect("a date")
    }

    fn at(db: &Database, pred: &str, args: &[&str], on: &str) -> Option<Confirmation> {
        let tuple: Tuple = args.iter().map(|a| Value::sym(a)).collect();
        confirm(db, Symbol::from(pred), &tuple, day(on))
    }

    fn load(text: &str) -> Database {
        let mut db = Database::default();
        let diags = db.load_kb(vec![("kb.tkb".into(), text.into())]);
        assert!(diags.is_empty(), "{diags:?}");
        db
    }

    const KB: &str = r#"
        source s1 { doc: "d.txt", title: "start", published: 2021-01-01, lines: [1, 2] }.
        source s2 { doc: "d.txt", title: "later list", published: 2021-06-01, lines: [3, 4] }.
        p(a) from 2021-01-01 cite s1 "p a".
        claim c2 { source: s2, about: p, kind: snapshot, date: 2021-06-01, members: [a], quote: "q" }.
        q(a) @ [2021-01-01, 2021-12-31) cite s1 "q a".
        r(a) @ [.., 2021-06-01) cite s1 "r a" basis published.
        c(a).
        d(X) :- p(X), c(X).
        w(X) :- <-[0d, 10d] p(X).
    "#;

    #[test]
    fn a_base_fact_is_confirmed_to_its_latest_source_and_presumed_after() {
        let db = load(KB);
        let on = |d| at(&db, "p", &["a"], d).expect("holds");
        assert!(!on("2021-05-01").presumed && !on("2021-06-01").presumed);
        let later = on("2021-07-01");
        assert!(later.presumed);
        assert_eq!(later.last_confirmed, Some(day("2021-06-01")), "the later list re-lists the fact");
        assert_eq!(later.first_confirmed, Some(day("2021-01-01")));
        assert_eq!(later.presumed_since(), Some(day("2021-06-02")));
    }

    #[test]
    fn confirmed_days_cover_each_interval_up_to_its_latest_source() {
        let db = load(KB);
        let tuple: Tuple = [Value::sym("a")].into_iter().collect();
        let days = confirmed_days(&db, Symbol::from("p"), &tuple);
        assert_eq!(days.intervals().iter().map(|i| i.to_string()).collect::<Vec<_>>(), ["[2021-01-01, 2021-06-02)"]);
        assert!(confirmed_days(&db, Symbol::from("p"), &Tuple::new()).is_empty());
    }

    #[test]
    fn as_known_cuts_the_confirming_sources() {
        let mut db = load(KB);
        db.set_as_known(Some(day("2021-03-01")));
        let on = at(&db, "p", &["a"], "2021-05-01").expect("holds");
        assert!(on.presumed, "known on 2021-03-01, the fact was last confirmed on 2021-01-01");
        assert_eq!(on.last_confirmed, Some(day("2021-01-01")));
    }

    #[test]
    fn stated_bounds_are_confirmed_open_ones_are_not() {
        let db = load(KB);
        let q = at(&db, "q", &["a"], "2021-11-01").expect("holds");
        assert!(!q.presumed && q.presumed_since().is_none(), "the end is stated: {q:?}");
        assert!(at(&db, "r", &["a"], "2020-01-01").expect("holds").presumed, "before its first source");
        assert!(!at(&db, "r", &["a"], "2021-04-01").expect("holds").presumed);
        let reference = at(&db, "c", &["a"], "1990-01-01").expect("holds");
        assert!(!reference.presumed && reference.last_confirmed.is_none(), "no dated source: timeless");
        assert!(at(&db, "p", &["a"], "2020-06-01").is_none(), "does not hold");
    }

    #[test]
    fn a_derived_fact_is_presumed_when_a_premise_is() {
        let db = load(KB);
        let d = at(&db, "d", &["a"], "2021-07-01").expect("holds");
        assert!(d.presumed);
        assert_eq!(d.last_confirmed, Some(day("2021-06-01")));
        assert!(!at(&db, "d", &["a"], "2021-05-01").expect("holds").presumed);
        // Through a window: `p` held on some confirmed day of the ten before 2021-06-05 (2021-06-01, its list),
        // so `w` is confirmed then, and presumed once the window has passed the list.
        let w = at(&db, "w", &["a"], "2021-06-05").expect("holds");
        assert!(!w.presumed, "{w:?}");
        assert_eq!(w.confirmed.map(|c| c.to), Some(day("2021-06-12")));
        assert!(at(&db, "w", &["a"], "2021-06-12").expect("holds").presumed);
    }

    #[test]
    fn the_cases_of_the_issue_on_the_builtin_kb() {
        let (db, diags) = crate::builtin::builtin_database();
        assert!(diags.is_empty(), "{diags:?}");
        // 001 line 305 resumes flights with Vietnam from 2021-12-14; the list of 2022-01-25 (line 171) repeats it.
        let vn = at(&db, "direct_flight", &["vn"], "2021-12-25").expect("holds");
        assert!(!vn.presumed, "{vn:?}");
        assert!(vn.last_confirmed >= Some(day("2022-01-25")), "{vn:?}");
        // The state of emergency of January 2022 (001 line 201) has no stated end.
        let emergency = at(&db, "state_of_emergency", &[], "2023-01-01").expect("holds");
        assert!(emergency.presumed, "{emergency:?}");
        assert!(emergency.last_confirmed < Some(day("2022-02-01")), "{emergency:?}");
        // A derived fact: exempt from IDC permission, resting on the flight and the regime.
        let exempt = at(&db, "idc_exempt", &["vn"], "2021-12-25").expect("holds");
        assert!(!exempt.presumed, "{exempt:?}");
    }
}
