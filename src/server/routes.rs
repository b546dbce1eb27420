//! The HTTP surface: which path and method reach which handler, each handler a thin async wrapper that checks the
//! parameters (400 before any work) and hands the work to a worker. Every answer passes the middleware that
//! writes its log line and the headers every answer carries.

use super::params::{CheckParams, PagePath, ParamError, Params, CHECK_PARAMS};
use super::pool::{Pool, Worker};
use super::reply::{kind, ApiError, Reply};
use super::state::State as Shared;
use super::{api, site};
use crate::diag::Code;
use axum::body::Body;
use axum::extract::{RawQuery, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;
use std::time::Instant;

/// The OpenAPI description of the API, served at `/api/openapi.json`.
const OPENAPI: &str = include_str!("../../templates/openapi.json");

/// What the handlers share: the state and the workers.
pub struct App {
    /// The settings and the current kb.
    pub state: Arc<Shared>,
    /// The workers.
    pub pool: Pool,
}

type AppState = State<Arc<App>>;

impl App {
    /// Runs `job` on a worker within the request time limit: 503 when the queue is full, 504 past the limit.
    async fn run(&self, job: impl FnOnce(&mut Worker) -> Reply + Send + 'static) -> Reply {
        let work = self.pool.run(job);
        let done = match self.state.limits.request_timeout {
            Some(limit) => match tokio::time::timeout(limit, work).await {
                Ok(done) => done,
                Err(_) => {
                    let message = format!("the request took longer than {} ms", limit.as_millis());
                    return Reply::error(&ApiError::new(Code::RequestTimeout, message));
                }
            },
            None => work.await,
        };
        done.unwrap_or_else(|_| {
            Reply::error(&ApiError::new(Code::ServerBusy, "every worker is busy and the queue is full: retry shortly"))
        })
    }
}

impl App {
    /// A GET request whose answer depends on nothing but the kb and `key` (its path and query string): served from
    /// the current generation's cache when it is there, else run on a worker and, when it succeeded, kept in the
    /// cache of the generation the worker answered from (never in a newer one).
    async fn cached(&self, key: String, job: impl FnOnce(&mut Worker) -> Reply + Send + 'static) -> Reply {
        if let Some(hit) = self.state.current().answers.get(&key) {
            return Reply::clone(&hit);
        }
        self.run(move |worker| {
            let reply = job(worker);
            if reply.status == StatusCode::OK {
                worker.generation().answers.put(key, Arc::new(reply.clone()));
            }
            reply
        })
        .await
    }
}

/// The cache key of a GET request: its path and its query string exactly as sent.
fn key(path: &str, raw: Option<&str>) -> String {
    format!("{path}?{}", raw.unwrap_or(""))
}

/// The router with every endpoint, the site as the fallback, and the middleware.
pub fn router(app: Arc<App>) -> Router {
    let cors = app.state.cors.clone();
    let router = Router::new()
        .route("/api/query", get(api_query))
        .route("/api/why", get(api_why))
        .route("/api/run", post(api_run))
        .route("/api/check", get(api_check))
        .route("/api/lint", get(api_lint))
        .route("/api/timeline.svg", get(api_timeline))
        .route("/api/status", get(api_status))
        .route("/api/openapi.json", get(api_openapi))
        .fallback(site_page)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(log_and_headers))
        .with_state(app);
    match cors.and_then(|origin| origin.parse::<HeaderValue>().ok()) {
        Some(origin) => router.layer(
            tower_http::cors::CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET, Method::HEAD, Method::POST])
                .allow_headers([header::CONTENT_TYPE]),
        ),
        None => router,
    }
}

fn bad(e: ParamError) -> Reply {
    Reply::error(&ApiError::new(Code::BadParameter, e.0))
}

async fn api_query(State(app): AppState, RawQuery(raw): RawQuery) -> Reply {
    let key = key("/api/query", raw.as_deref());
    let checked = (|| {
        let p = Params::parse(raw.as_deref(), &["q", "as_known", "confirmed_only"])?;
        Ok::<_, ParamError>((p.required("q")?.to_string(), p.day("as_known")?, p.flag("confirmed_only")?))
    })();
    match checked {
        Ok((q, as_known, confirmed)) => app.cached(key, move |w| api::query(w, &q, as_known, confirmed)).await,
        Err(e) => bad(e),
    }
}

async fn api_why(State(app): AppState, RawQuery(raw): RawQuery) -> Reply {
    let key = key("/api/why", raw.as_deref());
    let checked = Params::parse(raw.as_deref(), &["q"]).and_then(|p| p.required("q").map(str::to_string));
    match checked {
        Ok(q) => app.cached(key, move |w| api::why(w, &q)).await,
        Err(e) => bad(e),
    }
}

async fn api_run(State(app): AppState, RawQuery(raw): RawQuery, request: Request) -> Reply {
    if let Err(e) = Params::parse(raw.as_deref(), &[]) {
        return bad(e);
    }
    let limit = app.state.limits.max_body;
    let too_large = || {
        Reply::error(&ApiError::new(Code::BodyTooLarge, format!("the body is larger than the limit of {limit} bytes")))
    };
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large();
    }
    let Ok(bytes) = axum::body::to_bytes(request.into_body(), limit).await else { return too_large() };
    match String::from_utf8(bytes.to_vec()) {
        Ok(script) => app.run(move |w| api::run(w, &script)).await,
        Err(e) => Reply::error(&ApiError::new(Code::BadParameter, format!("the body is not UTF-8 text: {e}"))),
    }
}

