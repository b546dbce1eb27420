//! Answers as CSV: one row per answer and interval, sources joined with `;`. Written row by row, values without
//! allocation, so two million answers stream out at the speed of the writer.

use super::write::{write_day, write_value};
use crate::db::Database;
use crate::query::aggregate::Step;
use crate::query::show;
use crate::query::QueryResult;
use crate::value::Value;
use std::io::{self, Write};

/// One CSV field: as it is, or in double quotes (inner quotes doubled) when it holds a comma, a quote or a line
/// break (RFC 4180). Every text field tkb writes as CSV goes through here.
pub(super) fn field(w: &mut dyn Write, text: &str) -> io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(w, "\"{}\"", text.replace('"', "\"\""))
    } else {
        w.write_all(text.as_bytes())
    }
}

fn value_field(w: &mut dyn Write, db: &Database, value: &Value) -> io::Result<()> {
    match value {
        Value::Sym(s) if !show::is_country(db, value) => field(w, s),
        _ => write_value(w, db, value),
    }
}

/// Writes a result as CSV: one column per variable, then `from`, `to` (empty when open) and `sources` (`;`-joined),
/// one row per interval of each answer; an aggregate writes its steps instead.
pub fn write_csv(w: &mut dyn Write, db: &Database, result: &QueryResult) -> io::Result<()> {
    if let Some((name, steps)) = &result.aggregate {
        return aggregate_csv(w, db, name, steps);
    }
    for var in &result.vars {
        field(w, var)?;
        w.write_all(b",")?;
    }
    w.write_all(b"from,to,sources\n")?;
    let answers = &result.answers;
    // Each row is built in one reused line buffer and written with one call.
    let mut line: Vec<u8> = Vec::with_capacity(128);
    for k in 0..answers.len() {
        let valid = answers.valid(k);
        let sources: Vec<&str> = answers.sources(k).iter().map(|s| s.source.as_str()).collect();
        for interval in valid.intervals() {
            line.clear();
            for col in 0..answers.arity() {
                value_field(&mut line, db, &answers.value_at(k, col))?;
                line.push(b',');
            }
            if !interval.from.is_open() {
                write_day(&mut line, interval.from)?;
            }
            line.push(b',');
            if !interval.to.is_open() {
                write_day(&mut line, interval.to)?;
            }
            line.push(b',');
            field(&mut line, &sources.join(";"))?;
            line.push(b'\n');
            w.write_all(&line)?;
        }
    }
    Ok(())
}

/// The CSV of a result as a string.
pub fn render_csv(db: &Database, result: &QueryResult) -> String {
    let mut out = Vec::new();
    let _ = write_csv(&mut out, db, result);
    String::from_utf8(out).unwrap_or_default()
}

/// The steps as CSV: `from,to,NAME`, one row per step, the open ends empty; a value is escaped as every CSV
/// field is (`csv::field`), since a `min` or `max` of names can hold a comma or a quote.
fn aggregate_csv(w: &mut dyn std::io::Write, db: &Database, name: &str, steps: &[Step]) -> std::io::Result<()> {
    write!(w, "from,to,")?;
    field(w, name)?;
    writeln!(w)?;
    for s in steps {
        let (from, to) = s.interval.json_ends();
        write!(w, "{},{},", from.unwrap_or_default(), to.unwrap_or_default())?;
        field(w, &super::aggregate::show_value(db, s))?;
        writeln!(w)?;
    }
    Ok(())
}
