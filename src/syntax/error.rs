//! Syntax errors as data: a code, where, and what was expected.

use super::Span;
use crate::diag::Code;

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub code: Code,
    pub span: Span,
    pub message: String,
}
