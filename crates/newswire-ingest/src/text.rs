//! Small text helpers the readers share: stray white space, sentences, shortening at a
//! boundary, and names or roles printed in capitals.

use newswire_model::find_byte;

use crate::diag::to_u32;

/// The ellipsis appended to text shortened at a word boundary.
pub(crate) const ELLIPSIS: char = '…';

/// A line with its stray white space removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CleanLine {
    /// The text: trimmed, tabs made spaces, runs of spaces collapsed to one.
    pub(crate) text: String,
    /// The 1-based column, in characters, where the text starts in the raw line.
    pub(crate) column: u32,
    /// The text's length in characters.
    pub(crate) length: u32,
}

fn is_stray_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// `text.split('\n')`: the lines of `text`, the last one whatever follows the last line
/// feed. The line feeds are found many bytes at a time.
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain([text.len()])
        .map(move |end| {
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// `text.split(sep)`, where `sep` holds only for ASCII bytes: the pieces are found a byte at a
/// time, which on texts as short as names and credits costs less than the character
/// searcher `str::split` builds for each text.
pub(crate) fn split_where(text: &str, sep: impl Fn(u8) -> bool) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let piece = rest?;
        match piece.bytes().position(&sep) {
            Some(i) => {
                rest = piece.get(i + 1..);
                piece.get(..i)
            }
            None => {
                rest = None;
                Some(piece)
            }
        }
    })
}

/// `s.rsplit(' ').next()`: the text after the last space, or all of `s`. The space is found
/// a byte at a time from the end, as the words searched are short.
pub(crate) fn after_last_space(s: &str) -> &str {
    match s.bytes().rposition(|b| b == b' ') {
        Some(i) => s.get(i + 1..).unwrap_or_default(),
        None => s,
    }
}

/// `text.split(' ')`, as [`split_where`] finds the pieces.
pub(crate) fn split_spaces(text: &str) -> impl Iterator<Item = &str> {
    split_where(text, |b| b == b' ')
}

/// `s` without stray white space at its start. A text that opens with printable ASCII, as
/// nearly every line does, has none: it is kept without decoding a character, by a test
/// made where the line is cleaned rather than in a call.
#[inline(always)]
fn trim_start_stray(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&b) if is_printable_ascii(b) => s,
        _ => trim_start_decoded(s),
    }
}

/// `s` without stray white space at its end, as [`trim_start_stray`] trims its start.
#[inline(always)]
fn trim_end_stray(s: &str) -> &str {
    match s.as_bytes().last() {
        Some(&b) if is_printable_ascii(b) => s,
        _ => trim_end_decoded(s),
    }
}

/// `s` without stray white space at its start, trimmed a character at a time: the rare
/// line [`trim_start_stray`] cannot keep as it is.
#[inline(never)]
fn trim_start_decoded(s: &str) -> &str {
    s.trim_start_matches(is_stray_space)
}

/// `s` without stray white space at its end, trimmed a character at a time: the rare line
/// [`trim_end_stray`] cannot keep as it is.
#[inline(never)]
fn trim_end_decoded(s: &str) -> &str {
    s.trim_end_matches(is_stray_space)
}

/// Whether `b` is a character of ASCII other than the controls and the space, none of them
/// stray white space.
fn is_printable_ascii(b: u8) -> bool {
    (b'!'..=b'~').contains(&b)
}

/// Cleans one raw line; `None` when it is blank.
pub(crate) fn clean_line(raw: &str) -> Option<CleanLine> {
    let start = trim_start_stray(raw);
    let trimmed = trim_end_stray(start);
    if trimmed.is_empty() {
        return None;
    }
    let column = to_u32(raw[..raw.len() - start.len()].chars().count()).saturating_add(1);
    let spaces = scan_spaces(trimmed);
    let (text, length) = if spaces.collapse {
        let text = collapse_spaces(trimmed);
        let length = char_len(&text);
        (text, length)
    } else {
        (trimmed.to_owned(), spaces.chars)
    };
    Some(CleanLine {
        text,
        column,
        length,
    })
}

/// [`clean_line`] of a line already in a `String`, which becomes the text, without a copy,
/// when it has no stray white space.
pub(crate) fn clean_owned(raw: String) -> Option<CleanLine> {
    let trimmed = trim_end_stray(trim_start_stray(&raw));
    if trimmed.len() == raw.len() {
        let spaces = scan_spaces(&raw);
        if !spaces.collapse {
            return (!raw.is_empty()).then_some(CleanLine {
                text: raw,
                column: 1,
                length: spaces.chars,
            });
        }
    }
    clean_line(&raw)
}

