//! Answers as an aligned table, each answer followed by its sources, one per line. An answer carried past what its
//! sources confirm ends its line with a note (`presumed since 2022-01-26`).

use super::grid::{self, Columns};
use crate::db::Database;
use crate::query::QueryResult;
use std::io::{self, Write};

/// The table `write_table` writes, as a string.
pub fn render_table(db: &Database, result: &QueryResult) -> String {
    let mut out = Vec::new();
    let _ = write_table(&mut out, db, result);
    String::from_utf8(out).unwrap_or_default()
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
    let columns = Columns::of(db, result);
    let header = columns.header(result);
    let row = |k: usize| columns.cells(db, &result.answers.values(k), &result.answers.valid(k));
    // Widths come from a first pass; rows are made again when written, so no answer is held as text.
    let mut widths = grid::widths(&header, []);
    for k in 0..result.answers.len() {
        grid::widen(&mut widths, &row(k));
    }
    w.write_all(grid::line(&header, &widths, false).as_bytes())?;
    w.write_all(grid::rule_line(&widths).as_bytes())?;
    for k in 0..result.answers.len() {
        let mut cells = row(k);
        // A note is one more cell, past the columns: it widens none of them.
        cells.extend(super::coverage::answer_note(result, k));
        w.write_all(grid::line(&cells, &widths, false).as_bytes())?;
        if let Some(answer) = result.answers.get(k).filter(|a| !a.provenance.is_empty()) {
            w.write_all(sources(&answer).as_bytes())?;
        }
    }
    w.write_all(super::coverage::count_line(result, result.answers.len()).as_bytes())
}

/// A query without variables is a question: yes (with when and says who) or no.
fn yes_no(result: &QueryResult) -> String {
    grid::yes_no_line(result) + &result.answers.first().map(|a| sources(&a)).unwrap_or_default()
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
