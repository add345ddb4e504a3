//! The record: one article as every output sees it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{AbsoluteUrl, LanguageTag, Slug, Timestamp, may_start_forbidden};

/// Version of the record format; bumped on any change a partner could notice.
pub const RECORD_FORMAT_VERSION: &str = "1";

/// One news article, fully resolved: the single source of every output format.
///
/// Everything here is explicit: ids and URLs are computed once, when the record is made, so
/// every format uses the same values and a rebuild of an unchanged article gives the same
/// record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The stable id every format uses as its guid, id or uri: the canonical URL, or an
    /// RFC 4151 `tag:` URI when the channel asks for one.
    pub id: String,
    /// The article's slug, unique within its channel.
    pub slug: Slug,
    /// The canonical URL of the article's page.
    pub url: AbsoluteUrl,
    /// The headline, never empty and never cut mid-word.
    pub headline: String,
    /// A summary: the lead without its dateline, shortened at a sentence or word boundary.
    pub description: String,
    /// When the article was first published, with its UTC offset.
    pub published: Timestamp,
    /// When the article was last changed, if ever; never before `published`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Timestamp>,
    /// The language of the article.
    pub language: LanguageTag,
    /// The people who wrote the article, one entry per person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    /// People who contributed reporting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<Person>,
    /// People who edited the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<Person>,
    /// The organisation that publishes the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Organization>,
    /// The dateline that opened the lead, kept apart from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// What kind of piece this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<Genre>,
    /// Organisations the article draws on, in the order it names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Organization>,
    /// The article's picture, or at least its credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// Keywords, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The section of the publication the article belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The body: paragraphs and section headings in reading order, without the dateline.
    pub body: Vec<Block>,
    /// Number of words in the body (headings and paragraphs).
    pub word_count: u32,
}

impl Record {
    /// The places the story is located: the dateline's place, when there is one.
    pub fn locations(&self) -> impl Iterator<Item = &str> {
        self.dateline.iter().map(|d| d.place.as_str())
    }

    /// The date partners should take as the last change: `modified`, or else `published`.
    pub fn updated(&self) -> Timestamp {
        self.modified.unwrap_or(self.published)
    }

    /// The body's paragraphs and headings as plain text, one block per line.
    pub fn body_text(&self) -> String {
        let size: usize = self.body.iter().map(|b| b.text().len() + 2).sum();
        let mut out = String::with_capacity(size);
        for block in &self.body {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(block.text());
        }
        out
    }
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph of running text.
    Paragraph {
        /// The paragraph's text, typography kept exactly.
        text: String,
    },
    /// A section heading that titles the paragraphs after it.
    Heading {
        /// The heading's text.
        text: String,
    },
}

impl Block {
    /// The block's text, whatever its kind.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text } | Block::Heading { text } => text,
        }
    }
}

/// Counts words in `blocks` the way the record's `word_count` does: runs of characters
/// separated by white space.
pub fn word_count(blocks: &[Block]) -> u32 {
    let words: usize = blocks.iter().map(|b| scan::<false>(b.text()).words).sum();
    u32::try_from(words).unwrap_or(u32::MAX)
}

/// What one reading of a body's text finds: its words, and whether a block may hold a
/// character XML 1.0 forbids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyScan {
    /// The words, as [`word_count`] counts them.
    pub words: u32,
    /// Whether some block holds a byte that may start a character XML 1.0 forbids (one below
    /// 0x20, or from `0xEF` on, which leads U+FFFE and U+FFFF): when false, no block holds
    /// such a character, and [`first_forbidden_in_xml`] need not look. When true, one may
    /// (tab, line feed and most characters led by those bytes are allowed): look.
    ///
    /// [`first_forbidden_in_xml`]: crate::first_forbidden_in_xml
    pub may_hold_forbidden: bool,
    /// How many characters the blocks hold in all, those XML 1.0 forbids included: the
    /// exporters count the body's characters from it rather than reading it again.
    pub chars: usize,
}

