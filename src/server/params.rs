//! Reading a request's address: the query string's parameters and the site page a path names. Pure functions
//! of the raw text, so they are property-tested on any input (tests/server_params.rs): they never panic, a
//! parameter is decoded exactly once, and a page path is accepted only in the shapes the site writes, with
//! names of the characters `report::layout::file_name` makes, so nothing can reach outside the site however it
//! is encoded.

use crate::time::Day;
use std::collections::BTreeMap;
use std::fmt;

/// Why a request's parameters were refused (HTTP 400, E0220).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError(pub String);

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Decodes `%XX` escapes (and `+` as a space when `plus`) into UTF-8 text; `None` for a malformed escape or bytes
/// that are not UTF-8.
pub fn percent_decode(raw: &str, plus: bool) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let text = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(text, 16).ok()?);
                i += 3;
            }
            b'+' if plus => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// A query string's parameters, each given at most once, each one the endpoint knows.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Params {
    values: BTreeMap<String, String>,
}

impl Params {
    /// Reads `raw` (the part after `?`, without it) for an endpoint that takes the parameters `known`.
    pub fn parse(raw: Option<&str>, known: &[&str]) -> Result<Params, ParamError> {
        let mut values = BTreeMap::new();
        for pair in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |text: &str, what: &str| {
                percent_decode(text, true).ok_or_else(|| ParamError(format!("{what} is not percent-encoded UTF-8")))
            };
            let key = decode(key, "a parameter name")?;
            let value = decode(value, &format!("the value of `{key}`"))?;
            if !known.contains(&key.as_str()) {
                let takes = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                let takes = if takes.is_empty() { "none".to_string() } else { takes };
                return Err(ParamError(format!("unknown parameter `{}`: this endpoint takes {takes}", shorten(&key))));
            }
            if values.insert(key.clone(), value).is_some() {
                return Err(ParamError(format!("the parameter `{key}` is given twice")));
            }
        }
        Ok(Params { values })
    }

    /// The text of an optional parameter; an empty value counts as absent (an empty form field).
    pub fn text(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str).filter(|v| !v.trim().is_empty())
    }

    /// The text of a parameter that must be given.
    pub fn required(&self, key: &str) -> Result<&str, ParamError> {
        self.text(key).ok_or_else(|| ParamError(format!("the parameter `{key}` is missing")))
    }

    /// An optional day, `YYYY-MM-DD`.
    pub fn day(&self, key: &str) -> Result<Option<Day>, ParamError> {
        match self.text(key) {
            None => Ok(None),
            Some(text) => Day::parse(text.trim()).map(Some).ok_or_else(|| {
                ParamError(format!("`{key}` must be a day written YYYY-MM-DD, not `{}`", shorten(text)))
            }),
        }
    }

    /// An optional flag: `true`/`false` (also `1`/`0`, `on` as an HTML checkbox sends it); absent is false.
    pub fn flag(&self, key: &str) -> Result<bool, ParamError> {
        match self.text(key).map(str::trim) {
            None | Some("false" | "0") => Ok(false),
            Some("true" | "1" | "on") => Ok(true),
            Some(other) => Err(ParamError(format!("`{key}` must be true or false, not `{}`", shorten(other)))),
        }
    }
}

/// At most 40 characters of something the client sent, for messages.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// The pages of the site a path can name: the fixed ones by name, the kb's items by folder and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PagePath {
    /// A page of the report by its path inside the site (`index.html`, `pred/direct_flight.html`).
    Report(String),
    /// The query page.
    Query,
    /// The check page, `/check`.
    Check,
}

/// The characters a page name is made of (`report::layout::file_name` spells anything else as `~hex`).
fn is_name(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'~')
}

