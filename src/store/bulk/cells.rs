//! The cells of a fact file as values. Each value has exactly one spelling here (an integer only in canonical
//! form, a date only as `YYYY-MM-DD`), so two keys are the same tuple exactly when their texts are equal: the
//! bulk layer stores and compares texts, and makes values only when a row is read.

use crate::time::Day;
use crate::value::Value;

/// True for `YYYY-MM-DD` digits (a real day or not).
pub fn date_shaped(cell: &str) -> bool {
    let b = cell.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// True for an integer written as `i64` prints it: no sign but a leading `-`, no leading zero, no `-0`.
fn canonical_int(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell).as_bytes();
    !digits.is_empty()
        && digits.len() <= 19
        && digits.iter().all(u8::is_ascii_digit)
        && (digits[0] != b'0' || (digits.len() == 1 && digits.len() == cell.len()))
}

/// Why a cell cannot be read, when it cannot: a date-shaped cell that is no real day. Everything else reads.
pub fn check(cell: &str) -> Result<(), &'static str> {
    if date_shaped(cell) && Day::parse(cell).is_none() {
        return Err("not a real day");
    }
    Ok(())
}

/// A checked cell as a value: a canonical integer, a date, or a symbol (text that only looks like a number,
/// `007`, stays text).
pub fn value_of(cell: &str) -> Value {
    if canonical_int(cell) {
        if let Ok(n) = cell.parse::<i64>() {
            return Value::Int(n);
        }
    }
    if date_shaped(cell) {
        if let Some(day) = Day::parse(cell) {
            return Value::Date(day);
        }
    }
    Value::sym(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_per_value() {
        assert_eq!(value_of("42"), Value::Int(42));
        assert_eq!(value_of("-7"), Value::Int(-7));
        assert_eq!(value_of("0"), Value::Int(0));
        for text in ["007", "-0", "+5", "1e3", "99999999999999999999", "-", ""] {
            assert_eq!(value_of(text), Value::sym(text), "{text}");
        }
        assert_eq!(value_of(&i64::MIN.to_string()), Value::Int(i64::MIN));
        assert_eq!(value_of("2021-12-14"), Value::Date(Day::parse("2021-12-14").unwrap()));
        assert!(check("2021-02-30").is_err());
        assert!(check("2021-2-3").is_ok());
    }
}
