//! The docs are tests: every `tkb` block of grammar.md with a `% expect:` line runs on an empty database and
//! must print exactly the expected lines.

use tkb::db::Database;
use tkb::output::Format;
use tkb::session::Session;

fn examples(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut block: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        match (&mut block, line.trim_end()) {
            (None, "```tkb") => block = Some(Vec::new()),
            (Some(lines), "```") => {
                let text = lines.join("\n");
                if let Some((program, expected)) = text.split_once("% expect:") {
                    let expected: Vec<&str> = expected
                        .lines()
                        .skip(1)
                        .map(|l| l.strip_prefix("% ").unwrap_or(l.trim_start_matches('%')))
                        .collect();
                    out.push((program.to_string(), expected.join("\n") + "\n"));
                }
                block = None;
            }
            (Some(lines), _) => lines.push(line),
            (None, _) => {}
        }
    }
    out
}

#[test]
fn grammar_examples_run_as_documented() {
    let markdown = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/grammar.md")).expect("grammar.md");
    let examples = examples(&markdown);
    assert!(examples.len() >= 6, "grammar.md lost its examples");
    for (program, expected) in examples {
        let mut session = Session::new(Database::default(), Format::Table);
        let outcome = session.execute("example.tkb", &program);
        let errors = session.render_diagnostics(&outcome.diagnostics, false);
        assert!(outcome.diagnostics.is_empty(), "example has errors:\n{program}\n{errors}");
        assert_eq!(outcome.output, expected, "example:\n{program}");
    }
}
