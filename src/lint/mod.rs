//! The fact-consistency linter, `tkb lint`: checks the kb (and with `--corpus` the documents its sources cite)
//! for counts that do not match their lists, unannounced changes, conflicting sources, date anomalies, numbering
//! gaps, broken provenance and implausible intervals; `--text` runs the count and numbering checks on plain
//! documents without the kb. Each check lives in `checks` (kb) or `text` (documents); `render` prints.
//!
//! Exit codes: 0 when there are only warnings and notes, 1 with an error in the kb itself (or any warning under
//! `--deny warnings`), 2 for bad usage or a file that cannot be read. Notes are hidden unless `--notes`.

mod checks;
mod context;
mod corpus;
mod finding;
mod render;
pub(crate) mod text;

pub use finding::{Finding, Place, Related};
pub use text::lint_document;

use crate::builtin::{builtin_files, read_kb_dir};
use crate::cli::exit;
use crate::db::Database;
use crate::diag::{Code, Diagnostic, SourceMap};
use clap::Args;
use context::Ctx;
use corpus::Document;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    /// Show notes too (reminders that change nothing, such as a document that prints no date)
    #[arg(long)]
    pub notes: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    Text,
    Json,
}

/// What a lint run found, and the texts its findings point into.
pub struct Report {
    pub findings: Vec<Finding>,
    pub files: SourceMap,
}

impl Report {
    /// The findings as `tkb lint` prints them (`colour` for a terminal).
    pub fn text(&self, colour: bool) -> String {
        render::text(&self.findings, &self.files, colour, None)
    }

    /// The findings as `tkb lint --format json` prints them.
    pub fn json(&self) -> String {
        render::json(&self.findings, &self.files)
    }
}

pub fn run(args: &LintArgs) -> i32 {
    if let Some(code) = &args.explain {
        return explain(code);
    }
    let deny_warnings = match args.deny.as_deref() {
        None => false,
        Some(level) if level.eq_ignore_ascii_case("warnings") => true,
        Some(other) => {
            eprintln!("error: `--deny` takes `warnings`, not `{other}`");
            return exit::USAGE;
        }
    };
    let report = if args.text.is_empty() { lint_kb(args) } else { text::lint_texts(args) };
    let mut report = match report {
        Ok(report) => report,
        Err(error) => {
            eprint!("{}", crate::diag::render_headline(&error));
            return exit::USAGE;
        }
    };
    // Notes are counted in the summary line but shown only with `--notes`.
    let notes = report.findings.iter().filter(|f| f.is_note()).count();
    if !args.notes {
        report.findings.retain(|f| !f.is_note());
    }
    let hidden = if args.notes { None } else { Some(notes) };
    match args.format {
        LintFormat::Json => print!("{}", report.json()),
        LintFormat::Text => {
            let colour = std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
            print!("{}", render::text(&report.findings, &report.files, colour, hidden));
        }
    }
    let failing = report.findings.iter().any(|f| f.is_error() || (deny_warnings && !f.is_note()));
    if failing {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

fn explain(code: &str) -> i32 {
    match Code::lookup(code) {
        Some(info) => {
            println!("{} ({})\n\n{}", info.id, info.name, info.explanation);
            exit::OK
        }
        None => {
            eprintln!(
                "error: unknown code `{code}`; the linter's codes are L0001 to L0016 (`tkb lint --explain L0001`)"
            );
            exit::USAGE
        }
    }
}

/// Loads the kb (built in, or `--kb`), the documents its sources cite (with `--corpus`), and runs every check.
fn lint_kb(args: &LintArgs) -> Result<Report, Diagnostic> {
    let files = match &args.kb {
        None => builtin_files(),
        Some(dir) => read_kb_dir(dir)?,
    };
    if let Some(dir) = &args.corpus {
        if !dir.is_dir() {
            let message = format!("cannot read corpus folder {}: not a folder", dir.display());
            return Err(Diagnostic::error(Code::Io, message));
        }
    }
    let kb_files = files.len();
    let mut db = Database::default();
    let mut findings: Vec<Finding> = db.load_kb(files).iter().map(Finding::from_diagnostic).collect();
    findings.extend(crate::query::hints::rule_bodies(&db).iter().map(Finding::from_diagnostic));
    let docs = match &args.corpus {
        Some(dir) => load_documents(&mut db, dir),
        None => BTreeMap::new(),
    };
    let ctx = Ctx::new(&db, docs, args.corpus.is_some(), kb_files);
    findings.extend(checks::run_all(&ctx));
    let files = std::mem::take(&mut db.files);
    finding::sort_findings(&mut findings, &files);
    Ok(Report { findings, files })
}

/// Adds every document a source names to the source map. A document that cannot be read is left out; the
/// provenance check reports it against the source.
fn load_documents(db: &mut Database, dir: &Path) -> BTreeMap<String, Document> {
    let names: std::collections::BTreeSet<String> = db.sources.values().filter_map(|s| s.doc.clone()).collect();
    let mut docs = BTreeMap::new();
    for name in names {
        let path = dir.join(&name);
        let Ok(text) = crate::input::read_file(&path) else { continue };
        let file = db.files.add(path.display().to_string(), text);
        docs.insert(name, Document::new(file, db.files.text(file)));
    }
    docs
}
