//! `tkb serve --watch`: a changed kb folder is loaded beside the served one and swapped in whole; a kb that fails
//! to load leaves the old one serving, and its errors (code, file, line) show in `/api/status` until a good kb
//! loads again.

#[path = "support/server.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::{encode, Server};

/// A copy of the repository's kb in a fresh folder.
fn kb_copy(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("kb"), &dir);
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Polls `/api/status` until `done` holds (at most 60 s: a reload takes well under a second).
fn wait_for(server: &Server, what: &str, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let status = server.get("/api/status").json();
        if done(&status) {
            return status;
        }
        assert!(Instant::now() < deadline, "{what} did not happen within 60 s: {status}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn answers(server: &Server, q: &str) -> serde_json::Value {
    let response = server.get(&format!("/api/query?q={}", encode(q)));
    assert_eq!(response.status, 200, "{q}: {}", response.text());
    response.json()["answers"].clone()
}

#[test]
fn a_changed_kb_is_swapped_in_and_a_broken_one_is_not() {
    let dir = kb_copy("reload-kb");
    let server = Server::start(&["--kb", dir.to_str().unwrap(), "--watch"]);
    let flights = answers(&server, "direct_flight(C) @ 2021-12-20");
    assert_eq!(flights.as_array().unwrap().len(), 28);

    // A new file: the next generation has its facts.
    std::fs::write(
        dir.join("extra.tkb"),
        "pred reload_marker(X) \"a fact the reload test adds\".\nreload_marker(one).\n",
    )
    .unwrap();
    wait_for(&server, "the reload", |s| s["kb"]["generation"] == 2);
    assert_eq!(answers(&server, "reload_marker(X)")[0]["bindings"]["X"], "one");

    // A broken file: the old kb keeps serving, and the status says why.
    std::fs::write(dir.join("broken.tkb"), "reload_marker(two).\nthis is not tkb\n").unwrap();
    let status = wait_for(&server, "the failed reload", |s| !s["last_reload_error"].is_null());
    assert_eq!(status["kb"]["generation"], 2, "the old kb is still the one served");
    let error = &status["last_reload_error"]["errors"][0];
    assert_eq!(error["code"], "E0001");
    assert!(error["file"].as_str().unwrap().ends_with("broken.tkb"), "{error}");
    assert_eq!(error["line"], 2);
    assert_eq!(answers(&server, "reload_marker(X)").as_array().unwrap().len(), 1, "nothing of the broken kb is seen");
    assert_eq!(answers(&server, "direct_flight(C) @ 2021-12-20"), flights);

    // Fixed: the next good kb loads and the error is gone.
    std::fs::write(dir.join("broken.tkb"), "reload_marker(two).\n").unwrap();
    let status = wait_for(&server, "the repaired reload", |s| s["last_reload_error"].is_null());
    assert!(status["kb"]["generation"].as_u64().unwrap() >= 3);
    assert_eq!(answers(&server, "reload_marker(X)").as_array().unwrap().len(), 2);
}

#[test]
fn watch_needs_a_kb_folder() {
    let run = std::process::Command::new(support::TKB).args(["serve", "--watch", "--port", "0"]).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--watch needs --kb"));
}