/// Reads `blocks` once for their [`word_count`], whether they may hold a character XML 1.0
/// forbids and how many characters they hold: a validator needs the first two of every body,
/// the exporters the third, and the second and third cost little more than the first when
/// the bytes are already at hand.
pub fn scan_body(blocks: &[Block]) -> BodyScan {
    let mut words = 0usize;
    let mut may_hold_forbidden = false;
    let mut chars = 0;
    for block in blocks {
        let text = block.text();
        let scan = scan::<true>(text);
        words += scan.words;
        may_hold_forbidden |= scan.suspect_xml;
        chars += text.len() - scan.continuation_bytes;
    }
    BodyScan {
        words: u32::try_from(words).unwrap_or(u32::MAX),
        may_hold_forbidden,
        chars,
    }
}

/// What [`scan`] finds in a text.
struct TextScan {
    words: usize,
    /// Only looked for when asked: see [`BodyScan::may_hold_forbidden`].
    suspect_xml: bool,
    /// The bytes that continue a character rather than start one (0x80 to 0xBF), only counted
    /// when asked: the text's length less these is its number of characters.
    continuation_bytes: usize,
}

/// The number of words in `text`, exactly `text.split_whitespace().count()`, counted on
/// bytes, [`CHUNK`] at a time, without decoding characters; with `XML`, also whether a byte
/// may start a character XML 1.0 forbids, and how many bytes continue a character.
///
/// A word starts at each byte that is not ASCII white space and opens the text or follows one
/// that is: every byte of a character beyond ASCII is 0x80 or more, never ASCII white space.
/// That holds as long as no character beyond ASCII is white space (U+00A0, U+2003, U+3000
/// and a few more): when a pair of bytes may end such a character, the text is checked by
/// decoding, and if one is there it is counted the slow way.
fn scan<const XML: bool>(text: &str) -> TextScan {
    let bytes = text.as_bytes();
    let Some((&first, after)) = bytes.split_first() else {
        return TextScan {
            words: 0,
            suspect_xml: false,
            continuation_bytes: 0,
        };
    };
    // Byte `i + 1` of the text, in `after`, and the byte before it, in `before`.
    let before = &bytes[..after.len()];
    let (before_chunks, before_tail) = before.as_chunks::<CHUNK>();
    let (after_chunks, after_tail) = after.as_chunks::<CHUNK>();
    let mut words = usize::from(!is_ascii_space(first));
    let mut suspect = false;
    let mut suspect_xml = XML && may_start_forbidden(first);
    let mut continuation_bytes = usize::from(XML && is_continuation(first));
    // The words of plain chunks are tallied by lane, and the lanes summed once for every 255
    // chunks (a lane counts at most one word a chunk) rather than once a chunk.
    for (befores, afters) in before_chunks.chunks(255).zip(after_chunks.chunks(255)) {
        let mut lanes = [0u8; CHUNK];
        for (before, after) in befores.iter().zip(afters) {
            if is_plain(before, after) {
                for k in 0..CHUNK {
                    lanes[k] += plain_word_start(before[k], after[k]);
                }
                continue;
            }
            let chunk = any_chunk::<XML>(before, after);
            words += usize::from(chunk.starts);
            suspect |= chunk.maybe_space;
            suspect_xml |= chunk.maybe_forbidden;
            continuation_bytes += usize::from(chunk.continuations);
        }
        words += lanes.iter().map(|&n| usize::from(n)).sum::<usize>();
    }
    // The tail, padded with spaces: a space starts no word, ends no character and is allowed.
    let mut padded_before = [b' '; CHUNK];
    let mut padded_after = [b' '; CHUNK];
    padded_before[..before_tail.len()].copy_from_slice(before_tail);
    padded_after[..after_tail.len()].copy_from_slice(after_tail);
    let chunk = chunk_words::<XML>(&padded_before, &padded_after);
    words += usize::from(chunk.starts);
    suspect_xml |= chunk.maybe_forbidden;
    continuation_bytes += usize::from(chunk.continuations);
    if (suspect | chunk.maybe_space) && text.chars().any(|c| !c.is_ascii() && c.is_whitespace()) {
        words = text.split_whitespace().count();
    }
    TextScan {
        words,
        suspect_xml,
        continuation_bytes,
    }
}

/// How many bytes [`scan`] reads at a time: small enough to count in a `u8`, large enough
/// for the compiler to use vector instructions.
const CHUNK: usize = 32;

