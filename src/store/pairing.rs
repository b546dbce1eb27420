//! Event pairing: turns a tuple's statements (explicit intervals, `from`/`until` events, snapshot days) into the
//! pieces of its validity, each with the statements that support it.

use super::{Assertion, AssertionId};
use crate::syntax::FactTime;
use crate::time::{Day, Interval};
use smallvec::SmallVec;

/// An interval of a tuple's validity and the statements it rests on (its start, its end, or the statement itself).
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub interval: Interval,
    pub support: SmallVec<[AssertionId; 2]>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    // Ends sort before starts on the same day, so `until d` and `from d` together mean "holds from d".
    End,
    Start,
    Snapshot,
}

pub fn pair(ids: &[AssertionId], statements: &[&Assertion]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut events: Vec<(Day, Event, AssertionId)> = Vec::new();
    for (&id, statement) in ids.iter().zip(statements) {
        match statement.time {
            FactTime::Always => pieces.push(piece(Interval::ALWAYS, [id])),
            FactTime::During(interval) if statement.snapshot => {
                pieces.push(piece(interval, [id]));
                events.push((interval.from, Event::Snapshot, id));
            }
            FactTime::During(interval) => pieces.push(piece(interval, [id])),
            FactTime::From(day) => events.push((day, Event::Start, id)),
            FactTime::Until(day) => events.push((day, Event::End, id)),
        }
    }
    events.sort();
    let mut open: Option<(Day, SmallVec<[AssertionId; 2]>)> = None;
    for (day, event, id) in events {
        match (event, open.as_mut()) {
            (Event::Start | Event::Snapshot, None) => open = Some((day, SmallVec::from_slice(&[id]))),
            (Event::Start, Some((_, support))) => support.push(id),
            (Event::Snapshot, Some(_)) => {}
            (Event::End, Some(_)) => {
                let (from, mut support) = open.take().expect("matched Some");
                support.push(id);
                if let Some(interval) = Interval::new(from, day) {
                    pieces.push(Piece { interval, support });
                }
            }
            // An end with nothing open changes nothing here; the linter reports it.
            (Event::End, None) => {}
        }
    }
    if let Some((from, support)) = open {
        pieces.push(Piece { interval: Interval { from, to: Day::MAX }, support });
    }
    pieces
}

fn piece<const N: usize>(interval: Interval, ids: [AssertionId; N]) -> Piece {
    Piece { interval, support: SmallVec::from_slice(&ids) }
}
