//! The body in every rendition the per-article documents carry, made in one reading of its
//! text: as plain text in a JSON string (JSON-LD's `articleBody`, ninjs's plain-text body),
//! the same made safe for a page's `<script>` element, the HTML fragment ([`body_html`]) and
//! that fragment in a JSON string (ninjs's HTML body).
//!
//! Each rendition is what its format's own writer makes of the body — the tests hold each
//! equal to it — so a build makes them all at once rather than reading the body once per
//! format. The record's two dates, which every document writes in RFC 3339, are formatted
//! here too, once rather than once per document.
//!
//! [`body_html`]: crate::body_html

use newswire_model::{Block, BodyScan, Record, scan_body};

use crate::date::rfc3339;
use crate::html::needs_look;
use crate::text::{ByteTable, Piece, is_forbidden_control, is_noncharacter_at, pieces};

/// A record's body rendered for the per-article documents: make it with
/// [`RenderedBody::of`] and pass it to
/// [`jsonld_article_document`](crate::jsonld_article_document),
/// [`ninjs_document`](crate::ninjs_document) and
/// [`html_page_document`](crate::html_page_document), which borrow its renditions. It holds
/// the record's dates in RFC 3339 too, formatted once for the three documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBody {
    /// The plain text (`Record::body_text`) as a JSON string, quotes included, filtered as
    /// every string is.
    text_json: String,
    /// `text_json` with `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes, as a page embeds
    /// JSON.
    text_script: String,
    /// The HTML fragment.
    html: String,
    /// The fragment as a JSON string, quotes included.
    html_json: String,
    /// How many characters the filtered plain text has.
    chars: usize,
    /// When the article was published, in RFC 3339 ([`rfc3339`]).
    published: String,
    /// When the article was last updated (`Record::updated`), in RFC 3339.
    modified: String,
}

