//! The linter's JSON, `tkb lint --format json`: the one definition of its shape, as serde types that both write
//! it (here) and read it back (`tkb report`, tests), so the writer and its readers cannot drift apart.
//!
//! One array, sorted like the text output (file, line, column, code, message), one object per finding; every
//! key is always present, `null` when it has no value:
//!
//! ```json
//! [
//!   {
//!     "code": "L0001",
//!     "name": "count-mismatch",
//!     "severity": "warning",
//!     "message": "source `s1` states 20 members of `p` on 2021-12-06 but lists 21",
//!     "file": "kb/news.tkb",
//!     "line": 12,
//!     "column": 1,
//!     "label": "count: 20, members: 21",
//!     "related": [
//!       {
//!         "label": "the source states 20",
//!         "source": "s1",
//!         "document": "001.txt",
//!         "lines": [335, 339],
//!         "printed": "2021-12-06",
//!         "published": "2021-12-06",
//!         "file": "corpus/001.txt",
//!         "line": 339,
//!         "column": 120
//!       }
//!     ],
//!     "notes": ["items beyond the first 20: ID"]
//!   }
//! ]
//! ```
//!
//! `file`/`line`/`column` locate the finding: a kb statement, or in `--text` mode a line of the document.
//! Each `related` entry is a source (its `document`, `lines` and dates) or another place the finding compares
//! with; its `file`/`line`/`column` say where it points (the quote in the document when `--corpus` is given, the
//! other kb statement, or in `--text` mode the list or the other count), `null` when nothing can be pointed at.
//! Dates are `YYYY-MM-DD`.

use super::finding::{Finding, Place, Related};
use crate::diag::SourceMap;
use serde::{Deserialize, Serialize};

/// One finding as JSON.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize)]
pub struct FindingJson {
    /// The stable code (`L0001`...).
    pub code: String,
    /// The code's name (`count-mismatch`).
    pub name: String,
    /// `error`, `warning` or `note`.
    pub severity: String,
    /// The finding, with both disagreeing values.
    pub message: String,
    /// The file it concerns (a kb file, or a document in `--text` mode); `None` for the kb as a whole.
    pub file: Option<String>,
    /// The line in that file (1-based).
    pub line: Option<usize>,
    /// The column in that line (1-based, in characters).
    pub column: Option<usize>,
    /// What the primary location shows.
    pub label: Option<String>,
    /// The sources it rests on and the places it compares with, in order.
    pub related: Vec<RelatedJson>,
    /// Further explanations, one line each.
    pub notes: Vec<String>,
}

/// A source or another place a finding rests on, as JSON.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize)]
pub struct RelatedJson {
    /// What the entry shows.
    pub label: String,
    /// The source's name in the kb; `None` for a place that is no source.
    pub source: Option<String>,
    /// The corpus document the source cites.
    pub document: Option<String>,
    /// The source's `[first, last]` lines in the document.
    pub lines: Option<[usize; 2]>,
    /// The source's printed date, `YYYY-MM-DD`.
    pub printed: Option<String>,
    /// The source's publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The file the entry points into.
    pub file: Option<String>,
    /// The line it points at (1-based).
    pub line: Option<usize>,
    /// The column it points at (1-based).
    pub column: Option<usize>,
}

/// Where a place is, as the JSON gives it: file name, line and column.
fn locate(place: Option<&Place>, files: &SourceMap) -> (Option<String>, Option<usize>, Option<usize>) {
    match place {
        Some(p) => {
            let (line, col) = files.line_col(p.file, p.span.start);
            (Some(files.name(p.file).to_string()), Some(line), Some(col))
        }
        None => (None, None, None),
    }
}

impl RelatedJson {
    fn new(r: &Related, files: &SourceMap) -> RelatedJson {
        let (file, line, column) = locate(r.place.as_ref(), files);
        RelatedJson {
            label: r.label.clone(),
            source: r.source.clone(),
            document: r.document.clone(),
            lines: r.lines.map(|(a, b)| [a, b]),
            printed: r.printed.map(|d| d.to_string()),
            published: r.published.map(|d| d.to_string()),
            file,
            line,
            column,
        }
    }
}

impl FindingJson {
    /// A finding as JSON, its places located in `files`.
    pub fn new(f: &Finding, files: &SourceMap) -> FindingJson {
        let (file, line, column) = locate(f.primary.as_ref(), files);
        FindingJson {
            code: f.code.id().to_string(),
            name: f.code.name().to_string(),
            severity: f.severity.name().to_string(),
            message: f.message.clone(),
            file,
            line,
            column,
            label: f.primary.as_ref().map(|p| p.label.clone()),
            related: f.related.iter().map(|r| RelatedJson::new(r, files)).collect(),
            notes: f.notes.clone(),
        }
    }
}

/// Writes the findings as one pretty-printed JSON array and a final newline, one finding at a time.
pub fn write(out: &mut dyn std::io::Write, findings: &[Finding], files: &SourceMap) -> std::io::Result<()> {
    let items = Items { findings, files };
    serde_json::to_writer_pretty(&mut *out, &items).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// The findings serialized one by one, so the whole array is never held as JSON values.
struct Items<'a> {
    findings: &'a [Finding],
    files: &'a SourceMap,
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.findings.iter().map(|f| FindingJson::new(f, self.files)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::syntax::Span;

    #[test]
    fn what_is_written_reads_back_the_same() {
        let mut files = SourceMap::default();
        let file = files.add("doc.txt", "one\nfive countries: Chad\n");
        let finding = Finding::new(Code::CountMismatch, "the text states 5 countries but lists 1")
            .at(file, Span { start: 4, end: 18 }, "5 stated")
            .with(Related { label: "1 listed".into(), ..Related::default() })
            .note("a note");
        let mut out = Vec::new();
        write(&mut out, std::slice::from_ref(&finding), &files).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.ends_with("]\n"), "{text}");
        let back: Vec<FindingJson> = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back, vec![FindingJson::new(&finding, &files)]);
        assert_eq!((back[0].line, back[0].column), (Some(2), Some(1)));
        assert_eq!(back[0].related[0].line, None);
        // Every key is present, in the documented order, even when it has no value.
        let keys: Vec<&str> = ["code", "name", "severity", "message", "file", "line", "column", "label"].to_vec();
        let mut at = 0;
        for key in keys {
            let found = text[at..].find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("{key} in {text}"));
            at += found;
        }
        assert!(text.contains("\"source\": null"), "{text}");
    }
}
