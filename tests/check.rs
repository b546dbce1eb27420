//! `tkb check` as users run it (issue 19): ten traveller questions answered directly and consistently (the issue's
//! three, then seven more), each card set beside the queries whose disagreement the issue reported; the card's
//! JSON shape; the REPL's `.check`; `tkb why` on a requirement; bad input. The traveller cases written from the
//! documents alone are in tests/check/cases.jsonl (tests/check_cases.rs).

use serde_json::Value;
use std::process::Command;

const TKB: &str = env!("CARGO_BIN_EXE_tkb");

fn run(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(TKB).args(args).env("NO_COLOR", "1").output().expect("tkb runs");
    let code = out.status.code().unwrap_or(-1);
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), code)
}

/// The card of `tkb check CITIZEN DATE --by BY --purpose PURPOSE --format json`.
fn card(citizen: &str, date: &str, by: &str, purpose: &str) -> Value {
    let (out, err, code) = run(&["check", citizen, date, "--by", by, "--purpose", purpose, "--format", "json"]);
    assert_eq!(code, 0, "tkb check {citizen} {date}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn requirement<'a>(card: &'a Value, topic: &str) -> &'a Value {
    card["requirements"].as_array().and_then(|r| r.iter().find(|r| r["topic"] == topic)).expect("every topic")
}

fn status<'a>(card: &'a Value, topic: &str) -> &'a str {
    requirement(card, topic)["status"].as_str().unwrap_or("")
}

