//! How a command's failures reach the user: diagnostics rendered on standard error (through `diag`, the one
//! renderer), a failed write to standard output, and the exit code each one means.

use super::exit;
use crate::db::Database;
use crate::diag::{render_diagnostics, render_headline, Code, Diagnostic};
use crate::output::stream::{colour_on_stderr, to_stderr, Failure};
use std::io;

/// Renders diagnostics against `db`'s files on standard error.
pub fn print_diagnostics(db: &Database, diags: &[Diagnostic]) {
    if !diags.is_empty() {
        to_stderr(&render_diagnostics(diags, &db.files, colour_on_stderr()));
    }
}

/// Prints a diagnostic that points at no text (a file that cannot be read, a bad flag value) on standard error.
pub fn print_error(error: &Diagnostic) {
    to_stderr(&render_headline(error));
}

/// Prints a usage error (a bad argument that clap cannot check) and returns exit code 2.
pub fn usage(message: impl Into<String>) -> i32 {
    to_stderr(&format!("error: {}\n", message.into()));
    exit::USAGE
}

/// A failed write to standard output as the process's exit: a closed pipe ends quietly (0: the reader has what it
/// wanted), Ctrl-C is E0203 (4), anything else, a closed standard output or a full disk, is E0201 (2).
pub fn write_failed(e: io::Error) -> i32 {
    match Failure::of(e) {
        Failure::ClosedPipe => exit::OK,
        Failure::Interrupted => interrupted(),
        Failure::Io(e) => {
            print_error(&Diagnostic::error(Code::Io, format!("cannot write the output: {e}")));
            exit::USAGE
        }
    }
}

/// E0203 for work stopped by Ctrl-C outside any statement, and its exit code.
pub fn interrupted() -> i32 {
    print_error(&Diagnostic::error(Code::Interrupted, "interrupted: stopped before it finished"));
    exit::LIMIT
}

/// The exit code for what a run reported: limits first (no answer was given), then program errors.
pub fn exit_code(diags: &[Diagnostic]) -> i32 {
    let limit = |d: &Diagnostic| {
        d.is_error() && matches!(d.code, Code::Timeout | Code::TupleBudget | Code::MemoryBudget | Code::Interrupted)
    };
    if diags.iter().any(limit) {
        exit::LIMIT
    } else if diags.iter().any(Diagnostic::is_error) {
        exit::PROGRAM
    } else {
        exit::OK
    }
}
