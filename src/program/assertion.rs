//! A checked statement of a base fact: the tuple, when it holds (or starts or stops holding), and who says so.
//! The checker makes them and the store keeps them, so they live here, below the store.

use crate::diag::Origin;
use crate::symbol::Symbol;
use crate::syntax::{Basis, FactTime};
use crate::time::Day;
use crate::value::Tuple;

/// A statement's index in the store, in the order statements were added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssertionId(pub u32);

/// One citation of a statement: a source, its quote, and the basis of the date.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    /// The cited source's name.
    pub source: Symbol,
    /// The verbatim quote; `None` for a reference source cited without one.
    pub quote: Option<String>,
    /// Where the statement's start date comes from.
    pub basis: Basis,
}

/// A base fact as the store keeps it: one statement of a tuple, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Assertion {
    /// The predicate.
    pub pred: Symbol,
    /// The arguments, all constants.
    pub tuple: Tuple,
    /// When the statement says the tuple holds, or the event it is (`from` / `until`).
    pub time: FactTime,
    /// True for the one-day statements a snapshot claim makes: they start a fact that does not hold yet.
    pub snapshot: bool,
    /// The citations, those of an enclosing `cite` block included.
    pub cites: Vec<Citation>,
    /// The latest publication date of the cited sources: when the statement became known.
    pub reported: Option<Day>,
    /// Where the statement was written.
    pub origin: Origin,
}

impl Assertion {
    /// When the statement says the fact holds, in the words proof trees use: `always`, `listed on D` for a
    /// snapshot's member, else the time as written (`FactTime::text`).
    pub fn when(&self) -> String {
        match self.time {
            FactTime::Always => "always".to_string(),
            FactTime::During(i) if self.snapshot => format!("listed on {}", i.from),
            time => time.text(),
        }
    }
}
