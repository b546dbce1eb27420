//! Date arithmetic while evaluating: the value of `S + 30`, `E - 1` or `E - S` from its operands' values, checked
//! (a number never wraps, a date never leaves 0001-01-01..9999-12-31, the days the language can write), and when
//! the planner, the engine and the naive reference can run an arithmetic literal. What each operation means for
//! each type is `program::Type::combine`, shared with the static check.
//!
//! Open ends: `..` plus or minus a number of days is `..` again (an open end stays open), and a number of days
//! to or from an open end does not exist, so a comparison or binding that needs one does not hold.

use crate::program::{Arg, Expr, Type};
use crate::syntax::{ArithOp, CmpOp};
use crate::time::Day;
use crate::value::Value;

/// Why an expression has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// A number went past 64 bits.
    Overflow,
    /// A date before 0001-01-01 or after 9999-12-31; the day number it would have had.
    OutOfRange(i64),
    /// An operation on values of types it means nothing for.
    Types(Type, ArithOp, Type),
}

impl ArithError {
    /// The sentence error E0206 prints for it.
    pub fn message(&self) -> String {
        match self {
            ArithError::Overflow => "a number in date arithmetic does not fit in 64 bits".into(),
            ArithError::OutOfRange(_) => "date arithmetic gave a day outside 0001-01-01 to 9999-12-31".into(),
            ArithError::Types(a, op, b) => {
                format!("date arithmetic met values of the wrong type: it {}", crate::program::mismatch(*a, *op, *b))
            }
        }
    }
}

/// The first and last day a date can be: what `YYYY-MM-DD` writes.
fn calendar() -> (i64, i64) {
    let first = Day::from_ymd(1, 1, 1).map_or(1, |d| i64::from(d.0));
    let last = Day::from_ymd(9999, 12, 31).map_or(3_652_059, |d| i64::from(d.0));
    (first, last)
}

fn date(n: i64) -> Result<Value, ArithError> {
    let (first, last) = calendar();
    if (first..=last).contains(&n) {
        Ok(Value::Date(Day(n as i32)))
    } else {
        Err(ArithError::OutOfRange(n))
    }
}

/// `a op b`; `Ok(None)` for a number of days to or from an open end, which does not exist.
pub fn apply(a: Value, op: ArithOp, b: Value) -> Result<Option<Value>, ArithError> {
    let signed = |n: i64| if op == ArithOp::Add { Some(n) } else { n.checked_neg() };
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let n = signed(y).and_then(|y| x.checked_add(y)).ok_or(ArithError::Overflow)?;
            Ok(Some(Value::Int(n)))
        }
        // `D + N`, `D - N` and `N + D`; never `N - D`.
        (Value::Date(d), Value::Int(n)) | (Value::Int(n), Value::Date(d))
            if matches!(a, Value::Date(_)) || op == ArithOp::Add =>
        {
            if d.is_open() {
                return Ok(Some(Value::Date(d)));
            }
            // A day number past 64 bits is far outside the calendar: saturating keeps it there.
            let n = signed(n).unwrap_or(i64::MAX);
            date(i64::from(d.0).saturating_add(n)).map(Some)
        }
        (Value::Date(x), Value::Date(y)) if op == ArithOp::Sub => {
            if x.is_open() || y.is_open() {
                return Ok(None);
            }
            Ok(Some(Value::Int(i64::from(x.0) - i64::from(y.0))))
        }
        _ => Err(ArithError::Types(Type::of(&a), op, Type::of(&b))),
    }
}

/// An expression whose operands are whatever the evaluator reads values through: slots and ids in the engine.
#[derive(Clone, Debug)]
pub struct Compiled<O> {
    first: O,
    rest: Vec<(ArithOp, O)>,
}

impl<O> Compiled<O> {
    /// Compiles `expr`, turning each operand into what the evaluator reads through `operand`.
    pub fn new(expr: &Expr, mut operand: impl FnMut(&Arg) -> O) -> Compiled<O> {
        Compiled { first: operand(&expr.first), rest: expr.rest.iter().map(|(op, a)| (*op, operand(a))).collect() }
    }

    /// The expression's value, its operands read through `get`.
    pub fn value(&self, get: impl Fn(&O) -> Value) -> Result<Option<Value>, ArithError> {
        let mut acc = get(&self.first);
        for (op, operand) in &self.rest {
            match apply(acc, *op, get(operand))? {
                Some(v) => acc = v,
                None => return Ok(None),
            }
        }
        Ok(Some(acc))
    }
}

/// Whether `left op right` holds; false when a side has no value (an open end's number of days).
pub fn holds<O>(
    left: &Compiled<O>,
    op: CmpOp,
    right: &Compiled<O>,
    get: impl Fn(&O) -> Value,
) -> Result<bool, ArithError> {
    match (left.value(&get)?, right.value(&get)?) {
        (Some(l), Some(r)) => Ok(super::ops::compare(l, op, r)),
        _ => Ok(false),
    }
}

fn all_bound(expr: &Expr, bound: &[bool]) -> bool {
    expr.args().all(|a| matches!(a, Arg::Const(_)) || matches!(a, Arg::Var(v) if bound[*v]))
}

