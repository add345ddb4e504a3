//! Body to HTML: the record's blocks as `<p>` and `<h2>` elements, every character escaped.
//!
//! The same fragment goes into RSS `content:encoded` and (later) Atom content, JSON Feed
//! `content_html` and the article page, so every format carries the same body.

use newswire_model::{Block, Record, may_start_forbidden};

use crate::text::{
    ByteTable, HIGH_BITS, SHORT, any_marked, equal_bytes, forbidden_bytes, is_forbidden_control,
    is_noncharacter_at, rewrite_runs,
};

/// Appends `s` to `out` as HTML text that reads exactly as `s`: `&`, `<`, `>`, `"` and `'`
/// become references, and characters XML 1.0 forbids are left out. The result is safe both
/// in element content and in a quoted attribute value.
///
/// Runs of text that need nothing are copied whole; only the bytes that need a reference or
/// may start a forbidden character are looked at one by one.
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    // Most short texts need nothing: a cheap, exact test of all their bytes, and a copy.
    if s.len() < SHORT && !any_marked(s.as_bytes(), any_needs_escape) {
        out.push_str(s);
    } else {
        push_escaped_runs(out, s);
    }
}

/// Whether any of the eight bytes of `x` needs a reference or may start a character XML 1.0
/// forbids: [`needs_look`] without the bytes the rewrite keeps, `#` among them. `<` and `>`
/// are the bytes that `| 2` makes `>`, `&` and `'` those that `| 1` makes `'`.
#[inline(always)]
fn any_needs_escape(x: u64) -> bool {
    let marks = equal_bytes(x | 0x0202_0202_0202_0202, b'>')
        | equal_bytes(x | 0x0101_0101_0101_0101, b'\'')
        | equal_bytes(x, b'"')
        | forbidden_bytes(x);
    marks & HIGH_BITS != 0
}

/// [`push_escaped`] of a text with something to escape or leave out, run by run. Kept out of
/// line: the texts that need it are few.
#[inline(never)]
fn push_escaped_runs(out: &mut String, s: &str) {
    let rewrite = |bytes: &[u8], at: usize| match bytes[at] {
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
    };
    rewrite_runs(s, needs_look, &NEEDS_LOOK, rewrite, |piece| {
        out.push_str(piece)
    });
}

/// [`needs_look`] as a table.
pub(crate) static NEEDS_LOOK: std::sync::LazyLock<ByteTable> =
    std::sync::LazyLock::new(|| ByteTable::of(needs_look));

/// Whether [`push_escaped`] looks at `b`: it needs a reference, or it may start a character
/// XML 1.0 forbids. Three tests cover all, each with a few bytes the rewrite then keeps:
/// `<` (0x3C) and `>` (0x3E) are the bytes that `| 2` makes 0x3E; `"` (0x22), `&` (0x26) and
/// `'` (0x27), with `#` (0x23), those that `| 5` makes 0x27; and [`may_start_forbidden`]
/// holds for the C0 controls (tab, line feed and carriage return are kept) and for lead bytes
/// from 0xEF up (U+FFFE and U+FFFF are left out, other characters kept).
#[inline(always)]
pub(crate) fn needs_look(b: u8) -> bool {
    ((b | 2) == 0x3E) | ((b | 5) == 0x27) | may_start_forbidden(b)
}

/// `s` as escaped HTML text (see [`push_escaped`]).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// Calls `make` with the body fragment ([`body_html`]) of each of `records`: what a feed's
/// function that takes its records alone gives its `_with` twin.
pub(crate) fn with_bodies<T>(records: &[&Record], make: impl FnOnce(&[&str]) -> T) -> T {
    let owned: Vec<String> = records.iter().map(|r| body_html(r)).collect();
    let bodies: Vec<&str> = owned.iter().map(String::as_str).collect();
    make(&bodies)
}

/// Checks what a feed's `_with` function is given: one fragment per record, each the
/// record's own (in debug builds, and so in every test run).
pub(crate) fn check_bodies(records: &[&Record], bodies: &[&str]) {
    assert_eq!(
        records.len(),
        bodies.len(),
        "one body fragment for each record"
    );
    debug_assert!(
        records.iter().zip(bodies).all(|(r, b)| body_html(r) == *b),
        "each record's own body fragment"
    );
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
        // Each tag a constant, copied in place.
        match block {
            Block::Paragraph { text } => {
                out.push_str("<p>");
                push_escaped(&mut out, text);
                out.push_str("</p>");
            }
            Block::Heading { text } => {
                out.push_str("<h2>");
                push_escaped(&mut out, text);
                out.push_str("</h2>");
            }
        }
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

    /// Over generated texts, short and long, clean and not, `push_escaped` writes what the
    /// run by run rewrite writes.
    #[test]
    fn short_texts_are_escaped_as_rewritten() {
        let pieces = [
            "a", "Zé", " ", "&", "<", ">", "\"", "'", "#", "=", "?", "%", "\t", "\u{0}", "\u{1F}",
            "\u{7F}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "🚢",
        ];
        let mut next = crate::tests::numbers(19);
        let mut clean = 0;
        for _ in 0..50_000 {
            let mut s = String::new();
            crate::tests::push_pieces(&mut s, &mut next, &pieces, 24, 4);
            let mut escaped = String::new();
            push_escaped(&mut escaped, &s);
            let mut rewritten = String::new();
            push_escaped_runs(&mut rewritten, &s);
            assert_eq!(escaped, rewritten, "{s:?}");
            clean += usize::from(escaped == s);
        }
        assert!((5_000..45_000).contains(&clean), "{clean} texts were clean");
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
}
