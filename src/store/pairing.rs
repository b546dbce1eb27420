//! Event pairing: turns a tuple's statements (explicit intervals, `from`/`until` events, snapshot days) into the
//! pieces of its validity, each with the statements that support it.
//!
//! Events pair in date order into runs (a start, then the next end). Three rules keep a run to the days its
//! sources give:
//! - a snapshot day starts a member that does not hold yet, unless a `from` later in the same run announces the
//!   member's start (dated by the text, not only by its publication): the list anticipated it, and the snapshot
//!   becomes support of the announced start;
//! - a start dated only by a decision (`basis decision`) yields in the same way to a later start of the run that
//!   the text dates by its effect (`basis effective` or `stated`): decided on one day, in force from another;
//! - ends with no start between them end one run: sources that disagree on the end both stay, and the run lasts
//!   to the last of them, as it starts at the first of its starts;
//! - a start dated only by its source's publication (`basis published`: a rule restated as current) inside a run
//!   that is already open dates nothing: it is a piece of its own day, which confirms the run and is cited on
//!   that day, not on every day of the run.
//!
//! A functional predicate (`functional p(K, V) key (K)`) has one value per key: the start of a run of another
//! value of the key is a *cut* that closes this tuple's open run on that day (a later value supersedes an earlier
//! one). A cut closes only a run opened before its day, never one opened the same day (two values starting
//! together are a conflict the linter reports), and the piece it closes records the statement that cut it.

use crate::program::{Assertion, AssertionId};
use crate::syntax::{Basis, FactTime};
use crate::time::{Day, Interval};
use smallvec::SmallVec;

/// An interval of a tuple's validity and the statements it rests on (its start, its end, or the statement itself).
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// The days of this piece.
    pub interval: Interval,
    /// The statements that make it: the start and end events paired, or the statement that gave the interval.
    pub support: SmallVec<[AssertionId; 2]>,
    /// The statement of another value of a functional key whose start ended this piece; `None` otherwise.
    pub ended_by: Option<AssertionId>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    // Ends sort before starts on the same day, so `until d` and `from d` together mean "holds from d".
    End,
    // A later value of a functional key: closes an open run, never extends a closed piece.
    Cut,
    Start,
    Snapshot,
}

/// One event of the tuple, with how its statement is dated.
struct Dated {
    day: Day,
    event: Event,
    id: AssertionId,
    /// Dated by a decision only: it yields to a start the text dates by its effect.
    decision: bool,
    /// Dated by its effect (effective or stated).
    effective: bool,
    /// Dated only by its source's publication: a restatement.
    published: bool,
}

/// The pieces of one tuple's statements.
#[cfg(test)]
pub fn pair(ids: &[AssertionId], statements: &[&Assertion]) -> Vec<Piece> {
    pair_cut(ids, statements, &[]).pieces
}

/// What pairing one tuple gives: its pieces, and the days its runs start (with the statement that starts each),
/// which cut the runs of the other values of a functional key.
pub struct Paired {
    /// The pieces of the tuple's validity.
    pub pieces: Vec<Piece>,
    /// The first day of each run or explicit interval, and the statement that opened it.
    pub starts: Vec<(Day, AssertionId)>,
}

