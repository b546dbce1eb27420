//! Aggregates over time: `N = count : { body }` per day, answered as a coalesced step function. Each step starts
//! where the value changes and lists the bindings whose start or end changed it.

use super::Answers;
use crate::diag::{Code, Diagnostic};
use crate::store::Bulk;
use crate::syntax::{AggregateFn, QueryTime};
use crate::time::sweep::{self, Fold, Sweep};
use crate::time::{Day, Interval, IntervalSet};
use crate::value::{Tuple, Value};
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

/// A binding of the aggregate's body that starts or stops holding where a step begins.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The values of the body's named variables, in the order of `QueryResult::vars`.
    pub binding: Tuple,
    /// True when the binding starts holding at the step, false when it stops.
    pub started: bool,
}

/// An interval on which the aggregate keeps one value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// The days of the step; steps are disjoint and in day order.
    pub interval: Interval,
    /// `None` for the minimum or maximum of nothing.
    pub value: Option<Value>,
}

/// Whose days an aggregate folds: the bindings a join found (packed, in value order), or the rows of a fact file
/// when the body is one atom of it, read in place (ten million rows are never copied into bindings).
#[derive(Clone, Debug)]
pub enum Members {
    /// Bindings of the body's named variables, in value order.
    Bindings(Arc<Answers>),
    /// Every row of a bulk relation, its columns being the named variables in order.
    Rows(Arc<Bulk>),
}

impl Members {
    fn len(&self) -> usize {
        match self {
            Members::Bindings(answers) => answers.len(),
            Members::Rows(bulk) => bulk.len(),
        }
    }

    fn binding(&self, k: usize) -> Tuple {
        match self {
            Members::Bindings(answers) => answers.values(k),
            Members::Rows(bulk) => bulk.tuple(k as u32),
        }
    }

    fn weight(&self, k: usize, over: Option<usize>) -> Value {
        match (self, over) {
            (_, None) => Value::Int(1),
            (Members::Bindings(answers), Some(col)) => answers.value_at(k, col),
            (Members::Rows(bulk), Some(col)) => bulk.value(k as u32, col),
        }
    }

    /// Each member's days, in member order.
    fn days(&self) -> Vec<IntervalSet> {
        (0..self.len()).map(|k| self.days_of(k)).collect()
    }

    fn days_of(&self, k: usize) -> IntervalSet {
        match self {
            Members::Bindings(answers) => answers.valid(k),
            Members::Rows(bulk) => bulk.validity(k as u32),
        }
    }
}

/// An aggregate's step function; what changed where each step begins is worked out only when it is read (a
/// table or JSON shows it, CSV does not), so ten million members cost nothing more than the sweep.
#[derive(Clone, Debug)]
pub struct Steps {
    steps: Vec<Step>,
    members: Members,
    window: Interval,
    changes: Arc<OnceLock<Vec<Vec<sweep::Change>>>>,
}

impl std::ops::Deref for Steps {
    type Target = [Step];
    fn deref(&self) -> &[Step] {
        &self.steps
    }
}

impl Steps {
    /// The bindings that start or stop holding on the first day of step `k`: ends first, each kind in value order.
    /// Nothing changes where the window opens.
    pub fn changes(&self, k: usize) -> Vec<Change> {
        let all = self.changes.get_or_init(|| {
            let firsts: Vec<Day> = self.steps.iter().map(|s| s.interval.from).collect();
            let days = self.members.days();
            sweep::changes(&firsts, self.window, days.iter().map(IntervalSet::intervals))
        });
        let mut out: Vec<Change> = all[k]
            .iter()
            .map(|c| Change { binding: self.members.binding(c.member as usize), started: c.started })
            .collect();
        // Bindings come in value order already; rows in the order of their shards.
        if let Members::Rows(_) = self.members {
            out.sort_by(|a, b| a.started.cmp(&b.started).then_with(|| a.binding.cmp(&b.binding)));
        }
        out
    }
}

/// The window the steps cover: the asked period, the asked day, or all time.
pub fn window(time: QueryTime) -> Interval {
    match time {
        QueryTime::At(day) => Interval::day(day),
        QueryTime::During(period) => period,
        QueryTime::When => Interval::ALWAYS,
    }
}

/// A count or sum that does not fit in 64 bits: an error, never a wrapped value.
#[derive(Clone, Debug, PartialEq)]
pub struct Overflow {
    /// Which aggregate overflowed (count or sum).
    pub function: AggregateFn,
    /// The first day on which the value does not fit.
    pub day: Day,
    /// The value that does not fit, computed in 128 bits.
    pub value: i128,
}

impl Overflow {
    /// The error, located on the query (`span` in `file`).
    pub fn diagnostic(&self, file: usize, span: crate::syntax::Span) -> Diagnostic {
        let what = if self.function == AggregateFn::Count { "count" } else { "sum" };
        let day = if self.day.is_open() { String::new() } else { format!(" on {}", self.day) };
        let message = format!("overflow: the {what}{day} is {}, which does not fit in 64 bits", self.value);
        Diagnostic::error(Code::Overflow, message).at(file, span, "in this aggregate").note(format!(
            "64-bit integers range from {} to {}",
            i64::MIN,
            i64::MAX
        ))
    }
}

