//! Telling lines apart: page residue left by scraping, title-like lines (headlines) and
//! section headings.

use std::sync::LazyLock;

use crate::text::{has_several_sentences, longer_than, more_words_than};

/// Whole lines that scraping leaves behind, compared in lower case without surrounding
/// punctuation.
#[rustfmt::skip]
const RESIDUE: &[&str] = &[
    "comments", "comment", "no comments", "view comments", "show comments", "hide comments",
    "leave a comment", "add a comment", "post a comment", "join the conversation", "share",
    "share this", "share this article", "share this story", "share this post", "share this page",
    "share article", "share story", "tweet", "email", "e-mail", "print", "print this article",
    "print this page", "advertisement", "advertising", "ad", "sponsored", "sponsored content",
    "read more", "continue reading", "see more", "show more", "load more", "more stories",
    "related", "related articles", "related stories", "related content", "recommended",
    "most read", "most popular", "trending", "sign up for our newsletter", "subscribe",
    "subscribe now", "subscribe to our newsletter", "sign up", "log in", "sign in", "back to top",
    "skip to content", "skip to main content", "listen to this article", "copy link",
    "link copied", "save", "save article", "bookmark", "follow us", "facebook", "twitter", "x",
    "linkedin", "whatsapp", "reddit", "pinterest", "telegram", "reprints", "gift this article",
    "story continues below advertisement", "article continues below advertisement",
    "scroll to continue", "scroll to continue with content", "close", "menu",
];

/// Line openings that make a short line residue.
#[rustfmt::skip]
const RESIDUE_PREFIXES: &[&str] = &[
    "share on ", "share to ", "share via ", "share this ", "follow us on ", "sign up for ",
    "sign up to ", "subscribe to ", "subscribe for ", "read more:", "read more at ",
    "read more on ", "read next:", "read also:", "also read:", "see also:", "related:",
    "click here", "tap here", "advertisement ", "story continues below", "article continues below",
    "continue reading", "listen to this article", "download the app", "get the app", "tags:",
    "topics:", "filed under:", "©", "copyright ©", "(c) 20",
];

/// Words that, with a number, make a counter: `Comments (14)`, `14 comments`, `Shares: 3`.
#[rustfmt::skip]
const COUNTERS: &[&str] = &[
    "comments", "comment", "shares", "share", "likes", "views", "reactions", "replies",
];

/// Whether `line` is page residue: comment counters, share prompts, "Advertisement" and the
/// like. Such a line is never article text.
pub(crate) fn is_residue(line: &str) -> bool {
    if line.len() > MAX_RESIDUE {
        return false;
    }
    if line.contains('|') {
        let mut pieces = line.split('|').map(str::trim).filter(|p| !p.is_empty());
        let mut any = false;
        let all = pieces.all(|p| {
            any = true;
            is_residue_piece(p)
        });
        return any && all;
    }
    is_residue_piece(line)
}

/// The longest piece [`is_residue`] looks at, in bytes.
const MAX_RESIDUE: usize = 100;

fn is_residue_piece(piece: &str) -> bool {
    if piece.is_ascii() {
        // Most pieces: trimmed byte by byte and compared ignoring ASCII case, so nothing is
        // copied or put in lower case.
        let bytes = piece.as_bytes();
        let start = bytes.iter().position(|&b| !is_trimmed_byte(b));
        let end = bytes.iter().rposition(|&b| !is_trimmed_byte(b));
        return match (start, end) {
            (Some(start), Some(end)) => bytes.get(start..=end).is_some_and(is_residue_core),
            _ => false,
        };
    }
    // Trimming before lowering gives the same core: a trimmed character is its own lower
    // case, and no other character lowers to one (the tests go through every character). The
    // core is lowered character by character on the stack; that differs from
    // `str::to_lowercase` only in a final sigma, which no entry holds.
    let core = piece.trim_matches(is_trimmed);
    let mut buffer = [0u8; LOWERED];
    // Most such cores are ASCII around a few characters that are their own lower case (curly
    // quotes, dashes, `©`): those keep their bytes, and the ASCII ones are lowered in place,
    // many at a time, rather than every character looked up.
    if core.chars().all(|c| c.is_ascii() || is_own_lower_case(c))
        && let Some(lowered) = buffer.get_mut(..core.len())
    {
        lowered.copy_from_slice(core.as_bytes());
        lowered.make_ascii_lowercase();
        return is_residue_core(lowered);
    }
    let mut len = 0;
    for c in core.chars().flat_map(char::to_lowercase) {
        let end = len + c.len_utf8();
        match buffer.get_mut(len..end) {
            Some(slot) => c.encode_utf8(slot),
            None => return is_residue_core(core.to_lowercase().as_bytes()),
        };
        len = end;
    }
    buffer.get(..len).is_some_and(is_residue_core)
}

