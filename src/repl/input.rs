//! Reading entries: when an entry is complete (the real parser decides), and the rustyline helper that ties
//! validation, the continuation line, completion, hints and highlighting together.

use super::commands::{self, matching};
use super::complete::{complete, Names};
use super::highlight::{dim, highlight, INDENT};
use crate::syntax::{is_complete_statement, parse_program};
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::{Hint, Hinter};
use rustyline::history::FileHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Cmd, ColorMode, CompletionType, ConditionalEventHandler, Config, Editor, Event, EventContext};
use rustyline::{EventHandler, KeyCode, KeyEvent, Modifiers, RepeatCount};
use std::borrow::Cow;

/// What an empty line hints at.
pub const EMPTY_HINT: &str = "  .help lists the commands; statements end with `.`; Tab completes";

/// True when `text` is ready to run: a command (also on a continuation line, where a leading dot starts one),
/// blank or comment-only text, statements that all end, or text with a syntax error that more input cannot mend
/// (an error that ends before the text does), which is better shown now.
pub fn is_complete_input(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.is_empty() || commands::command_line(trimmed).is_some() || is_complete_statement(text) {
        return true;
    }
    if super::shell::has_command_line(text) {
        return true;
    }
    let parsed = parse_program(text);
    let end = text.trim_end().len();
    parsed.errors.is_empty() && parsed.statements.is_empty() || parsed.errors.iter().any(|e| e.span.end < end)
}

/// The hint after the cursor: a pointer to `.help` on an empty line, the rest of a command's name and its
/// arguments after an unambiguous `.prefix`. The second item is what Right arrow inserts.
pub fn hint(line: &str, pos: usize) -> Option<(String, Option<String>)> {
    if line.is_empty() {
        return Some((EMPTY_HINT.into(), None));
    }
    let typed =
        line.strip_prefix('.').filter(|t| pos == line.len() && !t.is_empty() && !t.contains(char::is_whitespace))?;
    let mut found = matching(typed);
    let command = found.next().filter(|_| found.next().is_none())?;
    let rest = &command.name[typed.len()..];
    let args = if command.args.is_empty() { String::new() } else { format!(" {}", command.args) };
    Some((format!("{rest}{args}"), Some(rest.to_string())))
}

pub struct ReplHint {
    display: String,
    completion: Option<String>,
}

impl Hint for ReplHint {
    fn display(&self) -> &str {
        &self.display
    }

    fn completion(&self) -> Option<&str> {
        self.completion.as_deref()
    }
}

#[derive(rustyline::Helper)]
pub struct ReplHelper {
    pub names: Names,
    pub colour: bool,
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _: &rustyline::Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(complete(&self.names, line, pos))
    }
}

impl Hinter for ReplHelper {
    type Hint = ReplHint;

    fn hint(&self, line: &str, pos: usize, _: &rustyline::Context<'_>) -> Option<ReplHint> {
        hint(line, pos).map(|(display, completion)| ReplHint { display, completion })
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _: usize) -> Cow<'l, str> {
        Cow::Owned(highlight(line, self.colour))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(dim(hint, self.colour))
    }

    fn highlight_char(&self, _: &str, _: usize, _: bool) -> bool {
        true
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if is_complete_input(ctx.input()) { ValidationResult::Valid(None) } else { ValidationResult::Incomplete })
    }
}

/// Enter on an unfinished statement: a new line opened with the indentation drawn as the continuation prompt.
/// On a complete one, the default (the validator accepts it).
struct Continue;

impl ConditionalEventHandler for Continue {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext<'_>) -> Option<Cmd> {
        (!is_complete_input(ctx.line())).then(|| Cmd::Insert(1, format!("\n{INDENT}")))
    }
}

/// The line editor: bash-like completion, no automatic history (the loop saves each entry), Enter bound to
/// [`Continue`]. Colour is left on for the terminal so that the continuation marker is drawn even under
/// `NO_COLOR`; the helper itself adds no colour then.
pub fn editor(names: Names, colour: bool) -> rustyline::Result<Editor<ReplHelper, FileHistory>> {
    let config = Config::builder()
        .history_ignore_dups(true)?
        .history_ignore_space(true)
        .max_history_size(5000)?
        .auto_add_history(false)
        .completion_type(CompletionType::List)
        .color_mode(ColorMode::Enabled)
        .build();
    let mut editor = Editor::with_config(config)?;
    editor.set_helper(Some(ReplHelper { names, colour }));
    // Enter, and Ctrl-J: what a newline byte reads as (pasted text, or a terminal that sends it for Enter).
    for key in [KeyEvent(KeyCode::Enter, Modifiers::NONE), KeyEvent::ctrl('J')] {
        editor.bind_sequence(key, EventHandler::Conditional(Box::new(Continue)));
    }
    Ok(editor)
}
