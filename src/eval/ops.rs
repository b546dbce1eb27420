//! The pure operations a join step applies to values and days: metric windows, Allen's relations, comparisons.

use crate::syntax::{Allen, CmpOp, Metric};
use crate::time::IntervalSet;
use crate::value::Value;

/// The days on which the metric operator holds, given the days its atom holds.
pub fn apply_window((op, lo, hi): (Metric, i32, i32), days: &IntervalSet) -> IntervalSet {
    match op {
        Metric::PastSome => days.diamond(lo, hi),
        Metric::PastAlways => days.boxed(lo, hi),
        // The future operators look at [d + lo, d + hi]: the past ones with the window mirrored.
        Metric::FutureSome => days.diamond(-hi, -lo),
        Metric::FutureAlways => days.boxed(-hi, -lo),
    }
}

/// Allen's relations on closed-open intervals given by their bounds; bounds that are not dates, and an interval
/// that holds no day (its end not after its start), never relate.
pub fn allen_holds(rel: Allen, (s1, e1): (Value, Value), (s2, e2): (Value, Value)) -> bool {
    let (Value::Date(s1), Value::Date(e1), Value::Date(s2), Value::Date(e2)) = (s1, e1, s2, e2) else { return false };
    if s1 >= e1 || s2 >= e2 {
        return false;
    }
    match rel {
        Allen::Before => e1 < s2,
        Allen::After => e2 < s1,
        Allen::Meets => e1 == s2,
        Allen::MetBy => e2 == s1,
        Allen::Overlaps => s1 < s2 && s2 < e1 && e1 < e2,
        Allen::OverlappedBy => s2 < s1 && s1 < e2 && e2 < e1,
        Allen::During => s2 < s1 && e1 < e2,
        Allen::Contains => s1 < s2 && e2 < e1,
        Allen::Starts => s1 == s2 && e1 < e2,
        Allen::StartedBy => s1 == s2 && e2 < e1,
        Allen::Finishes => e1 == e2 && s2 < s1,
        Allen::FinishedBy => e1 == e2 && s1 < s2,
        Allen::Equals => s1 == s2 && e1 == e2,
    }
}

/// `left op right`. Values of different types are never ordered: `=` is false and `!=` true, every ordering false.
pub fn compare(left: Value, op: CmpOp, right: Value) -> bool {
    let same_type = std::mem::discriminant(&left) == std::mem::discriminant(&right);
    match op {
        CmpOp::Eq => left == right,
        CmpOp::Ne => left != right,
        _ if !same_type => false,
        CmpOp::Lt => left < right,
        CmpOp::Le => left <= right,
        CmpOp::Gt => left > right,
        CmpOp::Ge => left >= right,
    }
}
