//! Aggregates over time: `N = count : { body }` per day, answered as a coalesced step function. Each step starts
//! where the value changes and lists the bindings whose start or end changed it.

use crate::diag::{Code, Diagnostic};
use crate::syntax::{AggregateFn, QueryTime};
use crate::time::{Day, Interval, IntervalSet};
use crate::value::{Tuple, Value};
use std::collections::BTreeMap;

/// A binding of the aggregate's body that starts or stops holding where a step begins.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The values of the body's named variables, in the order of `QueryResult::vars`.
    pub binding: Tuple,
    /// True when the binding starts holding at the step, false when it stops.
    pub started: bool,
}

/// An interval on which the aggregate keeps one value, with what changed at its start.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The days of the step; steps are disjoint and in day order.
    pub interval: Interval,
    /// `None` for the minimum or maximum of nothing.
    pub value: Option<Value>,
    /// The bindings that start or stop holding on the step's first day.
    pub changes: Vec<Change>,
}

/// The window the steps cover: the asked period, the asked day, or all time.
pub fn window(time: QueryTime) -> Interval {
    match time {
        QueryTime::At(day) => Interval::day(day),
        QueryTime::During(period) => period,
        QueryTime::When => Interval::ALWAYS,
    }
}

/// The running multiset of the aggregated values, so each day's value follows from the day before in O(log n).
/// Count and sum run in 128 bits: no sequence of at most 2^64 additions of 64-bit values overflows them, so only
/// a day's final value is checked against 64 bits, never a partial sum in the middle of a day's changes.
#[derive(Default)]
struct Active {
    values: BTreeMap<Value, usize>,
    count: i128,
    sum: i128,
}

impl Active {
    fn add(&mut self, v: Value, delta: i128) {
        self.count += delta;
        if let Value::Int(n) = v {
            self.sum += i128::from(n) * delta;
        }
        let entry = self.values.entry(v).or_default();
        if delta > 0 {
            *entry += 1;
        } else {
            *entry = entry.saturating_sub(1);
            if *entry == 0 {
                self.values.remove(&v);
            }
        }
    }

    /// The value on a day, or the overflow when a count or sum does not fit in 64 bits.
    fn value(&self, function: AggregateFn, day: Day) -> Result<Option<Value>, Overflow> {
        let fit =
            |n: i128| i64::try_from(n).map(|n| Some(Value::Int(n))).map_err(|_| Overflow { function, day, value: n });
        match function {
            AggregateFn::Count => fit(self.count),
            AggregateFn::Sum => fit(self.sum),
            AggregateFn::Min => Ok(self.values.keys().next().copied()),
            AggregateFn::Max => Ok(self.values.keys().next_back().copied()),
        }
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

/// The step function of `function` over `bindings` (each with its days), inside `window`. `over` is the position
/// of the aggregated variable in each binding (ignored for count).
pub fn steps(
    bindings: &BTreeMap<Tuple, IntervalSet>,
    function: AggregateFn,
    over: Option<usize>,
    window: Interval,
) -> Result<Vec<Step>, Overflow> {
    // Sweep events: (day, is_start, binding). Ends sort before starts on a day, so a binding that ends where
    // another starts changes the value once, not twice.
    let mut events: Vec<(Day, bool, &Tuple)> = Vec::new();
    for (binding, days) in bindings {
        for part in days.restrict(&window).intervals() {
            events.push((part.from, true, binding));
            if part.to < window.to {
                events.push((part.to, false, binding));
            }
        }
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
    let mut active = Active::default();
    let mut out: Vec<Step> = Vec::new();
    let mut at = window.from;
    let mut pending: Vec<Change> = Vec::new();
    let mut i = 0;
    loop {
        let next = events.get(i).map(|e| e.0).unwrap_or(window.to);
        if next > at {
            let value = active.value(function, at)?;
            push_step(&mut out, Interval { from: at, to: next }, value, std::mem::take(&mut pending));
            at = next;
        }
        let Some(&(day, started, binding)) = events.get(i) else { break };
        let v = over.map(|k| binding[k]).unwrap_or(Value::Int(1));
        active.add(v, if started { 1 } else { -1 });
        // What already holds when the window opens sets the first value; it is not a change.
        if day > window.from {
            pending.push(Change { binding: binding.clone(), started });
        }
        i += 1;
    }
    Ok(out)
}

/// Appends a step, or extends the last one when the value did not change (coalescing).
fn push_step(out: &mut Vec<Step>, interval: Interval, value: Option<Value>, changes: Vec<Change>) {
    match out.last_mut() {
        Some(last) if last.value == value && last.interval.to == interval.from => last.interval.to = interval.to,
        _ => out.push(Step { interval, value, changes }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i32) -> Day {
        Day(738_000 + n)
    }

    #[test]
    fn counts_per_day_and_coalesces() {
        let mut b = BTreeMap::new();
        let iv = |a, z| IntervalSet::from(Interval::new(day(a), day(z)).expect("non-empty"));
        b.insert(Tuple::from_slice(&[Value::sym("a")]), iv(0, 10));
        b.insert(Tuple::from_slice(&[Value::sym("b")]), iv(5, 10));
        b.insert(Tuple::from_slice(&[Value::sym("c")]), iv(10, 12));
        let window = Interval::new(day(0), day(12)).expect("non-empty");
        let s = steps(&b, AggregateFn::Count, None, window).expect("no overflow");
        let values: Vec<(i32, i32, Option<Value>)> =
            s.iter().map(|s| (s.interval.from.0 - 738_000, s.interval.to.0 - 738_000, s.value)).collect();
        // b and c: at day 10 a and b end and c starts: 1, then the value coalesces with nothing new.
        assert_eq!(
            values,
            vec![(0, 5, Some(Value::Int(1))), (5, 10, Some(Value::Int(2))), (10, 12, Some(Value::Int(1)))]
        );
        assert!(s[0].changes.is_empty(), "the window's opening is not a change");
        assert_eq!(s[1].changes, vec![Change { binding: Tuple::from_slice(&[Value::sym("b")]), started: true }]);
    }

    #[test]
    fn a_sum_that_does_not_fit_is_an_overflow_not_a_wrapped_value() {
        let iv = |a, z| IntervalSet::from(Interval::new(day(a), day(z)).expect("non-empty"));
        let mut b = BTreeMap::new();
        b.insert(Tuple::from_slice(&[Value::Int(i64::MAX)]), iv(0, 10));
        b.insert(Tuple::from_slice(&[Value::Int(1)]), iv(5, 10));
        let window = Interval::new(day(0), day(12)).expect("non-empty");
        let overflow = steps(&b, AggregateFn::Sum, Some(0), window).expect_err("overflows on day 5");
        assert_eq!((overflow.day, overflow.value), (day(5), i128::from(i64::MAX) + 1));
        // Partial sums inside a day may leave 64 bits; only each day's value is checked.
        let mut b = BTreeMap::new();
        b.insert(Tuple::from_slice(&[Value::Int(i64::MAX)]), iv(0, 10));
        b.insert(Tuple::from_slice(&[Value::Int(10)]), iv(0, 5));
        b.insert(Tuple::from_slice(&[Value::Int(-10)]), iv(0, 5));
        b.insert(Tuple::from_slice(&[Value::Int(i64::MIN)]), iv(0, 10));
        let values: Vec<Option<Value>> =
            steps(&b, AggregateFn::Sum, Some(0), window).expect("fits").iter().map(|s| s.value).collect();
        assert_eq!(values, [Some(Value::Int(-1)), Some(Value::Int(0))]);
    }
}
