//! Bulk facts from tab-separated files, Soufflé's convention: `PRED.tsv`, one tuple per line, and optionally two
//! last columns `from` and `to` (dates; empty or `..` for an open end) giving the fact's interval.
//!
//! Column types come from every row, never from a guess that later rows silently follow: the first row's shape
//! says whether the last two columns are bounds (they look like dates, or are empty or `..`), every row must have
//! the same shape, and a cell that looks like a date but is not one (2021-02-30) is an error at its line and
//! column. The file is read in blocks of whole lines (`read`), each block parsed on every core (`line`) and its
//! lines handed to the store's columnar bulk layer, which groups them by tuple in parallel shards. The file's text
//! is not kept: only when a line is bad is the file read again, so its diagnostics can show the line.

mod line;
mod read;

use crate::db::Database;
use crate::diag::{Code, Diagnostic};
use crate::store::bulk::{BulkBuilder, Sorted};
use crate::symbol::Symbol;
use crate::syntax::Span;
use line::{Parsed, Shape};
use rayon::prelude::*;
use std::path::Path;

/// Whether the `to` column names the last day of the interval (inclusive) or the first day after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToColumn {
    /// `to` is the first day after the interval: `[from, to)`, as in the language.
    Exclusive,
    /// `to` is the last day of the interval: `[from, to]`.
    Inclusive,
}

/// What loading reports as it goes, for a progress display; every method does nothing unless overridden.
pub trait Watch {
    /// A fact file starts: its name and size in bytes.
    fn file(&self, _name: &str, _bytes: u64) {}
    /// More of the current file was read: its bytes and good rows so far.
    fn read(&self, _bytes: u64, _rows: u64) {}
    /// Every file is loaded (or loading stopped on an error).
    fn done(&self) {}
}

/// No progress shown.
pub struct Quiet;

impl Watch for Quiet {}

/// At most this many bad lines are reported for one file; the rest are counted.
const MAX_ERRORS: usize = 20;

/// Loads one file's lines into the database's bulk layer. The arity is the declared one when the predicate is
/// declared, else the first line's column count (less two when its last two columns are bounds).
pub fn load_tsv(db: &mut Database, path: &Path, to_column: ToColumn) -> Result<usize, Vec<Diagnostic>> {
    load_tsv_watched(db, path, to_column, &Quiet)
}

/// `load_tsv`, telling `watch` how far it is.
pub fn load_tsv_watched(
    db: &mut Database,
    path: &Path,
    to_column: ToColumn,
    watch: &dyn Watch,
) -> Result<usize, Vec<Diagnostic>> {
    let io = |e: std::io::Error| vec![Diagnostic::error(Code::Io, format!("cannot read {}: {e}", path.display()))];
    let pred = Symbol::from(&path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default());
    let declared = db.preds.get(&pred).map(|p| p.arity);
    let input = std::fs::File::open(path).map_err(io)?;
    let size = input.metadata().map_or(0, |m| m.len() as usize);
    watch.file(&path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), size as u64);
    let mut blocks = read::Blocks::new(input);
    let (mut file_shape, mut builder) = (None, None);
    let (mut bad, mut more, mut count) = (Vec::new(), 0, 0);
    while let Some((at, block)) = blocks.next_block().map_err(io)? {
        let Some(shape) = file_shape.or_else(|| first_shape(&block, declared, to_column)) else { continue };
        file_shape = Some(shape);
        let parsed: Vec<Parsed> = read::pieces(&block)
            .into_par_iter()
            .map(|(offset, piece)| line::parse(piece, at + offset, shape, &pred, MAX_ERRORS))
            .collect();
        if let Some(offset) = parsed.iter().find_map(|p| p.not_utf8) {
            return Err(vec![not_utf8(path, offset)]);
        }
        let mut lines: Vec<Sorted> = Vec::with_capacity(parsed.len());
        for piece in parsed {
            more += piece.more + piece.bad.len().saturating_sub(MAX_ERRORS - bad.len());
            bad.extend(piece.bad.into_iter().take(MAX_ERRORS - bad.len()));
            count += piece.lines.len();
            lines.push(piece.lines);
        }
        if bad.is_empty() {
            let first = builder.is_none();
            let builder = builder.get_or_insert_with(|| BulkBuilder::new(shape.arity));
            builder.add(&lines).map_err(|_| vec![too_large(path)])?;
            if first && blocks.offset < size {
                // The rest of the file, in lines as long as the first block's, at the rate of new keys seen so far.
                builder.reserve(((size - blocks.offset) as u128 * count as u128 / blocks.offset as u128) as usize);
            }
        }
        watch.read(blocks.offset as u64, count as u64);
    }
    if !bad.is_empty() {
        return Err(bad_lines(db, path, bad, more));
    }
    let file = db.files.add(path.display().to_string(), String::new());
    // A file with no line still adds an empty layer: the predicate is then known, with no facts.
    let arity = file_shape.map_or(declared.unwrap_or(0), |s: Shape| s.arity);
    let builder = builder.unwrap_or_else(|| BulkBuilder::new(arity));
    if declared.is_none() && count > 0 {
        let origin = crate::diag::Origin { file, span: Span::default() };
        db.preds.insert(pred, crate::program::PredInfo { arity, params: Vec::new(), meaning: None, origin });
    }
    db.add_bulk(pred, builder.finish()).map_err(|_| vec![too_large(path)])?;
    Ok(count)
}

