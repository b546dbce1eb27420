//! How far the sources confirm each answer of a query: every instance of the answer's body on a day, each
//! confirmed premise by premise, the best of them counting (`provenance::confirm_body`); and what
//! `--confirmed-only` keeps: a one-day answer only when its day is confirmed, a period or "when" answer only on
//! its confirmed days.

use super::answers::Answers;
use crate::db::Database;
use crate::eval::dict::{Dict, Id};
use crate::program::Rule;
use crate::provenance::{body_confirmed_set, confirm_body, Confirmation};
use crate::syntax::QueryTime;
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Tuple;
use std::sync::Arc;

/// The most stretches (runs of days on which one proof's premises hold) that one answer's days are cut into: a
/// bound on the work for a pathological answer. Days past it count as unconfirmed.
const MAX_STRETCHES: usize = 256;

/// Each answer with its confirmation; with `db.confirmed_only`, only the confirmed answers, on their confirmed days.
pub fn attach(db: &Database, rule: &Rule, time: QueryTime, answers: Answers) -> Answers {
    let confirmations: Vec<Option<Confirmation>> =
        (0..answers.len()).map(|k| of_answer(db, rule, time, &answers.values(k), &answers.valid(k))).collect();
    let (mut answers, confirmations) = if db.confirmed_only {
        keep_confirmed(db, rule, time, answers, confirmations)
    } else {
        (answers, confirmations)
    };
    answers.set_confirmation(confirmations);
    answers
}

/// The confirmation of one answer: on the asked day, or over the last stretch of the days shown (where a fact
/// carried forward shows).
fn of_answer(db: &Database, rule: &Rule, time: QueryTime, values: &Tuple, shown: &IntervalSet) -> Option<Confirmation> {
    match time {
        QueryTime::At(day) => on_day(db, rule, values, shown.covering(day)?, day),
        QueryTime::During(_) | QueryTime::When => at_end(db, rule, values, shown),
    }
}

/// The confirmation on `day` of an answer that holds on `head`.
fn on_day(db: &Database, rule: &Rule, values: &Tuple, head: Interval, day: Day) -> Option<Confirmation> {
    confirm_body(db, rule, values, head, day)
}

/// The confirmation of the last stretch of `shown`: on its last day, or, when it runs on without end, stretch by
/// stretch from its first dated day to the one that runs on.
fn at_end(db: &Database, rule: &Rule, values: &Tuple, shown: &IntervalSet) -> Option<Confirmation> {
    let last = *shown.intervals().last()?;
    if !last.to.is_open() {
        return on_day(db, rule, values, last, last.to.offset(-1));
    }
    let mut day = dated_day(db, last);
    let mut found = None;
    for _ in 0..MAX_STRETCHES {
        let confirmation = on_day(db, rule, values, last, day)?;
        let next = confirmation.holds.to;
        found = Some(confirmation);
        if next.is_open() || next <= day {
            break;
        }
        day = next;
    }
    found
}

/// A day of `interval` that has a date: its first, else its last, else (it holds on every day, and so do the
/// premises of its proof, whichever day it is proved on) the latest publication of a source.
fn dated_day(db: &Database, interval: Interval) -> Day {
    if !interval.from.is_open() {
        interval.from
    } else if !interval.to.is_open() {
        interval.to.offset(-1)
    } else {
        db.sources.values().filter_map(|s| s.published).max().unwrap_or(Day(1))
    }
}

/// The days of `shown` that the sources confirm: those on which some instance of the body is confirmed.
fn confirmed_days(db: &Database, rule: &Rule, values: &Tuple, shown: &IntervalSet) -> IntervalSet {
    body_confirmed_set(db, rule, values, shown)
}

/// `--confirmed-only`: drops the one-day answers presumed on their day, and cuts the days of the others down to
/// the confirmed ones (dropping those left with none). An answer whose confirmation could not be computed is kept.
fn keep_confirmed(
    db: &Database,
    rule: &Rule,
    time: QueryTime,
    answers: Answers,
    confirmations: Vec<Option<Confirmation>>,
) -> (Answers, Vec<Option<Confirmation>>) {
    let mut kept: Vec<(Tuple, IntervalSet, Option<Confirmation>)> = Vec::new();
    let mut changed = false;
    for (k, confirmation) in confirmations.into_iter().enumerate() {
        let (values, shown) = (answers.values(k), answers.valid(k));
        let days = match (time, &confirmation) {
            (_, None) => shown.clone(),
            (QueryTime::At(_), Some(c)) if c.presumed => IntervalSet::empty(),
            (QueryTime::At(_), Some(_)) => shown.clone(),
            (QueryTime::During(_) | QueryTime::When, Some(_)) => confirmed_days(db, rule, &values, &shown),
        };
        if days == shown {
            kept.push((values, shown, confirmation));
        } else {
            changed = true;
            if !days.is_empty() {
                let confirmation = at_end(db, rule, &values, &days);
                kept.push((values, days, confirmation));
            }
        }
    }
    if !changed {
        return (answers, kept.into_iter().map(|(_, _, c)| c).collect());
    }
    // The answers kept, in the order they came (value order), under a dictionary of their own values.
    let mut dict = Dict::default();
    let rows: Vec<Vec<Id>> =
        kept.iter().map(|(values, _, _)| values.iter().map(|v| dict.intern(*v)).collect()).collect();
    let mut out = Answers::new(answers.arity(), Arc::new(dict), Vec::new());
    let mut confirmations = Vec::with_capacity(kept.len());
    for (ids, (_, days, confirmation)) in rows.iter().zip(kept) {
        out.push(ids, days);
        confirmations.push(confirmation);
    }
    (out, confirmations)
}
