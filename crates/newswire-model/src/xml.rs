//! The characters XML 1.0 forbids, which no record's text may hold: no feed or page could
//! carry them; and the block-at-a-time byte search that finds them, which the exporters also
//! use to find the bytes they escape.

/// Whether XML 1.0 forbids `c` (its `Char` production): C0 controls other than tab, line
/// feed and carriage return, and U+FFFE and U+FFFF. Rust strings hold no surrogates.
pub fn is_forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Whether `b` may start a character XML 1.0 forbids: every such character starts with a
/// byte below 0x20 (the C0 controls but tab, line feed and carriage return) or with `0xEF`
/// (U+FFFE and U+FFFF). So do tab, line feed, carriage return and the allowed characters led
/// by `0xEF` to `0xFF`, which whoever asks must then tell apart. One addition and one
/// comparison, for [`find_byte`] and other block tests: `0xEF` and above wrap round to below
/// 0x11, and the controls land at 0x11 to 0x30.
#[inline(always)]
pub fn may_start_forbidden(b: u8) -> bool {
    b.wrapping_add(0x11) < 0x31
}

/// The byte offset of the first character in `s` that XML 1.0 forbids, if any.
///
/// Each such character is one byte below 0x20 other than tab, line feed and carriage return,
/// or `EF BF BE` / `EF BF BF`. [`find_byte`] skips to each byte that [`may_start_forbidden`]
/// but the line feed, which nearly every text holds, a block of bytes at a time: clean text
/// costs a fraction of a cycle per byte. The few allowed characters among those (tab,
/// carriage return, characters led by `0xEF` to `0xFF`) are told apart one at a time.
///
/// Whole texts, such as an article as read, open with a run of 64-byte stretches
/// tested as a whole before [`find_byte`] takes over at the first one that holds a suspect
/// byte: a wider step than its blocks, for one test where it makes two.
pub fn first_forbidden_in_xml(s: &str) -> Option<usize> {
    first_forbidden_or(s, false)
}

/// The byte offset of the first carriage return in `s` or of the first character XML 1.0
/// forbids, whichever comes first: one pass tells a reader that makes every line end a line
/// feed whether it has anything to do at all, for what [`first_forbidden_in_xml`] finds
/// costs no more when it stops at carriage returns too.
pub fn first_forbidden_or_cr(s: &str) -> Option<usize> {
    first_forbidden_or(s, true)
}