/// What [`chunk_words`] finds in a chunk.
struct Chunk {
    /// The words that start in it.
    starts: u8,
    /// Whether a pair may end a white space character beyond ASCII.
    maybe_space: bool,
    /// Whether a byte may start a character XML 1.0 forbids (looked for only when asked).
    maybe_forbidden: bool,
    /// The bytes that continue a character (counted only when asked).
    continuations: u8,
}

/// The words that start in a chunk (at the `after` bytes, each preceded by its `before`
/// byte), whether a pair may end a white space character beyond ASCII, and with `XML`
/// whether an `after` byte may start a character XML 1.0 forbids.
///
/// The words of a [plain](is_plain) chunk are counted with one comparison a byte; other
/// chunks are read in full, out of line. [`scan`] counts the words of plain whole chunks
/// itself, in lanes, and calls this for the last, padded one.
#[inline(always)]
fn chunk_words<const XML: bool>(before: &[u8; CHUNK], after: &[u8; CHUNK]) -> Chunk {
    if is_plain(before, after) {
        let mut starts = 0u8;
        for k in 0..CHUNK {
            starts += plain_word_start(before[k], after[k]);
        }
        return Chunk {
            starts,
            maybe_space: false,
            maybe_forbidden: false,
            continuations: 0,
        };
    }
    any_chunk::<XML>(before, after)
}

/// 1 when a word starts at `after` in a plain chunk (see [`is_plain`]), where the only
/// white space is ` `; 0 otherwise.
#[inline(always)]
fn plain_word_start(before: u8, after: u8) -> u8 {
    u8::from((before == b' ') & (after != b' '))
}

/// Whether a chunk is printable ASCII, 0x20 to 0x7F: with no byte below (so a space is only
/// ` `, and nothing is forbidden) and none above (so nothing continues a character or ends
/// white space beyond ASCII). The `before` bytes are the `after` bytes one back, but for the
/// first, which is tested on its own.
#[inline(always)]
fn is_plain(before: &[u8; CHUNK], after: &[u8; CHUNK]) -> bool {
    // Counted into a byte rather than folded into a `bool`, as `find_byte` does, for the
    // compiler to test the chunk with a few vector instructions.
    let mut other = 0u8;
    for &b in after {
        other |= u8::from(b.wrapping_sub(0x20) > 0x5F);
    }
    (other == 0) & (before[0] >= 0x20)
}

/// [`chunk_words`] for any chunk. Kept out of line: inlined, the compiler computes it for
/// every chunk rather than branch past it, which more than doubles the cost of the plain
/// chunks that make most text.
#[inline(never)]
fn any_chunk<const XML: bool>(before: &[u8; CHUNK], after: &[u8; CHUNK]) -> Chunk {
    let mut starts = 0u8;
    let mut high = 0u8;
    let mut forbidden = 0u8;
    for k in 0..CHUNK {
        starts += u8::from(is_ascii_space(before[k]) & !is_ascii_space(after[k]));
        high |= after[k];
        if XML {
            forbidden |= u8::from(may_start_forbidden(after[k]));
        }
    }
    let mut maybe_space = false;
    let mut continuations = 0u8;
    if high >= 0x80 {
        for k in 0..CHUNK {
            maybe_space |= may_end_unicode_space(before[k], after[k]);
            if XML {
                continuations += u8::from(is_continuation(after[k]));
            }
        }
    }
    Chunk {
        starts,
        maybe_space,
        maybe_forbidden: forbidden != 0,
        continuations,
    }
}

/// Whether `b` continues a character of UTF-8 rather than starts one.
fn is_continuation(b: u8) -> bool {
    (b & 0xC0) == 0x80
}

/// Whether `b` is white space on its own: tab, line feed, vertical tab, form feed, carriage
/// return or space, as `char::is_whitespace` says of ASCII.
fn is_ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') < 5)
}

