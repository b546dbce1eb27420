//! The REPL's `.draft FILE [A-B] [add]`: shows the draft of a file (or of lines A-B of it) with its verdicts
//! against the session; with `add`, the confirmation, it drafts the same lines again and adds the draft to the
//! session, as `.load` would. Nothing is added without `add`.

use super::state::Repl;
use crate::draft::patterns::{self, Patterns};
use crate::draft::source::{doc_name, parse_lines, read_text, today};
use crate::draft::{against, render, Document, Drafter};

/// The file, the lines, whether to add.
type Request = (String, Option<(usize, usize)>, bool);

/// What the arguments ask for.
fn parse(args: &str) -> Result<Request, String> {
    let mut words: Vec<&str> = args.split_whitespace().collect();
    let add = words.last() == Some(&"add");
    if add {
        words.pop();
    }
    let lines = match words.last().map(|w| parse_lines(w)) {
        Some(Ok(range)) if words.len() > 1 => {
            words.pop();
            Some(range)
        }
        _ => None,
    };
    if words.is_empty() {
        return Err("usage: .draft FILE [A-B] [add]\n".into());
    }
    let path = rustyline::completion::unescape(&words.join(" "), Some('\\')).into_owned();
    Ok((path, lines, add))
}

pub fn command(repl: &mut Repl, args: &str) -> String {
    let (path, lines, add) = match parse(args) {
        Ok(parsed) => parsed,
        Err(usage) => return usage,
    };
    let text = match read_text(&path) {
        Ok(text) => text,
        Err(message) => return format!("{message}\n"),
    };
    let db = repl.database();
    let table = match Patterns::parse(patterns::BUILTIN_NAME, patterns::BUILTIN, db) {
        Ok(table) => table,
        Err(e) => return crate::diag::render_diagnostics(&e.diagnostics, &e.files, false),
    };
    let drafter = Drafter::new(table, db, today());
    let doc = Document::new(doc_name(&path), text);
    let draft = match drafter.draft(&doc, lines) {
        Ok(draft) => draft,
        Err(e) => return format!("error: {e}\n"),
    };
    let shown = render::render(&draft);
    if !add {
        let verdicts = against::classify(&draft, db);
        let known = against::known_source(&draft, db);
        let range = lines.map(|(a, b)| format!(" {a}-{b}")).unwrap_or_default();
        return format!(
            "{shown}{}% To add this draft to the session: .draft {path}{range} add\n",
            against::render(&verdicts, known.as_deref())
        );
    }
    if db.sources.contains_key(&crate::symbol::Symbol::from(draft.source.name.as_str())) {
        return format!(
            "error: the session already has a source named `{}`: nothing added (the kb has this article)\n",
            draft.source.name
        );
    }
    let name = format!("<draft of {path}>");
    repl.statements(&name, &shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments() {
        assert_eq!(parse("a.txt"), Ok(("a.txt".into(), None, false)));
        assert_eq!(parse("a.txt 3-9 add"), Ok(("a.txt".into(), Some((3, 9)), true)));
        assert_eq!(parse("my\\ file.txt add"), Ok(("my file.txt".into(), None, true)));
        assert!(parse("").is_err() && parse("add").is_err());
    }
}
