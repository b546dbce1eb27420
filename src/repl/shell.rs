//! The REPL's one entry point, [`Repl::execute`]: a complete entry in (statements or a command), the text to
//! print out. The terminal loop only reads entries and prints what this returns, so transcripts test everything
//! but the keys.

mod entry;

pub use entry::has_command_line;

use super::commands;
use super::complete::{self, Names};
use super::handlers;
use super::state::Repl;
use rustyline::completion::Pair;
use std::time::Instant;

impl Repl {
    /// What Tab offers at byte `pos` of `line`: the start of the text to replace and the candidates.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        complete::complete(&Names::of(&self.session.db), line, pos)
    }

    /// Runs one complete entry and returns what to print: answers, proofs, messages and rendered diagnostics.
    pub fn execute(&mut self, entry: &str) -> String {
        let text = entry.trim();
        if text.is_empty() {
            return String::new();
        }
        let started = Instant::now();
        // Each entry is a request of its own: a fresh deadline and budgets.
        self.session.start_request();
        if let Some((name, args)) = commands::command_line(text) {
            return handlers::dispatch(self, name, args);
        }
        let out = match entry::split_command(entry) {
            Some((before, command)) => self.before_command(before) + &self.execute(command),
            None => self.typed(entry),
        };
        if self.timer {
            return out + &format!("time: {:.3} ms\n", started.elapsed().as_secs_f64() * 1000.0);
        }
        out
    }

    /// A typed entry: statements that read as questions are asked (with a note that `?-` was assumed).
    fn typed(&mut self, entry: &str) -> String {
        let (text, asked) = entry::assume_questions(entry);
        let note = match asked {
            0 => String::new(),
            1 => "note: read as a question (`?-` assumed); `.add` adds it as a fact instead\n".to_string(),
            n => format!("note: {n} statements read as questions (`?-` assumed); `.add` adds them as facts instead\n"),
        };
        note + &self.statements("<repl>", &text)
    }

    /// The lines typed before a command on a continuation line: run when they are whole statements, else dropped.
    fn before_command(&mut self, before: &str) -> String {
        if entry::is_finished(before) {
            return self.typed(before);
        }
        let shown = crate::syntax::one_line(before);
        format!("note: the unfinished `{shown}` was dropped to run the command (Up recalls it)\n")
    }
}
