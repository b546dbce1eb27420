//! The one place a request's limits are put in force before it runs: the pool calls `start` as each request
//! begins on its worker, which gives the worker's session the request's `RunSettings` (the flags' timeout, tuple
//! and memory budgets, JSON answers, stopping at the first error) and a guard of its own (a deadline from now). So
//! one request's timeout never stops another, and nothing a request stopped or changed carries over to the next.

use super::state::Limits;
use crate::eval::interrupt;
use crate::output::Format;
use crate::session::{RunSettings, Session};

/// The settings every request runs under, from the server's limits.
pub fn settings(limits: &Limits) -> RunSettings {
    let limits =
        interrupt::Limits { timeout: limits.timeout, max_tuples: limits.max_tuples, max_memory: limits.max_memory };
    RunSettings { limits, ..RunSettings::new(Format::Json) }
}

/// Starts a request in `session` under `limits`.
pub fn start(session: &mut Session, limits: &Limits) {
    session.settings = settings(limits);
    session.start_request();
}
