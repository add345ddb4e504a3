//! Body to HTML: the record's blocks as `<p>` and `<h2>` elements, every character escaped.
//!
//! The same fragment goes into RSS `content:encoded` and (later) Atom content, JSON Feed
//! `content_html` and the article page, so every format carries the same body.

use newswire_model::{Block, Record};

use crate::text::is_xml_char;

/// Appends `s` to `out` as HTML text that reads exactly as `s`: `&`, `<`, `>`, `"` and `'`
/// become references, and characters XML 1.0 forbids are left out. The result is safe both
/// in element content and in a quoted attribute value.
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// `s` as escaped HTML text (see [`push_escaped`]).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// The body of `record` as an HTML fragment: one `<p>` per paragraph and one `<h2>` per
/// heading (the page's `<h1>` is the headline), one block per line, text escaped.
///
/// The fragment holds no links, so it has no relative URL for a feed reader to misresolve.
pub fn body_html(record: &Record) -> String {
    let size: usize = record.body.iter().map(|b| b.text().len() + 12).sum();
    let mut out = String::with_capacity(size + size / 8);
    for block in &record.body {
        if !out.is_empty() {
            out.push('\n');
        }
        let tag = match block {
            Block::Paragraph { .. } => "p",
            Block::Heading { .. } => "h2",
        };
        out.push('<');
        out.push_str(tag);
        out.push('>');
        push_escaped(&mut out, block.text());
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expect: &str) {
        assert_eq!(escape(input), expect, "escape({input:?})");
    }

    #[test]
    fn escapes_text() {
        for (input, expect) in [
            ("plain words", "plain words"),
            ("Tom & Jerry", "Tom &amp; Jerry"),
            ("</script><!-- ]]>", "&lt;/script&gt;&lt;!-- ]]&gt;"),
            (r#"say "hi" it's"#, "say &quot;hi&quot; it&#39;s"),
            ("nul\u{0}and\u{1}ctl", "nulandctl"),
            ("“curly” — 20 °C 🚢", "“curly” — 20 °C 🚢"),
            ("&amp; stays text", "&amp;amp; stays text"),
        ] {
            check(input, expect);
        }
    }
}
