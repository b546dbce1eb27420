//! Answers as an aligned table, each answer followed by its sources, one per line.

use super::show_set;
use crate::db::Database;
use crate::query::QueryResult;
use crate::syntax::QueryTime;

pub fn render_table(db: &Database, result: &QueryResult) -> String {
    if let Some((name, steps)) = &result.aggregate {
        return super::aggregate::aggregate_table(db, result, name, steps);
    }
    let mut out = format!("?- {}\n", result.text);
    if result.vars.is_empty() {
        return out + &yes_no(result);
    }
    let valid_header = match result.time {
        QueryTime::At(_) => "valid (around the day)",
        QueryTime::During(_) => "valid (within the period)",
        QueryTime::When => "valid",
    };
    let mut header: Vec<String> = result.vars.iter().map(|v| v.to_string()).collect();
    header.push(valid_header.into());
    let rows: Vec<Vec<String>> = result
        .answers
        .iter()
        .map(|a| {
            let mut row: Vec<String> = a.values.iter().map(|v| db.show(v)).collect();
            row.push(show_set(&a.valid));
            row
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].chars().count()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    out += &line(&header);
    out += &line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>());
    for (row, answer) in rows.iter().zip(&result.answers) {
        out += &line(row);
        out += &sources(answer);
    }
    let n = result.answers.len();
    out += &format!("({n} answer{})\n", if n == 1 { "" } else { "s" });
    out
}

/// A query without variables is a question: yes (with when and says who) or no.
fn yes_no(result: &QueryResult) -> String {
    match result.answers.first() {
        None => "no\n".into(),
        Some(answer) => format!("yes  {}\n", show_set(&answer.valid)) + &sources(answer),
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
