//! A fact file read in blocks of whole lines, so a file of any size is never held whole: each block is parsed on
//! every core and handed to the bulk layer before the next is read.

use std::io::Read;

/// Bytes read at a time (a line longer than this makes its block longer).
const BLOCK: usize = 8 << 20;

/// Pieces a block is cut into for the threads: enough that one slow piece does not hold the others up.
const PIECE: usize = 1 << 20;

/// The blocks of a reader, each ending at a line break (or at the end of the input).
pub struct Blocks<R> {
    input: R,
    /// The start of a line the last block cut off, carried into the next.
    carry: Vec<u8>,
    /// Bytes of the input handed out before the current block.
    pub offset: usize,
    done: bool,
}

impl<R: Read> Blocks<R> {
    /// Blocks of `input`, from its start.
    pub fn new(input: R) -> Blocks<R> {
        Blocks { input, carry: Vec::new(), offset: 0, done: false }
    }

    /// The next block of whole lines, with its offset in the input; `None` at the end.
    pub fn next_block(&mut self) -> std::io::Result<Option<(usize, Vec<u8>)>> {
        if self.done {
            return Ok(None);
        }
        let mut block = std::mem::take(&mut self.carry);
        loop {
            let start = block.len();
            // Read into spare room: no zeroing of a buffer about to be overwritten.
            block.reserve(BLOCK);
            let n = (&mut self.input).take(BLOCK as u64).read_to_end(&mut block)?;
            if n == 0 {
                self.done = true;
                break;
            }
            if let Some(last) = memchr::memrchr(b'\n', &block[start..]) {
                self.carry = block.split_off(start + last + 1);
                break;
            }
        }
        let at = self.offset;
        self.offset += block.len();
        Ok((!block.is_empty()).then_some((at, block)))
    }
}

/// A block cut at line breaks into pieces of about `PIECE` bytes, with each piece's offset in the block.
pub fn pieces(block: &[u8]) -> Vec<(usize, &[u8])> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < block.len() {
        let want = (start + PIECE).min(block.len());
        let end = match memchr::memchr(b'\n', &block[want..]) {
            Some(k) => want + k + 1,
            None => block.len(),
        };
        out.push((start, &block[start..end]));
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_pieces_end_at_line_breaks_and_cover_the_input() {
        let text: Vec<u8> =
            (0..300_000).flat_map(|i| format!("line{i}\t{}\n", "x".repeat(i % 50)).into_bytes()).collect();
        let mut blocks = Blocks::new(&text[..]);
        let mut seen = Vec::new();
        while let Some((at, block)) = blocks.next_block().unwrap() {
            assert_eq!(at, seen.len());
            assert!(block.ends_with(b"\n"));
            let mut joined = Vec::new();
            for (offset, piece) in pieces(&block) {
                assert_eq!(offset, joined.len());
                assert!(piece.ends_with(b"\n"));
                joined.extend_from_slice(piece);
            }
            assert_eq!(joined, block);
            seen.extend_from_slice(&block);
        }
        assert_eq!(seen, text);
        let mut unended = Blocks::new(&b"a\nb"[..]);
        assert_eq!(unended.next_block().unwrap(), Some((0, b"a\n".to_vec())));
        assert_eq!(unended.next_block().unwrap(), Some((2, b"b".to_vec())));
        assert_eq!(unended.next_block().unwrap(), None);
    }
}
