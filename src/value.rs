//! Constants and tuples: what facts are made of.

use crate::symbol::Symbol;
use crate::time::Day;
use smallvec::SmallVec;
use std::fmt;

/// A constant. Names and strings are one type (symbols), interned so that comparing and hashing them is cheap.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Value {
    /// A name or string (`vn` and `"vn"` are the same value).
    Sym(Symbol),
    /// An integer.
    Int(i64),
    /// A calendar day.
    Date(Day),
}

/// The arguments of a fact.
pub type Tuple = SmallVec<[Value; 2]>;

impl Value {
    /// The symbol value of `text`.
    pub fn sym(text: &str) -> Value {
        Value::Sym(Symbol::from(text))
    }

    fn rank(&self) -> u8 {
        match self {
            Value::Int(_) => 0,
            Value::Date(_) => 1,
            Value::Sym(_) => 2,
        }
    }
}

/// Values order by type (integers, dates, symbols), then by value; symbols by their text, so that output sorted by
/// value is the same on every run whatever the interning order.
impl Ord for Value {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            (Value::Sym(a), Value::Sym(b)) => a.as_str().cmp(b.as_str()),
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            (Value::Date(a), Value::Date(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Sym(s) => f.write_str(s),
            Value::Int(n) => write!(f, "{n}"),
            Value::Date(d) => write!(f, "{d}"),
        }
    }
}

/// Aggregates fold values: integers are summed, every value is ordered for the minimum and maximum, and counts
/// and sums come back as integers.
impl crate::time::sweep::Weight for Value {
    fn to_int(self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(n),
            _ => None,
        }
    }

    fn from_int(n: i64) -> Value {
        Value::Int(n)
    }
}
