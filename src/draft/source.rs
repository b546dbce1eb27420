//! Where a draft's inputs come from, for the command line and the REPL alike: the kb and the phrase table, the
//! article's text, its document name, a line range, and today's date.

use super::patterns::{self, Patterns};
use crate::db::Database;
use crate::diag::{render_diagnostics, Diagnostic};
use crate::time::Day;
use std::io::Read;
use std::path::Path;

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

/// Why the kb or the table could not be loaded: the message to print, and whose fault it is.
pub struct Failure {
    /// The rendered error, ready to print.
    pub message: String,
    /// What kind of failure, which the command line maps to an exit code.
    pub kind: FailureKind,
}

/// A folder or file that cannot be read (bad usage), or a kb or phrase table with errors in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// A folder or file that cannot be read.
    Unreadable,
    /// The kb or the phrase table does not load.
    Invalid,
}

/// The kb (built in or `kb`) and the phrase table (`patterns`, else the kb folder's, else the built-in one).
pub fn load(kb: Option<&Path>, patterns: Option<&Path>, colour: bool) -> Result<(Database, Patterns), Failure> {
    let usage = |message: String| Failure { message, kind: FailureKind::Unreadable };
    let files =
        crate::builtin::kb_files(kb).map_err(|e| usage(crate::diag::render_headline(&e).trim_end().to_string()))?;
    let mut db = Database::default();
    let diags = db.load_kb(files);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Failure { message: render_diagnostics(&diags, &db.files, colour), kind: FailureKind::Invalid });
    }
    let table_file = patterns
        .map(Path::to_path_buf)
        .or_else(|| kb.map(|d| d.join("draft").join("patterns.tkp")).filter(|p| p.is_file()));
    let (name, text) = match &table_file {
        None => (patterns::BUILTIN_NAME.to_string(), patterns::BUILTIN.to_string()),
        Some(path) => {
            let text = crate::input::read_file(path)
                .map_err(|e| usage(crate::diag::render_headline(&e).trim_end().to_string()))?;
            (path.display().to_string(), text)
        }
    };
    let table = Patterns::parse(&name, &text, &db).map_err(|e| Failure {
        message: render_diagnostics(&e.diagnostics, &e.files, colour),
        kind: FailureKind::Invalid,
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
    let cannot = |e: std::io::Error| Diagnostic::error(crate::diag::Code::Io, format!("cannot read {file}: {e}"));
    result.map_err(|e| crate::diag::render_headline(&cannot(e)).trim_end().to_string())?;
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
