//! A real browser opens the report from file://: headless Chromium, driven over the DevTools protocol, picks
//! 2021-12-20 in the day picker and must show exactly the IDC-exempt countries `tkb query` gives for that day,
//! with no console error and a page that is not blank (a screenshot is decoded and its pixels counted).
//!
//! With no browser the test fails, unless `TKB_SKIP_BROWSER=1` asks to skip it; then it says it skipped.
//! `TKB_CHROMIUM` names the browser binary; by default `chromium`, `chromium-browser` or `google-chrome` on PATH.

use serde_json::{json, Value};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

const TKB: &str = env!("CARGO_BIN_EXE_tkb");

fn corpus() -> PathBuf {
    let dir = std::env::var_os("TKB_CORPUS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    assert!(dir.is_dir(), "the corpus is missing at {} (set TKB_CORPUS)", dir.display());
    dir
}

fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TKB_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser, or `None` when the caller asked to skip (`TKB_SKIP_BROWSER=1`), which is then said on the real
/// standard error, past the harness's capture. Without a browser and without that request the test fails: a
/// missing browser is never a silent pass.
fn browser_or_skip() -> Option<PathBuf> {
    if let Some(binary) = find_browser() {
        return Some(binary);
    }
    let message = "no Chromium found (install the Debian package `chromium` or set TKB_CHROMIUM)";
    if std::env::var("TKB_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIPPED a browser test (TKB_SKIP_BROWSER=1): {message}");
        return None;
    }
    panic!("{message}; TKB_SKIP_BROWSER=1 skips the browser tests, and says so");
}

/// The browser process and its profile folder; both go when the test ends, whatever happens.
struct Browser {
    child: Child,
    profile: PathBuf,
}

