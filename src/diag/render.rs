//! The one place diagnostics become text: `file:line:col`, the source line and a caret, via codespan-reporting.
//! What is printed stays bounded whatever the input: a long line is shown as a window around the column, a long
//! message is cut, and after `MAX_ERRORS` errors the rest are counted, not shown (as rustc's "aborting due to").

use super::source_map::{ceil_char_boundary, floor_char_boundary};
use super::{Diagnostic, Label, Severity, SourceMap};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error, Files};
use codespan_reporting::term::{self, termcolor};
use std::collections::HashMap;
use std::ops::Range;

/// Errors shown in full; later ones are only counted. The first errors are the ones to fix: later ones are often
/// their consequences.
pub const MAX_ERRORS: usize = 20;
/// A source line longer than this (in bytes) is shown as a window of `WINDOW` bytes around the column. Prose
/// paragraphs of the corpus (up to about 1,000 characters) are shown whole.
const MAX_LINE: usize = 2000;
const WINDOW: usize = 240;
/// Bytes of a window shown before the column it is centred on.
const BEFORE: usize = 80;
/// Messages, labels and notes longer than this (in characters) are cut.
const MAX_MESSAGE: usize = 1000;

/// Renders diagnostics as rustc-like text; colour only when asked (never when NO_COLOR is set).
pub fn render_diagnostics(diags: &[Diagnostic], map: &SourceMap, colour: bool) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let mut shown = 0;
    for diag in diags {
        if diag.is_error() {
            if shown == MAX_ERRORS {
                continue;
            }
            shown += 1;
        }
        let mut buffer = if colour { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
        let view = View::new(map, diag);
        let rendered = view.diagnostic(diag);
        // Emitting fails only for a label outside its file, which `View` clamps away; a plain line then.
        match term::emit(&mut buffer, &config, &view, &rendered) {
            Ok(()) => out.push_str(&String::from_utf8_lossy(buffer.as_slice())),
            Err(_) => out.push_str(&render_headline(diag)),
        }
    }
    if errors > shown {
        let more = errors - shown;
        out.push_str(&format!("... and {more} more {}\n", super::noun_for(more, "error")));
        out.push_str(&format!("error: aborting due to {errors} previous errors\n"));
    }
    out
}

/// `error[E0208]: message` and its notes: a diagnostic that points into no loaded text (a file that cannot be
/// read, input that is not UTF-8), whose message names the place itself.
pub fn render_headline(diag: &Diagnostic) -> String {
    let mut out = format!("{}[{}]: {}\n", diag.severity.name(), diag.code.id(), cut(&diag.message));
    for note in &diag.notes {
        out += &format!("  = {}\n", cut(note));
    }
    out
}

/// One diagnostic's view of the source map: the same files, with each long line it shows narrowed to a window
/// around the place it points at (the line's first bytes when it points at none).
struct View<'a> {
    map: &'a SourceMap,
    /// (file, line) -> the bytes of that line to show.
    windows: HashMap<(usize, usize), Range<usize>>,
}

impl<'a> View<'a> {
    fn new(map: &'a SourceMap, diag: &Diagnostic) -> View<'a> {
        let mut view = View { map, windows: HashMap::new() };
        for label in diag.primary.iter().chain(&diag.related) {
            for offset in [label.span.start, label.span.end] {
                let line = map.line_index(label.file, offset);
                if !view.windows.contains_key(&(label.file, line)) {
                    let window = view.window(label.file, line, offset);
                    view.windows.insert((label.file, line), window);
                }
            }
        }
        view
    }

    /// The bytes of a line to show: all of it when short, else `WINDOW` bytes starting `BEFORE` bytes before
    /// `focus`, without the line break.
    fn window(&self, file: usize, line: usize, focus: usize) -> Range<usize> {
        let full = self.map.line_range(file, line);
        if full.len() <= MAX_LINE {
            return full;
        }
        let text = self.map.text(file);
        let content_end = full.end - usize::from(text[..full.end].ends_with('\n'));
        let start = floor_char_boundary(text, focus.saturating_sub(BEFORE).clamp(full.start, content_end));
        let end = ceil_char_boundary(text, (start + WINDOW).min(content_end));
        start..end
    }

    fn shown(&self, file: usize, line: usize) -> Range<usize> {
        self.windows.get(&(file, line)).cloned().unwrap_or_else(|| self.window(file, line, 0))
    }

    /// The label inside the windows of its lines, or `None` when none of it is shown.
    fn clamp(&self, label: &Label) -> Option<Range<usize>> {
        let text = self.map.text(label.file);
        let start = floor_char_boundary(text, label.span.start);
        let end = floor_char_boundary(text, label.span.end.max(start));
        let first = self.shown(label.file, self.map.line_index(label.file, start));
        let last = self.shown(label.file, self.map.line_index(label.file, end));
        let (start, end) = (start.max(first.start), end.min(last.end));
        (start <= end && start <= first.end && end >= last.start).then_some(start..end)
    }

    fn diagnostic(&self, diag: &Diagnostic) -> cs::Diagnostic<usize> {
        let severity = match diag.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Note => cs::Severity::Note,
        };
        let mut notes: Vec<String> = diag.notes.iter().map(|n| cut(n)).collect();
        let mut labels = Vec::new();
        let styled = diag.primary.iter().map(|l| (cs::LabelStyle::Primary, l));
        for (style, label) in styled.chain(diag.related.iter().map(|l| (cs::LabelStyle::Secondary, l))) {
            match self.clamp(label) {
                Some(range) => labels.push(cs::Label::new(style, label.file, range).with_message(cut(&label.message))),
                None => {
                    let (line, col) = self.map.line_col(label.file, label.span.start);
                    notes.push(format!("{}:{line}:{col}: {}", self.map.name(label.file), cut(&label.message)));
                }
            }
        }
        notes.extend(self.cut_lines(diag));
        cs::Diagnostic::new(severity)
            .with_code(format!("{}/{}", diag.code.id(), diag.code.name()))
            .with_message(cut(&diag.message))
            .with_labels(labels)
            .with_notes(notes)
    }

