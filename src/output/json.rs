//! Answers as JSON: `{"query", "answers": [{"bindings", "last_confirmed", "presumed", "provenance", "valid"}]}`,
//! keys in a fixed (sorted) order.

use crate::db::Database;
use crate::query::aggregate::Steps;
use crate::query::names::CountryNames;
use crate::query::show;
use crate::query::QueryResult;
use crate::syntax::QueryTime;
use crate::time::interval::JsonInterval;
use serde_json::{json, Map, Value as Json};

/// A value as JSON: integers as numbers, everything else as it prints (country codes upper case).
pub fn value_json(db: &Database, value: &crate::value::Value) -> Json {
    match value {
        crate::value::Value::Int(n) => json!(n),
        other => json!(show::show(db, other)),
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

/// One answer as JSON: `{"bindings", "last_confirmed", "presumed" (one-day queries), "provenance", "valid"}`,
/// and `"names"` when a value is a country. `last_confirmed` is null when no dated source speaks of the answer;
/// such an answer is never presumed.
fn answer_json(db: &Database, result: &QueryResult, k: usize, names: &CountryNames) -> Json {
    let a = &result.answers;
    let values = a.values(k);
    let bindings = bindings_json(db, &result.vars, &values);
    let valid: Vec<JsonInterval> = a.valid(k).intervals().iter().map(JsonInterval::from).collect();
    let confirmation = a.confirmation(k);
    let last_confirmed = confirmation.and_then(|c| c.last_confirmed).map(|d| d.to_string());
    let mut answer =
        json!({ "bindings": bindings, "last_confirmed": last_confirmed, "valid": valid, "provenance": a.sources(k) });
    if let QueryTime::At(_) = result.time {
        answer["presumed"] = json!(confirmation.is_some_and(|c| c.presumed));
    }
    for (key, value) in super::coverage::answer_keys(result, k) {
        answer[key] = value;
    }
    if let (Some(names), Json::Object(object)) = (names.json(db, &values), &mut answer) {
        object.insert("names".into(), names);
    }
    answer
}

/// A query result as a JSON document that serializes its answers one at a time, never holding them all as JSON.
/// Keys come in the order a `serde_json::Map` keeps them (sorted), so the bytes equal `query_json`'s.
pub struct ResultJson<'a> {
    /// The database the values are shown with (country names, upper-case codes).
    pub db: &'a Database,
    /// The answers to write.
    pub result: &'a QueryResult,
    /// The hints the query deserved, written as `"warnings"`.
    pub warnings: &'a [crate::diag::Diagnostic],
}

impl serde::Serialize for ResultJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if self.result.aggregate.is_some() {
            return with_warnings(query_json(self.db, self.result), self.warnings).serialize(serializer);
        }
        let mut map = serializer.serialize_map(None)?;
        let answers = Answers(self);
        map.serialize_entry("answers", &answers)?;
        if let QueryTime::At(day) = self.result.time {
            map.serialize_entry("at", &day.to_string())?;
        }
        // Keys in sorted order, as `query_json`'s map keeps them: covered and gaps before query, unsettled after.
        let coverage = super::coverage::result_keys(self.result);
        for (key, value) in coverage.iter().filter(|(k, _)| *k < "query") {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("query", &self.result.text)?;
        for (key, value) in coverage.iter().filter(|(k, _)| *k > "query") {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("warnings", &super::diag_json::warnings_json(self.warnings))?;
        map.end()
    }
}

struct Answers<'r, 'a>(&'r ResultJson<'a>);

impl serde::Serialize for Answers<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (db, result) = (self.0.db, self.0.result);
        let names = CountryNames::of(db);
        serializer.collect_seq((0..result.answers.len()).map(|k| answer_json(db, result, k, &names)))
    }
}

/// Writes a result as JSON: pretty (two-space indent) or on one line.
pub fn write_json(w: &mut dyn std::io::Write, value: &impl serde::Serialize, pretty: bool) -> std::io::Result<()> {
    let result =
        if pretty { serde_json::to_writer_pretty(&mut *w, value) } else { serde_json::to_writer(&mut *w, value) };
    result.map_err(std::io::Error::from)
}

/// A query's result as one JSON value: the query, and its answers (or an aggregate's steps).
pub fn query_json(db: &Database, result: &QueryResult) -> Json {
    if let Some((_, steps)) = &result.aggregate {
        return aggregate_json(db, result, steps);
    }
    let names = CountryNames::of(db);
    let answers: Vec<Json> = (0..result.answers.len()).map(|k| answer_json(db, result, k, &names)).collect();
    let mut object = Map::new();
    object.insert("query".into(), json!(result.text));
    if let QueryTime::At(day) = result.time {
        object.insert("at".into(), json!(day.to_string()));
    }
    object.insert("answers".into(), Json::Array(answers));
    for (key, value) in super::coverage::result_keys(result) {
        object.insert(key.into(), value);
    }
    Json::Object(object)
}

/// `value` (a JSON object) with the hints its statement deserved as `"warnings": [{"code", "message"}]`.
pub fn with_warnings(mut value: Json, warnings: &[crate::diag::Diagnostic]) -> Json {
    if let Json::Object(object) = &mut value {
        let list = serde_json::to_value(super::diag_json::warnings_json(warnings)).unwrap_or_default();
        object.insert("warnings".into(), list);
    }
    value
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

/// An aggregate's step function: one object per step with its value and the bindings that started or ended.
fn aggregate_json(db: &Database, result: &QueryResult, steps: &Steps) -> Json {
    let steps: Vec<Json> = steps
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let (from, to) = s.interval.json_ends();
            let changes: Vec<Json> = steps
                .changes(k)
                .iter()
                .map(|c| {
                    let bindings = bindings_json(db, &result.vars, &c.binding);
                    json!({ "bindings": bindings, "change": if c.started { "start" } else { "end" } })
                })
                .collect();
            let value = s.value.map(|v| value_json(db, &v)).unwrap_or(Json::Null);
            json!({ "from": from, "to": to, "value": value, "changes": changes })
        })
        .collect();
    json!({ "query": result.text, "steps": steps })
}
