//! Diagnostics: stable codes, the diagnostic type every layer produces, and the one place that renders them.

mod codes;
mod render;
mod source_map;
mod span;

pub use codes::Code;
pub use render::{render_diagnostics, render_headline, MAX_ERRORS};
pub use source_map::SourceMap;
pub use span::{Origin, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
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
    pub file: usize,
    pub span: Span,
    pub message: String,
}

/// One finding: a stable code, a severity, a message, the primary place and any related ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub primary: Option<Label>,
    pub related: Vec<Label>,
    pub notes: Vec<String>,
}

impl Diagnostic {
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

    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }

    pub fn at(mut self, file: usize, span: Span, label: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label { file, span, message: label.into() });
        self
    }

    pub fn also(mut self, file: usize, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related.push(Label { file, span, message: label.into() });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
