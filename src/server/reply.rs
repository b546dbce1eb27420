//! What a handler answers, before it becomes an HTTP response: a status, a content type and a body; and errors as
//! `{"error": {"code", "message", "line", "column"}}` with the status their code fits.

use crate::diag::{Code, Diagnostic};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value as Json};

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

    /// A JSON answer with `status`, indented as the command line writes JSON.
    pub fn json(status: StatusCode, value: &Json) -> Reply {
        let mut body = serde_json::to_vec_pretty(value).unwrap_or_default();
        body.push(b'\n');
        Reply { status, kind: kind::JSON, body }
    }

    /// A value serialized as JSON with `status`, its keys in the type's order, indented as the command line
    /// writes it.
    pub fn serialized(status: StatusCode, value: &impl serde::Serialize) -> Reply {
        let mut body = serde_json::to_vec_pretty(value).unwrap_or_default();
        body.push(b'\n');
        Reply { status, kind: kind::JSON, body }
    }

    /// A JSON error.
    pub fn error(error: &ApiError) -> Reply {
        Reply::json(error.status, &error.json())
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

/// An error as the API answers it.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// The status its code fits.
    pub status: StatusCode,
    /// The stable code (`E0001`).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where, in the text the client sent (1-based); `None` when it points nowhere in it.
    pub at: Option<(usize, usize)>,
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

impl ApiError {
    /// An error of `code` with no place.
    pub fn new(code: Code, message: impl Into<String>) -> ApiError {
        ApiError { status: status_of(code), code: code.id(), message: message.into(), at: None }
    }

    /// A diagnostic, placed by `locate` (which maps a byte offset of the statement run to the client's text).
    pub fn from_diagnostic(d: &Diagnostic, locate: impl Fn(&Diagnostic) -> Option<(usize, usize)>) -> ApiError {
        ApiError { status: status_of(d.code), code: d.code.id(), message: d.message.clone(), at: locate(d) }
    }

    /// The error object.
    pub fn json(&self) -> Json {
        let (line, column) = match self.at {
            Some((l, c)) => (json!(l), json!(c)),
            None => (Json::Null, Json::Null),
        };
        json!({ "error": { "code": self.code, "message": self.message, "line": line, "column": column } })
    }
}