/// The shape the first non-empty line of a block gives the file, if it has one.
fn first_shape(block: &[u8], declared: Option<usize>, to_column: ToColumn) -> Option<Shape> {
    let row = block.split(|b| *b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l)).find(|l| !l.is_empty())?;
    let row = String::from_utf8_lossy(row);
    let cols: Vec<&str> = row.split('\t').collect();
    let n = cols.len();
    let (arity, dated) = match declared {
        Some(a) => (a, n == a + 2),
        None if n > 2 && line::bound_shaped(cols[n - 2]) && line::bound_shaped(cols[n - 1]) => (n - 2, true),
        None => (n, false),
    };
    Some(Shape { arity, dated, to_column })
}

fn not_utf8(path: &Path, offset: usize) -> Diagnostic {
    let bytes = std::fs::read(path).unwrap_or_default();
    let line = bytes[..offset.min(bytes.len())].iter().filter(|b| **b == b'\n').count() + 1;
    Diagnostic::error(Code::BadTsv, format!("{}:{line}: the file is not UTF-8 text", path.display()))
}

fn too_large(path: &Path) -> Diagnostic {
    let message =
        format!("{}: the fact file's distinct tuples hold more text than a shard can address", path.display());
    Diagnostic::error(Code::FactFileTooLarge, message)
}

/// The bad lines as diagnostics. Only now is the file's text kept, so they can show their lines.
fn bad_lines(db: &mut Database, path: &Path, bad: Vec<line::BadCell>, more: usize) -> Vec<Diagnostic> {
    let text = std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let file = db.files.add(path.display().to_string(), text);
    let mut out: Vec<Diagnostic> = bad
        .into_iter()
        .map(|b| {
            let span = Span { start: b.at, end: b.at + b.len };
            Diagnostic::error(Code::BadTsv, b.message).at(file, span, "here")
        })
        .collect();
    if more > 0 {
        out.push(Diagnostic::error(
            Code::BadTsv,
            format!("and {more} more {}", crate::diag::noun_for(more, "bad line")),
        ));
    }
    out
}

/// Every `*.tsv` file of a folder, in name order, telling `watch` how far it is.
pub fn load_tsv_dir(
    db: &mut Database,
    dir: &Path,
    to_column: ToColumn,
    watch: &dyn Watch,
) -> Result<usize, Vec<Diagnostic>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| vec![Diagnostic::error(Code::Io, format!("cannot read {}: {e}", dir.display()))])?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    let mut total = 0;
    for path in paths {
        let loaded = load_tsv_watched(db, &path, to_column, watch);
        total += loaded.inspect_err(|_| watch.done())?;
    }
    watch.done();
    Ok(total)
}
