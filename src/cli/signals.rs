//! Ctrl-C for every command. The first press asks the work to stop: the join polls for it, the statement loop
//! checks it between statements, and standard output refuses to write after it, so `run`, `query` and `why` end
//! within milliseconds with E0203 and exit code 4, keeping every answer already written (each statement's output
//! is flushed when it ends). Work that polls nothing (loading, the linter's checks, writing a report's pages) is
//! stopped by a watchdog: if the process is still running a moment after the press, it reports E0203 and exits
//! with 4 itself. A second press exits at once. The REPL keeps running after a press (the entry answers
//! "interrupted"), so it has no watchdog.

use super::exit;
use crate::diag::{render_headline, Code, Diagnostic};
use crate::eval::interrupt;
use std::time::Duration;

/// How long the work has to stop on its own after the first Ctrl-C before the watchdog ends the process: the
/// polls react within a few milliseconds, and the whole stop must take less than 100 ms.
pub const GRACE: Duration = Duration::from_millis(40);

/// Installs the handler: with a watchdog for a command, without one for the REPL.
pub fn install(watchdog: bool) {
    let installed = ctrlc::set_handler(move || {
        // ctrlc runs this on a thread of its own, not in the signal handler: it may sleep and write.
        if interrupt::request() {
            leave("interrupted twice: stopped at once");
        }
        if watchdog {
            std::thread::sleep(GRACE);
            leave("interrupted: stopped before it finished");
        }
    });
    if let Err(e) = installed {
        let message = format!("warning: Ctrl-C will end tkb at once, without E0203: {e}\n");
        crate::output::stream::to_stderr(&message);
    }
}

/// Reports E0203 and ends the process with exit code 4 (the line never interleaved with another).
fn leave(message: &str) -> ! {
    let line = render_headline(&Diagnostic::error(Code::Interrupted, message));
    crate::output::stream::to_stderr_and_exit(&line, exit::LIMIT)
}
