//! The confirmation of derived facts and of query answers (base facts: `confirm`). A derivation is confirmed from
//! its own premises (`confirm_premises`); a fact with several derivations, or an answer with several instances of
//! its body, takes the best of them, since any one is enough for it to hold. It is confirmed on a day when some
//! derivation is, it was last confirmed when its most recently confirmed derivation was, and first confirmed when
//! its earliest one was.

use super::confirm::{confirm_base, Confirmation};
use super::derivations::{self, body_instances, instances, premises, read_days, Instance};
use super::proof::{prove, prove_instance, AggregateProof, Proof, ProofKind};
use crate::db::Database;
use crate::program::{Lit, Rule};
use crate::symbol::Symbol;
use crate::syntax::Metric;
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Tuple;
use std::cell::RefCell;

/// The confirmation of `pred(tuple)` on `day`, base or derived; `None` when the fact does not hold on the day.
pub fn confirm(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Confirmation> {
    if db.is_derived(pred) {
        confirm_derived(db, pred, tuple, day)
    } else {
        confirm_base(db, pred, tuple, day)
    }
}

/// The confirmation of the fact a proof proves, on the proof's day: for a derived fact, the best of all its
/// derivations that day, not only the one the proof shows.
pub fn confirm_proof(db: &Database, proof: &Proof) -> Option<Confirmation> {
    match &proof.kind {
        ProofKind::Base { .. } => confirm_base(db, proof.pred, &proof.tuple, proof.day),
        ProofKind::Derived { .. } => confirm_derived(db, proof.pred, &proof.tuple, proof.day),
    }
}

/// The confirmation on `day` of a fact that holds on `head` because `premises` (the proofs of the binding
/// literals of `body`, in order) hold. Its `holds` is the part of `head` on which these premises hold, read as
/// days of the head: a metric window widens a premise's days (`<-`: on some day of the window) or narrows them
/// (`[-`: on every day of it), so a fact that held on some confirmed day of the window is confirmed. Past
/// `holds`, another instance may derive the fact. An interval binding (`p(X) @ [S, E)`) reads its premise's
/// whole interval on every day: it limits no day, and makes the fact presumed on every day when any day of that
/// interval is.
///
/// An aggregate rests on its members: the fact holds, and is confirmed, only where every member the aggregate
/// counts on the day does and is (`aggregates`, each member the proofs of its premises).
pub fn confirm_premises(
    db: &Database,
    head: Interval,
    day: Day,
    body: &[Lit],
    premises: &[Proof],
    aggregates: &[AggregateProof],
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
        dates(&mut out, &part);
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
    let bodies = body.iter().filter_map(|l| if let Lit::Agg(a) = l { Some(a.body.as_slice()) } else { None });
    for (agg, agg_body) in aggregates.iter().zip(bodies) {
        for member in agg.members.iter().zip(&agg.counted).filter(|(_, counted)| **counted).map(|(m, _)| m) {
            let part = confirm_premises(db, out.holds, day, agg_body, member, &[])?;
            fold(&mut out, &part);
        }
    }
    if interval_presumed {
        out.confirmed = None;
    }
    out.presumed = !out.confirmed.is_some_and(|c| c.contains(day));
    Some(out)
}

/// A fact resting on `part` too was first confirmed when both were, and last confirmed when the staler was.
fn dates(out: &mut Confirmation, part: &Confirmation) {
    out.first_confirmed = out.first_confirmed.max(part.first_confirmed);
    out.last_confirmed = match (out.last_confirmed, part.last_confirmed) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
}

/// `out` narrowed to the days on which `part` (read on the head's own days) holds and is confirmed too.
fn fold(out: &mut Confirmation, part: &Confirmation) {
    dates(out, part);
    if let Some(span) = out.holds.intersect(&part.holds) {
        out.holds = span;
    }
    out.confirmed = out.confirmed.zip(part.confirmed).and_then(|(a, b)| a.intersect(&b));
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

thread_local! {
    /// The facts whose confirmation is being worked out, innermost last: a derivation that needs one of them again
    /// (a recursive rule) is left out rather than followed around its cycle.
    static VISITING: RefCell<Vec<(Symbol, Tuple, Day)>> = const { RefCell::new(Vec::new()) };
}

/// The confirmation on `day` of a derived fact: the best of its derivations on that day.
pub fn confirm_derived(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Confirmation> {
    let key = (pred, tuple.clone(), day);
    if VISITING.with(|v| v.borrow().contains(&key)) {
        return None;
    }
    let model = db.model_for(&[], &[]).ok()?;
    let head = model.validity(pred, tuple).covering(day)?;
    VISITING.with(|v| v.borrow_mut().push(key));
    let found = instances(db, pred, tuple, &IntervalSet::from(Interval::day(day)));
    let each: Vec<Confirmation> =
        found.iter().filter_map(|i| of_instance(db, &db.rules[i.rule], i, head, day)).collect();
    VISITING.with(|v| v.borrow_mut().pop());
    best(each, day).or_else(|| {
        // No instance found (a recursive stratum proves through its heights): the proof's own derivation.
        // A stopped search confirms nothing; the request's guard remembers the stop, and the session reports it.
        prove(db, pred, tuple, day).ok().flatten().and_then(|proof| match &proof.kind {
            super::ProofKind::Derived { rule, premises, aggregates, .. } => {
                let body = db.rules.get(*rule).map(|r| r.body.as_slice()).unwrap_or_default();
                confirm_premises(db, proof.interval, proof.day, body, premises, aggregates)
            }
            super::ProofKind::Base { .. } => None,
        })
    })
}

/// The confirmation on `day` of a query's answer `tuple` that holds on `head`: the best of the body's instances.
pub fn confirm_body(db: &Database, rule: &Rule, tuple: &Tuple, head: Interval, day: Day) -> Option<Confirmation> {
    let found = body_instances(db, rule, tuple, &IntervalSet::from(Interval::day(day)));
    let each: Vec<Confirmation> = found.iter().filter_map(|i| of_instance(db, rule, i, head, day)).collect();
    best(each, day)
}

fn of_instance(db: &Database, rule: &Rule, instance: &Instance, head: Interval, day: Day) -> Option<Confirmation> {
    let (premises, aggregates) = prove_instance(db, rule, &instance.env, day).ok().flatten()?;
    confirm_premises(db, head, day, &rule.body, &premises, &aggregates)
}

/// Every day of `within` on which some derivation of `pred(tuple)` is confirmed: a base fact's confirmed days; for a
/// derived one, the days of each instance of its rules on which every premise counts as confirmed (through a
/// metric window, as `derivations::head_days` reads it).
pub fn confirmed_set(db: &Database, pred: Symbol, tuple: &Tuple, within: &IntervalSet) -> IntervalSet {
    if !db.is_derived(pred) {
        return super::confirmed_days(db, pred, tuple).intersect(within);
    }
    let key = (pred, tuple.clone(), Day::MIN);
    if VISITING.with(|v| v.borrow().contains(&key)) {
        return IntervalSet::empty();
    }
    VISITING.with(|v| v.borrow_mut().push(key));
    let found = instances(db, pred, tuple, within);
    let out =
        found.iter().fold(IntervalSet::empty(), |acc, i| acc.union(&instance_confirmed(db, &db.rules[i.rule], i)));
    VISITING.with(|v| v.borrow_mut().pop());
    out
}

/// Every day of `within` on which some instance of a query's body with head `tuple` is confirmed.
pub fn body_confirmed_set(db: &Database, rule: &Rule, tuple: &Tuple, within: &IntervalSet) -> IntervalSet {
    body_instances(db, rule, tuple, within)
        .iter()
        .fold(IntervalSet::empty(), |acc, i| acc.union(&instance_confirmed(db, rule, i)))
}

/// The days of an instance on which each of its premises counts as confirmed.
fn instance_confirmed(db: &Database, rule: &Rule, instance: &Instance) -> IntervalSet {
    body_confirmed(db, rule, &rule.body, instance)
}

/// The days of an instance of `body` (`rule`'s, or an aggregate's for a member) on which each of its premises
/// counts as confirmed, and each member of its aggregates on the days that member holds.
fn body_confirmed(db: &Database, rule: &Rule, body: &[Lit], instance: &Instance) -> IntervalSet {
    let mut days = instance.days.clone();
    for premise in premises(body, &instance.env) {
        let read = read_days(db, &premise, &instance.days);
        let confirmed = confirmed_set(db, premise.pred, &premise.tuple, &read);
        days = days.intersect(&derivations::head_days(&premise.lit, &confirmed, &read));
    }
    for agg in body.iter().filter_map(|l| if let Lit::Agg(a) = l { Some(a) } else { None }) {
        let value = instance.env.get(agg.result).copied().flatten();
        let members = derivations::members(db, rule, instance, agg);
        for member in members.iter().filter(|m| derivations::counted(agg, &m.env, value)) {
            let unconfirmed = member.days.subtract(&body_confirmed(db, rule, &agg.body, member));
            days = days.subtract(&unconfirmed);
        }
    }
    days
}

/// The best of several confirmations of one fact on `day`: confirmed if any is; the confirmed days those of the
/// best, joined with the others' where they meet; last confirmed when the latest was, first when the earliest was.
pub fn best(mut each: Vec<Confirmation>, day: Day) -> Option<Confirmation> {
    // The best first: confirmed on the day, then the longest confirmed, then the latest confirmed.
    each.sort_by_key(|c| {
        let to = c.confirmed.map(|i| i.to);
        (std::cmp::Reverse(!c.presumed), std::cmp::Reverse(to), std::cmp::Reverse(c.last_confirmed))
    });
    let mut out = each.first()?.clone();
    for other in &each[1..] {
        out.holds = hull(out.holds, other.holds);
        out.last_confirmed = out.last_confirmed.max(other.last_confirmed);
        out.first_confirmed = match (out.first_confirmed, other.first_confirmed) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    // Join the confirmed days of the others that meet the best's, until none does.
    let mut grown = true;
    while grown {
        grown = false;
        for other in each.iter().filter_map(|c| c.confirmed) {
            if let Some(mine) = out.confirmed {
                if other.from <= mine.to && mine.from <= other.to && hull(mine, other) != mine {
                    out.confirmed = Some(hull(mine, other));
                    grown = true;
                }
            }
        }
    }
    out.presumed = !out.confirmed.is_some_and(|c| c.contains(day));
    Some(out)
}

fn hull(a: Interval, b: Interval) -> Interval {
    Interval { from: a.from.min(b.from), to: a.to.max(b.to) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::confirmed_days;
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