/// What [`scan_spaces`] finds in a text.
struct Spaces {
    /// Whether it holds a tab or two spaces in a row.
    collapse: bool,
    /// How many characters it has.
    chars: u32,
}

/// How many pairs of bytes [`scan_spaces`] tests at once.
const LANES: usize = 16;

/// Which lanes of the last, overlapping block of pairs are new: `LAST_LANES[t..][..LANES]` is 1
/// in the last `t` lanes only.
const LAST_LANES: [u8; 2 * LANES] = {
    let mut lanes = [0; 2 * LANES];
    let mut i = LANES;
    while i < 2 * LANES {
        lanes[i] = 1;
        i += 1;
    }
    lanes
};

/// Whether `s` holds a tab or two spaces in a row, and how many characters it has: one pass
/// over the pairs of bytes, tested a block at a time without branches. A character is a byte
/// that does not continue one (0x80 to 0xBF).
///
/// The blocks are not tested for the pair itself but for what any such pair needs: a byte
/// below 0x20 (a tab is one) or two bytes in a row neither above 0x20 (two spaces are). Each
/// lane keeps the least byte it saw and the least of the greater bytes of its pairs, a
/// minimum and a maximum or two a block where testing for a tab or two spaces took three
/// comparisons and as many logical operations. Text rarely has such bytes, and only text that
/// has them is looked through again, a pair at a time, for the pair itself.
fn scan_spaces(s: &str) -> Spaces {
    let b = s.as_bytes();
    let Some((&last, before)) = b.split_last() else {
        return Spaces {
            collapse: false,
            chars: 0,
        };
    };
    // The first byte of a text starts a character; the others are the `after` bytes.
    let after = &b[1..];
    let mut continuations = 0usize;
    let (Some(x_last), Some(y_last)) = (before.last_chunk::<LANES>(), after.last_chunk::<LANES>())
    else {
        // Shorter than a block: a byte at a time.
        let mut collapse = last == b'\t';
        for (&x, &y) in before.iter().zip(after) {
            collapse |= is_collapsed(x, y) != 0;
            continuations += usize::from(continues(y));
        }
        return Spaces {
            collapse,
            chars: to_u32(b.len() - continuations),
        };
    };
    // Each lane keeps its own tally, summed once for the text rather than once a block; a
    // lane's count of continuation bytes is a byte, so it is summed every 255 blocks.
    let mut low = Low {
        byte: [u8::MAX; LANES],
        pair: [u8::MAX; LANES],
    };
    let (before_blocks, _) = before.as_chunks::<LANES>();
    let (after_blocks, _) = after.as_chunks::<LANES>();
    for (xs, ys) in before_blocks.chunks(255).zip(after_blocks.chunks(255)) {
        let mut more = [0u8; LANES];
        for (x, y) in xs.iter().zip(ys) {
            scan_block(x, y, &[1; LANES], &mut low, &mut more);
        }
        continuations += lane_sum(more);
    }
    // The pairs after the last whole block: the last block of pairs, which overlaps pairs
    // already tested. A pair tested twice is found all the same; only the new lanes count.
    let tail = before.len() % LANES;
    if tail > 0 {
        let mut more = [0u8; LANES];
        let new = LAST_LANES[tail..]
            .first_chunk::<LANES>()
            .unwrap_or(&[0; LANES]);
        scan_block(x_last, y_last, new, &mut low, &mut more);
        continuations += lane_sum(more);
    }
    let maybe = low.byte.iter().any(|&x| x < b' ') || low.pair.iter().any(|&m| m <= b' ');
    Spaces {
        collapse: last == b'\t' || (maybe && has_collapsed_pair(before, after)),
        chars: to_u32(b.len() - continuations),
    }
}

/// The least bytes the lanes of [`scan_spaces`] saw.
struct Low {
    /// The least of the first bytes of the pairs.
    byte: [u8; LANES],
    /// The least of the greater bytes of the pairs.
    pair: [u8; LANES],
}

