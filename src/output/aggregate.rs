//! Aggregate answers: the step function as a table (one row per step, with what changed); the CSV rows are
//! written by `csv`, the JSON `steps` by `json`.

use crate::db::Database;
use crate::query::aggregate::{Step, Steps};
use crate::query::show;
use crate::query::QueryResult;

/// A step's value as shown, `-` when it has none (a sum that overflowed).
pub(super) fn show_value(db: &Database, step: &Step) -> String {
    step.value.map(|v| show::show(db, &v)).unwrap_or_else(|| "-".into())
}

fn change_text(db: &Database, result: &QueryResult, steps: &Steps, k: usize) -> String {
    let mut parts: Vec<String> = steps
        .changes(k)
        .iter()
        .map(|c| {
            let values: Vec<String> = c.binding.iter().map(|v| show::show(db, v)).collect();
            let shown = if result.vars.len() == 1 { values.join(", ") } else { format!("({})", values.join(", ")) };
            format!("{}{shown}", if c.started { "+" } else { "-" })
        })
        .collect();
    parts.sort();
    parts.join(" ")
}

pub fn aggregate_table(db: &Database, result: &QueryResult, name: &str, steps: &Steps) -> String {
    let mut out = format!("?- {}\n", result.text);
    let rows: Vec<[String; 4]> = steps
        .iter()
        .enumerate()
        .map(|(k, s)| {
            [
                s.interval.from.to_string(),
                s.interval.to.to_string(),
                show_value(db, s),
                change_text(db, result, steps, k),
            ]
        })
        .collect();
    let header = ["from".to_string(), "to".to_string(), name.to_string(), "changed by".to_string()];
    let widths = super::grid::widths(&header, rows.iter().map(|r| r.as_slice()));
    out += &super::grid::line(&header, &widths, false);
    out += &super::grid::rule_line(&widths);
    for row in &rows {
        out += &super::grid::line(row, &widths, false);
    }
    out += &format!("({})\n", crate::diag::plural(steps.len(), "step"));
    out
}
