//! Text filtering shared by every format: characters XML 1.0 forbids never reach an output.
//!
//! Records can come from JSON, which may carry NUL and other control characters that the
//! ingest layer would have refused. Every string a format writes passes through [`clean`],
//! so no output depends on the input having been checked.

use std::borrow::Cow;

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
    if s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// Whether `s` has something to show once filtered: a character XML 1.0 allows that is not
/// white space.
pub(crate) fn has_text(s: &str) -> bool {
    s.chars().any(|c| is_xml_char(c) && !c.is_whitespace())
}

/// `items` as an English list: `A`, `A and B`, `A, B and C`; empty for none.
pub(crate) fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " and " } else { ", " });
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
