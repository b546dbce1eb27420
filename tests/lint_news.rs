//! The linter on news it was not written on: `tests/lint/news/NN_slug.txt`, each with `NN_slug.expect` beside it
//! (the format is in that folder's README.md; the items were written by someone who had not seen the linter).
//! Every item runs through the binary as a user runs it (`tkb lint --text ITEM --notes --format json`), and its
//! findings are matched with the expected ones. The measurement (recall, precision, false alarms on the clean
//! half) must be the one docs/lint.md shows. Adding an item needs no Rust: drop the two files in the folder.
//!
//! `TKB_LINT_DETAILS=1 cargo test --test lint_news -- --nocapture` prints every miss and every unexpected finding.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use tkb::lint::json::FindingJson;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One expected finding: its kind (`count-mismatch`, `duplicate`, `two-totals`, `no-list`) and its fields.
#[derive(Clone, Debug)]
struct Expected {
    kind: String,
    fields: BTreeMap<String, String>,
}

impl Expected {
    fn field(&self, key: &str) -> &str {
        self.fields.get(key).map(String::as_str).unwrap_or("")
    }

    /// The linter's code name for the kind.
    fn code_name(&self) -> &'static str {
        match self.kind.as_str() {
            "count-mismatch" => "count-mismatch",
            "duplicate" => "listed-twice",
            "two-totals" => "two-totals",
            "no-list" => "count-without-list",
            other => panic!("unknown kind `{other}` in an .expect file"),
        }
    }

    /// Whether a warning (rather than a note) is expected.
    fn is_warning(&self) -> bool {
        self.kind != "no-list"
    }

    /// Whether `f` is this finding: the code, the line stated, and every value in the message as a whole word
    /// (the other line of two totals among the related places).
    fn matches(&self, f: &FindingJson) -> bool {
        if f.name != self.code_name() || f.line.map(|l| l.to_string()).as_deref() != Some(self.field("line")) {
            return false;
        }
        let words: Vec<&str> = f.message.split(|c: char| !c.is_alphanumeric() && c != '-').collect();
        let has = |value: &str| value.split_whitespace().all(|w| words.contains(&w));
        let values = ["stated", "listed", "noun", "name", "first", "second"];
        let line2 = self.field("line2");
        values.iter().all(|k| has(self.field(k)))
            && (line2.is_empty() || f.related.iter().any(|r| r.line.map(|l| l.to_string()).as_deref() == Some(line2)))
    }
}

/// `kind key=value key=value`, a value running to the next ` key=` (so it may hold spaces).
fn parse_line(line: &str) -> Expected {
    let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
    let mut fields = BTreeMap::new();
    let mut key: Option<&str> = None;
    let mut value: Vec<&str> = Vec::new();
    for word in rest.split_whitespace() {
        match word.split_once('=') {
            Some((k, v)) if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric()) => {
                if let Some(k) = key.take() {
                    fields.insert(k.to_string(), value.join(" "));
                }
                key = Some(k);
                value = vec![v];
            }
            _ => value.push(word),
        }
    }
    if let Some(k) = key {
        fields.insert(k.to_string(), value.join(" "));
    }
    Expected { kind: kind.to_string(), fields }
}

struct Item {
    name: String,
    clean: bool,
    expected: Vec<Expected>,
    found: Vec<FindingJson>,
}

fn items() -> Vec<Item> {
    let dir = root().join("tests/lint/news");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/lint/news")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 40, "the news items are missing: {}", paths.len());
    paths.iter().map(|p| item(p)).collect()
}

fn item(path: &Path) -> Item {
    let expect_path = path.with_extension("expect");
    let text = std::fs::read_to_string(&expect_path).unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let expected: Vec<Expected> = lines.iter().filter(|l| **l != "clean").map(|l| parse_line(l)).collect();
    assert!(lines == ["clean"] || !expected.is_empty(), "{}: no expectation", expect_path.display());
    // The clean half: no warning expected (a count without its list is a note).
    let clean = expected.iter().all(|e| !e.is_warning());
    let relative = path.strip_prefix(root()).expect("inside the package");
    let output = Command::new(env!("CARGO_BIN_EXE_tkb"))
        .current_dir(root())
        .args(["lint", "--notes", "--format", "json", "--text"])
        .arg(relative)
        .output()
        .expect("tkb runs");
    assert!(output.status.code().is_some_and(|c| c <= 1), "{}: {output:?}", path.display());
    let found: Vec<FindingJson> = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: the findings as JSON: {e}", path.display()));
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Item { name, clean, expected, found }
}

