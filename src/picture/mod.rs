//! Pictures of the kb: timelines of answers as SVG (`tkb timeline`) and a browsable offline HTML site
//! (`tkb report`). Both read answers only through `Session` and `QueryResult`, and both are pure functions of the
//! kb: the same kb gives the same bytes.

pub mod lookup;
pub mod report;
pub mod timeline;
pub mod xml;

use crate::diag::Diagnostic;
use std::fmt;

/// Why a picture could not be made. Rendered by the CLI, which also picks the exit code.
#[derive(Debug)]
pub enum PictureError {
    /// The query did not check or evaluate: its diagnostics, to be rendered against the session's files.
    Query(Vec<Diagnostic>),
    /// The text given as a query holds no query (`tkb timeline 'p(a).'`).
    NotAQuery(String),
    /// Nothing to place on a time axis: every answer holds always and no `--from`/`--to` was given.
    NoTimeAxis,
    /// `--from` is not before `--to`.
    EmptyWindow(String),
    /// The output's extension is not one tkb can write.
    UnknownFormat(String),
    /// A file or folder could not be written.
    Io(String),
}

impl fmt::Display for PictureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PictureError::Query(d) => write!(f, "the query has {}", crate::diag::plural(d.len(), "error")),
            PictureError::NotAQuery(text) => write!(f, "`{text}` is not a query"),
            PictureError::NoTimeAxis => {
                f.write_str("every answer holds always, so there is no time axis: give --from and --to")
            }
            PictureError::EmptyWindow(w) => write!(f, "the window {w} holds no day: --from must be before --to"),
            PictureError::UnknownFormat(p) => write!(f, "cannot write {p}: the file name must end in .svg or .png"),
            PictureError::Io(message) => f.write_str(message),
        }
    }
}
