//! The server's log on standard error: one line per request (method, path, status, milliseconds) and one per
//! event (listening, reload, shutdown). Lines are written whole, so concurrent requests never interleave.

/// Writes one line (through the one writer of standard error, which never fails nor panics).
pub fn line(text: &str) {
    crate::output::stream::to_stderr(&format!("{text}\n"));
}

/// The line of one request: `GET /api/query 200 0.4ms` (the query string is left out: it may hold anything).
pub fn request(method: &str, path: &str, status: u16, elapsed: std::time::Duration) {
    line(&format!("{method} {path} {status} {:.1}ms", elapsed.as_secs_f64() * 1e3));
}
