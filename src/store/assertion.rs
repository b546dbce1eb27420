//! A statement of a base fact: the tuple, when it holds (or starts or stops holding), and who says so.

use crate::symbol::Symbol;
use crate::syntax::{Basis, FactTime, Span};
use crate::time::Day;
use crate::value::Tuple;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssertionId(pub u32);

/// Where a statement was written: a file of the session's source map and a byte span in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: usize,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    pub source: Symbol,
    pub quote: Option<String>,
    pub basis: Basis,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Assertion {
    pub pred: Symbol,
    pub tuple: Tuple,
    pub time: FactTime,
    /// True for the one-day statements a snapshot claim makes: they start a fact that does not hold yet.
    pub snapshot: bool,
    pub cites: Vec<Citation>,
    /// The latest publication date of the cited sources: when the statement became known.
    pub reported: Option<Day>,
    pub origin: Origin,
}
