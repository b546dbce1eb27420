//! What the reader finds in a document, as plain data: its lines, its sentences with what their shape says
//! about the lists around them, the counts they state, the lists, and which list each count speaks of.

use super::counts::NounKind;
use super::list::List;
use crate::syntax::Span;

/// A line of the document: its number (1-based), where it starts, its text without the line end.
pub struct Line<'a> {
    pub no: usize,
    pub start: usize,
    pub text: &'a str,
}

/// The lines of `text`, numbered from `first` and placed from byte `base` (a window of a larger document).
pub fn lines(text: &str, first: usize, base: usize) -> Vec<Line<'_>> {
    let mut start = base;
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        out.push(Line { no: first + i, start, text: raw.trim_end_matches('\r') });
        start += raw.len() + 1;
    }
    out
}

/// A sentence: where it is and what its shape says about the lists around it.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// The line it starts on, and the line it ends on (a paragraph wrapped inside a list spans several).
    pub line: usize,
    pub end_line: usize,
    pub span: Span,
    /// The whole line, with no sentence end: a heading ("Flights are open with 11 countries").
    pub heading: bool,
    /// It ends with a colon: the list that follows is its own.
    pub lead: bool,
    /// It is the text of a bulleted or numbered line.
    pub item: bool,
    /// It speaks of a list further down ("(the list is attached)", "the table below").
    pub pointer: bool,
    /// It introduces a list and says nothing else ("These are ...", "The current list is as follows:").
    pub intro: bool,
    /// It speaks of exceptions ("except", "other than"): its list is not the list of a count around it.
    pub except: bool,
    /// How many words it has (separated by white space).
    pub words: usize,
}

/// How a count found its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Link {
    /// In its own sentence, after a colon, a dash, "namely" ...
    Inline,
    /// The lines below its sentence (which ends with a colon) or its heading.
    Below,
    /// In the next sentence ("These are ...", "The list is as follows:").
    Next,
    /// Further down, where "(the list is attached)" points.
    Attached,
    /// The title counts the article's first list.
    Title,
    /// "these eight countries", "all six categories", "in total": the list just before.
    Back,
}

/// A stated count, and the list it speaks of when one is found.
#[derive(Clone, Debug)]
pub struct Count {
    pub value: i64,
    /// The noun as written, lower case.
    pub noun: String,
    pub kind: NounKind,
    pub line: usize,
    /// The number and the noun, in the document.
    pub span: Span,
    pub sentence: usize,
    pub back: bool,
    /// Points back with "all" only: it takes the list before only when a count of the same noun claims it.
    pub weak: bool,
    pub total: bool,
    /// "Of the 20 countries ...": only a list before it can be its list.
    pub partitive: bool,
    /// The list (an index into `Reading::lists`) and how it was found.
    pub list: Option<(usize, Link)>,
}

/// A list and where it is.
#[derive(Clone, Debug)]
pub struct Placed {
    pub list: List,
    /// Its first and last line.
    pub first: usize,
    pub last: usize,
    /// The sentence holding it, for a list inside a sentence.
    pub sentence: Option<usize>,
    /// The byte where it starts (its trigger, or its first item).
    pub at: usize,
    /// Opened by the first words of its sentence ("These are ...").
    pub opener: bool,
    /// Names opening their sentence as its subject ("Germany, France and Italy (3 in total) are ...").
    pub subject: bool,
    /// Opened by a clause about exceptions ("exceptions: A, B").
    pub except: bool,
    /// For a list of exceptions, the document byte where a count must start to count the exceptions
    /// themselves ("except for 3 countries: A, B, C", "2 countries are exempted: A, B").
    pub counted_from: usize,
    /// For a list inside a sentence, the document byte where a clause of its own after a semicolon starts (else
    /// the sentence's start): a count before it is in another clause.
    pub semicolon: usize,
}

impl Placed {
    /// Whether a semicolon and a clause of its own stand between count `c` and this list.
    pub fn later_clause(&self, c: &Count) -> bool {
        c.span.start < self.semicolon
    }
}

/// What the reader found in a document.
#[derive(Debug, Default)]
pub struct Reading {
    /// The number of the first line read: 1 for a whole document, else the first line of the window (an
    /// article's title).
    pub first_line: usize,
    pub sentences: Vec<Sentence>,
    pub counts: Vec<Count>,
    /// Every list, in document order.
    pub lists: Vec<Placed>,
}

impl Reading {
    /// The list of count `c`, when one was found.
    pub fn list_of(&self, c: &Count) -> Option<&Placed> {
        c.list.map(|(l, _)| &self.lists[l])
    }
}
