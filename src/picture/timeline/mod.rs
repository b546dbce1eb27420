//! `tkb timeline`: a query's answers drawn as SVG. A query with variables gives a Gantt chart (a row per binding,
//! a bar per interval, a marker per citing source); an aggregate gives a step chart with each step's changes.
//! The same kb and query give the same bytes.

mod axis;
pub mod chart;
mod gantt;
mod png;
mod steps;
mod style;

use crate::db::Database;
use crate::picture::lookup::Lookup;
use crate::picture::PictureError;
use crate::query::QueryResult;
use crate::session::Session;
use crate::syntax::QueryTime;
use crate::time::Day;
pub use chart::{Chart, Content};

/// The window asked for on the command line; either end may be left to the data.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The first day shown; `None`: the query's period, else the month the answers start in.
    pub from: Option<Day>,
    /// The first day after the window (excluded); `None`: the query's period, else the month after the answers end.
    pub to: Option<Day>,
}

/// Answers `query` (`?-` and the final `.` optional) in the session: its one result, or why there is none.
pub fn ask(session: &mut Session, query: &str) -> Result<QueryResult, PictureError> {
    let trimmed = query.trim();
    let body = trimmed.strip_prefix("?-").unwrap_or(trimmed).trim();
    let body = body.strip_suffix('.').unwrap_or(body);
    let outcome = session.execute("<timeline>", &format!("?- {body}."));
    if outcome.has_errors() {
        return Err(PictureError::Query(outcome.diagnostics));
    }
    outcome.results.into_iter().next().ok_or_else(|| PictureError::NotAQuery(query.to_string()))
}

/// The SVG of a query result.
pub fn render(db: &Database, result: &QueryResult, options: Options) -> Result<String, PictureError> {
    let lookup = Lookup::new(db);
    render_chart(&chart::chart(db, &lookup, result), result.time, options)
}

/// The SVG of a chart already computed (the report reuses one `Lookup` for every chart).
pub fn render_chart(chart: &Chart, time: QueryTime, options: Options) -> Result<String, PictureError> {
    let asked = match time {
        QueryTime::During(period) => Some(period),
        // A day's answers show the intervals around it: the data decides the window.
        QueryTime::At(_) | QueryTime::When => None,
    };
    let window = axis::window(&chart.content, asked, options.from, options.to)?;
    let document = match &chart.content {
        Content::Gantt(rows) => gantt::render(&chart.title, rows, window),
        Content::Steps { var, steps } => steps::render(&chart.title, var, steps, window),
    };
    Ok(format!("{}\n", document.render()))
}

/// `tkb timeline`: answers the query and writes its chart to `output`, SVG or PNG by the file's extension.
pub fn write(
    session: &mut Session,
    query: &str,
    options: Options,
    output: &std::path::Path,
) -> Result<(), PictureError> {
    let extension = output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let png = match extension.as_deref() {
        Some("svg") => false,
        Some("png") => true,
        _ => return Err(PictureError::UnknownFormat(output.display().to_string())),
    };
    let result = ask(session, query)?;
    let svg = render(&session.db, &result, options)?;
    let bytes = if png { png::rasterise(&svg)? } else { svg.into_bytes() };
    std::fs::write(output, bytes).map_err(|e| PictureError::Io(format!("cannot write {}: {e}", output.display())))
}
