//! The card as text a consultant can paste into an e-mail: who, how, when; the verdict; one line per topic with
//! its details, then its conditions and notes; which statuses are only presumed; and the sources, each with the
//! topics it supports.

use super::card::{Card, Requirement};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A topic as the card names it (the text card and the server's check page).
pub fn topic_name(topic: &str) -> &str {
    match topic {
        "entry" => "Entry",
        "visa" => "Visa",
        "idc_permission" => "IDC permission",
        "pcr_certificate" => "PCR certificate",
        "quarantine" => "Quarantine",
        "registration" => "Registration",
        other => other,
    }
}

/// A status in words.
fn status_words(status: &str) -> String {
    status.replace('_', " ")
}

/// The verdict in words, naming the requirements a conditional verdict rests on.
fn verdict_words(card: &Card) -> String {
    match card.verdict.as_str() {
        "may_enter" => "may enter".into(),
        "may_not_enter" => "may not enter".into(),
        "may_enter_if" => {
            let required: Vec<&str> = card
                .requirements
                .iter()
                .filter(|r| r.status == "required" && r.topic != "registration")
                .map(|r| topic_name(&r.topic))
                .collect();
            format!("may enter with: {}", required.join(", "))
        }
        _ => "unknown: the sources do not settle every requirement (see the notes)".into(),
    }
}

fn number(value: Option<&Json>) -> Option<String> {
    value.and_then(Json::as_i64).map(|n| n.to_string())
}

/// The details of a requirement in words, after its status.
fn details_words(r: &Requirement) -> Vec<String> {
    let get = |f: &str| r.details.get(f);
    let mut out = Vec::new();
    match r.topic.as_str() {
        "visa" => {
            if let Some(days) = number(get("stay_days")) {
                out.push(format!("visa-free stay up to {days} days"));
            }
            match get("evisa") {
                Some(Json::Bool(true)) => out.push("an e-visa can be obtained".into()),
                Some(Json::Bool(false)) => out.push("no e-visa".into()),
                _ => out.push("e-visa unknown".into()),
            }
        }
        "pcr_certificate" => out.extend(number(get("max_age_hours")).map(|h| format!("at most {h} hours old"))),
        "quarantine" => out.extend(number(get("days")).map(|d| format!("{d} days at home"))),
        "registration" => out.extend(number(get("within_days")).map(|d| format!("when staying more than {d} days"))),
        _ => {}
    }
    out
}

/// The card as `format` asks: its JSON (the `Card` type, pretty or on one line), else the text for people (a table
/// or CSV has no rows to give it). `tkb check` and the REPL's `.check` print this.
pub fn render_card_as(card: &Card, format: crate::output::Format) -> String {
    use crate::output::Format;
    match format {
        Format::Json => serde_json::to_string_pretty(card).unwrap_or_default() + "\n",
        Format::Jsonl => serde_json::to_string(card).unwrap_or_default() + "\n",
        Format::Table | Format::Csv => render_card(card),
    }
}

/// The card as text.
pub fn render_card(card: &Card) -> String {
    let name = if card.citizen_name.is_empty() {
        card.citizen.clone()
    } else {
        format!("{} ({})", card.citizen_name, card.citizen)
    };
    let mut out = format!(
        "Entry to Kazakhstan on {}: a citizen of {name}, by {}, for {}\nVerdict: {}\n",
        card.date,
        card.by,
        card.purpose,
        verdict_words(card)
    );
    if !card.covered {
        out += "(the sources say nothing about this day)\n";
    }
    out += "\n";
    let width = card.requirements.iter().map(|r| topic_name(&r.topic).chars().count()).max().unwrap_or(0);
    let indent = " ".repeat(width + 4);
    for r in &card.requirements {
        let details = details_words(r);
        let details = if details.is_empty() { String::new() } else { format!(": {}", details.join(", ")) };
        let presumed = if r.presumed { "  (presumed)" } else { "" };
        out += &format!("  {:<width$}  {}{details}{presumed}\n", topic_name(&r.topic), status_words(&r.status));
        for condition in &r.conditions {
            out += &format!("{indent}- {condition}\n");
        }
        for note in &r.notes {
            out += &format!("{indent}note: {note}\n");
        }
    }
    let presumed: Vec<String> = card
        .requirements
        .iter()
        .filter(|r| r.presumed)
        .map(|r| match &r.last_confirmed {
            Some(day) => format!("{} (last confirmed {day})", topic_name(&r.topic)),
            None => topic_name(&r.topic).to_string(),
        })
        .collect();
    if !presumed.is_empty() {
        out += &format!("\nPresumed, no source confirms it on the day: {}\n", presumed.join(", "));
    }
    out += &sources(card);
    out
}

/// Every source of the card once, with the topics it supports.
fn sources(card: &Card) -> String {
    // By publication and name: the line each source prints, and the topics it supports.
    type Line<'c> = (String, Vec<&'c str>);
    let mut by_source: BTreeMap<(Option<String>, String), Line> = BTreeMap::new();
    for r in &card.requirements {
        for s in &r.provenance {
            let place = match (&s.doc, s.lines) {
                (Some(doc), Some([a, b])) => format!("{doc}:{a}-{b}"),
                (Some(doc), None) => doc.clone(),
                _ => "reference".into(),
            };
            let date = s.published.clone().unwrap_or_else(|| "undated".into());
            let line = format!("{date}  {}  [{}] {place}", s.title, s.source);
            let entry = by_source.entry((s.published.clone(), s.source.clone())).or_insert((line, Vec::new()));
            entry.1.push(topic_name(&r.topic));
        }
    }
    if by_source.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nSources:\n");
    for (line, topics) in by_source.values() {
        out += &format!("  {line}  ({})\n", topics.join(", "));
    }
    out
}