/// The fold of the sweep that computes `function`.
fn fold(function: AggregateFn) -> Fold {
    match function {
        AggregateFn::Count => Fold::Count,
        AggregateFn::Sum => Fold::Sum,
        AggregateFn::Min => Fold::Min,
        AggregateFn::Max => Fold::Max,
    }
}

/// The step function of `function` over `members` inside `window`. `over` is the position of the aggregated
/// variable in each binding (ignored for count). One sweep over the interval ends (`time::sweep`); the rows of a
/// fact file are gathered a shard per task and the partial sweeps joined, which gives the same steps in any order.
pub fn steps(
    members: Members,
    function: AggregateFn,
    over: Option<usize>,
    window: Interval,
) -> Result<Steps, Overflow> {
    let fold = fold(function);
    let sweep = match &members {
        Members::Rows(bulk) => bulk
            .row_runs()
            .map(|rows| {
                let mut sweep = Sweep::new(fold, window);
                for row in rows {
                    sweep.add(members.weight(row as usize, over), bulk.intervals(row));
                }
                sweep
            })
            .reduce(
                || Sweep::new(fold, window),
                |mut a, b| {
                    a.append(b);
                    a
                },
            ),
        Members::Bindings(_) => {
            let mut sweep = Sweep::new(fold, window);
            for k in 0..members.len() {
                sweep.add(members.weight(k, over), members.days_of(k).intervals());
            }
            sweep
        }
    };
    let levels = sweep.steps().map_err(|o| Overflow { function, day: o.day, value: o.value })?;
    let steps = levels.into_iter().map(|l| Step { interval: l.interval, value: l.value }).collect();
    Ok(Steps { steps, members, window, changes: Arc::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i32) -> Day {
        Day(738_000 + n)
    }

    /// Bindings of one column each, in value order, as a query gives them.
    fn bindings(list: &[(Value, IntervalSet)]) -> Answers {
        let mut dict = crate::eval::dict::Dict::default();
        let ids: Vec<u32> = list.iter().map(|(v, _)| dict.intern(*v)).collect();
        let mut answers = Answers::new(1, std::sync::Arc::new(dict), Vec::new());
        for (id, (_, days)) in ids.iter().zip(list) {
            answers.push(&[*id], days.clone());
        }
        answers.sorted_by_value()
    }

    #[test]
    fn counts_per_day_and_coalesces() {
        let iv = |a, z| IntervalSet::from(Interval::new(day(a), day(z)).expect("non-empty"));
        let b = bindings(&[(Value::sym("c"), iv(10, 12)), (Value::sym("a"), iv(0, 10)), (Value::sym("b"), iv(5, 10))]);
        let window = Interval::new(day(0), day(12)).expect("non-empty");
        let s = steps(Members::Bindings(Arc::new(b)), AggregateFn::Count, None, window).expect("no overflow");
        let values: Vec<(i32, i32, Option<Value>)> =
            s.iter().map(|s| (s.interval.from.0 - 738_000, s.interval.to.0 - 738_000, s.value)).collect();
        // b and c: at day 10 a and b end and c starts: 1, then the value coalesces with nothing new.
        assert_eq!(
            values,
            vec![(0, 5, Some(Value::Int(1))), (5, 10, Some(Value::Int(2))), (10, 12, Some(Value::Int(1)))]
        );
        assert!(s.changes(0).is_empty(), "the window's opening is not a change");
        assert_eq!(s.changes(1), vec![Change { binding: Tuple::from_slice(&[Value::sym("b")]), started: true }]);
    }

    #[test]
    fn a_sum_that_does_not_fit_is_an_overflow_not_a_wrapped_value() {
        let iv = |a, z| IntervalSet::from(Interval::new(day(a), day(z)).expect("non-empty"));
        let b = bindings(&[(Value::Int(i64::MAX), iv(0, 10)), (Value::Int(1), iv(5, 10))]);
        let window = Interval::new(day(0), day(12)).expect("non-empty");
        let overflow =
            steps(Members::Bindings(Arc::new(b)), AggregateFn::Sum, Some(0), window).expect_err("overflows on day 5");
        assert_eq!((overflow.day, overflow.value), (day(5), i128::from(i64::MAX) + 1));
        // Partial sums inside a day may leave 64 bits; only each day's value is checked.
        let b = bindings(&[
            (Value::Int(i64::MAX), iv(0, 10)),
            (Value::Int(10), iv(0, 5)),
            (Value::Int(-10), iv(0, 5)),
            (Value::Int(i64::MIN), iv(0, 10)),
        ]);
        let values: Vec<Option<Value>> = steps(Members::Bindings(Arc::new(b)), AggregateFn::Sum, Some(0), window)
            .expect("fits")
            .iter()
            .map(|s| s.value)
            .collect();
        assert_eq!(values, [Some(Value::Int(-1)), Some(Value::Int(0))]);
    }
}
