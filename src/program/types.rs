//! The one table of what arithmetic means for each type. The static check (`expr`), the engine (`eval::arith`)
//! and the naive reference all read it: an operation is defined here once, and nowhere else decides whether
//! `a op b` has a meaning or what kind of value it gives.

use crate::syntax::ArithOp;
use crate::value::Value;

/// What a value is, for arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// An integer (also a number of days).
    Int,
    /// A date.
    Date,
    /// A symbol: no arithmetic applies.
    Name,
}

/// How an operation that has a meaning is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// Integer arithmetic: `+`, `-`, `*`, `/` (truncating towards zero), `mod` (the sign of the dividend).
    Ints,
    /// A date moved by a number of days: `D + N`, `D - N`.
    Shift,
    /// A number of days added to a date, written first: `N + D`.
    ShiftLeft,
    /// The number of days from the right date to the left one: `D2 - D1`.
    Between,
}

/// The table: left type, operator, right type, the result's type and how it is computed. `None` for an operator
/// stands for every operator.
const TABLE: &[(Type, Option<ArithOp>, Type, Type, Meaning)] = &[
    (Type::Int, None, Type::Int, Type::Int, Meaning::Ints),
    (Type::Date, Some(ArithOp::Add), Type::Int, Type::Date, Meaning::Shift),
    (Type::Date, Some(ArithOp::Sub), Type::Int, Type::Date, Meaning::Shift),
    (Type::Int, Some(ArithOp::Add), Type::Date, Type::Date, Meaning::ShiftLeft),
    (Type::Date, Some(ArithOp::Sub), Type::Date, Type::Int, Meaning::Between),
];

/// The type of `a op b` and how it is computed; `None` when the operation means nothing (a date plus a date, a
/// number minus a date, a date times anything, anything with a name).
pub fn signature(a: Type, op: ArithOp, b: Type) -> Option<(Type, Meaning)> {
    TABLE.iter().find(|(l, o, r, _, _)| *l == a && *r == b && o.is_none_or(|o| o == op)).map(|row| (row.3, row.4))
}

/// The type of `-a`: only numbers negate.
pub fn negation(a: Type) -> Option<Type> {
    (a == Type::Int).then_some(Type::Int)
}

impl Type {
    /// The type of a value.
    pub fn of(value: &Value) -> Type {
        match value {
            Value::Int(_) => Type::Int,
            Value::Date(_) => Type::Date,
            Value::Sym(_) => Type::Name,
        }
    }

    /// The type as diagnostics name it: "a number", "a date", "a name".
    pub fn name(self) -> &'static str {
        match self {
            Type::Int => "a number",
            Type::Date => "a date",
            Type::Name => "a name",
        }
    }

    /// The type of `self op other`, from the table.
    pub fn combine(self, op: ArithOp, other: Type) -> Option<Type> {
        signature(self, op, other).map(|(t, _)| t)
    }
}

/// Why `a op b` has no type, as words: `adds a date to a date`.
pub fn mismatch(a: Type, op: ArithOp, b: Type) -> String {
    match op {
        ArithOp::Add => format!("adds {} to {}", b.name(), a.name()),
        ArithOp::Sub => format!("subtracts {} from {}", b.name(), a.name()),
        ArithOp::Mul => format!("multiplies {} by {}", a.name(), b.name()),
        ArithOp::Div => format!("divides {} by {}", a.name(), b.name()),
        ArithOp::Mod => format!("takes the remainder of {} by {}", a.name(), b.name()),
    }
}

/// The rule that every message about arithmetic types ends with.
pub const TYPE_RULE: &str =
    "a date plus or minus a number of days is a date, a date minus a date is a number of days, \
     numbers add, subtract, multiply, divide and take remainders (`mod`) as numbers; nothing else has a meaning";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_says_what_has_a_meaning() {
        use ArithOp::*;
        for op in [Add, Sub, Mul, Div, Mod] {
            assert_eq!(Type::Int.combine(op, Type::Int), Some(Type::Int));
            assert_eq!(Type::Name.combine(op, Type::Int), None);
            assert_eq!(Type::Date.combine(op, Type::Date), (op == Sub).then_some(Type::Int));
        }
        assert_eq!(Type::Date.combine(Add, Type::Int), Some(Type::Date));
        assert_eq!(Type::Int.combine(Add, Type::Date), Some(Type::Date));
        assert_eq!(Type::Int.combine(Sub, Type::Date), None);
        assert_eq!(Type::Date.combine(Mul, Type::Int), None);
        assert_eq!(negation(Type::Date), None);
    }
}