/// [`first_forbidden_in_xml`], stopping at a carriage return too when `cr`.
#[inline(always)]
fn first_forbidden_or(s: &str, cr: bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let suspect = |b: u8| may_start_forbidden(b) & (b != b'\n');
    let (stretches, _) = bytes.as_chunks::<WIDE>();
    // No forbidden character starts in the clean stretches: each starts with a suspect byte.
    let clean = stretches
        .iter()
        .take_while(|stretch| stretch.iter().fold(0u8, |n, &b| n | u8::from(suspect(b))) == 0)
        .count();
    let mut from = clean * WIDE;
    while let Some(at) = find_byte(bytes, from, suspect) {
        let forbidden = match bytes[at] {
            b'\t' => false,
            b'\r' => cr,
            0xEF => matches!(bytes.get(at + 1..at + 3), Some([0xBF, 0xBE | 0xBF])),
            b => b < 0x20,
        };
        if forbidden {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// How many bytes [`first_forbidden_in_xml`] tests at once before it looks closer.
const WIDE: usize = 64;

/// The offset of the first byte at or after `from` for which `special` holds.
///
/// Text is read in blocks of 32 bytes, and a block is first tested as a whole, so text with
/// nothing special — by far the common case — costs a fraction of a cycle per byte. `special`
/// must be branch-free (comparisons joined with `&` and `|`, not `&&` and `||`) for the block
/// test to use vector instructions.
#[inline(always)]
pub fn find_byte(bytes: &[u8], from: usize, special: impl Fn(u8) -> bool) -> Option<usize> {
    find_byte_with(bytes, from, &special, &special)
}

/// [`find_byte`], with the byte in a block that `special` marks found by `locate`, which must
/// hold for exactly the bytes `special` holds for. A test of several comparisons is cheap on a
/// whole block at once but not on one byte after another, where a table of its answers (one
/// load a byte) can serve instead.
#[inline(always)]
pub fn find_byte_with(
    bytes: &[u8],
    from: usize,
    special: impl Fn(u8) -> bool,
    locate: impl Fn(u8) -> bool,
) -> Option<usize> {
    const BLOCK: usize = 32;
    let rest = bytes.get(from..)?;
    let (blocks, tail) = rest.as_chunks::<BLOCK>();
    let mut start = from;
    for block in blocks {
        if any(block, &special) {
            return block.iter().position(|&b| locate(b)).map(|i| start + i);
        }
        start += BLOCK;
    }
    // The last, shorter stretch is tested as its first and its last 16 bytes, or 8, or 4, read
    // where they lie: testing a byte twice changes nothing, and no byte is copied. Under 4
    // bytes, it is searched byte by byte.
    let hit = match tail.len() {
        16.. => any_at_ends::<16>(tail, &special),
        8.. => any_at_ends::<8>(tail, &special),
        4.. => any_at_ends::<4>(tail, &special),
        _ => true,
    };
    if hit {
        return tail.iter().position(|&b| locate(b)).map(|i| start + i);
    }
    None
}

/// Whether `special` holds for any byte of the first or the last `N` bytes of `bytes`; true
/// when `bytes` is shorter, to have it searched byte by byte.
#[inline(always)]
fn any_at_ends<const N: usize>(bytes: &[u8], special: &impl Fn(u8) -> bool) -> bool {
    match (bytes.first_chunk::<N>(), bytes.last_chunk::<N>()) {
        (Some(first), Some(last)) => any(first, special) | any(last, special),
        _ => true,
    }
}

/// Whether `special` holds for any byte of `block`, a test the compiler makes a few vector
/// instructions of. Counted into a byte rather than folded into a `bool`: a `bool` fold can
/// come out as byte shuffles.
#[inline(always)]
fn any<const N: usize>(block: &[u8; N], special: &impl Fn(u8) -> bool) -> bool {
    block.iter().fold(0u8, |n, &b| n | u8::from(special(b))) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same pseudo-random numbers on every run, so that a test of many generated texts
    /// checks the same ones: proptest's deterministic generator.
    fn numbers() -> impl FnMut() -> u64 {
        use proptest::prelude::Rng;
        use proptest::test_runner::{RngAlgorithm, TestRng};
        let mut rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
        move || rng.next_u64()
    }

    /// Every character XML 1.0 forbids starts with a byte `may_start_forbidden` holds for,
    /// and it holds for exactly the bytes below 0x20 and from 0xEF up.
    #[test]
    fn every_forbidden_character_starts_with_a_byte_looked_for() {
        let forbidden: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_forbidden_in_xml(c))
            .collect();
        assert_eq!(forbidden.len(), 31, "{forbidden:?}");
        for c in forbidden {
            let mut utf8 = [0; 4];
            let first = c.encode_utf8(&mut utf8).as_bytes()[0];
            assert!(may_start_forbidden(first), "U+{:04X}", u32::from(c));
        }
        for b in 0..=u8::MAX {
            assert_eq!(
                may_start_forbidden(b),
                !(0x20..0xEF).contains(&b),
                "{b:#04X}"
            );
        }
    }

    #[test]
    fn finds_forbidden_characters_at_every_offset() {
        // Every offset around the 32-byte blocks, with U+FFFE and U+FFFF also split across
        // two blocks; checked against the per-character definition.
        for at in 0..3 * WIDE + 2 {
            let lead = "a".repeat(at);
            for bad in ["\u{0}", "\u{B}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"] {
                let s = format!("{lead}{bad}b\u{0}");
                assert_eq!(first_forbidden_in_xml(&s), Some(at), "{s:?}");
                assert_eq!(
                    s.char_indices()
                        .find(|(_, c)| is_forbidden_in_xml(*c))
                        .map(|(i, _)| i),
                    Some(at)
                );
            }
            let allowed = format!("{lead}\u{FFFD}\u{F000}\u{EFBF}\t\n\r\u{7F}\u{85}é");
            assert_eq!(first_forbidden_in_xml(&allowed), None, "{allowed:?}");
            assert!(!allowed.chars().any(is_forbidden_in_xml));
        }
    }

    /// The first forbidden character as the per-character definition finds it.
    fn plain_first_forbidden(s: &str) -> Option<usize> {
        s.char_indices()
            .find(|&(_, c)| is_forbidden_in_xml(c))
            .map(|(i, _)| i)
    }

    /// Texts of many lengths made mostly of letters, with a few characters that are, that may
    /// start or that resemble forbidden ones (allowed controls, characters led by `0xEF`)
    /// anywhere, from a fixed pseudo-random sequence.
    #[test]
    fn finds_forbidden_characters_in_generated_texts() {
        let rare = [
            "\n", "\t", "\r", " ", "é", "’", "\u{0}", "\u{8}", "\u{1F}", "\u{FEFF}", "\u{EFBF}",
            "\u{FFFD}", "\u{FFFE}", "\u{FFFF}",
        ];
        let mut next = numbers();
        let mut found = 0;
        for _ in 0..3000 {
            let len = usize::try_from(next() % 400).unwrap_or_default();
            // From one rare character in two to one in about a thousand.
            let odds = 2 << (next() % 10);
            let text: String = (0..len)
                .map(|_| {
                    let n = next();
                    if n.is_multiple_of(odds) {
                        rare[usize::try_from((n >> 32) % 14).unwrap_or_default()]
                    } else {
                        "a"
                    }
                })
                .collect();
            let expect = plain_first_forbidden(&text);
            found += usize::from(expect.is_some());
            assert_eq!(first_forbidden_in_xml(&text), expect, "{text:?}");
        }
        assert!(found > 500, "{found} texts with a forbidden character");
    }

    /// From every start, in texts of every length around the blocks, with special bytes
    /// before the start, in whole blocks and in the last, shorter stretch.
    #[test]
    fn find_byte_finds_the_first_special_byte_from_any_start() {
        let special = |b: u8| b == b'#';
        for len in 0..100usize {
            for marks in [
                vec![],
                vec![0],
                vec![len / 2],
                vec![len.saturating_sub(1)],
                vec![3, len.saturating_sub(2)],
            ] {
                let text: Vec<u8> = (0..len)
                    .map(|i| if marks.contains(&i) { b'#' } else { b'x' })
                    .collect();
                for from in 0..=len + 1 {
                    let expect = text
                        .iter()
                        .enumerate()
                        .skip(from)
                        .find(|&(_, &b)| special(b))
                        .map(|(i, _)| i);
                    assert_eq!(
                        find_byte(&text, from, special),
                        expect,
                        "{len} {marks:?} {from}"
                    );
                }
            }
        }
    }

    /// Over generated texts of every length up to four blocks, with special bytes anywhere,
    /// many or few, `find_byte` finds from every start what testing each byte finds: in the
    /// blocks, and in every length of the last, shorter stretch.
    #[test]
    fn find_byte_finds_what_each_byte_finds_in_generated_texts() {
        let special = |b: u8| (b == b'#') | (b >= 0xF0);
        let mut next = numbers();
        let mut found = 0;
        for round in 0..2000 {
            let len = round % (4 * 32 + 2);
            // From one special byte in two to one in about five hundred.
            let odds = 2 << (next() % 9);
            let text: Vec<u8> = (0..len)
                .map(|_| match next() {
                    n if n % odds == 0 => [b'#', 0xF0, 0xFF][(n >> 32) as usize % 3],
                    n => [b'a', b' ', b'"', 0xEF][(n >> 40) as usize % 4],
                })
                .collect();
            for from in 0..=len + 1 {
                let expect = (from..len).find(|&i| special(text[i]));
                found += usize::from(expect.is_some());
                assert_eq!(find_byte(&text, from, special), expect, "{text:?} {from}");
            }
        }
        assert!(found > 20_000, "{found} searches found a byte");
    }
}