impl Drop for Browser {
    /// Gives the browser a few seconds to quit after `Browser.close`, then kills it.
    fn drop(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn launch(binary: &Path, scratch: &Path) -> (Browser, String) {
    let profile = scratch.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--remote-debugging-port=0",
            "--window-size=1000,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let browser = Browser { child, profile: profile.clone() };
    // The browser writes its port and endpoint here once it listens (port 0: it picks a free one).
    let file = profile.join("DevToolsActivePort");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(text) = std::fs::read_to_string(&file) {
            let lines: Vec<&str> = text.lines().collect();
            if lines.len() >= 2 {
                return (browser, format!("ws://127.0.0.1:{}{}", lines[0], lines[1]));
            }
        }
        assert!(Instant::now() < deadline, "the browser did not open its DevTools port within 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A DevTools connection: commands answered by id, events kept for later checks.
struct Cdp {
    socket: WebSocket<TcpStream>,
    next: u64,
    events: Vec<Value>,
}

impl Cdp {
    fn connect(url: &str) -> Cdp {
        let address = url.trim_start_matches("ws://").split('/').next().unwrap().to_string();
        let stream = TcpStream::connect(&address).expect("connect to the DevTools port");
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let (socket, _) = tungstenite::client(url, stream).expect("DevTools WebSocket handshake");
        Cdp { socket, next: 0, events: Vec::new() }
    }

    fn receive(&mut self) -> Value {
        loop {
            match self.socket.read().expect("read from DevTools (60 s timeout)") {
                Message::Text(text) => return serde_json::from_str(text.as_str()).unwrap(),
                Message::Close(_) => panic!("the browser closed the DevTools connection"),
                _ => continue,
            }
        }
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) {
        self.next += 1;
        let mut message = json!({ "id": self.next, "method": method, "params": params });
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        self.socket.send(Message::Text(message.to_string().into())).unwrap();
    }

    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.send(session, method, params);
        loop {
            let reply = self.receive();
            if reply["id"] == json!(self.next) {
                assert!(reply.get("error").is_none(), "{method} failed: {reply}");
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    /// Console errors, uncaught exceptions and browser log errors seen so far.
    fn errors(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| match e["method"].as_str() {
                Some("Runtime.exceptionThrown") => true,
                Some("Runtime.consoleAPICalled") => matches!(e["params"]["type"].as_str(), Some("error" | "assert")),
                Some("Log.entryAdded") => e["params"]["entry"]["level"] == "error",
                _ => false,
            })
            .map(|e| e.to_string())
            .collect()
    }
}

fn expected_exempt() -> Vec<String> {
    let out = Command::new(TKB).args(["query", "--format", "json", "idc_exempt(C) @ 2021-12-20"]).output().unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["answers"].as_array().unwrap().iter().map(|a| a["bindings"]["C"].as_str().unwrap().to_string()).collect()
}

/// Decodes the screenshot and counts pixels that are not the page's white: a blank page has none.
fn inked_pixels(png_bytes: &[u8]) -> usize {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("the screenshot is a PNG");
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let channels = info.color_type.samples();
    buffer[..info.buffer_size()].chunks(channels).filter(|px| px.iter().take(3).any(|c| *c < 200)).count()
}

#[test]
fn the_day_picker_in_chromium_shows_the_idc_exempt_list_of_tkb_query() {
    let Some(binary) = browser_or_skip() else { return };
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let site = scratch.join("site");
    let _ = std::fs::remove_dir_all(&scratch);
    let status = Command::new(TKB).arg("report").arg("-o").arg(&site).arg("--corpus").arg(corpus()).output().unwrap();
    assert!(status.status.success(), "tkb report failed: {}", String::from_utf8_lossy(&status.stderr));

    let (browser, url) = launch(&binary, &scratch);
    let mut cdp = Cdp::connect(&url);
    let target = cdp.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
    let attached = cdp.call(None, "Target.attachToTarget", json!({ "targetId": target["targetId"], "flatten": true }));
    let session = attached["sessionId"].as_str().unwrap().to_string();
    let s = Some(session.as_str());
    for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
        cdp.call(s, domain, json!({}));
    }
    let page = std::fs::canonicalize(site.join("day.html")).unwrap();
    cdp.call(s, "Page.navigate", json!({ "url": format!("file://{}", page.display()) }));
    // Loaded means: the report's page, complete, its script run (it writes the day it shows).
    let ready =
        "document.readyState === 'complete' && location.protocol === 'file:' && !!document.getElementById('shown-day')";
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let state = cdp.call(s, "Runtime.evaluate", json!({ "expression": ready, "returnByValue": true }));
        if state["result"]["value"] == json!(true) {
            break;
        }
        assert!(Instant::now() < deadline, "the day picker did not load within 60 s: {state}");
        std::thread::sleep(Duration::from_millis(100));
    }

    // What a person does: type the day into the picker and press its button.
    let script = "(() => { const input = document.getElementById('day'); input.focus(); input.value = '2021-12-20'; \
                  document.querySelector('#day-form button[type=submit]').click(); \
                  return { day: document.getElementById('shown-day').textContent, \
                           exempt: Array.from(document.querySelectorAll('#held-idc_exempt li[data-value]')).map(li => li.dataset.value), \
                           sections: document.querySelectorAll('#result section').length, \
                           text: document.body.innerText.length }; })()";
    let shown = cdp.call(s, "Runtime.evaluate", json!({ "expression": script, "returnByValue": true }));
    assert!(shown.get("exceptionDetails").is_none(), "the script failed in the page: {shown}");
    let value = &shown["result"]["value"];
    assert_eq!(value["day"], "On 2021-12-20:", "{shown}");
    let exempt: Vec<String> = value["exempt"]
        .as_array()
        .expect("the IDC-exempt list")
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(exempt, expected_exempt(), "the day picker disagrees with tkb query");
    assert!(exempt.contains(&"VN".to_string()));
    assert!(value["sections"].as_u64().unwrap() >= 4, "{value}");
    assert!(value["text"].as_u64().unwrap() > 500, "the page has almost no text: {value}");

    let shot = cdp.call(s, "Page.captureScreenshot", json!({ "format": "png" }));
    use base64::Engine;
    let png_bytes = base64::engine::general_purpose::STANDARD.decode(shot["data"].as_str().unwrap()).unwrap();
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("day-picker-2021-12-20.png");
    std::fs::write(&out, &png_bytes).unwrap();
    let inked = inked_pixels(&png_bytes);
    assert!(inked > 2_000, "the screenshot {} looks blank ({inked} dark pixels)", out.display());

    let errors = cdp.errors();
    assert!(errors.is_empty(), "console errors in the report: {errors:#?}");
    // Asked to close, the browser may drop the connection before it answers: the command is not awaited.
    cdp.send(None, "Browser.close", json!({}));
    drop(browser);
    let _ = std::fs::remove_dir_all(&scratch);
}

/// A browser with one page attached, its DevTools domains enabled; `None` (and a note) when `TKB_SKIP_BROWSER=1`
/// skips the browser tests.
fn browser_page(scratch: &Path) -> Option<(Browser, Cdp, String)> {
    let binary = browser_or_skip()?;
    let _ = std::fs::remove_dir_all(scratch);
    let (browser, url) = launch(&binary, scratch);
    let mut cdp = Cdp::connect(&url);
    let target = cdp.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
    let attached = cdp.call(None, "Target.attachToTarget", json!({ "targetId": target["targetId"], "flatten": true }));
    let session = attached["sessionId"].as_str().unwrap().to_string();
    for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
        cdp.call(Some(&session), domain, json!({}));
    }
    Some((browser, cdp, session))
}

/// Evaluates `expression` in the page until it is true (at most 60 s).
fn wait_until(cdp: &mut Cdp, session: &str, expression: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let state =
            cdp.call(Some(session), "Runtime.evaluate", json!({ "expression": expression, "returnByValue": true }));
        if state["result"]["value"] == json!(true) {
            return;
        }
        assert!(Instant::now() < deadline, "{what} did not happen within 60 s: {state}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A `tkb serve` on a free port, stopped when dropped.
struct Serve(Child, String);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve() -> Serve {
    use std::io::BufRead;
    let mut child = Command::new(TKB)
        .args(["serve", "--port", "0", "--corpus"])
        .arg(corpus())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start tkb serve");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.trim().strip_prefix("listening on ").expect("the listening line").to_string();
    Serve(child, addr)
}

#[test]
fn the_live_query_page_in_chromium_answers_with_names_and_no_script() {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-query");
    let Some((browser, mut cdp, session)) = browser_page(&scratch) else { return };
    let s = Some(session.as_str());
    let server = serve();
    // JavaScript off: the page must work without it.
    cdp.call(s, "Emulation.setScriptExecutionDisabled", json!({ "value": true }));
    cdp.call(s, "Page.navigate", json!({ "url": format!("{}/query", server.1) }));
    // What a person does: type the question into the box and press Ask (input events, then a click on the
    // button, dispatched as a user's; the page's own script is off, the DevTools one still runs).
    wait_until(
        &mut cdp,
        &session,
        "document.readyState === 'complete' && !!document.getElementById('q')",
        "the query page",
    );
    let typed = "(() => { const q = document.getElementById('q'); q.focus(); q.value = 'idc_exempt(C) @ 2021-12-20'; \
                 document.querySelector('form.ask button[type=submit]').click(); return true; })()";
    cdp.call(s, "Runtime.evaluate", json!({ "expression": typed, "returnByValue": true }));
    wait_until(
        &mut cdp,
        &session,
        "document.readyState === 'complete' && !!document.getElementById('answer')",
        "the answer",
    );
    let read = "(() => ({ url: location.href, \
                 rows: Array.from(document.querySelectorAll('table.answers tbody tr')).map(tr => Array.from(tr.cells).map(td => td.textContent)), \
                 scripts: document.scripts.length, svg: !!document.querySelector('#answer svg'), \
                 permalink: document.getElementById('permalink').getAttribute('href') }))()";
    let shown = cdp.call(s, "Runtime.evaluate", json!({ "expression": read, "returnByValue": true }));
    let value = &shown["result"]["value"];
    let rows = value["rows"].as_array().expect("the answers' rows");
    let codes: Vec<String> = rows.iter().map(|r| r[0].as_str().unwrap().to_string()).collect();
    assert_eq!(codes, expected_exempt(), "the query page disagrees with tkb query");
    let vn = rows.iter().find(|r| r[0] == "VN").expect("a VN row");
    assert_eq!(vn[1], "Viet Nam", "each code with its name: {vn:?}");
    assert_eq!(value["scripts"], 0, "the page needs no script");
    assert_eq!(value["svg"], true, "an inline timeline");
    assert!(value["url"].as_str().unwrap().contains("q=idc_exempt"), "the form's GET is the address: {value}");
    assert!(value["permalink"].as_str().unwrap().starts_with("query?q="));
    let errors = cdp.errors();
    assert!(errors.is_empty(), "console errors on the query page: {errors:#?}");
    cdp.send(None, "Browser.close", json!({}));
    drop(browser);
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn the_live_check_page_in_chromium_shows_the_verdict_with_no_script() {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-check");
    let Some((browser, mut cdp, session)) = browser_page(&scratch) else { return };
    let s = Some(session.as_str());
    let server = serve();
    cdp.call(s, "Emulation.setScriptExecutionDisabled", json!({ "value": true }));
    cdp.call(s, "Page.navigate", json!({ "url": format!("{}/check", server.1) }));
    wait_until(
        &mut cdp,
        &session,
        "document.readyState === 'complete' && !!document.getElementById('citizen')",
        "the check page",
    );
    // What a person does: a citizenship by name, a day, a purpose from the list, then Check.
    let typed = "(() => { document.getElementById('citizen').value = 'Germany'; \
                 document.getElementById('date').value = '2021-03-01'; \
                 document.getElementById('purpose').value = 'business'; \
                 document.querySelector('form.ask button[type=submit]').click(); return true; })()";
    cdp.call(s, "Runtime.evaluate", json!({ "expression": typed, "returnByValue": true }));
    wait_until(
        &mut cdp,
        &session,
        "document.readyState === 'complete' && !!document.getElementById('card')",
        "the card",
    );
    let read = "(() => ({ url: location.href, verdict: document.getElementById('verdict').dataset.verdict, \
                 shown: document.getElementById('verdict').innerText, \
                 topics: Array.from(document.querySelectorAll('tr[data-topic]')).map(tr => tr.dataset.topic), \
                 statuses: Array.from(document.querySelectorAll('tr[data-topic] td.status')).map(td => td.textContent), \
                 scripts: document.scripts.length }))()";
    let shown = cdp.call(s, "Runtime.evaluate", json!({ "expression": read, "returnByValue": true }));
    let value = &shown["result"]["value"];
    let cli = Command::new(TKB)
        .args(["check", "Germany", "2021-03-01", "--purpose", "business", "--format", "json"])
        .output()
        .unwrap();
    let card: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(value["verdict"], card["verdict"], "the page's verdict is tkb check's: {value}");
    assert!(value["shown"].as_str().unwrap().starts_with("Verdict: "), "{value}");
    let topics: Vec<&Value> = card["requirements"].as_array().unwrap().iter().map(|r| &r["topic"]).collect();
    assert_eq!(value["topics"].as_array().unwrap().iter().collect::<Vec<_>>(), topics);
    let statuses: Vec<String> = card["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap().replace('_', " "))
        .collect();
    let shown_statuses: Vec<String> =
        value["statuses"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!(shown_statuses, statuses);
    assert_eq!(value["scripts"], 0, "the page needs no script");
    assert!(value["url"].as_str().unwrap().contains("citizen=Germany"), "the form's GET is the address: {value}");
    let errors = cdp.errors();
    assert!(errors.is_empty(), "console errors on the check page: {errors:#?}");
    cdp.send(None, "Browser.close", json!({}));
    drop(browser);
    let _ = std::fs::remove_dir_all(&scratch);
}