/// Whether a pair `before[i]`, `after[i]` is a tab or two spaces, tested a pair at a time.
#[inline(never)]
fn has_collapsed_pair(before: &[u8], after: &[u8]) -> bool {
    before
        .iter()
        .zip(after)
        .any(|(&x, &y)| is_collapsed(x, y) != 0)
}

/// 1 when the pair `x`, `y` is a tab or two spaces.
fn is_collapsed(x: u8, y: u8) -> u8 {
    u8::from((x == b'\t') | ((x == b' ') & (y == b' ')))
}

/// 1 when `y` continues a character.
fn continues(y: u8) -> u8 {
    u8::from((y & 0xC0) == 0x80)
}

/// Tests one block of pairs, counting continuation bytes in the lanes where `count` is 1.
#[inline(always)]
fn scan_block(
    x: &[u8; LANES],
    y: &[u8; LANES],
    count: &[u8; LANES],
    low: &mut Low,
    more: &mut [u8; LANES],
) {
    for k in 0..LANES {
        low.byte[k] = low.byte[k].min(x[k]);
        low.pair[k] = low.pair[k].min(x[k].max(y[k]));
        more[k] += continues(y[k]) & count[k];
    }
}

fn lane_sum(lanes: [u8; LANES]) -> usize {
    lanes.iter().map(|&n| usize::from(n)).sum()
}

/// Replaces tabs with spaces and runs of spaces with one.
pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Tabs and spaces are single bytes in UTF-8: the text between them is copied whole.
    let mut rest = s;
    while let Some(at) = rest.find([' ', '\t']) {
        out.push_str(&rest[..at]);
        out.push(' ');
        rest = rest[at..].trim_start_matches([' ', '\t']);
    }
    out.push_str(rest);
    out
}

/// The number of characters in `s`, as diagnostics count columns.
pub(crate) fn char_len(s: &str) -> u32 {
    to_u32(s.chars().count())
}

/// Whether `s` has more than `limit` space-separated words; stops counting early.
pub(crate) fn more_words_than(s: &str, limit: usize) -> bool {
    // A word starts at each byte other than a space that opens the text or follows a space;
    // they are counted a block of bytes at a time.
    const BLOCK: usize = 64;
    let b = s.as_bytes();
    let mut words = usize::from(b.first().is_some_and(|&x| x != b' '));
    let mut start = 1;
    while start < b.len() && words <= limit {
        let end = (start + BLOCK).min(b.len());
        let (before, at) = (&b[start - 1..end - 1], &b[start..end]);
        words += before
            .iter()
            .zip(at)
            .filter(|&(&p, &x)| (p == b' ') & (x != b' '))
            .count();
        start = end;
    }
    words > limit
}

/// Whether `s` has more than `limit` characters; stops counting early.
pub(crate) fn longer_than(s: &str, limit: usize) -> bool {
    // A character is at most four bytes: a text of more than four times `limit` bytes is
    // longer without counting.
    if s.len() <= limit {
        return false;
    }
    if s.len() / 4 > limit {
        return true;
    }
    // Text whose first `limit + 1` bytes are ASCII has at least that many characters.
    s.as_bytes().get(..=limit).is_some_and(<[u8]>::is_ascii) || s.chars().count() > limit
}

/// `s` without the ASCII `prefix`, compared without regard to ASCII case.
pub(crate) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    // Most texts differ at once: the first bytes rule them out without a full comparison.
    if let (Some(a), Some(b)) = (s.as_bytes().first(), prefix.as_bytes().first())
        && !a.eq_ignore_ascii_case(b)
    {
        return None;
    }
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `s` without the ASCII `suffix`, compared without regard to ASCII case.
pub(crate) fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    if let (Some(a), Some(b)) = (s.as_bytes().last(), suffix.as_bytes().last())
        && !a.eq_ignore_ascii_case(b)
    {
        return None;
    }
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..cut])
}

/// Words that end with a full stop without ending a sentence, in lower case and in byte order
/// (a binary search finds a word among them).
const ABBREVIATIONS: &[&str] = &[
    "adm", "approx", "apr", "aug", "ave", "blvd", "capt", "cmdr", "co", "col", "corp", "dec",
    "dept", "dr", "est", "etc", "feb", "fig", "ft", "gen", "gov", "hon", "inc", "jan", "jr", "jul",
    "jun", "lt", "ltd", "maj", "mar", "mr", "mrs", "ms", "mt", "nov", "oct", "prof", "rd", "rep",
    "rev", "sen", "sep", "sept", "sgt", "sr", "st", "univ", "vol", "vs",
];

