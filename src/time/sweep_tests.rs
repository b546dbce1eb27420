//! Tests of the sweep: small cases by hand, and random members against the value computed day by day.

use super::*;
use proptest::prelude::*;

fn iv(a: i32, b: i32) -> Interval {
    Interval::new(Day(a), Day(b)).expect("non-empty")
}

fn levels<W: Copy>(steps: &[Step<W>]) -> Vec<(i32, i32, Option<W>)> {
    steps.iter().map(|s| (s.interval.from.0, s.interval.to.0, s.value)).collect()
}

#[test]
fn counts_coalesce_and_cover_the_window() {
    let mut sweep = Sweep::new(Fold::Count, iv(0, 12));
    sweep.add(0i64, &[iv(0, 10)]);
    sweep.add(0, &[iv(5, 10)]);
    sweep.add(0, &[iv(10, 12)]);
    // Two end on day 10 and one starts: the value goes from 2 to 1.
    assert_eq!(levels(&sweep.steps().unwrap()), [(0, 5, Some(1)), (5, 10, Some(2)), (10, 12, Some(1))]);
}

#[test]
fn a_swap_on_one_day_is_no_step() {
    let mut sweep = Sweep::new(Fold::Count, iv(0, 10));
    sweep.add(0i64, &[iv(0, 5)]);
    sweep.add(0, &[iv(5, 10)]);
    assert_eq!(levels(&sweep.steps().unwrap()), [(0, 10, Some(1))]);
}

#[test]
fn open_ends_and_the_whole_of_time() {
    let mut sweep = Sweep::new(Fold::Count, Interval::ALWAYS);
    sweep.add(0i64, &[Interval { from: Day::MIN, to: Day(5) }]);
    sweep.add(0, &[Interval { from: Day(3), to: Day::MAX }]);
    assert_eq!(levels(&sweep.steps().unwrap()), [(i32::MIN, 3, Some(1)), (3, 5, Some(2)), (5, i32::MAX, Some(1))]);
    let empty: Sweep<i64> = Sweep::new(Fold::Max, Interval::ALWAYS);
    assert_eq!(levels(&empty.steps().unwrap()), [(i32::MIN, i32::MAX, None)]);
}

#[test]
fn min_and_max_follow_the_members_holding() {
    for (fold, expect) in [
        (Fold::Max, vec![(0, 2, None), (2, 4, Some(3)), (4, 6, Some(9)), (6, 8, Some(3)), (8, 10, None)]),
        (Fold::Min, vec![(0, 2, None), (2, 8, Some(3)), (8, 10, None)]),
    ] {
        let mut sweep = Sweep::new(fold, iv(0, 10));
        sweep.add(3i64, &[iv(2, 8)]);
        sweep.add(9, &[iv(4, 6)]);
        assert_eq!(levels(&sweep.steps().unwrap()), expect, "{fold:?}");
    }
}

#[test]
fn changes_are_the_members_with_an_end_on_each_day() {
    let members = [vec![iv(0, 5)], vec![iv(5, 10)], vec![iv(2, 5), iv(7, 12)]];
    let days = [Day(0), Day(2), Day(5), Day(7), Day(10)];
    let got = changes(&days, iv(0, 12), members.iter().map(|m| m.as_slice()));
    let shown: Vec<Vec<(bool, u32)>> = got.iter().map(|d| d.iter().map(|c| (c.started, c.member)).collect()).collect();
    // Nothing changes as the window opens; on day 5 the ends (0 and 2) come before the start (1).
    assert_eq!(
        shown,
        [vec![], vec![(true, 2)], vec![(false, 0), (false, 2), (true, 1)], vec![(true, 2)], vec![(false, 1)]]
    );
}