/// Pairs one tuple's statements, with `cuts`: the days on which a run of another value of its functional key
/// starts, each with the statement that starts it.
pub fn pair_cut(ids: &[AssertionId], statements: &[&Assertion], cuts: &[(Day, AssertionId)]) -> Paired {
    let mut pieces = Vec::new();
    let mut starts = Vec::new();
    let mut events: Vec<Dated> = Vec::new();
    for (&id, statement) in ids.iter().zip(statements) {
        let bases = || statement.cites.iter().map(|c| c.basis);
        let decision = !statement.cites.is_empty() && bases().all(|b| b == Basis::Decision);
        let effective = bases().any(|b| matches!(b, Basis::Effective | Basis::Stated));
        let published = !statement.cites.is_empty() && bases().all(|b| b == Basis::Published);
        let mut push = |day, event| events.push(Dated { day, event, id, decision, effective, published });
        match statement.time {
            FactTime::Always => pieces.push(piece(Interval::ALWAYS, &[id])),
            FactTime::During(interval) if statement.snapshot => push(interval.from, Event::Snapshot),
            FactTime::During(interval) => {
                if !interval.from.is_open() {
                    starts.push((interval.from, id));
                }
                pieces.push(piece(interval, &[id]))
            }
            FactTime::From(day) => push(day, Event::Start),
            FactTime::Until(day) => push(day, Event::End),
        }
    }
    for &(day, id) in cuts {
        events.push(Dated { day, event: Event::Cut, id, decision: false, effective: false, published: false });
    }
    events.sort_by_key(|e| (e.day, e.event, e.id));
    let mut open: Option<(Day, SmallVec<[AssertionId; 2]>)> = None;
    // Statements that yielded to a later start of their run: they support the piece that start opens.
    let mut waiting: SmallVec<[AssertionId; 2]> = SmallVec::new();
    // The piece the last end closed, while no start has come since: a later end extends it.
    let mut closed: Option<usize> = None;
    for (i, e) in events.iter().enumerate() {
        match (e.event, open.as_mut()) {
            (Event::Start | Event::Snapshot, None) if yields(&events, i) => waiting.push(e.id),
            (Event::Start | Event::Snapshot, None) => {
                if e.event == Event::Snapshot {
                    pieces.push(piece(Interval::day(e.day), &[e.id]));
                }
                let mut support = std::mem::take(&mut waiting);
                support.push(e.id);
                starts.push((e.day, e.id));
                open = Some((e.day, support));
                closed = None;
            }
            // A restatement, or a list naming a member that already holds: the day is its own piece.
            (Event::Start, Some(_)) if e.published => pieces.push(piece(Interval::day(e.day), &[e.id])),
            (Event::Snapshot, Some(_)) => pieces.push(piece(Interval::day(e.day), &[e.id])),
            (Event::Start, Some((_, support))) => support.push(e.id),
            (Event::End, Some(_)) => {
                let (from, mut support) = open.take().expect("matched Some");
                support.push(e.id);
                if let Some(interval) = Interval::new(from, e.day) {
                    pieces.push(Piece { interval, support, ended_by: None });
                    closed = Some(pieces.len() - 1);
                }
            }
            // Another value starts: the run ends that day, unless it opened that very day.
            (Event::Cut, Some((from, _))) if *from < e.day => {
                let (from, support) = open.take().expect("matched Some");
                if let Some(interval) = Interval::new(from, e.day) {
                    pieces.push(Piece { interval, support, ended_by: Some(e.id) });
                    closed = Some(pieces.len() - 1);
                }
            }
            (Event::Cut, _) => {}
            (Event::End, None) => match closed {
                // An explicit end outweighs a later value's start: the sources then disagree (the linter says so).
                Some(at) if pieces[at].interval.to < e.day => {
                    pieces[at].interval.to = e.day;
                    pieces[at].support.push(e.id);
                    pieces[at].ended_by = None;
                }
                // An end with nothing open or closed before it changes nothing; the linter reports it.
                _ => {}
            },
        }
    }
    if let Some((from, support)) = open {
        pieces.push(Piece { interval: Interval { from, to: Day::MAX }, support, ended_by: None });
    }
    starts.sort();
    starts.dedup();
    Paired { pieces, starts }
}

/// Whether the start (or snapshot) at `i` yields to a later start of the same run, before the run's next end.
fn yields(events: &[Dated], i: usize) -> bool {
    let e = &events[i];
    if e.event == Event::Start && !e.decision {
        return false;
    }
    events[i + 1..]
        .iter()
        .take_while(|later| later.event != Event::End)
        .filter(|later| later.event == Event::Start && later.day > e.day)
        // A later start dated only by its publication announces no day the list could be ahead of.
        .any(|later| if e.event == Event::Snapshot { !later.published } else { later.effective })
}

