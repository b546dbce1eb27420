//! Answers as JSON, through serde types whose keys come in sorted order (the order of every object tkb writes):
//! `{"answers": [{"bindings", "last_confirmed", "names"?, "presumed"?, "provenance", "valid"}], "at"?, "query",
//! "warnings"}`, and an aggregate's `{"query", "steps", "warnings"}`.

use super::diag_json::{warnings_json, WarningJson};
use crate::db::Database;
use crate::diag::Diagnostic;
use crate::provenance::SourceRef;
use crate::query::aggregate::Steps;
use crate::query::names::CountryNames;
use crate::query::show;
use crate::query::QueryResult;
use crate::symbol::Symbol;
use crate::syntax::QueryTime;
use crate::time::interval::JsonInterval;
use crate::value::Value;
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A value as JSON: integers as numbers, everything else as it prints (country codes upper case).
#[derive(Serialize)]
#[serde(untagged)]
enum ValueJson {
    Int(i64),
    Text(String),
}

impl ValueJson {
    fn of(db: &Database, value: &Value) -> ValueJson {
        match value {
            Value::Int(n) => ValueJson::Int(*n),
            other => ValueJson::Text(show::show(db, other)),
        }
    }
}

/// Named variables and their values, as a JSON object (keys sorted, as every object tkb writes).
fn bindings(db: &Database, vars: &[Symbol], values: &[Value]) -> BTreeMap<String, ValueJson> {
    vars.iter().zip(values).map(|(var, value)| (var.to_string(), ValueJson::of(db, value))).collect()
}

/// A source an answer rests on: `{"doc", "lines", "published", "source", "title"}`.
#[derive(Serialize)]
struct SourceJson<'a> {
    doc: Option<&'a str>,
    lines: Option<[usize; 2]>,
    published: Option<&'a str>,
    source: &'a str,
    title: &'a str,
}

impl<'a> From<&'a SourceRef> for SourceJson<'a> {
    fn from(s: &'a SourceRef) -> SourceJson<'a> {
        SourceJson {
            doc: s.doc.as_deref(),
            lines: s.lines,
            published: s.published.as_deref(),
            source: &s.source,
            title: &s.title,
        }
    }
}

/// One answer: `{"bindings", "covered"?, "gaps"?, "last_confirmed", "names"?, "presumed"?, "provenance",
/// "valid"}`: `names` when a value is a country, `covered` (and `gaps` when false) and `presumed` for one-day
/// queries. `last_confirmed` is null when no dated source speaks of the
/// answer; such an answer is never presumed.
#[derive(Serialize)]
struct AnswerJson<'a> {
    bindings: BTreeMap<String, ValueJson>,
    /// One-day queries: false when the answer rests on silence the sources do not settle (`output::coverage`).
    #[serde(skip_serializing_if = "Option::is_none")]
    covered: Option<bool>,
    /// The gaps such an answer rests on.
    #[serde(skip_serializing_if = "Option::is_none")]
    gaps: Option<Json>,
    last_confirmed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    names: Option<BTreeMap<String, &'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    presumed: Option<bool>,
    provenance: Vec<SourceJson<'a>>,
    valid: Vec<JsonInterval>,
}

fn answer<'a>(db: &Database, result: &'a QueryResult, k: usize, names: &'a CountryNames) -> AnswerJson<'a> {
    let a = &result.answers;
    let values = a.values(k);
    let confirmation = a.confirmation(k);
    let countries: BTreeMap<String, &str> = values
        .iter()
        .filter(|v| show::is_country(db, v))
        .filter_map(|v| names.name(v).map(|name| (show::show(db, v), name)))
        .collect();
    let coverage = super::coverage::answer_keys(result, k);
    let key = |name: &str| coverage.iter().find(|(key, _)| *key == name).map(|(_, value)| value.clone());
    AnswerJson {
        bindings: bindings(db, &result.vars, &values),
        covered: key("covered").and_then(|v| v.as_bool()),
        gaps: key("gaps"),
        last_confirmed: confirmation.and_then(|c| c.last_confirmed).map(|d| d.to_string()),
        names: (!countries.is_empty()).then_some(countries),
        presumed: matches!(result.time, QueryTime::At(_)).then(|| confirmation.is_some_and(|c| c.presumed)),
        provenance: a.sources(k).iter().map(SourceJson::from).collect(),
        valid: a.valid(k).intervals().iter().map(JsonInterval::from).collect(),
    }
}