/// Counts for one row of the table.
#[derive(Default)]
struct Tally {
    expected: usize,
    matched: usize,
    reported: usize,
    right: usize,
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{}%", (100.0 * part as f64 / whole as f64).round())
    }
}

/// The measurement: the table docs/lint.md shows, the misses and unexpected findings, and the headline figures.
struct Measurement {
    table: String,
    details: Vec<String>,
    recall: f64,
    false_alarms: usize,
}

fn measure(items: &[Item]) -> Measurement {
    let kinds = ["count-mismatch", "duplicate", "two-totals", "no-list"];
    let mut tallies: BTreeMap<&str, Tally> = kinds.iter().map(|k| (*k, Tally::default())).collect();
    let mut other_warnings = 0;
    let mut details = Vec::new();
    let mut false_alarms = 0;
    for item in items {
        let mut used = vec![false; item.found.len()];
        for e in &item.expected {
            let tally = tallies.get_mut(e.kind.as_str()).expect("a known kind");
            tally.expected += 1;
            match item.found.iter().enumerate().find(|(i, f)| !used[*i] && e.matches(f)) {
                Some((i, _)) => {
                    used[i] = true;
                    tally.matched += 1;
                }
                None => details.push(format!("{}: missed {} {:?}", item.name, e.kind, e.fields)),
            }
        }
        let mut warned = false;
        for (f, used) in item.found.iter().zip(&used) {
            let kind =
                kinds.iter().find(|k| Expected { kind: k.to_string(), fields: BTreeMap::new() }.code_name() == f.name);
            let warning = f.severity != "note";
            warned |= warning;
            match kind {
                Some(k) => {
                    let tally = tallies.get_mut(k).expect("a known kind");
                    tally.reported += 1;
                    tally.right += usize::from(*used);
                }
                None if warning => other_warnings += 1,
                None => {}
            }
            if !used && (warning || kind.is_some()) {
                details.push(format!("{}: unexpected {} line {:?}: {}", item.name, f.name, f.line, f.message));
            }
        }
        false_alarms += usize::from(item.clean && warned);
    }
    let clean = items.iter().filter(|i| i.clean).count();
    let mut table = format!(
        "Measured on {} items ({} with a contradiction, {clean} clean).\n\n| finding | expected | found | recall | reported | right | precision |\n|---|---:|---:|---:|---:|---:|---:|\n",
        items.len(),
        items.len() - clean
    );
    let mut all = Tally::default();
    for kind in kinds {
        let t = &tallies[kind];
        if kind != "no-list" {
            all.expected += t.expected;
            all.matched += t.matched;
            all.reported += t.reported;
            all.right += t.right;
        }
        let label = if kind == "no-list" { "no-list (a note)".to_string() } else { kind.to_string() };
        table += &row(&label, t);
    }
    all.reported += other_warnings;
    table += &row("all warnings", &all);
    table += &format!("\nClean items with a warning (false alarms): {false_alarms} of {clean}.\n");
    let recall = if all.expected == 0 { 1.0 } else { all.matched as f64 / all.expected as f64 };
    Measurement { table, details, recall, false_alarms }
}

fn row(label: &str, t: &Tally) -> String {
    format!(
        "| {label} | {} | {} | {} | {} | {} | {} |\n",
        t.expected,
        t.matched,
        percent(t.matched, t.expected),
        t.reported,
        t.right,
        percent(t.right, t.reported)
    )
}

#[test]
fn the_news_items_are_measured_as_docs_lint_md_says() {
    let m = measure(&items());
    if std::env::var_os("TKB_LINT_DETAILS").is_some() {
        eprintln!("{}\n{}", m.table, m.details.join("\n"));
    }
    let doc = std::fs::read_to_string(root().join("docs/lint.md")).expect("docs/lint.md");
    assert!(
        doc.contains(&m.table),
        "docs/lint.md does not show the measurement; it is now:\n{}\n{}",
        m.table,
        m.details.join("\n")
    );
    // The bar: recall of 95% at least, and no warning on an item that has nothing to warn about.
    assert!(m.recall >= 0.95, "recall {:.2} is below 0.95:\n{}\n{}", m.recall, m.table, m.details.join("\n"));
    assert_eq!(m.false_alarms, 0, "false alarms on the clean half:\n{}", m.details.join("\n"));
}

#[test]
fn expectations_parse_with_spaces_in_values() {
    let e = parse_line("duplicate line=7 name=South Korea");
    assert_eq!((e.kind.as_str(), e.field("line"), e.field("name")), ("duplicate", "7", "South Korea"));
    let e = parse_line("count-mismatch line=3 stated=5 listed=6 noun=countries");
    assert_eq!((e.field("stated"), e.field("listed"), e.field("noun")), ("5", "6", "countries"));
}
