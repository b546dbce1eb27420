//! Stopping a running evaluation: Ctrl-C, the request's deadline, its tuple budget and its memory budget.
//!
//! [`Limits`] is what one request may spend: plain data, chosen per session (and, in a server, per request). A
//! [`Guard`] is those limits in force, started when the request starts (its deadline counts from then). The join
//! polls [`Guard::should_stop`] inside its innermost loop (every few thousand candidates), so a stop takes effect
//! within milliseconds even in one long join; a stopped model is never answered from or kept. Ctrl-C is the one
//! process-wide state here: a signal belongs to no request, so it stops them all.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Set by the Ctrl-C handler (an atomic store is all a signal handler may do).
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Asks every running evaluation to stop (called from a signal handler: only atomic operations). Returns true
/// when a stop was already requested and not yet cleared: a second Ctrl-C, which the caller may take as "now".
pub fn request() -> bool {
    REQUESTED.swap(true, Ordering::Relaxed)
}

/// Forgets an earlier Ctrl-C, before new work starts (the REPL, at each entry).
pub fn clear() {
    REQUESTED.store(false, Ordering::Relaxed);
}

/// True when Ctrl-C was pressed and not yet cleared.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// The default tuple budget: about 2 GiB of packed pairs and their indexes, well inside this kind of machine.
pub const DEFAULT_MAX_TUPLES: usize = 100_000_000;

/// What one request may spend before its evaluation stops (with E0204, E0205 or E0209, exit code 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How long the request may run (`--timeout`); `None`: no deadline.
    pub timeout: Option<Duration>,
    /// The most tuples a model may hold, base and derived (`--max-tuples`).
    pub max_tuples: usize,
    /// The most bytes the process's heap may hold while the request runs (`--max-memory`); `None`: no budget.
    pub max_memory: Option<u64>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { timeout: None, max_tuples: DEFAULT_MAX_TUPLES, max_memory: None }
    }
}

impl Limits {
    /// These limits in force from now: the deadline is `timeout` from this call.
    pub fn start(self) -> Guard {
        Guard {
            limits: self,
            deadline: self.timeout.map(|t| Instant::now() + t),
            stopped: Arc::new(AtomicU8::new(RUNNING)),
            named: OnceLock::new(),
            watch: None,
        }
    }
}

/// Why a guard stopped its request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Ctrl-C, or the request was cancelled through its [`Cancel`] handle.
    Interrupted,
    /// The deadline passed.
    Timeout,
    /// The heap grew past the memory budget.
    Memory,
}

const RUNNING: u8 = 0;
const INTERRUPTED: u8 = 1;
const TIMEOUT: u8 = 2;
const MEMORY: u8 = 3;

/// The limits of one request, in force: polled by the join, read by the passes that count tuples. Once it has
/// stopped it stays stopped, so every later poll of the same request agrees.
#[derive(Debug)]
pub struct Guard {
    limits: Limits,
    deadline: Option<Instant>,
    /// `RUNNING`, or why it stopped; shared with the request's `Cancel` handles.
    stopped: Arc<AtomicU8>,
    /// The stop as the first caller named it (with the relation that was growing), for whoever asks afterwards.
    named: OnceLock<super::Stop>,
    /// Told of each pass of the evaluation (a progress display), when someone watches.
    watch: Option<Arc<dyn super::watch::Watch>>,
}

impl Default for Guard {
    /// The default limits, started now (no deadline, so when does not matter).
    fn default() -> Guard {
        Limits::default().start()
    }
}

impl Clone for Guard {
    /// A copy of a database is a new place for requests, not a share of the running one: it gets the same limits,
    /// started afresh, and a stop of the original never stops the copy (`tkb serve` copies one loaded kb into
    /// every worker).
    fn clone(&self) -> Guard {
        self.limits.start()
    }
}

impl Guard {
    /// This guard with `watch` told of the evaluation's passes (`None`: nobody watches).
    pub fn watched(mut self, watch: Option<Arc<dyn super::watch::Watch>>) -> Guard {
        self.watch = watch;
        self
    }

    /// Who watches the evaluation, if anyone.
    pub fn watch(&self) -> Option<&dyn super::watch::Watch> {
        self.watch.as_deref()
    }

    /// The limits this guard enforces.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The most tuples a model may hold under this guard.
    pub fn max_tuples(&self) -> usize {
        self.limits.max_tuples
    }

