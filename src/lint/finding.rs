//! What a check produces: a finding with a stable code, its severity, the kb place it concerns and the sources
//! (document lines and dates) it rests on. Rendering lives in `render`; checks only build findings.

use crate::diag::{Code, Diagnostic, Severity, SourceMap};
use crate::syntax::Span;
use crate::time::Day;

/// A labelled place in one of the source map's files: a kb statement, or a line of a corpus document.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The file's index in the source map (kb files and the corpus documents read).
    pub file: usize,
    /// The bytes the place covers.
    pub span: Span,
    /// What the place shows, printed beside it.
    pub label: String,
}

/// A source a finding rests on, or another statement it compares with. Every field is optional: a kb-only
/// run knows a source's lines and dates but cannot point into its document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Related {
    /// What the entry shows, e.g. "the source states 20".
    pub label: String,
    /// The source's name in the kb; `None` for a place that is no source.
    pub source: Option<String>,
    /// The corpus document the source cites.
    pub document: Option<String>,
    /// The source's lines in the document, `(first, last)`, 1-based, both included.
    pub lines: Option<(usize, usize)>,
    /// The date the source prints; `None` when it prints none.
    pub printed: Option<Day>,
    /// The source's publication date.
    pub published: Option<Day>,
    /// Where the entry points: the quote in the document (with `--corpus`), the other kb statement, or the list; `None`
    /// when there is nothing to point at.
    pub place: Option<Place>,
}

/// One problem the linter found, with everything needed to print it as text or JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Which check found it (`L0001`...), or the loader's code for a kb that does not load cleanly.
    pub code: Code,
    /// Error, warning or note: for the linter's own codes, fixed by the code (`severity_of`).
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The kb statement (or document line) it concerns; `None` for a finding about the kb as a whole.
    pub primary: Option<Place>,
    /// The sources it rests on and the statements it compares with, in order.
    pub related: Vec<Related>,
    /// Further explanations, one line each, printed after the places.
    pub notes: Vec<String>,
}

/// The linter's own codes have one severity each: the sources' contradictions are warnings (finding them is the
/// product), a kb whose structure is broken (a statement without effect or without provenance) is an error, and
/// a reminder that changes nothing (a document that prints no date) is a note, hidden unless asked for.
pub fn severity_of(code: Code) -> Severity {
    match code {
        Code::UndatedSource | Code::Superseded | Code::CountWithoutList | Code::PartialList => Severity::Note,
        Code::ConstraintViolated => Severity::Error,
        Code::OutlivesRegime => Severity::Warning,
        Code::MissingSource | Code::LinesOutsideDocument | Code::QuoteNotFound | Code::UnmatchedEnd => Severity::Error,
        Code::CountMismatch
        | Code::UnannouncedChange
        | Code::ConflictingDates
        | Code::ConflictingCounts
        | Code::ConflictingValues
        | Code::DateAfterPublication
        | Code::CorrectedDate
        | Code::NumberingGap
        | Code::ImplausibleInterval
        | Code::AnticipatingList
        | Code::ListedTwice
        | Code::TwoTotals => Severity::Warning,
        // Codes of the loader come with their own severity (see `from_diagnostic`); errors by default.
        _ => Severity::Error,
    }
}

impl Finding {
    /// A finding with no place yet, its severity the code's.
    pub fn new(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity: severity_of(code),
            message: message.into(),
            primary: None,
            related: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Places the finding at `span` of `file`, labelled.
    pub fn at(mut self, file: usize, span: Span, label: impl Into<String>) -> Finding {
        self.primary = Some(Place { file, span, label: label.into() });
        self
    }

    /// Places the finding at `place`.
    pub fn located(mut self, place: Place) -> Finding {
        self.primary = Some(place);
        self
    }

    /// Adds a source or statement it rests on.
    pub fn with(mut self, related: Related) -> Finding {
        self.related.push(related);
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Finding {
        self.notes.push(note.into());
        self
    }

    /// True for an error (fails `tkb lint`).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// True for a note (hidden unless asked for).
    pub fn is_note(&self) -> bool {
        self.severity == Severity::Note
    }

    /// A loader diagnostic (a kb that does not load cleanly) as a finding, so both print and sort together.
    pub fn from_diagnostic(diag: &Diagnostic) -> Finding {
        let place = |l: &crate::diag::Label| Place { file: l.file, span: l.span, label: l.message.clone() };
        Finding {
            code: diag.code,
            severity: diag.severity,
            message: diag.message.clone(),
            primary: diag.primary.as_ref().map(place),
            related: diag
                .related
                .iter()
                .map(|l| Related { label: l.message.clone(), place: Some(place(l)), ..Related::default() })
                .collect(),
            notes: diag.notes.clone(),
        }
    }
}

/// Sorts findings by where they point (file name, line, column), then code and message: the same kb gives the
/// same order on every run. Findings with no place come last.
pub fn sort_findings(findings: &mut [Finding], files: &SourceMap) {
    let key = |f: &Finding| {
        let place = f.primary.as_ref().map(|p| {
            let (line, col) = files.line_col(p.file, p.span.start);
            (files.name(p.file).to_string(), line, col)
        });
        (place.is_none(), place, f.code.id(), f.message.clone())
    };
    findings.sort_by_cached_key(key);
}

/// The span of the first line of `span` in `text`: a statement of several lines is pointed at by its first line,
/// so that the rendered label stays one line long.
pub fn first_line(text: &str, span: Span) -> Span {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let cut = text.get(start..end).and_then(|s| s.find('\n')).map(|n| start + n).unwrap_or(end);
    Span { start, end: cut.max(start) }
}