/// Whether the bytes `a b` may be the last two of a white space character beyond ASCII:
/// U+0085 and U+00A0 are C2 85 and C2 A0; U+1680 is E1 9A 80; U+2000 to U+200A, U+2028,
/// U+2029 and U+202F are E2 80 80 to E2 80 AF; U+205F is E2 81 9F; U+3000 is E3 80 80. A test
/// checks every white space character against this.
fn may_end_unicode_space(a: u8, b: u8) -> bool {
    let latin = (a == 0xC2) & ((b == 0x85) | (b == 0xA0));
    let ogham = (a == 0x9A) & (b == 0x80);
    let general = (a == 0x80) & ((b.wrapping_sub(0x80) <= 0x0A) | ((b | 1) == 0xA9) | (b == 0xAF));
    let math = (a == 0x81) & (b == 0x9F);
    latin | ogham | general | math
}

/// A person credited on the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The person's name only, as they write it (no role, no "By").
    pub name: String,
    /// The person's role or title as credited, such as "Staff Writer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A page about the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<AbsoluteUrl>,
}

impl Person {
    /// A person known by name only.
    pub fn named(name: impl Into<String>) -> Person {
        Person {
            name: name.into(),
            role: None,
            url: None,
        }
    }
}

/// An organisation: a publisher, a news agency or a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// The organisation's name.
    pub name: String,
    /// The organisation's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<AbsoluteUrl>,
    /// The organisation's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<AbsoluteUrl>,
}

impl Organization {
    /// An organisation known by name only.
    pub fn named(name: impl Into<String>) -> Organization {
        Organization {
            name: name.into(),
            url: None,
            logo: None,
        }
    }
}

/// The dateline that opens a lead, such as `NAIROBI, Kenya (Reuters) —`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dateline {
    /// The dateline as printed, without its closing dash, such as `NAIROBI, Kenya (Reuters)`.
    pub text: String,
    /// The place, as printed in capitals, such as `NAIROBI`.
    pub place: String,
    /// The region or country after the place, such as `Kenya`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The date as printed in the dateline, such as `Nov 3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The news agency named in the dateline, such as `Reuters`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

/// What kind of journalism a piece is (IPTC genre; schema.org NewsArticle subtypes).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    /// Straight reporting of events (schema.org ReportageNewsArticle, IPTC Actuality).
    Reportage,
    /// Interpretation of events (schema.org AnalysisNewsArticle, IPTC Analysis).
    Analysis,
    /// Argued opinion (schema.org OpinionNewsArticle, IPTC Opinion).
    Opinion,
    /// Context and history (schema.org BackgroundNewsArticle, IPTC Background).
    Background,
    /// A review of a work or event (schema.org ReviewNewsArticle, IPTC Review).
    Review,
    /// A feature story (IPTC Feature).
    Feature,
    /// An interview (IPTC Interview).
    Interview,
    /// An obituary (IPTC Obituary).
    Obituary,
}

impl Genre {
    /// Every genre, in declaration order.
    pub const ALL: [Genre; 8] = [
        Genre::Reportage,
        Genre::Analysis,
        Genre::Opinion,
        Genre::Background,
        Genre::Review,
        Genre::Feature,
        Genre::Interview,
        Genre::Obituary,
    ];

    /// The genre's name in the record format, such as `analysis`.
    pub fn as_str(self) -> &'static str {
        match self {
            Genre::Reportage => "reportage",
            Genre::Analysis => "analysis",
            Genre::Opinion => "opinion",
            Genre::Background => "background",
            Genre::Review => "review",
            Genre::Feature => "feature",
            Genre::Interview => "interview",
            Genre::Obituary => "obituary",
        }
    }

    /// The genre's display label, such as `Analysis`.
    pub fn label(self) -> &'static str {
        match self {
            Genre::Reportage => "Reportage",
            Genre::Analysis => "Analysis",
            Genre::Opinion => "Opinion",
            Genre::Background => "Background",
            Genre::Review => "Review",
            Genre::Feature => "Feature",
            Genre::Interview => "Interview",
            Genre::Obituary => "Obituary",
        }
    }

    /// The genre's code in the IPTC genre vocabulary (`http://cv.iptc.org/newscodes/genre/`).
    pub fn iptc_code(self) -> &'static str {
        match self {
            Genre::Reportage => "Actuality",
            Genre::Analysis => "Analysis",
            Genre::Opinion => "Opinion",
            Genre::Background => "Background",
            Genre::Review => "Review",
            Genre::Feature => "Feature",
            Genre::Interview => "Interview",
            Genre::Obituary => "Obituary",
        }
    }

    /// The schema.org `NewsArticle` subtype for this genre, when schema.org has one.
    pub fn schema_org_type(self) -> Option<&'static str> {
        match self {
            Genre::Reportage => Some("ReportageNewsArticle"),
            Genre::Analysis => Some("AnalysisNewsArticle"),
            Genre::Opinion => Some("OpinionNewsArticle"),
            Genre::Background => Some("BackgroundNewsArticle"),
            Genre::Review => Some("ReviewNewsArticle"),
            Genre::Feature | Genre::Interview | Genre::Obituary => None,
        }
    }

    /// The genre whose record name is `s`, such as `analysis`.
    pub fn from_name(s: &str) -> Option<Genre> {
        Genre::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// The article's picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Where the picture is; a credit may be known before the URL is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<AbsoluteUrl>,
    /// Text that describes the picture for people who cannot see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// The caption printed with the picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Who made the picture and who supplies it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<Credit>,
}