/// The length of the longest of [`ABBREVIATIONS`], in bytes.
const LONGEST_ABBREVIATION: usize = 6;

/// Whether the word that ends `before` (just before a full stop) is an abbreviation or an
/// initial rather than the end of a sentence; `next` is the character after the space.
fn ends_with_abbreviation(before: &str, next: char) -> bool {
    let word = after_last_space(before);
    let word = word.trim_start_matches(['"', '\'', '“', '‘', '(', '[']);
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    // "No. 4" is a number; "said no." ends a sentence.
    if next.is_ascii_digit()
        && (word.eq_ignore_ascii_case("no") || word.eq_ignore_ascii_case("nos"))
    {
        return true;
    }
    is_abbreviation(word)
}

/// Whether `word` is one of [`ABBREVIATIONS`], compared without regard to ASCII case: put in
/// lower case on the stack, it is looked up by binary search rather than compared with each.
fn is_abbreviation(word: &str) -> bool {
    let mut lower = [0u8; LONGEST_ABBREVIATION];
    let Some(lower) = lower.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    ABBREVIATIONS
        .binary_search_by(|a| a.as_bytes().cmp(lower))
        .is_ok()
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn opens_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '«')
}

/// The byte index just past the first sentence of `s` that ends after byte `from`: after its
/// closing `.`, `!`, `?` or `…` and any closing quotes, when a new sentence follows or the
/// text ends there.
pub(crate) fn next_sentence_end(s: &str, from: usize) -> Option<usize> {
    s.get(from..)?;
    let mut at = from;
    while let Some((i, c)) = next_stop(s, at) {
        at = i + c.len_utf8();
        // Closing quotes and brackets are never full stops: skipping them here skips nothing
        // the search would stop at.
        let closed = s[at..].trim_start_matches(is_closing);
        let end = s.len() - closed.len();
        let mut after = s[end..].chars();
        match after.next() {
            None => return Some(end),
            Some(' ') => {}
            Some(_) => continue,
        }
        let Some(next) = after.next().filter(|&n| opens_sentence(n)) else {
            continue;
        };
        if c == '.' && ends_with_abbreviation(&s[..i], next) {
            continue;
        }
        return Some(end);
    }
    None
}

/// The first `.`, `!`, `?` or `…` in `s` at or after byte `from`, a character boundary, with
/// its byte index; found on bytes, a block at a time, without decoding the characters before
/// it.
fn next_stop(s: &str, from: usize) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let mut at = from;
    loop {
        let i = find_byte(b, at, |x| {
            (x == b'.') | (x == b'!') | (x == b'?') | (x == 0xE2)
        })?;
        match b[i] {
            b'.' => return Some((i, '.')),
            b'!' => return Some((i, '!')),
            b'?' => return Some((i, '?')),
            // 0xE2 opens a character; `…` is E2 80 A6.
            _ if b.get(i + 1..i + 3) == Some(&[0x80, 0xA6][..]) => return Some((i, '…')),
            _ => at = i + 1,
        }
    }
}

/// The first sentence of `s`, or all of it.
pub(crate) fn first_sentence(s: &str) -> &str {
    &s[..next_sentence_end(s, 0).unwrap_or(s.len())]
}

/// Whether `s` holds more than one sentence.
pub(crate) fn has_several_sentences(s: &str) -> bool {
    next_sentence_end(s, 0).is_some_and(|end| end < s.len())
}

/// Short words that lead into what follows them.
const DANGLING: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "that", "which", "who",
];

fn trim_dangling(s: &str) -> &str {
    s.trim_end_matches(|c: char| {
        c == ' ' || matches!(c, ',' | ';' | ':' | '–' | '—' | '-' | '(' | '“' | '‘')
    })
}

/// `s` shortened to at most `max` characters at a word boundary, with [`ELLIPSIS`] appended
/// when anything was cut. A single word longer than `max` is the only thing ever cut inside.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if !longer_than(s, max) {
        return s.to_owned();
    }
    let keep = max.saturating_sub(1);
    let cut_at = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
    let head = &s[..cut_at];
    let head = if s[cut_at..].starts_with(' ') {
        head
    } else {
        match head.rfind(' ') {
            Some(space) if space > 0 => &head[..space],
            _ => head,
        }
    };
    let mut head = trim_dangling(head);
    // A cut text should not end on a word that leads into the part cut off.
    while let Some((rest, last)) = head.rsplit_once(' ')
        && DANGLING.iter().any(|w| w.eq_ignore_ascii_case(last))
    {
        head = trim_dangling(rest);
    }
    let mut out = String::with_capacity(head.len() + ELLIPSIS.len_utf8());
    out.push_str(head);
    out.push(ELLIPSIS);
    out
}

