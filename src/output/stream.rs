//! The process's standard output and standard error: every byte tkb prints goes through here.
//!
//! [`Stdout`] is the one writer of standard output: buffered, written to descriptor 1 itself (so a closed
//! standard output is an error, not Rust's silent `/dev/null`), flushed by the caller after each statement, and
//! checked: a write made after Ctrl-C fails with [`Failure::Interrupted`], so that a long table stops within one
//! buffer's worth. A failed write is classified once ([`Failure::of`]): a closed pipe (the reader has what it
//! wanted), Ctrl-C, or a real error (a closed standard output, a full disk). [`to_stderr`] writes diagnostics and
//! never fails: a standard error that cannot be written is no reason to lose an answer, nor to panic.

use crate::eval::interrupt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// True when descriptor 1 was closed when the process started (see [`mark_stdout_closed`]).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Records that standard output was closed at start (`tkb query ... >&-`). Rust's runtime then opens `/dev/null`
/// in its place, so writes would vanish without an error; the binary looks before that happens (`main.rs`) and
/// says so here. A `/dev/null` the caller opened itself is a sink the caller asked for, and is written to.
pub fn mark_stdout_closed() {
    STDOUT_CLOSED.store(true, Ordering::Relaxed);
}

/// Why a write to standard output failed.
#[derive(Debug)]
pub enum Failure {
    /// The reader closed the pipe: nothing more is wanted, which is not an error.
    ClosedPipe,
    /// Ctrl-C was pressed while writing.
    Interrupted,
    /// Standard output is closed, the disk is full, or another error: the answer did not reach its reader.
    Io(io::Error),
}

/// The error a checked write returns after Ctrl-C.
#[derive(Debug)]
struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Stopped {}

impl Failure {
    /// What a write error means.
    pub fn of(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::ClosedPipe
        } else if e.get_ref().is_some_and(|inner| inner.is::<Stopped>()) {
            Failure::Interrupted
        } else {
            Failure::Io(e)
        }
    }
}

/// Standard output, buffered and checked (see the module's documentation).
pub struct Stdout {
    inner: io::BufWriter<Checked>,
}

impl Stdout {
    /// Standard output, or E0201's cause when it was closed at start.
    pub fn open() -> Result<Stdout, io::Error> {
        if STDOUT_CLOSED.load(Ordering::Relaxed) {
            return Err(io::Error::new(io::ErrorKind::NotConnected, "standard output is closed"));
        }
        Ok(Stdout { inner: io::BufWriter::with_capacity(1 << 16, Checked(raw::stdout())) })
    }

    /// Writes `text` (buffered: call `flush` to hand it to the reader).
    pub fn print(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(text.as_bytes())
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Descriptor 1, refusing to write once Ctrl-C was pressed.
struct Checked(Box<dyn Write + Send>);

impl Write for Checked {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if interrupt::requested() {
            return Err(io::Error::other(Stopped));
        }
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Writes `text` to standard error, ignoring failure: diagnostics that cannot be shown must not cost the answers
/// (nor panic, as `eprint!` does on a closed pipe).
pub fn to_stderr(text: &str) {
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

/// Writes `text` to standard error and ends the process with `code`, holding standard error until the process is
/// gone so that no other thread's line is interleaved with it (the Ctrl-C watchdog's last word).
pub fn to_stderr_and_exit(text: &str, code: i32) -> ! {
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
    std::process::exit(code)
}

/// Whether text for standard output may be coloured: a terminal, and no `NO_COLOR` in the environment.
pub fn colour_on_stdout() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal()
}

/// Whether diagnostics on standard error may be coloured: a terminal, and no `NO_COLOR`.
pub fn colour_on_stderr() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && io::stderr().is_terminal()
}

/// Descriptor 1 as a plain file.
mod raw {
    use std::io::Write;

    /// Standard output as a plain file on Unix: `std::io::stdout` treats a closed descriptor as a sink that
    /// swallows everything, and its line buffer would stand between our buffer and the reader.
    pub fn stdout() -> Box<dyn Write + Send> {
        #[cfg(unix)]
        {
            use std::os::fd::FromRawFd;
            // SAFETY: descriptor 1 is this process's standard output; `ManuallyDrop` never closes it, and nothing
            // else writes to it (every byte of standard output goes through `Stdout`).
            let file = unsafe { std::fs::File::from_raw_fd(1) };
            Box::new(Fd1(std::mem::ManuallyDrop::new(file)))
        }
        #[cfg(not(unix))]
        {
            Box::new(std::io::stdout())
        }
    }

    #[cfg(unix)]
    struct Fd1(std::mem::ManuallyDrop<std::fs::File>);

    #[cfg(unix)]
    impl Write for Fd1 {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            self.0.flush()
        }
    }
}