/// Whether `c` lowers to itself alone.
fn is_own_lower_case(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

/// Room for a lowered piece: lowering a character at most adds half its length.
const LOWERED: usize = MAX_RESIDUE * 3 / 2;

/// The characters trimmed from a piece before it is compared.
fn is_trimmed(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ':'
                | '»'
                | '›'
                | '→'
                | '>'
                | '<'
                | '«'
                | '‹'
                | '←'
                | '•'
                | '·'
                | '*'
                | '#'
                | '['
                | ']'
                | '-'
                | '–'
                | '—'
        )
}

/// [`is_trimmed`] for an ASCII byte.
fn is_trimmed_byte(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b'\n'
            | 0x0B
            | 0x0C
            | b'\r'
            | b'.'
            | b':'
            | b'>'
            | b'<'
            | b'*'
            | b'#'
            | b'['
            | b']'
            | b'-'
    )
}

/// Whether a trimmed piece is residue once in lower case (an empty one is not): `core` is
/// either in lower case or ASCII, and every entry is in lower case, so ignoring ASCII case
/// compares it as lowered. Most pieces are headlines, bylines and headings that [`SCREEN`]
/// rules out from their first two bytes, their last byte and their length, without a
/// comparison.
fn is_residue_core(core: &[u8]) -> bool {
    SCREEN.may_match(core) && matches_lists(core)
}