/// `s` shortened to whole sentences of at most `max` characters in all, or when even the first
/// sentence is longer, at a word boundary with an ellipsis.
pub(crate) fn summarize(s: &str, max: usize) -> String {
    if !longer_than(s, max) {
        return s.to_owned();
    }
    let mut best = 0;
    let mut from = 0;
    while let Some(end) = next_sentence_end(s, from) {
        if longer_than(&s[..end], max) {
            break;
        }
        best = end;
        from = end;
    }
    if best > 0 {
        s[..best].to_owned()
    } else {
        shorten(s, max)
    }
}

/// Whether `s` is printed in capitals: at least two letters and none in lower case.
pub(crate) fn is_shouting(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Name particles written in lower case inside a name.
pub(crate) const PARTICLES: &[&str] = &[
    "van", "von", "de", "da", "der", "den", "du", "del", "della", "di", "dos", "das", "le", "la",
    "y", "bin", "ibn", "al", "ter", "ten", "zu",
];

pub(crate) fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// A name or role printed in capitals, written as people normally write it:
/// `JANE O'NEILL-MCCARTHY` becomes `Jane O'Neill-McCarthy`, `LUDWIG VAN DAM` becomes
/// `Ludwig van Dam`. `Mac` is left alone (`MACK` is not `MacK`).
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let words: Vec<&str> = s.split(' ').collect();
    let last = words.len().saturating_sub(1);
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if n > 0 && n < last && is_particle(&lower) {
            out.push_str(&lower);
            continue;
        }
        for (k, segment) in lower.split('-').enumerate() {
            if k > 0 {
                out.push('-');
            }
            title_segment(segment, &mut out);
        }
    }
    out
}

fn title_segment(segment: &str, out: &mut String) {
    // O'Neill, D'Arcy: one letter, an apostrophe, then a capital.
    let mut chars = segment.char_indices();
    if let (Some((_, first)), Some((i, '\'' | '’'))) = (chars.next(), chars.next())
        && first.is_alphabetic()
    {
        capitalize(&segment[..i], out);
        let apostrophe = &segment[i..];
        let mut rest = apostrophe.chars();
        if let Some(a) = rest.next() {
            out.push(a);
            capitalize(rest.as_str(), out);
        }
        return;
    }
    if let Some(rest) = segment.strip_prefix("mc")
        && rest.chars().count() >= 2
    {
        out.push_str("Mc");
        capitalize(rest, out);
        return;
    }
    capitalize(segment, out);
}

