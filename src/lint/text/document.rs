//! A plain document read as people write news: its sentences, the counts they state (in digits or words, of
//! countries or of other things), every list (inline, bulleted, numbered, one a line, a table), and which list
//! each count speaks of (`link`), gathered in a `Reading`. The linter's text mode and `tkb draft` read documents
//! through this one reader.

use super::blocks::{self, Kind};
use super::counts;
use super::inline;
use super::link;
use super::names::CountryTable;
use super::reading::{lines, Count, Placed, Reading, Sentence};
use super::sentences::sentences;
use crate::syntax::Span;

/// Phrases that point to a list further down the document.
const POINTERS: &[&str] = &[
    "attached",
    "listed below",
    "list below",
    "table below",
    "shown below",
    "given below",
    "see below",
    "countries below",
    "states below",
    "in the table",
    "following table",
    "following list",
];

/// Words of a sentence that speaks of exceptions.
const EXCEPT: &[&str] = &["except", "exception", "excluding", "other than", "apart from"];

/// Words of a sentence that introduces a list, when they open it.
const OPENERS: &[&str] = &["these are", "they are", "those are", "these include", "they include", "namely"];

/// Words of a sentence that introduces a list, anywhere in it.
const INTRO: &[&str] = &["list", "following", "as follows", "namely"];

/// What the phrases of a sentence say about the lists around it, found in one pass.
struct Flags {
    pointer: bool,
    intro: bool,
    except: bool,
}

impl Flags {
    fn of(sentence: &str) -> Flags {
        static AUTOMATON: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        let automaton = AUTOMATON.get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(POINTERS.iter().chain(EXCEPT).chain(OPENERS).chain(INTRO))
                .expect("fixed patterns compile")
        });
        let (p, e, o) = (POINTERS.len(), POINTERS.len() + EXCEPT.len(), POINTERS.len() + EXCEPT.len() + OPENERS.len());
        let mut flags = Flags { pointer: false, intro: false, except: false };
        for m in automaton.find_overlapping_iter(sentence) {
            match m.pattern().as_usize() {
                k if k < p => flags.pointer = true,
                k if k < e => flags.except = true,
                k if k < o => flags.intro |= m.start() == 0,
                _ => flags.intro = true,
            }
        }
        // A sentence with at most four words before its colon only leads a list ("The list:", "These are:").
        flags.intro |= sentence.find(':').is_some_and(|c| sentence[..c].split_whitespace().count() <= 4);
        flags
    }
}

/// Reads the document: its sentences, counts and lists, each count linked to its list.
pub fn read(text: &str, table: &CountryTable) -> Reading {
    let lines = lines(text);
    let kinds = blocks::kinds(&lines);
    let mut reading = Reading::default();
    let mut inline_lists = Vec::new();
    for (line, kind) in lines.iter().zip(&kinds) {
        let (offset, item) = match kind {
            Kind::Blank | Kind::Table(_) => continue,
            Kind::Marked(_) => (super::scan::item(line.text).map(|i| i.at).unwrap_or(0), true),
            Kind::Prose => (0, false),
        };
        let body = &line.text[offset..];
        let parts = sentences(body);
        for (k, &(s, e)) in parts.iter().enumerate() {
            let start = line.start + offset + s;
            let sentence = &body[s..e];
            let index = reading.sentences.len();
            let flags = Flags::of(sentence);
            reading.sentences.push(Sentence {
                line: line.no,
                span: Span { start, end: line.start + offset + e },
                heading: parts.len() == 1 && !item && !sentence.ends_with(['.', '!', '?', ':', ';']),
                lead: k + 1 == parts.len() && sentence.ends_with(':'),
                item,
                pointer: flags.pointer,
                intro: flags.intro,
                except: flags.except,
            });
            for found in counts::counts(sentence) {
                reading.counts.push(Count {
                    value: found.value,
                    noun: found.noun,
                    kind: found.kind,
                    line: line.no,
                    span: Span { start: start + found.start, end: start + found.end },
                    sentence: index,
                    back: found.back,
                    weak: found.weak,
                    total: found.total,
                    list: None,
                });
            }
            for found in inline::lists(table, sentence, start, line.no) {
                inline_lists.push(Placed {
                    first: line.no,
                    last: line.no,
                    sentence: Some(index),
                    at: start + found.at,
                    opener: found.opener,
                    list: found.list,
                });
            }
        }
    }
    let mut all = inline_lists;
    for block in blocks::blocks(table, &lines, &kinds) {
        let at = block.list.span().start;
        all.push(Placed { first: block.first, last: block.last, sentence: None, at, opener: false, list: block.list });
    }
    all.sort_by_key(|p| p.at);
    reading.lists = all;
    link::link(&mut reading, &kinds);
    reading
}
