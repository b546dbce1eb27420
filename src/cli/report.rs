//! `tkb report`: writes the static site and says what it could not show (no linter findings, no articles).

use super::args::KbArgs;
use super::exit;
use super::stream::print_all;
use crate::output::stream::to_stderr;
use crate::picture::PictureError;
use crate::session::Session;
use std::path::{Path, PathBuf};

/// Runs `tkb report -o OUTPUT` on the opened kb with the corpus in `corpus` (`--corpus`, else `$TKB_CORPUS`): its
/// exit code, or why no site could be written (the caller prints that and picks the exit code, as for `tkb
/// timeline`).
pub fn run(session: &mut Session, kb: &KbArgs, output: &Path, corpus: Option<PathBuf>) -> Result<i32, PictureError> {
    let findings = crate::picture::report::lint_findings(kb.source.kb.as_deref(), corpus.as_deref());
    if let crate::picture::report::Findings::Unavailable(why) = &findings {
        to_stderr(&format!("warning: the report has no linter findings: {why}\n"));
    }
    let written = crate::picture::report::write(session, corpus.as_deref(), findings, output)?;
    if written.articles == 0 {
        let why = match &corpus {
            None => "no corpus was given (--corpus DIR or $TKB_CORPUS)".to_string(),
            Some(dir) => format!("none of the sources' documents is in {}", dir.display()),
        };
        to_stderr(&format!("warning: the source pages show no articles: {why}\n"));
    }
    let line = format!(
        "wrote {} files to {}; open {}\n",
        written.files,
        output.display(),
        output.join("index.html").display()
    );
    Ok(match print_all(&line) {
        Ok(()) => exit::OK,
        Err(code) => code,
    })
}
