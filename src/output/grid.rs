//! The cells of an answer table, shared by the command line's table (`table`) and the REPL's numbered pages
//! (`repl::answers`): the header (each country column followed by a column of names, then `valid`), a row's
//! cells, the note on a presumed answer, column widths, and padding that takes any width.

use super::show_set;
use crate::db::Database;
use crate::provenance::Confirmation;
use crate::query::names::CountryNames;
use crate::query::show;
use crate::query::QueryResult;
use crate::syntax::QueryTime;
use crate::time::IntervalSet;
use crate::value::Value;

/// Which answer columns hold country codes and so are followed by a column of country names (`VN  Viet Nam`).
pub struct Columns {
    names: std::sync::Arc<CountryNames>,
    named: Vec<bool>,
}

impl Columns {
    /// The columns of `result`: a column is named when some answer has a country code in it.
    pub fn of(db: &Database, result: &QueryResult) -> Columns {
        let names = CountryNames::of(db);
        let named = names.columns(db, result);
        Columns { names, named }
    }

    /// The variables (each named column followed by an unnamed one for the names), then the validity column.
    pub fn header(&self, result: &QueryResult) -> Vec<String> {
        let mut header: Vec<String> = Vec::new();
        for (var, named) in result.vars.iter().zip(&self.named) {
            header.push(var.to_string());
            if *named {
                header.push(String::new());
            }
        }
        header.push(valid_header(result.time).into());
        header
    }

    /// One answer's cells: its values (country codes in upper case, each followed by its name), then its days.
    pub fn cells(&self, db: &Database, values: &[Value], valid: &IntervalSet) -> Vec<String> {
        let mut cells: Vec<String> = Vec::new();
        for (value, named) in values.iter().zip(&self.named) {
            cells.push(show::show(db, value));
            if *named {
                cells.push(
                    self.names.name(value).filter(|_| show::is_country(db, value)).unwrap_or_default().to_string(),
                );
            }
        }
        cells.push(show_set(valid));
        cells
    }
}

/// What the validity column means for the query's time: days around the asked day, within the period, or all.
pub fn valid_header(time: QueryTime) -> &'static str {
    match time {
        QueryTime::At(_) => "valid (around the day)",
        QueryTime::During(_) => "valid (within the period)",
        QueryTime::When => "valid",
    }
}

/// The note on an answer carried past what its sources confirm (`presumed since 2022-01-26`), after its last
/// column.
pub fn presumed(result: &QueryResult, confirmation: Option<&Confirmation>, valid: &IntervalSet) -> Option<String> {
    confirmation?.mark(result.time, valid)
}

/// A question's answer (a query without variables): `yes  DAYS` with the presumed note, or `no`.
pub fn yes_no_line(result: &QueryResult) -> String {
    match result.answers.first() {
        None => super::coverage::absent_line(result),
        Some(answer) => {
            let note = super::coverage::answer_note(result, 0);
            format!("yes  {}{}\n", show_set(&answer.valid), note.map(|m| format!("  {m}")).unwrap_or_default())
        }
    }
}

/// The width of each column: its longest cell, header included, in characters.
pub fn widths<'a>(header: &[String], rows: impl IntoIterator<Item = &'a [String]>) -> Vec<usize> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        widen(&mut widths, row);
    }
    widths
}

/// Widens the columns to fit one more row (cells past the columns are ignored).
pub fn widen(widths: &mut [usize], row: &[String]) {
    for (width, cell) in widths.iter_mut().zip(row) {
        *width = (*width).max(cell.chars().count());
    }
}

/// `cell` padded with spaces to `width` characters, on the left when `right_aligned`. Not `format!("{:<w$}")`,
/// whose width argument panics from 65,536 on: a long string in an answer must not end the process.
pub fn pad(cell: &str, width: usize, right_aligned: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(cell.chars().count()));
    if right_aligned {
        fill + cell
    } else {
        format!("{cell}{fill}")
    }
}

/// A table line: cells padded to `widths` (the first right-aligned when asked, for numbers), two spaces apart,
/// the last one unpadded; cells past `widths` (a note) follow as they are.
pub fn line(cells: &[String], widths: &[usize], first_right_aligned: bool) -> String {
    let padded: Vec<String> = cells
        .iter()
        .enumerate()
        .map(|(c, cell)| pad(cell, widths.get(c).copied().unwrap_or(0), c == 0 && first_right_aligned))
        .collect();
    padded.join("  ").trim_end().to_string() + "\n"
}

/// The line under the header: a run of `-` as wide as each column.
pub fn rule_line(widths: &[usize]) -> String {
    line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(), widths, false)
}

#[cfg(test)]
mod tests {
    use super::{line, pad};

    #[test]
    fn padding_takes_any_width() {
        assert_eq!(pad("ab", 4, false), "ab  ");
        assert_eq!(pad("ab", 4, true), "  ab");
        assert_eq!(pad("abc", 2, false), "abc");
        assert_eq!(pad("é", 70_000, false).chars().count(), 70_000);
        assert_eq!(line(&["1".into(), "x".into(), "note".into()], &[3, 2], true), "  1  x   note\n");
    }
}
