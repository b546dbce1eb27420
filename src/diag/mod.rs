//! Diagnostics: stable codes, the diagnostic type every layer produces, and the one place that renders them.

mod codes;
mod plural;
mod render;
mod source_map;
mod span;

pub use codes::Code;
pub use plural::{noun_for, plural};
pub use render::{render_diagnostics, render_headline, MAX_ERRORS};
pub use source_map::SourceMap;
pub use span::{Origin, Span};

/// How serious a diagnostic is, the most serious first (`Error < Warning < Note`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A mistake that fails the statement, file or run it is in (from the linter: a kb whose structure is broken).
    Error,
    /// A likely mistake (a hint, a lint finding) that does not stop a run.
    Warning,
    /// A reminder that changes nothing; the linter hides it unless `--notes`.
    Note,
}

impl Severity {
    /// The lower-case word diagnostics print before the code: `error`, `warning`, `note`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A labelled place in a file: the kb file of a finding, or a line range of a corpus document.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The file's index in the `SourceMap` the diagnostic is rendered with.
    pub file: usize,
    /// The bytes pointed at in that file.
    pub span: Span,
    /// The text printed under the place; may be empty.
    pub message: String,
}

/// One finding: a stable code, a severity, a message, the primary place and any related ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The stable code printed as `error[E0102]` and looked up by `tkb explain`.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// The headline, one sentence.
    pub message: String,
    /// The place it is about; `None` when it points into no loaded text (the message then names the place).
    pub primary: Option<Label>,
    /// Other places that explain it (the earlier declaration, the other source).
    pub related: Vec<Label>,
    /// Lines printed after the places as `= note`, such as a suggested fix.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error with no place yet.
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            primary: None,
            related: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A warning with no place yet.
    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }

    /// Sets the primary place, replacing any earlier one.
    pub fn at(mut self, file: usize, span: Span, label: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label { file, span, message: label.into() });
        self
    }

    /// Adds a related place after the others.
    pub fn also(mut self, file: usize, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related.push(Label { file, span, message: label.into() });
        self
    }

    /// Adds a note after the others.
    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Whether its severity is `Error`.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
