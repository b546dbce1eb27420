//! The interactive REPL, `tkb repl`: a rustyline loop around [`Repl`], whose `execute` takes one complete entry (a
//! statement, several, or a `.command`) and returns the text to print. Everything but reading keys lives in
//! `Repl` and in the pure functions exported here, so transcripts test it without a terminal.
//!
//! Files: `shell` (the state and `execute`), `commands` (the command table), `answers` (numbered answers with
//! compact sources), `explain` (`.why`, `.sources`), `input` (completeness, hints, the rustyline helper),
//! `complete`, `highlight`, `history`.

mod answers;
mod check;
mod commands;
mod complete;
mod draft;
mod entry_sink;
mod explain;
mod handlers;
mod highlight;
mod history;
mod input;
mod notes;
mod shell;
mod state;

pub use commands::{command_line, Command, COMMANDS};
pub use complete::{complete, Names};
pub use highlight::{highlight, INDENT, MARKER};
pub use history::{history_path, HISTORY_VAR};
pub use input::{hint, is_complete_input, Piped, PipedInput, EMPTY_HINT};
pub use state::{Repl, DEFAULT_LIMIT};

use crate::output::stream::Stdout;
use crate::session::Session;
use rustyline::error::ReadlineError;
use std::io::{IsTerminal, Write};

/// Why the REPL ended before its input did.
#[derive(Debug)]
pub enum ReplError {
    /// The terminal could not be used or read.
    Terminal(String),
    /// The answers could not be written (the command line tells a closed pipe from a real failure).
    Write(std::io::Error),
}

/// Runs the REPL until `.quit` or Ctrl-D, writing every answer through `out` (flushed after each entry); Ctrl-C
/// abandons the entry being typed, or stops a running evaluation (which then answers "interrupted", never
/// partially). Input that is not a terminal is read by [`PipedInput`] instead of the line editor, so that an
/// unfinished last statement and a line that is not UTF-8 are reported. Ends with an error only when the terminal
/// cannot be used or read, or the output cannot be written (errors in entries are answers, not failures).
pub fn run(session: Session, out: &mut Stdout) -> Result<(), ReplError> {
    let colour = crate::output::stream::colour_on_stdout();
    let mut repl = Repl::new(session, colour);
    let mut editor = match input::editor(Names::of(repl.database()), colour) {
        Ok(editor) => editor,
        Err(e) => return Err(ReplError::Terminal(format!("cannot start the line editor: {e}"))),
    };
    let mut history = history::HistoryFile::open(&mut editor);
    if !std::io::stdin().is_terminal() {
        return run_piped(&mut repl, &mut editor, &mut history, out);
    }
    show(out, &repl.banner())?;
    loop {
        match editor.readline(&repl.prompt()) {
            Ok(entry) => {
                if run_entry(&mut repl, &mut editor, &mut history, &entry, out)? {
                    return Ok(());
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return Ok(()),
            Err(e) => return Err(ReplError::Terminal(format!("cannot read input: {e}"))),
        }
    }
}

type LineEditor = rustyline::Editor<input::ReplHelper, rustyline::history::FileHistory>;

/// Writes `text` and hands it to the reader at once.
fn show(out: &mut Stdout, text: &str) -> Result<(), ReplError> {
    out.print(text).and_then(|()| out.flush()).map_err(ReplError::Write)
}

/// Entries from a pipe or a file, to the end of the input or `.quit`.
fn run_piped(
    repl: &mut Repl,
    editor: &mut LineEditor,
    history: &mut history::HistoryFile,
    out: &mut Stdout,
) -> Result<(), ReplError> {
    for piped in PipedInput::new(std::io::stdin().lock()) {
        match piped {
            Ok(Piped::Entry(entry)) => {
                if run_entry(repl, editor, history, &entry, out)? {
                    return Ok(());
                }
            }
            Ok(Piped::BadLine(error)) => show(out, &crate::diag::render_headline(&error))?,
            Err(e) => return Err(ReplError::Terminal(format!("cannot read input: {e}"))),
        }
    }
    Ok(())
}

/// Saves, runs and prints one entry; true once the session is finished. A Ctrl-C pressed while the entry ran has
/// done its work (the entry answered "interrupted") and is forgotten before the next one.
fn run_entry(
    repl: &mut Repl,
    editor: &mut LineEditor,
    history: &mut history::HistoryFile,
    entry: &str,
    out: &mut Stdout,
) -> Result<bool, ReplError> {
    history.record(editor, entry);
    crate::eval::interrupt::clear();
    let text = repl.execute(entry);
    crate::eval::interrupt::clear();
    show(out, &text)?;
    if let Some(helper) = editor.helper_mut() {
        helper.names = Names::of(repl.database());
    }
    Ok(repl.finished())
}
