//! `tkb draft FILE [--lines A-B] [--against-kb]`: the flags, loading the kb and the phrase table, and printing
//! the draft. Errors are printed here with their code; the exit code is 2 for bad usage or an unreadable file,
//! 3 for a kb or pattern table that does not load.

use super::patterns::{self, Patterns};
use super::{against, render, Document, Drafter};
use crate::builtin::{builtin_files, read_kb_dir};
use crate::cli::exit;
use crate::db::Database;
use crate::diag::{render_diagnostics, Diagnostic};
use crate::time::Day;
use clap::Args;
use std::io::Read;
use std::path::{Path, PathBuf};

fn parse_day(text: &str) -> Result<Day, String> {
    Day::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

/// `A-B` (or a single line `A`), 1-based and inclusive.
pub fn parse_lines(text: &str) -> Result<(usize, usize), String> {
    let bad = || format!("`{text}` is not a line range of the form A-B (e.g. 669-675)");
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let a: usize = a.trim().parse().map_err(|_| bad())?;
    let b: usize = b.trim().parse().map_err(|_| bad())?;
    if a == 0 || a > b {
        return Err(format!("`{text}`: lines count from 1 and the range must not run backwards"));
    }
    Ok((a, b))
}

/// The options of `tkb draft`.
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

/// Why the kb or the table could not be loaded: the message is printed, the code is the exit code.
pub struct Failure {
    pub message: String,
    pub code: i32,
}

fn colour() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// The kb (built in or `kb`) and the phrase table (`patterns`, else the kb folder's, else the built-in one).
pub fn load(kb: Option<&Path>, patterns: Option<&Path>) -> Result<(Database, Patterns), Failure> {
    let usage = |message: String| Failure { message, code: exit::USAGE };
    let files = match kb {
        None => builtin_files(),
        Some(dir) => read_kb_dir(dir).map_err(|e| usage(crate::diag::render_headline(&e).trim_end().to_string()))?,
    };
    let mut db = Database::default();
    let diags = db.load_kb(files);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Failure { message: render_diagnostics(&diags, &db.files, colour()), code: exit::PROGRAM });
    }
    let table_file = patterns
        .map(Path::to_path_buf)
        .or_else(|| kb.map(|d| d.join("draft").join("patterns.tkp")).filter(|p| p.is_file()));
    let (name, text) = match &table_file {
        None => (patterns::BUILTIN_NAME.to_string(), patterns::BUILTIN.to_string()),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| usage(format!("error[E0201]: cannot read {}: {e}", path.display())))?;
            (path.display().to_string(), text)
        }
    };
    let table = Patterns::parse(&name, &text, &db).map_err(|e| Failure {
        message: render_diagnostics(&e.diagnostics, &e.files, colour()),
        code: exit::PROGRAM,
    })?;
    Ok((db, table))
}

/// Today, for a text that dates nothing.
pub fn today() -> Day {
    Day::from_date(chrono::Local::now().date_naive())
}

/// Reads a file (or standard input) as text; bytes that are not UTF-8 are replaced, never refused.
pub fn read_text(file: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    result.map_err(|e| format!("error[E0201]: cannot read {file}: {e}"))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// The document name a source cites: the file's own name (a corpus document is named by its file name).
pub fn doc_name(file: &str) -> String {
    if file == "-" {
        return "stdin.txt".into();
    }
    Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| file.to_string())
}

/// Runs `tkb draft`: prints the draft (or the `--measure` table) and returns the process exit code.
pub fn run(args: &DraftArgs) -> i32 {
    let (db, table) = match load(args.kb.as_deref(), args.patterns.as_deref()) {
        Ok(loaded) => loaded,
        Err(failure) => {
            eprint!("{}", failure.message.trim_end());
            eprintln!();
            return failure.code;
        }
    };
    let mut drafter = Drafter::new(table, &db, today());
    drafter.published = args.published;
    if let Some(corpus) = &args.measure {
        return match super::measure::measure(&drafter, &db, corpus) {
            Ok(m) => {
                print!("{}", m.table());
                if std::env::var_os("TKB_DRAFT_DETAILS").is_some() {
                    print!("\n{}", m.details());
                }
                exit::OK
            }
            Err(message) => {
                eprintln!("{message}");
                exit::USAGE
            }
        };
    }
    let Some(file) = &args.file else {
        eprintln!("error: `tkb draft` needs a FILE (or `-` for standard input)");
        return exit::USAGE;
    };
    let text = match read_text(file) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("{message}");
            return exit::USAGE;
        }
    };
    let doc = Document::new(args.doc.clone().unwrap_or_else(|| doc_name(file)), text);
    let draft = match drafter.draft(&doc, args.lines) {
        Ok(draft) => draft,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    print!("{}", render::render(&draft));
    if args.against_kb {
        let verdicts = against::classify(&draft, &db);
        print!("{}", against::render(&verdicts, against::known_source(&draft, &db).as_deref()));
    }
    exit::OK
}