/// Pushes `s` with its first letter, and every letter after a full stop, in capitals.
fn capitalize(s: &str, out: &mut String) {
    let mut upper = true;
    for c in s.chars() {
        if upper && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
        if c == '.' {
            upper = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_clean(raw: &str, expect: Option<(&str, u32)>) {
        let got = clean_line(raw);
        assert_eq!(
            got.as_ref().map(|l| (l.text.as_str(), l.column)),
            expect,
            "{raw:?}"
        );
    }

    #[test]
    fn cleaning() {
        for (raw, expect) in [
            ("", None),
            ("  \t ", None),
            ("plain", Some(("plain", 1))),
            ("  two  spaces\tand tab  ", Some(("two spaces and tab", 3))),
            ("\u{a0}nbsp\u{a0}kept\u{a0}", Some(("nbsp\u{a0}kept", 2))),
            ("“quotes” — & < °", Some(("“quotes” — & < °", 1))),
        ] {
            check_clean(raw, expect);
        }
    }

    #[track_caller]
    fn check_first_sentence(s: &str, expect: &str) {
        assert_eq!(first_sentence(s), expect, "{s:?}");
    }

    #[test]
    fn sentences() {
        for (s, expect) in [
            ("One. Two.", "One."),
            (
                "Talks with U.S. envoys ended. Then rain.",
                "Talks with U.S. envoys ended.",
            ),
            ("Mr. Quill spoke. Then left.", "Mr. Quill spoke."),
            ("She said “no.” Then left.", "She said “no.”"),
            ("Is it? Yes.", "Is it?"),
            ("It cost 3.5 million. Fine.", "It cost 3.5 million."),
            ("J. R. Quill arrived. Late.", "J. R. Quill arrived."),
            ("Berth No. 4 reopened. Then rain.", "Berth No. 4 reopened."),
            ("no end at all", "no end at all"),
            ("lower. case follows", "lower. case follows"),
        ] {
            check_first_sentence(s, expect);
        }
    }

    #[track_caller]
    fn check_shorten(s: &str, max: usize, expect: &str) {
        let got = shorten(s, max);
        assert_eq!(got, expect, "{s:?} to {max}");
        assert!(got.chars().count() <= max);
    }

    #[test]
    fn shortening() {
        for (s, max, expect) in [
            ("short enough", 20, "short enough"),
            ("the quick brown fox jumps", 12, "the quick…"),
            ("fires, a flood and the closure", 22, "fires, a flood…"),
            ("the quick brown fox jumps", 10, "the quick…"),
            ("the quick, brown fox", 12, "the quick…"),
            ("unbreakableword", 6, "unbre…"),
            ("aé bé cé dé", 6, "aé bé…"),
        ] {
            check_shorten(s, max, expect);
        }
    }

    #[track_caller]
    fn check_summarize(s: &str, max: usize, expect: &str) {
        assert_eq!(summarize(s, max), expect, "{s:?} to {max}");
    }

    #[test]
    fn summaries() {
        for (s, max, expect) in [
            ("One two. Three four.", 100, "One two. Three four."),
            ("One two. Three four five.", 12, "One two."),
            ("One two three four five six.", 12, "One two…"),
        ] {
            check_summarize(s, max, expect);
        }
    }

    #[track_caller]
    fn check_title_case(s: &str, expect: &str) {
        assert_eq!(title_case(s), expect, "{s:?}");
    }

    #[test]
    fn capitals() {
        for (s, expect) in [
            ("JANE DOE", "Jane Doe"),
            ("ANNA O'NEILL-MCCARTHY", "Anna O'Neill-McCarthy"),
            ("LUDWIG VAN DAM", "Ludwig van Dam"),
            ("J.R. QUILL", "J.R. Quill"),
            ("D’ARCY MACK", "D’Arcy Mack"),
            ("STAFF WRITER", "Staff Writer"),
            ("ÉLODIE ÇA", "Élodie Ça"),
        ] {
            check_title_case(s, expect);
        }
        assert!(is_shouting("JANE DOE"));
        assert!(!is_shouting("Jane DOE"));
        assert!(!is_shouting("A"));
    }

    /// Expects the counting helpers to agree with their plain definitions on `s`, at every
    /// limit up to past its length, and at every place a sentence search may start.
    #[track_caller]
    fn check_counts(s: &str) {
        for limit in 0..s.len() + 3 {
            let words = s.split(' ').filter(|w| !w.is_empty()).nth(limit).is_some();
            assert_eq!(more_words_than(s, limit), words, "{s:?} words > {limit}");
            let chars = s.chars().nth(limit).is_some();
            assert_eq!(longer_than(s, limit), chars, "{s:?} chars > {limit}");
        }
        for (from, _) in s.char_indices() {
            assert_eq!(
                next_sentence_end(s, from),
                plain_sentence_end(s, from),
                "{s:?} from {from}"
            );
        }
        let expect = (s.contains('\t') || s.contains("  ")).then(|| {
            let mut out = String::new();
            let mut space = false;
            for c in s.chars() {
                let is_space = c == ' ' || c == '\t';
                if !(is_space && space) {
                    out.push(if is_space { ' ' } else { c });
                }
                space = is_space;
            }
            out
        });
        let spaces = scan_spaces(s);
        assert_eq!(spaces.collapse.then(|| collapse_spaces(s)), expect, "{s:?}");
        assert_eq!(spaces.chars, char_len(s), "{s:?}");
        if let Some(clean) = clean_line(s) {
            assert_eq!(clean.length, char_len(&clean.text), "{s:?}");
        }
        assert_eq!(
            clean_owned(s.to_owned()),
            clean_line(s),
            "{s:?} cleaned in place"
        );
    }

    /// [`next_sentence_end`] as a walk over every character.
    fn plain_sentence_end(s: &str, from: usize) -> Option<usize> {
        let mut iter = s.get(from..)?.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            let mut end = from + i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if !is_closing(d) {
                    break;
                }
                end = from + j + d.len_utf8();
                iter.next();
            }
            let mut after = s[end..].chars();
            match after.next() {
                None => return Some(end),
                Some(' ') => {}
                Some(_) => continue,
            }
            let Some(next) = after.next().filter(|&n| opens_sentence(n)) else {
                continue;
            };
            if c == '.' && ends_with_abbreviation(&s[..from + i], next) {
                continue;
            }
            return Some(end);
        }
        None
    }

    #[test]
    fn abbreviations_are_found_by_binary_search() {
        assert!(ABBREVIATIONS.is_sorted(), "in byte order");
        assert_eq!(
            ABBREVIATIONS.iter().map(|a| a.len()).max(),
            Some(LONGEST_ABBREVIATION)
        );
        let mut words: Vec<String> = ABBREVIATIONS.iter().map(|a| (*a).to_owned()).collect();
        words.extend(ABBREVIATIONS.iter().map(|a| a.to_ascii_uppercase()));
        words.extend(ABBREVIATIONS.iter().map(|a| format!("{a}s")));
        words.extend(ABBREVIATIONS.iter().map(|a| a[1..].to_owned()));
        words.extend(
            [
                "",
                "a",
                "Approxi",
                "approx",
                "SePt",
                "mé",
                "dé",
                "Mr",
                "mR",
                "ms.",
                "xyz",
                "zz",
                "é",
                "é".repeat(3).as_str(),
            ]
            .map(str::to_owned),
        );
        for word in &words {
            assert_eq!(
                is_abbreviation(word),
                ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)),
                "{word:?}"
            );
        }
    }

    /// [`scan_spaces`] on texts long enough for its lanes to be summed more than once, with
    /// the pair it looks for at either end.
    #[test]
    fn spaces_scanned_in_long_texts() {
        for len in [
            255 * LANES - 2,
            255 * LANES + 1,
            255 * LANES + 7,
            600 * LANES + 5,
        ] {
            let body = "é".repeat(len / 2) + &"x".repeat(len % 2);
            for s in [
                body.clone(),
                format!("  {body}"),
                format!("{body}  "),
                format!("{body}\t"),
                format!("{body}\tx"),
            ] {
                let spaces = scan_spaces(&s);
                assert_eq!(spaces.chars, char_len(&s), "{} bytes", s.len());
                assert_eq!(
                    spaces.collapse,
                    s.contains('\t') || s.contains("  "),
                    "{} bytes",
                    s.len()
                );
            }
        }
    }

    /// Over generated texts of up to a few blocks, mostly words with now and then a tab, two
    /// spaces, a byte below or at 0x20 or a character beyond ASCII, [`scan_spaces`] finds what
    /// the plain definition says: whether the text holds a tab or two spaces in a row, and
    /// its count of characters.
    #[test]
    fn spaces_scanned_as_plainly_defined() {
        const PIECES: &[&str] = &[
            "word", " ", "a", "é", "—", "🚢", "\t", "  ", "\u{1}", "\u{1f}", "!", "\u{a0}",
            "\u{85}", "\n", "\r", "\u{7f}", "\u{ff}", " \u{1f}", "\u{1f} ", "\t ", " \t",
        ];
        let mut next = crate::tests::numbers();
        let (mut collapse, mut kept) = (0, 0);
        for _ in 0..100_000 {
            let mut s = String::new();
            for _ in 0..next() % 40 {
                // Mostly words and single spaces, as in text, and now and then any piece.
                s.push_str(PIECES[[0, 2, 3, 4, 5, 10][next() % 6]]);
                if !next().is_multiple_of(4) {
                    s.push(' ');
                }
                if next().is_multiple_of(16) {
                    s.push_str(PIECES[next() % PIECES.len()]);
                }
            }
            let spaces = scan_spaces(&s);
            let expect = s.contains('\t') || s.contains("  ");
            assert_eq!(spaces.collapse, expect, "{s:?}");
            assert_eq!(spaces.chars, char_len(&s), "{s:?}");
            collapse += usize::from(expect);
            kept += usize::from(!expect);
        }
        assert!(collapse > 10_000, "{collapse} texts to collapse");
        assert!(kept > 10_000, "{kept} texts kept");
    }

    /// [`clean_line`] as plainly defined: trimmed a character at a time, then collapsed.
    fn clean_line_plain(raw: &str) -> Option<CleanLine> {
        let start = raw.trim_start_matches(is_stray_space);
        let trimmed = start.trim_end_matches(is_stray_space);
        if trimmed.is_empty() {
            return None;
        }
        let text = if trimmed.contains('\t') || trimmed.contains("  ") {
            collapse_spaces(trimmed)
        } else {
            trimmed.to_owned()
        };
        Some(CleanLine {
            column: char_len(&raw[..raw.len() - start.len()]) + 1,
            length: char_len(&text),
            text,
        })
    }

    /// Over generated lines that open and end with any character of ASCII or a space beyond
    /// it, [`clean_line`] and [`clean_owned`] clean as the plain definition does.
    #[test]
    fn lines_cleaned_as_plainly_defined() {
        const ENDS: &[&str] = &[
            "\u{a0}", "\u{85}", "\u{feff}", "\u{2028}", "\u{3000}", "\u{200b}", "é", "—",
        ];
        // Any character of ASCII, or one of `ENDS`, chosen by `n`.
        let push_end = |raw: &mut String, n: usize| match n % (128 + ENDS.len()) {
            c @ 0..128 => raw.push(char::from(c as u8)),
            c => raw.push_str(ENDS[c - 128]),
        };
        let mut next = crate::tests::numbers();
        let mut blank = 0;
        for _ in 0..100_000 {
            let mut raw = String::new();
            let (open, close) = (next() % 3, next() % 3);
            for _ in 0..open {
                push_end(&mut raw, next());
            }
            raw.push_str(["", "x", "a word", "two  words", "é\tè"][next() % 5]);
            for _ in 0..close {
                push_end(&mut raw, next());
            }
            let expect = clean_line_plain(&raw);
            assert_eq!(clean_line(&raw), expect, "{raw:?}");
            assert_eq!(clean_owned(raw.clone()), expect, "{raw:?} cleaned in place");
            blank += usize::from(expect.is_none());
        }
        assert!(blank > 1_000, "{blank} blank lines");
    }

    #[test]
    fn pieces_split_as_str_split_does() {
        for text in [
            "",
            " ",
            "  ",
            "a",
            " a",
            "a ",
            "a b",
            "a  b ",
            "é è,ê;ë",
            ",",
            ";a,",
            "a,,b;;c",
            "Ada Quill, Bo Renn; and Cy",
            "— « » —",
        ] {
            assert_eq!(
                Some(after_last_space(text)),
                text.rsplit(' ').next(),
                "{text:?}"
            );
            assert_eq!(
                split_spaces(text).collect::<Vec<_>>(),
                text.split(' ').collect::<Vec<_>>(),
                "{text:?}"
            );
            assert_eq!(
                split_where(text, |b| b == b',' || b == b';').collect::<Vec<_>>(),
                text.split([',', ';']).collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn lines_split_as_str_split_does() {
        let long = "é line\n".repeat(40) + "tail";
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "\n\nb",
            "one\ntwo\r\n\nthree\n\n",
            long.as_str(),
        ] {
            assert_eq!(
                split_lines(text).collect::<Vec<_>>(),
                text.split('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn counting_agrees_with_the_plain_definitions() {
        let long = "word ".repeat(70) + &"é".repeat(130);
        for s in [
            "",
            " ",
            "   ",
            "one",
            " one  two ",
            "a\tb  c",
            "\u{a0}nbsp\u{a0}kept",
            "é è ê ë",
            "“Quoted,” she said… Then “left.” (Again.) Why? No!",
            "Mr. Quill arrived. J. R. Quill left… “Late.” Then rain.",
            "…” ‘— ’…",
            "\u{2026}\u{2026}. \u{2028}x",
            long.as_str(),
        ] {
            check_counts(s);
        }
        // A pair of spaces, a tab or a character beyond ASCII on each side of the 32-byte
        // blocks of the pair test.
        for at in 0..70 {
            let lead = "a b".repeat(at / 3) + &"c".repeat(at % 3);
            for s in [
                format!("{lead}  d"),
                format!("{lead}\t"),
                format!("{lead}\td"),
                format!("{lead} d e"),
                format!("{lead}é—🚢 d"),
            ] {
                check_counts(&s);
            }
        }
    }
}
