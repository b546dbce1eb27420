//! `--watch`: polls the kb folder (and the fact folder) for changes and reloads. The new kb is loaded and
//! evaluated beside the old one, then swapped in one step; when it fails to load, the old one keeps serving and
//! the errors go to the log and to `/api/status`. Polling a folder of a few dozen files every quarter second
//! costs nothing and behaves the same on every file system, editors' rename-and-replace saves included.

use super::kb::Generation;
use super::state::{ReloadError, State};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How often the folders are looked at.
const POLL: Duration = Duration::from_millis(250);

/// What a folder looks like: every kb or fact file with its length and modification time, in path order.
type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

fn fingerprint(dirs: &[&Path]) -> Fingerprint {
    let mut out = Vec::new();
    let mut pending: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "tkb" || e == "tsv") {
                out.push((path, meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// Starts the watcher thread: on each change (once the files have stopped changing for one poll), a reload.
pub fn start(state: Arc<State>) {
    let dirs: Vec<PathBuf> = [state.source.kb.clone(), state.source.facts.clone()].into_iter().flatten().collect();
    let spawned = std::thread::Builder::new().name("tkb-watch".into()).spawn(move || {
        let look = || fingerprint(&dirs.iter().map(PathBuf::as_path).collect::<Vec<_>>());
        let mut seen = look();
        let mut loaded = state.current().figures.generation;
        loop {
            std::thread::sleep(POLL);
            let now = look();
            if now == seen {
                continue;
            }
            // Wait until a save has finished: two looks in a row the same.
            std::thread::sleep(POLL);
            let settled = look();
            if settled != now {
                continue;
            }
            seen = settled;
            loaded += 1;
            reload(&state, loaded);
        }
    });
    if let Err(e) = spawned {
        super::log::line(&format!("cannot watch the kb: {e}"));
    }
}

fn reload(state: &State, n: u64) {
    let started = std::time::Instant::now();
    match Generation::load(&state.source, n, state.limits.cache) {
        Ok(generation) => {
            let statements = generation.figures.statements;
            state.swap(generation);
            let ms = started.elapsed().as_secs_f64() * 1e3;
            super::log::line(&format!("reloaded the kb: generation {n}, {statements} statements, {ms:.0}ms"));
        }
        Err(errors) => {
            super::log::line(&format!(
                "the changed kb did not load ({}); still serving the previous one:",
                crate::diag::plural(errors.len(), "error")
            ));
            for e in &errors {
                // Rendered by `diag` when the kb was read; the log is line by line, so each line is indented.
                for text in e.rendered.lines() {
                    super::log::line(&format!("  {text}"));
                }
            }
            let at = super::kb::now_rfc3339();
            state.failed(ReloadError { at, errors });
        }
    }
}
