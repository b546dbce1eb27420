//! The one place diagnostics become text: `file:line:col`, the source line and a caret, via codespan-reporting.

use super::{Diagnostic, Label, Severity};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

/// The texts diagnostics point into: kb files, scripts, corpus documents. File ids are indexes in insertion order.
#[derive(Default, Clone)]
pub struct SourceMap {
    files: Vec<(String, String)>,
}

impl SourceMap {
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> usize {
        self.files.push((name.into(), text.into()));
        self.files.len() - 1
    }

    pub fn name(&self, file: usize) -> &str {
        self.files.get(file).map(|f| f.0.as_str()).unwrap_or("<unknown>")
    }

    pub fn text(&self, file: usize) -> &str {
        self.files.get(file).map(|f| f.1.as_str()).unwrap_or("")
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: usize, offset: usize) -> (usize, usize) {
        let text = self.text(file);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
        (line, col)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_codespan(diag: &Diagnostic, map: &SourceMap) -> cs::Diagnostic<usize> {
    let severity = match diag.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let label = |style, l: &Label| {
        let text = map.text(l.file);
        let start = floor_char_boundary(text, l.span.start.min(text.len()));
        let end = floor_char_boundary(text, l.span.end.clamp(start, text.len()));
        cs::Label::new(style, l.file, start..end).with_message(l.message.clone())
    };
    let mut labels: Vec<_> = diag.primary.iter().map(|l| label(cs::LabelStyle::Primary, l)).collect();
    labels.extend(diag.related.iter().map(|l| label(cs::LabelStyle::Secondary, l)));
    cs::Diagnostic::new(severity)
        .with_code(format!("{}/{}", diag.code.id(), diag.code.name()))
        .with_message(diag.message.clone())
        .with_labels(labels)
        .with_notes(diag.notes.clone())
}

/// Renders diagnostics as rustc-like text; colour only when asked (never when NO_COLOR is set).
pub fn render_diagnostics(diags: &[Diagnostic], map: &SourceMap, colour: bool) -> String {
    let mut files = SimpleFiles::new();
    for (name, text) in &map.files {
        files.add(name.clone(), text.clone());
    }
    let config = term::Config::default();
    let mut out = String::new();
    for diag in diags {
        let mut buffer = if colour { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
        // Emitting fails only for a label outside its file, which to_codespan clamps away; a plain line then.
        match term::emit(&mut buffer, &config, &files, &to_codespan(diag, map)) {
            Ok(()) => out.push_str(&String::from_utf8_lossy(buffer.as_slice())),
            Err(_) => out.push_str(&format!("{}[{}]: {}\n", diag.severity.name(), diag.code.id(), diag.message)),
        }
    }
    out
}
