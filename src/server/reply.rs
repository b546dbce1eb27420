//! What a handler answers, before it becomes an HTTP response: a status, a content type and a body; and errors as
//! `{"error": {"code", "column", "file", "line", "message"}}` (the command line's JSON diagnostics) with the status
//! their code fits. Every JSON body is a serde type or the command line's own JSON values, serialized here.

use crate::diag::{Code, Diagnostic};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value as Json;

/// A finished answer.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The HTTP status.
    pub status: StatusCode,
    /// The `Content-Type`.
    pub kind: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

/// The content types the server sends.
pub mod kind {
    /// JSON.
    pub const JSON: &str = "application/json";
    /// A page.
    pub const HTML: &str = "text/html; charset=utf-8";
    /// A picture.
    pub const SVG: &str = "image/svg+xml";
    /// The style sheet.
    pub const CSS: &str = "text/css; charset=utf-8";
    /// The day picker's script.
    pub const JS: &str = "text/javascript; charset=utf-8";
}

impl Reply {
    /// A 200 answer.
    pub fn ok(kind: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status: StatusCode::OK, kind, body: body.into() }
    }

    /// A value serialized as JSON with `status`, its keys in the type's order, indented as the command line
    /// writes it.
    pub fn json(status: StatusCode, value: &impl Serialize) -> Reply {
        let mut body = serde_json::to_vec_pretty(value).unwrap_or_default();
        body.push(b'\n');
        Reply { status, kind: kind::JSON, body }
    }

    /// A JSON error.
    pub fn error(error: &ApiError) -> Reply {
        Reply::json(error.status, &error.body())
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let busy = self.status == StatusCode::SERVICE_UNAVAILABLE;
        let mut response = (self.status, self.body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(self.kind));
        if busy {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// Where an error points: a file (a kb file, or the client's text under the name the command line gives such
/// text, `<query>`) and the 1-based line and column (in characters) in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The file's name.
    pub file: String,
    /// The line (1-based).
    pub line: usize,
    /// The column (1-based, in characters).
    pub column: usize,
}

/// An error as the API answers it.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// The status its code fits.
    pub status: StatusCode,
    /// The stable code (`E0001`).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where; `None` when it points nowhere (a parameter, a limit).
    pub place: Option<Place>,
}

/// The status a diagnostic's code fits: a limit is the server's (503, 504), anything else the request's (400).
pub fn status_of(code: Code) -> StatusCode {
    match code {
        Code::Timeout | Code::RequestTimeout => StatusCode::GATEWAY_TIMEOUT,
        Code::TupleBudget | Code::MemoryBudget | Code::Interrupted | Code::ServerBusy => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        Code::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// The error object: `{"error": {"code", "column", "file", "line", "message"}}`, keys as the command line's JSON
/// diagnostics write them, the place null where there is none.
#[derive(Serialize)]
pub struct ErrorJson<'a> {
    error: ErrorFields<'a>,
}

/// A script that failed after some of its statements answered: the error object with the answers before it,
/// `{"error": {...}, "results": [...]}`.
#[derive(Serialize)]
pub struct FailedRunJson<'a> {
    error: ErrorFields<'a>,
    results: &'a [Json],
}

#[derive(Serialize)]
struct ErrorFields<'a> {
    code: &'a str,
    column: Option<usize>,
    file: Option<&'a str>,
    line: Option<usize>,
    message: &'a str,
}

impl ApiError {
    /// An error of `code` with no place.
    pub fn new(code: Code, message: impl Into<String>) -> ApiError {
        ApiError { status: status_of(code), code: code.id(), message: message.into(), place: None }
    }

    /// A diagnostic, placed by `locate` (which maps the diagnostic's place to the file and text the client
    /// knows).
    pub fn from_diagnostic(d: &Diagnostic, locate: impl Fn(&Diagnostic) -> Option<Place>) -> ApiError {
        ApiError { status: status_of(d.code), code: d.code.id(), message: d.message.clone(), place: locate(d) }
    }

    /// The line and column, when it has a place.
    pub fn at(&self) -> Option<(usize, usize)> {
        self.place.as_ref().map(|p| (p.line, p.column))
    }

    fn fields(&self) -> ErrorFields<'_> {
        ErrorFields {
            code: self.code,
            column: self.place.as_ref().map(|p| p.column),
            file: self.place.as_ref().map(|p| p.file.as_str()),
            line: self.place.as_ref().map(|p| p.line),
            message: &self.message,
        }
    }

    /// The error object.
    pub fn body(&self) -> ErrorJson<'_> {
        ErrorJson { error: self.fields() }
    }

    /// The error object with the results of the statements answered before it.
    pub fn with_results<'a>(&'a self, results: &'a [Json]) -> FailedRunJson<'a> {
        FailedRunJson { error: self.fields(), results }
    }
}
