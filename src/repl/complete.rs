//! Tab completion: command names after a leading dot and their arguments (file names after `.load`), predicate
//! names (listed with their arity) where a predicate can stand, and inside an atom's arguments the constants that
//! argument position holds (country codes with their names: `de Germany`; `germ` completed to `de`), or every
//! country where the position's values are not known; `"Germ` is completed to `"Germany"`.

use super::commands::{self, ArgKind};
use crate::db::Database;
use crate::symbol::Symbol;
use crate::value::Value;
use rustyline::completion::{FilenameCompleter, Pair};
use std::collections::BTreeMap;

/// The names Tab offers, taken from the database after each entry.
#[derive(Clone, Debug, Default)]
pub struct Names {
    preds: Vec<(String, usize)>,
    /// Each country code with the first name the kb gives it.
    countries: Vec<(String, String)>,
    /// Every (name, code) of `country_name`.
    names: Vec<(String, String)>,
    /// The constants each argument position holds, as written in a statement, where they are known.
    constants: BTreeMap<(String, usize), Vec<String>>,
}

/// The constants of every argument position of every predicate, where the hints' domains know them.
fn constants(db: &Database) -> BTreeMap<(String, usize), Vec<String>> {
    let mut domains = crate::query::hints::domains(db);
    let mut out = BTreeMap::new();
    for (pred, info) in &db.preds {
        for col in 0..info.arity {
            if let Some(values) = domains.of(*pred, col) {
                out.insert((pred.to_string(), col), values.iter().map(crate::syntax::write_value).collect());
            }
        }
    }
    out
}

impl Names {
    /// The names `db` offers: its predicates, constants by argument place, and country names.
    pub fn of(db: &Database) -> Names {
        let preds = db.preds.iter().map(|(name, info)| (name.to_string(), info.arity)).collect();
        let known = crate::query::names::CountryNames::of(db);
        let names = known.written().map(|(name, code)| (name.to_string(), code.to_string())).collect();
        let countries = db
            .store
            .relation(Symbol::from("country"))
            .into_iter()
            .flat_map(|r| r.tuples.keys())
            .filter_map(|t| match t.as_slice() {
                [code @ Value::Sym(_)] => Some((code.to_string(), known.name(code).unwrap_or_default().to_string())),
                _ => None,
            })
            .collect();
        Names { preds, countries, names, constants: constants(db) }
    }
}

/// The start of the text to replace at byte `pos` of `line`, and the candidates.
pub fn complete(names: &Names, line: &str, pos: usize) -> (usize, Vec<Pair>) {
    let mut pos = pos.min(line.len());
    while !line.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &line[..pos];
    let lead = before.len() - before.trim_start().len();
    if before[lead..].starts_with('.') {
        return command(names, line, lead, pos);
    }
    statement(names, line, pos)
}

fn pair(display: String, replacement: String) -> Pair {
    Pair { display, replacement }
}

