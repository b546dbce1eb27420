//! `tkb serve` over HTTP, as a client sees it: every endpoint answers the object the command line prints for the
//! same question, every page of the live site renders, errors carry the status their code fits, and the server is
//! read-only, keeps to its limits and reaches no file however a path is encoded.

#[path = "support/server.rs"]
mod support;

use serde_json::Value;
use std::sync::OnceLock;
use support::{corpus, encode, tkb, Server};

/// One server for the tests that only read (the built-in kb, with the corpus).
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| Server::start(&["--corpus", &corpus()]))
}

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

#[test]
fn query_answers_the_object_tkb_query_prints() {
    for q in [
        "direct_flight(vn) @ 2021-12-20",
        "idc_exempt(C) @ 2021-12-20",
        "N = count : { direct_flight(C) } during [2021-11-01, 2022-02-01)",
    ] {
        let response = server().get(&format!("/api/query?q={}", encode(q)));
        assert_eq!(response.status, 200, "{}", response.text());
        assert_eq!(response.header("content-type"), Some("application/json"));
        assert_eq!(response.json(), json_of(&tkb(&["query", "--format", "json", q])), "{q}");
    }
    let known = "direct_flight(eg) @ 2021-12-25";
    let response = server().get(&format!("/api/query?q={}&as_known=2021-09-01", encode(known)));
    assert_eq!(response.json(), json_of(&tkb(&["query", "--format", "json", "--as-known", "2021-09-01", known])));
    assert_eq!(response.json()["answers"][0]["presumed"], true);
    let response =
        server().get(&format!("/api/query?q={}&confirmed_only=true", encode("state_of_emergency @ 2023-01-01")));
    assert_eq!(response.json()["answers"], serde_json::json!([]));
    // The "as known" day held for that request only.
    let response = server().get(&format!("/api/query?q={}", encode(known)));
    assert_eq!(response.json()["answers"], serde_json::json!([]));
}

#[test]
fn why_answers_the_proof_tkb_why_prints() {
    for q in ["idc_exempt(vn) @ 2021-12-20", "not idc_exempt(us) @ 2021-12-20"] {
        let response = server().get(&format!("/api/why?q={}", encode(q)));
        assert_eq!(response.status, 200, "{}", response.text());
        assert_eq!(response.json(), json_of(&tkb(&["why", "--format", "json", q])), "{q}");
    }
}

#[test]
fn run_answers_the_array_tkb_run_prints_and_changes_nothing() {
    let script = "visited(anna, in) @ [2021-04-20, 2021-04-25).\narrives(anna) @ 2021-04-28.\n?- visited(P, C).\n?- direct_flight(vn) @ 2021-12-20.\n";
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("server-run.tkb");
    std::fs::write(&file, script).unwrap();
    let response = server().post("/api/run", script);
    assert_eq!(response.status, 200, "{}", response.text());
    let expected = json_of(&tkb(&["run", "--format", "json", file.to_str().unwrap()]));
    assert_eq!(response.json(), expected);
    // The script's facts held for that request only.
    let after = server().get(&format!("/api/query?q={}", encode("visited(P, C)")));
    assert_eq!(after.status, 200, "{}", after.text());
    assert_eq!(after.json()["answers"], serde_json::json!([]));
}