#[test]
fn a_sum_that_does_not_fit_is_an_overflow_on_its_first_day() {
    let mut sweep = Sweep::new(Fold::Sum, iv(0, 12));
    sweep.add(i64::MAX, &[iv(0, 10)]);
    sweep.add(1, &[iv(5, 10)]);
    assert_eq!(sweep.steps(), Err(Overflow { day: Day(5), value: i128::from(i64::MAX) + 1 }));
    // Partial sums inside a day may leave 64 bits; only each day's value is checked.
    let mut sweep = Sweep::new(Fold::Sum, iv(0, 12));
    for (w, days) in [(i64::MAX, iv(0, 10)), (10, iv(0, 5)), (-10, iv(0, 5)), (i64::MIN, iv(0, 10))] {
        sweep.add(w, &[days]);
    }
    assert_eq!(levels(&sweep.steps().unwrap()), [(0, 10, Some(-1)), (10, 12, Some(0))]);
}

#[test]
fn days_far_apart_leave_the_dense_slots() {
    let mut sweep = Sweep::new(Fold::Count, Interval::ALWAYS);
    sweep.add(0i64, &[iv(0, 1)]);
    sweep.add(0, &[iv(3_000_000, 3_000_001)]);
    sweep.add(0, &[iv(-3_000_000, 5)]);
    let got = levels(&sweep.steps().unwrap());
    assert_eq!(
        got,
        [
            (i32::MIN, -3_000_000, Some(0)),
            (-3_000_000, 0, Some(1)),
            (0, 1, Some(2)),
            (1, 5, Some(1)),
            (5, 3_000_000, Some(0)),
            (3_000_000, 3_000_001, Some(1)),
            (3_000_001, i32::MAX, Some(0)),
        ]
    );
}

/// The value on `day` computed from its definition.
fn by_day(fold: Fold, members: &[(i64, Vec<Interval>)], day: Day) -> Option<i64> {
    let holding: Vec<i64> =
        members.iter().filter(|(_, days)| days.iter().any(|i| i.contains(day))).map(|(w, _)| *w).collect();
    match fold {
        Fold::Count => Some(holding.len() as i64),
        Fold::Sum => Some(holding.iter().sum()),
        Fold::Min => holding.iter().min().copied(),
        Fold::Max => holding.iter().max().copied(),
    }
}

fn members() -> impl Strategy<Value = Vec<(i64, Vec<Interval>)>> {
    let member = (-5i64..5, prop::collection::vec((0i32..40, 1i32..10), 0..4)).prop_map(|(w, parts)| {
        // A member's days are a coalesced set, as the sweep requires.
        let set = crate::time::IntervalSet::from_intervals(parts.into_iter().map(|(a, n)| iv(a, a + n)));
        (w, set.intervals().to_vec())
    });
    prop::collection::vec(member, 0..12)
}

proptest! {
    #[test]
    fn every_fold_agrees_with_the_day_by_day_value(
        members in members(), fold in prop::sample::select(vec![Fold::Count, Fold::Sum, Fold::Min, Fold::Max]),
        from in 0i32..20, len in 1i32..40, split in 0usize..12,
    ) {
        let window = iv(from, from + len);
        // Built in two halves and joined, as threads would.
        let (a, b) = members.split_at(split.min(members.len()));
        let mut sweep = Sweep::new(fold, window);
        let mut other = Sweep::new(fold, window);
        a.iter().for_each(|(w, days)| sweep.add(*w, days));
        b.iter().for_each(|(w, days)| other.add(*w, days));
        sweep.append(other);
        let steps = sweep.steps().unwrap();
        prop_assert_eq!(steps.first().map(|s| s.interval.from), Some(window.from));
        prop_assert_eq!(steps.last().map(|s| s.interval.to), Some(window.to));
        for pair in steps.windows(2) {
            prop_assert_eq!(pair[0].interval.to, pair[1].interval.from);
            prop_assert_ne!(pair[0].value, pair[1].value);
        }
        for step in &steps {
            for d in step.interval.from.0..step.interval.to.0 {
                prop_assert_eq!(step.value, by_day(fold, &members, Day(d)), "day {}", d);
            }
        }
    }
}
