//! The knowledge base compiled into the binary, and loading a kb folder from disk: every `.tkb` file, in path
//! order, as one program.

use crate::db::Database;
use crate::diag::{Code, Diagnostic};
use include_dir::{include_dir, Dir};
use std::path::Path;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/kb");

fn collect(dir: &Dir<'static>, out: &mut Vec<(String, String)>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "tkb") {
            let name = format!("kb/{}", file.path().display());
            out.push((name, file.contents_utf8().unwrap_or_default().to_string()));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

/// The built-in kb's files, sorted by path.
pub fn builtin_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    collect(&BUILTIN, &mut files);
    files.sort();
    files
}

/// Every `.tkb` file under `dir`, sorted by path. The error names the folder or the file that cannot be read, and
/// the line and column of a file that is not UTF-8.
pub fn read_kb_dir(dir: &Path) -> Result<Vec<(String, String)>, Diagnostic> {
    let folder_error = |at: &Path, e: std::io::Error| {
        Diagnostic::error(Code::Io, format!("cannot read kb folder {}: {e}", at.display()))
    };
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(at) = pending.pop() {
        for entry in std::fs::read_dir(&at).map_err(|e| folder_error(&at, e))? {
            let path = entry.map_err(|e| folder_error(&at, e))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "tkb") {
                files.push((path.display().to_string(), crate::input::read_file(&path)?));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The kb a command works on: the folder `--kb` names, else the built-in kb. The one place that choice is made.
pub fn kb_files(dir: Option<&Path>) -> Result<Vec<(String, String)>, Diagnostic> {
    match dir {
        None => Ok(builtin_files()),
        Some(dir) => read_kb_dir(dir),
    }
}

/// A database holding the built-in kb, with the diagnostics of loading it (none, for a kb that passes its tests).
pub fn builtin_database() -> (Database, Vec<Diagnostic>) {
    let mut db = Database::default();
    let diags = db.load_kb(builtin_files());
    (db, diags)
}
