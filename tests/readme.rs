//! The README's tour is real: every `console` block runs its `$ tkb ...` lines from the repository root and must
//! print exactly the lines that follow each.

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
        let args = words(&command);
        assert_eq!(args[0], "tkb", "tour commands run tkb: {command}");
        let output = Command::new(env!("CARGO_BIN_EXE_tkb"))
            .args(&args[1..])
            .current_dir(root)
            .env("NO_COLOR", "1")
            .output()
            .expect("tkb runs");
        let actual = String::from_utf8_lossy(&output.stdout);
        assert_eq!(actual, expected, "`{command}` (stderr: {})", String::from_utf8_lossy(&output.stderr));
    }
}
