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

use crate::session::Session;
use rustyline::error::ReadlineError;
use std::io::{IsTerminal, Write};

/// Runs the REPL until `.quit` or Ctrl-D; Ctrl-C abandons the entry being typed, or stops a running evaluation
/// (which then answers "interrupted", never partially). Input that is not a terminal is read by [`PipedInput`]
/// instead of the line editor, so that an unfinished last statement and a line that is not UTF-8 are reported.
/// Ends with an error only when the terminal cannot be used or read (the command line prints it; errors in
/// entries are answers, not failures).
pub fn run(session: Session) -> Result<(), String> {
    let colour = std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    let mut repl = Repl::new(session, colour);
    let mut editor = match input::editor(Names::of(repl.database()), colour) {
        Ok(editor) => editor,
        Err(e) => return Err(format!("cannot start the line editor: {e}")),
    };
    let mut history = history::HistoryFile::open(&mut editor);
    // While an entry runs the terminal is not in raw mode, so Ctrl-C arrives as SIGINT: it asks the evaluation to
    // stop instead of killing the session. (While a line is read, rustyline sees Ctrl-C as a key.)
    if let Err(e) = ctrlc::set_handler(|| {
        let _ = crate::eval::interrupt::request();
    }) {
        eprintln!("warning: Ctrl-C will end the session, not just a running query: {e}");
    }
    if !std::io::stdin().is_terminal() {
        return run_piped(&mut repl, &mut editor, &mut history);
    }
    print!("{}", repl.banner());
    loop {
        match editor.readline(&repl.prompt()) {
            Ok(entry) => {
                if run_entry(&mut repl, &mut editor, &mut history, &entry) {
                    return Ok(());
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return Ok(()),
            Err(e) => return Err(format!("cannot read input: {e}")),
        }
    }
}

type LineEditor = rustyline::Editor<input::ReplHelper, rustyline::history::FileHistory>;

/// Entries from a pipe or a file, to the end of the input or `.quit`.
fn run_piped(repl: &mut Repl, editor: &mut LineEditor, history: &mut history::HistoryFile) -> Result<(), String> {
    for piped in PipedInput::new(std::io::stdin().lock()) {
        match piped {
            Ok(Piped::Entry(entry)) => {
                if run_entry(repl, editor, history, &entry) {
                    return Ok(());
                }
            }
            Ok(Piped::BadLine(error)) => {
                print!("{}", crate::diag::render_headline(&error));
                let _ = std::io::stdout().flush();
            }
            Err(e) => return Err(format!("cannot read input: {e}")),
        }
    }
    Ok(())
}

/// Saves, runs and prints one entry; true once the session is finished.
fn run_entry(repl: &mut Repl, editor: &mut LineEditor, history: &mut history::HistoryFile, entry: &str) -> bool {
    history.record(editor, entry);
    crate::eval::interrupt::clear();
    print!("{}", repl.execute(entry));
    let _ = std::io::stdout().flush();
    if let Some(helper) = editor.helper_mut() {
        helper.names = Names::of(repl.database());
    }
    repl.finished()
}
