//! Arithmetic while evaluating: the value of `S + 30`, `(E - S) * 2` or `N mod 7` from its operands' values,
//! checked (a number never wraps and is never divided by zero, a date never leaves 0001-01-01..9999-12-31, the
//! days the language can write), and when the planner and the engine can run an arithmetic literal. What each
//! operation means for each type is the table `program::signature`, shared with the static check.
//!
//! Open ends: `..` plus or minus a number of days is `..` again (an open end stays open), and a number of days
//! to or from an open end does not exist, so a comparison or binding that needs one does not hold.

use crate::program::{negation, signature, Arg, Expr, Meaning, Type};
use crate::syntax::{ArithOp, CmpOp};
use crate::time::Day;
use crate::value::Value;

/// Why an expression has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// A number went past 64 bits.
    Overflow,
    /// A number divided by zero (`/` or `mod`).
    DivisionByZero,
    /// A date before 0001-01-01 or after 9999-12-31; the day number it would have had.
    OutOfRange(i64),
    /// An operation on values of types it means nothing for.
    Types(Type, ArithOp, Type),
    /// Unary minus on a value that is not a number.
    Negate(Type),
}

impl ArithError {
    /// The sentence error E0206 prints for it.
    pub fn message(&self) -> String {
        match self {
            ArithError::Overflow => "arithmetic overflow: a number does not fit in 64 bits".into(),
            ArithError::DivisionByZero => "division by zero".into(),
            ArithError::OutOfRange(_) => "date arithmetic gave a day outside 0001-01-01 to 9999-12-31".into(),
            ArithError::Types(a, op, b) => {
                format!("arithmetic met values of the wrong type: it {}", crate::program::mismatch(*a, *op, *b))
            }
            ArithError::Negate(t) => format!("arithmetic met values of the wrong type: it negates {}", t.name()),
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

fn ints(x: i64, op: ArithOp, y: i64) -> Result<i64, ArithError> {
    let n = match op {
        ArithOp::Add => x.checked_add(y),
        ArithOp::Sub => x.checked_sub(y),
        ArithOp::Mul => x.checked_mul(y),
        ArithOp::Div | ArithOp::Mod if y == 0 => return Err(ArithError::DivisionByZero),
        ArithOp::Div => x.checked_div(y),
        // Every number is a multiple of -1; `checked_rem` refuses only i64::MIN mod -1, whose remainder is 0.
        ArithOp::Mod if y == -1 => Some(0),
        ArithOp::Mod => x.checked_rem(y),
    };
    n.ok_or(ArithError::Overflow)
}

/// `a op b`; `Ok(None)` for a number of days to or from an open end, which does not exist.
pub fn apply(a: Value, op: ArithOp, b: Value) -> Result<Option<Value>, ArithError> {
    let Some((_, meaning)) = signature(Type::of(&a), op, Type::of(&b)) else {
        return Err(ArithError::Types(Type::of(&a), op, Type::of(&b)));
    };
    let shift = |d: Day, n: i64, op: ArithOp| {
        if d.is_open() {
            return Ok(Some(Value::Date(d)));
        }
        // A day number past 64 bits is far outside the calendar: saturating keeps it there.
        let n = if op == ArithOp::Add { n } else { n.checked_neg().unwrap_or(i64::MAX) };
        date(i64::from(d.0).saturating_add(n)).map(Some)
    };
    match (meaning, a, b) {
        (Meaning::Ints, Value::Int(x), Value::Int(y)) => ints(x, op, y).map(|n| Some(Value::Int(n))),
        (Meaning::Shift, Value::Date(d), Value::Int(n)) | (Meaning::ShiftLeft, Value::Int(n), Value::Date(d)) => {
            shift(d, n, op)
        }
        (Meaning::Between, Value::Date(x), Value::Date(y)) => {
            if x.is_open() || y.is_open() {
                return Ok(None);
            }
            Ok(Some(Value::Int(i64::from(x.0) - i64::from(y.0))))
        }
        _ => Err(ArithError::Types(Type::of(&a), op, Type::of(&b))),
    }
}

/// `-a`.
pub fn negate(a: Value) -> Result<Value, ArithError> {
    match (negation(Type::of(&a)), a) {
        (Some(_), Value::Int(n)) => n.checked_neg().map(Value::Int).ok_or(ArithError::Overflow),
        _ => Err(ArithError::Negate(Type::of(&a))),
    }
}

/// An expression whose operands are whatever the evaluator reads values through: slots and ids in the engine.
#[derive(Clone, Debug)]
pub enum Compiled<O> {
    /// An operand.
    Operand(O),
    /// `-E`.
    Neg(Box<Compiled<O>>),
    /// `A op B`.
    Bin(Box<Compiled<O>>, ArithOp, Box<Compiled<O>>),
}

impl<O> Compiled<O> {
    /// Compiles `expr`, turning each operand into what the evaluator reads through `operand`.
    pub fn new(expr: &Expr, operand: &mut impl FnMut(&Arg) -> O) -> Compiled<O> {
        match expr {
            Expr::Arg(a) => Compiled::Operand(operand(a)),
            Expr::Neg(e) => Compiled::Neg(Box::new(Compiled::new(e, operand))),
            Expr::Bin(a, op, b) => {
                let a = Compiled::new(a, operand);
                Compiled::Bin(Box::new(a), *op, Box::new(Compiled::new(b, operand)))
            }
        }
    }

    /// The expression's value, its operands read through `get`; `Ok(None)` when a number of days to or from an
    /// open end was needed.
    pub fn value(&self, get: &impl Fn(&O) -> Value) -> Result<Option<Value>, ArithError> {
        match self {
            Compiled::Operand(o) => Ok(Some(get(o))),
            Compiled::Neg(e) => match e.value(get)? {
                Some(v) => negate(v).map(Some),
                None => Ok(None),
            },
            Compiled::Bin(a, op, b) => match (a.value(get)?, b.value(get)?) {
                (Some(x), Some(y)) => apply(x, *op, y),
                _ => Ok(None),
            },
        }
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
    expr.args().iter().all(|a| matches!(a, Arg::Const(_)) || matches!(a, Arg::Var(v) if bound[*v]))
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
    fn integers_multiply_divide_towards_zero_and_take_remainders() {
        let int = Value::Int;
        assert_eq!(apply(int(7), ArithOp::Mul, int(-6)), Ok(Some(int(-42))));
        assert_eq!(apply(int(7), ArithOp::Div, int(2)), Ok(Some(int(3))));
        assert_eq!(apply(int(-7), ArithOp::Div, int(2)), Ok(Some(int(-3))), "truncating, not flooring");
        assert_eq!(apply(int(-7), ArithOp::Mod, int(2)), Ok(Some(int(-1))), "the sign of the dividend");
        assert_eq!(apply(int(7), ArithOp::Mod, int(-2)), Ok(Some(int(1))));
        assert_eq!(apply(int(i64::MIN), ArithOp::Mod, int(-1)), Ok(Some(int(0))));
        assert_eq!(apply(int(i64::MIN), ArithOp::Div, int(-1)), Err(ArithError::Overflow));
        assert_eq!(apply(int(1), ArithOp::Div, int(0)), Err(ArithError::DivisionByZero));
        assert_eq!(apply(int(1), ArithOp::Mod, int(0)), Err(ArithError::DivisionByZero));
        assert_eq!(apply(int(i64::MAX), ArithOp::Mul, int(2)), Err(ArithError::Overflow));
        assert_eq!(negate(int(i64::MIN)), Err(ArithError::Overflow));
        assert_eq!(negate(day("2021-01-01")), Err(ArithError::Negate(Type::Date)));
        assert!(matches!(apply(day("2021-01-01"), ArithOp::Mul, int(2)), Err(ArithError::Types(..))));
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
