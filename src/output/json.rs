//! Answers as JSON: `{"query", "answers": [{"bindings", "valid", "provenance"}]}`, keys in a fixed order.

use crate::db::Database;
use crate::query::QueryResult;
use crate::syntax::QueryTime;
use crate::time::interval::JsonInterval;
use serde_json::{json, Map, Value as Json};

/// A value as JSON: integers as numbers, everything else as it prints (country codes upper case).
pub fn value_json(db: &Database, value: &crate::value::Value) -> Json {
    match value {
        crate::value::Value::Int(n) => json!(n),
        other => json!(db.show(other)),
    }
}

/// Named variables and their values, as a JSON object in variable order.
pub fn bindings_json(db: &Database, vars: &[crate::symbol::Symbol], values: &[crate::value::Value]) -> Json {
    let mut bindings = Map::new();
    for (var, value) in vars.iter().zip(values) {
        bindings.insert(var.to_string(), value_json(db, value));
    }
    Json::Object(bindings)
}

pub fn query_json(db: &Database, result: &QueryResult) -> Json {
    if let Some((_, steps)) = &result.aggregate {
        return super::aggregate::aggregate_json(db, result, steps);
    }
    let answers: Vec<Json> = result
        .answers
        .iter()
        .map(|a| {
            let bindings = bindings_json(db, &result.vars, &a.values);
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