async fn api_check(State(app): AppState, RawQuery(raw): RawQuery) -> Reply {
    let key = key("/api/check", raw.as_deref());
    match Params::parse(raw.as_deref(), &CHECK_PARAMS).and_then(|p| CheckParams::read(&p)) {
        Ok(asked) => app.cached(key, move |w| api::check(w, &asked)).await,
        Err(e) => bad(e),
    }
}

async fn api_lint(State(app): AppState, RawQuery(raw): RawQuery) -> Reply {
    match Params::parse(raw.as_deref(), &[]) {
        Ok(_) => app.run(api::lint).await,
        Err(e) => bad(e),
    }
}

async fn api_timeline(State(app): AppState, RawQuery(raw): RawQuery) -> Reply {
    let key = key("/api/timeline.svg", raw.as_deref());
    let checked = (|| {
        let p = Params::parse(raw.as_deref(), &["q", "from", "to"])?;
        Ok::<_, ParamError>((p.required("q")?.to_string(), p.day("from")?, p.day("to")?))
    })();
    match checked {
        Ok((q, from, to)) => app.cached(key, move |w| api::timeline(w, &q, from, to)).await,
        Err(e) => bad(e),
    }
}

/// `/api/status`: the kb served, the answers kept for it, the limits, the last reload's errors and the version.
/// Keys in alphabetical order, as everywhere in the command line's JSON.
#[derive(serde::Serialize)]
struct Status<'a> {
    cached_answers: usize,
    kb: &'a super::kb::Figures,
    last_reload_error: Option<super::state::ReloadError>,
    limits: &'a super::state::Limits,
    version: &'static str,
}

async fn api_status(State(app): AppState, RawQuery(raw): RawQuery) -> Reply {
    if let Err(e) = Params::parse(raw.as_deref(), &[]) {
        return bad(e);
    }
    let state = &app.state;
    let current = state.current();
    let status = Status {
        cached_answers: current.answers.entries(),
        kb: &current.figures,
        last_reload_error: state.reload_error(),
        limits: &state.limits,
        version: env!("CARGO_PKG_VERSION"),
    };
    Reply::json(StatusCode::OK, &status)
}

async fn api_openapi() -> Reply {
    Reply::ok(kind::JSON, OPENAPI)
}

/// Every path the routes above do not take: a page of the site for `GET` and `HEAD`, else 405 for a page and
/// 404 for anything else. API paths answer JSON errors, pages HTML.
async fn site_page(State(app): AppState, method: Method, request: Request) -> Reply {
    let path = request.uri().path().to_string();
    let page = super::params::page_path(&path);
    if path.starts_with("/api/") || path == "/api" {
        return Reply::error(&ApiError::new(Code::NotFound, format!("no endpoint at {path}; see /api/openapi.json")));
    }
    let Some(page) = page else { return site::not_found(&path) };
    if method != Method::GET && method != Method::HEAD {
        return Reply::error(&ApiError::new(Code::MethodNotAllowed, format!("{path} takes GET only")));
    }
    match page {
        PagePath::Report(path) => app.cached(key(&format!("/{path}"), None), move |w| site::page(w, &path)).await,
        PagePath::Check => {
            let raw = request.uri().query().map(str::to_string);
            let key = key("/check", raw.as_deref());
            match Params::parse(raw.as_deref(), &CHECK_PARAMS) {
                Ok(p) => app.cached(key, move |w| site::check(w, &p)).await,
                Err(e) => bad(e),
            }
        }
        PagePath::Query => {
            let raw = request.uri().query().map(str::to_string);
            let checked = (|| {
                let p = Params::parse(raw.as_deref(), &["q", "as_known", "confirmed_only"])?;
                Ok::<_, ParamError>((p.text("q").map(str::to_string), p.day("as_known")?, p.flag("confirmed_only")?))
            })();
            match checked {
                Ok((q, as_known, confirmed)) => {
                    let key = key("/query", raw.as_deref());
                    app.cached(key, move |w| site::query(w, q.as_deref(), as_known, confirmed)).await
                }
                Err(e) => bad(e),
            }
        }
    }
}

async fn method_not_allowed(method: Method, request: Request) -> Reply {
    let message = format!("{} does not take {method}", request.uri().path());
    Reply::error(&ApiError::new(Code::MethodNotAllowed, message))
}

/// Logs every request and adds the headers every answer carries: no sniffing, no framing, no referrer, and a
/// content security policy that lets pages load only the site's own script and styles.
async fn log_and_headers(request: Request<Body>, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await.into_response();
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        ),
    );
    if response.status() == StatusCode::METHOD_NOT_ALLOWED && !response.headers().contains_key(header::ALLOW) {
        let allow = if path == "/api/run" { "POST" } else { "GET, HEAD" };
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
    }
    super::log::request(method.as_str(), &path, response.status().as_u16(), started.elapsed());
    response
}
