//! Answers as CSV: one row per answer and interval, sources joined with `;`. Written row by row, values without
//! allocation, so two million answers stream out at the speed of the writer.

use super::write::{write_day, write_value};
use crate::db::Database;
use crate::query::QueryResult;
use crate::value::Value;
use std::io::{self, Write};

fn field(w: &mut dyn Write, text: &str) -> io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(w, "\"{}\"", text.replace('"', "\"\""))
    } else {
        w.write_all(text.as_bytes())
    }
}

fn value_field(w: &mut dyn Write, db: &Database, value: &Value) -> io::Result<()> {
    match value {
        Value::Sym(s) if !db.is_country(value) => field(w, s),
        _ => write_value(w, db, value),
    }
}

pub fn write_csv(w: &mut dyn Write, db: &Database, result: &QueryResult) -> io::Result<()> {
    if let Some((name, steps)) = &result.aggregate {
        return w.write_all(super::aggregate::aggregate_csv(db, name, steps).as_bytes());
    }
    for var in &result.vars {
        field(w, var)?;
        w.write_all(b",")?;
    }
    w.write_all(b"from,to,sources\n")?;
    let answers = &result.answers;
    for k in 0..answers.len() {
        let values = answers.values(k);
        let valid = answers.valid(k);
        let sources: Vec<&str> = answers.sources(k).iter().map(|s| s.source.as_str()).collect();
        for interval in valid.intervals() {
            for v in &values {
                value_field(w, db, v)?;
                w.write_all(b",")?;
            }
            if !interval.from.is_open() {
                write_day(w, interval.from)?;
            }
            w.write_all(b",")?;
            if !interval.to.is_open() {
                write_day(w, interval.to)?;
            }
            w.write_all(b",")?;
            field(w, &sources.join(";"))?;
            w.write_all(b"\n")?;
        }
    }
    Ok(())
}

pub fn render_csv(db: &Database, result: &QueryResult) -> String {
    let mut out = Vec::new();
    let _ = write_csv(&mut out, db, result);
    String::from_utf8(out).unwrap_or_default()
}
