//! `tkb lint`: its flags, printing the linter's report, and the exit code. The linter itself (`crate::lint`)
//! only returns findings.
//!
//! Exit codes: 0 when there are only warnings and notes, 1 with an error in the kb itself (or any warning under
//! `--deny warnings`), 2 for bad usage or a file that cannot be read. Notes are hidden unless `--notes`.

use super::exit;
use super::failure::print_error;
use super::stream::print_all;
use clap::Args;
use std::path::PathBuf;

/// The flags of `tkb lint`.
#[derive(Args, Debug)]
pub struct LintArgs {
    /// Lint this kb folder instead of the built-in kb
    #[arg(long, value_name = "DIR")]
    pub kb: Option<PathBuf>,
    /// The corpus folder (the source documents): also check quotes and line ranges against them (only when
    /// given: unlike `tkb report` and `tkb serve`, the linter does not read $TKB_CORPUS)
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Lint plain documents without the kb
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub text: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// `--deny warnings`: exit 1 on any finding
    #[arg(long, value_enum, value_name = "LEVEL", ignore_case = true)]
    pub deny: Option<Deny>,
    /// Explain a diagnostic code (`--explain L0001`)
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
    /// Show notes too (reminders that change nothing, such as a document that prints no date)
    #[arg(long)]
    pub notes: bool,
}

/// How `tkb lint` prints its findings (`--format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    /// Diagnostics like rustc's, with the lines they point at, then a count of errors, warnings and notes
    Text,
    /// One JSON array of findings, sorted like the text
    Json,
}

/// What `--deny` makes fail the run besides errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Any warning (notes never fail a run)
    Warnings,
}

/// Runs `tkb lint` and returns its exit code.
pub fn run(args: &LintArgs) -> i32 {
    if let Some(code) = &args.explain {
        return super::explain::explain(code);
    }
    let deny_warnings = args.deny == Some(Deny::Warnings);
    let report = if args.text.is_empty() {
        crate::lint::lint_kb(args.kb.as_deref(), args.corpus.as_deref())
    } else {
        crate::lint::lint_texts(args.kb.as_deref(), &args.text)
    };
    let mut report = match report {
        Ok(report) => report,
        Err(error) => {
            print_error(&error);
            return exit::USAGE;
        }
    };
    // Notes are counted in the summary line but shown only with `--notes`.
    let hidden = if args.notes { None } else { Some(report.hide_notes()) };
    let text = match args.format {
        LintFormat::Json => report.json(),
        LintFormat::Text => report.text_hiding(crate::output::stream::colour_on_stdout(), hidden),
    };
    if let Err(code) = print_all(&text) {
        return code;
    }
    if report.failing(deny_warnings) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
