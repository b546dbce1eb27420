//! `tkb serve` under load and at its limits: a request past `--timeout` is 504 and one past `--max-tuples` 503,
//! a full queue answers 503 with Retry-After, a slow request delays no other, and SIGTERM lets the request in
//! flight finish before the server exits 0. No timing is asserted: only the order in which things finish.

#[path = "support/server.rs"]
mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use support::{encode, Server};

/// A script whose evaluation takes many seconds: the closure of a 2,000-node cycle (4,000,000 pairs).
fn heavy_script() -> String {
    cycle_closure(2000)
}

/// The closure of an `n`-node cycle: `n * n` pairs, and time to match.
fn cycle_closure(n: usize) -> String {
    let mut script = String::new();
    for i in 0..n {
        script += &format!("e({i}, {}).\n", (i + 1) % n);
    }
    script += "tc(X, Y) :- e(X, Y).\ntc(X, Z) :- tc(X, Y), e(Y, Z).\n?- N = count : { tc(X, Y) }.\n";
    script
}

fn error_code(response: &support::Response) -> String {
    response.json()["error"]["code"].as_str().unwrap_or("").to_string()
}

/// Asks a point query again and again until `done` is set, each answered 200 (never stopped by a neighbour's
/// limit); how many were answered.
fn point_queries_until(server: &Server, done: &AtomicBool) -> usize {
    let point = format!("/api/query?q={}", encode("idc_exempt(vn) @ 2021-12-20"));
    let mut answered = 0;
    while !done.load(Ordering::SeqCst) {
        let response = server.get(&point);
        assert_eq!(response.status, 200, "a point query was stopped: {}", response.text());
        answered += 1;
    }
    answered
}

#[test]
fn evaluation_past_the_timeout_is_504_and_past_the_tuple_budget_503() {
    let server = Server::start(&["--timeout", "300ms"]);
    let response = server.post("/api/run", &heavy_script());
    assert_eq!(response.status, 504, "{}", response.text());
    assert_eq!(error_code(&response), "E0204");
    let budget = Server::start(&["--max-tuples", "5000"]);
    let response = budget.post("/api/run", &heavy_script());
    assert_eq!(response.status, 503, "{}", response.text());
    assert_eq!(error_code(&response), "E0205");
    // Both servers go on answering.
    let point = format!("/api/query?q={}", encode("direct_flight(vn) @ 2021-12-20"));
    assert_eq!(server.get(&point).status, 200);
    assert_eq!(budget.get(&point).status, 200);
}

#[test]
fn a_slow_request_delays_no_other() {
    let server = Arc::new(Server::start(&["--timeout", "20s", "--workers", "2", "--cache", "0"]));
    let done = Arc::new(AtomicBool::new(false));
    let slow = {
        let (server, done) = (server.clone(), done.clone());
        std::thread::spawn(move || {
            let response = server.post("/api/run", &heavy_script());
            done.store(true, Ordering::SeqCst);
            response
        })
    };
    // Wait until the slow request holds a worker (its log line comes only when it ends, so ask the status of the
    // queue indirectly: a point query answers while the slow one is still running).
    std::thread::sleep(std::time::Duration::from_millis(300));
    let point = format!("/api/query?q={}", encode("idc_exempt(C) @ 2021-12-20"));
    for _ in 0..20 {
        let response = server.get(&point);
        assert_eq!(response.status, 200, "{}", response.text());
        assert_eq!(response.json()["answers"].as_array().unwrap().len(), 28);
    }
    assert!(!done.load(Ordering::SeqCst), "the slow request finished before the point queries: it proved nothing");
    let slow = slow.join().unwrap();
    assert!(matches!(slow.status, 200 | 504), "{}", slow.status);
}

