//! Text filtering shared by every format: characters XML 1.0 forbids never reach an output.
//!
//! Records can come from JSON, which may carry NUL and other control characters that the
//! ingest layer would have refused. Every string a format writes passes through [`clean`],
//! so no output depends on the input having been checked.

use std::borrow::Cow;

use newswire_model::{find_byte, first_forbidden_in_xml};

/// Whether XML 1.0 allows `c` in a document (the `Char` production): tab, line feed, carriage
/// return, and everything from U+0020 except U+FFFE and U+FFFF (Rust strings hold no
/// surrogates).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..
    )
}

/// `s` without the characters XML 1.0 forbids; borrowed when there are none.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    match first_forbidden_in_xml(s) {
        None => Cow::Borrowed(s),
        Some(at) => {
            let mut out = String::with_capacity(s.len());
            out.push_str(&s[..at]);
            out.extend(s[at..].chars().filter(|&c| is_xml_char(c)));
            Cow::Owned(out)
        }
    }
}

/// Whether `byte` is a C0 control that XML 1.0 forbids: all but tab, line feed and carriage
/// return. Branch-free, so that [`find_byte`] can test many bytes at once.
#[inline(always)]
pub(crate) fn is_forbidden_control(byte: u8) -> bool {
    (byte < 0x20) & !((byte == b'\t') | (byte == b'\n') | (byte == b'\r'))
}

/// Whether `bytes[at]` starts U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`).
#[inline]
pub(crate) fn is_noncharacter_at(bytes: &[u8], at: usize) -> bool {
    matches!(bytes.get(at..at + 3), Some([0xEF, 0xBF, 0xBE | 0xBF]))
}

/// Passes `s` to `push` in pieces, with the bytes `special` marks rewritten: at each,
/// `rewrite(bytes, at)` gives the text that stands for the bytes from `at` and how many bytes
/// it replaces, or `None` to keep the byte. Runs with nothing to rewrite are passed whole.
/// `special` follows [`find_byte`]'s rules, and a rewrite never splits a character: it starts
/// at a byte `special` marks and replaces whole characters.
#[inline(always)]
pub(crate) fn rewrite_runs<'s>(
    s: &'s str,
    special: impl Fn(u8) -> bool,
    rewrite: impl Fn(&[u8], usize) -> Option<(&'static str, usize)>,
    mut push: impl FnMut(&'s str),
) {
    pieces(s, special, rewrite, |piece| match piece {
        Piece::Kept(run) => push(run),
        Piece::Rewritten(text) => push(text),
    });
}

/// A piece of text as [`pieces`] passes it on.
pub(crate) enum Piece<'s, T> {
    /// A run of the text, kept as it is.
    Kept(&'s str),
    /// What stands for the bytes rewritten.
    Rewritten(T),
}

/// [`rewrite_runs`] for rewrites of any kind: `rewrite` gives a `T` for the bytes from `at`,
/// such as the texts that stand for them in several outputs written at once.
#[inline(always)]
pub(crate) fn pieces<'s, T>(
    s: &'s str,
    special: impl Fn(u8) -> bool,
    rewrite: impl Fn(&[u8], usize) -> Option<(T, usize)>,
    mut push: impl FnMut(Piece<'s, T>),
) {
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut from = 0;
    while let Some(at) = find_byte(bytes, from, &special) {
        match rewrite(bytes, at) {
            Some((text, len)) => {
                push(Piece::Kept(&s[run..at]));
                push(Piece::Rewritten(text));
                from = at + len;
                run = from;
            }
            None => from = at + 1,
        }
    }
    push(Piece::Kept(&s[run..]));
}

/// Whether `s` has something to show once filtered: a character XML 1.0 allows that is not
/// white space.
pub(crate) fn has_text(s: &str) -> bool {
    s.chars().any(|c| is_xml_char(c) && !c.is_whitespace())
}

/// What goes before item `i` (from 1) of an English list of `n`: `, `, or ` and ` before the
/// last.
pub(crate) fn and_separator(i: usize, n: usize) -> &'static str {
    if i + 1 == n { " and " } else { ", " }
}

/// `items` as an English list: `A`, `A and B`, `A, B and C`; empty for none.
pub(crate) fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    let size: usize = items.iter().map(|item| item.as_ref().len() + 5).sum();
    let mut out = String::with_capacity(size);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(and_separator(i, items.len()));
        }
        out.push_str(item.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expect: &str) {
        let got = clean(input);
        assert_eq!(got, expect, "clean({input:?})");
        assert_eq!(
            matches!(got, Cow::Borrowed(_)),
            input == expect,
            "borrowed only when nothing was removed: {input:?}"
        );
    }

    #[test]
    fn removes_forbidden_characters() {
        for (input, expect) in [
            ("plain", "plain"),
            ("", ""),
            ("tab\there\nline\r\n", "tab\there\nline\r\n"),
            ("nul\u{0}byte", "nulbyte"),
            ("\u{1}\u{8}\u{B}\u{C}\u{1F}start", "start"),
            ("end\u{FFFE}\u{FFFF}", "end"),
            (
                "keep \u{FFFD} \u{E000} \u{D7FF}",
                "keep \u{FFFD} \u{E000} \u{D7FF}",
            ),
            ("emoji 🚢 and del \u{7F}", "emoji 🚢 and del \u{7F}"),
            ("“curly” — dash & <tag> ]]>", "“curly” — dash & <tag> ]]>"),
        ] {
            check(input, expect);
        }
    }

    #[track_caller]
    fn check_join(items: &[&str], expect: &str) {
        assert_eq!(join_and(items), expect, "join_and({items:?})");
    }

    #[test]
    fn joins_lists_in_english() {
        for (items, expect) in [
            (&[][..], ""),
            (&["Ana Lima"][..], "Ana Lima"),
            (
                &["Ana Lima", "Tomás Ferreira"][..],
                "Ana Lima and Tomás Ferreira",
            ),
            (&["A", "B", "C"][..], "A, B and C"),
            (&["A", "B", "C", "D"][..], "A, B, C and D"),
        ] {
            check_join(items, expect);
        }
    }

    #[track_caller]
    fn check_has_text(input: &str, expect: bool) {
        assert_eq!(has_text(input), expect, "has_text({input:?})");
    }

    #[test]
    fn has_text_ignores_space_and_forbidden_characters() {
        for (input, expect) in [
            ("", false),
            (" \t\n\r", false),
            ("\u{0}\u{1} \u{FFFF}", false),
            ("\u{A0}\u{3000}", false),
            ("a", true),
            (" \u{0}x ", true),
            ("🚢", true),
            ("]]>", true),
        ] {
            check_has_text(input, expect);
        }
    }
}
