//! A plain document read as people write news: its sentences, the counts they state (in digits or words, of
//! countries or of other things), every list (inline, bulleted, numbered, one a line, a table), and which list
//! each count speaks of (`link`), gathered in a `Reading`. The linter's text mode and `tkb draft` read documents
//! through this one reader.

use super::blocks;
use super::counts;
use super::inline::{self, OPENERS};
use super::kinds::{self, marked_item, Kind};
use super::link;
use super::names::CountryTable;
use super::reading::{lines, Count, Line, Placed, Reading, Sentence};
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
const EXCEPT: &[&str] = &["except", "exempt", "excluding", "other than", "apart from"];

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

/// Whether a line breaks off inside a list: it ends with a comma, a semicolon or "and", so the next line goes on.
fn wraps(line: &str) -> bool {
    let t = line.trim_end();
    let word = t.rsplit(char::is_whitespace).next().unwrap_or("");
    t.ends_with([',', ';', '&']) || word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("or")
}

/// The text of one line, or of lines wrapped into one paragraph, with where it starts in the document.
struct Paragraph<'a> {
    text: &'a str,
    start: usize,
    lines: &'a [Line<'a>],
    /// The text of a bulleted or numbered line.
    item: bool,
}

impl Paragraph<'_> {
    /// The number of the line holding document byte `at`.
    fn line_at(&self, at: usize) -> usize {
        let k = self.lines.partition_point(|l| l.start <= at).saturating_sub(1);
        self.lines[k].no
    }
}

/// The sentences of a paragraph, their counts and the lists inside them.
fn read_paragraph(table: &CountryTable, p: &Paragraph, reading: &mut Reading, inline_lists: &mut Vec<Placed>) {
    let parts = sentences(p.text);
    let line = p.lines[0].no;
    for (k, &(s, e)) in parts.iter().enumerate() {
        let start = p.start + s;
        let sentence = &p.text[s..e];
        let index = reading.sentences.len();
        let flags = Flags::of(sentence);
        reading.sentences.push(Sentence {
            line: p.line_at(start),
            end_line: p.line_at(p.start + e),
            span: Span { start, end: p.start + e },
            heading: parts.len() == 1 && !p.item && !sentence.ends_with(['.', '!', '?', ':', ';']),
            lead: k + 1 == parts.len() && sentence.ends_with(':'),
            item: p.item,
            pointer: flags.pointer,
            intro: flags.intro,
            except: flags.except,
            words: sentence.split_whitespace().count(),
        });
        for found in counts::counts(sentence) {
            reading.counts.push(Count {
                value: found.value,
                noun: found.noun,
                kind: found.kind,
                line: p.line_at(start + found.start),
                span: Span { start: start + found.start, end: start + found.end },
                sentence: index,
                back: found.back,
                weak: found.weak,
                total: found.total,
                partitive: found.partitive,
                list: None,
            });
        }
        for mut found in inline::lists(table, sentence, start, line) {
            for item in &mut found.list.items {
                item.line = p.line_at(item.span.start);
            }
            let (first, last) = found.list.lines();
            inline_lists.push(Placed {
                first,
                last,
                sentence: Some(index),
                at: start + found.at,
                opener: found.opener,
                subject: found.subject,
                except: found.except,
                counted_from: start + found.counted_from,
                semicolon: start + found.semicolon,
                list: found.list,
            });
        }
    }
}

/// Reads the document: its sentences, counts and lists, each count linked to its list.
pub fn read(text: &str, table: &CountryTable) -> Reading {
    read_at(text, table, 1, 0)
}

/// Reads a window of a larger document: `text` is its lines from line `first`, which starts at byte `base` of
/// the document, so that every line number and span of the reading is the document's. The first line is the
/// window's title.
pub fn read_at(text: &str, table: &CountryTable, first: usize, base: usize) -> Reading {
    let lines = lines(text, first, base);
    let kinds = kinds::kinds(table, &lines);
    let mut reading = Reading { first_line: first, ..Reading::default() };
    let mut inline_lists = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (offset, item) = match kinds[i] {
            Kind::Blank | Kind::Break | Kind::Table(_) => {
                i += 1;
                continue;
            }
            Kind::Marked(_) => (marked_item(lines[i].text).map(|it| it.at).unwrap_or(0), true),
            Kind::Keyed => (0, true),
            Kind::Prose => (0, false),
        };
        // A paragraph wrapped inside a list ("... 12 countries: A, B,\nC and D.") is read as one line.
        let mut j = i;
        while kinds[j] == Kind::Prose && j + 1 < lines.len() && kinds[j + 1] == Kind::Prose && wraps(lines[j].text) {
            j += 1;
        }
        let from = lines[i].start - base + offset;
        let to = lines[j].start - base + lines[j].text.len();
        let paragraph = Paragraph { text: &text[from..to], start: base + from, lines: &lines[i..=j], item };
        read_paragraph(table, &paragraph, &mut reading, &mut inline_lists);
        i = j + 1;
    }
    let mut all = inline_lists;
    for block in blocks::blocks(table, &lines, &kinds) {
        let at = block.list.span().start;
        let (first, last) = (block.first, block.last);
        all.push(Placed {
            first,
            last,
            sentence: None,
            at,
            opener: false,
            subject: false,
            except: false,
            counted_from: at,
            semicolon: 0,
            list: block.list,
        });
    }
    all.sort_by_key(|p| p.at);
    reading.lists = all;
    link::link(&mut reading, &kinds);
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random text over pieces that exercise every part of the reader, multi-byte white
    /// space and dashes included: any text gives a reading, never a panic.
    #[test]
    fn any_text_is_read_without_a_panic() {
        let pieces = [
            "12",
            "twelve",
            "twenty-one",
            "a dozen",
            " countries",
            " states",
            " categories",
            ":",
            ";",
            ",",
            " and ",
            " or ",
            " – ",
            "—",
            " - ",
            "(",
            ")",
            "(the list is attached)",
            "\n",
            "\n\n",
            "\t",
            "|",
            "| --- |",
            "1. ",
            "(2) ",
            "a) ",
            "• ",
            "- ",
            "Germany",
            "Korea, Republic of",
            "the UK",
            "e.g.",
            "such as",
            "namely",
            "these",
            "all",
            "in total",
            ".",
            "\u{a0}",
            "\u{3000}",
            "é",
            "Türkiye",
            " ",
            "   ",
            "exceptions:",
            "From",
            "May 1, 2021",
            "These are",
            "The list is attached.",
            "72-hour",
            "1406",
            "✓ ",
            "✔\u{fe0f} ",
            "\u{f0b7} ",
            "+ ",
            "1 ",
            "2 the ",
            "Page 2 of 3",
            "- 2 -",
            "Total: ",
            "Number of countries: ",
            "Germany: ",
            "Germany – ",
            " (3)",
            "(4):",
            "the following (4)",
            "U.S.A.",
            "1) ",
            ", 2. ",
        ];
        let table =
            CountryTable::from_pairs(&[("Germany", "de"), ("Korea, Republic of", "kr"), ("UK", "gb"), ("USA", "us")]);
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..60 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                text.push_str(pieces[(x % pieces.len() as u64) as usize]);
            }
            let reading = read(&text, &table);
            for c in &reading.counts {
                assert!(text.get(c.span.start..c.span.end).is_some(), "{text:?}");
            }
            for p in &reading.lists {
                for item in &p.list.items {
                    assert!(text.get(item.span.start..item.span.end).is_some(), "{text:?}");
                }
            }
        }
    }
}
