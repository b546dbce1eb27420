//! The live site's check page (`tkb serve`, `/check?citizen=&date=&by=&purpose=`): a form, and the traveller's
//! card (`tkb check`) as a verdict and one row per requirement with its details, conditions, notes, presumed mark
//! and sources. Rendered whole on the server, so it works without JavaScript.

use super::layout::{page as shell, Links};
use crate::check::{topic_name, Card, MODES, PURPOSES};
use crate::symbol::Symbol;
use maud::{html, Markup};

/// What the page was asked (each field as typed; empty when not given).
pub struct Asked<'a> {
    /// The citizenship: a code or a country name.
    pub citizen: &'a str,
    /// The day of arrival, `YYYY-MM-DD`.
    pub date: &'a str,
    /// `air` or `land`.
    pub by: &'a str,
    /// One of `PURPOSES`.
    pub purpose: &'a str,
    /// The page's own address with these parameters, for the permalink.
    pub permalink: String,
}

/// What the check gave.
pub enum Checked<'a> {
    /// Nothing asked yet.
    Nothing,
    /// The card.
    Card(&'a Card),
    /// Why there is no card: the code and the message.
    Error {
        /// The stable code.
        code: &'a str,
        /// What is wrong.
        message: &'a str,
    },
}

/// A verdict in words.
fn verdict_words(verdict: &str) -> &str {
    match verdict {
        "may_enter" => "may enter",
        "may_enter_if" => "may enter, if the requirements below are met",
        "may_not_enter" => "may not enter",
        _ => "unknown: the sources do not settle it",
    }
}

/// The whole page.
pub fn page(links: &Links, asked: &Asked, checked: &Checked) -> String {
    let body = html! {
        form.ask method="get" action="check" {
            p {
                label for="citizen" { "Citizen of " }
                input #citizen type="text" name="citizen" size="20" value=(asked.citizen) placeholder="de or Germany" required;
                " "
                label for="date" { "arriving on " }
                input #date type="date" name="date" value=(asked.date) required;
            }
            p {
                label for="by" { "by " }
                select #by name="by" {
                    @for mode in MODES { option value=(mode) selected[asked.by == mode] { (mode) } }
                }
                " "
                label for="purpose" { "for " }
                select #purpose name="purpose" {
                    @for purpose in PURPOSES { option value=(purpose) selected[asked.purpose == purpose] { (purpose) } }
                }
                " "
                button type="submit" { "Check" }
            }
        }
        (card(links, asked, checked))
    };
    shell(links, "Check a traveller", body)
}

fn card(links: &Links, asked: &Asked, checked: &Checked) -> Markup {
    match checked {
        Checked::Nothing => html! {},
        Checked::Error { code, message } => html! {
            section #card.error role="alert" {
                h2 { "No card" }
                p { span.code { (code) } " " (message) }
            }
        },
        Checked::Card(card) => html! {
            section #card {
                h2 {
                    "A citizen of " (if card.citizen_name.is_empty() { card.citizen.clone() } else { format!("{} ({})", card.citizen_name, card.citizen) })
                    " arriving by " (card.by) " for " (card.purpose) " on " span.date { (card.date) }
                }
                p #verdict.verdict data-verdict=(card.verdict) { "Verdict: " strong { (verdict_words(&card.verdict)) } "." }
                @if !card.covered { p.note { "The sources say nothing about this day: every status is unknown." } }
                p { a #permalink href=(asked.permalink) { "Permalink" } " to this card." }
                table.answers.card {
                    thead { tr { th scope="col" { "requirement" } th scope="col" { "status" } th scope="col" { "details" } th scope="col" { "" } th scope="col" { "sources" } } }
                    tbody {
                        @for r in &card.requirements {
                            tr data-topic=(r.topic) {
                                th scope="row" { (topic_name(&r.topic)) }
                                td.status { (r.status.replace('_', " ")) }
                                td {
                                    @for (field, value) in &r.details {
                                        @if !value.is_null() { span.detail { (field.replace('_', " ")) ": " (value) } " " }
                                    }
                                    @if !r.conditions.is_empty() { ul.conditions { @for c in &r.conditions { li { (c) } } } }
                                    @if !r.notes.is_empty() { ul.notes { @for n in &r.notes { li { (n) } } } }
                                }
                                td.presumed { @if r.presumed { span title="carried past the last source that confirms it" { "presumed" } } }
                                td {
                                    @for (i, s) in r.provenance.iter().enumerate() {
                                        @if i > 0 { ", " }
                                        a href=(links.source(Symbol::from(s.source.as_str()), None)) title=(s.title) { (s.source) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    }
}
