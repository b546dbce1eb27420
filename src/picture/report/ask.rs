//! The live site's query page (`tkb serve`, `/query?q=`): a form, and the answers as a table with country names,
//! presumed marks and sources, an inline timeline and a permalink. Rendered whole on the server, so it works
//! without JavaScript.

use super::layout::{page as shell, Links};
use crate::db::Database;
use crate::output::grid::{self, Columns};
use crate::query::QueryResult;
use crate::symbol::Symbol;
use crate::time::Day;
use maud::{html, Markup, PreEscaped};

/// What the page was asked.
pub struct Asked<'a> {
    /// The query as typed (`None`: the empty form).
    pub q: Option<&'a str>,
    /// `as_known`, when given.
    pub as_known: Option<Day>,
    /// `confirmed_only`.
    pub confirmed_only: bool,
    /// The page's own address with these parameters, for the permalink.
    pub permalink: String,
}

/// What the query gave.
pub enum Answered<'a> {
    /// Nothing asked yet.
    Nothing,
    /// The answers, and the timeline when the answers have days to draw.
    Result(&'a QueryResult, Option<String>),
    /// Why there is no answer: the code, the message and where in the query (line, column).
    Error {
        /// The stable code.
        code: &'a str,
        /// What is wrong.
        message: &'a str,
        /// Where in the query: line and column, 1-based.
        at: Option<(usize, usize)>,
    },
}

/// Example questions under the form, each a link that asks it.
const EXAMPLES: [&str; 4] = [
    "idc_exempt(C) @ 2021-12-20",
    "direct_flight(vn) @ 2021-12-20",
    "N = count : { direct_flight(C) } during [2021-11-01, 2022-02-01)",
    "vaccine_passport_recognized(C) @ 2021-12-20",
];

/// The whole page.
pub fn page(
    db: &Database,
    links: &Links,
    asked: &Asked,
    answered: &Answered,
    example_link: impl Fn(&str) -> String,
) -> String {
    let body = html! {
        form.ask method="get" action="query" {
            p {
                label for="q" { "Query " }
                input #q type="text" name="q" size="70" value=(asked.q.unwrap_or("")) placeholder="idc_exempt(C) @ 2021-12-20" required;
            }
            p {
                label for="as_known" { "As known on " }
                input #as_known type="date" name="as_known" value=(asked.as_known.map(|d| d.to_string()).unwrap_or_default());
                " "
                input #confirmed_only type="checkbox" name="confirmed_only" value="true" checked[asked.confirmed_only];
                label for="confirmed_only" { " only on days the sources confirm" }
                " "
                button type="submit" { "Ask" }
            }
        }
        p.examples { "For example: "
            @for (i, example) in EXAMPLES.iter().enumerate() {
                @if i > 0 { " · " }
                a href=(example_link(example)) { code { (example) } }
            }
        }
        (answer(db, links, asked, answered))
    };
    shell(links, "Ask a query", body)
}

fn answer(db: &Database, links: &Links, asked: &Asked, answered: &Answered) -> Markup {
    match answered {
        Answered::Nothing => html! {},
        Answered::Error { code, message, at } => html! {
            section #answer.error role="alert" {
                h2 { "No answer" }
                p { span.code { (code) } " " (message)
                    @if let Some((line, column)) = at { " (line " (line) ", column " (column) ")" } }
            }
        },
        Answered::Result(result, svg) => html! {
            section #answer {
                h2 { "Answers to " code { (result.text) } }
                p { a #permalink href=(asked.permalink) { "Permalink" } " to this answer." }
                (answers(db, links, result))
                @if let Some(svg) = svg { figure.timeline { (PreEscaped(svg)) figcaption { "The answers over time." } } }
            }
        },
    }
}

fn answers(db: &Database, links: &Links, result: &QueryResult) -> Markup {
    if result.aggregate.is_some() {
        return html! { pre.steps { (crate::output::render_table(db, result)) } };
    }
    if result.vars.is_empty() {
        return html! { p.verdict { (grid::yes_no_line(result)) } @if let Some(a) = result.answers.first() { (sources(links, &a.provenance)) } };
    }
    let columns = Columns::of(db, result);
    let count = result.answers.len();
    html! {
        p { (count) " " (if count == 1 { "answer" } else { "answers" }) "." }
        table.answers {
            thead { tr { @for h in columns.header(result) { th scope="col" { (h) } } th scope="col" { "" } th scope="col" { "sources" } } }
            tbody {
                @for a in result.answers.iter() {
                    tr {
                        @for cell in columns.cells(db, &a.values, &a.valid) { td { (cell) } }
                        td.presumed { (grid::presumed(result, a.confirmation.as_ref(), &a.valid).unwrap_or_default()) }
                        td { (sources(links, &a.provenance)) }
                    }
                }
            }
        }
        @if count == 0 { p { "No answer: nothing in the kb makes it hold " (match result.time { crate::syntax::QueryTime::At(d) => format!("on {d}"), crate::syntax::QueryTime::During(i) => format!("during {i}"), crate::syntax::QueryTime::When => "on any day".to_string() }) "." } }
    }
}

fn sources(links: &Links, refs: &[crate::provenance::SourceRef]) -> Markup {
    html! {
        @for (i, s) in refs.iter().enumerate() {
            @if i > 0 { ", " }
            a href=(links.source(Symbol::from(s.source.as_str()), None)) title=(s.title) { (s.source) }
        }
    }
}
