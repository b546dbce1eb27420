//! The kb against an independent coding of the same period: OxCGRT's daily C8 (international travel controls) for
//! Kazakhstan, 2020-2022 (`../shared/data/oxcgrt/`, or `$TKB_OXCGRT`), compared day by day with `c8(L)` as the
//! kb's rules derive it (kb/indicators/oxcgrt_c8.tkb). docs/oxcgrt.md documents the agreement and explains every
//! disagreement period; this test reads its figures and its table of periods and fails when the comparison no
//! longer matches them, so a change to the kb that moves the indicator has to be explained there.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// The first and the last day of the OxCGRT series.
const FIRST: &str = "2020-01-01";
const LAST: &str = "2022-12-31";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("not a date `{text}`: {e}"))
}

fn days() -> impl Iterator<Item = NaiveDate> {
    date(FIRST).iter_days().take_while(|d| *d <= date(LAST))
}

fn oxcgrt_file() -> PathBuf {
    let dir = std::env::var_os("TKB_OXCGRT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/oxcgrt"));
    let file = dir.join("kaz_oxcgrt_daily.csv");
    assert!(
        file.is_file(),
        "the OxCGRT data is missing: {} (set TKB_OXCGRT to the folder holding kaz_oxcgrt_daily.csv)",
        file.display()
    );
    file
}

/// OxCGRT's C8 value of every day, from the CSV (`date,c8_international_travel,...`).
fn oxcgrt() -> BTreeMap<NaiveDate, i64> {
    let text = std::fs::read_to_string(oxcgrt_file()).expect("the OxCGRT file reads");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header line").split(',').collect();
    let column = header.iter().position(|h| *h == "c8_international_travel").expect("a C8 column");
    let mut values = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        let value = cells[column].parse().unwrap_or_else(|e| panic!("C8 value in `{line}`: {e}"));
        assert!(values.insert(date(cells[0]), value).is_none(), "day listed twice: {line}");
    }
    values
}

/// The kb's `c8(L)` over the whole series, one level a day (`--confirmed-only`: only the days the sources confirm).
fn kb_levels(confirmed_only: bool) -> BTreeMap<NaiveDate, i64> {
    levels_of("c8", confirmed_only)
}

/// The levels a one-argument predicate of kb/indicators gives over the whole series, one a day.
fn levels_of(predicate: &str, confirmed_only: bool) -> BTreeMap<NaiveDate, i64> {
    let query = format!("{predicate}(L) @ [{FIRST}, {})", date(LAST).succ_opt().expect("a next day"));
    let mut args = vec!["query", "--format", "json"];
    if confirmed_only {
        args.push("--confirmed-only");
    }
    args.push(&query);
    let out = Command::new(env!("CARGO_BIN_EXE_tkb")).args(&args).output().expect("tkb runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON answers");
    let mut levels = BTreeMap::new();
    for answer in json["answers"].as_array().expect("answers") {
        let level = answer["bindings"]["L"].as_i64().expect("an integer level");
        for part in answer["valid"].as_array().expect("intervals") {
            let from = date(part["from"].as_str().expect("a bounded period answer"));
            let to = date(part["to"].as_str().expect("a bounded period answer"));
            for day in from.iter_days().take_while(|d| *d < to) {
                let before = levels.insert(day, level);
                assert!(before.is_none(), "two levels on {day}: {before:?} and {level}");
            }
        }
    }
    levels
}

/// A maximal run of days on which the two codings disagree with the same pair of values.
#[derive(Debug, PartialEq)]
struct Period {
    from: NaiveDate,
    to: NaiveDate,
    oxcgrt: i64,
    kb: i64,
}

fn show(p: &Period) -> String {
    format!("{} to {}: OxCGRT {}, kb {} ({} days)", p.from, p.to, p.oxcgrt, p.kb, (p.to - p.from).num_days() + 1)
}

