//! The sink of `tkb query`, `run` and `why`: each result written to standard output as soon as it is answered, in
//! the chosen format, and flushed after each statement. JSON: one document for a lone query or `why`, else an
//! array written element by element (`jsonl`: a line each).

use super::failure::write_failed;
use crate::db::Database;
use crate::diag::Diagnostic;
use crate::output::stream::Stdout;
use crate::output::{with_warnings, write_csv, write_table, Format, Indented, ResultJson};
use crate::session::{error_json, Emitted, Sink};
use std::io::{self, Write};

/// Writes each result to standard output as soon as it is answered, through one buffered writer. JSON: `lone`
/// for `tkb query` and `tkb why` (one document), else an array written element by element (`jsonl`: a line each).
pub(super) struct Stream<'w> {
    pub w: &'w mut dyn Write,
    pub format: Format,
    pub lone: bool,
    pub items: usize,
}

impl Stream<'_> {
    fn json(&mut self, value: &dyn erased::Json) -> io::Result<()> {
        match (self.format, self.lone) {
            (Format::Jsonl, _) => {
                value.write(self.w, false)?;
                self.w.write_all(b"\n")
            }
            (_, true) => {
                value.write(self.w, true)?;
                self.w.write_all(b"\n")
            }
            (_, false) => {
                self.w.write_all(if self.items == 0 { b"[\n  " } else { b",\n  " })?;
                value.write(&mut Indented { inner: self.w }, true)
            }
        }
    }

    /// Closes the JSON array, if one was opened, and flushes.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.format == Format::Json && !self.lone {
            self.w.write_all(if self.items == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.w.flush()
    }
}

/// A JSON value or a lazily serialized result, written the same way.
mod erased {
    /// What `Stream` writes as JSON: any serializable value, behind one object-safe type.
    pub trait Json {
        /// Writes the value as JSON, indented when `pretty`.
        fn write(&self, w: &mut dyn std::io::Write, pretty: bool) -> std::io::Result<()>;
    }

    impl<T: serde::Serialize> Json for T {
        fn write(&self, w: &mut dyn std::io::Write, pretty: bool) -> std::io::Result<()> {
            crate::output::write_json(w, self, pretty)
        }
    }
}

impl Sink for Stream<'_> {
    fn emit(&mut self, db: &Database, item: Emitted) -> io::Result<()> {
        match (self.format, item) {
            (Format::Table, Emitted::Query { result, .. }) => write_table(self.w, db, result)?,
            (Format::Csv, Emitted::Query { result, .. }) => {
                // One table per statement, separated by an empty line.
                if self.items > 0 {
                    self.w.write_all(b"\n")?;
                }
                write_csv(self.w, db, result)?
            }
            (Format::Table | Format::Csv, Emitted::Why { text, .. }) => self.w.write_all(text.as_bytes())?,
            (_, Emitted::Query { result, warnings, .. }) => self.json(&ResultJson { db, result, warnings })?,
            (_, Emitted::Why { json, warnings, .. }) => self.json(&with_warnings(json, warnings))?,
        }
        self.items += 1;
        Ok(())
    }

    fn error(&mut self, db: &Database, error: &Diagnostic) -> io::Result<()> {
        if matches!(self.format, Format::Json | Format::Jsonl) {
            self.json(&error_json(db, error))?;
            self.items += 1;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Writes `text` to standard output and flushes it: the whole output of a command that prints one text.
pub(super) fn print_all(text: &str) -> Result<(), i32> {
    let mut out = Stdout::open().map_err(write_failed)?;
    out.print(text).and_then(|()| out.flush()).map_err(write_failed)
}
