//! The fact-consistency linter: `tkb lint`. (Being built: see issue 4.)

use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct LintArgs {
    /// Lint this kb folder instead of the built-in kb
    #[arg(long, value_name = "DIR")]
    pub kb: Option<PathBuf>,
    /// The corpus folder: check quotes and line ranges against the documents
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Lint plain documents without the kb
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub text: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// `--deny warnings`: exit 1 on any finding
    #[arg(long, value_name = "LEVEL")]
    pub deny: Option<String>,
    /// Explain a diagnostic code (`--explain L0001`)
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    Text,
    Json,
}

pub fn run(args: &LintArgs) -> i32 {
    let _ = args;
    eprintln!("tkb lint is not implemented yet");
    crate::cli::exit::USAGE
}
