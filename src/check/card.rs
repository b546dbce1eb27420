//! The card `tkb check` answers with, as data: what a citizen needed to enter Kazakhstan on a day, one requirement
//! per topic. The JSON form is this type serialized (the server's `/api/check` serves the same type).

use crate::provenance::SourceRef;
use serde::Serialize;
use serde_json::Value as Json;

/// The topics of a card, in the order it lists them.
pub const TOPICS: [&str; 6] = ["entry", "visa", "idc_permission", "pcr_certificate", "quarantine", "registration"];

/// The details each topic carries (null when unknown), in the order the card shows them.
pub fn detail_fields(topic: &str) -> &'static [&'static str] {
    match topic {
        "visa" => &["stay_days", "evisa"],
        "pcr_certificate" => &["max_age_hours"],
        "quarantine" => &["days"],
        "registration" => &["within_days"],
        _ => &[],
    }
}

/// What `tkb check` answers: `{"citizen", "date", "by", "purpose", "covered", "verdict", "requirements"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Card {
    /// The citizenship, as an upper-case country code (`DE`).
    pub citizen: String,
    /// The country's name, as the kb gives it first (the table shows it; the JSON keeps to the code).
    #[serde(skip)]
    pub citizen_name: String,
    /// The day asked about, `YYYY-MM-DD`.
    pub date: String,
    /// How the traveller arrives: `air` or `land`.
    pub by: String,
    /// Why the traveller comes: `tourism`, `business`, `private`, `work`, `study`, `medical` or `transit`.
    pub purpose: String,
    /// False when the sources say nothing about the day (before the earliest source): every status is unknown.
    pub covered: bool,
    /// `may_enter`, `may_enter_if`, `may_not_enter` or `unknown`.
    pub verdict: String,
    /// One requirement per topic, in the order of `TOPICS`.
    pub requirements: Vec<Requirement>,
}

/// One topic of the card: its status, its details, the conditions and notes the sources attach, and where it
/// comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Requirement {
    /// `entry`, `visa`, `idc_permission`, `pcr_certificate`, `quarantine` or `registration`.
    pub topic: String,
    /// `allowed` / `not_allowed` for entry; `required` / `not_required` for the others; `unknown` for any.
    pub status: String,
    /// The topic's details (`stay_days`, `evisa`, `max_age_hours`, `days`, `within_days`), null when unknown.
    #[serde(flatten)]
    pub details: serde_json::Map<String, Json>,
    /// Conditions the sources attach to the status, in words.
    pub conditions: Vec<String>,
    /// Notes: what the sources leave open, why the status is unknown.
    pub notes: Vec<String>,
    /// Whether the status is only presumed on the day (carried past the last source that confirms it).
    pub presumed: bool,
    /// The latest publication of a source confirming the status, when one does (the table shows it).
    #[serde(skip)]
    pub last_confirmed: Option<String>,
    /// The sources the status rests on, as query answers cite them.
    pub provenance: Vec<SourceRef>,
    /// The fact `tkb why` explains the status with (`check_status(de, air, business, visa, required) @ 2021-03-01`);
    /// not serialized.
    #[serde(skip)]
    pub why: Option<String>,
}

impl Card {
    /// The requirement of `topic`.
    pub fn requirement(&self, topic: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.topic == topic)
    }
}
