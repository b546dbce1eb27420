//! The history file: where it lives, loading it at start and appending each entry as soon as it is read. A file
//! that cannot be read or written costs a warning on stderr (once), never the session.

use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Editor, Helper};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

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

/// A history file larger than this is neither read nor appended to: 5,000 entries (what the editor keeps) fit in
/// far less, and reading has to stop somewhere (`TKB_HISTORY=/dev/zero` never ends).
pub const MAX_HISTORY_BYTES: u64 = 4 << 20;

/// Why a history file cannot be used, or `None` when it can (a missing file is a first run; other errors are
/// left to reading, which reports them).
pub fn unusable(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return Some("is not a regular file".into());
    }
    (meta.len() > MAX_HISTORY_BYTES).then(|| format!("is {} bytes, more than {MAX_HISTORY_BYTES}", meta.len()))
}

pub struct HistoryFile {
    path: Option<PathBuf>,
    warned: bool,
}

impl HistoryFile {
    /// Loads the history file of the environment into `editor`; a missing file is simply a first run.
    pub fn open<H: Helper>(editor: &mut Editor<H, FileHistory>) -> HistoryFile {
        let mut path = history_path(|name| std::env::var_os(name));
        if let Some(why) = path.as_deref().and_then(unusable) {
            let shown = path.as_deref().map(Path::display).map(|p| p.to_string()).unwrap_or_default();
            warn(&format!("the history file {shown} {why}; history is kept for this session only"));
            path = None;
        }
        if let Some(path) = &path {
            match editor.load_history(path) {
                Ok(()) => {}
                Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => warn(&format!("cannot read the history file {}: {e}", path.display())),
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
        // Another session may have grown the file since it was loaded; appending may read it all again.
        if let Some(why) = unusable(path) {
            if !self.warned {
                warn(&format!("the history file {} {why}; history is kept for this session only", path.display()));
                self.warned = true;
            }
            return;
        }
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let written = match dir.map(std::fs::create_dir_all).transpose() {
            Ok(_) => editor.append_history(path),
            Err(e) => Err(ReadlineError::Io(e)),
        };
        if let Err(e) = written {
            if !self.warned {
                let shown = path.display();
                warn(&format!("cannot write the history file {shown}: {e}; history is kept for this session only"));
                self.warned = true;
            }
        }
    }
}

/// A warning about the history on standard error (never the answers' channel; never a reason to stop).
fn warn(message: &str) {
    crate::output::stream::to_stderr(&format!("warning: {message}\n"));
}
