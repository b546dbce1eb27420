//! The reference's aggregates: cut time at every start and end of a member, and on each piece aggregate the
//! members that hold on its first day (no sweep, no running state: each piece is computed from scratch).

use super::ops::Failure;
use crate::syntax::AggregateFn;
use crate::time::{Day, Interval, IntervalSet};
use crate::value::Value;
use std::collections::BTreeMap;

/// Each value the aggregate takes, with the days it takes it; `zero`: count and sum are 0 where no member holds.
pub fn values(
    members: &[(Value, IntervalSet)],
    function: AggregateFn,
    zero: bool,
) -> Result<BTreeMap<Value, IntervalSet>, Failure> {
    let mut cuts: Vec<Day> = vec![Day::MIN, Day::MAX];
    for (_, days) in members {
        for part in days.intervals() {
            cuts.extend([part.from, part.to]);
        }
    }
    cuts.sort();
    cuts.dedup();
    let mut out: BTreeMap<Value, IntervalSet> = BTreeMap::new();
    for piece in cuts.windows(2) {
        let holding: Vec<Value> = members.iter().filter(|(_, days)| days.contains(piece[0])).map(|(v, _)| *v).collect();
        let value = match function {
            _ if holding.is_empty() => {
                (zero && matches!(function, AggregateFn::Count | AggregateFn::Sum)).then_some(Value::Int(0))
            }
            AggregateFn::Count => Some(Value::Int(i64::try_from(holding.len()).map_err(|_| "overflow".to_string())?)),
            AggregateFn::Sum => {
                let mut total: i128 = 0;
                for v in &holding {
                    let Value::Int(n) = v else { return Err("a sum of values that are not numbers".into()) };
                    total += i128::from(*n);
                }
                Some(Value::Int(i64::try_from(total).map_err(|_| "overflow".to_string())?))
            }
            AggregateFn::Min => holding.iter().min().copied(),
            AggregateFn::Max => holding.iter().max().copied(),
        };
        if let (Some(value), Some(interval)) = (value, Interval::new(piece[0], piece[1])) {
            let entry = out.entry(value).or_default();
            *entry = entry.union(&IntervalSet::from(interval));
        }
    }
    Ok(out)
}
