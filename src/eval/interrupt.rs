//! Stopping a running evaluation: Ctrl-C in the REPL, `--timeout`, and the tuple budget (`--max-tuples`). The
//! join polls `should_stop` inside its innermost loop (every few thousand candidates), so a stop takes effect
//! within milliseconds even in one long join; a stopped model is never answered from or kept.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

static REQUESTED: AtomicBool = AtomicBool::new(false);
/// The deadline in milliseconds since `epoch()`; 0 for none.
static DEADLINE_MS: AtomicU64 = AtomicU64::new(0);
static TIMED_OUT: AtomicBool = AtomicBool::new(false);
/// The most tuples a model may hold (base and derived); 0 for the default.
static MAX_TUPLES: AtomicUsize = AtomicUsize::new(0);

/// The default tuple budget: about 2 GiB of packed pairs and their indexes, well inside this kind of machine.
pub const DEFAULT_MAX_TUPLES: usize = 100_000_000;

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Asks the running evaluation to stop (called from a signal handler: only an atomic store).
pub fn request() {
    REQUESTED.store(true, Ordering::Relaxed);
}

/// Forgets an earlier request, before new work starts.
pub fn clear() {
    REQUESTED.store(false, Ordering::Relaxed);
}

/// True when Ctrl-C was requested or `should_stop` already saw the deadline pass; reads no clock itself.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed) || timed_out()
}

/// Stops evaluation once `limit` has passed from now (`None`: no deadline).
pub fn set_timeout(limit: Option<Duration>) {
    let ms = limit.map(|d| (epoch().elapsed() + d).as_millis().max(1) as u64).unwrap_or(0);
    DEADLINE_MS.store(ms, Ordering::Relaxed);
    TIMED_OUT.store(false, Ordering::Relaxed);
}

/// True once the deadline has passed.
pub fn timed_out() -> bool {
    TIMED_OUT.load(Ordering::Relaxed)
}

/// Polled by the join: a Ctrl-C, or the deadline passing.
pub fn should_stop() -> bool {
    if REQUESTED.load(Ordering::Relaxed) || TIMED_OUT.load(Ordering::Relaxed) {
        return true;
    }
    let deadline = DEADLINE_MS.load(Ordering::Relaxed);
    if deadline != 0 && epoch().elapsed().as_millis() as u64 >= deadline {
        TIMED_OUT.store(true, Ordering::Relaxed);
        return true;
    }
    false
}

/// Sets the tuple budget; `None` restores the default, `DEFAULT_MAX_TUPLES`.
pub fn set_max_tuples(limit: Option<usize>) {
    MAX_TUPLES.store(limit.unwrap_or(0), Ordering::Relaxed);
}

/// The tuple budget in force: the most tuples a model may hold.
pub fn max_tuples() -> usize {
    match MAX_TUPLES.load(Ordering::Relaxed) {
        0 => DEFAULT_MAX_TUPLES,
        n => n,
    }
}
