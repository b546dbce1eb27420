//! `tkb check`: what a citizen needed to enter Kazakhstan on a day. The kb's check rules (kb/check.tkb) decide;
//! this module asks them (`check_status`, `check_detail`, `check_condition`, `check_note`, `check_verdict`) as
//! queries on the day, and puts their answers on a card. An answer that rests on silence the sources do not
//! settle (query coverage) counts as unknown, with the gap as its note; a topic no settled answer decides is
//! unknown; before the earliest source every status is.

mod card;
mod render;

pub use card::{detail_fields, Card, Requirement, TOPICS};
pub use render::{render_card, render_card_as, topic_name};

use crate::db::Database;
use crate::diag::{Code, Diagnostic};
use crate::query::coverage::describe;
use crate::query::names::CountryNames;
use crate::query::{answer, show, QueryResult};
use crate::symbol::Symbol;
use crate::syntax::{parse_program, Statement};
use crate::time::Day;
use crate::value::Value;
use serde_json::Value as Json;

/// The ways of arriving `tkb check` knows.
pub const MODES: [&str; 2] = ["air", "land"];

/// The purposes of travel `tkb check` knows.
pub const PURPOSES: [&str; 7] = ["tourism", "business", "private", "work", "study", "medical", "transit"];

/// The predicates the check rules define, which `tkb check` asks.
const ASKED: [&str; 5] = ["check_status", "check_detail", "check_condition", "check_note", "check_verdict"];

/// What `tkb check` is asked: a citizenship, a day, how and why the traveller comes.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The country code of the citizenship (a member of `country/1`).
    pub citizen: Value,
    /// The day of arrival.
    pub date: Day,
    /// `air` or `land`.
    pub by: String,
    /// One of `PURPOSES`.
    pub purpose: String,
}

/// The country code a citizenship stands for: an ISO 3166 alpha-2 code in either case, or a name or alias the kb
/// knows (`Germany`, `UK`, `United_Kingdom`). Otherwise error E0121 with the closest names.
pub fn citizen(db: &Database, text: &str) -> Result<Value, Diagnostic> {
    let names = CountryNames::of(db);
    let code = Value::sym(&text.trim().to_lowercase());
    if show::is_country(db, &code) {
        return Ok(code);
    }
    if let Some(code) = names.code_of(text) {
        return Ok(code);
    }
    let mut message = format!("`{text}` is neither a country code nor a country name the kb knows");
    let known: Vec<(&Value, &str)> = names.iter().collect();
    if let Some(close) = crate::query::suggest::closest(text.trim(), known.iter().map(|(_, name)| *name)) {
        let code = known.iter().find(|(_, name)| *name == close).map(|(code, _)| show::show(db, code));
        message += &format!("; did you mean {close} ({})?", code.unwrap_or_default());
    }
    Err(Diagnostic::error(Code::UnknownCitizen, message)
        .note("give an ISO 3166 alpha-2 code (`de`, `DE`) or a name such as `Germany` or `United Kingdom`"))
}

/// Error E0122 when the kb does not define the check rules `tkb check` asks.
pub fn rules_missing(db: &Database) -> Option<Diagnostic> {
    let missing: Vec<&str> = ASKED.iter().copied().filter(|p| !db.is_derived(Symbol::from(*p))).collect();
    if missing.is_empty() {
        return None;
    }
    let message = format!("the kb does not define the check rules `tkb check` asks ({})", missing.join(", "));
    Some(
        Diagnostic::error(Code::NoCheckRules, message).note(
            "the built-in kb defines them in kb/check.tkb; a kb folder needs that file and the vocabulary it uses",
        ),
    )
}

/// The card for `request`: every topic's status with its details, conditions, notes, confirmation and sources,
/// and the verdict. Error E0122 when the kb does not define the check rules.
pub fn card(db: &Database, request: &Request) -> Result<Card, Vec<Diagnostic>> {
    if let Some(missing) = rules_missing(db) {
        return Err(vec![missing]);
    }
    let asking = Asking { db, request };
    let covered = covered(db, request.date);
    let statuses = asking.ask("check_status", "T, S")?;
    let details = asking.ask("check_detail", "T, F, V")?;
    let conditions = asking.ask("check_condition", "T, X")?;
    let notes = asking.ask("check_note", "T, X")?;
    let verdicts = asking.ask("check_verdict", "V")?;
    let mut requirements: Vec<Requirement> =
        TOPICS.iter().map(|topic| requirement(db, request, topic, &statuses, &details, &conditions, &notes)).collect();
    let mut verdict = settled_single(&verdicts, |_| true).map(|k| text(db, &verdicts, k, 0));
    if !covered {
        let earliest = earliest_source(db).map(|d| d.to_string()).unwrap_or_else(|| "none".into());
        for r in &mut requirements {
            *r = unknown_requirement(
                r.topic.clone(),
                vec![format!("the sources say nothing about this day: the earliest is of {earliest}")],
            );
        }
        verdict = None;
    }
    let names = CountryNames::of(db);
    Ok(Card {
        citizen: show::show(db, &request.citizen),
        citizen_name: names.name(&request.citizen).unwrap_or_default().to_string(),
        date: request.date.to_string(),
        by: request.by.clone(),
        purpose: request.purpose.clone(),
        covered,
        verdict: verdict.unwrap_or_else(|| "unknown".into()),
        requirements,
    })
}

/// Whether the sources speak of `day` at all: it is not before the earliest source of the kb.
fn covered(db: &Database, day: Day) -> bool {
    db.closed_world || earliest_source(db).is_some_and(|earliest| day >= earliest)
}

