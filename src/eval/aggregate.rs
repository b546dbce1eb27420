//! An aggregate's value as a step function of the day, per group: the members' days swept once by
//! `time::sweep` (the one sweep, shared with aggregate queries), then each value with every day it holds.

use super::arith::ArithError;
use crate::program::Type;
use crate::syntax::{AggregateFn, ArithOp};
use crate::time::sweep::{Fold, Sweep};
use crate::time::{Interval, IntervalSet};
use crate::value::Value;
use std::collections::BTreeMap;

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
    let fold = match function {
        AggregateFn::Count => Fold::Count,
        AggregateFn::Sum => Fold::Sum,
        AggregateFn::Min => Fold::Min,
        AggregateFn::Max => Fold::Max,
    };
    let mut sweep = Sweep::new(fold, Interval::ALWAYS);
    for (value, days) in members {
        sweep.add(*value, days.intervals());
    }
    let steps = sweep.steps().map_err(|_| ArithError::Overflow)?;
    // Without a zero, only the days some member holds have a value (a sum may be 0 on them).
    let present =
        (!zero).then(|| IntervalSet::from_intervals(members.iter().flat_map(|(_, d)| d.intervals().to_vec())));
    let mut out: BTreeMap<Value, Vec<Interval>> = BTreeMap::new();
    for step in steps {
        if let Some(value) = step.value {
            out.entry(value).or_default().push(step.interval);
        }
    }
    Ok(out
        .into_iter()
        .map(|(v, parts)| {
            let days = IntervalSet::from_intervals(parts);
            (v, present.as_ref().map_or(days.clone(), |p| days.intersect(p)))
        })
        .filter(|(_, days)| !days.is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Day;

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
