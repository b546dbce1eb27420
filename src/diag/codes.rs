//! Every diagnostic code tkb can print, with its name and the explanation `--explain` shows. Codes are stable: a
//! code is never reused for another meaning.

/// Codes: `E00xx` syntax, `E01xx` program checks, `E02xx` loading, input and evaluation, `L0xxx` linter findings,
/// `W0xxx` hints (warnings about a likely mistake behind an empty or surprising answer; they never stop a run).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// `E0001` syntax: the text does not follow the grammar at this point.
    Syntax,
    /// `E0002` unterminated-string: a string opened with `"` is not closed within its statement.
    UnterminatedString,
    /// `E0003` bad-date: a date is not a real calendar day written YYYY-MM-DD.
    BadDate,
    /// `E0004` bad-number: an integer does not fit in 64 bits, or a duration is malformed.
    BadNumber,
    /// `E0005` missing-period: a statement does not end with a full stop.
    MissingPeriod,
    /// `E0101` arity-mismatch: a predicate used with another number of arguments than declared or first used.
    ArityMismatch,
    /// `E0102` unsafe-variable: a variable of a head, negation or comparison no positive body atom binds.
    UnsafeVariable,
    /// `E0103` negation-cycle: a predicate depends on its own negation, so the program has no stratification.
    NegationCycle,
    /// `E0104` unknown-source: a citation names a source no `source` declaration defines.
    UnknownSource,
    /// `E0105` duplicate-name: two sources, claims or predicate declarations share a name.
    DuplicateName,
    /// `E0106` bad-record: a source or claim with an unknown or missing field, or a value of the wrong type.
    BadRecord,
    /// `E0107` non-ground-fact: a fact contains a variable.
    NonGroundFact,
    /// `E0108` empty-interval: an interval ends on or before the day it starts, so it holds on no day.
    EmptyInterval,
    /// `E0109` unknown-predicate: a query or rule body names a predicate nothing defines or declares.
    UnknownPredicate,
    /// `E0110` missing-quote: a fact cites a news source without a quote (only reference sources may).
    MissingQuote,
    /// `E0203` interrupted: evaluation stopped by Ctrl-C; no partial answer is given.
    Interrupted,
    /// `E0201` io: a file or folder could not be read or written.
    Io,
    /// `E0202` bad-tsv: a fact-file line with the wrong number of columns, or interval columns that are not dates.
    BadTsv,
    /// `E0204` timeout: evaluation ran past `--timeout`; no partial answer, exit code 4.
    Timeout,
    /// `E0205` tuple-budget: evaluation would hold more tuples than `--max-tuples`; no partial answer, exit code 4.
    TupleBudget,
    /// `E0209` memory-budget: the heap outgrew `--max-memory` while evaluating; no partial answer, exit code 4.
    MemoryBudget,
    /// `L0001` count-mismatch: a source states a count and lists another number of items with it.
    CountMismatch,
    /// `L0002` unannounced-change: two consecutive snapshots differ with no announced change between them.
    UnannouncedChange,
    /// `L0003` conflicting-dates: two sources date the same start or end of a fact differently.
    ConflictingDates,
    /// `L0004` conflicting-counts: consecutive claims about one set state different counts, unexplained.
    ConflictingCounts,
    /// `L0005` conflicting-values: one key holds two different values on overlapping days.
    ConflictingValues,
    /// `L0006` date-after-publication: a source reports a decision dated after its own publication.
    DateAfterPublication,
    /// `L0007` corrected-date: a source's `printed` date differs from its `published` date.
    CorrectedDate,
    /// `L0008` undated-source (a note): a source prints no date, so its `published` date is an estimate.
    UndatedSource,
    /// `L0009` numbering-gap: a numbered list skips, repeats or overruns numbers, or falls short of its count.
    NumberingGap,
    /// `L0010` missing-source: a fact cites no source.
    MissingSource,
    /// `L0011` lines-outside-document: a source's `lines` run past its document, or the document is missing.
    LinesOutsideDocument,
    /// `L0012` quote-not-found: a quote does not appear verbatim within its source's lines.
    QuoteNotFound,
    /// `L0013` unmatched-end: an `until` ends a fact that does not hold on the day before.
    UnmatchedEnd,
    /// `L0014` implausible-interval: a fact starts outside any plausible range of its source's date.
    ImplausibleInterval,
    /// `L0015` anticipating-list: a snapshot names a member before the start a source announces for it.
    AnticipatingList,
    /// `E0006` misplaced-time: a time or `as known` written where the statement cannot take it.
    MisplacedTime,
    /// `E0111` type-mismatch: date arithmetic or a comparison on operands of the wrong type, found before running.
    TypeMismatch,
    /// `E0206` arithmetic: arithmetic failed while running (division by zero, overflow, out of calendar, wrong type).
    Arithmetic,
    /// `W0101` variable-spells-constant: a lone query variable spells, in upper case, a value its position holds.
    VariableSpellsConstant,
    /// `W0102` unknown-constant: a constant that never occurs in its argument position, so the query answers `no`.
    UnknownConstant,
    /// `W0103` new-predicate (REPL): a fact added for a predicate nothing else mentions.
    NewPredicate,
    /// `W0104` changed-answer (REPL): what was just added changes the answer to an earlier query.
    ChangedAnswer,
    /// `L0016` empty-predicate (a note): a rule reads a declared predicate that has no facts and no rules.
    EmptyPredicate,
    /// `E0208` bad-encoding: a file or standard input that is not UTF-8.
    BadEncoding,
    /// `E0207` overflow: an aggregate's count or sum does not fit in 64 bits on some day, so it has no value.
    Overflow,
    /// `E0120` bad-functional: a `functional` declaration whose arguments are not distinct variables, or whose key
    /// is not a proper subset of them.
    BadFunctional,
    /// `E0121` unknown-citizen: `tkb check` was given a citizenship that is neither a country code nor a name the
    /// kb knows.
    UnknownCitizen,
    /// `E0122` no-check-rules: the kb does not define the predicates `tkb check` asks (`check_status` and the rest).
    NoCheckRules,
    /// `L0017` superseded (a note): a later value of a functional predicate, or a list presented as complete,
    /// ends a fact.
    Superseded,
    /// `L0018` constraint-violated: the body of a `constraint` holds for some binding on some day.
    ConstraintViolated,
    /// `L0019` outlives-regime: a measure of a regime is still in force after the regime ended.
    OutlivesRegime,
    /// `E0112` aggregate-cycle: a predicate depends on an aggregate over itself, so the program has no stratification.
    AggregateCycle,
    /// `E0230` fact-file-too-large: the distinct tuples of one shard of a fact file hold more than 4 GiB of text.
    FactFileTooLarge,
    /// `L0020` listed-twice: one list names the same country (or item) twice.
    ListedTwice,
    /// `L0021` two-totals: a text gives two different totals for one list.
    TwoTotals,
    /// `L0022` count-without-list (a note): a text states a count whose list cannot be found.
    CountWithoutList,
    /// `L0023` partial-list (a note): a text states a count and lists some of its items only ("including").
    PartialList,
    /// `E0220` bad-parameter: a request to `tkb serve` has a parameter missing, repeated, unknown or malformed.
    BadParameter,
    /// `E0221` not-found: `tkb serve` has no page or endpoint at the requested path.
    NotFound,
    /// `E0222` method-not-allowed: the path exists but not with this HTTP method.
    MethodNotAllowed,
    /// `E0223` body-too-large: a request body is larger than `tkb serve --max-body` allows.
    BodyTooLarge,
    /// `E0224` server-busy: every worker is busy and the queue is full; the answer says when to retry.
    ServerBusy,
    /// `E0225` request-timeout: a request waited or ran longer than `tkb serve --request-timeout` allows.
    RequestTimeout,
}

