//! Every diagnostic code tkb can print, with its name and the explanation `--explain` shows. Codes are stable: a
//! code is never reused for another meaning.

/// Codes: `E00xx` syntax, `E01xx` program checks, `E02xx` loading and input, `L0xxx` linter findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Syntax,
    UnterminatedString,
    BadDate,
    BadNumber,
    MissingPeriod,
    ArityMismatch,
    UnsafeVariable,
    NegationCycle,
    UnknownSource,
    DuplicateName,
    BadRecord,
    NonGroundFact,
    EmptyInterval,
    UnknownPredicate,
    MissingQuote,
    Io,
    BadTsv,
}

pub struct CodeInfo {
    pub code: Code,
    pub id: &'static str,
    pub name: &'static str,
    pub explanation: &'static str,
}

macro_rules! codes {
    ($($code:ident $id:literal $name:literal $expl:literal;)*) => {
        pub const ALL: &[CodeInfo] = &[$(CodeInfo { code: Code::$code, id: $id, name: $name, explanation: $expl },)*];
    };
}

codes! {
    Syntax "E0001" "syntax" "The text does not follow the grammar at this point; the message says what was expected.\n\nExample: `edge(a b).` (missing comma)\nFix: write the statement as grammar.md gives it: `edge(a, b).`";
    UnterminatedString "E0002" "unterminated-string" "A string opened with `\"` is not closed on the same statement.\n\nExample: `name(gb, \"Great Britain).`\nFix: close the string: `\"Great Britain\"`.";
    BadDate "E0003" "bad-date" "A date is not a real calendar day in the form YYYY-MM-DD.\n\nExample: `p(a) @ 2021-02-30.`\nFix: use a day that exists: `2021-02-28`.";
    BadNumber "E0004" "bad-number" "An integer does not fit in 64 bits, or a duration is malformed.\n\nExample: `mci(99999999999999999999).`\nFix: use a smaller number.";
    MissingPeriod "E0005" "missing-period" "A statement does not end with a full stop.\n\nExample: `edge(a, b)` at the end of a file.\nFix: end every statement with `.`.";
    ArityMismatch "E0101" "arity-mismatch" "A predicate is used with a different number of arguments than it was declared or first used with.\n\nExample: `edge(a, b). ?- edge(X).`\nFix: use the same number of arguments everywhere.";
    UnsafeVariable "E0102" "unsafe-variable" "A variable of a rule head, a negated atom or a comparison is not bound by a positive atom of the body, so it could stand for anything.\n\nExample: `lonely(X) :- not path(X, _).`\nFix: bind it with a positive atom: `lonely(X) :- node(X), not path(X, _).`";
    NegationCycle "E0103" "negation-cycle" "A predicate depends on its own negation through a cycle of rules, so the program has no stratification.\n\nExample: `p(X) :- q(X), not r(X). r(X) :- q(X), not p(X).`\nFix: break the cycle, usually by introducing a base predicate.";
    UnknownSource "E0104" "unknown-source" "A citation names a source that no `source` declaration defines.\n\nExample: `p(a) cite s999 \"quote\".`\nFix: declare the source, or correct its name.";
    DuplicateName "E0105" "duplicate-name" "Two sources, two claims or two predicate declarations have the same name.\n\nExample: two `source s001_l6 {...}.` blocks.\nFix: give each its own name (the convention is s<doc>_l<first line>).";
    BadRecord "E0106" "bad-record" "A source or claim declaration has an unknown field, a missing required field, or a value of the wrong type.\n\nExample: `source s1 { title: \"t\" }.` (no published date)\nFix: give the fields grammar.md lists, with values of the stated types.";
    NonGroundFact "E0107" "non-ground-fact" "A fact contains a variable; facts must be ground.\n\nExample: `edge(a, X).`\nFix: write a constant, or make it a rule with a body that binds X.";
    EmptyInterval "E0108" "empty-interval" "An interval ends on or before the day it starts, so it holds on no day.\n\nExample: `p(a) @ [2021-05-01, 2021-04-01).`\nFix: swap or correct the dates.";
    UnknownPredicate "E0109" "unknown-predicate" "A query or rule body names a predicate that has no facts, no rules and no declaration: usually a typo.\n\nExample: `?- direct_flights(C) @ 2021-12-20.`\nFix: use the predicate's name (`tkb query` suggests the closest one).";
    MissingQuote "E0110" "missing-quote" "A fact cites a news source without a quote; only reference sources may be cited without one.\n\nExample: `p(a) cite s001_l6.`\nFix: add a short verbatim quote: `cite s001_l6 \"...\"`.";
    Io "E0201" "io" "A file or folder could not be read or written.\n\nExample: `tkb run missing.tkb`\nFix: check the path and its permissions.";
    BadTsv "E0202" "bad-tsv" "A line of a tab-separated fact file does not have the predicate's number of columns, or its interval columns are not dates.\n\nExample: `edge.tsv` with a line `a` (one column) when other lines have two.\nFix: give every line the same columns; the optional last two are from/to dates.";
}

impl Code {
    pub fn info(self) -> &'static CodeInfo {
        ALL.iter().find(|info| info.code == self).expect("every code has an entry in the table")
    }

    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Looks a code up by its id (`E0102`) or name (`unsafe-variable`), case-insensitively.
    pub fn lookup(text: &str) -> Option<&'static CodeInfo> {
        ALL.iter().find(|i| i.id.eq_ignore_ascii_case(text) || i.name.eq_ignore_ascii_case(text))
    }
}
