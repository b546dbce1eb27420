//! The real binary in a pseudo-terminal, as a person uses it: a statement typed over two lines (the continuation
//! prompt shows), Tab completing a predicate, Ctrl-C abandoning a line, the history file written after each entry
//! and recalled with the Up arrow after a restart, Ctrl-D quitting. Unix only: it needs pseudo-terminals.
#![cfg(unix)]

use rexpect::session::{spawn_command, PtySession};
use std::path::{Path, PathBuf};
use std::process::Command;
use tkb::repl::EMPTY_HINT;

const UP: &str = "\x1b[A";
const TAB: &str = "\t";

/// A history file in a folder that does not exist yet: the REPL must create it.
fn fresh_history(name: &str) -> PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("repl-pty-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("state").join("history")
}

fn start(history: &Path, kb: Option<&str>) -> PtySession {
    start_with(history, kb, true)
}

fn start_with(history: &Path, kb: Option<&str>, no_color: bool) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tkb"));
    command.arg("repl").current_dir(env!("CARGO_MANIFEST_DIR"));
    command.env("TKB_HISTORY", history).env("TERM", "xterm").env_remove("NO_COLOR");
    if no_color {
        command.env("NO_COLOR", "1");
    }
    if let Some(kb) = kb {
        command.args(["--kb", kb]);
    }
    let mut pty = spawn_command(command, Some(60_000)).expect("tkb repl starts in a pseudo-terminal");
    pty.exp_string("Ctrl-D quits").expect("the banner");
    fresh_prompt(&mut pty);
    pty
}

/// Waits for a new, empty prompt: the hint only an empty line shows. (`tkb> ` alone also comes back each time the
/// line being edited is redrawn; keys sent before the editor reads again would meet the terminal in cooked mode.)
fn fresh_prompt(pty: &mut PtySession) {
    pty.exp_string(EMPTY_HINT.trim()).expect("a fresh prompt with its hint");
}

fn keys(pty: &mut PtySession, keys: &str) {
    pty.send(keys).expect("keys are sent");
    pty.flush().expect("keys are flushed");
}

/// Waits for `text`; returns what the terminal showed before it.
fn expect(pty: &mut PtySession, text: &str) -> String {
    pty.exp_string(text).unwrap_or_else(|e| panic!("expected {text:?} on the terminal: {e}"))
}

/// Select Graphic Rendition: the escape sequences that colour text (the editor's cursor moves are others).
fn has_colour(shown: &str) -> bool {
    shown.split('\x1b').skip(1).any(|s| {
        s.strip_prefix('[')
            .is_some_and(|s| s.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';').starts_with('m'))
    })
}

fn history_text(history: &Path) -> String {
    std::fs::read_to_string(history).unwrap_or_else(|e| panic!("history file {} not written: {e}", history.display()))
}

#[test]
fn two_lines_tab_completion_and_history_after_a_restart() {
    let history = fresh_history("small");
    let mut pty = start(&history, Some("tests/repl/kb"));
    keys(&mut pty, "?- idc_exempt(C)\r");
    let mut shown = expect(&mut pty, "...> ");
    keys(&mut pty, "@ 2021-12-20.\r");
    shown += &expect(&mut pty, "<- news_c 2020-06-24, news_a 2021-08-20");
    shown += &expect(&mut pty, "(3 answers)");
    assert!(!has_colour(&shown), "NO_COLOR is set, yet colours were drawn: {shown:?}");
    assert!(history_text(&history).contains("?- idc_exempt(C)"), "the entry is saved at once");

    fresh_prompt(&mut pty);
    keys(&mut pty, "?- vaccine_pass");
    keys(&mut pty, TAB);
    expect(&mut pty, "vaccine_passport_recognized(");
    keys(&mut pty, "C) @ 2021-12-20.\r");
    expect(&mut pty, "1  DE  Germany  [2021-12-14, ..)");
    fresh_prompt(&mut pty);
    keys(&mut pty, ".quit\r");
    pty.exp_eof().expect("`.quit` ends the REPL");

    let saved = history_text(&history);
    assert!(saved.contains("?- vaccine_passport_recognized(C) @ 2021-12-20."), "history: {saved}");

    let mut pty = start(&history, Some("tests/repl/kb"));
    keys(&mut pty, &UP.repeat(3));
    expect(&mut pty, "idc_exempt(C)");
    keys(&mut pty, "\r");
    expect(&mut pty, "(3 answers)");
    fresh_prompt(&mut pty);
    pty.send_control('d').expect("Ctrl-D is sent");
    pty.exp_eof().expect("Ctrl-D ends the REPL");
}

