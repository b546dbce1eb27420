//! `tkb serve`: its flags, turned into the server's `Config`; printing `listening on` and the exit code.

use super::exit;
use super::failure::{usage, write_failed};
use super::flags::{BudgetArgs, CorpusArgs, KbSourceArgs};
use crate::output::stream::{to_stderr, Stdout};
use crate::server::{Config, KbSource, Limits, ServeError};
use clap::Args;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

/// The flags of `tkb serve`. The shared flags' help is said the server's way: it serves, and a budget fails one
/// request, not the process.
#[derive(Args, Debug)]
#[command(
    mut_arg("kb", |a| a.help("Serve the kb in this folder (every .tkb file) instead of the one built into the binary")),
    mut_arg("max_tuples", |a| a.help("Stop a request's evaluation when the model would hold more tuples (E0205, HTTP 503)")),
    mut_arg("max_memory", |a| a.help(
        "Stop a request's evaluation when the heap would hold more (e.g. `512M`; default: about two thirds of what the \
         process may use): E0209, HTTP 503"
    )),
)]
pub struct ServeArgs {
    /// `--kb`, `--facts`, `--tsv-to`.
    #[command(flatten)]
    pub source: KbSourceArgs,
    /// `--corpus`.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The address to listen on
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// The port to listen on (0: a free port, printed when ready)
    #[arg(long, value_name = "N", default_value_t = 8080)]
    pub port: u16,
    /// Reload the kb when a file in --kb or --facts changes (the old kb serves until the new one has loaded)
    #[arg(long)]
    pub watch: bool,
    /// Stop a request's evaluation after this long (E0204, HTTP 504)
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration, default_value = "10s")]
    pub timeout: Duration,
    /// `--max-tuples`, `--max-memory`: each request's.
    #[command(flatten)]
    pub budget: BudgetArgs,
    /// The largest request body accepted, in bytes (E0223, HTTP 413)
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_body: usize,
    /// The longest a request may wait for a worker and run, in all (E0225, HTTP 504)
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration, default_value = "30s")]
    pub request_timeout: Duration,
    /// Allow pages of this origin (`https://example.org`) to call the API; without it no CORS header is sent
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Requests evaluated at once (default: the number of cores)
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// Requests that may wait for a worker; past that the server answers 503 with Retry-After
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub queue: usize,
    /// Keep up to this much of the answers to GET requests for the kb served (e.g. `64M`; `0`: keep none). The kb
    /// does not change between reloads, so a request asked again is answered from memory
    #[arg(long, value_name = "SIZE", value_parser = cache_size, default_value = "64M")]
    pub cache: u64,
    /// Also stop (as on SIGTERM) when standard input reaches its end: for a supervisor that holds the pipe
    #[arg(long)]
    pub stop_on_eof: bool,
}

/// A size as `--max-memory` reads it, or `0`.
fn cache_size(text: &str) -> Result<u64, String> {
    if text.trim() == "0" {
        return Ok(0);
    }
    crate::memory::parse_size(text)
}

/// Runs `tkb serve` until Ctrl-C or SIGTERM; its exit code.
pub fn run(args: &ServeArgs) -> i32 {
    if args.watch && args.source.kb.is_none() && args.source.facts.is_none() {
        return usage("--watch needs --kb DIR (the built-in kb is compiled in and never changes)");
    }
    if let Some(origin) = &args.cors {
        if origin.parse::<axum::http::HeaderValue>().is_err() || !origin.contains("://") {
            return usage(format!("--cors takes an origin such as https://example.org, not `{origin}`"));
        }
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let config = Config {
        source: KbSource {
            kb: args.source.kb.clone(),
            facts: args.source.facts.clone(),
            tsv_to: args.source.tsv_to,
            corpus: args.corpus.dir(),
        },
        addr: SocketAddr::new(args.bind, args.port),
        watch: args.watch,
        limits: Limits {
            timeout: Some(args.timeout),
            max_tuples: args.budget.max_tuples(),
            max_memory: args.budget.max_memory(),
            max_body: args.max_body,
            request_timeout: Some(args.request_timeout),
            cache: usize::try_from(args.cache).unwrap_or(usize::MAX),
        },
        cors: args.cors.clone(),
        workers: args.workers.unwrap_or(cores).max(1),
        queue: args.queue.max(1),
        stdin_eof: args.stop_on_eof,
    };
    // Standard output is opened before the kb loads, so that a closed one is E0201 at once.
    let mut out = match Stdout::open() {
        Ok(out) => out,
        Err(e) => return write_failed(e),
    };
    let mut announced = Ok(());
    let ready = |addr: SocketAddr| {
        announced = out.print(&format!("listening on http://{addr}\n")).and_then(|()| out.flush());
    };
    let served = crate::server::run(config, ready);
    // A `listening on` line nobody could read is no reason to stop serving: reported, but only once it is over.
    let code = match served {
        Ok(()) => exit::OK,
        Err(ServeError::Kb(errors)) => {
            for e in errors {
                to_stderr(&e.rendered);
            }
            exit::PROGRAM
        }
        Err(ServeError::Io(message)) => {
            crate::cli::failure::print_error(&crate::diag::Diagnostic::error(crate::diag::Code::Io, message));
            exit::USAGE
        }
    };
    match announced {
        Err(e) if code == exit::OK => write_failed(e),
        _ => code,
    }
}
