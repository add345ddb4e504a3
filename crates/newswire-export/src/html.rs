//! Body to HTML: the record's blocks as `<p>` and `<h2>` elements, every character escaped.
//!
//! The same fragment goes into RSS `content:encoded` and (later) Atom content, JSON Feed
//! `content_html` and the article page, so every format carries the same body.

use newswire_model::{Block, Record, may_start_forbidden};

use crate::text::{Piece, is_forbidden_control, is_noncharacter_at, pieces, rewrite_runs};

/// Appends `s` to `out` as HTML text that reads exactly as `s`: `&`, `<`, `>`, `"` and `'`
/// become references, and characters XML 1.0 forbids are left out. The result is safe both
/// in element content and in a quoted attribute value.
///
/// Runs of text that need nothing are copied whole; only the bytes that need a reference or
/// may start a forbidden character are looked at one by one.
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    rewrite_runs(s, needs_look, html_rewrite, |piece| out.push_str(piece));
}

/// What [`push_escaped`] writes for the bytes from `bytes[at]`, and how many it replaces;
/// `None` to keep the byte.
#[inline(always)]
fn html_rewrite(bytes: &[u8], at: usize) -> Option<(&'static str, usize)> {
    match bytes[at] {
        b'&' => Some(("&amp;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        b'"' => Some(("&quot;", 1)),
        b'\'' => Some(("&#39;", 1)),
        // U+FFFE and U+FFFF are left out; other characters led by 0xEF are kept.
        0xEF if is_noncharacter_at(bytes, at) => Some(("", 3)),
        // A C0 control XML 1.0 forbids; tab, line feed and carriage return stay.
        b if is_forbidden_control(b) => Some(("", 1)),
        _ => None,
    }
}

/// Whether [`push_escaped`] looks at `b`: it needs a reference, or it may start a character
/// XML 1.0 forbids. Three tests cover all, each with a few bytes the rewrite then keeps:
/// `<` (0x3C) and `>` (0x3E) are the bytes that `| 2` makes 0x3E; `"` (0x22), `&` (0x26) and
/// `'` (0x27), with `#` (0x23), those that `| 5` makes 0x27; and [`may_start_forbidden`]
/// holds for the C0 controls (tab, line feed and carriage return are kept) and for lead bytes
/// from 0xEF up (U+FFFE and U+FFFF are left out, other characters kept).
#[inline(always)]
fn needs_look(b: u8) -> bool {
    ((b | 2) == 0x3E) | ((b | 5) == 0x27) | may_start_forbidden(b)
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
    let mut out = String::with_capacity(fragment_size(record));
    write_blocks(record, &mut out);
    out
}

/// The body fragment ([`body_html`]) together with the same fragment as a JSON string, as
/// the ninjs document carries it: both written in one reading of the body, rather than the
/// fragment read again to be escaped for JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyHtml {
    html: String,
    /// The fragment as a JSON string, quotes included.
    json: String,
}

impl BodyHtml {
    /// `record`'s body fragment, in HTML and as a JSON string.
    pub fn of(record: &Record) -> BodyHtml {
        let size = fragment_size(record);
        let mut both = BodyHtml {
            html: String::with_capacity(size),
            json: String::with_capacity(size + size / 16 + 2),
        };
        both.json.push('"');
        write_blocks(record, &mut both);
        both.json.push('"');
        both
    }

    /// The fragment: what [`body_html`] gives.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// The fragment as a JSON string, quotes included: what writing [`html`](Self::html)
    /// as a JSON string gives.
    pub(crate) fn json(&self) -> &str {
        &self.json
    }
}

/// Room for the fragment of `record`'s body, with some for its references.
fn fragment_size(record: &Record) -> usize {
    let size: usize = record.body.iter().map(|b| b.text().len() + 12).sum();
    size + size / 8
}

/// Where [`write_blocks`] writes: the fragment alone, or the fragment and its JSON string.
trait Fragment {
    /// Writes markup of the fragment's own, given as HTML and as it is inside a JSON string.
    fn markup(&mut self, html: &'static str, json: &'static str);
    /// Writes `text` escaped.
    fn text(&mut self, text: &str);
}

impl Fragment for String {
    #[inline(always)]
    fn markup(&mut self, html: &'static str, _: &'static str) {
        self.push_str(html);
    }

    fn text(&mut self, text: &str) {
        push_escaped(self, text);
    }
}

impl Fragment for BodyHtml {
    #[inline(always)]
    fn markup(&mut self, html: &'static str, json: &'static str) {
        self.html.push_str(html);
        self.json.push_str(json);
    }

    /// [`push_escaped`] into the fragment, and the same escaped text as it is inside a JSON
    /// string: a backslash, tab, line feed and carriage return are the only characters the
    /// HTML keeps that JSON escapes (the quote is a reference already, and what XML forbids
    /// is left out of both).
    fn text(&mut self, text: &str) {
        let rewrite = |bytes: &[u8], at: usize| match bytes[at] {
            b'\\' => Some((("\\", "\\\\"), 1)),
            b'\t' => Some((("\t", "\\t"), 1)),
            b'\n' => Some((("\n", "\\n"), 1)),
            b'\r' => Some((("\r", "\\r"), 1)),
            _ => html_rewrite(bytes, at).map(|(text, len)| ((text, text), len)),
        };
        let special = |b: u8| needs_look(b) | (b == b'\\');
        pieces(text, special, rewrite, |piece| match piece {
            Piece::Kept(run) => {
                self.html.push_str(run);
                self.json.push_str(run);
            }
            Piece::Rewritten((html, json)) => {
                self.html.push_str(html);
                self.json.push_str(json);
            }
        });
    }
}

/// Writes `record`'s blocks into `out`.
fn write_blocks(record: &Record, out: &mut impl Fragment) {
    for (i, block) in record.body.iter().enumerate() {
        if i > 0 {
            out.markup("\n", "\\n");
        }
        // Each tag a constant, copied in place.
        match block {
            Block::Paragraph { text } => {
                out.markup("<p>", "<p>");
                out.text(text);
                out.markup("</p>", "</p>");
            }
            Block::Heading { text } => {
                out.markup("<h2>", "<h2>");
                out.text(text);
                out.markup("</h2>", "</h2>");
            }
        }
    }
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
            ("#1 = #2; ?=>", "#1 = #2; ?=&gt;"),
        ] {
            check(input, expect);
        }
    }

    /// The bytes looked at are exactly those that need a reference or may start a forbidden
    /// character, and a few the rewrite keeps.
    #[test]
    fn looks_at_every_byte_it_may_rewrite() {
        for b in 0..=u8::MAX {
            let expect = b"&<>\"'#".contains(&b) || !(0x20..0xEF).contains(&b);
            assert_eq!(needs_look(b), expect, "{b:#04X}");
        }
    }

    /// Every character up to U+FFFF and a few beyond, alone and in text, escapes as it does
    /// one character at a time.
    #[test]
    fn escapes_every_character_as_its_definition_says() {
        let reference = |c: char| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c if newswire_model::is_forbidden_in_xml(c) => String::new(),
            c => c.to_string(),
        };
        let chars = (0..=0xFFFF)
            .chain([0x1F6A2, 0x10FFFF])
            .filter_map(char::from_u32);
        for c in chars {
            let text = format!("a{c}b{c}");
            let expect = format!("a{}b{}", reference(c), reference(c));
            assert_eq!(escape(&text), expect, "U+{:04X}", u32::from(c));
        }
    }

    /// The fragment and its JSON string, written in one reading, are the fragment
    /// [`body_html`] writes and that fragment as `serde_json` writes a string, whatever the
    /// blocks hold: every character up to U+FFFF and a few beyond, in both kinds of block,
    /// and empty ones.
    #[test]
    fn the_fragment_and_its_json_string_are_written_together() {
        let texts: Vec<String> = (0..=0xFFFF)
            .chain([0x1F6A2, 0x10FFFF])
            .filter_map(char::from_u32)
            .collect::<Vec<char>>()
            .chunks(97)
            .map(|chunk| chunk.iter().flat_map(|&c| [c, 'a', c]).collect())
            .chain([String::new(), r#"\ "quoted" \\ tab\t line\n"#.to_owned()])
            .collect();
        let body: Vec<serde_json::Value> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let kind = if i % 3 == 0 { "heading" } else { "paragraph" };
                serde_json::json!({"type": kind, "text": text})
            })
            .collect();
        let record: Record = serde_json::from_value(serde_json::json!({
            "id": "a", "slug": "a", "url": "https://n.example/a", "headline": "H",
            "description": "D", "published": "2026-11-03T09:30:00Z", "language": "en",
            "body": body, "word_count": 1
        }))
        .expect("test records are valid");
        let both = BodyHtml::of(&record);
        let html = body_html(&record);
        assert_eq!(both.html(), html);
        assert_eq!(
            both.json(),
            serde_json::to_string(&html).expect("a string is JSON")
        );
        let read: String = serde_json::from_str(both.json()).expect("a JSON string");
        assert_eq!(read, html);
    }
}
