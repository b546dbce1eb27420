//! The README's tour is real: every `console` block runs its `$ tkb ...` lines from the repository root and must
//! print exactly the lines that follow each, and exit as shown. A command ending in `2>&1` shows standard output
//! then standard error; any other must leave standard error empty. A last line `[exit N]` gives the exit code,
//! 0 when there is none.

use std::process::Command;

/// Splits a command line on spaces, keeping single-quoted parts whole (all the README needs).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => quoted = !quoted,
            ' ' if !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// (command line, expected output) pairs of every console block.
fn commands(markdown: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_block = false;
    for line in markdown.lines() {
        match line {
            "```console" => in_block = true,
            "```" if in_block => in_block = false,
            _ if in_block => match line.strip_prefix("$ ") {
                Some(command) => out.push((command.to_string(), String::new())),
                None => {
                    if let Some(last) = out.last_mut() {
                        last.1 += line;
                        last.1 += "\n";
                    }
                }
            },
            _ => {}
        }
    }
    out
}

#[test]
fn the_tour_prints_what_the_readme_shows() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README.md");
    let commands = commands(&readme);
    assert!(commands.len() >= 7, "the tour lost its commands");
    for (command, expected) in commands {
        let (command, merged) = match command.strip_suffix(" 2>&1") {
            Some(command) => (command.to_string(), true),
            None => (command, false),
        };
        let (expected, code) = exit_line(&expected);
        let args = words(&command);
        assert_eq!(args[0], "tkb", "tour commands run tkb: {command}");
        let output = Command::new(env!("CARGO_BIN_EXE_tkb"))
            .args(&args[1..])
            .current_dir(root)
            .env("NO_COLOR", "1")
            .output()
            .expect("tkb runs");
        let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        if merged {
            assert_eq!(format!("{stdout}{stderr}"), expected, "`{command}` (stdout, then stderr)");
        } else {
            assert_eq!(stdout, expected, "`{command}` (stderr: {stderr})");
            assert!(stderr.is_empty(), "`{command}` printed to stderr where the README shows nothing:\n{stderr}");
        }
        assert_eq!(output.status.code(), Some(code), "`{command}` exits {code}");
    }
}

/// The expected output without its `[exit N]` line, and the exit code it gives (0 without one).
fn exit_line(expected: &str) -> (String, i32) {
    let mut lines: Vec<&str> = expected.lines().collect();
    let code = lines.last().and_then(|l| l.strip_prefix("[exit ")).and_then(|l| l.strip_suffix(']'));
    match code.map(|c| c.parse::<i32>().expect("[exit N] gives a number")) {
        Some(code) => {
            lines.pop();
            (lines.iter().map(|l| format!("{l}\n")).collect(), code)
        }
        None => (expected.to_string(), 0),
    }
}

#[test]
fn the_exit_line_is_read() {
    assert_eq!(exit_line("a\n[exit 3]\n"), ("a\n".to_string(), 3));
    assert_eq!(exit_line("a\n"), ("a\n".to_string(), 0));
}
