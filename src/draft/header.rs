//! An article's header: its title, the date printed with it, and the publication date the draft uses, with a
//! note saying how it was found when nothing (or something wrong) is printed. In a newest-first archive the
//! dated articles around an undated one bound its date; the text's own dates narrow it.

use super::dates::{self, Mention};
use super::patterns::{Cue, Patterns};
use super::text::{self, Document};
use crate::time::Day;
use chrono::Datelike;

#[derive(Clone, Debug)]
pub struct Header {
    pub title: String,
    pub title_line: usize,
    /// The first line of the body (after the title and its date line).
    pub body_from: usize,
    pub printed: Option<Day>,
    pub published: Option<Day>,
    pub note: Option<String>,
}

/// A date that heads an article in the document: a date line, or a title that carries a date or a month.
#[derive(Clone, Copy, Debug)]
struct Heading {
    line: usize,
    day: Day,
}

/// The longest title kept; longer first lines are cut (a draft of a file that is one long line stays readable).
const MAX_TITLE: usize = 200;
/// How many headings below an article are compared with its printed date.
const CHECKED_BELOW: usize = 20;
/// A printed date this much earlier than an article printed below it in a newest-first archive is wrong.
const SLACK_DAYS: i32 = 31;
/// How far before its bound an undated article's own dates are taken as the news it reports.
const RECENT_DAYS: i32 = 183;

fn is_title_like(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.len() <= 150
}

/// The date a line heads an article with, if it does: a whole-line date, or a short title holding a date after
/// ` | ` or at its end, or a month at its end ("... November 2020", as the month's last day).
fn heading_date(line: &str) -> Option<Day> {
    if let Some(day) = dates::whole_line_date(line) {
        return Some(day);
    }
    if !is_title_like(line) {
        return None;
    }
    let t = line.trim();
    if let Some(day) = title_date(t) {
        return Some(day);
    }
    let (_, last, end) = dates::month_of_year(t)?;
    (end == t.len()).then_some(last)
}

/// The document's headings as printed.
fn printed_headings(doc: &Document) -> Vec<Heading> {
    let found = doc.headings.get_or_init(|| {
        (1..=doc.line_count()).filter_map(|no| heading_date(doc.line(no)).map(|day| (no, day))).collect()
    });
    found.iter().map(|&(line, day)| Heading { line, day }).collect()
}

/// The headings with wrong years corrected.
fn headings(printed: &[Heading]) -> Vec<Heading> {
    let mut out = printed.to_vec();
    // A date far older than one printed below it (newest-first) has a wrong year: correct it before using it.
    let fixed: Vec<Day> = (0..out.len()).map(|i| corrected(&out, i).map(|(d, _)| d).unwrap_or(out[i].day)).collect();
    for (h, d) in out.iter_mut().zip(fixed) {
        h.day = d;
    }
    out
}

/// The corrected day of heading `i` when a heading below it is much newer, and that heading.
fn corrected(all: &[Heading], i: usize) -> Option<(Day, Heading)> {
    let day = all[i].day;
    let below: Vec<&Heading> =
        all[i + 1..].iter().take(CHECKED_BELOW).filter(|h| h.day.0 > day.0 + SLACK_DAYS).collect();
    // Two newer articles below, not one: a single odd date is more likely wrong itself.
    if below.len() < 2 {
        return None;
    }
    let newest = below.into_iter().max_by_key(|h| h.day)?;
    let date = day.to_date()?;
    (date.year() + 1..=date.year() + 5)
        .filter_map(|y| Day::from_ymd(y, date.month(), date.day()))
        .find(|d| d.0 + SLACK_DAYS >= newest.day.0)
        .map(|d| (d, *newest))
}

/// Reads the header of lines `first..=last`; `given` is a publication date supplied by the user.
pub fn read(doc: &Document, first: usize, last: usize, patterns: &Patterns, given: Option<Day>) -> Option<Header> {
    let title_line = (first..=last).find(|&no| !doc.line(no).trim().is_empty())?;
    let title_text = doc.line(title_line).trim();
    let title = cut(title_text, MAX_TITLE).to_string();
    let next = (title_line + 1..=last).find(|&no| !doc.line(no).trim().is_empty());
    let date_line = next.and_then(|no| dates::whole_line_date(doc.line(no)).map(|d| (no, d)));
    let body_from = date_line.map(|(no, _)| no + 1).unwrap_or(title_line + 1);
    let printed = date_line.map(|(_, d)| d).or_else(|| title_date(title_text));
    let as_printed = printed_headings(doc);
    let all = headings(&as_printed);
    let mut header = Header { title, title_line, body_from, printed, published: printed, note: None };
    if let Some(day) = given {
        header.published = Some(day);
        header.note = (printed != Some(day)).then(|| format!("publication date {day} given by the reviewer"));
        return Some(header);
    }
    let own = as_printed.iter().position(|h| h.line == title_line || Some(h.line) == date_line.map(|(n, _)| n));
    if let (Some(printed), Some(i)) = (printed, own) {
        // Compared with the dates as printed below it: a reprint of itself below must not vouch for a correction.
        if let Some((fixed, newest)) = corrected(&as_printed, i) {
            header.published = Some(fixed);
            header.note = Some(format!(
                "printed year {} is wrong: the newest-first archive prints an article dated {} below it (line {}); the year is corrected",
                printed.to_date().map(|d| d.year()).unwrap_or_default(),
                newest.day,
                newest.line
            ));
        }
        return Some(header);
    }
    if printed.is_some() {
        return Some(header);
    }
    infer(doc, &mut header, last, &all, patterns);
    Some(header)
}

