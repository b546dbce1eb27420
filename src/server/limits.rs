//! The one place a request's limits are put in force before it runs.
//!
//! Today the engine reads its timeout and tuple budget from process-wide settings (`eval::interrupt`), so they
//! are set here before each request; the per-request values of the session executor replace this call when they
//! land (issue 21), and nothing else in the server changes.

use super::state::Limits;

/// Puts `limits` in force for the evaluation about to start on this worker.
pub fn apply(limits: &Limits) {
    crate::eval::interrupt::set_timeout(limits.timeout);
    crate::eval::interrupt::set_max_tuples(limits.max_tuples);
}
