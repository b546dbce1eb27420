//! What a query's answer leaves unsettled (see `provenance::coverage`): the asked days on which the absence of
//! (other) answers is not a "no", with the gaps that make it so, and for a one-day question each answer that rests
//! on silence the sources do not settle.

use crate::db::Database;
use crate::program::Rule;
use crate::provenance::coverage::{Coverage, Gap};
use crate::provenance::derivations::body_instances;
use crate::syntax::QueryTime;
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Tuple;

/// The coverage of one query's result.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryCoverage {
    /// The asked days on which silence is not settled: there, the absence of an answer is unknown, not "no".
    pub unsettled: IntervalSet,
    /// Why, on the first unsettled day: each atom whose absence the sources do not settle then.
    pub gaps: Vec<Gap>,
    /// The first unsettled day (the day asked, for a one-day question).
    pub day: Option<Day>,
    /// One-day questions: per answer (in answer order), the gaps it rests on; empty for an answer that is settled.
    pub answers: Vec<Vec<Gap>>,
}

impl QueryCoverage {
    /// Whether every asked day is settled and no answer rests on unsettled silence.
    pub fn covered(&self) -> bool {
        self.unsettled.is_empty() && self.answers.iter().all(Vec::is_empty)
    }

    /// The gaps in one sentence: `the sources settle direct_flight(de) from 2020-08-28`.
    pub fn reason(&self) -> String {
        describe(&self.gaps)
    }
}

/// Gaps in one sentence, `; ` between them.
pub fn describe(gaps: &[Gap]) -> String {
    if gaps.is_empty() {
        return "the sources do not settle this".into();
    }
    gaps.iter().map(Gap::describe).collect::<Vec<_>>().join("; ")
}

/// The coverage of a query's answers: `values` are the answers' bindings, in order.
pub fn of_query(db: &Database, rule: &Rule, time: QueryTime, values: &[Tuple]) -> Option<QueryCoverage> {
    // A "when" query asks about every day, and no source speaks of them all: only its silence, when it finds
    // nothing, is weighed (`visa_free_stay_days(ru, D)` is unknown, not "never").
    let asked = match time {
        QueryTime::At(day) => Interval::day(day),
        QueryTime::During(period) => period,
        QueryTime::When if values.is_empty() => Interval::ALWAYS,
        QueryTime::When => return Some(QueryCoverage::default()),
    };
    let coverage = Coverage::new(db);
    let env = vec![None; rule.var_names.len()];
    let settled = coverage.body_days(&rule.body, &env, &rule.head.args);
    let mut unsettled = IntervalSet::from(asked).subtract(&settled);
    let day = unsettled.intervals().first().map(|i| i.from);
    let mut gaps = day.map(|d| coverage.literal_gaps(&rule.body, &env, d)).unwrap_or_default();
    // With answers to show, what stays unknown beyond them is said for the stated predicates the query reads
    // (a country no list settles); a derived one's own gaps show on the answers that rest on them.
    if !values.is_empty() {
        let stated: Vec<String> = rule
            .body
            .iter()
            .filter_map(crate::program::Lit::atom)
            .filter(|a| !db.is_derived(a.pred))
            .map(|a| a.pred.to_string())
            .collect();
        gaps.retain(|g| stated.iter().any(|p| g.atom.starts_with(&format!("{p}(")) || g.atom == *p));
        if gaps.is_empty() {
            unsettled = IntervalSet::empty();
        }
    }
    let day = unsettled.intervals().first().map(|i| i.from);
    let answers = match time {
        QueryTime::At(day) => values.iter().map(|tuple| answer_gaps(&coverage, db, rule, tuple, day)).collect(),
        _ => Vec::new(),
    };
    Some(QueryCoverage { unsettled, gaps, day, answers })
}

/// The gaps one answer rests on: none when some instance of the body rests only on settled silence.
fn answer_gaps(coverage: &Coverage, db: &Database, rule: &Rule, tuple: &Tuple, day: Day) -> Vec<Gap> {
    let mut first: Option<Vec<Gap>> = None;
    for instance in body_instances(db, rule, tuple, &IntervalSet::from(Interval::day(day))) {
        let gaps = coverage.instance_gaps(rule, &instance, day);
        if gaps.is_empty() {
            return Vec::new();
        }
        first.get_or_insert(gaps);
    }
    first.unwrap_or_default()
}
