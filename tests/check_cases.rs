//! The traveller cases of issue 19 (tests/check/cases.jsonl): questions a migration consultant or a traveller asks
//! (a citizenship, a day, air or land, a purpose), each answered from the five documents alone, every expected field
//! justified by a quote. Three checks of the data: the cases are well formed and spread over the regimes the
//! documents describe; every quote is found verbatim in its document (white space collapsed); every expected field
//! has a quote. And the check of the product: `tkb check` answers every case as expected (issue 19 item 1).
//!
//! The format (also in tests/check/README.md): one JSON object a line, `{"id", "citizen", "date", "by", "purpose",
//! "regimes": [..], "expect": {key: value}, "why": {key: [{"doc", "quote"}]}, "note"}`. An `expect` key is
//! `verdict`, `covered`, a topic (`entry`, `visa`, `idc_permission`, `pcr_certificate`, `quarantine`,
//! `registration`: its status) or `topic.field` (a detail of that topic's requirement). `null` expects a detail
//! that is null or absent: no limit, or not known. A key left out is not checked.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

const DOCS: [&str; 5] = [
    "000_5f0a353ec4c2853f.txt",
    "001_339fd5bf1127cb2d.txt",
    "002_fe4e5099f280df2e.txt",
    "003_df8d5c9fbba29a34.txt",
    "004_eb2ce8cfc6006bcb.txt",
];

const PURPOSES: [&str; 7] = ["tourism", "business", "private", "work", "study", "medical", "transit"];

/// The regimes the cases must cover, each by at least two cases (the tags of a case's `regimes`).
const REGIMES: [&str; 14] = [
    "uncovered",
    "visa_free_list",
    "visa_free_bilateral",
    "visa_free_cis",
    "visa_free_suspension",
    "border_closure",
    "idc_permission",
    "idc_exemption",
    "pcr",
    "quarantine",
    "country_ban",
    "lifting",
    "registration",
    "evisa",
];

/// The statuses a top-level key or a topic may take.
fn statuses(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "verdict" => &["may_enter", "may_enter_if", "may_not_enter", "unknown"],
        "entry" => &["allowed", "not_allowed", "unknown"],
        "visa" => &["not_required", "required", "unknown"],
        "idc_permission" | "pcr_certificate" | "quarantine" | "registration" => {
            &["required", "not_required", "unknown"]
        }
        _ => return None,
    })
}

/// The details of each topic, and whether a detail is a number (else a boolean).
fn detail_is_number(key: &str) -> Option<bool> {
    Some(match key {
        "visa.stay_days" | "pcr_certificate.max_age_hours" | "quarantine.days" | "registration.within_days" => true,
        "visa.evisa" => false,
        _ if key.ends_with(".presumed") && statuses(topic(key)).is_some() => false,
        _ => return None,
    })
}

/// The topic of an `expect` key (`visa.stay_days` is about `visa`).
fn topic(key: &str) -> &str {
    key.split('.').next().unwrap_or(key)
}

struct Case {
    line: usize,
    json: Value,
}

impl Case {
    fn id(&self) -> &str {
        self.json["id"].as_str().unwrap_or("?")
    }
    fn text(&self, key: &str) -> &str {
        self.json[key]
            .as_str()
            .unwrap_or_else(|| panic!("case {} (line {}): `{key}` is not a string", self.id(), self.line))
    }
    fn expect(&self) -> &serde_json::Map<String, Value> {
        self.json["expect"].as_object().unwrap_or_else(|| panic!("case {}: `expect` is not an object", self.id()))
    }
    /// The quotes given for a key: under the key itself, else under its topic.
    fn quotes(&self, key: &str) -> Vec<(String, String)> {
        let why = &self.json["why"];
        let list = why.get(key).or_else(|| why.get(topic(key))).and_then(Value::as_array);
        list.into_iter()
            .flatten()
            .map(|q| (q["doc"].as_str().unwrap_or("").to_string(), q["quote"].as_str().unwrap_or("").to_string()))
            .collect()
    }
}

fn cases() -> Vec<Case> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/check/cases.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Case {
            line: i + 1,
            json: serde_json::from_str(l).unwrap_or_else(|e| panic!("cases.jsonl line {}: {e}", i + 1)),
        })
        .collect()
}

