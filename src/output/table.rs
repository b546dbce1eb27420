//! Answers as an aligned table, each answer followed by its sources, one per line. An answer carried past what its
//! sources confirm ends its line with a note (`presumed since 2022-01-26`).

use super::show_set;
use crate::db::Database;
use crate::query::QueryResult;
use crate::syntax::QueryTime;
use std::io::{self, Write};

pub fn render_table(db: &Database, result: &QueryResult) -> String {
    let mut out = Vec::new();
    let _ = write_table(&mut out, db, result);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `cell` left-aligned in `width` characters (any width: no formatting-argument limit).
fn padded(w: &mut dyn Write, cell: &str, width: usize) -> io::Result<()> {
    w.write_all(cell.as_bytes())?;
    for _ in cell.chars().count()..width {
        w.write_all(b" ")?;
    }
    Ok(())
}

fn write_line(w: &mut dyn Write, cells: &[String], widths: &[usize]) -> io::Result<()> {
    let last = cells.len().saturating_sub(1);
    for (k, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if k == last {
            w.write_all(cell.trim_end().as_bytes())?;
        } else {
            padded(w, cell, *width)?;
            w.write_all(b"  ")?;
        }
    }
    w.write_all(b"\n")
}

fn row(db: &Database, result: &QueryResult, k: usize, names: &Names) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    for (value, named) in result.answers.values(k).iter().zip(&names.1) {
        cells.push(db.show(value));
        if *named {
            cells.push(names.0.name(value).filter(|_| db.is_country(value)).unwrap_or_default().to_string());
        }
    }
    cells.push(show_set(&result.answers.valid(k)));
    cells
}

/// Country names, and which answer columns are followed by a column of them (`VN  Viet Nam`).
type Names = (crate::query::names::CountryNames, Vec<bool>);

fn names(db: &Database, result: &QueryResult) -> Names {
    let names = crate::query::names::CountryNames::of(db);
    let columns = names.columns(db, result);
    (names, columns)
}

/// The note on a presumed answer, after its last column.
fn mark(result: &QueryResult, k: usize) -> Option<String> {
    result.answers.confirmation(k)?.mark(result.time, &result.answers.valid(k))
}

/// Writes the table row by row; the column widths come from a first pass over the answers.
pub fn write_table(w: &mut dyn Write, db: &Database, result: &QueryResult) -> io::Result<()> {
    if let Some((name, steps)) = &result.aggregate {
        return w.write_all(super::aggregate::aggregate_table(db, result, name, steps).as_bytes());
    }
    writeln!(w, "?- {}", result.text)?;
    if result.vars.is_empty() {
        return w.write_all(yes_no(result).as_bytes());
    }
    let valid_header = match result.time {
        QueryTime::At(_) => "valid (around the day)",
        QueryTime::During(_) => "valid (within the period)",
        QueryTime::When => "valid",
    };
    let names = names(db, result);
    let mut header: Vec<String> = Vec::new();
    for (var, named) in result.vars.iter().zip(&names.1) {
        header.push(var.to_string());
        if *named {
            header.push(String::new());
        }
    }
    header.push(valid_header.into());
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for k in 0..result.answers.len() {
        for (width, cell) in widths.iter_mut().zip(row(db, result, k, &names)) {
            *width = (*width).max(cell.chars().count());
        }
    }
    write_line(w, &header, &widths)?;
    write_line(w, &widths.iter().map(|n| "-".repeat(*n)).collect::<Vec<_>>(), &widths)?;
    // A note is one more cell, past the columns: it widens none of them.
    widths.push(0);
    for k in 0..result.answers.len() {
        let mut cells = row(db, result, k, &names);
        cells.extend(mark(result, k));
        write_line(w, &cells, &widths)?;
        if let Some(answer) = result.answers.get(k).filter(|a| !a.provenance.is_empty()) {
            w.write_all(sources(&answer).as_bytes())?;
        }
    }
    let n = result.answers.len();
    writeln!(w, "({n} answer{})", if n == 1 { "" } else { "s" })
}

/// A query without variables is a question: yes (with when and says who) or no.
fn yes_no(result: &QueryResult) -> String {
    match result.answers.first() {
        None => "no\n".into(),
        Some(answer) => {
            let note = mark(result, 0).map(|m| format!("  {m}")).unwrap_or_default();
            format!("yes  {}{note}\n", show_set(&answer.valid)) + &sources(&answer)
        }
    }
}

fn sources(answer: &crate::query::Answer) -> String {
    let mut out = String::new();
    for source in &answer.provenance {
        let place = match (&source.doc, source.lines) {
            (Some(doc), Some([a, b])) => format!("{doc}:{a}-{b}"),
            (Some(doc), None) => doc.clone(),
            _ => "reference".into(),
        };
        let date = source.published.clone().unwrap_or_else(|| "undated".into());
        out += &format!("    <- {date}  {}  [{}] {place}\n", source.title, source.source);
    }
    out
}