#[test]
fn lint_answers_the_findings_tkb_lint_prints() {
    let response = server().get("/api/lint");
    assert_eq!(response.status, 200, "{}", response.text());
    let expected = json_of(&tkb(&["lint", "--format", "json", "--corpus", &corpus()]));
    assert_eq!(response.json(), expected);
    assert!(response.json().as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn timeline_draws_the_svg_tkb_timeline_writes() {
    let q = "direct_flight(C)";
    let response = server().get(&format!("/api/timeline.svg?q={}&from=2021-01-01&to=2022-01-01", encode(q)));
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("content-type"), Some("image/svg+xml"));
    let file = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("server-timeline.svg");
    let run = std::process::Command::new(support::TKB)
        .args(["timeline", q, "--from", "2021-01-01", "--to", "2022-01-01", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(response.text(), std::fs::read_to_string(&file).unwrap());
}

#[test]
fn status_and_openapi_describe_the_server() {
    let status = server().get("/api/status").json();
    assert_eq!(status["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(status["kb"]["generation"], 1);
    assert_eq!(status["kb"]["kb"], "built-in");
    assert!(status["kb"]["statements"].as_u64().unwrap() > 1000);
    assert!(status["kb"]["sources"].as_u64().unwrap() > 100);
    assert!(status["kb"]["loaded_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(status["last_reload_error"], Value::Null);
    let openapi = server().get("/api/openapi.json").json();
    assert_eq!(openapi["openapi"], "3.0.3");
    let paths: Vec<&str> = openapi["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "/api/check",
        "/api/lint",
        "/api/openapi.json",
        "/api/query",
        "/api/run",
        "/api/status",
        "/api/timeline.svg",
        "/api/why",
    ];
    expected.sort();
    assert_eq!(paths, expected, "every endpoint described, and no other");
    // The error object it describes is the one the server sends.
    let error = &openapi["components"]["schemas"]["Error"]["properties"]["error"];
    let required: Vec<&str> = error["required"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    let sent = server().get("/api/nothing").json();
    let keys: Vec<&str> = sent["error"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(required, keys);
    // /api/status: its keys and those of its parts.
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&status), ["cached_answers", "kb", "last_reload_error", "limits", "version"]);
    let limits = ["cache", "max_body", "max_memory", "max_tuples", "request_timeout", "timeout"];
    assert_eq!(keys(&status["limits"]), limits);
}

#[test]
fn every_page_of_the_report_is_served() {
    for (path, kind) in [
        ("/", "text/html"),
        ("/index.html", "text/html"),
        ("/day.html", "text/html"),
        ("/lint.html", "text/html"),
        ("/countries.html", "text/html"),
        ("/style.css", "text/css"),
        ("/day.js", "text/javascript"),
        ("/pred/direct_flight.html", "text/html"),
        ("/country/vn.html", "text/html"),
        ("/source/s001_l305.html", "text/html"),
    ] {
        let response = server().get(path);
        assert_eq!(response.status, 200, "{path}: {}", response.text());
        assert!(response.header("content-type").unwrap().starts_with(kind), "{path}");
    }
    let page = server().get("/source/s001_l305.html").text();
    assert!(page.contains("By the decision of the Interdepartmental Committee as of December 14, 2021"));
    let page = server().get("/").text();
    assert!(page.contains("href=\"query\""), "the live site links its query page");
}

#[test]
fn the_query_page_answers_with_names_without_javascript() {
    let response = server().get(&format!("/query?q={}", encode("idc_exempt(C) @ 2021-12-20")));
    assert_eq!(response.status, 200);
    let page = response.text();
    assert!(page.contains("Viet Nam") && page.contains("<td>VN</td>"), "names beside codes");
    assert!(page.contains("id=\"permalink\""));
    assert!(page.contains("<svg"), "an inline timeline");
    assert!(!page.contains("<script"), "no script needed");
    let presumed =
        server().get(&format!("/query?q={}&as_known=2021-09-01", encode("direct_flight(C) @ 2021-12-25"))).text();
    assert!(presumed.contains("presumed since"), "presumed marks");
    let error = server().get(&format!("/query?q={}", encode("direct_flight(vn) @ 2021-13-01")));
    assert_eq!(error.status, 400);
    assert!(error.text().contains("E0003") && error.text().contains("column 21"), "{}", error.text());
    assert_eq!(server().get("/query").status, 200, "the empty form");
}

fn error_of(response: &support::Response) -> (u16, String, Value, Value) {
    let json = response.json();
    let error = &json["error"];
    (response.status, error["code"].as_str().unwrap_or("").to_string(), error["line"].clone(), error["column"].clone())
}

#[test]
fn errors_carry_their_code_place_and_status() {
    let s = server();
    let syntax = s.get(&format!("/api/query?q={}", encode("direct_flight(vn @ 2021-12-20")));
    let (status, code, line, _) = error_of(&syntax);
    assert_eq!((status, code.as_str(), line), (400, "E0001", Value::from(1)));
    let date = s.get(&format!("/api/query?q={}", encode("direct_flight(vn) @ 2021-13-01")));
    assert_eq!(error_of(&date), (400, "E0003".into(), Value::from(1), Value::from(21)));
    let unknown = s.get(&format!("/api/query?q={}", encode("direct_flights(C)")));
    assert_eq!(error_of(&unknown).0, 400);
    assert_eq!(error_of(&unknown).1, "E0109");
    // The object is the command line's JSON diagnostic: its keys in its order, the file named as it names text
    // given on the command line (`<query>`, `<why>`) or the body posted, null where the error points nowhere.
    let keys = |r: &support::Response| -> Vec<String> {
        r.json()["error"].as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
    };
    assert_eq!(keys(&unknown), ["code", "column", "file", "line", "message"]);
    assert!(String::from_utf8_lossy(&unknown.body).contains("\"code\": \"E0109\",\n    \"column\": 1,\n    \"file\""));
    assert_eq!(unknown.json()["error"]["file"], "<query>");
    let why = s.get(&format!("/api/why?q={}", encode("direct_flights(vn) @ 2021-12-20")));
    assert_eq!((why.json()["error"]["file"].clone(), error_of(&why).3), (Value::from("<why>"), Value::from(1)));
    let script = "?- direct_flight(vn) @ 2021-12-20.\n?- direct_flights(C).\n";
    let run = s.post("/api/run", script);
    assert_eq!(run.json()["error"]["file"], "<body>");
    assert_eq!(error_of(&run), (400, "E0109".into(), Value::from(2), Value::from(4)));
    assert_eq!(keys(&s.get("/api/nothing")), ["code", "column", "file", "line", "message"]);
    assert_eq!(s.get("/api/nothing").json()["error"]["file"], Value::Null);
    for target in [
        "/api/query",                          // q missing
        "/api/query?q=p&as_known=2021-02-30",  // not a day
        "/api/query?q=p&as_knwon=2021-02-01",  // unknown parameter
        "/api/query?q=p&q=r",                  // twice
        "/api/query?q=%ff",                    // not UTF-8
        "/api/query?q=p&confirmed_only=maybe", // not a flag
        "/api/query?q=p(a).%20q(b)",           // two statements
    ] {
        let response = s.get(target);
        assert_eq!(error_of(&response).0, 400, "{target}: {}", response.text());
    }
    assert_eq!(error_of(&s.get("/api/query?q=p&as_knwon=2021-02-01")).1, "E0220");
    assert_eq!(error_of(&s.get("/api/nothing")), (404, "E0221".into(), Value::Null, Value::Null));
    assert_eq!(s.get("/nothing.html").status, 404);
    let delete = s.send("DELETE", "/api/query?q=p", &[], b"");
    assert_eq!(error_of(&delete).0, 405);
    assert_eq!(error_of(&delete).1, "E0222");
    assert!(delete.header("allow").is_some());
    assert_eq!(s.get("/api/run").status, 405);
    assert_eq!(s.post("/index.html", "").status, 405);
}

#[test]
fn a_body_over_the_limit_is_refused() {
    let small = Server::start(&["--max-body", "1000"]);
    let script = format!("?- direct_flight(vn) @ 2021-12-20.\n% {}\n", "x".repeat(2000));
    let response = small.post("/api/run", &script);
    assert_eq!(error_of(&response).0, 413);
    assert_eq!(error_of(&response).1, "E0223");
    // Announced by Content-Length or not (chunked), the limit holds.
    let mut chunked = format!(
        "POST /api/run HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
        script.len()
    )
    .into_bytes();
    chunked.extend_from_slice(script.as_bytes());
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    assert_eq!(small.raw(&chunked).status, 413);
    assert_eq!(small.post("/api/run", "?- direct_flight(vn) @ 2021-12-20.").status, 200);
}

#[test]
fn headers_over_the_limit_are_refused() {
    let big = "x".repeat(64 * 1024);
    let response = server().send("GET", "/api/status", &[("X-Big", &big)], b"");
    assert_eq!(response.status, 431);
    assert_eq!(server().get("/api/status").status, 200, "the server goes on");
}

#[test]
fn no_path_reaches_outside_the_site() {
    let secrets = ["[package]", "root:x:", "fn main"];
    for target in [
        "/../Cargo.toml",
        "/..%2fCargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2e%2e%2fCargo.toml",
        "/%252e%252e%252fCargo.toml",
        "/pred/../../Cargo.toml",
        "/pred/..%2f..%2fCargo.toml",
        "/pred/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/pred/..%5c..%5cCargo.toml",
        "/pred/..\\..\\Cargo.toml",
        "/source/%2e%2e%2f%2e%2e%2fsrc%2fmain.rs",
        "/pred/direct_flight.html%00.toml",
        "/pred/direct_flight.html/../../../Cargo.toml",
        "//etc/passwd",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/country/..%c0%af..%c0%afetc%c0%afpasswd",
        "/style.css/..%2f..%2fCargo.toml",
        "/api/../Cargo.toml",
        "/api/%2e%2e/Cargo.toml",
        "/query/../../Cargo.toml",
        "http://localhost/../Cargo.toml",
    ] {
        let response = server().get(target);
        assert!(matches!(response.status, 400 | 404), "{target}: {}", response.status);
        let body = response.text();
        assert!(!secrets.iter().any(|s| body.contains(s)), "{target} leaked a file");
    }
}

#[test]
fn no_cors_unless_asked() {
    let response = server().send("GET", "/api/status", &[("Origin", "https://elsewhere.example")], b"");
    assert_eq!(response.status, 200);
    assert!(response.header("access-control-allow-origin").is_none());
    let open = Server::start(&["--cors", "https://app.example"]);
    let response = open.send("GET", "/api/status", &[("Origin", "https://app.example")], b"");
    assert_eq!(response.header("access-control-allow-origin"), Some("https://app.example"));
    let preflight = open.send(
        "OPTIONS",
        "/api/run",
        &[("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST")],
        b"",
    );
    assert!(preflight.status < 300, "{}", preflight.status);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("https://app.example"));
}

#[test]
fn every_answer_carries_the_safety_headers() {
    let response = server().get("/index.html");
    assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
    assert!(response.header("content-security-policy").is_some_and(|c| c.contains("default-src 'self'")));
}

#[test]
fn an_answer_asked_again_is_the_same_bytes_and_comes_from_the_cache_unless_it_is_off() {
    let point = format!("/api/query?q={}", encode("idc_exempt(C) @ 2021-12-20"));
    let cached = |server: &Server| server.get("/api/status").json()["cached_answers"].as_u64().unwrap();
    let server = Server::start(&[]);
    assert_eq!(cached(&server), 0);
    let first = server.get(&point);
    assert_eq!(cached(&server), 1);
    let again = server.get(&point);
    assert_eq!((first.status, &first.body), (200, &again.body));
    assert_eq!(again.json(), json_of(&tkb(&["query", "--format", "json", "idc_exempt(C) @ 2021-12-20"])));
    // A failed request is not kept: it is answered afresh each time.
    assert_eq!(server.get("/api/query?q=nonsense(").status, 400);
    assert_eq!(cached(&server), 1);
    let off = Server::start(&["--cache", "0"]);
    assert_eq!(off.get(&point).body, first.body);
    assert_eq!(off.get(&point).body, first.body);
    assert_eq!(cached(&off), 0);
}

#[test]
fn check_answers_the_card_tkb_check_prints() {
    for (citizen, date, by, purpose) in [
        ("de", "2021-03-01", "air", "business"),
        ("Viet Nam", "2021-12-20", "air", "tourism"),
        ("KR", "2022-08-01", "land", "work"),
    ] {
        let target = format!("/api/check?citizen={}&date={date}&by={by}&purpose={purpose}", encode(citizen));
        let response = server().get(&target);
        assert_eq!(response.status, 200, "{target}: {}", response.text());
        assert_eq!(response.header("content-type"), Some("application/json"));
        let cli = tkb(&["check", citizen, date, "--by", by, "--purpose", purpose, "--format", "json"]);
        assert_eq!(response.text(), String::from_utf8_lossy(&cli), "{target}");
        assert_eq!(response.json()["requirements"].as_array().unwrap().len(), 6);
    }
    // `by` and `purpose` default as on the command line.
    let short = server().get("/api/check?citizen=de&date=2021-03-01").json();
    assert_eq!(short, json_of(&tkb(&["check", "de", "2021-03-01", "--format", "json"])));
    for (target, code) in [
        ("/api/check?citizen=Narnia&date=2021-03-01", "E0121"),
        ("/api/check?citizen=de&date=2021-02-30", "E0220"),
        ("/api/check?citizen=de", "E0220"),
        ("/api/check?citizen=de&date=2021-03-01&purpose=smuggling", "E0220"),
        ("/api/check?citizen=de&date=2021-03-01&by=sea", "E0220"),
        ("/api/check?citizen=de&date=2021-03-01&visa=yes", "E0220"),
    ] {
        let response = server().get(target);
        assert_eq!(response.status, 400, "{target}: {}", response.text());
        assert_eq!(response.json()["error"]["code"], code, "{target}");
    }
}

#[test]
fn the_check_page_shows_the_card_without_javascript() {
    let empty = server().get("/check");
    assert_eq!(empty.status, 200);
    assert!(empty.text().contains("name=\"citizen\"") && !empty.text().contains("id=\"card\""), "the empty form");
    let expected = json_of(&tkb(&["check", "de", "2021-03-01", "--purpose", "business", "--format", "json"]));
    let page = server().get("/check?citizen=de&date=2021-03-01&by=air&purpose=business");
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    let verdict = expected["verdict"].as_str().unwrap();
    assert!(html.contains(&format!("data-verdict=\"{verdict}\"")), "the verdict {verdict}: {html}");
    assert_eq!(html.matches("data-topic=").count(), 6, "one row per requirement");
    assert!(html.contains("Germany (DE)"), "the citizen's name");
    assert!(!html.contains("<script"), "the page needs no script");
    let wrong = server().get("/check?citizen=Narnia&date=2021-03-01");
    assert_eq!(wrong.status, 400);
    assert!(wrong.text().contains("E0121") && wrong.text().contains("value=\"Narnia\""), "{}", wrong.text());
}