/// Whether `core`, as [`is_residue_core`] takes it, is an entry of [`RESIDUE`], opens with
/// one of [`RESIDUE_PREFIXES`] or is a counter: compared with the lists.
fn matches_lists(core: &[u8]) -> bool {
    let Some(first) = core.first().map(u8::to_ascii_lowercase) else {
        return false;
    };
    let (whole, prefixes) = &*BY_FIRST_BYTE;
    whole
        .opening(first)
        .iter()
        .any(|w| core.eq_ignore_ascii_case(w.as_bytes()))
        || prefixes
            .opening(first)
            .iter()
            .any(|p| starts_with_ignoring_case(core, p))
        || is_counter(core)
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
fn starts_with_ignoring_case(text: &[u8], prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// [`RESIDUE`] and [`RESIDUE_PREFIXES`] by first byte.
static BY_FIRST_BYTE: LazyLock<(ByFirstByte, ByFirstByte)> = LazyLock::new(|| {
    (
        ByFirstByte::new(RESIDUE),
        ByFirstByte::new(RESIDUE_PREFIXES),
    )
});

/// The entries of a list (none of them empty) by their first byte: an entry that is, or
/// opens, a text starts with the text's first byte, so a text is compared only with the
/// entries that open as it does.
struct ByFirstByte(Vec<Vec<&'static str>>);

impl ByFirstByte {
    fn new(list: &[&'static str]) -> ByFirstByte {
        let mut buckets = vec![Vec::new(); 256];
        for entry in list {
            if let Some(bucket) = entry
                .as_bytes()
                .first()
                .and_then(|&b| buckets.get_mut(usize::from(b)))
            {
                bucket.push(*entry);
            }
        }
        ByFirstByte(buckets)
    }

    /// The entries that start with `byte`.
    fn opening(&self, byte: u8) -> &[&'static str] {
        self.0.get(usize::from(byte)).map_or(&[], Vec::as_slice)
    }
}

/// What the lists allow of a core by its first two bytes, its last byte and its length: an
/// entry of [`RESIDUE`] has the core's first bytes and length, an entry of
/// [`RESIDUE_PREFIXES`] its first bytes and at most its length, and a counter opens with a
/// counter word or a byte of its number and ends with one or the other. The bytes are taken in
/// ASCII lower case, as the lists compare them.
struct Screen {
    /// Bit `256 * a + b` is set when an entry of any list opens with the bytes `a`, `b`, or `a`
    /// may open a counter's number.
    pairs: [u64; 1024],
    /// By first byte: bit `n` is set when an entry of [`RESIDUE`] of `n` bytes opens with it.
    lengths: [u64; 256],
    /// By first byte: the length of the shortest entry of [`RESIDUE_PREFIXES`] that opens
    /// with it; `usize::MAX` when none does.
    shortest_prefix: [usize; 256],
    /// The bytes a counter can open with.
    counter_first: [bool; 256],
    /// The bytes a counter can end with.
    counter_last: [bool; 256],
}

/// The screen of the lists, made as the program is compiled.
static SCREEN: Screen = Screen::new();

impl Screen {
    /// The screen of [`RESIDUE`], [`RESIDUE_PREFIXES`] and [`COUNTERS`].
    const fn new() -> Screen {
        let mut screen = Screen {
            pairs: [0; 1024],
            lengths: [0; 256],
            shortest_prefix: [usize::MAX; 256],
            counter_first: [false; 256],
            counter_last: [false; 256],
        };
        let mut i = 0;
        while i < RESIDUE.len() {
            let entry = RESIDUE[i].as_bytes();
            assert!(!entry.is_empty() && entry.len() < 64);
            screen.lengths[entry[0] as usize] |= 1 << entry.len();
            // An entry of one byte is only ever a core of one byte, which is not screened by
            // its first two.
            if entry.len() > 1 {
                screen.add_pair(entry[0], entry[1]);
            }
            i += 1;
        }
        let mut i = 0;
        while i < RESIDUE_PREFIXES.len() {
            let entry = RESIDUE_PREFIXES[i].as_bytes();
            assert!(entry.len() > 1);
            let shortest = &mut screen.shortest_prefix[entry[0] as usize];
            if entry.len() < *shortest {
                *shortest = entry.len();
            }
            screen.add_pair(entry[0], entry[1]);
            i += 1;
        }
        let mut i = 0;
        while i < COUNTERS.len() {
            let word = COUNTERS[i].as_bytes();
            assert!(word.len() > 1);
            screen.counter_first[word[0] as usize] = true;
            screen.counter_last[word[word.len() - 1] as usize] = true;
            screen.add_pair(word[0], word[1]);
            i += 1;
        }
        let mut a = 0;
        while a < 256 {
            if is_count_byte(a as u8) {
                screen.counter_first[a] = true;
                screen.counter_last[a] = true;
                let mut b = 0;
                while b < 256 {
                    screen.add_pair(a as u8, b as u8);
                    b += 1;
                }
            }
            a += 1;
        }
        screen
    }

    /// Marks `a`, `b` as first bytes a core may have.
    const fn add_pair(&mut self, a: u8, b: u8) {
        let bit = (a as usize) << 8 | b as usize;
        self.pairs[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether `core` may be residue; when not, no list matches it.
    fn may_match(&self, core: &[u8]) -> bool {
        let (Some(first), Some(last)) = (core.first(), core.last()) else {
            return false;
        };
        let first = usize::from(first.to_ascii_lowercase());
        if let Some(second) = core.get(1) {
            let bit = first << 8 | usize::from(second.to_ascii_lowercase());
            if self.pairs[bit / 64] >> (bit % 64) & 1 == 0 {
                return false;
            }
        }
        let len = core.len();
        (len < 64 && (self.lengths[first] >> len) & 1 == 1)
            || len >= self.shortest_prefix[first]
            || (self.counter_first[first]
                && self.counter_last[usize::from(last.to_ascii_lowercase())])
    }
}

/// Whether `b` may stand beside a counter word: a digit, a bracket, a space or a mark
/// between them.
const fn is_count_byte(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'(' | b')' | b' ' | b':' | b',' | b'.')
}

/// Whether `core`, as [`is_residue_core`] takes it, is a counter word with a number.
fn is_counter(core: &[u8]) -> bool {
    let first = core.first().map(u8::to_ascii_lowercase);
    let last = core.last().map(u8::to_ascii_lowercase);
    COUNTERS.iter().any(|word| {
        let word = word.as_bytes();
        let rest = if word.first() == first.as_ref()
            && let Some((head, rest)) = core.split_at_checked(word.len())
            && head.eq_ignore_ascii_case(word)
        {
            rest
        } else if word.last() == last.as_ref()
            && let Some((rest, tail)) = core
                .len()
                .checked_sub(word.len())
                .and_then(|at| core.split_at_checked(at))
            && tail.eq_ignore_ascii_case(word)
        {
            rest
        } else {
            return false;
        };
        rest.iter().all(|&b| is_count_byte(b))
    })
}

/// Marks that end a sentence, or a clause that goes on: a line ending with one is not a
/// title.
fn ends_like_a_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', ',', ';', ':', '…'])
}

/// Whether `line` reads as a headline: at most 15 words and 120 characters, no
/// sentence-final full stop (a question mark is fine), starts with a capital, digit or quote.
pub(crate) fn is_title_like(line: &str) -> bool {
    reads_as_title(line, 120, 15)
}

/// Whether `line`, followed by a byline, reads as a headline: as [`is_title_like`], up to
/// 300 characters and 40 words, since a byline under it leaves no doubt that it is one,
/// however long.
pub(crate) fn is_title_like_over_byline(line: &str) -> bool {
    reads_as_title(line, 300, 40)
}

/// The most characters a section heading holds.
pub(crate) const HEADING_MAX_CHARS: usize = 100;

fn reads_as_title(line: &str, max_chars: usize, max_words: usize) -> bool {
    !longer_than(line, max_chars)
        && !more_words_than(line, max_words)
        && !ends_like_a_sentence(line)
        && line.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '“' | '‘')
        })
        && line.chars().any(char::is_alphabetic)
        && !has_several_sentences(line)
}

/// Whether `line` reads as a section heading: at most 12 words and [`HEADING_MAX_CHARS`]
/// characters, starts with a capital or digit, no sentence-final full stop (questions are
/// fine), and not a quotation.
pub(crate) fn is_heading_like(line: &str) -> bool {
    !longer_than(line, HEADING_MAX_CHARS)
        && !more_words_than(line, 12)
        && !ends_like_a_sentence(line)
        && !line.ends_with(['"', '\'', '”', '’', '»'])
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && line.chars().any(char::is_alphabetic)
        && !has_several_sentences(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(line: &str, residue: bool, title: bool, heading: bool) {
        let got = (is_residue(line), is_title_like(line), is_heading_like(line));
        assert_eq!(got, (residue, title, heading), "{line:?}");
    }

    #[test]
    fn lines() {
        for (line, residue, title, heading) in [
            ("Comments ()", true, true, true),
            ("Comments (14)", true, true, true),
            ("14 Comments", true, true, true),
            ("COMMENTS", true, true, true),
            ("Share this article", true, true, true),
            ("Share on Facebook", true, true, true),
            ("Share | Tweet | Email", true, true, true),
            ("Print", true, true, true),
            ("Advertisement", true, true, true),
            ("— Advertisement —", true, false, false),
            ("Read more: Ferry fares rise again", true, true, true),
            ("Sign up for our newsletter", true, true, true),
            ("Read more", true, true, true),
            ("Tags: harbour, ferries", true, true, true),
            (
                "© 2026 Harbour Ledger. All rights reserved.",
                true,
                false,
                false,
            ),
            ("Comments from the mayor followed", false, true, true),
            ("Harbour lights return to Port Wren", false, true, true),
            ("What happens next?", false, true, true),
            ("The quay reopened on Friday.", false, false, false),
            ("“We will rebuild,” she said", false, true, false),
            ("“We will rebuild”", false, true, false),
            ("the fragment goes on", false, false, false),
            ("What we know:", false, false, false),
            ("Rain fell. Roads closed", false, false, false),
            ("2026 in numbers", false, true, true),
            ("Timeline (2019–2026)", false, true, true),
            (
                "This line has far too many words to be a heading of any kind at all here",
                false,
                false,
                false,
            ),
        ] {
            check(line, residue, title, heading);
        }
    }

    /// What [`is_residue_piece`] means: the piece in lower case, trimmed, compared with the
    /// lists.
    fn is_residue_piece_plain(piece: &str) -> bool {
        let lower = piece.to_lowercase();
        let core = lower.trim_matches(is_trimmed);
        if core.is_empty() {
            return false;
        }
        if RESIDUE.contains(&core) || RESIDUE_PREFIXES.iter().any(|p| core.starts_with(p)) {
            return true;
        }
        COUNTERS.iter().any(|word| {
            core.strip_prefix(word)
                .or_else(|| core.strip_suffix(word))
                .is_some_and(|rest| {
                    rest.chars().all(|c| {
                        c.is_ascii_digit() || matches!(c, '(' | ')' | ' ' | ':' | ',' | '.')
                    })
                })
        })
    }

    /// What lets [`is_residue_piece`] trim before lowering and lower on the stack, over every
    /// character: a trimmed character lowers to itself, no other lowers to a trimmed one, and
    /// none grows by more than half; [`is_trimmed_byte`] is [`is_trimmed`] on ASCII.
    #[test]
    fn lowering_keeps_what_is_trimmed() {
        for c in '\0'..=char::MAX {
            let lower: Vec<char> = c.to_lowercase().collect();
            if is_trimmed(c) {
                assert_eq!(lower, [c], "{c:?}");
            } else {
                assert!(!lower.iter().any(|&l| is_trimmed(l)), "{c:?}");
            }
            let lowered: usize = lower.iter().map(|l| l.len_utf8()).sum();
            assert!(lowered * 2 <= c.len_utf8() * 3, "{c:?}");
        }
        for b in 0..=127u8 {
            assert_eq!(is_trimmed_byte(b), is_trimmed(char::from(b)), "{b:#04X}");
        }
        for entry in RESIDUE.iter().chain(RESIDUE_PREFIXES).chain(COUNTERS) {
            assert_eq!(entry.to_lowercase(), *entry);
        }
    }

    /// Over generated cores near the lists' entries (entries in any case, cut short, run on,
    /// with a byte changed, counters with numbers on either side) and far from them,
    /// [`is_residue_core`] tells what comparing with the lists tells: [`SCREEN`] rules out no
    /// core they match.
    #[test]
    fn screen_rules_out_only_what_the_lists_do() {
        const BYTES: &[u8] = b"aAcCsSeEtTxX09 (),.:-#|\xC2\xA9\xC3\xA9\x80";
        let mut next = crate::tests::numbers();
        let (mut residue, mut screened) = (0, 0);
        for _ in 0..300_000 {
            let lists = [RESIDUE, RESIDUE_PREFIXES, COUNTERS];
            let list = lists[next() % lists.len()];
            let entry = list[next() % list.len()].as_bytes();
            let mut core: Vec<u8> = match next() % 4 {
                0 => entry[..next() % (entry.len() + 1)].to_vec(),
                _ => entry.to_vec(),
            };
            for _ in 0..next() % 3 {
                match next() % 5 {
                    0 => core.push(BYTES[next() % BYTES.len()]),
                    1 => core.insert(0, BYTES[next() % BYTES.len()]),
                    2 => {
                        let tail = ["14", " (3)", ": 2,000", "."][next() % 4];
                        core.extend_from_slice(tail.as_bytes());
                    }
                    3 => {
                        let head = ["14 ", "(3) ", "2"][next() % 3];
                        core = [head.as_bytes(), &core].concat();
                    }
                    _ => {
                        if let Some(b) = core.get_mut(next() % entry.len().max(1)) {
                            *b = BYTES[next() % BYTES.len()];
                        }
                    }
                }
            }
            if next().is_multiple_of(8) {
                core = (0..next() % 70)
                    .map(|_| BYTES[next() % BYTES.len()])
                    .collect();
            }
            for b in &mut core {
                if next().is_multiple_of(2) {
                    b.make_ascii_uppercase();
                }
            }
            let expect = matches_lists(&core);
            let shown = String::from_utf8_lossy(&core);
            assert_eq!(is_residue_core(&core), expect, "{shown:?}");
            residue += usize::from(expect);
            screened += usize::from(!SCREEN.may_match(&core));
        }
        assert!(residue > 30_000, "{residue} cores residue");
        assert!(screened > 30_000, "{screened} cores screened out");
    }

    /// Over generated pieces, ASCII and not, made of entries of the lists in any case, numbers,
    /// trimmed characters and characters whose lower case is unusual, [`is_residue_piece`]
    /// tells what [`is_residue_piece_plain`] tells.
    #[test]
    fn residue_pieces_as_plainly_defined() {
        const ODD: &[&str] = &[
            "K",
            "\u{212A}",
            "\u{130}",
            "\u{3A3}",
            "\u{3C3}",
            "\u{3C2}",
            "\u{23A}",
            "\u{1E9E}",
            "É",
            "é",
            "©",
            "\u{A0}",
            "\u{85}",
            "\u{B}",
            "\u{2028}",
            "»",
            "—",
            "•",
            "·",
            "(",
            ")",
            ",",
            ":",
            ".",
            " ",
            "-",
            "#",
            "x",
            "Ünïcödé",
            "I",
            "S",
        ];
        let mut next = crate::tests::numbers();
        let mut residue = 0;
        for _ in 0..300_000 {
            let mut piece = String::new();
            for _ in 0..next() % 5 {
                let part = match next() % 8 {
                    0..=2 => {
                        let lists = [RESIDUE, RESIDUE_PREFIXES, COUNTERS];
                        let list = lists[next() % lists.len()];
                        list[next() % list.len()]
                    }
                    3 => ["1", "14", "(3)", "2026"][next() % 4],
                    _ => ODD[next() % ODD.len()],
                };
                for c in part.chars() {
                    match next() % 4 {
                        0 => piece.extend(c.to_uppercase()),
                        1 if c == 'k' => piece.push('\u{212A}'),
                        _ => piece.push(c),
                    }
                }
            }
            if piece.len() > MAX_RESIDUE {
                continue;
            }
            let expect = is_residue_piece_plain(&piece);
            assert_eq!(is_residue_piece(&piece), expect, "{piece:?}");
            residue += usize::from(expect);
        }
        assert!(residue > 10_000, "{residue} pieces residue");
    }
}