/// A query result as a JSON document that serializes its answers one at a time, never holding them all as JSON:
/// `{"answers", "at"?, "query", "warnings"}`, or for an aggregate `{"query", "steps", "warnings"}`. The one
/// writer of answers as JSON: the command line streams it, `query_json` makes a value of it.
pub struct ResultJson<'a> {
    /// The database the values are shown with (country names, upper-case codes).
    pub db: &'a Database,
    /// The answers to write.
    pub result: &'a QueryResult,
    /// The hints the query deserved, written as `"warnings"`.
    pub warnings: &'a [Diagnostic],
}

impl Serialize for ResultJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let warnings: Vec<WarningJson> = warnings_json(self.warnings);
        let mut map = serializer.serialize_map(None)?;
        if let Some((_, steps)) = &self.result.aggregate {
            map.serialize_entry("query", &self.result.text)?;
            map.serialize_entry("steps", &StepsJson { db: self.db, result: self.result, steps })?;
            map.serialize_entry("warnings", &warnings)?;
            return map.end();
        }
        map.serialize_entry("answers", &Answers(self))?;
        if let QueryTime::At(day) = self.result.time {
            map.serialize_entry("at", &day.to_string())?;
        }
        // Keys in sorted order, as in every object tkb writes: covered and gaps before query, unsettled after.
        let coverage = super::coverage::result_keys(self.result);
        for (key, value) in coverage.iter().filter(|(k, _)| *k < "query") {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("query", &self.result.text)?;
        for (key, value) in coverage.iter().filter(|(k, _)| *k > "query") {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("warnings", &warnings)?;
        map.end()
    }
}

struct Answers<'r, 'a>(&'r ResultJson<'a>);

impl Serialize for Answers<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (db, result) = (self.0.db, self.0.result);
        let names = CountryNames::of(db);
        serializer.collect_seq((0..result.answers.len()).map(|k| answer(db, result, k, &names)))
    }
}

/// An aggregate's step function: one `{"changes", "from", "to", "value"}` per step, each change
/// `{"bindings", "change": "start" | "end"}`.
struct StepsJson<'a> {
    db: &'a Database,
    result: &'a QueryResult,
    steps: &'a Steps,
}

#[derive(Serialize)]
struct StepJson {
    changes: Vec<ChangeJson>,
    from: Option<String>,
    to: Option<String>,
    value: Option<ValueJson>,
}

#[derive(Serialize)]
struct ChangeJson {
    bindings: BTreeMap<String, ValueJson>,
    change: &'static str,
}

impl Serialize for StepsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (db, vars) = (self.db, &self.result.vars);
        serializer.collect_seq(self.steps.iter().enumerate().map(|(k, s)| {
            let (from, to) = s.interval.json_ends();
            let changes = self
                .steps
                .changes(k)
                .iter()
                .map(|c| ChangeJson {
                    bindings: bindings(db, vars, &c.binding),
                    change: if c.started { "start" } else { "end" },
                })
                .collect();
            StepJson { changes, from, to, value: s.value.map(|v| ValueJson::of(db, &v)) }
        }))
    }
}

/// Writes a result as JSON: pretty (two-space indent) or on one line.
pub fn write_json(w: &mut dyn std::io::Write, value: &impl serde::Serialize, pretty: bool) -> std::io::Result<()> {
    let result =
        if pretty { serde_json::to_writer_pretty(&mut *w, value) } else { serde_json::to_writer(&mut *w, value) };
    result.map_err(std::io::Error::from)
}

/// A query's result as one JSON value, warnings included: what `ResultJson` writes.
pub fn query_json(db: &Database, result: &QueryResult, warnings: &[Diagnostic]) -> Json {
    serde_json::to_value(ResultJson { db, result, warnings }).unwrap_or(Json::Null)
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
