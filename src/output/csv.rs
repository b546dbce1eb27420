//! Answers as CSV: one table per statement, its first column the statement itself (so a row read alone still
//! says what it answers), one row per answer and interval, each country column followed by the country's name,
//! a `presumed` column, and the sources joined with `;`. Written row by row, values without allocation, so two
//! million answers stream out at the speed of the writer. A script's tables are separated by an empty line.

use super::write::write_day;
use crate::db::Database;
use crate::query::aggregate::Step;
use crate::query::names::CountryNames;
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

/// A value as a field: a country code (`country` true) upper case, a name escaped, numbers and days as written.
/// Into a line's buffer: a closure's millions of numbers are appended without a call through `dyn Write`.
fn value_field(line: &mut Vec<u8>, country: bool, value: &Value) -> io::Result<()> {
    match value {
        Value::Sym(s) if country => show::write_code(line, s),
        Value::Sym(s) => field(line, s),
        Value::Int(n) => {
            line.extend_from_slice(itoa::Buffer::new().format(*n).as_bytes());
            Ok(())
        }
        Value::Date(d) => write_day(line, *d),
    }
}

/// The statement as a CSV column shows it: the query without `?-` and the final `.`.
fn statement(result: &QueryResult) -> &str {
    let text = result.text.trim();
    let text = text.strip_prefix("?-").unwrap_or(text).trim();
    text.strip_suffix('.').unwrap_or(text).trim_end()
}

/// Whether the answer is only presumed: on the asked day for a one-day query, else on some day of `interval`
/// (outside the days the answer's sources confirm).
fn presumed(
    time: crate::syntax::QueryTime,
    confirmation: Option<&crate::provenance::Confirmation>,
    interval: &crate::time::Interval,
) -> bool {
    let Some(c) = confirmation else { return false };
    if let crate::syntax::QueryTime::At(_) = time {
        return c.presumed;
    }
    let Some(held) = interval.intersect(&c.holds) else { return false };
    match c.confirmed {
        None => true,
        Some(confirmed) => held.from < confirmed.from || confirmed.to < held.to,
    }
}

/// Writes a result as CSV: `statement`, one column per variable (a country column followed by `VAR_name`), then
/// `from`, `to` (empty when open), `presumed` and `sources` (`;`-joined), one row per interval of each answer; an
/// aggregate writes its steps instead.
pub fn write_csv(w: &mut dyn Write, db: &Database, result: &QueryResult) -> io::Result<()> {
    let statement = statement(result);
    if let Some((name, steps)) = &result.aggregate {
        return aggregate_csv(w, db, statement, name, steps);
    }
    let names = CountryNames::of(db);
    let named = names.columns(db, result);
    w.write_all(b"statement,")?;
    for (var, named) in result.vars.iter().zip(&named) {
        field(w, var)?;
        w.write_all(b",")?;
        if *named {
            field(w, &format!("{var}_name"))?;
            w.write_all(b",")?;
        }
    }
    w.write_all(b"from,to,presumed,sources\n")?;
    let answers = &result.answers;
    // Only the store, not the database, is read while lines are formatted on other threads.
    let store = &db.store;
    // The statement's field is the same on every line: escaped once.
    let mut statement_field = Vec::new();
    field(&mut statement_field, statement)?;
    // An answer's sources, `;`-joined and escaped; nothing to build for an answer that rests on none.
    let sources_of = |k: usize| -> io::Result<Vec<u8>> {
        let sources = answers.sources(k);
        let mut text = Vec::new();
        if !sources.is_empty() {
            field(&mut text, &sources.iter().map(|s| s.source.as_str()).collect::<Vec<_>>().join(";"))?;
        }
        Ok(text)
    };
    // The lines of answer `k`, one per interval, appended to `line`.
    let lines = |line: &mut Vec<u8>, k: usize| -> io::Result<()> {
        let valid = answers.valid(k);
        let sources = sources_of(k)?;
        for interval in valid.intervals() {
            line.extend_from_slice(&statement_field);
            line.push(b',');
            for col in 0..answers.arity() {
                let value = answers.value_at(k, col);
                let country = show::is_country_in(store, &value);
                value_field(line, country, &value)?;
                line.push(b',');
                if named.get(col).copied().unwrap_or(false) {
                    let name = names.name(&value).filter(|_| country).unwrap_or_default();
                    field(line, name)?;
                    line.push(b',');
                }
            }
            if !interval.from.is_open() {
                write_day(line, interval.from)?;
            }
            line.push(b',');
            if !interval.to.is_open() {
                write_day(line, interval.to)?;
            }
            line.push(b',');
            line.extend_from_slice(if presumed(result.time, answers.confirmation(k), interval) {
                b"true"
            } else {
                b"false"
            });
            line.push(b',');
            line.extend_from_slice(&sources);
            line.push(b'\n');
        }
        Ok(())
    };
    let threads = rayon::current_num_threads();
    if threads < 2 || answers.len() < 2 * CHUNK {
        // Each answer's lines are built in one reused buffer and written with one call.
        let mut line: Vec<u8> = Vec::with_capacity(128);
        for k in 0..answers.len() {
            line.clear();
            lines(&mut line, k)?;
            w.write_all(&line)?;
        }
        return Ok(());
    }
    // Many answers (a closure's millions): chunks of answers formatted on every core, a few per thread at a time,
    // written in their order, so the bytes are those of one thread.
    use rayon::prelude::*;
    let window = threads * 4 * CHUNK;
    for at in (0..answers.len()).step_by(window) {
        let texts: Vec<io::Result<Vec<u8>>> = (at..(at + window).min(answers.len()))
            .step_by(CHUNK)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|from| {
                let mut text = Vec::with_capacity(CHUNK * 48);
                (from..(from + CHUNK).min(answers.len())).try_for_each(|k| lines(&mut text, k))?;
                Ok(text)
            })
            .collect();
        for text in texts {
            w.write_all(&text?)?;
        }
    }
    Ok(())
}

/// Answers formatted together on one thread when there are many.
const CHUNK: usize = 8192;

/// The CSV of a result as a string.
pub fn render_csv(db: &Database, result: &QueryResult) -> String {
    let mut out = Vec::new();
    let _ = write_csv(&mut out, db, result);
    String::from_utf8(out).unwrap_or_default()
}

/// The steps as CSV: `statement,from,to,NAME`, the statement in every row, one row per step, the open ends
/// empty; every field is escaped (`field`), since a `min` or `max` of names can hold a comma or a quote.
fn aggregate_csv(w: &mut dyn Write, db: &Database, statement: &str, name: &str, steps: &[Step]) -> io::Result<()> {
    w.write_all(b"statement,from,to,")?;
    field(w, name)?;
    writeln!(w)?;
    for s in steps {
        let (from, to) = s.interval.json_ends();
        field(w, statement)?;
        write!(w, ",{},{},", from.unwrap_or_default(), to.unwrap_or_default())?;
        field(w, &super::aggregate::show_value(db, s))?;
        writeln!(w)?;
    }
    Ok(())
}
