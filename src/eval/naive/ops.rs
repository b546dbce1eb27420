//! The reference's own operators, written apart from the engine's (`eval::ops`, `eval::arith`) so that the
//! differential tests compare two implementations: comparisons, Allen's relations by classifying the pair of
//! intervals, metric windows interval by interval, and arithmetic in 128 bits checked against 64 at each step.
//! Only the table of what an operation means for each type (`program::signature`) is shared, by design.

use crate::program::{signature, Arg, Expr, Meaning, Type};
use crate::syntax::{Allen, ArithOp, CmpOp, Metric};
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Value;

/// `a op b`: values of different types are equal never, ordered never.
pub fn compare(a: Value, op: CmpOp, b: Value) -> bool {
    let order = match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(&y)),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(&y)),
        (Value::Sym(_), Value::Sym(_)) => Some(a.cmp(&b)),
        _ => None,
    };
    use std::cmp::Ordering::*;
    match (op, order) {
        (CmpOp::Eq, o) => o == Some(Equal),
        (CmpOp::Ne, o) => o != Some(Equal),
        (_, None) => false,
        (CmpOp::Lt, Some(o)) => o == Less,
        (CmpOp::Le, Some(o)) => o != Greater,
        (CmpOp::Gt, Some(o)) => o == Greater,
        (CmpOp::Ge, Some(o)) => o != Less,
    }
}

/// The one Allen relation two proper intervals stand in, found by where the second's ends fall.
fn classify(s1: Day, e1: Day, s2: Day, e2: Day) -> Allen {
    use std::cmp::Ordering::*;
    match (s1.cmp(&s2), e1.cmp(&e2)) {
        (Equal, Equal) => Allen::Equals,
        (Equal, Less) => Allen::Starts,
        (Equal, Greater) => Allen::StartedBy,
        (Greater, Equal) => Allen::Finishes,
        (Less, Equal) => Allen::FinishedBy,
        (Greater, Less) => Allen::During,
        (Less, Greater) => Allen::Contains,
        (Less, Less) => match e1.cmp(&s2) {
            Less => Allen::Before,
            Equal => Allen::Meets,
            Greater => Allen::Overlaps,
        },
        (Greater, Greater) => match s1.cmp(&e2) {
            Greater => Allen::After,
            Equal => Allen::MetBy,
            Less => Allen::OverlappedBy,
        },
    }
}

/// Whether `[s1, e1) rel [s2, e2)`; bounds that are not dates, or an interval holding no day, never relate.
pub fn allen(rel: Allen, s1: Value, e1: Value, s2: Value, e2: Value) -> bool {
    match (s1, e1, s2, e2) {
        (Value::Date(s1), Value::Date(e1), Value::Date(s2), Value::Date(e2)) if s1 < e1 && s2 < e2 => {
            classify(s1, e1, s2, e2) == rel
        }
        _ => false,
    }
}

/// The days a metric operator holds, interval by interval: `<-[lo, hi]` on `d` when a day of `[d - hi, d - lo]`
/// holds (so `[a, b)` gives `[a + lo, b + hi)`), `[-[lo, hi]` when all of them do (`[a + hi, b + lo)`), and the
/// future operators with the window the other way.
pub fn window(op: Metric, lo: i32, hi: i32, days: &IntervalSet) -> IntervalSet {
    let (start, end) = match op {
        Metric::PastSome => (lo, hi),
        Metric::PastAlways => (hi, lo),
        Metric::FutureSome => (-hi, -lo),
        Metric::FutureAlways => (-lo, -hi),
    };
    IntervalSet::from_intervals(
        days.intervals().iter().filter_map(|i| Interval::new(i.from.offset(start), i.to.offset(end))),
    )
}

/// What went wrong in arithmetic, as the reference words it.
pub type Failure = String;

fn int(n: i128) -> Result<Value, Failure> {
    i64::try_from(n).map(Value::Int).map_err(|_| "overflow".to_string())
}

fn shift(d: Day, n: i128) -> Result<Option<Value>, Failure> {
    if d.is_open() {
        return Ok(Some(Value::Date(d)));
    }
    let first = Day::from_ymd(1, 1, 1).map_or(0, |d| i128::from(d.0));
    let last = Day::from_ymd(9999, 12, 31).map_or(0, |d| i128::from(d.0));
    let to = i128::from(d.0) + n;
    if to < first || to > last {
        return Err("a date out of the calendar".into());
    }
    Ok(Some(Value::Date(Day(to as i32))))
}

/// The value of `expr` under `get`, or `Ok(None)` for a number of days to or from an open end.
pub fn value(expr: &Expr, get: &dyn Fn(&Arg) -> Option<Value>) -> Result<Option<Value>, Failure> {
    match expr {
        Expr::Arg(a) => Ok(get(a)),
        Expr::Neg(e) => match value(e, get)? {
            Some(Value::Int(n)) => int(-i128::from(n)).map(Some),
            Some(other) => Err(format!("negates {}", Type::of(&other).name())),
            None => Ok(None),
        },
        Expr::Bin(a, op, b) => {
            let (Some(x), Some(y)) = (value(a, get)?, value(b, get)?) else { return Ok(None) };
            let Some((_, meaning)) = signature(Type::of(&x), *op, Type::of(&y)) else {
                return Err("values of the wrong type".into());
            };
            match (meaning, x, y) {
                (Meaning::Ints, Value::Int(x), Value::Int(y)) => {
                    let (x, y) = (i128::from(x), i128::from(y));
                    match op {
                        ArithOp::Add => int(x + y).map(Some),
                        ArithOp::Sub => int(x - y).map(Some),
                        ArithOp::Mul => int(x * y).map(Some),
                        ArithOp::Div | ArithOp::Mod if y == 0 => Err("division by zero".into()),
                        // Rust's i128 division truncates towards zero and its remainder takes the dividend's sign.
                        ArithOp::Div => int(x / y).map(Some),
                        ArithOp::Mod => int(x % y).map(Some),
                    }
                }
                (Meaning::Shift, Value::Date(d), Value::Int(n)) => {
                    shift(d, if *op == ArithOp::Add { i128::from(n) } else { -i128::from(n) })
                }
                (Meaning::ShiftLeft, Value::Int(n), Value::Date(d)) => shift(d, i128::from(n)),
                (Meaning::Between, Value::Date(x), Value::Date(y)) if x.is_open() || y.is_open() => Ok(None),
                (Meaning::Between, Value::Date(x), Value::Date(y)) => int(i128::from(x.0) - i128::from(y.0)).map(Some),
                _ => Err("values of the wrong type".into()),
            }
        }
    }
}
