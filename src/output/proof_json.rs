//! Proof trees and why-not answers as JSON, for programs: the same content as the text trees, as data.

use crate::db::Database;
use crate::provenance::{confirm_base, Proof, ProofKind, WhyNot};
use crate::syntax::FactTime;
use crate::time::interval::JsonInterval;
use serde_json::{json, Value as Json};

fn statement_json(db: &Database, id: crate::program::AssertionId) -> Json {
    let statement = db.store.assertion(id);
    let time = match statement.time {
        FactTime::Always => json!({ "always": true }),
        FactTime::During(i) if statement.snapshot => json!({ "listed_on": i.from.to_string() }),
        FactTime::During(i) => json!({ "during": JsonInterval::from(&i) }),
        FactTime::From(d) => json!({ "from": d.to_string() }),
        FactTime::Until(d) => json!({ "until": d.to_string() }),
    };
    let cites: Vec<Json> = statement
        .cites
        .iter()
        .map(|c| {
            let source = db.sources.get(&c.source);
            json!({
                "source": c.source.as_str(),
                "quote": c.quote,
                "basis": c.basis.name(),
                "doc": source.and_then(|s| s.doc.clone()),
                "lines": source.and_then(|s| s.lines).map(|(a, b)| [a, b]),
                "published": source.and_then(|s| s.published).map(|d| d.to_string()),
            })
        })
        .collect();
    json!({ "time": time, "cites": cites })
}

/// A leaf's confirmation: `{"confirmed": interval | null, "first_confirmed", "last_confirmed", "presumed"}`, the
/// dates null when no dated source speaks of the fact.
fn confirmation_json(db: &Database, proof: &Proof) -> Json {
    let Some(c) = confirm_base(db, proof.pred, &proof.tuple, proof.day) else { return Json::Null };
    let day = |d: Option<crate::time::Day>| d.map(|d| d.to_string());
    json!({
        "confirmed": c.confirmed.as_ref().map(JsonInterval::from),
        "first_confirmed": day(c.first_confirmed),
        "last_confirmed": day(c.last_confirmed),
        "presumed": c.presumed,
    })
}

/// `{"fact", "day", "holds", "via"?, "statements" + "confirmation" | "rule" + "premises" + "absent"}`.
pub fn proof_json(db: &Database, proof: &Proof) -> Json {
    let mut node = json!({
        "fact": crate::syntax::write_atom(proof.pred, &proof.tuple),
        "day": proof.day.to_string(),
        "holds": JsonInterval::from(&proof.interval),
    });
    if let Some(via) = &proof.via {
        node["via"] = json!(via);
    }
    match &proof.kind {
        ProofKind::Base { statements } => {
            node["statements"] = Json::Array(statements.iter().map(|id| statement_json(db, *id)).collect());
            node["confirmation"] = confirmation_json(db, proof);
        }
        ProofKind::Derived { rule, premises, absent, aggregates } => {
            node["rule"] = json!(db.rules[*rule].one_line());
            node["premises"] = Json::Array(premises.iter().map(|p| proof_json(db, p)).collect());
            node["absent"] = json!(absent);
            if !aggregates.is_empty() {
                let each = |a: &crate::provenance::AggregateProof| {
                    let members: Vec<Json> =
                        a.members.iter().map(|m| Json::Array(m.iter().map(|p| proof_json(db, p)).collect())).collect();
                    json!({ "aggregate": a.text, "value": crate::syntax::write_value(&a.value), "members": members })
                };
                node["aggregates"] = Json::Array(aggregates.iter().map(each).collect());
            }
        }
    }
    node
}

/// `{"fact", "day", "holds": false, "nearest_before", "nearest_after", "reasons"}`.
pub fn why_not_json(_db: &Database, answer: &WhyNot) -> Json {
    json!({
        "fact": crate::syntax::write_atom(answer.pred, &answer.tuple),
        "day": answer.day.to_string(),
        "holds": false,
        "nearest_before": answer.before.as_ref().map(JsonInterval::from),
        "nearest_after": answer.after.as_ref().map(JsonInterval::from),
        "reasons": answer.reasons,
    })
}
