//! A checked statement of a base fact: the tuple, when it holds (or starts or stops holding), and who says so.
//! The checker makes them and the store keeps them, so they live here, below the store.

use crate::symbol::Symbol;
use crate::diag::Origin;
use crate::syntax::{Basis, FactTime};
use crate::time::Day;
use crate::value::Tuple;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssertionId(pub u32);

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
