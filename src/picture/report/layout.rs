//! The shell of every page (head, navigation, skip link, footer) and the one place page addresses are made, so
//! links from any page to any other stay right whatever folder the page is in.

use super::quotes::QuoteIds;
use crate::symbol::Symbol;
use crate::value::Value;
use maud::{html, Markup, DOCTYPE};

/// Addresses of pages, relative to the page being written (`root` is "" at the top, "../" in a folder).
pub struct Links<'a> {
    /// The way up from the page to the top of the site: "" or "../".
    pub root: &'static str,
    /// The numbered quotes, for links to a quote's mark.
    pub quotes: &'a QuoteIds,
    /// On the live site (`tkb serve`): the navigation adds the query page.
    pub live: bool,
}

impl Links<'static> {
    /// Addresses for a page that links to no quote.
    pub fn without_quotes(root: &'static str, live: bool) -> Links<'static> {
        Links { root, quotes: &super::quotes::NONE, live }
    }
}

impl Links<'_> {
    /// The index page.
    pub fn index(&self) -> String {
        format!("{}index.html", self.root)
    }

    /// A predicate's page.
    pub fn predicate(&self, pred: Symbol) -> String {
        format!("{}pred/{}.html", self.root, file_name(pred.as_str()))
    }

    /// A country's page.
    pub fn country(&self, code: &Value) -> String {
        format!("{}country/{}.html", self.root, file_name(&code.to_string()))
    }

    /// A source's page, at a line of its article when given.
    pub fn source(&self, source: Symbol, line: Option<usize>) -> String {
        let anchor = line.map(|l| format!("#L{l}")).unwrap_or_default();
        format!("{}source/{}.html{anchor}", self.root, file_name(source.as_str()))
    }

    /// The quote's mark on its source's page (the page's top when the quote is not numbered there).
    pub fn quote(&self, source: Symbol, quote: &str) -> String {
        let anchor = self.quotes.anchor(source, quote).map(|a| format!("#{a}")).unwrap_or_default();
        format!("{}source/{}.html{anchor}", self.root, file_name(source.as_str()))
    }

    /// The quote's section on its source's page: the facts and claims it gives.
    pub fn quote_section(&self, source: Symbol, quote: &str) -> String {
        let anchor = self.quotes.id(source, quote).map(|n| format!("#fq{n}")).unwrap_or_default();
        format!("{}source/{}.html{anchor}", self.root, file_name(source.as_str()))
    }

    /// A finding on the linter's page.
    pub fn finding(&self, n: usize) -> String {
        format!("{}lint.html#finding-{n}", self.root)
    }

    /// A file at the top of the site.
    pub fn file(&self, name: &str) -> String {
        format!("{}{name}", self.root)
    }
}

/// A name as a file name: letters, digits, `_` and `-` kept, anything else spelled as its code point, so two
/// names never share a file and no name escapes its folder.
pub fn file_name(name: &str) -> String {
    name.chars()
        .map(
            |c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c.to_string()
                } else {
                    format!("~{:x}", c as u32)
                }
            },
        )
        .collect()
}

/// An interval set as the pages write it: `[2021-12-14, 2022-04-11), [2022-05-01, ..)`, each interval kept on one
/// line (a date never wraps at its hyphen).
pub fn intervals(set: &crate::time::IntervalSet) -> Markup {
    html! {
        @if set.intervals().is_empty() { "on no day" }
        @for (i, interval) in set.intervals().iter().enumerate() {
            @if i > 0 { ", " }
            span.when { (interval.to_string()) }
        }
    }
}

/// `n` and the noun, singular or plural: `1 fact`, `32 facts`.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A key that sorts names with numbers in numeric order: `s001_l83` before `s001_l874`.
pub fn natural_key(name: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut number = c.to_digit(10).map_or(0, u64::from);
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                number = number.saturating_mul(10).saturating_add(u64::from(d));
                chars.next();
            }
            key.push((std::mem::take(&mut text), number));
        } else {
            text.push(c);
        }
    }
    key.push((text, 0));
    key
}

/// Text with Markdown code spans (`` `tkb lint` ``) as `<code>` elements, everything else escaped.
pub fn code_spans(text: &str) -> Markup {
    let parts: Vec<&str> = text.split('`').collect();
    // An odd number of backticks leaves the last one unpaired: shown as it is.
    let paired = parts.len() % 2 == 1;
    html! {
        @for (i, part) in parts.iter().enumerate() {
            @if i % 2 == 1 && (paired || i + 1 < parts.len()) { code { (part) } }
            @else { @if i % 2 == 1 { "`" } (part) }
        }
    }
}

/// A whole page: the same head and navigation everywhere, the content in `main`.
pub fn page(links: &Links, title: &str, body: Markup) -> String {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) @if links.live { " · tkb" } @else { " · tkb report" } }
                link rel="stylesheet" href=(links.file("style.css"));
                // No icon to fetch: a browser would ask the server (or the file system) for /favicon.ico.
                link rel="icon" href="data:,";
            }
            body {
                a.skip href="#main" { "Skip to the content" }
                header {
                    nav aria-label="Report" {
                        a href=(links.index()) { "Index" }
                        a href=(links.file("day.html")) { "What held on a day" }
                        a href=(links.file("countries.html")) { "Countries" }
                        a href=(links.file("lint.html")) { "Linter findings" }
                        @if links.live { a href=(links.file("query")) { "Ask a query" } }
                    }
                }
                main #main tabindex="-1" { h1 { (title) } (body) }
                @if links.live { footer { "Served by " code { "tkb serve" } " from the kb it has loaded; every page works without JavaScript but the day picker." } }
                @else { footer { "Written by " code { "tkb report" } " from the kb; every page works offline, from file://." } }
            }
        }
    };
    markup.into_string()
}
