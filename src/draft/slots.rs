//! Filling a drafted fact's arguments, as the `arguments` rows of the phrase table say: the countries a sentence
//! names (or the list it introduces, or those of the sentence it refers to with "them", "these countries"), the
//! groups `group` rows name in it, and a number of days or hours it gives ("7-day", "for up to 14 days",
//! "72-hour") or, failing that, that its paragraph gives. A slot left empty drafts no fact.

use super::patterns::Slot;
use super::reading::Reading;
use crate::symbol::Symbol;
use crate::value::Value;
use regex::Regex;
use std::sync::OnceLock;

/// Every argument tuple the slots give for part `seg` of unit `u` (the product of the slots' values), and the
/// countries among them; empty when a slot finds nothing. `near` is where the phrase matched, so that a number
/// is taken from the words it speaks of.
pub fn fill(reading: &Reading, u: usize, seg: (usize, usize), slots: &[Slot], near: usize) -> Vec<Vec<Value>> {
    let mut tuples: Vec<Vec<Value>> = vec![Vec::new()];
    for slot in slots {
        let values: Vec<Value> = match slot {
            Slot::Country => reading.countries_for(u, seg).into_iter().map(Value::Sym).collect(),
            Slot::Group => {
                reading.drafter.patterns.groups_in(&reading.text(u)[seg.0..seg.1]).into_iter().map(Value::Sym).collect()
            }
            Slot::Days => number(reading, u, seg, near, Unit::Days).map(Value::Int).into_iter().collect(),
            Slot::Hours => number(reading, u, seg, near, Unit::Hours).map(Value::Int).into_iter().collect(),
            Slot::Const(c) => vec![Value::Sym(*c)],
        };
        if values.is_empty() {
            return Vec::new();
        }
        tuples = tuples
            .iter()
            .flat_map(|t| values.iter().map(move |v| t.iter().copied().chain([*v]).collect::<Vec<Value>>()))
            .collect();
    }
    tuples
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Days,
    Hours,
}

/// "7 days", "7-day", "seven calendar days", "72 hours": a number and its unit.
fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b([0-9]{1,3}|[a-z]+(?:-[a-z]+)?)(?:-|\s+)(?:calendar\s+|working\s+|business\s+)?(days?|hours?)\b",
        )
        .expect("a fixed pattern compiles")
    })
}

/// Durations that are windows of time, not the measure's own ("within the last 14 days").
fn is_window(before: &str) -> bool {
    let lower = before.to_ascii_lowercase();
    let lower = lower.trim_end();
    ["last", "past", "previous"].iter().any(|w| lower.ends_with(w))
}

/// The numbers of `unit` in `text`, with where each starts.
fn numbers_in(text: &str, unit: Unit) -> Vec<(usize, i64)> {
    let mut out = Vec::new();
    for caps in pattern().captures_iter(text) {
        let (Some(n), Some(u), Some(whole)) = (caps.get(1), caps.get(2), caps.get(0)) else { continue };
        let is_days = u.as_str().to_ascii_lowercase().starts_with('d');
        if is_days != (unit == Unit::Days) || is_window(&text[..whole.start()]) {
            continue;
        }
        if let Some((value, 1)) = crate::lint::text::numbers::read(&[n.as_str()]) {
            out.push((whole.start(), value));
        }
    }
    out
}

/// The number of `unit` nearest to byte `near` in part `seg` of unit `u`; else the first one in the other
/// sentences of its paragraph (its line), those before it first.
fn number(reading: &Reading, u: usize, seg: (usize, usize), near: usize, unit: Unit) -> Option<i64> {
    let sentence = reading.text(u);
    let own = numbers_in(&sentence[seg.0..seg.1], unit);
    if let Some((_, n)) = own.iter().min_by_key(|(at, _)| (seg.0 + at).abs_diff(near)) {
        return Some(*n);
    }
    let line = reading.units[u].line;
    let paragraph = |v: &usize| reading.units[*v].line == line && *v != u;
    let before = (0..u).rev().take_while(|v| reading.units[*v].line == line);
    let after = (u + 1..reading.units.len()).take_while(|v| reading.units[*v].line == line);
    before.chain(after).filter(paragraph).find_map(|v| numbers_in(reading.text(v), unit).first().map(|(_, n)| *n))
}

/// The symbol of a country value, for claims.
pub fn country(value: &Value) -> Option<Symbol> {
    match value {
        Value::Sym(s) => Some(*s),
        _ => None,
    }
}