/// A picture credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// The credit as it should be printed, such as `Ana Lima / Northlight`.
    pub text: String,
    /// The person who made the picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// The agency or library that supplies the picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The words of `text`, counted with and without looking for forbidden characters, which
    /// must agree; the forbidden look is checked against its definition byte by byte, and the
    /// count of characters against decoding.
    #[track_caller]
    fn words(text: &str) -> usize {
        let plain = scan::<false>(text);
        let both = scan::<true>(text);
        assert_eq!(plain.words, both.words, "{text:?}");
        assert!(!plain.suspect_xml, "{text:?}");
        let expect = text.bytes().any(may_start_forbidden);
        assert_eq!(both.suspect_xml, expect, "{text:?}");
        assert_eq!(plain.continuation_bytes, 0, "{text:?}");
        let chars = text.len() - both.continuation_bytes;
        assert_eq!(chars, text.chars().count(), "{text:?}");
        both.words
    }

    #[track_caller]
    fn check(text: &str, expect: usize) {
        assert_eq!(words(text), expect, "{text:?}");
        assert_eq!(words(text), text.split_whitespace().count(), "{text:?}");
    }

    #[test]
    fn counts_words() {
        for (text, expect) in [
            ("", 0),
            (" ", 0),
            ("a", 1),
            ("  a  ", 1),
            ("one two  three", 3),
            ("tab\tline\nfeed\x0Bvt\x0Cff\rcr", 6),
            ("\x1Cfile\x1Fseparators", 1),
            ("“We replaced it,” said the yard’s foreman — Pell Aske", 10),
            ("no\u{A0}break", 2),
            ("next\u{85}line", 2),
            ("ogham\u{1680}space", 2),
            ("en\u{2002}em\u{2003}hair\u{200A}end", 4),
            ("zero\u{200B}width", 1),
            ("line\u{2028}para\u{2029}graph", 3),
            ("narrow\u{202F}no-break\u{205F}math", 3),
            ("ideographic\u{3000}space", 2),
            ("\u{3000}", 0),
            ("\u{A0}\u{A0}x", 1),
            ("é", 1),
            ("\u{2019}\u{2019}", 1),
        ] {
            check(text, expect);
        }
    }

    /// Every white space character beyond ASCII ends with a pair of bytes that the chunk
    /// check looks at, and separates words.
    #[test]
    fn unicode_spaces_are_seen() {
        let spaces: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert!(spaces.len() >= 17, "{spaces:?}");
        for c in spaces {
            let text = format!("a{c}b");
            let end = c.len_utf8();
            let bytes = text.as_bytes();
            assert!(
                may_end_unicode_space(bytes[end - 1], bytes[end]),
                "U+{:04X}",
                u32::from(c)
            );
            assert_eq!(words(&text), 2, "U+{:04X}", u32::from(c));
        }
    }

    /// Texts of every length around a chunk's, with white space at every place.
    #[test]
    fn chunk_edges() {
        for len in 0..3 * CHUNK + 2 {
            for space in [" ", "\u{A0}", "\u{2003}", "’"] {
                for at in 0..len {
                    let text: String = (0..len)
                        .map(|i| if i == at { space } else { "x" })
                        .collect();
                    check(&text, text.split_whitespace().count());
                }
            }
        }
    }

    /// Many words, separated by white space of one and of several bytes, in texts of every
    /// length around the chunks.
    #[test]
    fn many_words_at_chunk_edges() {
        for len in 0..3 * CHUNK + 2 {
            for period in [2, 3, 5] {
                for space in [" ", "\t", "\u{2003}"] {
                    let text: String = (0..len)
                        .map(|i| if i % period == period - 1 { space } else { "x" })
                        .collect();
                    check(&text, text.split_whitespace().count());
                }
            }
        }
    }

    /// Texts long enough for the lanes that tally the words of plain chunks to be summed more
    /// than once, with as many words as a lane can count (one a chunk) and with a chunk that
    /// is not plain among them.
    #[test]
    fn words_of_many_chunks() {
        for len in [
            255 * CHUNK,
            255 * CHUNK + 2,
            256 * CHUNK + 1,
            510 * CHUNK + 3,
            800 * CHUNK,
        ] {
            for period in [2, 3] {
                let text: String = (0..len)
                    .map(|i| if i % period == period - 1 { ' ' } else { 'x' })
                    .collect();
                check(&text, len / period + usize::from(len % period != 0));
                let mixed = format!("{}é {}", &text[..len / 2], &text[len / 2..]);
                check(&mixed, mixed.split_whitespace().count());
            }
        }
    }

    /// A forbidden character, or a byte that may start one, is seen at every place around the
    /// chunks, and `scan_body` reports it of the body whichever block holds it.
    #[test]
    fn forbidden_characters_are_seen_at_chunk_edges() {
        for len in 1..3 * CHUNK + 2 {
            for odd in [
                "\u{0}", "\u{B}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}",
            ] {
                for at in 0..len {
                    let text: String = (0..len).map(|i| if i == at { odd } else { "x" }).collect();
                    let text_chars = text.chars().count();
                    assert!(scan::<true>(&text).suspect_xml, "{text:?}");
                    let blocks = [
                        Block::Paragraph {
                            text: "clean".to_owned(),
                        },
                        Block::Heading { text },
                    ];
                    assert_eq!(
                        scan_body(&blocks),
                        BodyScan {
                            words: word_count(&blocks),
                            may_hold_forbidden: true,
                            chars: 5 + text_chars,
                        }
                    );
                }
            }
        }
        let clean = [Block::Paragraph {
            text: "“Quoted,” the yard’s café — 5°C ~ ½ \u{EEFF}".repeat(9),
        }];
        assert!(!scan_body(&clean).may_hold_forbidden);
        assert_eq!(scan_body(&clean).words, word_count(&clean));
    }

    #[test]
    fn word_count_sums_blocks() {
        let blocks = [
            Block::Heading {
                text: "A new hull".to_owned(),
            },
            Block::Paragraph {
                text: "The ferry\u{A0}returns.".to_owned(),
            },
        ];
        assert_eq!(word_count(&blocks), 6);
        assert_eq!(word_count(&[]), 0);
    }

    /// Characters that test the white space boundaries: ASCII and Unicode spaces, controls
    /// that are not spaces, and characters that share lead bytes with spaces.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            prop::sample::select(vec![
                ' ', '\t', '\n', '\x0B', '\x0C', '\r', '\x1C', '\x1F', '\u{85}', '\u{A0}',
                '\u{A9}', '\u{1680}', '\u{1681}', '\u{180E}', '\u{2000}', '\u{200A}', '\u{200B}',
                '\u{2019}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{2060}', '\u{3000}',
                '\u{3001}', '\u{FEFF}', '\u{FFFE}', '\u{FFFF}', '\u{0}', 'a', 'é',
            ]),
            any::<char>(),
        ]
    }

    proptest! {
        #[test]
        fn words_match_split_whitespace(text in any::<String>()) {
            prop_assert_eq!(words(&text), text.split_whitespace().count());
        }

        #[test]
        fn words_match_split_whitespace_near_spaces(
            chars in prop::collection::vec(tricky_char(), 0..160),
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(words(&text), text.split_whitespace().count());
        }
    }
}
