//! Byte spans: the one way every layer says where something was written. It lives at the ground so that
//! diagnostics, the syntax tree and the store can all carry it without importing each other.

/// Byte offsets `[start, end)` into the text the statement came from; lines and columns are computed only when a
/// diagnostic is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Where a statement was written: a file of the session's source map and a byte span in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file's index in the session's `SourceMap`.
    pub file: usize,
    /// The statement's bytes in that file.
    pub span: Span,
}
