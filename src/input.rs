//! Text input from files and standard input: bytes become text in one place, so every reader accepts a UTF-8
//! byte-order mark and reports bytes that are not UTF-8 with the file, line and column of the first one.

use crate::diag::{Code, Diagnostic};
use std::io::Read;
use std::path::Path;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of `bytes`, without a leading byte-order mark; `name` names the input in the error.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    decode_from(name, 1, bytes)
}

/// [`decode`] for a part of an input that starts on line `first_line` (a line read from a pipe).
pub fn decode_from(name: &str, first_line: usize, mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = e.utf8_error().valid_up_to();
        not_utf8(name, first_line, bytes, valid)
    })
}

/// The error for the byte at `at`, the first that is not UTF-8 (the bytes before it are valid).
fn not_utf8(name: &str, first_line: usize, bytes: &[u8], at: usize) -> Diagnostic {
    // The prefix is valid UTF-8, so counting characters there is exact.
    let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let line = first_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let byte = bytes.get(at).copied().unwrap_or(0);
    let message = format!(
        "{name}:{line}:{column}: the text is not UTF-8 (byte 0x{byte:02X} cannot start or continue a character)"
    );
    Diagnostic::error(Code::BadEncoding, message)
        .note("tkb reads UTF-8 text: save the file as UTF-8 (`iconv -f LATIN1 -t UTF-8`)")
}

/// Reads a file as text; a missing or unreadable file is an `io` error naming it.
pub fn read_file(path: &Path) -> Result<String, Diagnostic> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::error(Code::Io, format!("cannot read {name}: {e}")))?;
    decode(&name, bytes)
}

/// Reads all of standard input as text, named `<stdin>` in errors.
pub fn read_stdin() -> Result<String, Diagnostic> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot read <stdin>: {e}")))?;
    decode("<stdin>", bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFp(a).".to_vec()), Ok("p(a).".to_string()));
        assert_eq!(decode("f", "pé(a).".as_bytes().to_vec()), Ok("pé(a).".to_string()));
    }

    #[test]
    fn a_bad_byte_is_located_by_line_and_column() {
        let e = decode("kb/x.tkb", b"a.\nb.\ncura\xE7ao(x).\n".to_vec()).expect_err("Latin-1");
        assert_eq!(e.code, Code::BadEncoding);
        assert!(e.message.starts_with("kb/x.tkb:3:5: the text is not UTF-8 (byte 0xE7"), "{}", e.message);
        let e = decode("f", "é\u{10000}x\n  \u{e9}\u{ff}".bytes().chain([0xC3]).collect()).expect_err("truncated");
        assert!(e.message.starts_with("f:2:5:"), "{}", e.message);
    }
}
