//! The flags that several commands take, each defined once and flattened into the commands' own (`args.rs`,
//! `serve.rs`), so that a flag means the same and reads the same wherever it is written.

use crate::tsv::ToColumn;
use clap::Args;
use std::path::PathBuf;

/// Where the kb comes from: `--kb`, `--facts` and `--tsv-to`, for the commands that load it and for `tkb serve`
/// (which words `--kb`'s help its own way).
#[derive(Args, Debug, Clone)]
pub struct KbSourceArgs {
    /// Load the kb from this folder (every .tkb file) instead of the one built into the binary
    #[arg(long, value_name = "DIR")]
    pub kb: Option<PathBuf>,
    /// Also load bulk facts from PRED.tsv files in this folder
    #[arg(long, value_name = "DIR")]
    pub facts: Option<PathBuf>,
    /// Whether the `to` column of fact files is the last day (inclusive) or the day after (exclusive)
    #[arg(long, value_enum, default_value_t = ToColumn::Exclusive)]
    pub tsv_to: ToColumn,
}

/// `--corpus DIR`: the source documents, for the commands that show the articles (`tkb report`, `tkb serve`).
#[derive(Args, Debug, Clone)]
pub struct CorpusArgs {
    /// The corpus folder (the source documents), for the articles' text and the linter's findings on them
    /// (default: $TKB_CORPUS)
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
}

impl CorpusArgs {
    /// The folder given, else `$TKB_CORPUS`; `None` when neither names one.
    pub fn dir(&self) -> Option<PathBuf> {
        self.corpus.clone().or_else(|| std::env::var_os("TKB_CORPUS").map(PathBuf::from))
    }
}

/// How much an evaluation may hold: `--max-tuples` and `--max-memory`, for every command that evaluates and, per
/// request, for `tkb serve` (which says so in its own help).
#[derive(Args, Debug, Clone)]
pub struct BudgetArgs {
    /// Stop evaluation when the model would hold more tuples (default 100,000,000): error E0205, exit code 4
    #[arg(long, value_name = "N")]
    pub max_tuples: Option<usize>,
    /// Stop evaluation when the heap would hold more (e.g. `512M`, `2G`; default: about two thirds of what the
    /// process may use): error E0209, exit code 4
    #[arg(long, value_name = "SIZE", value_parser = crate::memory::parse_size)]
    pub max_memory: Option<u64>,
}

impl BudgetArgs {
    /// The tuple budget asked for, or the default.
    pub fn max_tuples(&self) -> usize {
        self.max_tuples.unwrap_or(crate::eval::interrupt::DEFAULT_MAX_TUPLES)
    }

    /// The memory budget asked for, or what the process may really use (`None`: no limit is known).
    pub fn max_memory(&self) -> Option<u64> {
        self.max_memory.or_else(crate::memory::default_budget)
    }
}
