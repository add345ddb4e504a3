//! The characters XML 1.0 forbids, which no record's text may hold: no feed or page could
//! carry them.

/// Whether XML 1.0 forbids `c` (its `Char` production): C0 controls other than tab, line
/// feed and carriage return, and U+FFFE and U+FFFF. Rust strings hold no surrogates.
pub fn is_forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The byte offset of the first character in `s` that XML 1.0 forbids, if any.
///
/// Each such character is one byte below 0x20 other than tab, line feed and carriage return,
/// or `EF BF BE` / `EF BF BF`. Blocks of 32 bytes are tested first with no branch per byte
/// (so with vector instructions), and only a block holding such a control byte or `0xEF` is
/// looked at closely: clean text costs a fraction of a cycle per byte.
pub fn first_forbidden_in_xml(s: &str) -> Option<usize> {
    const BLOCK: usize = 32;
    let bytes = s.as_bytes();
    let suspect = |b: u8| {
        let allowed_control = (b == b'\t') | (b == b'\n') | (b == b'\r');
        ((b < 0x20) & !allowed_control) | (b == 0xEF)
    };
    // Counted into a byte rather than folded into a `bool`: the compiler turns the count of
    // a fixed-size block into vector instructions.
    let any_suspect =
        |block: &[u8; BLOCK]| block.iter().fold(0u8, |n, &b| n | u8::from(suspect(b))) != 0;
    let forbidden_at = |at: usize| match bytes[at] {
        0xEF => matches!(bytes.get(at + 1..at + 3), Some([0xBF, 0xBE | 0xBF])),
        b => suspect(b),
    };
    let (blocks, tail) = bytes.as_chunks::<BLOCK>();
    for (i, block) in blocks.iter().enumerate() {
        let start = i * BLOCK;
        if any_suspect(block)
            && let Some(at) = (start..start + BLOCK).find(|&at| forbidden_at(at))
        {
            return Some(at);
        }
    }
    let start = blocks.len() * BLOCK;
    (start..start + tail.len()).find(|&at| forbidden_at(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_forbidden_characters_at_every_offset() {
        // Every offset around the 32-byte blocks, with U+FFFE and U+FFFF also split across
        // two blocks; checked against the per-character definition.
        for at in 0..100 {
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
}
