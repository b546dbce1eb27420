//! The server's log on standard error: one line per request (method, path, status, milliseconds) and one per
//! event (listening, reload, shutdown). Lines are written whole, so concurrent requests never interleave.

use std::io::Write;

/// Writes one line.
pub fn line(text: &str) {
    // One write of the whole line: standard error is unbuffered, and `writeln!` would write the text and the
    // newline in two calls.
    let _ = std::io::stderr().lock().write_all(format!("{text}\n").as_bytes());
}

/// The line of one request: `GET /api/query 200 0.4ms` (the query string is left out: it may hold anything).
pub fn request(method: &str, path: &str, status: u16, elapsed: std::time::Duration) {
    line(&format!("{method} {path} {status} {:.1}ms", elapsed.as_secs_f64() * 1e3));
}