#[test]
fn a_full_queue_answers_503_with_retry_after() {
    let server =
        Arc::new(Server::start(&["--timeout", "3s", "--request-timeout", "5s", "--workers", "1", "--queue", "1"]));
    // One request runs, then one waits; a third finds the queue full.
    let holders: Vec<_> = (0..2)
        .map(|_| {
            let server = server.clone();
            let holder = std::thread::spawn(move || server.post("/api/run", &heavy_script()).status);
            std::thread::sleep(std::time::Duration::from_millis(500));
            holder
        })
        .collect();
    let mut refused = None;
    for _ in 0..200 {
        let response = server.get(&format!("/api/query?q={}", encode("direct_flight(vn) @ 2021-12-20")));
        if response.status == 503 {
            refused = Some(response);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let refused = refused.expect("a request while one runs and one waits must find the queue full");
    assert_eq!(error_code(&refused), "E0224");
    assert_eq!(refused.header("retry-after"), Some("1"));
    // The status endpoint needs no worker and still answers.
    assert_eq!(server.get("/api/status").status, 200);
    for holder in holders {
        assert!(matches!(holder.join().unwrap(), 200 | 504));
    }
}

#[test]
fn sigterm_finishes_the_request_in_flight_then_exits_0() {
    let mut server = Server::start(&["--timeout", "20s"]);
    let addr = server.addr.clone();
    let script = {
        // Long enough to be in flight when the signal comes, short enough to finish: the closure of 500 nodes.
        let mut s = String::new();
        for i in 0..500 {
            s += &format!("e({i}, {}).\n", (i + 1) % 500);
        }
        s + "tc(X, Y) :- e(X, Y).\ntc(X, Z) :- tc(X, Y), e(Y, Z).\n?- N = count : { tc(X, Y) }.\n"
    };
    let client = std::thread::spawn(move || {
        let probe =
            Server { child: std::process::Command::new("true").spawn().unwrap(), addr, stderr: None, stdin: None };
        probe.post("/api/run", &script)
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    let code = server.terminate();
    let response = client.join().unwrap();
    assert_eq!(response.status, 200, "the request in flight was answered: {}", response.text());
    assert_eq!(response.json()[0]["steps"][0]["value"], 250000);
    assert_eq!(code, Some(0));
    let log = server.log();
    assert!(log.contains("POST /api/run 200"), "one log line per request: {log}");
}

#[test]
fn a_timeout_stops_only_its_own_request() {
    // Heavy requests time out one after another on one worker while point queries run on the other: each
    // request has its own deadline, so no point query is ever stopped by a neighbour's timeout.
    let server = Arc::new(Server::start(&["--timeout", "400ms", "--workers", "2", "--cache", "0"]));
    let done = Arc::new(AtomicBool::new(false));
    let heavy = {
        let (server, done) = (server.clone(), done.clone());
        std::thread::spawn(move || {
            let statuses: Vec<u16> = (0..3).map(|_| server.post("/api/run", &heavy_script()).status).collect();
            done.store(true, Ordering::SeqCst);
            statuses
        })
    };
    let answered = point_queries_until(&server, &done);
    assert_eq!(heavy.join().unwrap(), vec![504, 504, 504]);
    assert!(answered > 0);
}

#[test]
fn with_stop_on_eof_the_server_ends_when_its_standard_input_closes() {
    let mut server = Server::start(&[]);
    assert_eq!(server.get("/api/status").status, 200);
    drop(server.stdin.take());
    assert_eq!(server.child.wait().ok().and_then(|s| s.code()), Some(0));
}

#[test]
fn past_the_memory_budget_is_503_with_its_error_and_the_others_are_answered() {
    let server = Arc::new(Server::start(&[
        "--max-memory",
        "64M",
        "--timeout",
        "300s",
        "--request-timeout",
        "300s",
        "--workers",
        "2",
        "--cache",
        "0",
    ]));
    let done = Arc::new(AtomicBool::new(false));
    let heavy = {
        let (server, done) = (server.clone(), done.clone());
        std::thread::spawn(move || {
            let response = server.post("/api/run", &heavy_script());
            done.store(true, Ordering::SeqCst);
            response
        })
    };
    let answered = point_queries_until(&server, &done);
    let response = heavy.join().unwrap();
    assert_eq!(response.status, 503, "{}", response.text());
    let error = &response.json()["error"];
    assert_eq!(error["code"], "E0209");
    assert!(error["message"].as_str().unwrap().contains("`tc` was growing"), "{error}");
    assert!(answered > 0);
    // The heap went back under the budget: the next script with rules runs.
    let small = server
        .post("/api/run", "e(1, 2).\ne(2, 3).\ntc(X, Y) :- e(X, Y).\ntc(X, Z) :- tc(X, Y), e(Y, Z).\n?- tc(1, X).\n");
    assert_eq!(small.status, 200, "{}", small.text());
    assert_eq!(small.json()[0]["answers"].as_array().unwrap().len(), 2);
}

#[test]
fn a_request_whose_client_went_away_is_stopped_and_frees_its_worker() {
    // One worker. The closure of 4,000 nodes (16,000,000 pairs), unbounded here, would hold it far longer than the
    // point query may wait (`--request-timeout`); the client that sent it hangs up, which must stop it.
    let server = Server::start(&["--workers", "1", "--timeout", "600s", "--request-timeout", "20s"]);
    let body = cycle_closure(4000);
    let mut stream = std::net::TcpStream::connect(&server.addr).unwrap();
    let head = format!("POST /api/run HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n\r\n", server.addr, body.len());
    std::io::Write::write_all(&mut stream, head.as_bytes()).unwrap();
    std::io::Write::write_all(&mut stream, body.as_bytes()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    drop(stream);
    let point = server.get(&format!("/api/query?q={}", encode("idc_exempt(vn) @ 2021-12-20")));
    assert_eq!(point.status, 200, "the abandoned request still held the only worker: {}", point.text());
}
