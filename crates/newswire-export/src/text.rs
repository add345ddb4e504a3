//! Text filtering shared by every format: characters XML 1.0 forbids never reach an output.
//!
//! Records can come from JSON, which may carry NUL and other control characters that the
//! ingest layer would have refused. Every string a format writes passes through [`clean`],
//! so no output depends on the input having been checked.

use std::borrow::Cow;

use newswire_model::{find_byte_with, first_forbidden_in_xml};

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
///
/// [`find_byte`]: newswire_model::find_byte
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
/// `special` follows [`find_byte`]'s rules, and `table` holds the same test as a table (see
/// [`find_marked`]); a rewrite never splits a character: it starts at a byte `special` marks
/// and replaces whole characters.
///
/// [`find_byte`]: newswire_model::find_byte
#[inline(always)]
pub(crate) fn rewrite_runs<'s>(
    s: &'s str,
    special: impl Fn(u8) -> bool,
    table: &ByteTable,
    rewrite: impl Fn(&[u8], usize) -> Option<(&'static str, usize)>,
    mut push: impl FnMut(&'s str),
) {
    pieces(s, special, table, rewrite, |piece| match piece {
        Piece::Kept(run) => push(run),
        Piece::Rewritten(text) => push(text),
    });
}

/// A byte test as a table, one entry a byte: what [`find_marked`] reads to find the byte
/// within a block that the test, made of several comparisons, marked as a whole. One load a
/// byte where the test is several comparisons and a branch on their sum.
pub(crate) struct ByteTable([bool; 256]);

impl ByteTable {
    /// The table of `special`'s answers, built once (in a `LazyLock`) by each of its users.
    pub(crate) fn of(special: impl Fn(u8) -> bool) -> ByteTable {
        ByteTable(std::array::from_fn(|b| special(b as u8)))
    }

    /// What the test says of `b`.
    #[inline(always)]
    pub(crate) fn has(&self, b: u8) -> bool {
        self.0[usize::from(b)]
    }
}

/// [`find_byte`]'s answer for a `special` whose answers `table` also holds: blocks are tested
/// with `special`, a block at a time in vector instructions, and the byte in a block that holds
/// one is found by reading `table` rather than by testing the block's bytes with `special`
/// again.
///
/// [`find_byte`]: newswire_model::find_byte
#[inline(always)]
pub(crate) fn find_marked(
    bytes: &[u8],
    from: usize,
    special: impl Fn(u8) -> bool,
    table: &ByteTable,
) -> Option<usize> {
    find_byte_with(bytes, from, special, |b| table.has(b))
}

/// The texts [`any_marked`] takes: shorter than this many bytes.
pub(crate) const SHORT: usize = 32;

/// Whether any byte of `bytes`, a text shorter than [`SHORT`] bytes such as most of a
/// document's fields, is one that `marked` finds: `marked` takes eight bytes as a
/// little-endian word and tells whether any of them needs something done (see
/// [`equal_bytes`] and [`forbidden_bytes`]).
///
/// The words are read where they lie, the last one overlapping the one before it, and a text
/// under eight bytes is read as one word of its bytes, each once or more: testing a byte twice
/// changes nothing, and no byte is copied. [`find_byte`] reads the same way, from wider blocks
/// down, to find where a byte is; this only tells whether there is one.
///
/// [`find_byte`]: newswire_model::find_byte
#[inline(always)]
pub(crate) fn any_marked(bytes: &[u8], marked: impl Fn(u64) -> bool) -> bool {
    debug_assert!(bytes.len() < SHORT, "a short text");
    let word = |w: &[u8; 8]| marked(u64::from_le_bytes(*w));
    if let Some(last) = bytes.last_chunk::<8>() {
        let (words, _) = bytes.as_chunks::<8>();
        return words.iter().any(word) || word(last);
    }
    // 4 to 7 bytes as their first and last four; 1 to 3 as the first, middle and last byte
    // (and the first again), twice.
    let n = bytes.len();
    let x = match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        (Some(head), Some(tail)) => {
            u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32
        }
        _ => match bytes {
            [] => return false,
            [first, ..] => {
                let quad = u32::from_le_bytes([*first, bytes[n / 2], bytes[n - 1], *first]);
                u64::from(quad) * 0x1_0000_0001
            }
        },
    };
    marked(x)
}

/// Each byte's lowest bit, and each byte's highest.
const LOW_BITS: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// A word whose [`HIGH_BITS`] hold something exactly when a byte of `x` is `byte`. Which byte
/// is marked is not exact (a borrow can mark the bytes above a match), only whether any is.
#[inline(always)]
pub(crate) fn equal_bytes(x: u64, byte: u8) -> u64 {
    let y = x ^ (LOW_BITS * u64::from(byte));
    y.wrapping_sub(LOW_BITS) & !y
}

