//! The command line: flags defined once with clap, one handler per subcommand, exit codes decided here only.

pub mod args;
mod check;
mod commands;
mod draft;
mod explain;
mod failure;
mod flags;
mod lint;
pub mod progress;
mod report;
mod serve;
mod signals;
mod stream;

pub use args::{Cli, Command, KbArgs};
pub use check::CheckArgs;
pub use commands::{open, run_cli};
pub use draft::DraftArgs;
pub use flags::{BudgetArgs, CorpusArgs, KbSourceArgs};
pub use lint::{LintArgs, LintFormat};

/// Exit codes, as the README documents them.
pub mod exit {
    /// Success (the linter: no error, only warnings unless `--deny warnings`).
    pub const OK: i32 = 0;
    /// The linter found errors in the kb, or any finding under `--deny warnings`.
    pub const FINDINGS: i32 = 1;
    /// Bad usage (flags, arguments) or a file that cannot be read.
    pub const USAGE: i32 = 2;
    /// The program (kb, script or query) has errors: syntax, arity, safety, stratification, unknown names.
    pub const PROGRAM: i32 = 3;
    /// Evaluation stopped at a limit (`--timeout`, `--max-tuples`, `--max-memory`) or was interrupted (Ctrl-C):
    /// the answers already written stand, the one being computed was not given.
    pub const LIMIT: i32 = 4;
}
