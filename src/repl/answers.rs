//! Answers for a person at a prompt: numbered (so `.why 3` can name one), each followed by its sources in one
//! short line (name and publication date), long lists cut after a page with a count of what is left. `.sources N`
//! expands one answer's sources in full. An answer carried past what its sources confirm ends its line with a note
//! (`presumed since 2022-01-26`).

use crate::db::Database;
use crate::output::show_set;
use crate::provenance::SourceRef;
use crate::query::names::CountryNames;
use crate::query::{Answer, QueryResult};
use crate::syntax::QueryTime;

/// Sources named on an answer's line before `+N more`.
const INLINE_SOURCES: usize = 3;

/// The answers `from..from + limit` of `result` as a table (with the query above the first page), and the index
/// just after the last answer shown.
pub fn page(db: &Database, result: &QueryResult, from: usize, limit: Option<usize>) -> (String, usize) {
    let total = result.answers.len();
    // An aggregate answers with steps, not bindings: the CLI's step table serves the prompt as well.
    if result.aggregate.is_some() {
        return (crate::output::render_table(db, result), total);
    }
    if result.vars.is_empty() {
        return (format!("?- {}\n{}", crate::syntax::one_line(&result.text), yes_no(result)), total);
    }
    let to = limit.map_or(total, |l| from.saturating_add(l).min(total));
    let names = CountryNames::of(db);
    let named = names.columns(db, result);
    let header = header(result, &named);
    // Widths come from every answer, so that later pages line up with the first.
    let rows: Vec<Vec<String>> =
        result.answers.iter().enumerate().map(|(i, a)| row(db, i + 1, &a, &names, &named)).collect();
    let widths = widths(&header, &rows);
    let line = |cells: &[String]| {
        let padded: Vec<String> =
            cells.iter().zip(&widths).enumerate().map(|(c, (cell, w))| pad(cell, *w, c == 0)).collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = if from == 0 { format!("?- {}\n", crate::syntax::one_line(&result.text)) } else { String::new() };
    if total == 0 {
        return (out + "(no answers)\n", 0);
    }
    out += &line(&header);
    out += &line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>());
    let indent = " ".repeat(widths.first().map_or(0, |w| w + 2));
    for (i, (row, answer)) in rows.iter().zip(&result.answers).enumerate().take(to).skip(from) {
        out += &match mark(result, &answer) {
            Some(note) => format!("{}  {note}\n", line(row).trim_end()),
            None => line(row),
        };
        if !answer.provenance.is_empty() {
            out += &format!("{indent}{}\n", compact_sources(&answer.provenance, i + 1));
        }
    }
    let plural = if total == 1 { "" } else { "s" };
    out += &if to < total {
        format!("({total} answer{plural}, {} more: `.more` shows them, `.limit` sets how many)\n", total - to)
    } else {
        format!("({total} answer{plural})\n")
    };
    (out, to)
}

/// `cell` padded with spaces to `width` characters, on the left when `right_aligned`. Not `format!("{:<w$}")`,
/// whose width argument panics from 65,536 on: a long string in an answer must not end the session.
fn pad(cell: &str, width: usize, right_aligned: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(cell.chars().count()));
    if right_aligned {
        fill + cell
    } else {
        format!("{cell}{fill}")
    }
}

/// `#`, the variables (each country column followed by an unnamed column of names), and `valid`.
fn header(result: &QueryResult, named: &[bool]) -> Vec<String> {
    let mut header = vec!["#".to_string()];
    for (var, named) in result.vars.iter().zip(named) {
        header.push(var.to_string());
        if *named {
            header.push(String::new());
        }
    }
    let valid = match result.time {
        QueryTime::At(_) => "valid (around the day)",
        QueryTime::During(_) => "valid (within the period)",
        QueryTime::When => "valid",
    };
    header.push(valid.into());
    header
}

fn widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let width = |c: usize| rows.iter().filter_map(|r| r.get(c)).chain([&header[c]]).map(|s| s.chars().count()).max();
    (0..header.len()).map(|c| width(c).unwrap_or(0)).collect()
}

/// A query without variables is a question: yes (when, and who says so) or no. `.why` explains the yes.
fn yes_no(result: &QueryResult) -> String {
    let Some(answer) = result.answers.first() else { return "no\n".into() };
    let note = mark(result, &answer).map(|m| format!("  {m}")).unwrap_or_default();
    let yes = format!("yes  {}{note}\n", show_set(&answer.valid));
    if answer.provenance.is_empty() {
        yes
    } else {
        format!("{yes}     {}\n", compact_sources(&answer.provenance, 1))
    }
}

/// The note on a presumed answer, after its last column.
fn mark(result: &QueryResult, answer: &Answer) -> Option<String> {
    answer.confirmation.as_ref()?.mark(result.time, &answer.valid)
}

fn row(db: &Database, number: usize, answer: &Answer, names: &CountryNames, named: &[bool]) -> Vec<String> {
    let mut row = vec![number.to_string()];
    for (value, named) in answer.values.iter().zip(named) {
        row.push(db.show(value));
        if *named {
            row.push(names.name(value).filter(|_| db.is_country(value)).unwrap_or_default().to_string());
        }
    }
    row.push(show_set(&answer.valid));
    row
}

/// `<- s001_l683 2021-08-20, iso3166 reference +2 more (.sources 4)`
fn compact_sources(sources: &[SourceRef], number: usize) -> String {
    let named: Vec<String> = sources
        .iter()
        .take(INLINE_SOURCES)
        .map(|s| format!("{} {}", s.source, s.published.as_deref().unwrap_or("reference")))
        .collect();
    let rest = sources.len().saturating_sub(INLINE_SOURCES);
    let more = if rest > 0 { format!(" +{rest} more (.sources {number})") } else { String::new() };
    format!("<- {}{more}", named.join(", "))
}

/// Every source of one answer: name, date, where in the corpus, and title.
pub fn full_sources(heading: &str, sources: &[SourceRef]) -> String {
    let mut out = format!("{heading}\n");
    if sources.is_empty() {
        out += "  (no cited source)\n";
    }
    for s in sources {
        let place = match (&s.doc, s.lines) {
            (Some(doc), Some([a, b])) => format!("  {doc}:{a}-{b}"),
            (Some(doc), None) => format!("  {doc}"),
            _ => String::new(),
        };
        let date = s.published.as_ref().map(|d| format!("published {d}")).unwrap_or_else(|| "reference".into());
        out += &format!("  {}  {date}{place}\n      {}\n", s.source, s.title);
    }
    out
}


/// `C = AE, valid [2021-08-20, ..)`: an answer's bindings in words, for headings.
pub fn describe(db: &Database, result: &QueryResult, answer: &Answer) -> String {
    let mut parts: Vec<String> =
        result.vars.iter().zip(&answer.values).map(|(var, v)| format!("{var} = {}", db.show(v))).collect();
    parts.push(format!("valid {}", show_set(&answer.valid)));
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::pad;

    #[test]
    fn padding_takes_any_width() {
        assert_eq!(pad("ab", 4, false), "ab  ");
        assert_eq!(pad("ab", 4, true), "  ab");
        assert_eq!(pad("abc", 2, false), "abc");
        assert_eq!(pad("é", 70_000, false).chars().count(), 70_000);
    }
}
