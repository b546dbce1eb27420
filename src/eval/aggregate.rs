//! An aggregate's value as a step function of the day: one sweep over the starts and ends of its members'
//! intervals (O(n log n)), keeping the running multiset of their values, so each day's value follows from the day
//! before. Count and sum run in 128 bits and only each day's value is checked against 64 bits.
//!
//! (To be replaced by `time::sweep`, the one sweep shared with aggregate queries, once it lands.)

use super::arith::ArithError;
use crate::program::Type;
use crate::syntax::{AggregateFn, ArithOp};
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Value;
use std::collections::BTreeMap;

/// The running state of the sweep: how many members hold with each value, their count and their sum.
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

    /// The value while the members in the multiset hold; `None` for no value (no member, and no zero to give).
    fn value(&self, function: AggregateFn, zero: bool) -> Result<Option<Value>, ArithError> {
        let fit = |n: i128| i64::try_from(n).map(|n| Some(Value::Int(n))).map_err(|_| ArithError::Overflow);
        if self.count == 0 {
            let nothing = zero && matches!(function, AggregateFn::Count | AggregateFn::Sum);
            return Ok(nothing.then_some(Value::Int(0)));
        }
        match function {
            AggregateFn::Count => fit(self.count),
            AggregateFn::Sum => fit(self.sum),
            AggregateFn::Min => Ok(self.values.keys().next().copied()),
            AggregateFn::Max => Ok(self.values.keys().next_back().copied()),
        }
    }
}

/// The value of `function` over `members` (each with the value it contributes and the days it holds), day by
/// day, as each value with the days it is the aggregate's value. With `zero`, count and sum are 0 on the days no
/// member holds; otherwise those days have no value. A sum of anything but numbers is a type error.
pub fn step_function(
    members: &[(Value, IntervalSet)],
    function: AggregateFn,
    zero: bool,
) -> Result<Vec<(Value, IntervalSet)>, ArithError> {
    if function == AggregateFn::Sum {
        if let Some((v, _)) = members.iter().find(|(v, _)| !matches!(v, Value::Int(_))) {
            return Err(ArithError::Types(Type::Int, ArithOp::Add, Type::of(v)));
        }
    }
    // Ends sort before starts on a day (false < true), so a member that ends where another starts changes the
    // value once.
    let mut events: Vec<(Day, bool, Value)> = Vec::new();
    for (value, days) in members {
        for part in days.intervals() {
            events.push((part.from, true, *value));
            events.push((part.to, false, *value));
        }
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut active = Active::default();
    let mut out: BTreeMap<Value, Vec<Interval>> = BTreeMap::new();
    let mut at = Day::MIN;
    let mut i = 0;
    loop {
        let next = events.get(i).map_or(Day::MAX, |e| e.0);
        if next > at {
            if let Some(value) = active.value(function, zero)? {
                out.entry(value).or_default().push(Interval { from: at, to: next });
            }
            at = next;
        }
        let Some(&(_, started, value)) = events.get(i) else { break };
        active.add(value, if started { 1 } else { -1 });
        i += 1;
    }
    Ok(out.into_iter().map(|(v, parts)| (v, IntervalSet::from_intervals(parts))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(a: i32, z: i32) -> IntervalSet {
        IntervalSet::from(Interval::new(Day(a), Day(z)).expect("non-empty"))
    }

    #[test]
    fn counts_per_day_with_zero_where_nothing_holds() {
        let one = Value::Int(1);
        let members = [(one, days(0, 10)), (one, days(5, 12))];
        let steps = step_function(&members, AggregateFn::Count, true).expect("fits");
        let zero = IntervalSet::from_intervals(vec![
            Interval { from: Day::MIN, to: Day(0) },
            Interval { from: Day(12), to: Day::MAX },
        ]);
        assert_eq!(
            steps,
            vec![
                (Value::Int(0), zero),
                (
                    Value::Int(1),
                    IntervalSet::from_intervals(vec![
                        Interval { from: Day(0), to: Day(5) },
                        Interval { from: Day(10), to: Day(12) }
                    ])
                ),
                (Value::Int(2), days(5, 10)),
            ]
        );
        let without = step_function(&members, AggregateFn::Count, false).expect("fits");
        assert_eq!(without.len(), 2, "no zero where the group has no member");
    }

    #[test]
    fn min_max_and_sum_follow_their_members() {
        let members = [(Value::Int(3), days(0, 10)), (Value::Int(-1), days(4, 6))];
        let min = step_function(&members, AggregateFn::Min, true).expect("fits");
        assert_eq!(
            min,
            vec![
                (Value::Int(-1), days(4, 6)),
                (
                    Value::Int(3),
                    IntervalSet::from_intervals(vec![
                        Interval { from: Day(0), to: Day(4) },
                        Interval { from: Day(6), to: Day(10) }
                    ])
                )
            ]
        );
        let sum = step_function(&members, AggregateFn::Sum, false).expect("fits");
        assert!(sum.contains(&(Value::Int(2), days(4, 6))));
        let big = [(Value::Int(i64::MAX), days(0, 10)), (Value::Int(1), days(5, 6))];
        assert_eq!(step_function(&big, AggregateFn::Sum, false), Err(ArithError::Overflow));
        assert!(step_function(&[(Value::sym("a"), days(0, 1))], AggregateFn::Sum, false).is_err());
    }
}
