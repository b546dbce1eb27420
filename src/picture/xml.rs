//! A small XML writer for the SVG charts: elements with attributes in the order the code sets them, text escaped
//! in one place, text content kept inline (never wrapped in new lines, which `<title>` tooltips would show).

/// An element: a static name, attributes in insertion order, children.
#[derive(Clone, Debug, PartialEq)]
pub struct El {
    name: &'static str,
    attrs: Vec<(&'static str, String)>,
    children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    /// An element with no attribute and no child.
    pub fn new(name: &'static str) -> El {
        El { name, attrs: Vec::new(), children: Vec::new() }
    }

    /// Sets an attribute; setting one twice keeps the last value in the first one's place.
    pub fn set(mut self, key: &'static str, value: impl Into<String>) -> El {
        let value = value.into();
        match self.attrs.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((key, value)),
        }
        self
    }

    /// Appends a child element.
    #[allow(clippy::should_implement_trait)] // a builder method, as in the svg and maud crates: not arithmetic
    pub fn add(mut self, child: El) -> El {
        self.children.push(Node::El(child));
        self
    }

    /// Appends text, escaped when rendered.
    pub fn text(mut self, text: impl Into<String>) -> El {
        self.children.push(Node::Text(text.into()));
        self
    }

    /// The element as XML. An element with element children puts each on its own line, so diffs stay readable;
    /// an element with only text keeps it on one line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.name);
        for (key, value) in &self.attrs {
            out.push_str(&format!(" {key}=\"{}\"", escape(value, true)));
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        let block = self.children.iter().any(|c| matches!(c, Node::El(_))) && !self.is_inline();
        for child in &self.children {
            if block {
                out.push('\n');
            }
            match child {
                Node::El(el) => el.write(out),
                Node::Text(text) => out.push_str(&escape(text, false)),
            }
        }
        if block {
            out.push('\n');
        }
        out.push_str("</");
        out.push_str(self.name);
        out.push('>');
    }

    /// Text elements with tspans stay on one line: a line break inside `<text>` would render as a space.
    fn is_inline(&self) -> bool {
        matches!(self.name, "text" | "tspan" | "title")
    }
}

/// Escapes text for XML; in attributes also the double quote that delimits them.
pub fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_keeps_attribute_order() {
        let el = El::new("g").set("b", "1").set("a", "\"x\" & <y>").add(El::new("title").text("a < b"));
        assert_eq!(el.render(), "<g b=\"1\" a=\"&quot;x&quot; &amp; &lt;y&gt;\">\n<title>a &lt; b</title>\n</g>");
    }

    #[test]
    fn text_with_spans_stays_on_one_line() {
        let el = El::new("text").add(El::new("tspan").text("+VN")).add(El::new("tspan").text(" -EG"));
        assert_eq!(el.render(), "<text><tspan>+VN</tspan><tspan> -EG</tspan></text>");
    }
}
