//! One piece of a fact file, parsed on its own thread: every line checked against the file's shape, its key
//! (the tuple's cells as written) hashed and filed under its shard, its bounds read into an interval. Errors are
//! kept with their byte offsets in the file; nothing here needs the rest of the file.

use super::ToColumn;
use crate::store::bulk::{cells, hash_key, KeyLine, Sorted};
use crate::time::{Day, Interval};

/// What every line of a file must look like: as many key cells as the predicate's arity, then two bound cells
/// when the first line has them.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Cells of the tuple.
    pub arity: usize,
    /// Whether `from` and `to` cells follow.
    pub dated: bool,
    /// How the `to` cell counts.
    pub to_column: ToColumn,
}

/// A bad line: where (bytes from the file's start; an empty `len` points at the line) and why.
#[derive(Clone, Debug)]
pub struct BadCell {
    /// Byte offset in the file.
    pub at: usize,
    /// Bytes of the cell (0 for the line itself).
    pub len: usize,
    /// The message.
    pub message: String,
}

/// A parsed piece: its lines by shard, and what was wrong.
pub struct Parsed {
    /// The good lines.
    pub lines: Sorted,
    /// Bad lines, at most `keep` of them.
    pub bad: Vec<BadCell>,
    /// Bad lines past `keep`.
    pub more: usize,
    /// The offset of the first byte that is not UTF-8, when one is not.
    pub not_utf8: Option<usize>,
}

impl Parsed {
    fn note(&mut self, keep: usize, at: usize, len: usize, message: String) {
        if self.bad.len() < keep {
            self.bad.push(BadCell { at, len, message });
        } else {
            self.more += 1;
        }
    }
}

/// True for a cell that can be a bound: empty, `..` or date-shaped.
pub fn bound_shaped(cell: &str) -> bool {
    cell.is_empty() || cell == ".." || cells::date_shaped(cell)
}

/// Parses `piece`, which starts `base` bytes into the file; `pred` names the predicate in messages, and at most
/// `keep` bad lines are described.
pub fn parse(piece: &[u8], base: usize, shape: Shape, pred: &str, keep: usize) -> Parsed {
    let mut out = Parsed { lines: Sorted::default(), bad: Vec::new(), more: 0, not_utf8: None };
    let text = match std::str::from_utf8(piece) {
        Ok(text) => text,
        Err(e) => {
            out.not_utf8 = Some(base + e.valid_up_to());
            return out;
        }
    };
    let mut cols: Vec<&str> = Vec::with_capacity(shape.arity + 2);
    let mut next = 0;
    while next < text.len() {
        // Lines and cells are found byte by byte (line breaks and tabs are ASCII, so every cut is a char boundary).
        let start = next;
        let end = memchr::memchr(b'\n', &piece[start..]).map_or(text.len(), |k| start + k);
        next = end + 1;
        let line_at = base + start;
        let row = text[start..end].trim_end_matches('\r');
        if row.is_empty() {
            continue;
        }
        cols.clear();
        let mut cell = 0;
        for (i, b) in row.bytes().enumerate() {
            if b == b'\t' {
                cols.push(&row[cell..i]);
                cell = i + 1;
            }
        }
        cols.push(&row[cell..]);
        // A cell's offset in the file: cells are slices of `text`.
        let at = |cell: &str| base + (cell.as_ptr() as usize - text.as_ptr() as usize);
        let n = cols.len();
        if n != shape.arity + if shape.dated { 2 } else { 0 } {
            let form = if shape.dated { " plus from and to" } else { "" };
            out.note(
                keep,
                line_at,
                0,
                format!(
                    "{}: `{pred}` has {}{form}, as the first line does",
                    crate::diag::plural(n, "column"),
                    shape.arity
                ),
            );
            continue;
        }
        let before = out.bad.len() + out.more;
        for cell in &cols[..shape.arity] {
            if let Err(why) = cells::check(cell) {
                out.note(keep, at(cell), cell.len(), format!("`{cell}` is {why}"));
            }
        }
        let interval = if shape.dated { interval(&cols[n - 2..], shape.to_column) } else { Ok(Interval::ALWAYS) };
        let interval = match interval {
            Ok(interval) => interval,
            Err((cell, message)) => {
                out.note(keep, at(cell), cell.len(), message);
                continue;
            }
        };
        if out.bad.len() + out.more > before {
            continue;
        }
        // The key is the line up to the end of its last tuple cell (nothing for arity 0).
        let key = match shape.arity {
            0 => "",
            a => &row[..at(cols[a - 1]) - line_at + cols[a - 1].len()],
        };
        out.lines.push(KeyLine { hash: hash_key(key.as_bytes()), key: key.as_bytes(), interval });
    }
    out
}

/// The interval of a line's two bound cells, or the cell at fault and why.
fn interval<'c>(bounds: &[&'c str], to_column: ToColumn) -> Result<Interval, (&'c str, String)> {
    let mut ends = [Day::MIN, Day::MAX];
    for (k, cell) in bounds.iter().enumerate() {
        match *cell {
            "" | ".." => {}
            _ => {
                ends[k] = Day::parse(cell).ok_or_else(|| (*cell, format!("`{cell}` is not a real day (YYYY-MM-DD)")))?
            }
        }
    }
    if to_column == ToColumn::Inclusive && ends[1] != Day::MAX {
        ends[1] = ends[1].succ();
    }
    Interval::new(ends[0], ends[1]).ok_or_else(|| {
        let (from, to) = (bounds[0], bounds[1]);
        (to, format!("the interval [{from}, {to}) is empty: it ends before it starts"))
    })
}