fn piece(interval: Interval, ids: &[AssertionId]) -> Piece {
    Piece { interval, support: SmallVec::from_slice(ids), ended_by: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Origin;
    use crate::program::Citation;
    use crate::symbol::Symbol;
    use crate::value::Tuple;

    fn day(text: &str) -> Day {
        Day::parse(text).expect("a date")
    }

    fn statement(time: FactTime, snapshot: bool, basis: Basis, source: &str) -> Assertion {
        Assertion {
            pred: Symbol::from("p"),
            tuple: Tuple::new(),
            time,
            snapshot,
            cites: vec![Citation { source: Symbol::from(source), quote: None, basis }],
            reported: None,
            origin: Origin::default(),
        }
    }

    fn pieces(statements: &[Assertion]) -> Vec<(String, Vec<u32>)> {
        let ids: Vec<AssertionId> = (0..statements.len() as u32).map(AssertionId).collect();
        let refs: Vec<&Assertion> = statements.iter().collect();
        let mut out: Vec<(String, Vec<u32>)> = pair(&ids, &refs)
            .into_iter()
            .map(|p| (p.interval.to_string(), p.support.iter().map(|s| s.0).collect()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_list_ahead_of_an_announced_start_does_not_start_the_member() {
        // 001 lines 669-675: "Effective September 9, 2021" with a list of September 6 that already names Hungary.
        let statements = [
            statement(FactTime::During(Interval::day(day("2021-09-06"))), true, Basis::Snapshot, "list"),
            statement(FactTime::From(day("2021-09-09")), false, Basis::Effective, "news"),
        ];
        assert_eq!(pieces(&statements), vec![("[2021-09-09, ..)".to_string(), vec![0, 1])]);
    }

    #[test]
    fn a_list_before_a_start_dated_only_by_publication_starts_the_member() {
        let statements = [
            statement(FactTime::During(Interval::day(day("2021-09-06"))), true, Basis::Snapshot, "list"),
            statement(FactTime::From(day("2021-10-01")), false, Basis::Published, "restated"),
        ];
        let shown = pieces(&statements);
        assert!(shown.contains(&("[2021-09-06, ..)".to_string(), vec![0])), "{shown:?}");
    }

    #[test]
    fn a_list_with_no_announced_start_starts_the_member() {
        let statements = [
            statement(FactTime::During(Interval::day(day("2021-09-06"))), true, Basis::Snapshot, "list"),
            statement(FactTime::Until(day("2021-10-01")), false, Basis::Effective, "news"),
            statement(FactTime::From(day("2021-11-01")), false, Basis::Effective, "news"),
        ];
        let shown = pieces(&statements);
        assert!(shown.contains(&("[2021-09-06, 2021-10-01)".to_string(), vec![0, 1])), "{shown:?}");
        assert!(shown.contains(&("[2021-11-01, ..)".to_string(), vec![2])), "{shown:?}");
    }

    #[test]
    fn a_decision_yields_to_the_effective_date_and_the_later_end_counts() {
        // 001 lines 1281-1282 and 1308: decided October 29, effective November 11, 2020.
        let start = [
            statement(FactTime::From(day("2020-10-29")), false, Basis::Decision, "s1301"),
            statement(FactTime::From(day("2020-11-11")), false, Basis::Effective, "s1276"),
        ];
        assert_eq!(pieces(&start), vec![("[2020-11-11, ..)".to_string(), vec![0, 1])]);
        let end = [
            statement(FactTime::From(day("2020-08-28")), false, Basis::Published, "s1351"),
            statement(FactTime::Until(day("2020-10-29")), false, Basis::Decision, "s1301"),
            statement(FactTime::Until(day("2020-11-11")), false, Basis::Effective, "s1276"),
        ];
        assert_eq!(pieces(&end), vec![("[2020-08-28, 2020-11-11)".to_string(), vec![0, 1, 2])]);
    }

    #[test]
    fn a_restatement_inside_a_run_is_a_piece_of_its_own_day() {
        let statements = [
            statement(FactTime::From(day("2021-02-04")), false, Basis::Effective, "start"),
            statement(FactTime::From(day("2021-09-15")), false, Basis::Published, "restated"),
            statement(FactTime::Until(day("2022-04-11")), false, Basis::Inferred, "end"),
        ];
        assert_eq!(
            pieces(&statements),
            vec![
                ("[2021-02-04, 2022-04-11)".to_string(), vec![0, 2]),
                ("[2021-09-15, 2021-09-16)".to_string(), vec![1])
            ]
        );
    }

    fn cut(statements: &[Assertion], cuts: &[(&str, u32)]) -> (Vec<String>, Vec<Option<u32>>) {
        let ids: Vec<AssertionId> = (0..statements.len() as u32).map(AssertionId).collect();
        let refs: Vec<&Assertion> = statements.iter().collect();
        let cuts: Vec<(Day, AssertionId)> = cuts.iter().map(|(d, id)| (day(d), AssertionId(*id))).collect();
        let paired = pair_cut(&ids, &refs, &cuts);
        let shown = paired.pieces.iter().map(|p| p.interval.to_string()).collect();
        (shown, paired.pieces.iter().map(|p| p.ended_by.map(|a| a.0)).collect())
    }

    #[test]
    fn a_later_value_cuts_the_open_run_on_its_start_day() {
        // 001 lines 1343 and 1026: B20 issued for 30 days (2020-09-10), then for 15 days (2021-06-05).
        let thirty = [statement(FactTime::From(day("2020-09-10")), false, Basis::Published, "s1337")];
        let (shown, ended) = cut(&thirty, &[("2021-06-05", 9)]);
        assert_eq!(shown, ["[2020-09-10, 2021-06-05)"]);
        assert_eq!(ended, [Some(9)]);
        // A cut before the run, or on its first day, changes nothing.
        assert_eq!(cut(&thirty, &[("2020-01-01", 9), ("2020-09-10", 8)]).0, ["[2020-09-10, ..)"]);
        // A restatement after the cut starts the value again.
        let again = [
            statement(FactTime::From(day("2020-09-10")), false, Basis::Published, "a"),
            statement(FactTime::From(day("2021-08-01")), false, Basis::Published, "b"),
        ];
        let paired = {
            let refs: Vec<&Assertion> = again.iter().collect();
            pair_cut(&[AssertionId(0), AssertionId(1)], &refs, &[(day("2021-06-05"), AssertionId(9))])
        };
        let shown: Vec<String> = paired.pieces.iter().map(|p| p.interval.to_string()).collect();
        assert_eq!(shown, ["[2020-09-10, 2021-06-05)", "[2021-08-01, ..)"]);
        assert_eq!(paired.starts, [(day("2020-09-10"), AssertionId(0)), (day("2021-08-01"), AssertionId(1))]);
    }

    #[test]
    fn a_decision_with_no_effective_date_starts_the_run() {
        let statements = [
            statement(FactTime::From(day("2021-12-14")), false, Basis::Decision, "s305"),
            statement(FactTime::From(day("2021-12-21")), false, Basis::Published, "later"),
        ];
        let shown = pieces(&statements);
        assert_eq!(shown[0], ("[2021-12-14, ..)".to_string(), vec![0]), "{shown:?}");
    }
}
