//! The live site, run on a worker: the report's pages rendered on request from the current kb, and the query
//! page. Only pages the site has can be named (`params::page_path`, then `report::render` matches names against
//! the kb's own), so no request reaches a file.

use super::params::{encode, CheckParams, Params};
use super::pool::Worker;
use super::reply::{kind, ApiError, Reply};
use crate::diag::Code;
use crate::picture::report::ask::{self, Answered, Asked};
use crate::picture::report::check_page;
use crate::picture::report::{self, Kb};
use crate::picture::timeline::{self, Options};
use crate::time::Day;
use axum::http::StatusCode;

fn content_type(path: &str) -> &'static str {
    if path.ends_with(".css") {
        kind::CSS
    } else if path.ends_with(".js") {
        kind::JS
    } else {
        kind::HTML
    }
}

/// A page of the report, by its path inside the site.
pub fn page(worker: &mut Worker, path: &str) -> Reply {
    let generation = worker.generation().clone();
    let data = match generation.site() {
        Ok(data) => data,
        Err(why) => return Reply::error(&ApiError::new(Code::Io, format!("the site could not be made: {why}"))),
    };
    let kb = Kb { db: &worker.session().db, data, live: true };
    match report::render(&kb, path) {
        Some(page) => Reply::ok(content_type(path), page),
        None => not_found(path),
    }
}

/// The page for a path the site does not have.
pub fn not_found(path: &str) -> Reply {
    let body = maud::html! {
        (maud::DOCTYPE)
        html lang="en" { head { meta charset="utf-8"; title { "Not found · tkb" } }
            body { h1 { "No such page" } p { "The site has no page " code { (path) } ". " a href="/" { "Start from the index" } "." } } }
    };
    Reply { status: StatusCode::NOT_FOUND, kind: kind::HTML, body: body.into_string().into_bytes() }
}

/// The address of the query page asking `q` with these settings.
fn address(q: &str, as_known: Option<Day>, confirmed_only: bool) -> String {
    let mut out = format!("query?q={}", encode(q));
    if let Some(day) = as_known {
        out += &format!("&as_known={day}");
    }
    if confirmed_only {
        out += "&confirmed_only=true";
    }
    out
}

/// The query page: the form, and the answers when `q` is given.
pub fn query(worker: &mut Worker, q: Option<&str>, as_known: Option<Day>, confirmed_only: bool) -> Reply {
    let permalink = q.map(|q| address(q, as_known, confirmed_only)).unwrap_or_else(|| "query".into());
    let asked = Asked { q, as_known, confirmed_only, permalink };
    let Some(q) = q else {
        return render(worker, &asked, &Answered::Nothing, StatusCode::OK);
    };
    let wrapped = super::params::wrap(q, "?- ");
    let outcome = super::api::execute(worker, super::api::QUERY, &wrapped.text, as_known, confirmed_only);
    let session = worker.session();
    if let Some(d) = outcome.diagnostics.iter().find(|d| d.is_error()) {
        let locate = super::api::locate(session, super::api::QUERY, super::api::QUERY, q, |o| wrapped.original(o));
        let error = ApiError::from_diagnostic(d, locate);
        let answered = Answered::Error { code: error.code, message: &error.message, at: error.at() };
        return render(worker, &asked, &answered, error.status);
    }
    let Some(result) = outcome.results.first() else {
        let answered = Answered::Error { code: "E0220", message: "`q` holds no query", at: None };
        return render(worker, &asked, &answered, StatusCode::BAD_REQUEST);
    };
    let svg = timeline::render(&session.db, result, Options::default()).ok();
    render(worker, &asked, &Answered::Result(result, svg), StatusCode::OK)
}

/// The check page: the form, and the card when a citizenship or a day is given (a 400 page when the parameters
/// are wrong, with the form kept as typed).
pub fn check(worker: &mut Worker, p: &Params) -> Reply {
    let typed = |key: &str| p.text(key).unwrap_or("").to_string();
    let (citizen, date, by, purpose) = (typed("citizen"), typed("date"), typed("by"), typed("purpose"));
    let permalink = match (citizen.is_empty(), date.is_empty()) {
        (true, true) => "check".to_string(),
        _ => format!(
            "check?citizen={}&date={}&by={}&purpose={}",
            encode(&citizen),
            encode(&date),
            encode(if by.is_empty() { "air" } else { &by }),
            encode(if purpose.is_empty() { "tourism" } else { &purpose })
        ),
    };
    let asked = check_page::Asked { citizen: &citizen, date: &date, by: &by, purpose: &purpose, permalink };
    let links = report::layout::Links::without_quotes("", true);
    let page = |checked: &check_page::Checked, status| Reply {
        status,
        kind: kind::HTML,
        body: check_page::page(&links, &asked, checked).into_bytes(),
    };
    if citizen.is_empty() && date.is_empty() {
        return page(&check_page::Checked::Nothing, StatusCode::OK);
    }
    let carded = CheckParams::read(p)
        .map_err(|e| ApiError::new(Code::BadParameter, e.0))
        .and_then(|asked| super::api::card(worker, &asked));
    match carded {
        Ok(card) => page(&check_page::Checked::Card(&card), StatusCode::OK),
        Err(e) => page(&check_page::Checked::Error { code: e.code, message: &e.message }, e.status),
    }
}

fn render(worker: &mut Worker, asked: &Asked, answered: &Answered, status: StatusCode) -> Reply {
    let links = report::layout::Links::without_quotes("", true);
    let page = ask::page(&worker.session().db, &links, asked, answered, |q| address(q, None, false));
    Reply { status, kind: kind::HTML, body: page.into_bytes() }
}
