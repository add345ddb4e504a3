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
    // An ASCII piece is put in lower case on the stack, without an allocation.
    let mut buffer = [0u8; MAX_RESIDUE];
    let owned: String;
    let lower = match buffer.get_mut(..piece.len()) {
        Some(bytes) if piece.is_ascii() => {
            bytes.copy_from_slice(piece.as_bytes());
            bytes.make_ascii_lowercase();
            std::str::from_utf8(bytes).unwrap_or_default()
        }
        _ => {
            owned = piece.to_lowercase();
            &owned
        }
    };
    let core = lower.trim_matches(|c: char| {
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
    });
    if core.is_empty() {
        return false;
    }
    let (whole, prefixes) = &*BY_FIRST_BYTE;
    if whole.opening(core).contains(&core)
        || prefixes.opening(core).iter().any(|p| core.starts_with(p))
    {
        return true;
    }
    is_counter(core)
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

    /// The entries that start with the first byte of `text`.
    fn opening(&self, text: &str) -> &[&'static str] {
        text.as_bytes()
            .first()
            .and_then(|&b| self.0.get(usize::from(b)))
            .map_or(&[], Vec::as_slice)
    }
}

fn is_counter(core: &str) -> bool {
    let (first, last) = (core.as_bytes().first(), core.as_bytes().last());
    COUNTERS.iter().any(|word| {
        let rest = if word.as_bytes().first() == first
            && let Some(rest) = core.strip_prefix(word)
        {
            rest
        } else if word.as_bytes().last() == last
            && let Some(rest) = core.strip_suffix(word)
        {
            rest
        } else {
            return false;
        };
        rest.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | ' ' | ':' | ',' | '.'))
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

/// Whether `line` reads as a section heading: at most 12 words and 100 characters, starts with
/// a capital or digit, no sentence-final full stop (questions are fine), and not a quotation.
pub(crate) fn is_heading_like(line: &str) -> bool {
    !longer_than(line, 100)
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
}
