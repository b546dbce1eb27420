//! Syntax errors as data: a code, where, and what was expected.

use super::Span;
use crate::diag::Code;

/// A syntax error at one place in the text; the parser goes on with the next statement.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// Which error (E01xx), for `tkb explain`.
    pub code: Code,
    /// The bytes the error points at (empty at the end of the text).
    pub span: Span,
    /// What was found and what was expected, ready to print.
    pub message: String,
    /// A hint at the likely cause, when the parser can tell (`%` written for `mod`).
    pub note: Option<String>,
}
