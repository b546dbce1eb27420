//! The JSON API's work, run on a worker: each function takes the worker and the request's checked parameters and
//! returns a `Reply`. The objects are the command line's `--format json` ones, made by the same code.

use super::params::{line_col, wrap, CheckParams};
use super::pool::Worker;
use super::reply::{kind, ApiError, Place, Reply};
use crate::diag::{Code, Diagnostic};
use crate::picture::timeline::{self, Options};
use crate::picture::PictureError;
use crate::session::{Outcome, Parsed, Session};
use crate::syntax::Statement;
use crate::time::Day;
use axum::http::StatusCode;

/// The names a request's text is given in diagnostics, and in the error's `"file"`: those `tkb query` and
/// `tkb why` give their argument, and the body of `POST /api/run`.
pub const QUERY: &str = "<query>";
const WHY: &str = "<why>";
const BODY: &str = "<body>";
/// The file name `timeline::ask` gives its query (shown to the client as `QUERY`).
const TIMELINE: &str = "<timeline>";

/// Runs `text` (named `name` in diagnostics) in the worker's session (under this request's limits, which the pool
/// started), with `as_known` and `confirmed_only` for this request only.
pub fn execute(worker: &mut Worker, name: &str, text: &str, as_known: Option<Day>, confirmed_only: bool) -> Outcome {
    let parsed = worker.session().parse(name, text);
    execute_parsed(worker, parsed, as_known, confirmed_only)
}

/// Runs a text already parsed in the worker's session, as `execute` does.
fn execute_parsed(worker: &mut Worker, parsed: Parsed, as_known: Option<Day>, confirmed_only: bool) -> Outcome {
    if as_known.is_some() {
        // The model of another "as known" day stays cached in the session: the next request starts afresh.
        worker.mark_dirty();
    }
    let session = worker.session();
    session.db.set_as_known(as_known);
    session.db.confirmed_only = confirmed_only;
    let outcome = session.execute_parsed(vec![parsed]);
    session.db.set_as_known(None);
    session.db.confirmed_only = false;
    outcome
}

/// Where a diagnostic points: in the client's text (the file `name`, shown as `shown`, its offsets mapped to the
/// client's text by `map`), or in another file (a kb file) as it stands.
pub fn locate<'a>(
    session: &'a Session,
    name: &'a str,
    shown: &'a str,
    client: &'a str,
    map: impl Fn(usize) -> usize + 'a,
) -> impl Fn(&Diagnostic) -> Option<Place> + 'a {
    move |d: &Diagnostic| {
        let label = d.primary.as_ref()?;
        let file = session.db.files.name(label.file);
        let ((line, column), file) = if file == name {
            (line_col(client, map(label.span.start)), shown)
        } else {
            (session.db.files.line_col(label.file, label.span.start), file)
        };
        Some(Place { file: file.to_string(), line, column })
    }
}

/// The first error of an outcome as the API answers it, placed in the client's text (the file `name`).
fn first_error(
    session: &Session,
    outcome: &Outcome,
    name: &str,
    client: &str,
    map: impl Fn(usize) -> usize,
) -> Option<ApiError> {
    let error = outcome.diagnostics.iter().find(|d| d.is_error())?;
    Some(ApiError::from_diagnostic(error, locate(session, name, name, client, map)))
}

/// Only one statement of the kind asked: a query parameter cannot smuggle in facts or rules. (With syntax
/// errors, the errors answer.)
fn one_statement(statements: &[Statement], syntax_errors: bool, what: &str) -> Result<(), ApiError> {
    if !syntax_errors && statements.len() != 1 {
        return Err(ApiError::new(Code::BadParameter, format!("`q` must be one {what}, not several statements")));
    }
    Ok(())
}

/// `GET /api/query`: one query's answers, as `tkb query --format json` prints them.
pub fn query(worker: &mut Worker, q: &str, as_known: Option<Day>, confirmed_only: bool) -> Reply {
    single(worker, q, ("?- ", QUERY), "query", as_known, confirmed_only)
}

/// `GET /api/why`: a proof tree (or why not), as `tkb why --format json` prints it.
pub fn why(worker: &mut Worker, q: &str) -> Reply {
    single(worker, q, ("why ", WHY), "`why` question", None, false)
}