/// What stands for a byte, or the character it starts, in each rendition, in the order of
/// [`RenderedBody`]'s fields.
type Rewrite = [&'static str; 4];

/// Left out of every rendition: a character XML 1.0 forbids.
const LEFT_OUT: Rewrite = ["", "", "", ""];

impl RenderedBody {
    /// `record`'s body in every rendition.
    pub fn of(record: &Record) -> RenderedBody {
        RenderedBody::make(record, None)
    }

    /// [`of`](RenderedBody::of) for a record whose body has been read already: `scan` must
    /// be what [`scan_body`] finds in `record.body` (as ingest keeps it for the records it
    /// makes), and the characters are counted from it rather than by reading the body again.
    pub fn of_scanned(record: &Record, scan: &BodyScan) -> RenderedBody {
        debug_assert_eq!(*scan, scan_body(&record.body), "a scan of another body");
        RenderedBody::make(record, Some(scan.chars))
    }

    /// The renditions of `record`'s body, whose blocks hold `block_chars` characters in all
    /// when that is known, and are counted otherwise.
    // Never inlined: `cargo xtask bench` counts a stage's instructions here.
    #[inline(never)]
    fn make(record: &Record, block_chars: Option<usize>) -> RenderedBody {
        let text: usize = record.body.iter().map(|b| b.text().len()).sum();
        let size = text + 12 * record.body.len();
        let mut body = RenderedBody {
            text_json: String::with_capacity(size + size / 16 + 2),
            text_script: String::with_capacity(size + size / 8 + 2),
            html: String::with_capacity(size + size / 8),
            html_json: String::with_capacity(size + size / 8 + 2),
            chars: 0,
            published: rfc3339(&record.published),
            modified: String::new(),
        };
        // Without a date of its own, the update is the publication.
        body.modified = match &record.modified {
            Some(modified) => rfc3339(modified),
            None => body.published.clone(),
        };
        body.text_json.push('"');
        body.text_script.push('"');
        body.html_json.push('"');
        let mut counted = 0;
        let mut separators = 0;
        let mut dropped = 0;
        // Whether a block with text has been written: in the plain text, a blank line goes
        // between texts (as `Record::body_text` joins them); in the fragment, a line feed
        // between blocks.
        let mut written = false;
        for (i, block) in record.body.iter().enumerate() {
            let text = block.text();
            if written {
                body.text_json.push_str("\\n\\n");
                body.text_script.push_str("\\n\\n");
                separators += 2;
            }
            if i > 0 {
                body.html.push('\n');
                body.html_json.push_str("\\n");
            }
            // Each tag a constant, copied in place.
            let (open, close) = match block {
                Block::Paragraph { .. } => ("<p>", "</p>"),
                Block::Heading { .. } => ("<h2>", "</h2>"),
            };
            body.html.push_str(open);
            body.html_json.push_str(open);
            dropped += body.push_text(text);
            body.html.push_str(close);
            body.html_json.push_str(close);
            if block_chars.is_none() {
                counted += text.chars().count();
            }
            written |= !text.is_empty();
        }
        body.text_json.push('"');
        body.text_script.push('"');
        body.html_json.push('"');
        body.chars = block_chars.unwrap_or(counted) + separators - dropped;
        body
    }

    /// Writes `text` into every rendition; returns how many characters were left out.
    fn push_text(&mut self, text: &str) -> usize {
        let mut dropped = 0;
        pieces(text, special, &SPECIAL, rewrite, |piece| match piece {
            Piece::Kept(run) => {
                self.text_json.push_str(run);
                self.text_script.push_str(run);
                self.html.push_str(run);
                self.html_json.push_str(run);
            }
            Piece::Rewritten(rewrite) => {
                // Only a character left out is written as nothing in plain text.
                dropped += usize::from(rewrite[0].is_empty());
                let [text_json, text_script, html, html_json] = rewrite;
                self.text_json.push_str(text_json);
                self.text_script.push_str(text_script);
                self.html.push_str(html);
                self.html_json.push_str(html_json);
            }
        });
        dropped
    }

    /// The plain text as a JSON string, quotes included.
    pub(crate) fn text_json(&self) -> &str {
        &self.text_json
    }

    /// [`text_json`](Self::text_json) as a page's script element embeds it.
    pub(crate) fn text_script(&self) -> &str {
        &self.text_script
    }

    /// The HTML fragment: what [`body_html`](crate::body_html) gives.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// The HTML fragment, kept once the rest is done with: a build hands each window article's
    /// fragment to the feeds.
    pub fn into_html(self) -> String {
        self.html
    }

    /// The fragment as a JSON string, quotes included.
    pub(crate) fn html_json(&self) -> &str {
        &self.html_json
    }

    /// How many characters the plain text has, once the characters XML 1.0 forbids are left
    /// out.
    pub(crate) fn chars(&self) -> usize {
        self.chars
    }

    /// When the article was published, in RFC 3339: `rfc3339(&record.published)`.
    pub(crate) fn published(&self) -> &str {
        &self.published
    }

    /// When the article was last updated, in RFC 3339: `rfc3339(&record.updated())`.
    pub(crate) fn modified(&self) -> &str {
        &self.modified
    }
}

/// Whether some rendition may write the byte otherwise: what the fragment escapes or leaves
/// out (which covers the C0 controls JSON escapes), a backslash, and 0xE2, which starts
/// U+2028 and U+2029.
#[inline(always)]
fn special(b: u8) -> bool {
    needs_look(b) | (b == b'\\') | (b == 0xE2)
}

/// [`special`] as a table.
static SPECIAL: std::sync::LazyLock<ByteTable> =
    std::sync::LazyLock::new(|| ByteTable::of(special));

/// What stands for the bytes from `bytes[at]` in each rendition, and how many bytes it
/// replaces; `None` when every rendition keeps the byte.
#[inline(always)]
fn rewrite(bytes: &[u8], at: usize) -> Option<(Rewrite, usize)> {
    let one = |rewrite: Rewrite| Some((rewrite, 1));
    match bytes[at] {
        b'"' => one(["\\\"", "\\\"", "&quot;", "&quot;"]),
        b'\\' => one(["\\\\", "\\\\", "\\", "\\\\"]),
        b'\t' => one(["\\t", "\\t", "\t", "\\t"]),
        b'\n' => one(["\\n", "\\n", "\n", "\\n"]),
        b'\r' => one(["\\r", "\\r", "\r", "\\r"]),
        b'&' => one(["&", "\\u0026", "&amp;", "&amp;"]),
        b'<' => one(["<", "\\u003c", "&lt;", "&lt;"]),
        b'>' => one([">", "\\u003e", "&gt;", "&gt;"]),
        b'\'' => one(["'", "'", "&#39;", "&#39;"]),
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        0xE2 => match bytes.get(at + 1..at + 3) {
            Some([0x80, 0xA8]) => Some((["\u{2028}", "\\u2028", "\u{2028}", "\u{2028}"], 3)),
            Some([0x80, 0xA9]) => Some((["\u{2029}", "\\u2029", "\u{2029}", "\u{2029}"], 3)),
            _ => None,
        },
        // U+FFFE and U+FFFF are left out; other characters led by 0xEF are kept.
        0xEF if is_noncharacter_at(bytes, at) => Some((LEFT_OUT, 3)),
        // A C0 control XML 1.0 forbids; tab, line feed and carriage return are escaped above.
        b if is_forbidden_control(b) => one(LEFT_OUT),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::body_html;
    use crate::json::write_str;
    use crate::page::push_script_json;
    use crate::text::clean;

    /// Each rendition is what its format's own writer makes of the body, whatever the blocks
    /// hold: every character up to U+FFFF and a few beyond, in both kinds of block, and empty
    /// ones before, between and after.
    #[test]
    fn every_rendition_is_what_its_writer_makes() {
        let texts: Vec<String> = (0..=0xFFFF)
            .chain([0x1F6A2, 0x10FFFF])
            .filter_map(char::from_u32)
            .collect::<Vec<char>>()
            .chunks(97)
            .map(|chunk| chunk.iter().flat_map(|&c| [c, 'a', c]).collect())
            .chain([
                String::new(),
                "\\ \"quoted\" \\\\ tab\tline\n <b>&amp;</b> it's  \u{2028}\u{2029}".to_owned(),
            ])
            .collect();
        let blocks = |texts: &[String]| -> Vec<serde_json::Value> {
            texts
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let kind = if i % 3 == 0 { "heading" } else { "paragraph" };
                    json!({"type": kind, "text": text})
                })
                .collect()
        };
        let empty = String::new();
        for texts in [
            texts.clone(),
            vec![
                empty.clone(),
                texts[5].clone(),
                empty.clone(),
                texts[9].clone(),
            ],
            vec![empty.clone()],
            vec![],
        ] {
            let record: Record = serde_json::from_value(json!({
                "id": "a", "slug": "a", "url": "https://n.example/a", "headline": "H",
                "description": "D", "published": "2026-11-03T09:30:00Z", "language": "en",
                "body": blocks(&texts), "word_count": 1
            }))
            .expect("test records are valid");
            check(&record);
        }
    }

    #[track_caller]
    fn check(record: &Record) {
        let body = RenderedBody::of(record);
        let scanned = RenderedBody::of_scanned(record, &scan_body(&record.body));
        assert_eq!(
            scanned, body,
            "the same renditions and count from the body's scan"
        );

        let mut text_json = String::new();
        write_str(&mut text_json, &record.body_text());
        assert_eq!(
            body.text_json(),
            text_json,
            "the plain text as a JSON string"
        );
        let cleaned = clean(&record.body_text()).into_owned();
        assert_eq!(body.chars(), cleaned.chars().count());
        let read: String = serde_json::from_str(body.text_json()).expect("a JSON string");
        assert_eq!(read, cleaned);

        let mut text_script = String::new();
        push_script_json(&mut text_script, &text_json);
        assert_eq!(
            body.text_script(),
            text_script,
            "the plain text for a script"
        );

        let html = body_html(record);
        assert_eq!(body.html(), html, "the fragment");
        let mut html_json = String::new();
        write_str(&mut html_json, &html);
        assert_eq!(body.html_json(), html_json, "the fragment as a JSON string");
        assert_eq!(
            body.html_json(),
            serde_json::to_string(&html).expect("a string is JSON")
        );
    }

    /// The dates are what formatting them for each document gives: over generated times of
    /// publication and update, from year 1 to beyond 9999, with offsets in whole minutes and
    /// not, in whole seconds and with fractions, with an update of its own and without.
    #[test]
    fn dates_are_formatted_as_each_document_formats_them() {
        use chrono::{FixedOffset, TimeZone};
        use newswire_model::Timestamp;

        use crate::date::rfc3339;

        let mut next = crate::tests::numbers(53);
        let mut time = move || -> Timestamp {
            let offset = match next() % 4 {
                0 => 0,
                1 => (next() % (2 * 18 * 60)) as i32 * 60 - 18 * 60 * 60,
                2 => (next() % (2 * 18 * 3600)) as i32 - 18 * 3600,
                _ => 5 * 3600 + 30 * 60,
            };
            let zone = FixedOffset::east_opt(offset).expect("an offset under a day");
            // From year 1 to year 12,000 or so.
            let seconds = (next() % 378_000_000_000) as i64 - 62_135_596_800;
            let nanos = if next().is_multiple_of(3) {
                (next() % 1_000_000_000) as u32
            } else {
                0
            };
            zone.timestamp_opt(seconds, nanos)
                .single()
                .expect("a time in chrono's range")
        };
        let mut record = crate::tests::record("a", "https://n.example/a");
        for i in 0..5_000 {
            record.published = time();
            record.modified = (i % 3 != 0).then(&mut time);
            let body = RenderedBody::of(&record);
            assert_eq!(body.published(), rfc3339(&record.published), "{record:?}");
            assert_eq!(body.modified(), rfc3339(&record.updated()), "{record:?}");
        }
    }

    /// The bytes looked at are those some rendition may rewrite, and a few all keep.
    #[test]
    fn looks_at_every_byte_a_rendition_may_rewrite() {
        for b in 0..=u8::MAX {
            let expect = b"&<>\"'#\\\xE2".contains(&b) || !(0x20..0xEF).contains(&b);
            assert_eq!(special(b), expect, "{b:#04X}");
        }
    }
}