/// One query's JSON answer.
fn query(q: &str) -> Value {
    let (out, err, code) = run(&["query", "--format", "json", q]);
    assert_eq!(code, 0, "{q}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn answers(q: &str) -> Vec<Value> {
    query(q)["answers"].as_array().cloned().unwrap_or_default()
}

/// The text of `tkb why FACT` (or `not FACT`).
fn why(fact: &str) -> String {
    let (out, err, code) = run(&["why", fact]);
    assert_eq!(code, 0, "why {fact}: {err}");
    out
}

#[test]
fn q01_a_us_citizen_on_2021_06_01_needs_a_visa_idc_permission_and_a_pcr_certificate() {
    // The issue: `visa_free_stay_days(us, D) @ 2021-06-01` answers 30 while `visa_free_suspended` and
    // `idc_required(us, air)` hold; the suspension wins (001 line 1087), so the card gives no visa-free stay.
    let c = card("us", "2021-06-01", "air", "tourism");
    assert_eq!(c["verdict"], "may_enter_if");
    assert_eq!(status(&c, "visa"), "required");
    assert_eq!(requirement(&c, "visa")["stay_days"], Value::Null);
    assert_eq!(status(&c, "idc_permission"), "required");
    assert_eq!(status(&c, "pcr_certificate"), "required");
    assert_eq!(requirement(&c, "pcr_certificate")["max_age_hours"], 72);
    assert_eq!(answers("visa_free_stay_days(us, D) @ 2021-06-01")[0]["bindings"]["D"], 30);
    assert_eq!(answers("visa_free_suspended @ 2021-06-01").len(), 1);
    assert_eq!(answers("idc_required(us, air) @ 2021-06-01").len(), 1);
}

#[test]
fn q02_a_german_flying_in_on_business_on_2021_03_01_is_exempt_under_its_conditions() {
    // The issue: `idc_exempt(de)` holds while `idc_permission_required_for(business_visitor)` does; the exemption,
    // by citizenship, wins, and its conditions are on the card.
    let c = card("de", "2021-03-01", "air", "business");
    assert_eq!(c["verdict"], "may_enter_if");
    assert_eq!(status(&c, "entry"), "allowed");
    assert_eq!(status(&c, "idc_permission"), "not_required");
    let conditions = requirement(&c, "idc_permission")["conditions"].to_string();
    assert!(conditions.contains("departure from the country of citizenship"), "{conditions}");
    assert!(conditions.contains("transit flight through the country of citizenship"), "{conditions}");
    assert_eq!(status(&c, "pcr_certificate"), "required");
    assert_eq!(answers("idc_exempt(de) @ 2021-03-01").len(), 1);
    assert_eq!(answers("idc_permission_required_for(business_visitor) @ 2021-03-01").len(), 1);
    // The requirement's `why` works with `tkb why`.
    let proof = why("check_status(de, air, business, idc_permission, not_required) @ 2021-03-01");
    assert!(proof.contains("idc_exempt(de)") && proof.contains("s001_l1351"), "{proof}");
}

#[test]
fn q03_russian_visa_free_entry_is_unknown_for_tourists_and_settled_for_work() {
    // The issue: `visa_free_stay_days(ru, D)` said it never holds. No source states Russians' visa-free stay.
    let tourist = card("ru", "2021-06-01", "air", "tourism");
    assert_eq!(status(&tourist, "visa"), "unknown");
    let notes = requirement(&tourist, "visa")["notes"].to_string();
    assert!(notes.contains("visa_free_stay_days(ru, _)"), "{notes}");
    let asked = query("visa_free_stay_days(ru, D) @ 2021-06-01");
    assert_eq!(asked["covered"], false, "{asked}");
    let (table, _, _) = run(&["query", "visa_free_stay_days(ru, D)"]);
    assert!(!table.contains("(0 answers)\n"), "silence must not read as no: {table}");
    let worker = card("ru", "2021-08-10", "air", "work");
    assert_eq!(status(&worker, "visa"), "not_required");
}

#[test]
fn q04_citizens_of_the_eleven_countries_may_not_enter_until_the_lifting() {
    let banned = card("bw", "2021-12-20", "air", "business");
    assert_eq!(banned["verdict"], "may_not_enter");
    assert_eq!(status(&banned, "entry"), "not_allowed");
    let lifted = card("bw", "2022-05-01", "air", "business");
    assert_eq!(status(&lifted, "entry"), "allowed");
    // The ban ends with the regime: the lifting of 2022-04-11 (001 line 119) is cited.
    assert!(why("not entry_restricted(bw) @ 2022-05-01").contains("s001_l117"));
}

#[test]
fn q05_an_egyptian_after_the_flights_stopped_needs_idc_permission_a_pcr_certificate_and_quarantine() {
    let c = card("eg", "2021-12-20", "air", "tourism");
    assert_eq!(status(&c, "idc_permission"), "required");
    assert_eq!(status(&c, "pcr_certificate"), "required");
    assert_eq!(status(&c, "quarantine"), "required");
    assert_eq!(requirement(&c, "quarantine")["days"], 7);
    // The issue: `why not direct_flight(eg) @ 2021-12-20` did not cite the article that ended the flights.
    let reason = why("not direct_flight(eg) @ 2021-12-20");
    assert!(reason.contains("s001_l367") && reason.contains("suspend direct flights to Egypt"), "{reason}");
}

#[test]
fn q06_vietnamese_flights_exempt_air_arrivals_from_the_decision_on_but_not_land_ones() {
    assert_eq!(status(&card("vn", "2021-12-10", "air", "tourism"), "idc_permission"), "required");
    assert_eq!(status(&card("vn", "2021-12-16", "air", "tourism"), "idc_permission"), "not_required");
    assert_eq!(status(&card("vn", "2021-12-16", "land", "tourism"), "idc_permission"), "required");
}

#[test]
fn q07_a_british_tourist_after_the_suspension_needs_no_visa_for_30_days() {
    let c = card("gb", "2022-01-15", "air", "tourism");
    assert_eq!(status(&c, "visa"), "not_required");
    assert_eq!(requirement(&c, "visa")["stay_days"], 30);
    assert_eq!(status(&c, "idc_permission"), "not_required");
    // During the suspension the same traveller needed one (001 line 544).
    assert_eq!(status(&card("gb", "2021-09-20", "air", "tourism"), "visa"), "required");
}

#[test]
fn q08_an_american_tourist_in_june_2022_may_simply_enter() {
    let c = card("us", "2022-06-10", "air", "tourism");
    assert_eq!(c["verdict"], "may_enter");
    for topic in ["visa", "idc_permission", "pcr_certificate", "quarantine"] {
        assert_eq!(status(&c, topic), "not_required", "{topic}: {c}");
    }
}

#[test]
fn q09_a_chinese_tourist_in_2019_could_get_an_e_visa() {
    let c = card("cn", "2019-06-01", "air", "tourism");
    assert_eq!(status(&c, "visa"), "required");
    assert_eq!(requirement(&c, "visa")["evisa"], true);
    assert_eq!(requirement(&card("cn", "2019-06-01", "land", "tourism"), "visa")["evisa"], false);
    assert_eq!(answers("evisa_eligible(cn, tourist) @ 2019-06-01").len(), 1);
    // The e-visa categories of June 2022 are a complete list: B10 ends with it.
    assert!(answers("evisa_category(b10, K) @ 2022-07-01").is_empty());
    assert!(why("not evisa_category(b10, private) @ 2022-07-01").contains("s001_l46"));
}

#[test]
fn q10_before_the_earliest_source_nothing_is_known() {
    let c = card("us", "2016-06-01", "air", "tourism");
    assert_eq!(c["covered"], false);
    assert_eq!(c["verdict"], "unknown");
    for r in c["requirements"].as_array().into_iter().flatten() {
        assert_eq!(r["status"], "unknown", "{r}");
    }
    // The issue: `direct_flight(de) @ 2019-06-01` answered `no` although no source speaks of 2019.
    let (table, _, _) = run(&["query", "direct_flight(de) @ 2019-06-01"]);
    assert!(table.contains("unknown: the sources settle direct_flight(de) from 2020-08-28"), "{table}");
    let (closed, _, _) = run(&["query", "--closed-world", "direct_flight(de) @ 2019-06-01"]);
    assert!(closed.ends_with("no\n"), "--closed-world keeps the old answer: {closed}");
}

#[test]
fn a_later_value_ends_an_earlier_one() {
    // The issue: on 2021-06-05 `issue_term(b20, any, N, days)` answered both 15 and 30.
    let found = answers("issue_term(b20, any, N, days) @ 2021-06-05");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["bindings"]["N"], 15);
}

