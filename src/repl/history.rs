//! The history file: where it lives, loading it at start and appending each entry as soon as it is read. A file
//! that cannot be read or written costs a warning on stderr (once), never the session.

use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Editor, Helper};
use std::ffi::OsString;
use std::path::PathBuf;

/// The environment variable that names the history file; set and empty, it turns history off.
pub const HISTORY_VAR: &str = "TKB_HISTORY";

/// `$TKB_HISTORY`, else `$XDG_STATE_HOME/tkb/history`, else `~/.local/state/tkb/history`; `None` when history is
/// off or no home is known. `var` reads the environment (a parameter so that tests need not change it).
pub fn history_path(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    if let Some(path) = var(HISTORY_VAR) {
        return (!path.is_empty()).then(|| PathBuf::from(path));
    }
    let state = var("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join(".local").join("state")))?;
    Some(state.join("tkb").join("history"))
}

pub struct HistoryFile {
    path: Option<PathBuf>,
    warned: bool,
}

impl HistoryFile {
    /// Loads the history file of the environment into `editor`; a missing file is simply a first run.
    pub fn open<H: Helper>(editor: &mut Editor<H, FileHistory>) -> HistoryFile {
        let path = history_path(|name| std::env::var_os(name));
        if let Some(path) = &path {
            match editor.load_history(path) {
                Ok(()) => {}
                Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => eprintln!("warning: cannot read the history file {}: {e}", path.display()),
            }
        }
        HistoryFile { path, warned: false }
    }

    /// Adds `entry` to the history and appends it to the file at once, so that a crash loses nothing.
    pub fn record<H: Helper>(&mut self, editor: &mut Editor<H, FileHistory>, entry: &str) {
        let entry = entry.trim_end();
        if entry.trim().is_empty() || editor.add_history_entry(entry).is_err() {
            return;
        }
        let Some(path) = &self.path else { return };
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let written = match dir.map(std::fs::create_dir_all).transpose() {
            Ok(_) => editor.append_history(path),
            Err(e) => Err(ReadlineError::Io(e)),
        };
        if let Err(e) = written {
            if !self.warned {
                eprintln!(
                    "warning: cannot write the history file {}: {e}; history is kept for this session only",
                    path.display()
                );
                self.warned = true;
            }
        }
    }
}
