//! Bulk facts from tab-separated files, Soufflé's convention: `PRED.tsv`, one tuple per line, and optionally two
//! last columns `from` and `to` (dates; empty or `..` for an open end) giving the fact's interval.

use crate::db::Database;
use crate::diag::{Code, Diagnostic};
use crate::store::{Assertion, Origin};
use crate::symbol::Symbol;
use crate::syntax::{FactTime, Span};
use crate::time::{Day, Interval};
use crate::value::{Tuple, Value};
use std::path::Path;

/// Whether the `to` column names the last day of the interval (inclusive) or the first day after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ToColumn {
    Exclusive,
    Inclusive,
}

fn value(text: &str) -> Value {
    if let Ok(n) = text.parse::<i64>() {
        return Value::Int(n);
    }
    match Day::parse(text) {
        Some(day) => Value::Date(day),
        None => Value::sym(text),
    }
}

fn bound(text: &str) -> Option<Option<Day>> {
    match text {
        "" | ".." => Some(None),
        _ => Day::parse(text).map(Some),
    }
}

/// The interval of a line whose last two columns are its bounds.
fn interval(from: &str, to: &str, to_column: ToColumn) -> Option<Interval> {
    let from = bound(from)?.unwrap_or(Day::MIN);
    let to = match bound(to)? {
        Some(day) if to_column == ToColumn::Inclusive => day.succ(),
        Some(day) => day,
        None => Day::MAX,
    };
    Interval::new(from, to)
}

fn line_error(file: usize, text: &str, line_start: usize, message: String) -> Diagnostic {
    let end = text[line_start..].find('\n').map(|n| line_start + n).unwrap_or(text.len());
    Diagnostic::error(Code::BadTsv, message).at(file, Span { start: line_start, end }, "this line")
}

/// Loads one file's lines into the database as a batch. The arity is the declared one when the predicate is
/// declared, else the first line's column count (less two when its last two columns are dates).
pub fn load_tsv(db: &mut Database, path: &Path, to_column: ToColumn) -> Result<usize, Vec<Diagnostic>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![Diagnostic::error(Code::Io, format!("cannot read {}: {e}", path.display()))])?;
    let pred = Symbol::from(&path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default());
    let file = db.files.add(path.display().to_string(), text);
    let text = db.files.text(file).to_string();
    let declared = db.preds.get(&pred).map(|p| p.arity);
    let mut arity = declared;
    let mut batch = Vec::new();
    let mut errors = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let row = line.trim_end_matches(['\n', '\r']);
        if row.is_empty() {
            continue;
        }
        let cols: Vec<&str> = row.split('\t').collect();
        let n = cols.len();
        let dated = n >= 2 && bound(cols[n - 2]).is_some() && bound(cols[n - 1]).is_some();
        let arity = *arity.get_or_insert(if dated && n > 2 { n - 2 } else { n });
        let time = if n == arity {
            FactTime::Always
        } else if n == arity + 2 {
            match interval(cols[n - 2], cols[n - 1], to_column) {
                Some(i) => FactTime::During(i),
                None => {
                    errors.push(line_error(
                        file,
                        &text,
                        start,
                        "the from/to columns are not dates, or the interval is empty".into(),
                    ));
                    continue;
                }
            }
        } else {
            errors.push(line_error(
                file,
                &text,
                start,
                format!("{n} column(s): `{pred}` has {arity}, plus optionally from and to"),
            ));
            continue;
        };
        let tuple: Tuple = cols[..arity].iter().map(|c| value(c)).collect();
        let origin = Origin { file, span: Span { start, end: offset } };
        batch.push(Assertion { pred, tuple, time, snapshot: false, cites: Vec::new(), reported: None, origin });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if declared.is_none() {
        if let Some(arity) = arity {
            let origin = Origin { file, span: Span::default() };
            db.preds.insert(pred, crate::program::PredInfo { arity, params: Vec::new(), meaning: None, origin });
        }
    }
    let count = batch.len();
    db.add_batch(batch);
    Ok(count)
}

/// Every `*.tsv` file of a folder, in name order.
pub fn load_tsv_dir(db: &mut Database, dir: &Path, to_column: ToColumn) -> Result<usize, Vec<Diagnostic>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| vec![Diagnostic::error(Code::Io, format!("cannot read {}: {e}", dir.display()))])?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    let mut total = 0;
    for path in paths {
        total += load_tsv(db, &path, to_column)?;
    }
    Ok(total)
}