/// A date printed in the title line, with its month in words: "June 6, 2021 | ...", "... | September 10, 2020",
/// "..., August 10, 2018" (numeric dates at the end of short lines are captions and references, not titles).
fn title_date(title: &str) -> Option<Day> {
    let t = title.trim();
    let found = dates::mentions(t);
    let in_words = |m: &&Mention| t[m.start..m.end].starts_with(|c: char| c.is_alphabetic());
    let placed = |m: &&Mention| {
        let before = t[..m.start].trim_end();
        let after = t[m.end..].trim_start();
        let at_end = m.end == t.len() && (before.ends_with(',') || before.ends_with(", on"));
        after.starts_with('|') || before.ends_with('|') || at_end
    };
    found.iter().filter(|m| m.year.is_some()).filter(in_words).find(placed).and_then(|m| m.resolve(None))
}

fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A date found in the text, with what the words before it say and whether it is a date still to come.
struct Dated {
    day: Day,
    cue: Option<Cue>,
    /// The sentence speaks of the future and the date is the day of what is to come, not a deadline or a
    /// condition ("will come into force on May 1", not "will be allowed to leave till January 5").
    future: bool,
    line: usize,
}

/// Words before a date that make it a deadline or a condition rather than the day of an event.
const NOT_AN_EVENT_DAY: &[&str] = &["before", "until", "till", "by", "after", "within", "through"];

fn dated_in(doc: &Document, first: usize, last: usize, patterns: &Patterns, reference: Option<Day>) -> Vec<Dated> {
    let mut out = Vec::new();
    for unit in text::units(doc, first, last) {
        let sentence = unit.text(doc);
        let future = patterns.is_future(sentence);
        for m in dates::mentions(sentence) {
            let Some(day) = m.resolve(reference) else { continue };
            let word = sentence[..m.start].split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
            let event_day = !NOT_AN_EVENT_DAY.contains(&word.as_str());
            out.push(Dated { day, cue: cue_of(sentence, &m, patterns), future: future && event_day, line: unit.line });
        }
    }
    out
}

/// The cue of a date: the words of its sentence right before it.
pub fn cue_of(sentence: &str, m: &Mention, patterns: &Patterns) -> Option<Cue> {
    let mut from = m.start.saturating_sub(160);
    while !sentence.is_char_boundary(from) {
        from += 1;
    }
    patterns.cue(&sentence[from..m.start])
}

/// An undated article: bounded by the nearest dated heading above it and by the future dates printed between
/// them (and in it), narrowed to the month its title names; dated by the text's own latest past date inside
/// those bounds (a date a state is given "as of" first, then a decision's), else by the bound.
fn infer(doc: &Document, header: &mut Header, last: usize, all: &[Heading], patterns: &Patterns) {
    let above = all.iter().rfind(|h| h.line < header.title_line).copied();
    let month = dates::month_of_year(&header.title).map(|(first, last, _)| (first, last));
    let reference = month.map(|(_, end)| end).or(above.map(|h| h.day));
    let mut bound = above.map(|h| (h.day, format!("the newer article above it is dated {} (line {})", h.day, h.line)));
    let between_from = above.map(|h| h.line + 1).unwrap_or(1);
    let between: Vec<Dated> = dated_in(doc, between_from, header.title_line.saturating_sub(1), patterns, reference);
    let own = dated_in(doc, header.body_from, last, patterns, reference);
    for d in between.iter().chain(own.iter()).filter(|d| d.future) {
        let day = d.day.offset(-1);
        if bound.as_ref().is_none_or(|(b, _)| day < *b) {
            bound = Some((day, format!("line {} speaks of {} as still to come", d.line, d.day)));
        }
    }
    if let Some((_, end)) = month {
        if bound.as_ref().is_none_or(|(b, _)| end < *b) {
            bound = Some((end, format!("the title names the month ending {end}")));
        }
    }
    // Without a month, a date more than half a year before the bound is a reference to an older text (a
    // rule "approved by the order ... as of 27.01.2016"), not the news the article reports.
    let start = month.map(|(s, _)| s).or_else(|| bound.as_ref().map(|(b, _)| b.offset(-RECENT_DAYS)));
    let fits = |d: &&Dated| {
        !d.future
            && d.cue != Some(Cue::Until)
            && bound.as_ref().is_none_or(|(b, _)| d.day <= *b)
            && start.is_none_or(|s| d.day >= s)
    };
    let candidates: Vec<&Dated> = own.iter().filter(fits).collect();
    let best = [Some(Cue::AsOf), Some(Cue::Decision)]
        .iter()
        .find_map(|cue| candidates.iter().filter(|d| d.cue == *cue).max_by_key(|d| d.day))
        .or_else(|| candidates.iter().max_by_key(|d| d.day));
    let (day, note) = match (best, bound) {
        (Some(d), bound) => {
            let why = bound.map(|(b, why)| format!("; it can be no later than {b}: {why}")).unwrap_or_default();
            (d.day, format!("no date is printed; the text dates {} (line {}){why}", d.day, d.line))
        }
        (None, Some((b, why))) => (
            b,
            format!("no date is printed and the text dates nothing it reports; {why}: the latest possible day is used"),
        ),
        (None, None) => {
            header.note =
                Some("no date is printed or stated: give the publication date (tkb draft --published DATE)".into());
            return;
        }
    };
    header.published = Some(day);
    header.note = Some(note);
}
