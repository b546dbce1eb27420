//! Interrupting a running evaluation (Ctrl-C in the REPL). The evaluator polls the flag between passes and between
//! the outer tuples of a join; an interrupted model is marked so, and is never answered from or kept.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Asks the running evaluation to stop (called from a signal handler: only an atomic store).
pub fn request() {
    REQUESTED.store(true, Ordering::Relaxed);
}

/// Forgets an earlier request, before new work starts.
pub fn clear() {
    REQUESTED.store(false, Ordering::Relaxed);
}

pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}