/// The side an equality binds: a lone unbound variable, the other side being bound.
fn binds<'e>(l: &'e Expr, op: CmpOp, r: &'e Expr, bound: &[bool]) -> Option<(usize, &'e Expr)> {
    if op != CmpOp::Eq {
        return None;
    }
    [(l, r), (r, l)].into_iter().find_map(|(side, other)| match side.lone_var() {
        Some(v) if !bound[v] && all_bound(other, bound) => Some((v, other)),
        _ => None,
    })
}

/// For the planner: whether the literal can run once `bound` are bound, and the variable it binds if it binds one
/// (`Some(None)`: ready, binds nothing, a plain comparison).
pub fn readiness<'e>(l: &'e Expr, op: CmpOp, r: &'e Expr, bound: &[bool]) -> Option<Option<(usize, &'e Expr)>> {
    match binds(l, op, r, bound) {
        Some(binding) => Some(Some(binding)),
        None => (all_bound(l, bound) && all_bound(r, bound)).then_some(None),
    }
}

/// What the naive reference does with the literal under a partial binding.
pub enum Naive {
    /// Not every operand is bound yet.
    Wait,
    /// An equality binds the variable of this slot to this value.
    Bind(usize, Value),
    /// The literal holds and binds nothing.
    Pass,
    /// The literal does not hold, or has no value (the reference skips what the engine reports as an error).
    Fail,
}

/// The naive reference's reading of `l op r`, with `get` giving each operand's value when it is bound.
pub fn naive(l: &Expr, op: CmpOp, r: &Expr, get: impl Fn(&Arg) -> Option<Value>) -> Naive {
    let bound: Vec<bool> = {
        let slots = l.args().chain(r.args()).filter_map(|a| if let Arg::Var(v) = a { Some(*v + 1) } else { None });
        let n = slots.max().unwrap_or(0);
        (0..n).map(|v| get(&Arg::Var(v)).is_some()).collect()
    };
    let value = |e: &Expr| Compiled::new(e, |a| *a).value(|a| get(a).unwrap_or(Value::Int(0)));
    if let Some((slot, expr)) = binds(l, op, r, &bound) {
        return match value(expr) {
            Ok(Some(v)) => Naive::Bind(slot, v),
            _ => Naive::Fail,
        };
    }
    if !(all_bound(l, &bound) && all_bound(r, &bound)) {
        return Naive::Wait;
    }
    match (value(l), value(r)) {
        (Ok(Some(a)), Ok(Some(b))) if super::ops::compare(a, op, b) => Naive::Pass,
        _ => Naive::Fail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Value {
        Value::Date(Day::parse(text).expect("a date"))
    }

    #[test]
    fn days_add_to_dates_and_dates_subtract_to_days() {
        assert_eq!(apply(day("2021-12-14"), ArithOp::Add, Value::Int(30)), Ok(Some(day("2022-01-13"))));
        assert_eq!(apply(Value::Int(30), ArithOp::Add, day("2021-12-14")), Ok(Some(day("2022-01-13"))));
        assert_eq!(apply(day("2022-04-11"), ArithOp::Sub, Value::Int(1)), Ok(Some(day("2022-04-10"))));
        assert_eq!(apply(day("2022-04-11"), ArithOp::Sub, day("2022-04-01")), Ok(Some(Value::Int(10))));
        assert_eq!(apply(Value::Int(2), ArithOp::Sub, Value::Int(5)), Ok(Some(Value::Int(-3))));
    }

    #[test]
    fn open_ends_stay_open_and_have_no_number_of_days() {
        let open = Value::Date(Day::MAX);
        assert_eq!(apply(open, ArithOp::Sub, Value::Int(1)), Ok(Some(open)));
        assert_eq!(apply(open, ArithOp::Sub, day("2021-01-01")), Ok(None));
    }

    #[test]
    fn overflow_range_and_types_are_errors() {
        assert_eq!(apply(Value::Int(i64::MAX), ArithOp::Add, Value::Int(1)), Err(ArithError::Overflow));
        assert_eq!(apply(Value::Int(0), ArithOp::Sub, Value::Int(i64::MIN)), Err(ArithError::Overflow));
        assert!(matches!(apply(day("9999-12-31"), ArithOp::Add, Value::Int(1)), Err(ArithError::OutOfRange(_))));
        assert!(matches!(apply(day("0001-01-01"), ArithOp::Sub, Value::Int(1)), Err(ArithError::OutOfRange(_))));
        assert!(matches!(apply(day("2021-01-01"), ArithOp::Add, Value::Int(i64::MAX)), Err(ArithError::OutOfRange(_))));
        assert!(matches!(apply(Value::Int(1), ArithOp::Sub, day("2021-01-01")), Err(ArithError::Types(..))));
        assert!(matches!(apply(Value::sym("gb"), ArithOp::Add, Value::Int(1)), Err(ArithError::Types(..))));
        assert!(matches!(apply(day("2021-01-01"), ArithOp::Add, day("2021-01-01")), Err(ArithError::Types(..))));
    }
}
