//! Bulk facts from tab-separated files, Soufflé's convention: `PRED.tsv`, one tuple per line, and optionally two
//! last columns `from` and `to` (dates; empty or `..` for an open end) giving the fact's interval.
//!
//! Column types come from every row, never from a guess that later rows silently follow: the first row's shape
//! says whether the last two columns are bounds (they look like dates, or are empty or `..`), every row must have
//! the same shape, and a cell that looks like a date but is not one (2021-02-30) is an error at its line and
//! column. The lines go into the store's columnar bulk layer in one linear pass.

use crate::db::Database;
use crate::diag::{Code, Diagnostic};
use crate::store::Bulk;
use crate::symbol::Symbol;
use crate::syntax::Span;
use crate::time::{Day, Interval};
use crate::value::Value;
use std::path::Path;

/// Whether the `to` column names the last day of the interval (inclusive) or the first day after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToColumn {
    /// `to` is the first day after the interval: `[from, to)`, as in the language.
    Exclusive,
    /// `to` is the last day of the interval: `[from, to]`.
    Inclusive,
}

/// At most this many bad lines are reported for one file; the rest are counted.
const MAX_ERRORS: usize = 20;

fn date_shaped(cell: &str) -> bool {
    let b = cell.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn bound_shaped(cell: &str) -> bool {
    cell.is_empty() || cell == ".." || date_shaped(cell)
}

/// A cell as a value: a canonical integer, a date, or a symbol (text that only looks like a number, `007`,
/// stays text).
fn value(cell: &str) -> Result<Value, &'static str> {
    if let Ok(n) = cell.parse::<i64>() {
        if n.to_string() == cell {
            return Ok(Value::Int(n));
        }
    }
    if date_shaped(cell) {
        return Day::parse(cell).map(Value::Date).ok_or("not a real day");
    }
    Ok(Value::sym(cell))
}

fn bound(cell: &str) -> Result<Option<Day>, &'static str> {
    match cell {
        "" | ".." => Ok(None),
        _ => Day::parse(cell).map(Some).ok_or("not a real day (YYYY-MM-DD)"),
    }
}

struct Reader<'t> {
    file: usize,
    errors: Vec<Diagnostic>,
    more: usize,
    text: &'t str,
}

impl Reader<'_> {
    fn error(&mut self, start: usize, cell: &str, message: String) {
        if self.errors.len() >= MAX_ERRORS {
            self.more += 1;
            return;
        }
        // A non-empty `cell` is a slice of `text`: its offset is the column. An empty one points at the line.
        let base = self.text.as_ptr() as usize;
        let at = (cell.as_ptr() as usize).checked_sub(base).filter(|at| !cell.is_empty() && *at < self.text.len());
        let span = match at {
            Some(at) => Span { start: at, end: at + cell.len() },
            None => Span { start, end: start },
        };
        self.errors.push(Diagnostic::error(Code::BadTsv, message).at(self.file, span, "here"));
    }
}

/// Loads one file's lines into the database's bulk layer. The arity is the declared one when the predicate is
/// declared, else the first line's column count (less two when its last two columns are bounds).
pub fn load_tsv(db: &mut Database, path: &Path, to_column: ToColumn) -> Result<usize, Vec<Diagnostic>> {
    let bytes = std::fs::read(path)
        .map_err(|e| vec![Diagnostic::error(Code::Io, format!("cannot read {}: {e}", path.display()))])?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        vec![Diagnostic::error(Code::BadTsv, format!("{}:{line}: the file is not UTF-8 text", path.display()))]
    })?;
    let pred = Symbol::from(&path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default());
    let declared = db.preds.get(&pred).map(|p| p.arity);
    let file = db.files.add(path.display().to_string(), text);
    let (arity, values, lines) = read_lines(db.files.text(file), file, pred, declared, to_column)?;
    if declared.is_none() && !lines.is_empty() {
        let origin = crate::diag::Origin { file, span: Span::default() };
        db.preds.insert(pred, crate::program::PredInfo { arity, params: Vec::new(), meaning: None, origin });
    }
    let count = lines.len();
    db.add_bulk(pred, Bulk::build(arity, values, lines));
    Ok(count)
}

type Lines = (usize, Vec<Value>, Vec<Interval>);

/// The rows of a fact file: its arity, the tuples' values back to back, and each row's interval.
fn read_lines(
    text: &str,
    file: usize,
    pred: Symbol,
    declared: Option<usize>,
    to_column: ToColumn,
) -> Result<Lines, Vec<Diagnostic>> {
    let mut reader = Reader { file, errors: Vec::new(), more: 0, text };
    let mut shape: Option<(usize, bool)> = None;
    let mut values: Vec<Value> = Vec::new();
    let mut lines: Vec<Interval> = Vec::new();
    let mut offset = 0;
    let mut cols: Vec<&str> = Vec::new();
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let row = line.trim_end_matches(['\n', '\r']);
        if row.is_empty() {
            continue;
        }
        cols.clear();
        cols.extend(row.split('\t'));
        let n = cols.len();
        let (arity, dated) = *shape.get_or_insert_with(|| match declared {
            Some(a) => (a, n == a + 2),
            None if n > 2 && bound_shaped(cols[n - 2]) && bound_shaped(cols[n - 1]) => (n - 2, true),
            None => (n, false),
        });
        if n != arity + if dated { 2 } else { 0 } {
            let form = if dated { " plus from and to" } else { "" };
            reader.error(start, "", format!("{n} column(s): `{pred}` has {arity}{form}, as the first line does"));
            continue;
        }
        let before = values.len();
        let mut ok = true;
        for cell in &cols[..arity] {
            match value(cell) {
                Ok(v) => values.push(v),
                Err(why) => {
                    reader.error(start, cell, format!("`{cell}` is {why}"));
                    ok = false;
                }
            }
        }
        let interval = if dated {
            interval(&mut reader, start, cols[n - 2], cols[n - 1], to_column)
        } else {
            Some(Interval::ALWAYS)
        };
        match interval {
            Some(interval) if ok => lines.push(interval),
            _ => values.truncate(before),
        }
    }
    if reader.more > 0 {
        reader.errors.push(Diagnostic::error(Code::BadTsv, format!("and {} more bad line(s)", reader.more)));
    }
    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    Ok((shape.map(|s| s.0).unwrap_or(0), values, lines))
}

/// The interval of a line's bound cells, or `None` after reporting why it has none.
fn interval(reader: &mut Reader, start: usize, from: &str, to: &str, to_column: ToColumn) -> Option<Interval> {
    let mut ends = [Day::MIN, Day::MAX];
    for (k, cell) in [from, to].into_iter().enumerate() {
        match bound(cell) {
            Ok(Some(day)) => ends[k] = day,
            Ok(None) => {}
            Err(why) => {
                reader.error(start, cell, format!("`{cell}` is {why}"));
                return None;
            }
        }
    }
    if to_column == ToColumn::Inclusive && ends[1] != Day::MAX {
        ends[1] = ends[1].succ();
    }
    let interval = Interval::new(ends[0], ends[1]);
    if interval.is_none() {
        reader.error(start, to, format!("the interval [{from}, {to}) is empty: it ends before it starts"));
    }
    interval
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
