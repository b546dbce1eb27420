//! Every flag and subcommand of `tkb`, with its help text.

use super::flags::{BudgetArgs, CorpusArgs, KbSourceArgs};
use crate::output::Format;
use crate::time::Day;
use crate::tsv::ToColumn;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The values `--format` takes: the command line's names for the output layer's formats (the layers below the
/// command line know nothing of clap).
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Table, Format::Json, Format::Jsonl, Format::Csv]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let (name, help) = match self {
            Format::Table => ("table", "Aligned text columns, with a header and the answer count"),
            Format::Json => ("json", "One pretty JSON document (a script: an array of every result)"),
            Format::Jsonl => ("jsonl", "One JSON value per line, per result"),
            Format::Csv => ("csv", "Comma-separated values with a header row"),
        };
        Some(clap::builder::PossibleValue::new(name).help(help))
    }
}

/// The values `--tsv-to` takes.
impl clap::ValueEnum for ToColumn {
    fn value_variants<'a>() -> &'a [Self] {
        &[ToColumn::Exclusive, ToColumn::Inclusive]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let (name, help) = match self {
            ToColumn::Exclusive => {
                ("exclusive", "`to` is the first day after the interval: [from, to), as in the language")
            }
            ToColumn::Inclusive => ("inclusive", "`to` is the last day of the interval: [from, to]"),
        };
        Some(clap::builder::PossibleValue::new(name).help(help))
    }
}

fn parse_day(text: &str) -> Result<Day, String> {
    Day::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

/// The parsed command line.
#[derive(Parser, Debug)]
#[command(
    name = "tkb",
    version,
    about = "A temporal knowledge base of the rules for foreigners in Kazakhstan, with a Datalog-style query language and provenance"
)]
pub struct Cli {
    /// `None` when `tkb` is started with no subcommand: the REPL on a terminal.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where the knowledge base comes from and how answers are printed; shared by every subcommand.
#[derive(Args, Debug, Clone)]
pub struct KbArgs {
    /// `--kb`, `--facts`, `--tsv-to`.
    #[command(flatten)]
    pub source: KbSourceArgs,
    /// Answer with only what was published on or before this day
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_known: Option<Day>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Stop evaluation after this long (e.g. `500ms`, `30s`, `2m`): error E0204, exit code 4
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub timeout: Option<std::time::Duration>,
    /// `--max-tuples`, `--max-memory`.
    #[command(flatten)]
    pub budget: BudgetArgs,
    /// Answer only on the days the sources confirm: leave out answers (and days) that are only presumed
    #[arg(long)]
    pub confirmed_only: bool,
    /// Read silence as "no" on every day, as before coverage: never answer `unknown` where the sources settle
    /// nothing (for scripts that want yes or no)
    #[arg(long)]
    pub closed_world: bool,
    /// Threads for loading fact files and answering (default: every core); the output is the same whatever N
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Show progress on standard error while fact files load and rules are evaluated: `auto` on a terminal once
    /// the work takes over a second, `always` from the start wherever standard error goes, or `never`
    #[arg(long, value_enum, default_value_t = super::progress::When::Auto, value_name = "WHEN")]
    pub progress: super::progress::When,
}

impl Default for KbArgs {
    /// Every flag at its default, as clap gives them when none is written (new flags included, without a change
    /// here): what `tkb` with no subcommand uses.
    fn default() -> KbArgs {
        use clap::FromArgMatches;
        let command = KbArgs::augment_args(clap::Command::new("tkb"));
        // Parsing no arguments against our own definitions fails only if the definitions are broken.
        KbArgs::from_arg_matches(&command.get_matches_from(["tkb"])).expect("the flags' defaults parse")
    }
}

/// The subcommands; each variant's doc comment is its `--help` text.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Answer one query, e.g. `tkb query 'idc_exempt(C) @ 2021-12-20'`
    Query {
        /// The query (`?-` and the final `.` may be left out)
        query: String,
        /// Where the kb comes from and how answers print.
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Run scripts (or `-` for standard input): statements in order, each query's answers printed; the scripts
    /// are checked first and nothing runs if one has an error, and a failure while running stops them there
    Run {
        /// The scripts, run in this order; `-` reads standard input
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// Run every statement even after one fails (each error is reported where it stands)
        #[arg(long)]
        keep_going: bool,
        /// Where the kb comes from and how answers print.
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Check the kb (and, with --corpus, the sources themselves) for contradictions and mistakes
    Lint(super::lint::LintArgs),
    /// The interactive shell (also what `tkb` with no arguments starts on a terminal)
    Repl {
        /// Where the kb comes from and how answers print.
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Print the proof tree of a ground fact on a day, e.g. `tkb why 'idc_exempt(vn) @ 2021-12-20'`
    Why {
        /// `atom @ date`
        fact: String,
        /// Where the kb comes from and how answers print.
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Draw a query's answers as an SVG timeline: a Gantt chart, or a step chart for an aggregate, e.g.
    /// `tkb timeline 'direct_flight(C)' -o flights.svg`
    Timeline {
        /// The query (`?-` and the final `.` may be left out)
        query: String,
        /// The first day shown (default: the data's first month)
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        from: Option<Day>,
        /// The day after the last day shown (default: the month after the data's last day)
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        to: Option<Day>,
        /// The file to write: FILE.svg, or FILE.png for a picture rendered at the same size
        #[arg(short = 'o', long = "output", value_name = "FILE.svg")]
        output: PathBuf,
        /// Where the kb comes from and how answers print.
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Write a static HTML site of the kb (index, predicates, countries, sources, lint findings, a day picker)
    /// that works from file:// with no server and no network
    Report {
        /// The folder to write (created if missing)
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
        /// `--corpus`.
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Where the kb comes from and how answers print.
        #[command(flatten)]
        kb: KbArgs,
    },
    /// What a citizen needed to enter Kazakhstan on a day: entry, visa, IDC permission, PCR certificate,
    /// quarantine and registration, each with its sources, e.g. `tkb check de 2021-03-01 --purpose business`
    Check(super::check::CheckArgs),
    /// Serve the kb over HTTP: a JSON API and a live site (`tkb serve --port 8080`)
    Serve(super::serve::ServeArgs),
    /// Draft the encoding of a news item for review, e.g. `tkb draft article.txt --against-kb`
    Draft(super::draft::DraftArgs),
    /// Explain a diagnostic code, e.g. `tkb explain W0102` (errors, hints and lint findings alike)
    Explain {
        /// The code (`E0109`) or its name (`unknown-predicate`)
        code: String,
    },
}
