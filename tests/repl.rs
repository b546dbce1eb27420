//! The REPL's session logic, without a terminal.
//!
//! Transcripts: each `tests/repl/*.txt` is a session against the small kb in `tests/repl/kb`. A line starting with
//! `> ` is typed; an entry runs once it is complete (as the line editor's Validator decides), and the lines after
//! it are what the REPL printed. A typed line ending in `<tab>` is not entered: the lines after it are what Tab
//! offers there (`tab: display => "the line after it"`). `#` lines before the first `> ` are a header, kept as they are.
//! `time:` lines are masked. `UPDATE_EXPECT=1 cargo test --test repl` rewrites the files from what the REPL prints.

#[path = "support/update.rs"]
mod update;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use tkb::repl::{highlight, hint, history_path, is_complete_input, Repl, COMMANDS, EMPTY_HINT, INDENT, MARKER};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn new_repl() -> Repl {
    let mut args = tkb::cli::KbArgs::default();
    // Relative (tests run in the package root), so that diagnostics name the same file on every machine.
    args.source.kb = Some(PathBuf::from("tests/repl/kb"));
    let session = tkb::cli::open(&args).unwrap_or_else(|code| panic!("tests/repl/kb does not load (exit {code})"));
    Repl::new(session, false)
}

/// Replays the typed lines of a transcript and returns the transcript as it should read.
fn replay(transcript: &str) -> String {
    let mut repl = new_repl();
    let (mut out, mut pending) = (String::new(), String::new());
    let mut lines = transcript.lines().peekable();
    while let Some(line) = lines.next_if(|l| l.starts_with('#')) {
        out += &format!("{line}\n");
    }
    for line in lines {
        let Some(typed) = line.strip_prefix("> ").or((line == ">").then_some("")) else { continue };
        out += format!("> {typed}").trim_end();
        out += "\n";
        if let Some(before) = typed.strip_suffix("<tab>") {
            out += &tab(&repl, &(pending.clone() + before));
            continue;
        }
        pending += typed;
        if !is_complete_input(&pending) {
            pending.push('\n');
            continue;
        }
        let printed = repl.execute(&pending);
        pending.clear();
        for line in printed.lines() {
            out += if line.starts_with("time: ") { "time: (masked)" } else { line };
            out += "\n";
        }
    }
    out
}

fn tab(repl: &Repl, line: &str) -> String {
    let (start, candidates) = repl.complete(line, line.len());
    if candidates.is_empty() {
        return "tab: (nothing)\n".into();
    }
    // The edited line only: earlier lines of the entry do not change.
    let line_start = line[..start].rfind('\n').map_or(0, |i| i + 1);
    candidates
        .iter()
        .map(|c| format!("tab: {} => \"{}{}\"\n", c.display, &line[line_start..start], c.replacement))
        .collect()
}

