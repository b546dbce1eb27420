//! `tkb draft` on articles its patterns were not written on: `tests/draft/heldout/NN_slug.txt`, each with the
//! statements a careful encoder would write (`NN_slug.expect`, conventions in that folder's README.md; written by
//! someone who had not seen the drafter). Every article is drafted by the binary as a user drafts it, and the
//! draft is compared with the expected statements (`tkb::draft::expected`). The measurement must be the one
//! docs/draft.md shows, and keep its floors. Adding an article needs no Rust.
//!
//! `TKB_DRAFT_DETAILS=1 cargo test --test draft_heldout -- --nocapture` lists every miss and every extra.
//! `TKB_DRAFT_BIN=path/to/tkb` drafts with another binary (how the baseline in docs/draft.md was measured).

use std::path::{Path, PathBuf};
use std::process::Command;
use tkb::builtin::builtin_files;
use tkb::draft::expected::{self, Article};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The kb without its articles: the vocabulary every draft and every expected text is loaded with.
fn vocabulary() -> Vec<(String, String)> {
    builtin_files()
        .into_iter()
        .filter(|(name, _)| !name.starts_with("kb/news/") && !name.starts_with("kb/pages/"))
        .collect()
}

fn draft(path: &Path) -> String {
    let binary = std::env::var_os("TKB_DRAFT_BIN").map(PathBuf::from);
    let binary = binary.unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_tkb")));
    let output = Command::new(binary).current_dir(root()).arg("draft").arg(path).output().expect("tkb runs");
    assert!(output.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn articles() -> Vec<Article> {
    let dir = root().join("tests/draft/heldout");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/draft/heldout")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 15, "the held-out articles are missing: {}", paths.len());
    paths
        .iter()
        .map(|p| {
            let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let relative = p.strip_prefix(root()).expect("inside the package");
            Article {
                name: p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
                text: read(p),
                expected: read(&p.with_extension("expect")),
                draft: draft(relative),
            }
        })
        .collect()
}

/// The floors the drafter keeps on these articles: (row, recall, precision). Raise them as the patterns improve.
const FLOORS: &[(&str, f64, f64)] =
    &[("facts that end (until)", 1.0, 1.0), ("count claims", 0.8, 1.0), ("all statements", 0.95, 0.95)];

#[test]
fn the_held_out_articles_are_measured_as_docs_draft_md_says() {
    let m = expected::measure(&vocabulary(), &articles()).unwrap_or_else(|e| panic!("{e}"));
    if std::env::var_os("TKB_DRAFT_DETAILS").is_some() {
        eprintln!("{}\n{}", m.table(), m.details());
    }
    let total = m.total();
    for (name, recall, precision) in FLOORS {
        let row = if *name == "all statements" { &total } else { m.row(name).expect("a row") };
        assert!(
            row.recall() + 1e-9 >= *recall && row.precision() + 1e-9 >= *precision,
            "{name} below its floors ({recall}, {precision}):\n{}\n{}",
            m.table(),
            m.details()
        );
    }
    let doc = std::fs::read_to_string(root().join("docs/draft.md")).expect("docs/draft.md");
    assert!(
        doc.contains(&m.table()),
        "docs/draft.md does not show the measurement; it is now:\n{}\n{}",
        m.table(),
        m.details()
    );
}
