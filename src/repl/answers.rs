//! Answers for a person at a prompt: numbered (so `.why 3` can name one), each followed by its sources in one
//! short line (name and publication date), long lists cut after a page with a count of what is left. `.sources N`
//! expands one answer's sources in full. An answer carried past what its sources confirm ends its line with a note
//! (`presumed since 2022-01-26`).

use crate::db::Database;
use crate::output::grid::{self, Columns};
use crate::output::show_set;
use crate::provenance::SourceRef;
use crate::query::show;
use crate::query::{Answer, QueryResult};

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
    let columns = Columns::of(db, result);
    let header: Vec<String> = std::iter::once("#".to_string()).chain(columns.header(result)).collect();
    // Widths come from every answer, so that later pages line up with the first.
    let rows: Vec<Vec<String>> = result
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| std::iter::once((i + 1).to_string()).chain(columns.cells(db, &a.values, &a.valid)).collect())
        .collect();
    let widths = grid::widths(&header, rows.iter().map(Vec::as_slice));
    let line = |cells: &[String]| grid::line(cells, &widths, true);
    let mut out = if from == 0 { format!("?- {}\n", crate::syntax::one_line(&result.text)) } else { String::new() };
    if total == 0 {
        return (out + &crate::output::coverage::count_line(result, 0).replace("(0 answers", "(no answers"), 0);
    }
    out += &line(&header);
    out += &grid::rule_line(&widths);
    let indent = " ".repeat(widths.first().map_or(0, |w| w + 2));
    for (i, (row, answer)) in rows.iter().zip(&result.answers).enumerate().take(to).skip(from) {
        out += &match crate::output::coverage::answer_note(result, i) {
            Some(note) => format!("{}  {note}\n", line(row).trim_end()),
            None => line(row),
        };
        if !answer.provenance.is_empty() {
            out += &format!("{indent}{}\n", compact_sources(&answer.provenance, i + 1));
        }
    }
    out += &if to < total {
        format!(
            "({}, {} more: `.more` shows them, `.limit` sets how many)\n",
            crate::diag::plural(total, "answer"),
            total - to
        )
    } else {
        crate::output::coverage::count_line(result, total)
    };
    (out, to)
}

/// A query without variables is a question: yes (when, and who says so) or no. `.why` explains the yes.
fn yes_no(result: &QueryResult) -> String {
    let yes = grid::yes_no_line(result);
    match result.answers.first().filter(|a| !a.provenance.is_empty()) {
        Some(answer) => format!("{yes}     {}\n", compact_sources(&answer.provenance, 1)),
        None => yes,
    }
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
        result.vars.iter().zip(&answer.values).map(|(var, v)| format!("{var} = {}", show::show(db, v))).collect();
    parts.push(format!("valid {}", show_set(&answer.valid)));
    parts.join(", ")
}
