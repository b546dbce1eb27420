//! The one place a request's limits are put in force before it runs: each request starts its own guard in its
//! worker's session (a deadline from now, its own tuple and memory budgets), so one request's timeout never stops
//! another, and a stopped request leaves nothing behind for the next.

use super::state::Limits;
use crate::eval::interrupt;
use crate::session::Session;

/// Starts a request in `session` under `limits`.
pub fn start(session: &mut Session, limits: &Limits) {
    session.set_limits(interrupt::Limits {
        timeout: limits.timeout,
        max_tuples: limits.max_tuples,
        max_memory: limits.max_memory,
    });
}
