//! What a timeline shows, computed from a query result: Gantt rows (one per binding) or the steps of an aggregate.
//! Drawing is elsewhere; this module only decides the content.

use crate::db::Database;
use crate::picture::lookup::Lookup;
use crate::query::show;
use crate::query::QueryResult;
use crate::time::{Day, Interval};
use crate::value::Value;

/// A citing source's publication, drawn as a marker on the row it supports.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// The source's publication date, where the marker stands.
    pub day: Day,
    /// The source's name.
    pub source: String,
    /// The article's title, for the tooltip.
    pub title: String,
    /// The quote the source gives about the row's values, for the tooltip; `None` when it gives none.
    pub quote: Option<String>,
}

/// One binding of the query's variables: its label, the intervals it holds on and the sources behind them.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The binding's values as shown, comma-separated (the query itself when it has no variable).
    pub label: String,
    /// The country's name when the binding has a country code in it.
    pub name: Option<String>,
    /// The intervals the binding holds on, sorted.
    pub bars: Vec<Interval>,
    /// The parts of the bars no source confirms (carried forward or back past the sources): drawn lighter.
    pub presumed: Vec<Interval>,
    /// A marker per dated source of the binding.
    pub markers: Vec<Marker>,
}

/// One step of an aggregate: its interval, its value, and the changes that started it (`+VN`, `-EG`).
#[derive(Clone, Debug, PartialEq)]
pub struct StepBar {
    /// The days of the step.
    pub interval: Interval,
    /// The aggregate's value on those days; `None` for the minimum or maximum of nothing.
    pub value: Option<Value>,
    /// The value as printed (`none` for no value).
    pub shown: String,
    /// The bindings that start (`+VN`) or stop (`-EG`) holding where the step begins.
    pub changes: Vec<String>,
}

/// What a chart shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    /// One row per binding of the query's variables.
    Gantt(Vec<Row>),
    /// The steps of an aggregate query.
    Steps {
        /// The aggregate's variable.
        var: String,
        /// The steps, in day order.
        steps: Vec<StepBar>,
    },
}

/// A chart's title and content, before drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// The query as written, without `?-` and the final `.`.
    pub title: String,
    /// The rows or steps.
    pub content: Content,
}

/// The chart of a query result: a step chart for an aggregate, Gantt rows for everything else.
pub fn chart(db: &Database, lookup: &Lookup, result: &QueryResult) -> Chart {
    let title = result.text.trim().trim_start_matches("?-").trim().trim_end_matches('.').to_string();
    let content = match &result.aggregate {
        Some((var, steps)) => Content::Steps {
            var: var.to_string(),
            steps: steps
                .iter()
                .enumerate()
                .map(|(k, s)| StepBar {
                    interval: s.interval,
                    value: s.value,
                    shown: s.value.map(|v| show::show(db, &v)).unwrap_or_else(|| "none".into()),
                    changes: steps.changes(k).iter().map(|c| change_text(db, &c.binding, c.started)).collect(),
                })
                .collect(),
        },
        None => Content::Gantt(result.answers.iter().map(|a| row(db, lookup, &title, &a.values, &a)).collect()),
    };
    Chart { title, content }
}

fn change_text(db: &Database, binding: &[Value], started: bool) -> String {
    let shown: Vec<String> = binding.iter().map(|v| show::show(db, v)).collect();
    format!("{}{}", if started { '+' } else { '-' }, shown.join(","))
}

fn row(db: &Database, lookup: &Lookup, title: &str, values: &[Value], answer: &crate::query::Answer) -> Row {
    let label = if values.is_empty() {
        title.to_string()
    } else {
        values.iter().map(|v| show::show(db, v)).collect::<Vec<_>>().join(", ")
    };
    let name = values.iter().find_map(|v| lookup.name(v)).map(str::to_string);
    let bars = answer.valid.intervals().to_vec();
    let mut markers = markers(lookup, values, &answer.provenance);
    // A marker stands on its row's bars (an article of the day a bar ends included): a source of a premise
    // published while the row does not hold would be a dot attached to nothing.
    markers.retain(|m| on_bars(&bars, m.day));
    Row { label, name, presumed: presumed(&bars, answer), bars, markers }
}

/// Whether `day` lies on one of the bars, its closing day included.
pub fn on_bars(bars: &[Interval], day: Day) -> bool {
    bars.iter().any(|b| b.from <= day && (b.to.is_open() || day <= b.to))
}

/// The days of `bars` outside what the answer's sources confirm (nothing when the answer has no confirmation:
/// it rests on no dated source, and claims no more than it is given).
fn presumed(bars: &[Interval], answer: &crate::query::Answer) -> Vec<Interval> {
    let Some(c) = &answer.confirmation else { return Vec::new() };
    let holds = crate::time::IntervalSet::from(c.holds);
    let confirmed = c.confirmed.map(crate::time::IntervalSet::from).unwrap_or_default();
    let outside = holds.subtract(&confirmed);
    let shown = crate::time::IntervalSet::from_intervals(bars.iter().copied());
    outside.intersect(&shown).intervals().to_vec()
}

/// A marker for each dated source of a binding, its tooltip quote the one the source gives about the values.
pub fn markers(lookup: &Lookup, values: &[Value], provenance: &[crate::provenance::SourceRef]) -> Vec<Marker> {
    provenance
        .iter()
        .filter_map(|r| {
            let day = Day::parse(r.published.as_deref()?)?;
            let quote = lookup.quote(&r.source, values).map(str::to_string);
            Some(Marker { day, source: r.source.clone(), title: r.title.clone(), quote })
        })
        .collect()
}

/// The finite days a chart mentions, for choosing its window: interval ends, step boundaries and markers.
pub fn finite_days(content: &Content) -> Vec<Day> {
    let mut days = Vec::new();
    let mut push = |d: Day| {
        if !d.is_open() {
            days.push(d)
        }
    };
    match content {
        Content::Gantt(rows) => {
            for row in rows {
                row.bars.iter().for_each(|b| {
                    push(b.from);
                    push(b.to);
                });
                row.markers.iter().for_each(|m| push(m.day));
            }
        }
        Content::Steps { steps, .. } => steps.iter().for_each(|s| {
            push(s.interval.from);
            push(s.interval.to);
        }),
    }
    days
}

/// Whether anything in the chart is open at its start, and at its end.
pub fn open_ends(content: &Content) -> (bool, bool) {
    let intervals: Vec<Interval> = match content {
        Content::Gantt(rows) => rows.iter().flat_map(|r| r.bars.iter().copied()).collect(),
        // The steps always run from the open start to the open end; only what changes matters there.
        Content::Steps { steps, .. } => {
            let changing = |s: &&StepBar| !s.changes.is_empty();
            let last_open = steps.last().is_some_and(|s| s.interval.to.is_open() && steps.iter().any(|s| changing(&s)));
            return (false, last_open);
        }
    };
    (intervals.iter().any(|i| i.from.is_open()), intervals.iter().any(|i| i.to.is_open()))
}
