//! Answers as an aligned table, each answer followed by its sources, one per line.

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

fn row(db: &Database, result: &QueryResult, k: usize) -> Vec<String> {
    let mut cells: Vec<String> = result.answers.values(k).iter().map(|v| db.show(v)).collect();
    cells.push(show_set(&result.answers.valid(k)));
    cells
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
    let mut header: Vec<String> = result.vars.iter().map(|v| v.to_string()).collect();
    header.push(valid_header.into());
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for k in 0..result.answers.len() {
        for (width, cell) in widths.iter_mut().zip(row(db, result, k)) {
            *width = (*width).max(cell.chars().count());
        }
    }
    write_line(w, &header, &widths)?;
    write_line(w, &widths.iter().map(|n| "-".repeat(*n)).collect::<Vec<_>>(), &widths)?;
    for k in 0..result.answers.len() {
        write_line(w, &row(db, result, k), &widths)?;
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
        Some(answer) => format!("yes  {}\n", show_set(&answer.valid)) + &sources(&answer),
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
