//! The texts diagnostics point into (kb files, scripts, corpus documents) and the index that turns a byte offset
//! into a line and a column in O(log n): with thousands of errors in one large file, counting lines from the start
//! for each error made rendering and sorting them quadratic.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Bytes between two character-count marks: a column is counted from the mark before it, so at most this many
/// bytes are walked per lookup whatever the length of the line.
const STRIDE: usize = 1024;

/// File ids are indexes in insertion order. Copies share the texts.
#[derive(Default, Clone)]
pub struct SourceMap {
    files: Vec<Arc<SourceFile>>,
}

struct SourceFile {
    name: String,
    text: String,
    /// Built on first use: most files are never pointed at.
    index: OnceLock<LineIndex>,
}

struct LineIndex {
    /// The byte offset where each line starts; the first is 0.
    line_starts: Vec<usize>,
    /// `(byte, chars)`: for every multiple of `STRIDE`, the char boundary at or before it and the number of
    /// characters before that boundary. Empty for ASCII text, where bytes are characters.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        let mut marks = Vec::new();
        if !text.is_ascii() {
            let mut next = 0;
            for (chars, (byte, _)) in text.char_indices().enumerate() {
                while byte >= next {
                    marks.push((byte, chars));
                    next += STRIDE;
                }
            }
        }
        LineIndex { line_starts, marks }
    }

    /// The characters of `text` before byte `offset` (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        match self.marks.get(offset / STRIDE) {
            None if self.marks.is_empty() => offset,
            found => {
                let (byte, chars) = found.copied().or_else(|| self.marks.last().copied()).unwrap_or((0, 0));
                chars + text.get(byte..offset).map_or(0, |t| t.chars().count())
            }
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }
}

impl SourceFile {
    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(&self.text))
    }
}

impl SourceMap {
    /// Adds a text under the name diagnostics print for it, and returns its file id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> usize {
        self.files.push(Arc::new(SourceFile { name: name.into(), text: text.into(), index: OnceLock::new() }));
        self.files.len() - 1
    }

    /// The file's name; `<unknown>` for an id this map never gave.
    pub fn name(&self, file: usize) -> &str {
        self.files.get(file).map(|f| f.name.as_str()).unwrap_or("<unknown>")
    }

    /// The file's whole text; empty for an id this map never gave.
    pub fn text(&self, file: usize) -> &str {
        self.files.get(file).map(|f| f.text.as_str()).unwrap_or("")
    }

    /// How many files it holds: ids run from 0 to one less than this.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: usize, offset: usize) -> (usize, usize) {
        let line = self.line_index(file, offset);
        (line + 1, self.column(file, line, offset))
    }

    /// The 0-based line holding byte `offset`.
    pub(super) fn line_index(&self, file: usize, offset: usize) -> usize {
        self.files.get(file).map_or(0, |f| f.index().line_of(offset))
    }

    /// The bytes of 0-based line `line`, its line break included (as codespan-reporting expects).
    pub(super) fn line_range(&self, file: usize, line: usize) -> Range<usize> {
        let Some(f) = self.files.get(file) else { return 0..0 };
        let starts = &f.index().line_starts;
        let start = starts.get(line).copied().unwrap_or(f.text.len());
        let end = starts.get(line + 1).copied().unwrap_or(f.text.len());
        start..end
    }

    /// The 1-based column, in characters, of byte `offset` on 0-based line `line`.
    pub(super) fn column(&self, file: usize, line: usize, offset: usize) -> usize {
        let Some(f) = self.files.get(file) else { return 1 };
        let offset = floor_char_boundary(&f.text, offset.min(f.text.len()));
        let start = self.line_range(file, line).start.min(offset);
        let index = f.index();
        index.chars_before(&f.text, offset) - index.chars_before(&f.text, start) + 1
    }
}

pub(super) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

pub(super) fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let mut map = SourceMap::default();
        let text = "ab\nçé x\n\nlast";
        let f = map.add("f", text);
        assert_eq!(map.line_col(f, 0), (1, 1));
        assert_eq!(map.line_col(f, 3), (2, 1));
        assert_eq!(map.line_col(f, text.find('x').unwrap()), (2, 4));
        assert_eq!(map.line_col(f, text.find("last").unwrap()), (4, 1));
        assert_eq!(map.line_col(f, text.len() + 10), (4, 5));
        // Inside a multi-byte character: the character's own column.
        assert_eq!(map.line_col(f, 4), (2, 1));
    }

    #[test]
    fn columns_on_a_long_non_ascii_line_match_a_plain_count() {
        let mut map = SourceMap::default();
        let text: String = (0..5000).map(|i| if i % 3 == 0 { 'é' } else { 'a' }).collect();
        let f = map.add("f", text.clone());
        for offset in (0..text.len()).filter(|o| text.is_char_boundary(*o)).step_by(97) {
            assert_eq!(map.line_col(f, offset), (1, text[..offset].chars().count() + 1), "at {offset}");
        }
    }
}
