//! Days, closed-open intervals of days and coalesced interval sets: the time model of tkb.

mod day;
pub mod interval;
mod set;
pub mod sweep;

pub use day::{is_month_word, month_number, Day, MONTHS};
pub use interval::Interval;
pub use set::IntervalSet;
