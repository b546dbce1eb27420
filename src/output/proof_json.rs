//! Proof trees and why-not answers as JSON, for programs: the same content as the text trees, as data. Each
//! shape is a serde type whose fields are declared in sorted key order, the order every JSON object tkb writes
//! keeps; an absent optional key is left out, a null one written as `null`.

use crate::db::Database;
use crate::provenance::{confirm_base, Proof, ProofKind, WhyNot};
use crate::syntax::FactTime;
use crate::time::interval::JsonInterval;
use crate::time::Day;
use serde::Serialize;
use serde_json::Value as Json;

/// When a statement says the fact holds: one key, `always`, `listed_on`, `during`, `from` or `until`.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum TimeJson {
    Always(bool),
    ListedOn(String),
    During(JsonInterval),
    From(String),
    Until(String),
}

/// A citation: `{"basis", "doc", "lines", "published", "quote", "source"}`.
#[derive(Serialize)]
struct CiteJson<'a> {
    basis: &'a str,
    doc: Option<&'a str>,
    lines: Option<[usize; 2]>,
    published: Option<String>,
    quote: Option<&'a str>,
    source: &'a str,
}

/// A statement at a leaf: `{"cites", "time"}`.
#[derive(Serialize)]
struct StatementJson<'a> {
    cites: Vec<CiteJson<'a>>,
    time: TimeJson,
}

/// A leaf's confirmation: `{"confirmed": interval | null, "first_confirmed", "last_confirmed", "presumed"}`, the
/// dates null when no dated source speaks of the fact.
#[derive(Serialize)]
struct ConfirmationJson {
    confirmed: Option<JsonInterval>,
    first_confirmed: Option<String>,
    last_confirmed: Option<String>,
    presumed: bool,
}

/// An aggregate in a rule's body: `{"aggregate", "members", "value"}`.
#[derive(Serialize)]
struct AggregateJson<'a> {
    aggregate: &'a str,
    members: Vec<Vec<ProofJson<'a>>>,
    value: String,
}

/// A proof node: `{"absent"?, "aggregates"?, "confirmation"?, "day", "fact", "holds", "premises"?, "rule"?,
/// "statements"?, "via"?}`: a base fact has statements and a confirmation, a derived one a rule, premises and
/// absent atoms.
#[derive(Serialize)]
struct ProofJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    absent: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aggregates: Option<Vec<AggregateJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confirmation: Option<Option<ConfirmationJson>>,
    day: String,
    fact: String,
    holds: JsonInterval,
    #[serde(skip_serializing_if = "Option::is_none")]
    premises: Option<Vec<ProofJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    statements: Option<Vec<StatementJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'a str>,
}

fn day_text(day: Option<Day>) -> Option<String> {
    day.map(|d| d.to_string())
}

fn statement_json(db: &Database, id: crate::program::AssertionId) -> StatementJson<'_> {
    let statement = db.store.assertion(id);
    let time = match statement.time {
        FactTime::Always => TimeJson::Always(true),
        FactTime::During(i) if statement.snapshot => TimeJson::ListedOn(i.from.to_string()),
        FactTime::During(i) => TimeJson::During(JsonInterval::from(&i)),
        FactTime::From(d) => TimeJson::From(d.to_string()),
        FactTime::Until(d) => TimeJson::Until(d.to_string()),
    };
    let cites = statement
        .cites
        .iter()
        .map(|c| {
            let source = db.sources.get(&c.source);
            CiteJson {
                basis: c.basis.name(),
                doc: source.and_then(|s| s.doc.as_deref()),
                lines: source.and_then(|s| s.lines).map(|(a, b)| [a, b]),
                published: day_text(source.and_then(|s| s.published)),
                quote: c.quote.as_deref(),
                source: c.source.as_str(),
            }
        })
        .collect();
    StatementJson { cites, time }
}

fn confirmation_json(db: &Database, proof: &Proof) -> Option<ConfirmationJson> {
    let c = confirm_base(db, proof.pred, &proof.tuple, proof.day)?;
    Some(ConfirmationJson {
        confirmed: c.confirmed.as_ref().map(JsonInterval::from),
        first_confirmed: day_text(c.first_confirmed),
        last_confirmed: day_text(c.last_confirmed),
        presumed: c.presumed,
    })
}

fn node<'a>(db: &'a Database, proof: &'a Proof) -> ProofJson<'a> {
    let mut node = ProofJson {
        absent: None,
        aggregates: None,
        confirmation: None,
        day: proof.day.to_string(),
        fact: crate::syntax::write_atom(proof.pred, &proof.tuple),
        holds: JsonInterval::from(&proof.interval),
        premises: None,
        rule: None,
        statements: None,
        via: proof.via.as_deref(),
    };
    match &proof.kind {
        ProofKind::Base { statements } => {
            node.statements = Some(statements.iter().map(|id| statement_json(db, *id)).collect());
            node.confirmation = Some(confirmation_json(db, proof));
        }
        ProofKind::Derived { rule, premises, absent, aggregates } => {
            node.rule = Some(db.rules[*rule].one_line());
            node.premises = Some(premises.iter().map(|p| self::node(db, p)).collect());
            node.absent = Some(absent);
            if !aggregates.is_empty() {
                let each = |a: &'a crate::provenance::AggregateProof| AggregateJson {
                    aggregate: &a.text,
                    members: a.members.iter().map(|m| m.iter().map(|p| self::node(db, p)).collect()).collect(),
                    value: crate::syntax::write_value(&a.value),
                };
                node.aggregates = Some(aggregates.iter().map(each).collect());
            }
        }
    }
    node
}

/// A proof tree as JSON (see `ProofJson`).
pub fn proof_json(db: &Database, proof: &Proof) -> Json {
    serde_json::to_value(node(db, proof)).unwrap_or(Json::Null)
}

/// `{"covered", "day", "ended_by", "fact", "holds": false, "nearest_after", "nearest_before", "reasons"}`:
/// `covered` false when the sources do not settle the absence (unknown rather than no), `ended_by` the statements
/// that ended the last interval before the day.
#[derive(Serialize)]
struct WhyNotJson<'a> {
    covered: bool,
    day: String,
    ended_by: Vec<StatementJson<'a>>,
    fact: String,
    holds: bool,
    nearest_after: Option<JsonInterval>,
    nearest_before: Option<JsonInterval>,
    reasons: &'a [String],
}

/// A why-not answer as JSON (see `WhyNotJson`).
pub fn why_not_json(db: &Database, answer: &WhyNot) -> Json {
    let json = WhyNotJson {
        covered: answer.settled,
        day: answer.day.to_string(),
        ended_by: answer.ended_by.iter().map(|id| statement_json(db, *id)).collect(),
        fact: crate::syntax::write_atom(answer.pred, &answer.tuple),
        holds: false,
        nearest_after: answer.after.as_ref().map(JsonInterval::from),
        nearest_before: answer.before.as_ref().map(JsonInterval::from),
        reasons: &answer.reasons,
    };
    serde_json::to_value(json).unwrap_or(Json::Null)
}

/// `{"day", "fact", "holds"}`: the answer to `why` for a fact that does not hold, or to `why not` for one that
/// does (the text says which question to ask instead).
#[derive(Serialize)]
pub struct HoldsJson {
    day: String,
    fact: String,
    holds: bool,
}

/// A `why` or `why not` whose fact does (`holds`) or does not hold on `day`, with nothing more to show.
pub fn holds_json(fact: String, day: Day, holds: bool) -> Json {
    serde_json::to_value(HoldsJson { day: day.to_string(), fact, holds }).unwrap_or(Json::Null)
}