fn command(names: &Names, line: &str, lead: usize, pos: usize) -> (usize, Vec<Pair>) {
    let typed = &line[lead + 1..pos];
    let Some(end) = typed.find(char::is_whitespace) else {
        let found = commands::matching(typed).map(|c| {
            let space = if c.args.is_empty() { "" } else { " " };
            pair(format!(".{} {}", c.name, c.args).trim_end().to_string(), format!(".{}{space}", c.name))
        });
        return (lead, found.collect());
    };
    let Some(command) = commands::find(&typed[..end]) else { return (pos, Vec::new()) };
    let word_start =
        line[..pos].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(pos, |(i, c)| i + c.len_utf8());
    let word = &line[word_start..pos];
    let words = |all: &[&str]| -> Vec<Pair> {
        all.iter().filter(|w| w.starts_with(word)).map(|w| pair(w.to_string(), w.to_string())).collect()
    };
    match command.arg_kind {
        ArgKind::None => (pos, Vec::new()),
        ArgKind::Path => FilenameCompleter::new().complete_path(line, pos).unwrap_or((pos, Vec::new())),
        ArgKind::Words(all) => (word_start, words(all)),
        ArgKind::Command => (word_start, words(&commands::COMMANDS.iter().map(|c| c.name).collect::<Vec<_>>())),
        ArgKind::Statement => statement(names, line, pos),
        ArgKind::Predicate => (word_start, predicates(names, word, false)),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Inside a statement: a country name in an open string, a country in an atom's arguments, a predicate elsewhere.
fn statement(names: &Names, line: &str, pos: usize) -> (usize, Vec<Pair>) {
    let before = &line[..pos];
    let (open_string, depth) = scan(before);
    if let Some(quote) = open_string {
        let typed = before[quote + 1..].to_lowercase();
        let found = names.names.iter().filter(|(name, _)| name.to_lowercase().starts_with(&typed));
        return (
            quote,
            found
                .map(|(name, code)| {
                    let quoted = crate::syntax::quote(name);
                    pair(format!("{quoted} ({code})"), quoted)
                })
                .collect(),
        );
    }
    let start = before.char_indices().rev().find(|(_, c)| !is_word_char(*c)).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return (start, Vec::new());
    }
    if depth > 0 {
        let found = match argument(before).and_then(|place| names.constants.get(&place)) {
            Some(values) => constants_at(names, values, word),
            None => countries(names, word),
        };
        return (start, found);
    }
    if word.starts_with(|c: char| c.is_uppercase() || c == '_') {
        return (start, Vec::new());
    }
    let mut found = predicates(names, word, !line[pos..].starts_with('('));
    found.extend(keywords(word));
    (start, found)
}

/// Keywords starting with `word` (at least one letter typed), after the predicates, each followed by a space.
fn keywords(word: &str) -> Vec<Pair> {
    if word.is_empty() {
        return Vec::new();
    }
    let found = crate::syntax::KEYWORDS.iter().filter(|k| k.text.starts_with(word) && k.text != word);
    found.map(|k| pair(k.text.to_string(), format!("{} ", k.text))).collect()
}

/// Predicates starting with `word`, shown as `name/arity`; with `paren`, one with arguments completes to `name(`.
fn predicates(names: &Names, word: &str, paren: bool) -> Vec<Pair> {
    let found = names.preds.iter().filter(|(name, _)| name.starts_with(word));
    found
        .map(|(name, arity)| {
            let open = if *arity > 0 && paren { "(" } else { "" };
            pair(format!("{name}/{arity}"), format!("{name}{open}"))
        })
        .collect()
}

/// Country codes starting with `word` (lower case), then countries whose name or one of its words starts with it.
/// A capitalised word is most likely a variable: names are offered for it only from three letters on.
fn countries(names: &Names, word: &str) -> Vec<Pair> {
    let lower = word.to_lowercase();
    let capital = word.starts_with(|c: char| c.is_uppercase());
    let mut found: Vec<Pair> = Vec::new();
    if !capital {
        for (code, name) in names.countries.iter().filter(|(code, _)| code.starts_with(&lower)) {
            found.push(pair(format!("{code} {name}").trim_end().to_string(), code.clone()));
        }
    }
    if !lower.is_empty() && (!capital || lower.chars().count() >= 3) {
        for (name, code) in &names.names {
            let name_lower = name.to_lowercase();
            let word_start = lower.chars().count() >= 3
                && name_lower.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(&lower));
            if name_lower.starts_with(&lower) || word_start {
                found.push(pair(format!("{code} {name}"), code.clone()));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(p.display.clone()));
    found
}

/// The predicate and argument position (0-based) of the atom whose argument list `text` ends in.
fn argument(text: &str) -> Option<(String, usize)> {
    let (mut open, mut string, mut comment) = (Vec::new(), false, false);
    for (i, c) in text.char_indices() {
        match c {
            '\n' => comment = false,
            _ if comment => {}
            '"' => string = !string,
            _ if string => {}
            '%' => comment = true,
            '(' => open.push((i, 0usize)),
            ')' => drop(open.pop()),
            ',' => {
                if let Some(top) = open.last_mut() {
                    top.1 += 1;
                }
            }
            _ => {}
        }
    }
    let (paren, col) = *open.last()?;
    let head = &text[..paren];
    let pred_start = head.char_indices().rev().find(|(_, c)| !is_word_char(*c)).map_or(0, |(i, c)| i + c.len_utf8());
    let pred = &head[pred_start..];
    pred.starts_with(|c: char| c.is_lowercase()).then(|| (pred.to_string(), col))
}

/// The constants of one argument position that start with `word`, countries shown with their name, and the
/// countries whose name starts with it when the position holds countries.
fn constants_at(names: &Names, values: &[String], word: &str) -> Vec<Pair> {
    let name_of = |code: &str| names.countries.iter().find(|(c, _)| c == code).map(|(_, n)| n.as_str());
    let capital = word.starts_with(|c: char| c.is_uppercase());
    let lower = word.to_lowercase();
    let mut found: Vec<Pair> = Vec::new();
    if !capital {
        for value in values.iter().filter(|v| v.to_lowercase().trim_start_matches('"').starts_with(&lower)) {
            let display = name_of(value).map_or(value.clone(), |n| format!("{value} {n}"));
            found.push(pair(display, value.clone()));
        }
    }
    if values.iter().any(|v| name_of(v).is_some()) {
        let codes: std::collections::HashSet<&str> = values.iter().map(String::as_str).collect();
        let by_name = countries(names, word).into_iter().filter(|p| codes.contains(p.replacement.as_str()));
        found.extend(by_name);
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(p.display.clone()));
    found
}

/// Where an unclosed string starts in `text` (if it ends inside one), and how many parentheses are open.
fn scan(text: &str) -> (Option<usize>, usize) {
    let (mut string, mut depth, mut comment, mut escaped) = (None, 0usize, false, false);
    for (i, c) in text.char_indices() {
        match (string, c) {
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(_), '"' | '\n') if !escaped => string = None,
            (Some(_), _) => {}
            (None, '\n') => comment = false,
            (None, _) if comment => {}
            (None, '%') => comment = true,
            (None, '"') => string = Some(i),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            _ => {}
        }
        escaped = false;
    }
    (string, depth)
}
