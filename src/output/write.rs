//! Writing values without allocating per row: integers through itoa, dates digit by digit, symbols as their
//! bytes (country codes upper-cased on a stack buffer, `query::show::write_code`).

use crate::db::Database;
use crate::query::show;
use crate::time::Day;
use crate::value::Value;
use std::io::{self, Write};

/// Writes `YYYY-MM-DD`, or `..` for an open end.
pub fn write_day(w: &mut dyn Write, day: Day) -> io::Result<()> {
    let Some(date) = day.to_date() else { return w.write_all(b"..") };
    use chrono::Datelike;
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) {
        return write!(w, "{day}");
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = y as u32;
    let text = [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ];
    w.write_all(&text)
}

/// Writes a value as users see it (`db.show`): country codes upper case.
pub fn write_value(w: &mut dyn Write, db: &Database, value: &Value) -> io::Result<()> {
    match value {
        Value::Int(n) => w.write_all(itoa::Buffer::new().format(*n).as_bytes()),
        Value::Date(d) => write_day(w, *d),
        Value::Sym(s) if show::is_country(db, value) => show::write_code(w, s),
        Value::Sym(s) => w.write_all(s.as_bytes()),
    }
}

/// A writer that indents every line after the first by two spaces: a pretty JSON document becomes an element
/// of a pretty array as it is written (JSON strings hold no raw newline, so every newline is structure).
pub struct Indented<'w> {
    /// The writer the indented text goes to.
    pub inner: &'w mut dyn Write,
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|b| *b == b'\n') {
            self.inner.write_all(&rest[..=at])?;
            self.inner.write_all(b"  ")?;
            rest = &rest[at + 1..];
        }
        self.inner.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
