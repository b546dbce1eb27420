//! Answers as JSON: `{"query", "answers": [{"bindings", "valid", "provenance"}]}`, keys in a fixed order.

use crate::db::Database;
use crate::query::QueryResult;
use crate::syntax::QueryTime;
use crate::time::interval::JsonInterval;
use serde_json::{json, Map, Value as Json};

pub fn query_json(db: &Database, result: &QueryResult) -> Json {
    if let Some((_, steps)) = &result.aggregate {
        return super::aggregate::aggregate_json(db, result, steps);
    }
    let answers: Vec<Json> = result
        .answers
        .iter()
        .map(|a| {
            let mut bindings = Map::new();
            for (var, value) in result.vars.iter().zip(&a.values) {
                bindings.insert(
                    var.to_string(),
                    match value {
                        crate::value::Value::Int(n) => json!(n),
                        other => json!(db.show(other)),
                    },
                );
            }
            let valid: Vec<JsonInterval> = a.valid.intervals().iter().map(JsonInterval::from).collect();
            json!({ "bindings": bindings, "valid": valid, "provenance": a.provenance })
        })
        .collect();
    let mut object = Map::new();
    object.insert("query".into(), json!(result.text));
    if let QueryTime::At(day) = result.time {
        object.insert("at".into(), json!(day.to_string()));
    }
    object.insert("answers".into(), Json::Array(answers));
    Json::Object(object)
}

/// One JSON document (pretty) for a single result; a script's results are an array, or one per line in jsonl.
pub fn render_json(values: &[Json], lines: bool) -> String {
    if lines {
        values.iter().map(|v| v.to_string() + "\n").collect()
    } else if values.len() == 1 {
        serde_json::to_string_pretty(&values[0]).unwrap_or_default() + "\n"
    } else {
        serde_json::to_string_pretty(&Json::Array(values.to_vec())).unwrap_or_default() + "\n"
    }
}
