//! `tkb serve`: the kb as a web service and a live site. A JSON API with the command line's objects, the
//! report's pages rendered on request, a query page that works without JavaScript, and `--watch` reloads that
//! swap a whole new kb in one step. Read-only: no endpoint writes anything, and no path reaches a file.
//!
//! Data flows one way: `listen` accepts connections (hyper), `routes` checks each request's parameters (`params`)
//! and hands the work to `pool`, whose workers each own a session copied from the current `kb::Generation` and
//! run `api` or `site`; the `reply` goes back through `routes`, which logs it (`log`).

mod api;
mod cache;
pub mod kb;
mod limits;
mod listen;
mod log;
pub mod params;
mod pool;
mod reply;
mod routes;
mod site;
mod state;
mod watch;

pub use kb::KbSource;
pub use state::Limits;

use std::net::SocketAddr;
use std::sync::Arc;

/// Everything `tkb serve` is told.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where the kb comes from.
    pub source: KbSource,
    /// The address to listen on (port 0: a free one).
    pub addr: SocketAddr,
    /// Reload when the kb folder changes.
    pub watch: bool,
    /// Each request's limits.
    pub limits: Limits,
    /// The origin allowed to call the API from a page of another site.
    pub cors: Option<String>,
    /// Worker threads (evaluations at once).
    pub workers: usize,
    /// Requests that may wait for a worker; past that, 503.
    pub queue: usize,
    /// Also stop when standard input reaches its end.
    pub stdin_eof: bool,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The kb did not load: every error, located.
    Kb(Vec<kb::Problem>),
    /// The address could not be bound, or the runtime not started.
    Io(String),
}

/// Loads the kb, binds, calls `ready` with the address bound, and serves until Ctrl-C or SIGTERM; then finishes
/// the requests in flight and returns.
pub fn run(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let first = kb::Generation::load(&config.source, 1, config.limits.cache).map_err(ServeError::Kb)?;
    let state = Arc::new(state::State::new(config.source.clone(), config.limits, config.cors.clone(), first));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(std::thread::available_parallelism().map_or(2, |n| n.get()))
        .enable_all()
        .build()
        .map_err(|e| ServeError::Io(format!("cannot start the runtime: {e}")))?;
    let pool = pool::Pool::start(state.clone(), config.workers, config.queue);
    let app = Arc::new(routes::App { state: state.clone(), pool });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| ServeError::Io(format!("cannot listen on {}: {e}", config.addr)))?;
        let bound = listener.local_addr().map_err(|e| ServeError::Io(e.to_string()))?;
        if config.watch {
            watch::start(state.clone());
        }
        ready(bound);
        listen::serve(listener, routes::router(app), listen::signal(config.stdin_eof)).await;
        log::line("stopped: every request in flight was answered");
        Ok(())
    })
}
