//! The `tkb` binary: parse the command line, run, exit with the documented code.

use clap::Parser;

/// Counts the heap's bytes, so that `--max-memory` can stop an evaluation before the system refuses memory.
/// (`RUSTFLAGS='--cfg tkb_uncounted'` builds without it, to measure what the counting costs: BENCHMARKS.md.)
#[cfg(not(tkb_uncounted))]
#[global_allocator]
static HEAP: tkb::memory::Counting = tkb::memory::Counting;

fn main() {
    let cli = tkb::cli::Cli::parse();
    std::process::exit(tkb::cli::run_cli(cli));
}

/// Runs before `main`, from `.init_array`, ahead of Rust's runtime, which replaces a closed standard output with
/// `/dev/null`: only now can a closed descriptor 1 be told from a `/dev/null` the caller chose, and an answer
/// written to a closed standard output must be an error (E0201), not a silent loss.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static CHECK_STDOUT: extern "C" fn() = check_stdout;

#[cfg(target_os = "linux")]
extern "C" fn check_stdout() {
    // With /proc mounted, descriptor 1 has an entry exactly when it is open.
    let proc_fds = std::path::Path::new("/proc/self/fd");
    let closed = std::fs::read_link(proc_fds.join("1")).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    if closed && proc_fds.is_dir() {
        tkb::output::stream::mark_stdout_closed();
    }
}