#[test]
fn transcripts() {
    let dir = root().join("tests/repl");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("tests/repl").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    assert!(files.len() >= 4, "the REPL transcripts are missing");
    let update = update::requested();
    let mut failures = Vec::new();
    for file in &files {
        let expected = std::fs::read_to_string(file).expect("readable transcript");
        let actual = replay(&expected);
        if update {
            std::fs::write(file, &actual).expect("write transcript");
        } else if actual != expected {
            failures.push(format!("{}:\n--- expected\n{expected}\n--- actual\n{actual}", file.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} transcript(s) differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_parser_decides_when_an_entry_is_complete() {
    let complete = [
        "",
        "   ",
        ".help",
        ".why 1",
        "help",
        "quit",
        "% a comment",
        "?- p(X).",
        "p(a). q(b).",
        "?- p(X)\n@ 2021-12-20.",
        "?- p(X)) @ 2021-12-20",
        "\"unclosed",
    ];
    let incomplete = [
        "?- idc_exempt(C)",
        "?- p(X) @",
        "?- p(X),",
        "p(a) :-",
        "cite s \"q\" {\n a(x).",
        "p(a). ?- q(X)",
        "helpme",
        "why p(a)",
    ];
    for text in complete {
        assert!(is_complete_input(text), "{text:?} should run at once");
    }
    for text in incomplete {
        assert!(!is_complete_input(text), "{text:?} should continue on the next line");
    }
}

#[test]
fn history_lives_in_the_state_directory_unless_tkb_history_says_otherwise() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| OsString::from(v))
    };
    assert_eq!(history_path(env(&[("TKB_HISTORY", "/tmp/h"), ("HOME", "/home/u")])), Some(PathBuf::from("/tmp/h")));
    assert_eq!(history_path(env(&[("TKB_HISTORY", ""), ("HOME", "/home/u")])), None);
    assert_eq!(
        history_path(env(&[("XDG_STATE_HOME", "/s"), ("HOME", "/home/u")])),
        Some(PathBuf::from("/s/tkb/history"))
    );
    assert_eq!(
        history_path(env(&[("XDG_STATE_HOME", "rel"), ("HOME", "/home/u")])),
        Some(PathBuf::from("/home/u/.local/state/tkb/history"))
    );
    assert_eq!(history_path(env(&[])), None);
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|c| *c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn highlighting_keeps_the_width_and_draws_the_continuation_marker() {
    let line = format!(
        ".why idc_exempt(de) @ 2021-12-20\n?- country_name(C, \"Viet Nam\"), X != 3 % note\n{INDENT}@ 2021-12-20."
    );
    let coloured = highlight(&line, true);
    assert!(coloured.contains("\x1b["), "no colour in {coloured:?}");
    let expected = line.replace(&format!("\n{INDENT}"), &format!("\n{MARKER}"));
    assert_eq!(strip_ansi(&coloured), expected);
    assert_eq!(highlight(&line, false), expected, "NO_COLOR: no escape codes, only the marker");
    assert_eq!(INDENT.len(), MARKER.len());
}

#[test]
fn hints_point_at_help_and_finish_command_names() {
    assert_eq!(hint("", 0), Some((EMPTY_HINT.to_string(), None)));
    assert_eq!(hint(".lo", 3), Some(("ad FILE".to_string(), Some("ad".to_string()))));
    assert_eq!(hint(".m", 2), None, "ambiguous: .mode and .more");
    assert_eq!(hint("?- p(X)", 7), None);
}

#[test]
fn help_is_generated_from_the_command_table() {
    let help = new_repl().execute(".help");
    for command in COMMANDS {
        assert!(
            help.contains(&format!(".{} {}", command.name, command.args).trim_end().to_string()),
            "`.{}` missing from help",
            command.name
        );
        assert!(help.contains(command.help), "the help of `.{}` is missing", command.name);
    }
}

#[test]
fn quit_ends_the_session() {
    let mut repl = new_repl();
    assert!(!repl.finished());
    assert_eq!(repl.execute(".quit"), "");
    assert!(repl.finished());
}

/// `tkb repl` with its standard input piped: no banner, no prompt, the same Validator joining lines.
fn run_piped(input: &str, history: &Path) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tkb"))
        .args(["repl", "--kb", "tests/repl/kb"])
        .current_dir(root())
        .env("TKB_HISTORY", history)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("tkb runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("input is written");
    child.wait_with_output().expect("tkb ends")
}

#[test]
fn piped_input_joins_lines_like_the_terminal() {
    let history = std::env::temp_dir().join(format!("tkb-repl-piped-{}", std::process::id()));
    let output = run_piped("?- idc_exempt(C)\n@ 2021-12-20.\n.why 3\n", &history);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("?- idc_exempt(C) @ 2021-12-20\n"), "{stdout}");
    assert!(stdout.contains("(3 answers)") && stdout.contains("answer 3 on 2021-12-20: C = VN"), "{stdout}");
    assert_eq!(output.status.code(), Some(0));
    let _ = std::fs::remove_file(history);
}

#[test]
fn an_unusable_history_file_is_a_warning_not_a_failure() {
    // A history file under a regular file can be neither read nor created.
    let history = root().join("tests/repl/kb/small.tkb/history");
    let output = run_piped("?- idc_regime @ 2021-12-20.\n?- country(de).\n", &history);
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(stderr.contains("warning: cannot read the history file"), "{stderr}");
    assert_eq!(stderr.matches("warning: cannot write the history file").count(), 1, "warned once: {stderr}");
    assert!(stdout.contains("yes  [2020-06-24, ..)") && stdout.contains("?- country(de)\nyes"), "{stdout}");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn completion_writes_constants_the_parser_reads_back() {
    let mut repl = new_repl();
    // A name with a combining accent, a tab and a quote: Rust's `{:?}` would write `\u{301}`, which the lexer
    // rejects; the completion must be text the language reads as the same constant.
    let odd = "Cura\u{301}cao\t\"island\"";
    let added = repl.execute(&format!("place({}).", tkb::syntax::quote(odd)));
    assert!(added.contains("added 1 fact"), "{added}");
    let (_, candidates) = repl.complete("?- place(", "?- place(".len());
    let offered: Vec<String> = candidates.iter().map(|c| c.replacement.clone()).collect();
    assert_eq!(offered.len(), 1, "{offered:?}");
    let asked = repl.execute(&format!("?- place({}).", offered[0]));
    assert!(asked.starts_with("?- place(") && asked.contains("yes"), "{asked}");
    for value in [tkb::value::Value::Sym(tkb::symbol::Symbol::new("not")), tkb::value::Value::Int(-3)] {
        let text = tkb::syntax::write_value(&value);
        let parsed = tkb::syntax::parse_program(&format!("p({text})."));
        assert!(parsed.errors.is_empty(), "{text}: {:?}", parsed.errors);
    }
}
