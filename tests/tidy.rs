//! Tidy test of the module structure, in the style of rust-analyzer's: it reads the `use` lines and the paths of
//! every file under `src/` and fails when an import runs up a layer or when files import each other in a circle.
//! The layer order is read from the table in ARCHITECTURE.md (one source for the docs and the test); a new
//! top-level module fails until it is given a layer there.

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers from the ground up, read from the table under "## Layers" in ARCHITECTURE.md: each row is
/// `| N | `module`, `module` | what it stands on |`. A module may import from its own layer and the ones below.
fn layers() -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md");
    let text = std::fs::read_to_string(&path).expect("ARCHITECTURE.md is readable");
    let section = text.split("## Layers").nth(1).expect("ARCHITECTURE.md has a \"## Layers\" section");
    let mut rows: Vec<(usize, Vec<String>)> = section
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let layer: usize = cells.get(1)?.parse().ok()?;
            let modules = cells.get(2)?.split(',').map(|m| m.trim().trim_matches('`').to_string()).collect();
            Some((layer, modules))
        })
        .collect();
    rows.sort();
    let numbers: Vec<usize> = rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, (0..rows.len()).collect::<Vec<_>>(), "the layers of ARCHITECTURE.md are numbered 0 to N");
    rows.into_iter().map(|(_, modules)| modules).collect()
}

fn layer_of(layers: &[Vec<String>], module: &str) -> Option<usize> {
    layers.iter().position(|layer| layer.iter().any(|m| m == module))
}

/// One source file: its path and its module path (`src/eval/plan.rs` is `["eval", "plan"]`).
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
    code: String,
}

fn source_files() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(&root).unwrap().with_extension("");
                let mut module: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                if matches!(module.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                    module.pop();
                }
                let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
                // Unit tests sit at the end of a file; their `super` is the file itself, not its parent.
                let code = strip_comments(text.split("#[cfg(test)]").next().unwrap_or(""));
                files.push(SourceFile { path, module, code });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(files.len() > 50, "found only {} files under src/", files.len());
    files
}

/// The code without comments and string literals, so that prose such as "see crate::x" is not read as an import.
fn strip_comments(text: &str) -> String {
    let bytes = text.as_bytes();
    let (mut out, mut i) = (String::with_capacity(text.len()), 0);
    while i < bytes.len() {
        if text[i..].starts_with("//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if text[i..].starts_with("/*") {
            i += text[i..].find("*/").map_or(bytes.len() - i, |end| end + 2);
        } else if bytes[i] == b'"' && (i == 0 || !matches!(bytes[i - 1], b'\'' | b'r' | b'#')) {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Every path the code names: the leaves of each `use` tree, and each `a::b::c` written in the code itself.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut rest = String::new();
    let mut text = code;
    while let Some(at) = find_use(text) {
        rest.push_str(&text[..at]);
        let end = text[at..].find(';').map_or(text.len(), |e| at + e);
        expand_use(&text[at + 4..end], &mut Vec::new(), &mut found);
        text = &text[end..];
    }
    rest.push_str(text);
    let mut segments: Vec<String> = Vec::new();
    let mut token = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            token.push(c);
            continue;
        }
        if !token.is_empty() {
            segments.push(std::mem::take(&mut token));
        }
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            continue;
        }
        if segments.len() > 1 {
            found.push(std::mem::take(&mut segments));
        }
        segments.clear();
    }
    found
}