/// One statement of the kind `what`, written after `lead` and named `name`.
fn single(
    worker: &mut Worker,
    q: &str,
    (lead, name): (&str, &str),
    what: &str,
    as_known: Option<Day>,
    confirmed: bool,
) -> Reply {
    let wrapped = wrap(q, lead);
    let parsed = worker.session().parse(name, &wrapped.text);
    if let Err(e) = one_statement(&parsed.1, !parsed.2.is_empty(), what) {
        return Reply::error(&e);
    }
    let outcome = execute_parsed(worker, parsed, as_known, confirmed);
    let session = worker.session();
    if let Some(error) = first_error(session, &outcome, name, q, |o| wrapped.original(o)) {
        return Reply::error(&error);
    }
    match outcome.json.into_iter().next() {
        Some(value) => Reply::json(StatusCode::OK, &value),
        None => Reply::error(&ApiError::new(Code::BadParameter, format!("`q` holds no {what}"))),
    }
}

/// `POST /api/run`: a script's results, as `tkb run --format json` prints them (an array, a failed statement as
/// `{"error": ...}` at its place). Facts and rules in it hold for this request only.
pub fn run(worker: &mut Worker, script: &str) -> Reply {
    let outcome = execute(worker, BODY, script, None, false);
    worker.mark_dirty();
    let session = worker.session();
    let error = first_error(session, &outcome, BODY, script, |o| o);
    let status = match &error {
        // Nothing ran (a check error before running, or the first statement failed): the request's fault.
        Some(e) if outcome.json.len() == outcome.diagnostics.iter().filter(|d| d.is_error()).count() => e.status,
        // A limit stopped a later statement: its status; other failures after answers: the array, 200.
        Some(e) if e.status != StatusCode::BAD_REQUEST => e.status,
        _ => StatusCode::OK,
    };
    if status != StatusCode::OK {
        if let Some(e) = error {
            return Reply::json(status, &e.with_results(&outcome.json));
        }
    }
    Reply::json(StatusCode::OK, &outcome.json)
}

/// `GET /api/timeline.svg`: the query's answers drawn as `tkb timeline` draws them.
pub fn timeline(worker: &mut Worker, q: &str, from: Option<Day>, to: Option<Day>) -> Reply {
    let wrapped = wrap(q, "?- ");
    let program = crate::syntax::parse_program(&wrapped.text);
    if let Err(e) = one_statement(&program.statements, !program.errors.is_empty(), "query") {
        return Reply::error(&e);
    }
    let session = worker.session();
    let drawn =
        timeline::ask(session, q).and_then(|result| timeline::render(&session.db, &result, Options { from, to }));
    match drawn {
        Ok(svg) => Reply::ok(kind::SVG, svg),
        Err(PictureError::Query(diags)) => {
            let first = diags.iter().find(|d| d.is_error()).or(diags.first());
            let error = match first {
                Some(d) => ApiError::from_diagnostic(d, locate(session, TIMELINE, QUERY, q, |o| wrapped.original(o))),
                None => ApiError::new(Code::BadParameter, "the query has errors"),
            };
            Reply::error(&error)
        }
        Err(other) => Reply::error(&ApiError::new(Code::BadParameter, other.to_string())),
    }
}

/// The card `tkb check` makes for `asked`, or the error to answer with (an unknown citizenship is E0121, 400).
pub fn card(worker: &mut Worker, asked: &CheckParams) -> Result<crate::check::Card, ApiError> {
    let db = &worker.session().db;
    let unplaced = |_: &Diagnostic| None;
    if let Some(missing) = crate::check::rules_missing(db) {
        return Err(ApiError::from_diagnostic(&missing, unplaced));
    }
    let citizen = crate::check::citizen(db, &asked.citizen).map_err(|d| ApiError::from_diagnostic(&d, unplaced))?;
    let request =
        crate::check::Request { citizen, date: asked.date, by: asked.by.clone(), purpose: asked.purpose.clone() };
    crate::check::card(db, &request).map_err(|diags| match diags.iter().find(|d| d.is_error()).or(diags.first()) {
        Some(d) => ApiError::from_diagnostic(d, unplaced),
        None => ApiError::new(Code::BadParameter, "no card could be made"),
    })
}

/// `GET /api/check`: the traveller's card, as `tkb check --format json` prints it.
pub fn check(worker: &mut Worker, asked: &CheckParams) -> Reply {
    match card(worker, asked) {
        Ok(card) => Reply::json(StatusCode::OK, &card),
        Err(e) => Reply::error(&e),
    }
}

/// `GET /api/lint`: `tkb lint --format json` of the kb.
pub fn lint(worker: &mut Worker) -> Reply {
    let text = worker.generation().lint_json();
    let status = if text.starts_with('{') { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK };
    Reply { status, kind: kind::JSON, body: text.as_bytes().to_vec() }
}