/// A word whose [`HIGH_BITS`] hold something exactly when a byte of `x` may start a character
/// XML 1.0 forbids (below 0x20, or from 0xEF up). As with
/// [`equal_bytes`], only whether any is marked is exact.
#[inline(always)]
pub(crate) fn forbidden_bytes(x: u64) -> u64 {
    // Below 0x20: the subtraction borrows into a byte whose top bit was clear. From 0xEF up:
    // the top bit is set, and the low seven bits plus 0x11 reach 0x80 (never carrying out of
    // the byte, as 0x7F + 0x11 is 0x90).
    (x.wrapping_sub(LOW_BITS * 0x20) & !x) | (((x & !HIGH_BITS) + LOW_BITS * 0x11) & x)
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
    table: &ByteTable,
    rewrite: impl Fn(&[u8], usize) -> Option<(T, usize)>,
    mut push: impl FnMut(Piece<'s, T>),
) {
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut from = 0;
    while let Some(at) = find_marked(bytes, from, &special, table) {
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

/// Appends `items` as an English list, `A`, `A and B`, `A, B and C` (nothing for none): each
/// item as `push` writes it, `, ` between them and ` and ` before the last. The documents
/// write their lists so, each item escaped as it goes, rather than joined first.
#[inline(always)]
pub(crate) fn push_and_list<T>(
    out: &mut String,
    items: &[T],
    mut push: impl FnMut(&mut String, &T),
) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " and " } else { ", " });
        }
        push(out, item);
    }
}

/// `items` as an English list, joined: what the tests hold the lists the documents write item
/// by item, escaped as they go, to.
#[cfg(test)]
pub(crate) fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    push_and_list(&mut out, items, |out, item| out.push_str(item.as_ref()));
    out
}

#[cfg(test)]
mod tests {
    use newswire_model::may_start_forbidden;

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

    /// The bytes the word tests are told apart by: each side of every threshold and match.
    const EDGES: [u8; 16] = [
        0x00, 0x09, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x3C, 0x3D, 0x5C, 0x7F, 0x80, 0xEE, 0xEF, 0xF0,
        0xFF,
    ];

    /// A generated word: each byte one of [`EDGES`] or any byte at all.
    fn word(next: &mut impl FnMut() -> u64) -> u64 {
        (0..8).fold(0, |x, _| {
            let r = next();
            let b = if r.is_multiple_of(2) {
                EDGES[(r / 2) as usize % EDGES.len()]
            } else {
                (r / 2) as u8
            };
            x << 8 | u64::from(b)
        })
    }

    /// Over many generated words, the word tests mark a word exactly when a byte of it is
    /// what they look for.
    #[test]
    fn word_tests_tell_what_byte_tests_tell() {
        let mut next = crate::tests::numbers(11);
        for _ in 0..200_000 {
            let x = word(&mut next);
            let bytes = x.to_le_bytes();
            assert_eq!(
                forbidden_bytes(x) & HIGH_BITS != 0,
                bytes.iter().any(|&b| may_start_forbidden(b)),
                "{x:#018X}"
            );
            for byte in [b'"', b'\\', b'>', 0x00, 0xFF] {
                assert_eq!(
                    equal_bytes(x, byte) & HIGH_BITS != 0,
                    bytes.contains(&byte),
                    "{x:#018X} {byte:#04X}"
                );
            }
        }
    }

    /// Over generated texts of every short length, with bytes that need something anywhere or
    /// nowhere, `any_marked` tells what testing each byte tells.
    #[test]
    fn any_marked_tells_what_each_byte_tells() {
        let mut next = crate::tests::numbers(13);
        let marked = |x: u64| forbidden_bytes(x) & HIGH_BITS != 0;
        let mut hits = 0;
        for i in 0..100_000 {
            let len = i % SHORT;
            let bytes: Vec<u8> = (0..len)
                .map(|_| match next() % 64 {
                    0 => EDGES[next() as usize % EDGES.len()],
                    r => b'a' + (r % 26) as u8,
                })
                .collect();
            let expect = bytes.iter().any(|&b| may_start_forbidden(b));
            assert_eq!(any_marked(&bytes, marked), expect, "{bytes:?}");
            hits += usize::from(expect);
        }
        assert!((5_000..95_000).contains(&hits), "{hits} texts marked");
    }

    /// Over generated texts of every length up to a few blocks, from every offset,
    /// `find_marked` finds the byte `find_byte` finds, for tests that mark few bytes and many.
    #[test]
    fn find_marked_finds_what_find_byte_finds() {
        let mut next = crate::tests::numbers(37);
        let tests: [fn(u8) -> bool; 3] = [
            |b| ((b | 2) == 0x3E) | (b == b'&') | (b == 0xE2),
            |b| may_start_forbidden(b) | (b == b'"'),
            |b| !b.is_ascii_lowercase(),
        ];
        let tables = tests.map(ByteTable::of);
        let pieces = [
            "&", "<", ">", "\"", "\\", "\n", "\u{1}", "’", "\u{2028}", "\u{FFFE}", "é", "🚢",
        ];
        let mut found = 0;
        for i in 0..4_000 {
            let mut text = String::new();
            crate::tests::push_pieces(&mut text, &mut next, &pieces, 120, 1 + i % 16);
            let bytes = text.as_bytes();
            for (special, table) in tests.iter().zip(&tables) {
                for from in 0..=bytes.len() + 1 {
                    let expect = newswire_model::find_byte(bytes, from, special);
                    assert_eq!(
                        find_marked(bytes, from, special, table),
                        expect,
                        "{text:?} from {from}"
                    );
                    found += usize::from(expect.is_some());
                }
            }
        }
        assert!(found > 10_000, "{found} bytes found");
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