/// A code's row of the table: what diagnostics print and what `tkb explain` shows.
pub struct CodeInfo {
    /// The code this row describes.
    pub code: Code,
    /// The stable id printed with every diagnostic, e.g. `E0102`.
    pub id: &'static str,
    /// The kebab-case name, e.g. `unsafe-variable`; `tkb explain` accepts it as well as the id.
    pub name: &'static str,
    /// What `--explain` prints: what the code means, then an example and a fix.
    pub explanation: &'static str,
}

macro_rules! codes {
    ($($code:ident $id:literal $name:literal $expl:literal;)*) => {
        /// Every code with its id, name and explanation, in the order of the table below.
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
    Interrupted "E0203" "interrupted" "Evaluation was interrupted (Ctrl-C) before it finished; no answer is given rather than a partial one.\n\nExample: pressing Ctrl-C in the REPL during a long query.\nFix: ask again, perhaps with a narrower query.";
    Io "E0201" "io" "A file or folder could not be read or written.\n\nExample: `tkb run missing.tkb`\nFix: check the path and its permissions.";
    BadTsv "E0202" "bad-tsv" "A line of a tab-separated fact file does not have the predicate's number of columns, or its interval columns are not dates.\n\nExample: `edge.tsv` with a line `a` (one column) when other lines have two.\nFix: give every line the same columns; the optional last two are from/to dates.";
    Timeout "E0204" "timeout" "Evaluation did not finish within the time `--timeout` allows; no answer is given rather than a partial one. The exit code is 4.\n\nExample: `tkb --timeout 2s run closure.tkb` on a graph whose closure takes longer.\nFix: raise the limit, or narrow the query (a day, a constant).";
    TupleBudget "E0205" "tuple-budget" "Evaluation would hold more tuples than `--max-tuples` allows (default 100,000,000); the message names the relation that was growing. No answer is given rather than a partial one. The exit code is 4.\n\nExample: `N = count : { n(X), n(Y), n(Z) }` over 1,000 facts of n: 10^9 combinations.\nFix: narrow the query or the rule, or raise the budget with --max-tuples N if memory allows.";
    MemoryBudget "E0209" "memory-budget" "Evaluation stopped because the process's heap grew past the memory budget: `--max-memory SIZE`, by default about two thirds of what the process may really use (the address-space limit of `ulimit -v` or `prlimit --as`, the cgroup's memory limit, or the memory available, whichever is least). The message names the relation that was growing. No answer is given rather than a partial one, the answers of earlier statements are kept, and the exit code is 4: never an abort.\n\nExample: `tkb run closure.tkb --max-memory 200M` on a graph whose transitive closure needs gigabytes.\nFix: narrow the query or the rule, or raise the budget if the machine has the memory.";
    CountMismatch "L0001" "count-mismatch" "Check: count mismatch. A source states a count and lists a different number of items with it: a claim's `count` differs from the length of its `members`, or (with `--text`) a sentence such as \"20 states: A, B, ...\" names another number of countries.\n\nExample: `claim c { source: s, about: p, kind: snapshot, date: 2021-12-06, count: 20, members: [a, b, ...21 codes] }.`\nFix: nothing to fix in the kb when the claim copies the source faithfully: the finding is the source's own slip. Otherwise correct the members or the count to match the text.";
    UnannouncedChange "L0002" "unannounced-change" "Check: unannounced change. Two consecutive `snapshot` claims of one predicate differ, and the difference is not explained by `added`/`removed` claims or `from`/`until` facts dated between them (after the earlier list, up to the later one). Each member that appears or disappears without an announcement is named.\n\nExample: a list of 26 countries on 2021-09-28 and one of 28 on 2021-11-01 that adds India (announced `from 2021-10-20`) and Qatar (never announced).\nFix: when the kb missed an announcement, encode it (`direct_flight(qa) from ... cite ...`); when the source never announced the change, the finding is the product.";
    ConflictingDates "L0003" "conflicting-dates" "Check: conflict. Two sources date the same start or the same end of a fact differently: one tuple has two `from` statements (or two `until` statements) with no end (start) between them, on different days, citing different sources. Dates the text gives (basis effective, stated or decision) are compared; dates the encoder inferred (basis inferred, published or snapshot) are not. The finding says which day the kb uses: the first start (a decision yields to a later effective date) and the last end.\n\nExample: `direct_flight(gb) from 2021-08-16 cite a \"...\".` and `direct_flight(gb) from 2021-09-18 cite b \"...\".`\nFix: keep both when the sources disagree (the finding documents it); correct the date when the kb misread one of them.";
    ConflictingCounts "L0004" "conflicting-counts" "Check: conflict. Two claims about the same set (the same `about`) state different counts, consecutive in time with no `added`/`removed` claim or `from`/`until` fact of that predicate dated between them. Pairs of two full lists are left to unannounced-change, which names the members.\n\nExample: `claim a { ..., about: visa_free_suspended, kind: count, date: 2021-04-30, count: 57 }` and `claim b { ..., date: 2021-05-20, count: 54 }`.\nFix: nothing when the sources disagree; otherwise correct the claim's count or date.";
    ConflictingValues "L0005" "conflicting-values" "Check: conflict. One key holds two different values on overlapping days. The key of a tuple is its arguments before the first integer or date argument (for a one-argument predicate, the predicate itself); the value is the rest.\n\nExample: `mci(2917) from 2021-01-01 cite a \"...\".` and `mci(3063) from 2022-01-01 cite b \"...\".` overlap from 2022-01-01 on.\nFix: end the older value where the newer one starts (`mci(2917) until 2022-01-01 ...`), or bound it with `@ [from, to)`; when two sources really disagree on the same days, the finding documents it.";
    DateAfterPublication "L0006" "date-after-publication" "Check: date anomaly. A source reports a decision (a fact cited with `basis decision`) dated after the source's own publication date: a decision cannot be reported before it is taken, so one of the dates is wrong.\n\nExample: an article published 2021-11-30 reporting a decision \"dated December 3, 2021\".\nFix: nothing when the kb copies the source faithfully; otherwise correct the fact's date or the source's `published`.";
    CorrectedDate "L0007" "corrected-date" "Check: date anomaly. A source's `printed` date differs from its `published` date: the date printed with the article had to be corrected. The source's `note` says why.\n\nExample: `source s { ..., printed: 2021-01-25, published: 2022-01-25, note: \"printed year 2021 is wrong: ...\" }.`\nFix: none needed when the correction is right; give a `note` when it is missing.";
    UndatedSource "L0008" "undated-source" "Check: date anomaly (a note: hidden unless `tkb lint --notes`). A source (not a reference table) has no `printed` date: the document prints no date, so its `published` date is an estimate. The source's `note` says how it was found.\n\nExample: `source s { doc: \"004.txt\", title: \"...\", published: 2025-07-22, lines: [1, 31], note: \"No date is printed ...\" }.`\nFix: none needed; the finding reminds readers that every date taken from this source rests on an estimate.";
    NumberingGap "L0009" "numbering-gap" "Check: numbering gap. A numbered list skips numbers, repeats them, numbers items outside 1..count, or has fewer items than its stated count: a `numbered` claim's `numbers` (with the count of the claim itself or of a claim of the same source, predicate and date), or (with `--text`) a numbered list of countries in a document.\n\nExample: `claim c { ..., kind: numbered, numbers: [4, 10, 11, 12] }` (1-3 and 5-9 missing).\nFix: nothing when the document lost the items; otherwise correct the numbers to those printed.";
    MissingSource "L0010" "missing-source" "Check: provenance. A fact cites no source, so no answer resting on it can say where it comes from.\n\nExample: `direct_flight(vn) from 2021-12-14.`\nFix: cite the source and a verbatim quote: `... cite s001_l305 \"resumed direct regular air flights with Vietnam\".` (reference sources need no quote).";
    LinesOutsideDocument "L0011" "lines-outside-document" "Check: provenance (with --corpus). A source's `lines` run past the end of its document, or its `doc` is not in the corpus folder.\n\nExample: `source s { doc: \"000.txt\", ..., lines: [1, 40] }` for a document of 23 lines.\nFix: give the lines of the article's first printed copy, or the document's exact file name.";
    QuoteNotFound "L0012" "quote-not-found" "Check: provenance (with --corpus). A citation's or a claim's quote does not appear verbatim between the source's first and last line. Line breaks and runs of white space count as one space; everything else must match exactly, case included.\n\nExample: `cite s001_l305 \"flights with Viet Nam\"` when the text says \"Vietnam\".\nFix: copy the quote from the document, or widen the source's `lines` when the quote is in a later copy.";
    UnmatchedEnd "L0013" "unmatched-end" "Check: interval sanity. An `until` statement ends a fact that does not hold on the day before: there is no earlier start (`from`, a snapshot, an interval reaching that day), or the only start comes after the end. The loader pairs every end with an earlier start, so such an end changes nothing and the fact holds on no day before it.\n\nExample: `processing_term(rp, 60, calendar_days) until 2022-01-01 cite s \"...\".` with no `from`.\nFix: state the start when a source gives it, or write the period the text implies: `@ [.., 2022-01-01)`.";
    ImplausibleInterval "L0014" "implausible-interval" "Check: interval sanity. A fact starts outside any plausible range of its source: more than a year before or after the source's publication date with a date the text is said to give (basis effective, decision or stated), or on another day than the publication date with `basis published`.\n\nExample: `p(a) from 2012-01-01 cite s \"...\".` for a source published 2021-12-21 (a typo for 2021).\nFix: correct the date or the basis (`basis inferred` with a comment when the encoder reads a date the text does not give).";
    AnticipatingList "L0015" "anticipating-list" "Check: anticipating list. A snapshot list names a member ahead of the start a source announces for it: the member does not hold on the list's day, and the next event of the member after the list is an announced start (a `from` fact or an `added` claim). The loader does not start the member on the list's day: the list becomes support of the announced start.\n\nExample: an article of 2021-09-06 announcing flights with Hungary \"effective September 9, 2021\" whose list of the same day already names Hungary.\nFix: nothing when the kb copies the source faithfully (the finding documents the source's anticipation); otherwise correct the announced date or the list.";
    MisplacedTime "E0006" "misplaced-time" "A time (`@ DATE`, `@ [a, b)`, `during [a, b)`) or `as known DATE` stands where it cannot: the time of a query follows its whole body and `as known` comes last; a fact's time comes before its citation; a rule takes no time at all (it holds on the days its body holds). The message shows the statement as it must be written.\n\nExample: `?- direct_flight(C) @ 2021-10-01, C != gb.`\nFix: `?- direct_flight(C), C != gb @ 2021-10-01.`";
    TypeMismatch "E0111" "type-mismatch" "Arithmetic with operands of the wrong type: a date plus or minus a number of days is a date, a date minus a date is a number of days, numbers add, subtract, multiply, divide and take remainders as numbers; a name, a date plus a date, a date times a number or a number minus a date has no meaning. Comparing a date with a number is refused too. Types are checked where they are known before running (constants, interval bounds, variables an equality binds); a value of the wrong type met while running is error E0206.\n\nExample: `?- p @ [S, E), D = S + E.`\nFix: `?- p @ [S, E), N = E - S.` (the number of days between them).";
    Arithmetic "E0206" "arithmetic" "Arithmetic failed while running: a division (`/` or `mod`) by zero, a number that overflowed 64 bits, a date outside 0001-01-01 to 9999-12-31, or an operand bound while running with the wrong type (a name, or a date where a number must be). The error names the rule that computed it. No answer is given rather than a wrong one. The exit code is 3.\n\nExample: `?- p(D), E = D + 99999999.` with p(2021-01-01).\nFix: correct the number, or narrow the query to the values that make sense.";
    VariableSpellsConstant "W0101" "variable-spells-constant" "Hint: a query variable occurs only once and spells a value that this argument position holds, in upper case. Upper-case words are always variables, so the query asks for every value instead of that one (answers print country codes in upper case, which invites the slip).\n\nExample: `?- direct_flight(GB) @ 2021-10-01.` lists every country with a flight.\nFix: write the constant in lower case: `?- direct_flight(gb) @ 2021-10-01.`";
    UnknownConstant "W0102" "unknown-constant" "Hint: a constant never occurs in this argument position, in any fact or rule head of the predicate (nor in what its rules read), so the query cannot hold for it and answers `no`. The hint names the nearest known values, and for a country's name or alias (`uk`, `vietnam`) the code `country_name` gives it.\n\nExample: `?- direct_flight(uk) @ 2021-10-01.`\nFix: `?- direct_flight(gb) @ 2021-10-01.` (United Kingdom).";
    NewPredicate "W0103" "new-predicate" "Hint (REPL): a fact was added for a predicate that nothing else mentions: no declaration, no other fact, no rule. It usually is a stray word or a typo (`clear.`, `direct_flight_(vn).`), and it stays in the session's kb.\n\nExample: `clear.` at the `tkb>` prompt.\nFix: `.clear` for the command; the predicate's name for a fact. `?- p(a).` asks instead of adding.";
    ChangedAnswer "W0104" "changed-answer" "Hint (REPL): what was just added changes the answer to a query asked earlier in the session: bindings appear or disappear, or their days change. The earlier answer is no longer what the kb says.\n\nExample: `?- direct_flight(C) @ 2021-12-01.` then `direct_flight(vn) from 2021-11-01.`\nFix: nothing when the change is meant; ask the query again to see the new answer.";
    EmptyPredicate "L0016" "empty-predicate" "Check: a rule reads a predicate that is declared but has no facts and no rules (a note, hidden unless `tkb lint --notes`). It is legal (facts may come later, from a script or a fact file), but until then the rule finds nothing through it.\n\nExample: `pred visa_issued(C) \"...\".` with no fact, read by `eligible(C) :- country(C), visa_issued(C).`\nFix: add the facts, or check that the rule reads the predicate meant.";
    BadEncoding "E0208" "bad-encoding" "A file or standard input is not UTF-8 text. The error names the file, the line and the column of the first byte that is not UTF-8. (A UTF-8 byte-order mark at the start is accepted and ignored.)\n\nExample: a kb file saved in Latin-1 with `Curaçao` on line 3.\nFix: save the file as UTF-8 (`iconv -f LATIN1 -t UTF-8 old.tkb > new.tkb`).";
    BadFunctional "E0120" "bad-functional" "A `functional` declaration must give one variable per argument of the predicate and a key made of some of them (not all: the rest is the value).\n\nExample: `functional issue_term(Doc, Cond, N, Unit) key (Doc, Cond, N, Unit).`\nFix: `functional issue_term(Doc, Cond, N, Unit) key (Doc, Cond).`";
    UnknownCitizen "E0121" "unknown-citizen" "`tkb check` takes the citizenship as an ISO 3166 alpha-2 code (`de`, `DE`) or a country name the kb knows (`Germany`, `United Kingdom`); this one is neither. The message suggests the closest known names.\n\nExample: `tkb check Germnay 2021-03-01`\nFix: `tkb check de 2021-03-01`.";
    NoCheckRules "E0122" "no-check-rules" "`tkb check` asks the kb's check rules (`check_status`, `check_detail`, `check_condition`, `check_note`, `check_verdict`, `check_covered`, defined in kb/check.tkb); the kb loaded does not define them.\n\nExample: `tkb check de 2021-03-01 --kb my_kb/` where my_kb has no check.tkb.\nFix: copy kb/check.tkb (and the vocabulary it uses) into the kb folder, or use the built-in kb.";
    Superseded "L0017" "superseded" "Check: supersession (a note, shown with `tkb lint --notes`). A fact was ended by a later statement rather than by an `until` of its own: a different value of a `functional` predicate's key started (the later value ends the earlier one on its start day), or a claim with `complete: true` lists the predicate's members and leaves this one out (the list ends it on its date). Each such ending is listed with both statements.\n\nExample: `functional issue_term(Doc, Cond, N, Unit) key (Doc, Cond).` with `issue_term(b20, any, 30, days) from 2020-09-10` and `issue_term(b20, any, 15, days) from 2021-06-05`.\nFix: nothing; when the later statement is a source's slip rather than a change, drop the `functional` declaration and the two values are reported as a conflict (L0005).";
    ConstraintViolated "L0018" "constraint-violated" "Check: constraint. The body of a `constraint` declaration holds for some binding on some days: two things the kb says cannot both be true are both derived. The finding gives the binding, the days, and the proof of every premise on the first of those days.\n\nExample: `constraint one_visa_status :- check_status(C, M, P, visa, S1), check_status(C, M, P, visa, S2), S1 != S2.` when two rules give a traveller two visa statuses.\nFix: write the precedence between the rules (usually a `not` of the rule that wins), or correct the facts.";
    OutlivesRegime "L0019" "outlives-regime" "Check: regime. A predicate declared a measure of a regime (`regime idc_regime: entry_restricted.`) holds on days after the regime ended, from a start made while the regime was in force: a measure of the regime that no statement ends with it.\n\nExample: `entry_restricted(bw) from 2021-12-03` with `idc_regime` ending on 2022-04-11.\nFix: end it where a source says so (`entry_restricted(bw) until 2022-04-11 cite s001_l117 \"...\" basis inferred.`); when a source says it outlived the regime, cite that source with a statement after the regime's end.";
    ListedTwice "L0020" "listed-twice" "Check: count and list (with `--text`, and the documents of `--corpus`). One list names the same country twice (two names of one country count as the same: \"UK\" and \"Great Britain\"), or, in a list of other things, the same item twice. The finding points at the second mention, with the first beside it; a name listed more often is one finding.\n\nExample: `8 countries without IDC permission` over bullets `Germany, Netherlands, UAE, Turkey, Georgia, Belarus, Georgia, South Korea`.\nFix: nothing when the source repeats the name (the finding is its slip); the list has one item fewer than printed.";
    TwoTotals "L0021" "two-totals" "Check: count and list (with `--text`, and the documents of `--corpus`). A text gives two different totals for one list: a title and its body, a count before the list and \"these N countries\" after it, \"five categories\" then \"all six categories\". The finding points at the first total, with the second and the list beside it, and says how many items the list has; it replaces the count mismatch the wrong total would give.\n\nExample: title `Direct flights now available with 26 countries`, body `... available with 27 countries: Armenia, ...` (27 names).\nFix: nothing when the source disagrees with itself; when encoding it, keep the total the list supports.";
    CountWithoutList "L0022" "count-without-list" "Check: count and list (a note, hidden unless `--notes`). A text states a count (\"54 countries\") whose list cannot be found in the text, so the count cannot be checked. The reader looks for the list in the count's sentence (after a colon, a dash, \"namely\", in brackets), in the lines below it when it ends with a colon or is a heading, in the next sentence (\"These are ...\", \"The list is as follows:\"), under a title, where \"(the list is attached)\" or \"the table below\" points, and just before \"these N countries\" or \"all N categories\".\n\nExample: `The visa-free regime for citizens of 54 countries has been restored in full.`\nFix: none needed; when the list is elsewhere (another article, a portal), the kb's claim can name its members.";
    PartialList "L0023" "partial-list" "Check: count and list (a note, hidden unless `--notes`). A text states a count and names some of its items only: \"32 countries, such as Türkiye, Egypt ...\", \"including\", \"among them\", \"e.g.\", \"in particular\", or a list ending with \"etc.\" or \"and others\". A partial list that names fewer items than its count is no contradiction; the note says how many were named (a partial list that names them all gives no note, and one that names more different countries than the count is a count mismatch, L0001).\n\nExample: `Arrivals from 29 countries ... are subject to PCR testing, among them Russia, Turkey, Georgia and Germany.`\nFix: none needed.";
    Overflow "E0207" "overflow" "An aggregate's count or sum does not fit in a 64-bit integer on some day, so it has no value rather than a wrapped one.\n\nExample: `S = sum X : { amount(X) }` over amounts 9223372036854775807 and 1.\nFix: aggregate smaller values, or fewer of them.";
    AggregateCycle "E0112" "aggregate-cycle" "A predicate depends on an aggregate over itself: an aggregate reads its predicates complete, so the program has no stratification.\n\nExample: `n(X, N) :- p(X), N = count : { n(X, _) }.`\nFix: aggregate over predicates of a lower stratum (ones that do not depend on the rule's head).";
    FactFileTooLarge "E0230" "fact-file-too-large" "A fact file's distinct tuples are kept as their text in 64 arenas addressed with 32-bit offsets, so one arena holds at most 4 GiB: about 256 GiB of distinct tuple text in all. A file past that is refused rather than wrapped.\n\nExample: `--facts` on a folder whose `flight.tsv` has billions of distinct codes.\nFix: split the predicate over several smaller predicates, or aggregate the data before loading it.";
    BadParameter "E0220" "bad-parameter" "A request to `tkb serve` has a parameter that is missing, given twice, unknown to the endpoint, not UTF-8 once decoded, or malformed (a date that is not YYYY-MM-DD, a flag that is not true or false). The answer is HTTP 400 with the parameter named.\n\nExample: `GET /api/query?q=direct_flight(vn)%20@%202021-12-20&as_knwon=2021-09-01`\nFix: spell the parameter as /api/openapi.json gives it: `as_known=2021-09-01`.";
    NotFound "E0221" "not-found" "`tkb serve` has no page or endpoint at this path (HTTP 404). Pages are the kb's own predicates, countries and sources; no path reaches a file, however it is encoded.\n\nExample: `GET /pred/no_such_predicate.html`\nFix: start from `/` or `/api/openapi.json`.";
    MethodNotAllowed "E0222" "method-not-allowed" "The path exists but does not take this HTTP method (HTTP 405); the `Allow` header lists those it takes. The server is read-only: only `POST /api/run` takes a body, and it changes nothing.\n\nExample: `DELETE /api/query`\nFix: use `GET` (or `POST` for /api/run).";
    BodyTooLarge "E0223" "body-too-large" "A request body is larger than `tkb serve --max-body` allows (1 MiB by default); the server reads no further (HTTP 413).\n\nExample: a 2 MiB script sent to `POST /api/run`.\nFix: send a smaller script, or start the server with a larger `--max-body`.";
    ServerBusy "E0224" "server-busy" "Every worker of `tkb serve` is busy and its queue is full, so the request was not started (HTTP 503 with a `Retry-After` header in seconds).\n\nExample: more slow requests at once than `--workers` plus `--queue`.\nFix: retry after the time given, or run more replicas behind a load balancer (README).";
    RequestTimeout "E0225" "request-timeout" "A request waited in the queue and ran for longer than `tkb serve --request-timeout` allows (HTTP 504). Evaluation itself stops at `--timeout` (E0204, also HTTP 504).\n\nExample: a heavy script on a server started with `--request-timeout 1s`.\nFix: narrow the query, or raise the limits.";
}

impl Code {
    /// The code's row of the table.
    pub fn info(self) -> &'static CodeInfo {
        ALL.iter().find(|info| info.code == self).expect("every code has an entry in the table")
    }

    /// The stable id, e.g. `E0102`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The kebab-case name, e.g. `unsafe-variable`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Looks a code up by its id (`E0102`) or name (`unsafe-variable`), case-insensitively.
    pub fn lookup(text: &str) -> Option<&'static CodeInfo> {
        ALL.iter().find(|i| i.id.eq_ignore_ascii_case(text) || i.name.eq_ignore_ascii_case(text))
    }
}