    /// A note for each line shown as a window, saying which columns are shown.
    fn cut_lines(&self, diag: &Diagnostic) -> Vec<String> {
        let mut lines: Vec<(usize, usize)> = diag
            .primary
            .iter()
            .chain(&diag.related)
            .map(|l| (l.file, self.map.line_index(l.file, l.span.start)))
            .filter(|&(file, line)| self.map.line_range(file, line).len() > MAX_LINE)
            .collect();
        lines.dedup();
        lines
            .into_iter()
            .map(|(file, line)| {
                let window = self.shown(file, line);
                let full = self.map.line_range(file, line);
                let text = self.map.text(file);
                let content_end = full.end - usize::from(text[..full.end].ends_with('\n'));
                let width = self.map.column(file, line, content_end) - 1;
                let (from, to) = (self.map.column(file, line, window.start), self.map.column(file, line, window.end));
                format!("line {} is {width} characters long: columns {from}-{} are shown", line + 1, to - 1)
            })
            .collect()
    }
}

/// `text`, or its first `MAX_MESSAGE` characters and a count of the rest.
fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_MESSAGE) {
        None => text.to_string(),
        Some((at, _)) => format!("{}… ({} more characters)", &text[..at], text[at..].chars().count()),
    }
}

impl<'a> Files<'a> for View<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(self.map.name(id))
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(self.map.text(id))
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        Ok(self.map.line_index(id, byte_index))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        Ok(self.shown(id, line_index))
    }

    fn column_number(&'a self, id: usize, line_index: usize, byte_index: usize) -> Result<usize, Error> {
        Ok(self.map.column(id, line_index, byte_index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::diag::Span;

    fn error_at(start: usize, end: usize) -> Diagnostic {
        Diagnostic::error(Code::Syntax, "bad").at(0, Span { start, end }, "here")
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_with_its_real_column() {
        let mut map = SourceMap::default();
        let text = format!("{}XYZ{}\n", "a".repeat(100_000), "b".repeat(100_000));
        map.add("long.tkb", text);
        let out = render_diagnostics(&[error_at(100_000, 100_003)], &map, false);
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(out.contains("long.tkb:1:100001"), "{out}");
        assert!(out.contains("aaaXYZbbb"), "{out}");
        assert!(out.contains("line 1 is 200003 characters long: columns 99921-100160 are shown"), "{out}");
    }

    #[test]
    fn errors_after_the_first_ones_are_counted_not_shown() {
        let mut map = SourceMap::default();
        map.add("f.tkb", "x.\n".repeat(30));
        let diags: Vec<Diagnostic> = (0..30).map(|i| error_at(3 * i, 3 * i + 1)).collect();
        let out = render_diagnostics(&diags, &map, false);
        assert_eq!(out.matches("error[E0001/syntax]").count(), MAX_ERRORS);
        assert!(out.ends_with("... and 10 more errors\nerror: aborting due to 30 previous errors\n"), "{out}");
        let warnings: Vec<Diagnostic> =
            (0..30).map(|i| Diagnostic { severity: Severity::Warning, ..error_at(3 * i, 3 * i + 1) }).collect();
        assert_eq!(
            render_diagnostics(&warnings, &map, false).matches("warning[").count(),
            30,
            "warnings are not capped"
        );
    }

    #[test]
    fn long_messages_are_cut() {
        let map = SourceMap::default();
        let out = render_diagnostics(&[Diagnostic::error(Code::Syntax, "m".repeat(5000))], &map, false);
        assert!(out.contains("… (4000 more characters)"), "{out}");
    }
}