/// Days agreeing and the disagreement periods, over the days `kb` answers on (all of them unless confirmed-only).
fn compare(ox: &BTreeMap<NaiveDate, i64>, kb: &BTreeMap<NaiveDate, i64>) -> (usize, usize, Vec<Period>) {
    let (mut agree, mut total, mut periods) = (0, 0, Vec::<Period>::new());
    for day in days() {
        let (Some(&o), Some(&k)) = (ox.get(&day), kb.get(&day)) else { continue };
        total += 1;
        if o == k {
            agree += 1;
            continue;
        }
        match periods.last_mut() {
            Some(p) if p.to.succ_opt() == Some(day) && p.oxcgrt == o && p.kb == k => p.to = day,
            _ => periods.push(Period { from: day, to: day, oxcgrt: o, kb: k }),
        }
    }
    (agree, total, periods)
}

/// docs/oxcgrt.md: its text (white space collapsed), and the rows of its table of disagreement periods (`| from | to | OxCGRT | kb | ...`).
fn docs() -> (String, Vec<Period>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/oxcgrt.md");
    let text = std::fs::read_to_string(&path).expect("docs/oxcgrt.md reads");
    let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let rows = text
        .lines()
        .filter(|l| l.starts_with("| 20"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let number = |c: &str| c.parse::<i64>().unwrap_or_else(|e| panic!("`{c}` in `{l}`: {e}"));
            Period { from: date(cells[1]), to: date(cells[2]), oxcgrt: number(cells[3]), kb: number(cells[4]) }
        })
        .collect();
    (squashed, rows)
}

/// Every day of some periods with its two values: the table may cut a run of equal values where its causes change.
fn by_day(periods: &[Period]) -> Vec<(NaiveDate, i64, i64)> {
    let days =
        |p: &Period| p.from.iter_days().take_while(|d| *d <= p.to).map(|d| (d, p.oxcgrt, p.kb)).collect::<Vec<_>>();
    periods.iter().flat_map(days).collect()
}

#[test]
fn oxcgrt_covers_every_day_of_the_series_once() {
    let ox = oxcgrt();
    assert_eq!(ox.len(), days().count(), "one value a day from {FIRST} to {LAST}");
    assert!(ox.values().all(|v| (0..=4).contains(v)), "C8 runs from 0 to 4");
}

#[test]
fn the_kb_derives_exactly_one_level_on_every_day() {
    let kb = kb_levels(false);
    let missing: Vec<NaiveDate> = days().filter(|d| !kb.contains_key(d)).collect();
    assert!(missing.is_empty(), "days without a level: {} (first {:?})", missing.len(), missing.first());
    assert!(kb.values().all(|v| (0..=4).contains(v)));
}

#[test]
fn the_max_aggregate_and_the_ladder_give_the_same_level_every_day_confirmed_or_not() {
    // The same level by a `max` aggregate (`c8`) and by a ladder of negations (`c8_ladder`): an aggregate's answer
    // rests on the members that attain it, so `--confirmed-only` keeps the same days for both.
    for confirmed_only in [false, true] {
        let (max, ladder) = (kb_levels(confirmed_only), levels_of("c8_ladder", confirmed_only));
        let differ: Vec<String> = days()
            .filter(|d| ladder.get(d) != max.get(d))
            .map(|d| format!("{d}: max {:?}, ladder {:?}", max.get(&d), ladder.get(&d)))
            .collect();
        assert!(
            differ.is_empty(),
            "confirmed only: {confirmed_only}; {} days differ:\n{}",
            differ.len(),
            differ.join("\n")
        );
    }
}

#[test]
fn agreement_and_disagreement_periods_are_the_documented_ones() {
    let (agree, total, periods) = compare(&oxcgrt(), &kb_levels(false));
    let (text, documented) = docs();
    let figure = format!("agree on {agree} of {total} days");
    assert!(text.contains(&figure), "docs/oxcgrt.md must state the agreement as `{figure}`");
    let found: Vec<String> = periods.iter().map(show).collect();
    let listed: Vec<String> = documented.iter().map(show).collect();
    assert!(
        by_day(&documented) == by_day(&periods),
        "docs/oxcgrt.md's table of disagreement periods does not match the comparison:\ndocumented {listed:#?}\nfound {found:#?}"
    );
}

#[test]
fn agreement_on_the_days_the_sources_confirm_is_the_documented_one() {
    let (agree, total, _) = compare(&oxcgrt(), &kb_levels(true));
    let (text, _) = docs();
    let figure = format!("on the days the sources confirm, agree on {agree} of {total}");
    assert!(text.contains(&figure), "docs/oxcgrt.md must state `{figure}`");
}
