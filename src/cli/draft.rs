//! `tkb draft FILE [--lines A-B] [--against-kb]`: the flags, and printing the draft. Errors are printed here with
//! their code; the exit code is 2 for bad usage or an unreadable file, 3 for a kb or pattern table that does not
//! load. The drafting itself is `crate::draft`.

use super::exit;
use super::failure::usage;
use super::stream::print_all;
use crate::draft::source::{doc_name, load, parse_lines, read_text, today, FailureKind};
use crate::draft::{against, render, Document, Drafter};
use crate::time::Day;
use clap::Args;
use std::path::PathBuf;

fn parse_day(text: &str) -> Result<Day, String> {
    Day::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

/// The flags of `tkb draft`.
#[derive(Args, Debug)]
pub struct DraftArgs {
    /// The article's text file, or `-` for standard input
    #[arg(value_name = "FILE", required_unless_present = "measure")]
    pub file: Option<String>,
    /// Draft only these lines of the file (1-based, inclusive), e.g. `--lines 669-675`
    #[arg(long, value_name = "A-B", value_parser = parse_lines)]
    pub lines: Option<(usize, usize)>,
    /// Also sort every drafted statement against the kb: already in it, new, restated with another date, or
    /// contradicted
    #[arg(long)]
    pub against_kb: bool,
    /// Use this kb folder (its countries, its predicates, and DIR/draft/patterns.tkp if present) instead of the
    /// built-in kb
    #[arg(long, value_name = "DIR")]
    pub kb: Option<PathBuf>,
    /// Read the phrase patterns from this file instead of the built-in kb/draft/patterns.tkp
    #[arg(long, value_name = "FILE")]
    pub patterns: Option<PathBuf>,
    /// The publication date to use, when the text prints none (or a wrong one)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub published: Option<Day>,
    /// The document name the source block gives as `doc` (default: the file's name)
    #[arg(long, value_name = "NAME")]
    pub doc: Option<String>,
    /// Measure the drafter on a corpus folder: draft the lines of every source of the kb and compare the drafts
    /// with the kb's own statements and claims (prints the table of docs/draft.md)
    #[arg(long, value_name = "CORPUS")]
    pub measure: Option<PathBuf>,
}

/// Runs `tkb draft` and returns its exit code.
pub fn run(args: &DraftArgs) -> i32 {
    let (db, table) =
        match load(args.kb.as_deref(), args.patterns.as_deref(), crate::output::stream::colour_on_stderr()) {
            Ok(loaded) => loaded,
            Err(failure) => {
                crate::output::stream::to_stderr(&format!("{}\n", failure.message.trim_end()));
                return match failure.kind {
                    FailureKind::Unreadable => exit::USAGE,
                    FailureKind::Invalid => exit::PROGRAM,
                };
            }
        };
    let mut drafter = Drafter::new(table, &db, today());
    drafter.published = args.published;
    if let Some(corpus) = &args.measure {
        return match crate::draft::measure::measure(&drafter, &db, corpus) {
            Ok(m) => {
                let mut text = m.table();
                if std::env::var_os("TKB_DRAFT_DETAILS").is_some() {
                    text += &format!("\n{}", m.details());
                }
                print_all(&text).map_or_else(|code| code, |()| exit::OK)
            }
            Err(message) => {
                crate::output::stream::to_stderr(&format!("{message}\n"));
                exit::USAGE
            }
        };
    }
    let Some(file) = &args.file else { return usage("`tkb draft` needs a FILE (or `-` for standard input)") };
    let text = match read_text(file) {
        Ok(text) => text,
        Err(message) => {
            crate::output::stream::to_stderr(&format!("{message}\n"));
            return exit::USAGE;
        }
    };
    let doc = Document::new(args.doc.clone().unwrap_or_else(|| doc_name(file)), text);
    let draft = match drafter.draft(&doc, args.lines) {
        Ok(draft) => draft,
        Err(e) => return usage(e.to_string()),
    };
    let mut text = render::render(&draft);
    if args.against_kb {
        let verdicts = against::classify(&draft, &db);
        text += &against::render(&verdicts, against::known_source(&draft, &db).as_deref());
    }
    print_all(&text).map_or_else(|code| code, |()| exit::OK)
}