/// The page a request path names, or `None` (HTTP 404). The path is decoded once; it must then be one of the
/// site's own shapes: `/`, `/query`, a top-level page, or `/pred|country|source/NAME.html` with a plain name.
/// Dot segments, slashes or backslashes in a name, NUL bytes and double encodings never match.
pub fn page_path(raw: &str) -> Option<PagePath> {
    let path = percent_decode(raw, false)?;
    let rest = path.strip_prefix('/')?;
    match rest {
        "" => return Some(PagePath::Report("index.html".into())),
        "query" => return Some(PagePath::Query),
        "check" => return Some(PagePath::Check),
        "index.html" | "day.html" | "lint.html" | "countries.html" | "style.css" | "day.js" => {
            return Some(PagePath::Report(rest.to_string()))
        }
        _ => {}
    }
    let (folder, file) = rest.split_once('/')?;
    let stem = file.strip_suffix(".html")?;
    (matches!(folder, "pred" | "country" | "source") && is_name(stem)).then(|| PagePath::Report(rest.to_string()))
}

/// The text of a query as tkb runs it (`?- BODY.`, `?-` and the final `.` optional in the parameter) and how
/// far the body is shifted in it, so that a diagnostic's column can be given in the text the client sent.
pub struct Wrapped {
    /// The statement: `LEAD BODY.`
    pub text: String,
    /// Where the body starts in the parameter.
    pub body_start: usize,
    /// Where the body starts in `text`.
    pub lead: usize,
    /// The body's length.
    pub body_len: usize,
}

/// Wraps `param` as one statement starting with `lead` (`?- ` or `why `).
pub fn wrap(param: &str, lead: &str) -> Wrapped {
    let start = param.len() - param.trim_start().len();
    let body = param.trim();
    let body_start = start + if body.starts_with(lead.trim()) { lead.trim().len() } else { 0 };
    let body = body.strip_prefix(lead.trim()).unwrap_or(body);
    let skipped = body.len() - body.trim_start().len();
    let body = body.trim();
    let body = body.strip_suffix('.').unwrap_or(body);
    Wrapped { text: format!("{lead}{body}."), body_start: body_start + skipped, lead: lead.len(), body_len: body.len() }
}

impl Wrapped {
    /// The byte offset in the parameter of a byte offset in `text` (clamped to the body).
    pub fn original(&self, offset: usize) -> usize {
        self.body_start + offset.saturating_sub(self.lead).min(self.body_len)
    }
}

/// The 1-based line and column (in characters) of a byte offset of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Percent-encodes text for a query string value: letters, digits and `-_.~` stay, everything else is `%XX`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The parameters of `/api/check` and the check page: a citizenship (code or name), a day, how and why.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckParams {
    /// The citizenship as given (`de`, `DE`, `Germany`); the kb resolves it.
    pub citizen: String,
    /// The day of arrival.
    pub date: Day,
    /// `air` (the default) or `land`.
    pub by: String,
    /// `tourism` (the default) or another of `check::PURPOSES`.
    pub purpose: String,
}

/// The names of the check parameters.
pub const CHECK_PARAMS: [&str; 4] = ["citizen", "date", "by", "purpose"];

impl CheckParams {
    /// Reads them: `citizen` and `date` required, `by` and `purpose` one of the words `tkb check` knows.
    pub fn read(p: &Params) -> Result<CheckParams, ParamError> {
        let citizen = p.required("citizen")?.trim().to_string();
        p.required("date")?;
        let date = p.day("date")?.ok_or_else(|| ParamError("the parameter `date` is missing".into()))?;
        let word = |key: &str, words: &[&str], default: &str| -> Result<String, ParamError> {
            let given = p.text(key).map(str::trim).unwrap_or(default);
            match words.iter().find(|w| **w == given) {
                Some(w) => Ok(w.to_string()),
                None => Err(ParamError(format!("`{key}` must be one of {}, not `{given}`", words.join(", ")))),
            }
        };
        let by = word("by", &crate::check::MODES, "air")?;
        let purpose = word("purpose", &crate::check::PURPOSES, "tourism")?;
        Ok(CheckParams { citizen, date, by, purpose })
    }
}
