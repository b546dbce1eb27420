//! The language's reserved words, defined once: the parser matches them, the REPL's highlighter colours them,
//! completion offers them, and the REPL's reading of typed entries knows which ones open a statement that is not
//! a question. A word added here is parsed, coloured and completed with no other list to keep in step.

/// A reserved word of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyword {
    /// `not p(X)`: negation in a body.
    Not,
    /// `why p(a) @ D.`: asks for a proof.
    Why,
    /// `pred p(X, Y) "meaning".`: declares a predicate.
    Pred,
    /// `source s { ... }`: a source record.
    Source,
    /// `claim c { ... }`: a claim record.
    Claim,
    /// `cite s "quote"`: the citation after a fact.
    Cite,
    /// `basis decision`: how a citation supports its fact.
    Basis,
    /// `p(a) from D.`: starts holding on D.
    From,
    /// `p(a) until D.`: stops holding on D.
    Until,
    /// `?- p(X) during [a, b).`: the days of a period.
    During,
    /// `as known D`: the kb as it was known on a day.
    As,
    /// `as known D`: the second word.
    Known,
    /// `as known now`: today.
    Now,
    /// `N = count : { ... }`.
    Count,
    /// `S = sum X : { ... }`.
    Sum,
    /// `M = min X : { ... }`.
    Min,
    /// `M = max X : { ... }`.
    Max,
    /// `settled p from D.`: from D on, silence about `p` means "no".
    Settled,
    /// `open p(a, _).`: silence about tuples matching the pattern is never "no".
    Open,
    /// `functional p(A, B) key (A).`: one value per key.
    Functional,
    /// `constraint name :- body.`: a denial.
    Constraint,
    /// `regime r: p, q.`: the measures of a regime.
    Regime,
    /// `X mod Y`: the remainder of a division (`%` is the comment sign).
    Mod,
}

/// One keyword's spelling and how the REPL reads a statement that starts with it.
pub struct KeywordInfo {
    /// The keyword.
    pub keyword: Keyword,
    /// How it is written.
    pub text: &'static str,
    /// A typed entry starting with this word is never a question in disguise: it opens a statement that is not
    /// an atom (`why`, `pred`, `source`, `claim`, `as known`) or continues a fact (`cite`).
    pub opens_statement: bool,
}

const fn kw(keyword: Keyword, text: &'static str, opens_statement: bool) -> KeywordInfo {
    KeywordInfo { keyword, text, opens_statement }
}

/// Every keyword, in declaration order (which `Keyword::text` relies on) and the order completion offers them.
pub const KEYWORDS: &[KeywordInfo] = &[
    kw(Keyword::Not, "not", false),
    kw(Keyword::Why, "why", true),
    kw(Keyword::Pred, "pred", true),
    kw(Keyword::Source, "source", true),
    kw(Keyword::Claim, "claim", true),
    kw(Keyword::Cite, "cite", true),
    kw(Keyword::Basis, "basis", false),
    kw(Keyword::From, "from", false),
    kw(Keyword::Until, "until", false),
    kw(Keyword::During, "during", false),
    kw(Keyword::As, "as", true),
    kw(Keyword::Known, "known", false),
    kw(Keyword::Now, "now", false),
    kw(Keyword::Count, "count", false),
    kw(Keyword::Sum, "sum", false),
    kw(Keyword::Min, "min", false),
    kw(Keyword::Max, "max", false),
    // Declarations open a statement, but each word is also an ordinary name (`open(C) :- ...`): the REPL reads
    // them with the parser, so none is marked here.
    kw(Keyword::Settled, "settled", false),
    kw(Keyword::Open, "open", false),
    kw(Keyword::Functional, "functional", false),
    kw(Keyword::Constraint, "constraint", false),
    kw(Keyword::Regime, "regime", false),
    kw(Keyword::Mod, "mod", false),
];

impl Keyword {
    /// How the keyword is written.
    pub fn text(self) -> &'static str {
        // The table lists the keywords in declaration order (the test below holds it), so this is an index,
        // not a search: the parser asks on every keyword it tries.
        KEYWORDS[self as usize].text
    }
}

/// Whether `word` is a keyword.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.text == word)
}

#[cfg(test)]
mod tests {
    use super::{Keyword, KEYWORDS};

    #[test]
    fn every_keyword_has_one_spelling() {
        for (i, k) in KEYWORDS.iter().enumerate() {
            assert_eq!(k.keyword.text(), k.text);
            assert!(KEYWORDS[i + 1..].iter().all(|o| o.text != k.text && o.keyword != k.keyword), "{}", k.text);
        }
        assert_eq!(Keyword::During.text(), "during");
    }
}