/// Where the next `use` statement starts (`use` as a word at the start of an item).
fn find_use(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find("use ").map(|a| a + from) {
        let before = text[..at].trim_end_matches([' ', '\t']);
        if before.is_empty()
            || before.ends_with(['\n', ';', '{', '}'])
            || before.ends_with("pub")
            || before.ends_with(')')
        {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// The leaves of a use tree such as `crate::{a::X, b::{c, d as e}}`, each with the prefix before it.
fn expand_use(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> =
            tree[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let depth = prefix.len();
        prefix.extend(head);
        for part in split_top_level(inner) {
            expand_use(part, prefix, out);
        }
        prefix.truncate(depth);
    } else {
        let leaf = tree.split(" as ").next().unwrap_or("").trim();
        if leaf.is_empty() {
            return;
        }
        // `use a::{self, b}` names `a` itself.
        let empty = prefix.is_empty();
        let mut path = prefix.clone();
        path.extend(leaf.split("::").map(|s| s.trim().to_string()).filter(|s| s != "self" || empty));
        out.push(path);
    }
}

fn split_top_level(text: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The child modules a file declares with `mod name;`.
fn declared_children(code: &str) -> BTreeSet<String> {
    code.lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("pub ").or(Some(l)).and_then(|l| l.strip_prefix("mod ")))
        .filter_map(|l| l.strip_suffix(';'))
        .map(String::from)
        .collect()
}

/// The module a path names, as a module path from the crate root, or None when it names something outside.
fn absolute(file: &SourceFile, path: &[String], children: &BTreeSet<String>) -> Option<Vec<String>> {
    let first = path.first()?.as_str();
    let mut base = match first {
        "crate" => Vec::new(),
        "self" => file.module.clone(),
        "super" => file.module[..file.module.len().checked_sub(1)?].to_vec(),
        name if children.contains(name) => {
            let mut m = file.module.clone();
            m.push(name.to_string());
            return Some(m.into_iter().chain(path[1..].iter().cloned()).collect());
        }
        _ => return None,
    };
    let mut rest = &path[1..];
    while rest.first().is_some_and(|s| s == "super") {
        base.pop();
        rest = &rest[1..];
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// The file that holds the longest prefix of a module path.
fn resolve(modules: &BTreeMap<Vec<String>, usize>, path: &[String]) -> Option<usize> {
    (1..=path.len()).rev().find_map(|n| modules.get(&path[..n]).copied())
}

struct Graph {
    files: Vec<SourceFile>,
    /// File index to the files it imports, with one path that shows each import.
    imports: BTreeMap<usize, BTreeMap<usize, String>>,
}

fn graph() -> Graph {
    let files = source_files();
    let modules: BTreeMap<Vec<String>, usize> =
        files.iter().enumerate().filter(|(_, f)| !f.module.is_empty()).map(|(i, f)| (f.module.clone(), i)).collect();
    let mut imports: BTreeMap<usize, BTreeMap<usize, String>> = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        let children = declared_children(&file.code);
        for path in paths(&file.code) {
            let Some(target) = absolute(file, &path, &children).and_then(|m| resolve(&modules, &m)) else { continue };
            // A module reaching into the modules it declares is containment, not an import: `mod.rs` may
            // re-export or call its children. Imports that go sideways or back up to a parent count.
            let inside = files[target].module.starts_with(&file.module) && !file.module.is_empty();
            if target != i && !inside {
                imports.entry(i).or_default().entry(target).or_insert_with(|| path.join("::"));
            }
        }
    }
    Graph { files, imports }
}

fn shown(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string()
}

#[test]
fn every_module_has_a_layer_in_the_architecture() {
    let layers = layers();
    let modules: BTreeSet<String> = source_files().into_iter().filter_map(|f| f.module.first().cloned()).collect();
    let missing: Vec<&String> = modules.iter().filter(|m| layer_of(&layers, m).is_none()).collect();
    assert!(missing.is_empty(), "modules with no layer in ARCHITECTURE.md's table: {missing:?}");
    let stale: Vec<&String> = layers.iter().flatten().filter(|m| !modules.contains(*m)).collect();
    assert!(stale.is_empty(), "ARCHITECTURE.md's table names modules that src/ does not have: {stale:?}");
}

#[test]
fn every_import_points_down_a_layer() {
    let (g, layers) = (graph(), layers());
    let mut problems = Vec::new();
    for (from, targets) in &g.imports {
        let source = &g.files[*from];
        let Some(module) = source.module.first() else { continue };
        let Some(layer) = layer_of(&layers, module) else { continue };
        for (to, via) in targets {
            let Some(target) = g.files[*to].module.first() else { continue };
            match layer_of(&layers, target) {
                Some(up) if up > layer => problems.push(format!(
                    "{} (layer {layer}, `{module}`) imports `{via}` from layer {up} (`{target}`)",
                    shown(&source.path)
                )),
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "imports that run up a layer:\n{}", problems.join("\n"));
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let g = graph();
    let mut graph = DiGraph::<usize, ()>::new();
    let nodes: Vec<_> = (0..g.files.len()).map(|i| graph.add_node(i)).collect();
    for (from, targets) in &g.imports {
        for to in targets.keys() {
            graph.add_edge(nodes[*from], nodes[*to], ());
        }
    }
    let circles: Vec<String> = tarjan_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1)
        .map(|scc| {
            let members: BTreeSet<usize> = scc.iter().map(|n| graph[*n]).collect();
            let arrows: Vec<String> = members
                .iter()
                .flat_map(|from| {
                    g.imports[from].iter().filter(|(to, _)| members.contains(to)).map(|(to, via)| {
                        format!("  {} -> {} ({via})", shown(&g.files[*from].path), shown(&g.files[*to].path))
                    })
                })
                .collect();
            format!("circle of {} files:\n{}", members.len(), arrows.join("\n"))
        })
        .collect();
    assert!(circles.is_empty(), "files that import each other:\n{}", circles.join("\n"));
}

#[test]
fn the_reader_sees_grouped_uses_and_inline_paths() {
    let code = strip_comments(
        "use crate::{db::Database, eval::{plan::Plan, Model as M}};\n// crate::cli::nothing\nfn f() { super::x::y(); let s = \"crate::output\"; }\n",
    );
    let found: Vec<String> = paths(&code).iter().map(|p| p.join("::")).collect();
    assert_eq!(found, ["crate::db::Database", "crate::eval::plan::Plan", "crate::eval::Model", "super::x::y"]);
}

/// CI runs what the README tells a contributor to run, exactly, and then fails if the run changed a tracked
/// file (a golden rewritten under CI would otherwise pass). The README's line is the one that says
/// `(what .ci/run runs)`; .ci/run must run that command (`CI=true` before it, so that `UPDATE_EXPECT` is refused)
/// and `git diff --exit-code` after it.
#[test]
fn ci_runs_the_readme_test_command_and_fails_on_a_changed_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let line = readme.lines().find(|l| l.contains("(what .ci/run runs)")).expect("the README names CI's command");
    let command = line.split('#').next().unwrap_or_default().trim();
    assert!(command.starts_with("cargo test"), "the README's test line is not a cargo command: {line}");
    let ci = std::fs::read_to_string(root.join(".ci/run")).expect(".ci/run");
    let steps: Vec<&str> = ci.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let test = steps.iter().position(|l| *l == format!("CI=true {command}"));
    let test = test.unwrap_or_else(|| panic!(".ci/run does not run `CI=true {command}` (the README's command)"));
    assert!(
        steps[test + 1..].contains(&"git diff --exit-code"),
        ".ci/run does not check with `git diff --exit-code` that the tests left every tracked file unchanged"
    );
    assert!(steps.contains(&"set -euo pipefail"), ".ci/run must stop at the first failing step");
}