/// The acceptance scenario of issue 5, on the built-in kb. The answers change as the kb grows, so only their
/// shape is checked: numbered answers, each with a sources line, and a count.
#[test]
fn acceptance_scenario_on_the_builtin_kb() {
    let history = fresh_history("builtin");
    let mut pty = start(&history, None);
    keys(&mut pty, "?- idc_exempt(C)\r");
    expect(&mut pty, "...> ");
    keys(&mut pty, "@ 2021-12-20.\r");
    pty.exp_regex(r"\n\s*1  [A-Z]{2}  [^\n]*\[").expect("a first answer: number, country code and name, validity");
    expect(&mut pty, "<- ");
    pty.exp_regex(r"\(\d+ answers?").expect("the count of answers");

    fresh_prompt(&mut pty);
    keys(&mut pty, "?- vaccine_pass");
    keys(&mut pty, TAB);
    expect(&mut pty, "vaccine_passport_recogni");
    pty.send_control('c').expect("Ctrl-C is sent");
    fresh_prompt(&mut pty);

    keys(&mut pty, ".why 1\r");
    expect(&mut pty, "answer 1 on 2021-12-20");
    expect(&mut pty, "idc_exempt(");
    expect(&mut pty, "cites");
    fresh_prompt(&mut pty);
    keys(&mut pty, ".quit\r");
    pty.exp_eof().expect("`.quit` ends the REPL");
    assert!(!history_text(&history).contains("vaccine_pass"), "a line abandoned with Ctrl-C is not kept");

    let mut pty = start(&history, None);
    keys(&mut pty, &UP.repeat(3));
    expect(&mut pty, "idc_exempt(C)");
    keys(&mut pty, "\r");
    pty.exp_regex(r"\(\d+ answers?").expect("the recalled query runs again");
    fresh_prompt(&mut pty);
    pty.send_control('d').expect("Ctrl-D is sent");
    pty.exp_eof().expect("Ctrl-D ends the REPL");
}

#[test]
fn input_is_coloured_when_the_terminal_takes_colour() {
    let history = fresh_history("colour");
    let mut pty = start_with(&history, Some("tests/repl/kb"), false);
    keys(&mut pty, "?- direct_flight(X)");
    expect(&mut pty, "\x1b[33mX");
    pty.send_control('c').expect("Ctrl-C is sent");
    fresh_prompt(&mut pty);
    pty.send_control('d').expect("Ctrl-D is sent");
    pty.exp_eof().expect("Ctrl-D ends the REPL");
}

/// Ctrl-C while a long evaluation runs stops it, says so, and leaves the session usable: no partial answer.
#[test]
fn ctrl_c_stops_a_running_evaluation() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("repl-pty-chain-kb");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("kb dir");
    // A 3,000-node chain: its closure has 4.5 million pairs, seconds of work.
    let mut text: String = (0..3000).map(|i| format!("edge({i}, {}).\n", i + 1)).collect();
    text += "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n";
    std::fs::write(dir.join("chain.tkb"), text).expect("kb file");
    let history = fresh_history("interrupt");
    let mut pty = start(&history, dir.to_str());
    keys(&mut pty, "?- path(0, 2999).\r");
    std::thread::sleep(std::time::Duration::from_millis(400));
    keys(&mut pty, "\x03");
    expect(&mut pty, "interrupted");
    fresh_prompt(&mut pty);
    keys(&mut pty, "?- edge(0, 1).\r");
    expect(&mut pty, "yes");
    // Ctrl-D only ends the REPL once the line editor reads again: sent while the answer is still being printed,
    // the terminal's cooked mode swallows it (this test hung that way under load).
    fresh_prompt(&mut pty);
    keys(&mut pty, "\x04");
    pty.exp_eof().expect("Ctrl-D quits");
    let _ = std::fs::remove_dir_all(&dir);
}