    /// Polled by the join: true once Ctrl-C was pressed, the request was cancelled, its deadline passed or the heap
    /// outgrew its budget. Costs two atomic loads, a clock read when there is a deadline, and one more load when
    /// there is a memory budget.
    pub fn should_stop(&self) -> bool {
        if self.stopped.load(Ordering::Relaxed) != RUNNING {
            return true;
        }
        let reason = if REQUESTED.load(Ordering::Relaxed) {
            INTERRUPTED
        } else if self.deadline.is_some_and(|d| Instant::now() >= d) {
            TIMEOUT
        } else if self.limits.max_memory.is_some_and(|max| crate::memory::held() > max) {
            MEMORY
        } else {
            return false;
        };
        // The first reason seen wins: a later poll must not turn a timeout into an interrupt.
        let _ = self.stopped.compare_exchange(RUNNING, reason, Ordering::Relaxed, Ordering::Relaxed);
        true
    }

    /// Why the request stopped; `None` while it may go on. Reads no clock: it reports what a poll saw.
    pub fn reason(&self) -> Option<Reason> {
        match self.stopped.load(Ordering::Relaxed) {
            INTERRUPTED => Some(Reason::Interrupted),
            TIMEOUT => Some(Reason::Timeout),
            MEMORY => Some(Reason::Memory),
            _ => None,
        }
    }

    /// The stop for a relation whose growth the system refused (an allocation that would have aborted): the memory
    /// budget, named and remembered like a stop the polls found. `limit` is the budget, or the heap's size then
    /// when there is none.
    pub fn out_of_memory(&self, pred: crate::symbol::Symbol) -> super::Stop {
        let limit = self.limits.max_memory.unwrap_or_else(crate::memory::held);
        let stop = super::Stop::Memory { pred, limit };
        let _ = self.stopped.compare_exchange(RUNNING, MEMORY, Ordering::Relaxed, Ordering::Relaxed);
        self.name_stop(&stop);
        stop
    }

    /// Remembers the stop this guard caused, as its caller named it (`Halt::into_stop`); the first one stays.
    pub fn name_stop(&self, stop: &super::Stop) {
        let _ = self.named.set(stop.clone());
    }

    /// The stop this guard caused, named: `None` while the request may go on. A caller that swallowed a stop
    /// (a search that read it as "not found") still learns here that its request was stopped.
    pub fn stop(&self) -> Option<super::Stop> {
        self.named.get().cloned()
    }

    /// Checked between statements: the stop already named, else Ctrl-C, a cancel or the deadline as a stop of
    /// the whole request. The memory budget is left to the evaluation that grows the heap, which names the
    /// relation (a statement that evaluates nothing may still run).
    pub fn check(&self) -> Result<(), super::Stop> {
        if let Some(stop) = self.stop() {
            return Err(stop);
        }
        let state = self.stopped.load(Ordering::Relaxed);
        let stop = if state == INTERRUPTED || REQUESTED.load(Ordering::Relaxed) {
            super::Stop::Interrupted
        } else if state == TIMEOUT || self.deadline.is_some_and(|d| Instant::now() >= d) {
            super::Stop::Timeout
        } else {
            return Ok(());
        };
        let code = if stop == super::Stop::Interrupted { INTERRUPTED } else { TIMEOUT };
        let _ = self.stopped.compare_exchange(RUNNING, code, Ordering::Relaxed, Ordering::Relaxed);
        self.name_stop(&stop);
        Err(stop)
    }

    /// A handle that stops this request from elsewhere (another thread, a server whose client went away),
    /// without touching any other request.
    pub fn cancel_handle(&self) -> Cancel {
        Cancel(self.stopped.clone())
    }
}

/// Stops one request from outside it: see [`Guard::cancel_handle`].
#[derive(Clone, Debug)]
pub struct Cancel(Arc<AtomicU8>);

impl Cancel {
    /// Stops the request as an interrupt (E0203) at its next poll.
    pub fn cancel(&self) {
        let _ = self.0.compare_exchange(RUNNING, INTERRUPTED, Ordering::Relaxed, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_belongs_to_its_guard() {
        let short = Limits { timeout: Some(Duration::ZERO), ..Limits::default() }.start();
        let none = Limits::default().start();
        assert!(short.should_stop());
        assert_eq!(short.reason(), Some(Reason::Timeout));
        assert!(!none.should_stop());
        assert_eq!(none.reason(), None);
    }

    #[test]
    fn cancelling_stops_only_its_own_request() {
        let (a, b) = (Guard::default(), Guard::default());
        a.cancel_handle().cancel();
        assert!(a.should_stop());
        assert_eq!(a.reason(), Some(Reason::Interrupted));
        assert!(!b.should_stop());
    }

    #[test]
    fn the_first_reason_stays() {
        let guard = Limits { timeout: Some(Duration::ZERO), ..Limits::default() }.start();
        assert!(guard.should_stop());
        guard.cancel_handle().cancel();
        assert_eq!(guard.reason(), Some(Reason::Timeout));
    }
}
