//! What every request reads: the settings, the current generation of the kb (swapped in one step on reload) and
//! the last reload's errors.

use super::kb::{Generation, KbSource, Problem};
use serde::Serialize;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The limits each request runs under, from `tkb serve`'s flags (fields in alphabetical order: the keys as
/// `/api/status` writes them).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Limits {
    /// The most bytes of answers kept for the kb served (`--cache`; 0: none kept).
    pub cache: usize,
    /// A request body may be at most this many bytes (E0223, HTTP 413).
    pub max_body: usize,
    /// Evaluation stops when the heap would hold more bytes (E0209, HTTP 503); `None`: no budget.
    pub max_memory: Option<u64>,
    /// Evaluation stops when a model would hold more tuples (E0205, HTTP 503).
    pub max_tuples: usize,
    /// A request may wait and run at most this long in all (E0225, HTTP 504).
    #[serde(serialize_with = "millis")]
    pub request_timeout: Option<Duration>,
    /// Evaluation stops after this long (E0204, HTTP 504).
    #[serde(serialize_with = "millis")]
    pub timeout: Option<Duration>,
}

fn millis<S: serde::Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_u64(d.as_millis() as u64),
        None => s.serialize_none(),
    }
}

/// A reload that failed: when, and every error, located.
#[derive(Clone, Debug, Serialize)]
pub struct ReloadError {
    /// When it was tried, RFC 3339 in UTC.
    pub at: String,
    /// The errors that kept the new kb from loading.
    pub errors: Vec<Problem>,
}

/// The server's shared state.
pub struct State {
    /// Where the kb comes from.
    pub source: KbSource,
    /// Each request's limits.
    pub limits: Limits,
    /// The origin allowed to read the API from another site (`--cors`); `None`: no CORS headers at all.
    pub cors: Option<String>,
    current: RwLock<Arc<Generation>>,
    reload_error: Mutex<Option<ReloadError>>,
}

impl State {
    /// The state with its first generation.
    pub fn new(source: KbSource, limits: Limits, cors: Option<String>, first: Generation) -> State {
        State { source, limits, cors, current: RwLock::new(Arc::new(first)), reload_error: Mutex::new(None) }
    }

    /// The generation now served.
    pub fn current(&self) -> Arc<Generation> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The last reload's errors, if the last reload failed.
    pub fn reload_error(&self) -> Option<ReloadError> {
        self.reload_error.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Swaps in a new generation in one step (requests already running finish on the old one) and clears the
    /// reload error.
    pub fn swap(&self, next: Generation) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
        *self.reload_error.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Records a failed reload; the current generation stays.
    pub fn failed(&self, error: ReloadError) {
        *self.reload_error.lock().unwrap_or_else(|e| e.into_inner()) = Some(error);
    }
}