#[test]
fn the_json_card_has_the_keys_of_the_issue() {
    let c = card("de", "2021-03-01", "air", "business");
    // The keys in the issue's order, as printed.
    let (text, _, _) = run(&["check", "de", "2021-03-01", "--purpose", "business", "--format", "json"]);
    let at = |key: &str| text.find(&format!("\n  \"{key}\": ")).unwrap_or_else(|| panic!("no {key}: {text}"));
    let order = ["citizen", "date", "by", "purpose", "covered", "verdict", "requirements"];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    assert_eq!(c.as_object().map(|o| o.len()), Some(order.len()));
    assert_eq!(
        (c["citizen"].as_str(), c["date"].as_str(), c["by"].as_str()),
        (Some("DE"), Some("2021-03-01"), Some("air"))
    );
    let topics: Vec<&str> =
        c["requirements"].as_array().into_iter().flatten().filter_map(|r| r["topic"].as_str()).collect();
    assert_eq!(topics, ["entry", "visa", "idc_permission", "pcr_certificate", "quarantine", "registration"]);
    let details = [
        ("visa", &["stay_days", "evisa"][..]),
        ("pcr_certificate", &["max_age_hours"]),
        ("quarantine", &["days"]),
        ("registration", &["within_days"]),
    ];
    for (topic, fields) in details {
        for field in fields {
            assert!(requirement(&c, topic).get(*field).is_some(), "{topic}.{field}");
        }
    }
    for r in c["requirements"].as_array().into_iter().flatten() {
        for key in ["topic", "status", "conditions", "notes", "presumed", "provenance"] {
            assert!(r.get(key).is_some(), "{key} in {r}");
        }
    }
    // Every settled requirement rests on cited sources.
    let pcr = requirement(&c, "pcr_certificate");
    assert!(pcr["provenance"].as_array().is_some_and(|p| p.iter().any(|s| s["source"] == "s001_l1276")), "{pcr}");
}

#[test]
fn names_codes_and_bad_input() {
    let by_name = card("Germany", "2021-03-01", "air", "business");
    assert_eq!(by_name["citizen"], "DE");
    assert_eq!(card("DE", "2021-03-01", "air", "business"), by_name);
    // The names people write that are not the table's: each gives the card of its code.
    for (name, code) in [("Holland", "NL"), ("Britain", "GB"), ("Macau", "MO"), ("KSA", "SA"), ("Turkiye", "TR")] {
        let by_name = card(name, "2021-12-20", "air", "tourism");
        assert_eq!(by_name["citizen"], code, "{name}");
        assert_eq!(card(code, "2021-12-20", "air", "tourism"), by_name, "{name}");
    }
    let (_, err, code) = run(&["check", "Germnay", "2021-03-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("E0121") && err.contains("did you mean Germany (DE)?"), "{err}");
    let (_, err, code) = run(&["check", "de", "2021-13-01"]);
    assert_eq!(code, 2, "{err}");
    let (_, err, code) = run(&["check", "de", "2021-03-01", "--kb", "tests/golden/kb"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("E0122"), "{err}");
}

#[test]
fn the_table_card_and_the_repl_say_the_same() {
    let (table, err, code) = run(&["check", "de", "2021-03-01", "--purpose", "business"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        table.starts_with("Entry to Kazakhstan on 2021-03-01: a citizen of Germany (DE), by air, for business\n"),
        "{table}"
    );
    assert!(table.contains("Verdict: may enter with:"), "{table}");
    assert!(table.contains("Sources:\n"), "{table}");
    let args = tkb::cli::KbArgs::default();
    let session = tkb::cli::open(&args).unwrap_or_else(|code| panic!("the built-in kb opens (exit {code})"));
    let mut repl = tkb::repl::Repl::new(session, false);
    assert_eq!(repl.execute(".check de 2021-03-01 business"), table);
    assert!(repl.execute(".check").starts_with("usage: .check"));
}
