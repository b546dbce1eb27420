//! The progress displays: while fact files load, an indicatif bar on standard error (the file, rows read, bytes
//! of the file); while rules are evaluated, a spinner naming the relations being derived, the pass and the tuples
//! so far. Each appears only once its work has taken a second, and only on a terminal, unless asked for with
//! `--progress always` (which is how they are tested). Standard output never sees them.

use crate::symbol::Symbol;
use crate::tsv::Watch;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::cell::RefCell;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// When to show progress (`--progress`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum When {
    /// On a terminal, once loading has taken more than a second.
    Auto,
    /// From the start, wherever standard error goes.
    Always,
    /// Never.
    Never,
}

/// How long loading runs before the bar appears (`auto`): short loads print nothing.
const PATIENCE: Duration = Duration::from_secs(1);

/// A progress display for loading: `Watch` calls update it, the bar is made on first need.
pub struct Loading {
    shown: bool,
    start: Instant,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    bar: Option<ProgressBar>,
    file: String,
    bytes: u64,
}

impl Loading {
    /// A display that shows when `when` says, given where standard error goes.
    pub fn new(when: When) -> Loading {
        let shown = match when {
            When::Auto => std::io::stderr().is_terminal(),
            When::Always => true,
            When::Never => false,
        };
        let start = if when == When::Always { Instant::now() - PATIENCE } else { Instant::now() };
        Loading { shown, start, state: RefCell::new(State::default()) }
    }

    fn update(&self, state: &mut State, done: u64, rows: u64) {
        if !self.shown || self.start.elapsed() < PATIENCE {
            return;
        }
        let bar = state.bar.get_or_insert_with(|| {
            // A terminal-like target draws even when standard error is not a terminal (`always`).
            let target = ProgressDrawTarget::term_like_with_hz(Box::new(console::Term::stderr()), 10);
            let style = ProgressStyle::with_template("{spinner} loading {msg} [{bar:20}] {percent}%")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            ProgressBar::with_draw_target(Some(0), target).with_style(style)
        });
        bar.set_length(state.bytes);
        bar.set_position(done);
        bar.set_message(format!("{}: {} rows", state.file, thousands(rows)));
    }
}

impl Watch for Loading {
    fn file(&self, name: &str, bytes: u64) {
        let mut state = self.state.borrow_mut();
        state.file = name.to_string();
        state.bytes = bytes;
        let state = &mut *state;
        self.update(state, 0, 0);
    }

    fn read(&self, bytes: u64, rows: u64) {
        self.update(&mut self.state.borrow_mut(), bytes, rows);
    }

    fn done(&self) {
        if let Some(bar) = self.state.borrow_mut().bar.take() {
            // The final count is drawn once (the bar draws at most ten times a second), then the line is cleared.
            bar.finish();
            bar.finish_and_clear();
        }
    }
}

/// The progress display for evaluation: told of each pass (`eval::watch::Watch`), it shows a spinner once the
/// evaluation a request needs has run a second, and clears it when that evaluation is over.
pub struct Deriving {
    shown: bool,
    always: bool,
    state: Mutex<Evaluation>,
}

#[derive(Default)]
struct Evaluation {
    /// When the evaluation under way reported its first pass.
    start: Option<Instant>,
    bar: Option<ProgressBar>,
}

impl std::fmt::Debug for Deriving {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deriving").field("shown", &self.shown).field("always", &self.always).finish()
    }
}

impl Deriving {
    /// A display that shows when `when` says, given where standard error goes.
    pub fn new(when: When) -> Deriving {
        let shown = match when {
            When::Auto => std::io::stderr().is_terminal(),
            When::Always => true,
            When::Never => false,
        };
        Deriving { shown, always: when == When::Always, state: Mutex::new(Evaluation::default()) }
    }
}

impl crate::eval::watch::Watch for Deriving {
    fn pass(&self, preds: &[Symbol], pass: usize, tuples: usize) {
        if !self.shown {
            return;
        }
        let Ok(mut state) = self.state.lock() else { return };
        let start = *state.start.get_or_insert_with(Instant::now);
        if !self.always && start.elapsed() < PATIENCE {
            return;
        }
        let fresh = state.bar.is_none();
        let bar = state.bar.get_or_insert_with(|| {
            let target = ProgressDrawTarget::term_like_with_hz(Box::new(console::Term::stderr()), 10);
            let style = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            ProgressBar::with_draw_target(None, target).with_style(style)
        });
        let names: Vec<&str> = preds.iter().map(|p| p.as_str()).collect();
        bar.set_message(format!("deriving {} (pass {pass}): {} tuples", names.join(", "), thousands(tuples as u64)));
        if fresh {
            // The spinner and the time move between passes too: one pass can take seconds.
            bar.enable_steady_tick(Duration::from_millis(100));
        }
    }

    fn done(&self) {
        let Ok(mut state) = self.state.lock() else { return };
        state.start = None;
        if let Some(bar) = state.bar.take() {
            // The last message is drawn once, then the line is cleared.
            bar.finish();
            bar.finish_and_clear();
        }
    }
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(1234), "1,234");
        assert_eq!(super::thousands(10_000_000), "10,000,000");
    }
}
