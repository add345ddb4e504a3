//! Body to HTML: the record's blocks as `<p>` and `<h2>` elements, every character escaped.
//!
//! The same fragment goes into RSS `content:encoded` and (later) Atom content, JSON Feed
//! `content_html` and the article page, so every format carries the same body.

use newswire_model::{Block, Record};

use crate::text::{is_forbidden_control, is_noncharacter_at, rewrite_runs};

/// Appends `s` to `out` as HTML text that reads exactly as `s`: `&`, `<`, `>`, `"` and `'`
/// become references, and characters XML 1.0 forbids are left out. The result is safe both
/// in element content and in a quoted attribute value.
///
/// Runs of text that need nothing are copied whole; only the bytes that need a reference or
/// may start a forbidden character are looked at one by one.
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    let rewrite = |bytes: &[u8], at: usize| match bytes[at] {
        b'&' => Some(("&amp;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        b'"' => Some(("&quot;", 1)),
        b'\'' => Some(("&#39;", 1)),
        // U+FFFE and U+FFFF are left out; other characters led by 0xEF are kept.
        0xEF if is_noncharacter_at(bytes, at) => Some(("", 3)),
        0xEF => None,
        // A C0 control XML 1.0 forbids; tab, line feed and carriage return stay.
        b if is_forbidden_control(b) => Some(("", 1)),
        _ => None,
    };
    rewrite_runs(s, needs_look, rewrite, |piece| out.push_str(piece));
}

/// Whether [`push_escaped`] looks at `b`: it needs a reference, is a C0 control (XML 1.0
/// forbids all but tab, line feed and carriage return, which are kept: one comparison for
/// all is cheaper than sorting them here), or is `0xEF`, which leads U+FFFE and U+FFFF.
#[inline(always)]
fn needs_look(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'') | (b == 0xEF) | (b < 0x20)
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
            (
                "\u{FFFE}a\u{FFFF}b\u{FFFD}\u{E000}\u{EFFF}",
                "ab\u{FFFD}\u{E000}\u{EFFF}",
            ),
            ("<\u{7F}\t\r\n\u{1F}>", "&lt;\u{7F}\t\r\n&gt;"),
        ] {
            check(input, expect);
        }
    }
}
