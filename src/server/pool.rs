//! The workers: a fixed set of threads, each with a session of its own, fed from one bounded queue. The HTTP side
//! never evaluates anything itself; it hands a job to the queue and awaits the reply, so a slow request holds one
//! worker and never the event loop, and a full queue is refused at once (503) rather than left to grow.
//!
//! Every job is one request: the worker starts the request's own guard (`limits::start`) before running it, so
//! its deadline counts from when it starts and no stop of an earlier request carries over. A request whose caller
//! went away (the client closed the connection, or `--request-timeout` passed) is cancelled: skipped if it has not
//! started, stopped at the evaluation's next poll if it has, so an abandoned request does not hold a worker.

use super::kb::Generation;
use super::state::State;
use crate::eval::interrupt::Cancel;
use crate::session::Session;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, OnceLock};

/// A worker re-copies its session from the generation after this many requests, so that what requests leave
/// behind (their query texts, indexes built for them) never grows without bound.
const FRESH_EVERY: usize = 2_000;

/// One worker's state: the generation its session copies and the session.
pub struct Worker {
    state: Arc<State>,
    generation: Arc<Generation>,
    session: Session,
    served: usize,
    dirty: bool,
}

impl Worker {
    fn new(state: Arc<State>) -> Worker {
        let generation = state.current();
        let session = generation.session();
        Worker { state, generation, session, served: 0, dirty: false }
    }

    /// Readies the session for the next request: a fresh copy when the kb was reloaded, when the last request
    /// changed the session, or after `FRESH_EVERY` requests; then the request's own limits, in force from now.
    fn begin(&mut self) {
        let current = self.state.current();
        if !Arc::ptr_eq(&current, &self.generation) || self.dirty || self.served >= FRESH_EVERY {
            self.session = current.session();
            self.generation = current;
            self.served = 0;
            self.dirty = false;
        }
        self.served += 1;
        super::limits::start(&mut self.session, &self.state.limits);
    }

    /// The session this request runs in.
    pub fn session(&mut self) -> &mut Session {
        &mut self.session
    }

    /// The generation the session copies.
    pub fn generation(&self) -> &Arc<Generation> {
        &self.generation
    }

    /// Marks the session as changed by the request (a script's facts, a query's "as known" day): the next
    /// request gets a fresh copy, so no request sees another's statements.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }
}

type Job = Box<dyn FnOnce(&mut Worker) + Send>;

/// The queue and its workers.
pub struct Pool {
    sender: SyncSender<Job>,
}

/// The queue was full: the request is refused with 503.
#[derive(Debug)]
pub struct Busy;

impl Pool {
    /// Starts `workers` threads behind a queue of `queue` waiting jobs.
    pub fn start(state: Arc<State>, workers: usize, queue: usize) -> Pool {
        let (sender, receiver) = sync_channel::<Job>(queue);
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..workers.max(1) {
            let (state, receiver) = (state.clone(), receiver.clone());
            let spawned =
                std::thread::Builder::new().name(format!("tkb-worker-{n}")).spawn(move || work(state, receiver));
            if let Err(e) = spawned {
                super::log::line(&format!("cannot start worker {n}: {e}"));
            }
        }
        Pool { sender }
    }

    /// Runs `job` on a worker and awaits its result; `Busy` at once when the queue is full. Dropping the future
    /// (the client went away, a time limit passed) cancels the job.
    pub async fn run<T: Send + 'static>(&self, job: impl FnOnce(&mut Worker) -> T + Send + 'static) -> Result<T, Busy> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let abandon = Abandon::default();
        let link = abandon.link.clone();
        let job: Job = Box::new(move |worker| {
            if reply.is_closed() {
                return;
            }
            link.started(worker.session.db.guard.cancel_handle());
            let _ = reply.send(job(worker));
        });
        match self.sender.try_send(job) {
            Ok(()) => {
                let answered = answer.await.map_err(|_| Busy);
                abandon.disarm();
                answered
            }
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => Err(Busy),
        }
    }
}

/// What the waiting side and the running job share: the job's cancel handle once it has started, and whether the
/// waiting side went away. Each side sets its part and then reads the other's, so whichever comes second acts.
#[derive(Default)]
struct Link {
    cancel: OnceLock<Cancel>,
    abandoned: AtomicBool,
}

impl Link {
    /// The job started under the guard `cancel` stops.
    fn started(&self, cancel: Cancel) {
        let cancel = self.cancel.get_or_init(|| cancel);
        if self.abandoned.load(Ordering::SeqCst) {
            cancel.cancel();
        }
    }

    /// The waiting side went away.
    fn abandon(&self) {
        self.abandoned.store(true, Ordering::SeqCst);
        if let Some(cancel) = self.cancel.get() {
            cancel.cancel();
        }
    }
}

/// Cancels its job when dropped before `disarm`: held by the future that awaits the job.
#[derive(Default)]
struct Abandon {
    link: Arc<Link>,
    disarmed: bool,
}

impl Abandon {
    fn disarm(mut self) {
        self.disarmed = true;
    }
}

impl Drop for Abandon {
    fn drop(&mut self) {
        if !self.disarmed {
            self.link.abandon();
        }
    }
}

/// A worker's loop: take a job, run it, until the pool is dropped. A job that panics costs its request (the
/// reply is dropped and the client gets a 500), never the worker.
fn work(state: Arc<State>, receiver: Arc<Mutex<Receiver<Job>>>) {
    let mut worker = Worker::new(state);
    loop {
        let job = {
            let guard = receiver.lock().unwrap_or_else(|e| e.into_inner());
            guard.recv()
        };
        let Ok(job) = job else { return };
        worker.begin();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&mut worker)));
        if outcome.is_err() {
            worker.mark_dirty();
        }
    }
}