/// The earliest publication of a source of the kb (reference tables aside).
fn earliest_source(db: &Database) -> Option<Day> {
    db.sources.values().filter_map(|s| s.published).min()
}

struct Asking<'a> {
    db: &'a Database,
    request: &'a Request,
}

impl Asking<'_> {
    /// Asks `pred(citizen, by, purpose, VARS) @ date`.
    fn ask(&self, pred: &str, vars: &str) -> Result<QueryResult, Vec<Diagnostic>> {
        let r = self.request;
        let citizen = r.citizen.to_string();
        let text = format!("?- {pred}({citizen}, {}, {}, {vars}) @ {}.", r.by, r.purpose, r.date);
        let parsed = parse_program(&text);
        let Some(Statement::Query(query)) = parsed.statements.first() else {
            let message = format!("cannot ask `{text}`");
            return Err(vec![Diagnostic::error(Code::Syntax, message)]);
        };
        answer(self.db, query, 0)
    }
}

/// Answer `k`'s column `col`, as text.
fn text(db: &Database, result: &QueryResult, k: usize, col: usize) -> String {
    let value = result.answers.value_at(k, col);
    match value {
        Value::Sym(s) => s.to_string(),
        other => show::show(db, &other),
    }
}

/// The gaps answer `k` rests on (empty when it is settled).
fn gaps(result: &QueryResult, k: usize) -> &[crate::provenance::coverage::Gap] {
    result.coverage.as_ref().and_then(|c| c.answers.get(k)).map(Vec::as_slice).unwrap_or(&[])
}

/// The one settled answer among those `keep` selects; `None` when there is none or more than one.
fn settled_single(result: &QueryResult, keep: impl Fn(usize) -> bool) -> Option<usize> {
    let settled: Vec<usize> = (0..result.answers.len()).filter(|k| keep(*k) && gaps(result, *k).is_empty()).collect();
    match settled.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

fn unknown_requirement(topic: String, notes: Vec<String>) -> Requirement {
    let details = detail_fields(&topic).iter().map(|f| (f.to_string(), Json::Null)).collect();
    Requirement {
        topic,
        status: "unknown".into(),
        details,
        conditions: Vec::new(),
        notes,
        presumed: false,
        last_confirmed: None,
        provenance: Vec::new(),
        why: None,
    }
}

/// One topic's requirement from the answers of the five questions.
fn requirement(
    db: &Database,
    request: &Request,
    topic: &str,
    statuses: &QueryResult,
    details: &QueryResult,
    conditions: &QueryResult,
    notes: &QueryResult,
) -> Requirement {
    let of_topic = |result: &QueryResult, k: usize| text(db, result, k, 0) == topic;
    let answered: Vec<usize> = (0..statuses.answers.len()).filter(|k| of_topic(statuses, *k)).collect();
    let settled: Vec<usize> = answered.iter().copied().filter(|k| gaps(statuses, *k).is_empty()).collect();
    let mut out = unknown_requirement(topic.to_string(), Vec::new());
    match settled.as_slice() {
        [k] => {
            let status = text(db, statuses, *k, 1);
            let answer = statuses.answers.get(*k);
            let confirmation = answer.as_ref().and_then(|a| a.confirmation.clone());
            out.presumed = confirmation.as_ref().is_some_and(|c| c.presumed);
            out.last_confirmed = confirmation.and_then(|c| c.last_confirmed).map(|d| d.to_string());
            out.provenance = answer.map(|a| a.provenance).unwrap_or_default();
            out.why = Some(format!(
                "check_status({}, {}, {}, {topic}, {status}) @ {}",
                request.citizen, request.by, request.purpose, request.date
            ));
            out.status = status;
        }
        [] => {
            // Nothing settled decides the topic: say why, from the answers that rest on silence, or from the
            // coverage of the question itself.
            for k in &answered {
                let status = text(db, statuses, *k, 1).replace('_', " ");
                out.notes.push(format!("{status} only by silence: {}", describe(gaps(statuses, *k))));
            }
            if answered.is_empty() {
                let gap = statuses.coverage.as_ref().filter(|c| !c.unsettled.is_empty()).map(|c| c.reason());
                out.notes.push(gap.unwrap_or_else(|| "no rule decides this case".into()));
            }
        }
        several => {
            let shown: Vec<String> = several.iter().map(|k| text(db, statuses, *k, 1)).collect();
            out.notes.push(format!("the rules give several statuses ({}): see `tkb lint`", shown.join(", ")));
        }
    }
    for field in detail_fields(topic) {
        let of_field = |k: usize| of_topic(details, k) && text(db, details, k, 1) == *field;
        if let Some(k) = settled_single(details, of_field) {
            out.details.insert(field.to_string(), detail_json(details, k));
        }
    }
    let settled_texts = |result: &QueryResult| -> Vec<String> {
        (0..result.answers.len())
            .filter(|k| of_topic(result, *k) && gaps(result, *k).is_empty())
            .map(|k| text(db, result, k, 1))
            .collect()
    };
    if out.status != "unknown" {
        out.conditions = settled_texts(conditions);
    }
    let mut own = settled_texts(notes);
    own.append(&mut out.notes);
    out.notes = own;
    out
}

/// A detail's value as JSON: a number, `true`/`false`, or text.
fn detail_json(details: &QueryResult, k: usize) -> Json {
    match details.answers.value_at(k, 2) {
        Value::Int(n) => Json::from(n),
        Value::Sym(s) if s.as_str() == "true" => Json::Bool(true),
        Value::Sym(s) if s.as_str() == "false" => Json::Bool(false),
        other => Json::from(other.to_string()),
    }
}
