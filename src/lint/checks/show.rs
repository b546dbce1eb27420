//! How findings write a statement's time and a stretch of days, shared by the checks that quote them.

use crate::syntax::FactTime;
use crate::time::{Day, Interval};

/// A statement's time as written: `from D`, `until D`, `@ [a, b)`, or nothing.
pub fn show_time(time: &FactTime) -> String {
    match time {
        FactTime::Always => "(always)".into(),
        FactTime::During(i) => show_days(i),
        time => time.text(),
    }
}

/// A stretch of days as a finding's message says it: `on every day`, `from D`, `before D`, `on D`, `on [a, b)`.
pub fn show_days(interval: &Interval) -> String {
    match (interval.from == Day::MIN, interval.to == Day::MAX) {
        (true, true) => "on every day".into(),
        (false, true) => format!("from {}", interval.from),
        (true, false) => format!("before {}", interval.to),
        (false, false) if interval.len_days() == Some(1) => format!("on {}", interval.from),
        (false, false) => format!("on {interval}"),
    }
}
