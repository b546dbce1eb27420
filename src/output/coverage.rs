//! How coverage shows in answers (see `query::coverage`): `unknown: the sources settle this from D` where a
//! table would say `no`, a count line that says the rest is unknown, a note on an answer that rests on unsettled
//! silence, and the JSON keys `covered`, `unsettled` and `gaps`.

use crate::query::coverage::{describe, QueryCoverage};
use crate::query::QueryResult;
use crate::syntax::QueryTime;
use crate::time::interval::JsonInterval;
use serde_json::{json, Value as Json};

fn unsettled(result: &QueryResult) -> Option<&QueryCoverage> {
    result.coverage.as_ref().filter(|c| !c.unsettled.is_empty())
}

/// `unknown: REASON` for the asked day, or `unknown on DAYS: REASON` for part of a period.
fn unknown(result: &QueryResult, coverage: &QueryCoverage) -> String {
    let whole = match result.time {
        QueryTime::At(_) => true,
        QueryTime::During(period) => coverage.unsettled == crate::time::IntervalSet::from(period),
        QueryTime::When => coverage.unsettled.is_always(),
    };
    if whole {
        format!("unknown: {}", coverage.reason())
    } else {
        format!("unknown on {}: {}", super::show_set(&coverage.unsettled), coverage.reason())
    }
}

/// The line of a question (a query without variables) that has no answer: `no`, or `unknown: ...` where the
/// sources do not settle the asked days.
pub fn absent_line(result: &QueryResult) -> String {
    match unsettled(result) {
        Some(coverage) => unknown(result, coverage) + "\n",
        None => "no\n".into(),
    }
}

/// The count line under a table of answers: `(3 answers)`, or with what stays unknown beyond them.
pub fn count_line(result: &QueryResult, n: usize) -> String {
    let answers = crate::diag::plural(n, "answer");
    match unsettled(result) {
        Some(coverage) if n == 0 => format!("(0 answers; {})\n", unknown(result, coverage)),
        Some(coverage) => format!("({answers}; any other is {})\n", unknown(result, coverage)),
        None => format!("({answers})\n"),
    }
}

/// The note after answer `k`'s columns: presumed (see `grid::presumed`) and resting on unsettled silence.
pub fn answer_note(result: &QueryResult, k: usize) -> Option<String> {
    let valid = result.answers.valid(k);
    let presumed = result.answers.confirmation(k).and_then(|c| c.mark(result.time, &valid));
    let gaps = result.coverage.as_ref().and_then(|c| c.answers.get(k)).filter(|g| !g.is_empty());
    let silence = gaps.map(|g| format!("rests on silence: {}", describe(g)));
    match (presumed, silence) {
        (Some(p), Some(s)) => Some(format!("{p}; {s}")),
        (p, s) => p.or(s),
    }
}

/// The JSON keys of a result's coverage: `covered`, and when it is false the `unsettled` days and the `gaps` on the
/// first of them. A "when" query is weighed only when it finds nothing.
pub fn result_keys(result: &QueryResult) -> Vec<(&'static str, Json)> {
    if result.aggregate.is_some() {
        return Vec::new();
    }
    let Some(coverage) = result.coverage.as_ref().filter(|c| !c.covered()) else {
        return vec![("covered", json!(true))];
    };
    let mut keys = vec![("covered", json!(false))];
    if !coverage.unsettled.is_empty() {
        keys.push(("gaps", gaps_json(&coverage.gaps)));
        let days: Vec<JsonInterval> = coverage.unsettled.intervals().iter().map(JsonInterval::from).collect();
        keys.push(("unsettled", json!(days)));
    }
    keys
}

/// The JSON keys of answer `k` of a one-day query: `covered`, and its `gaps` when it rests on unsettled silence.
pub fn answer_keys(result: &QueryResult, k: usize) -> Vec<(&'static str, Json)> {
    if !matches!(result.time, QueryTime::At(_)) {
        return Vec::new();
    }
    match result.coverage.as_ref().and_then(|c| c.answers.get(k)).filter(|g| !g.is_empty()) {
        Some(gaps) => vec![("covered", json!(false)), ("gaps", gaps_json(gaps))],
        None => vec![("covered", json!(true))],
    }
}

fn gaps_json(gaps: &[crate::provenance::coverage::Gap]) -> Json {
    let day = |d: Option<crate::time::Day>| d.map(|d| d.to_string());
    json!(gaps
        .iter()
        .map(|g| json!({
            "atom": g.atom,
            "settled_from": day(g.settled_from),
            "settled_until": day(g.settled_until),
            "reason": g.describe(),
        }))
        .collect::<Vec<_>>())
}