fn corpus_dir() -> PathBuf {
    let dir = std::env::var_os("TKB_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    assert!(
        dir.is_dir(),
        "the corpus is missing: {} (set TKB_CORPUS to the folder of the five documents)",
        dir.display()
    );
    dir
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an expected value is one the key can take.
fn valid_value(key: &str, value: &Value) -> bool {
    match (key, statuses(key), detail_is_number(key)) {
        ("covered", _, _) => value.is_boolean(),
        (_, Some(allowed), _) => value.as_str().is_some_and(|v| allowed.contains(&v)),
        (_, None, Some(true)) => value.is_null() || value.as_i64().is_some_and(|n| n > 0),
        (_, None, Some(false)) => value.is_null() || value.is_boolean(),
        _ => false,
    }
}

/// Whether a case expects an honest "unknown" somewhere: a status `unknown`, or an e-visa that no source settles.
fn expects_unknown(case: &Case) -> bool {
    case.expect().iter().any(|(k, v)| v == "unknown" || (k == "visa.evisa" && v.is_null()))
}

#[test]
fn the_cases_are_well_formed_and_spread_over_the_regimes() {
    let cases = cases();
    assert!(cases.len() >= 40, "issue 19 asks for at least 40 cases, found {}", cases.len());
    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    let mut per_regime: BTreeMap<String, usize> = BTreeMap::new();
    for case in &cases {
        let id = case.id().to_string();
        if !ids.insert(id.clone()) {
            problems.push(format!("{id}: the id is used twice"));
        }
        let citizen = case.text("citizen");
        if citizen.len() != 2 || !citizen.chars().all(|c| c.is_ascii_lowercase()) {
            problems.push(format!("{id}: citizen `{citizen}` is not a lower-case ISO 3166 alpha-2 code"));
        }
        if chrono::NaiveDate::parse_from_str(case.text("date"), "%Y-%m-%d").is_err() {
            problems.push(format!("{id}: `{}` is not a day", case.text("date")));
        }
        if !["air", "land"].contains(&case.text("by")) {
            problems.push(format!("{id}: by `{}` is neither air nor land", case.text("by")));
        }
        if !PURPOSES.contains(&case.text("purpose")) {
            problems.push(format!("{id}: purpose `{}` is not one of {PURPOSES:?}", case.text("purpose")));
        }
        if case.expect().is_empty() {
            problems.push(format!("{id}: expects nothing"));
        }
        for (key, value) in case.expect() {
            if !valid_value(key, value) {
                problems.push(format!("{id}: `{key}: {value}` is not a key and value `tkb check` answers"));
            }
        }
        for tag in case.json["regimes"].as_array().into_iter().flatten() {
            let tag = tag.as_str().unwrap_or("");
            if !REGIMES.contains(&tag) && tag != "unknown" {
                problems.push(format!("{id}: unknown regime tag `{tag}`"));
            }
            *per_regime.entry(tag.to_string()).or_default() += 1;
        }
    }
    for regime in REGIMES {
        if per_regime.get(regime).copied().unwrap_or(0) < 2 {
            problems.push(format!("regime `{regime}` has fewer than two cases"));
        }
    }
    let unknown = cases.iter().filter(|c| expects_unknown(c)).count();
    if unknown < 5 {
        problems.push(format!("only {unknown} cases expect an honest unknown: silence must not read as no"));
    }
    let years: BTreeSet<&str> = cases.iter().map(|c| &c.text("date")[..4]).collect();
    for year in ["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2026"] {
        if !years.contains(year) {
            problems.push(format!("no case in {year}"));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// (a) Every quote appears verbatim in its document, line breaks and runs of spaces read as one space.
#[test]
fn every_quote_is_found_verbatim_in_its_document() {
    let dir = corpus_dir();
    let texts: BTreeMap<&str, String> = DOCS
        .iter()
        .map(|d| (*d, squash(&std::fs::read_to_string(dir.join(d)).unwrap_or_else(|e| panic!("{d}: {e}")))))
        .collect();
    let mut problems = Vec::new();
    let mut count = 0;
    for case in cases() {
        for (key, list) in case.json["why"].as_object().into_iter().flatten() {
            for quote in list.as_array().into_iter().flatten() {
                count += 1;
                let (doc, text) = (quote["doc"].as_str().unwrap_or(""), quote["quote"].as_str().unwrap_or(""));
                match texts.get(doc) {
                    None => problems.push(format!("{} {key}: `{doc}` is not one of the five documents", case.id())),
                    Some(_) if squash(text).is_empty() => problems.push(format!("{} {key}: an empty quote", case.id())),
                    Some(body) if !body.contains(&squash(text)) => {
                        problems.push(format!("{} {key}: not in {doc}: {text:?}", case.id()))
                    }
                    Some(_) => {}
                }
            }
        }
    }
    assert!(count >= 100, "the cases lost their quotes: {count}");
    assert!(problems.is_empty(), "{} quote(s) not found:\n{}", problems.len(), problems.join("\n"));
}

/// (b) Every expected field has at least one quote, under its own key or its topic; every quote is for a key.
#[test]
fn every_expected_field_has_a_quote() {
    let mut problems = Vec::new();
    for case in cases() {
        for key in case.expect().keys() {
            if case.quotes(key).is_empty() {
                problems.push(format!("{}: `{key}` is expected without a quote", case.id()));
            }
        }
        let keys: BTreeSet<&str> = case.expect().keys().flat_map(|k| [k.as_str(), topic(k)]).collect();
        for key in case.json["why"].as_object().into_iter().flatten().map(|(k, _)| k.as_str()) {
            if !keys.contains(key) {
                problems.push(format!("{}: quotes for `{key}`, which the case does not expect", case.id()));
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// The value `tkb check`'s JSON gives for an expect key, or None when the answer has no such field.
fn answered<'a>(json: &'a Value, key: &str) -> Option<&'a Value> {
    if key == "verdict" || key == "covered" {
        return json.get(key);
    }
    let requirement = json["requirements"].as_array()?.iter().find(|r| r["topic"] == topic(key))?;
    match key.split_once('.') {
        None => requirement.get("status"),
        Some((_, field)) => requirement.get(field),
    }
}

/// One case through the binary: every way its answer differs from the expectation.
fn check_case(case: &Case) -> Vec<String> {
    let id = case.id();
    let (citizen, date, by, purpose) = (case.text("citizen"), case.text("date"), case.text("by"), case.text("purpose"));
    let out = Command::new(env!("CARGO_BIN_EXE_tkb"))
        .args(["check", citizen, date, "--by", by, "--purpose", purpose, "--format", "json"])
        .env("NO_COLOR", "1")
        .output()
        .expect("tkb runs");
    let command = format!("tkb check {citizen} {date} --by {by} --purpose {purpose} --format json");
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or("");
        return vec![format!("{id}: `{command}` failed ({}): {first}", out.status)];
    }
    let json: Value = match serde_json::from_slice(&out.stdout) {
        Ok(json) => json,
        Err(e) => return vec![format!("{id}: `{command}` did not print JSON: {e}")],
    };
    let mut mismatches = Vec::new();
    for (key, echoed) in [("citizen", citizen), ("date", date), ("by", by), ("purpose", purpose)] {
        if !json[key].as_str().is_some_and(|v| v.eq_ignore_ascii_case(echoed)) {
            mismatches.push(format!("{id}: the answer's `{key}` is {}, not {echoed}", json[key]));
        }
    }
    for (key, expected) in case.expect() {
        let got = answered(&json, key);
        let agrees = match got {
            Some(value) => value == expected,
            None => expected.is_null(),
        };
        if !agrees {
            let got = got.map_or("nothing".to_string(), Value::to_string);
            let quotes: Vec<String> = case.quotes(key).iter().map(|(d, q)| format!("      {d}: {q:?}")).collect();
            mismatches
                .push(format!("{id}: `{key}` expected {expected}, got {got}; the sources say:\n{}", quotes.join("\n")));
        }
    }
    mismatches
}

/// (c) `tkb check` answers every case as the documents do, field by field.
#[test]
fn tkb_check_answers_every_case_as_the_documents_do() {
    let cases = cases();
    let mismatches: Vec<String> = cases.iter().flat_map(check_case).collect();
    let failing: BTreeSet<&str> = mismatches.iter().filter_map(|m| m.split(':').next()).collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} cases answered otherwise than the documents ({} mismatches):\n{}",
        failing.len(),
        cases.len(),
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// The runner itself reads the JSON agreed in /work/coord/PLAN.md: top-level keys, a topic's status, its details.
#[test]
fn the_runner_reads_the_agreed_json_shape() {
    let answer: Value = serde_json::json!({
        "citizen": "DE", "date": "2021-12-10", "by": "air", "purpose": "tourism", "covered": true,
        "verdict": "may_enter_if",
        "requirements": [
            {"topic": "visa", "status": "unknown", "stay_days": null, "evisa": false, "presumed": false, "provenance": []},
            {"topic": "quarantine", "status": "required", "days": 7, "presumed": true, "provenance": []}
        ]
    });
    assert_eq!(answered(&answer, "verdict"), Some(&Value::from("may_enter_if")));
    assert_eq!(answered(&answer, "covered"), Some(&Value::from(true)));
    assert_eq!(answered(&answer, "quarantine"), Some(&Value::from("required")));
    assert_eq!(answered(&answer, "quarantine.days"), Some(&Value::from(7)));
    assert_eq!(answered(&answer, "quarantine.presumed"), Some(&Value::from(true)));
    assert_eq!(answered(&answer, "visa.stay_days"), Some(&Value::Null));
    assert_eq!(answered(&answer, "visa.evisa"), Some(&Value::from(false)));
    assert_eq!(answered(&answer, "pcr_certificate"), None, "a topic the answer leaves out");
    assert_eq!(answered(&answer, "registration.within_days"), None);
}
