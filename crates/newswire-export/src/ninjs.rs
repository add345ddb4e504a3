//! IPTC ninjs 3.1 (`articles/<slug>.ninjs.json`): one news item per article, valid against
//! IPTC's own schema with its formats (`uri`, `date-time`) checked.
//!
//! Where ninjs offers a choice, this is how the record maps onto it:
//! - `uri` is the record's id, the same as every other format's; an IRI is written as the URI
//!   it stands for (non-ASCII characters percent-encoded), and an id that is no IRI at all
//!   gives way to the page URL;
//! - `bodies` holds the body twice, both with role `main`: `text/html` (the fragment every feed
//!   carries) and `text/plain`, with the word count;
//! - `by` is the byline (`A, B and C`); every credited party is an `infoSources` entry whose
//!   `role` is a term of IPTC's Content Production Party Role vocabulary: authors `author`,
//!   editors `editor`, contributors of reporting `correspondent`, the organisations the piece
//!   draws on `contentSource`. The same people and organisations are also listed in `people`
//!   and `organisations`, with that party role as their `rel` ("the relationship of the content
//!   to the person"), so a consumer that reads only those finds who wrote, reported and edited
//!   the piece and what it draws on — never mistaken for whom the story is about, which would
//!   have no `rel` or a subject one;
//! - `located` is the dateline's place and region (the agency is no location);
//! - `genres` names the IPTC genre by its URI;
//! - keywords are `subjects`, by name;
//! - the publisher is the `copyrightHolder`;
//! - the article's page is a rendition named `web` (`text/html`), since ninjs has no link;
//! - the picture is the association `mainpic` of type `picture`: its URL as `uri` and as the
//!   `main` rendition, caption and alternative text as `descriptions`, the printed credit as
//!   `by`, the photographer (`author`) and supplying agency (`imgSupplier`) as `infoSources`.
//!   A picture known only by its credit is still associated, under `<article uri>#mainpic`.

use std::borrow::Cow;
use std::ops::Range;

use newswire_model::{AbsoluteUrl, Image, Record, find_byte};

use serde_json::Value;

use crate::body::RenderedBody;
use crate::document::Document;
use crate::json::{Constant, Writer, constant, from_own_text, key};
use crate::jsonld::is_absolute_iri;
use crate::rss::IPTC_GENRE_NS;
use crate::text::has_text;

/// A term of IPTC's Content Production Party Role vocabulary, by its URI.
macro_rules! party_role_uri {
    ($term:literal) => {
        concat!("http://cv.iptc.org/newscodes/contentprodpartyrole/", $term)
    };
}
/// A party role as the member that gives it: the `role` of an `infoSources` entry, and the
/// `rel` of a `people` or `organisations` one.
#[derive(Debug, Clone, Copy)]
struct PartyRole {
    role: Constant,
    rel: Constant,
}
macro_rules! party_role {
    ($term:literal) => {
        PartyRole {
            role: constant!("role", party_role_uri!($term)),
            rel: constant!("rel", party_role_uri!($term)),
        }
    };
}
const AUTHOR: PartyRole = party_role!("author");
const CORRESPONDENT: PartyRole = party_role!("correspondent");
const EDITOR: PartyRole = party_role!("editor");
const CONTENT_SOURCE: PartyRole = party_role!("contentSource");
const IMAGE_SUPPLIER: PartyRole = party_role!("imgSupplier");
/// The name of the picture's association.
macro_rules! picture {
    () => {
        "mainpic"
    };
}
const PICTURE: &str = picture!();

/// One article as an IPTC ninjs 3.1 document.
pub fn ninjs(record: &Record) -> Value {
    from_own_text(&ninjs_document(record, &RenderedBody::of(record)).into_string())
}

/// The bytes of `record`'s ninjs document, made with what other outputs already rendered for
/// it: its body as rendered once for every document (`RenderedBody::of(record)`), so that a
/// build reads the body once for all. Given that, the bytes are
/// `to_json_bytes(&ninjs(record))`, written straight from the record.
pub fn ninjs_bytes(record: &Record, body: &RenderedBody) -> Vec<u8> {
    ninjs_document(record, body).into_string().into_bytes()
}

/// [`ninjs_bytes`] as a [`Document`] that borrows its two bodies from `body`.
// Never inlined: `cargo xtask bench` counts a stage's instructions here.
#[inline(never)]
pub fn ninjs_document<'a>(record: &Record, body: &'a RenderedBody) -> Document<'a> {
    // All but the bodies, which is rarely above 4 KB.
    let mut w = Writer::with_capacity(4096);
    w.object(|w| item(w, record, body));
    w.finish_document()
}

/// The members of `record`'s ninjs document, in key order, with `body` as its fragment and
/// plain text.
fn item<'a>(w: &mut Writer<'a>, record: &Record, body: &'a RenderedBody) {
    let uri = item_uri(record);
    if let Some(image) = &record.image {
        w.key(key!("associations"))
            .array(|w| w.object(|w| picture(w, image, &uri)));
    }
    w.key(key!("bodies")).array(|w| {
        w.object(|w| {
            w.constant(constant!("contentType", "text/html"));
            w.constant(constant!("role", "main"));
            w.key(key!("value")).spliced_str(body.html_json());
            w.key(key!("wordCount")).uint(u64::from(record.word_count));
        });
        w.object(|w| {
            // Counted as written: without the characters the output leaves out.
            w.key(key!("charCount")).uint(body.chars() as u64);
            w.constant(constant!("contentType", "text/plain"));
            w.constant(constant!("role", "main"));
            w.key(key!("value")).spliced_str(body.text_json());
            w.key(key!("wordCount")).uint(u64::from(record.word_count));
        });
    });
    if !record.authors.is_empty() {
        w.key(key!("by")).and_list(&record.authors, |p| &p.name);
    }
    if let Some(publisher) = &record.publisher {
        w.key(key!("copyrightHolder")).str(&publisher.name);
    }
    w.key(key!("descriptions"))
        .array(|w| w.object(|w| plain_text(w, constant!("role", "summary"), &record.description)));
    w.key(key!("firstCreated")).plain_str(body.published());
    if let Some(genre) = record.genre {
        let code = genre.iptc_code();
        w.key(key!("genres")).array(|w| {
            w.object(|w| {
                w.key(key!("name")).str(code);
                w.key(key!("uri"))
                    .plain_str(&[IPTC_GENRE_NS, code].concat());
            });
        });
    }
    w.key(key!("headlines"))
        .array(|w| w.object(|w| plain_text(w, constant!("role", "main"), &record.headline)));
    // Every credited party with its role, and again as `people` or `organisations` with the
    // role as their `rel`.
    let persons = [
        (&record.authors, AUTHOR),
        (&record.contributors, CORRESPONDENT),
        (&record.editors, EDITOR),
    ];
    let persons = || {
        persons
            .iter()
            .flat_map(|(people, role)| people.iter().map(move |p| (p, *role)))
    };
    let has_persons = persons().next().is_some();
    // Each entry as written, persons first, for `people` and `organisations` to copy.
    let mut entries: Vec<PartyEntry> = Vec::new();
    if has_persons || !record.sources.is_empty() {
        entries.reserve(persons().count() + record.sources.len());
        w.key(key!("infoSources")).array(|w| {
            for (p, role) in persons() {
                entries.push(party(w, role.role, &p.name, p.url.as_ref()));
            }
            for org in &record.sources {
                entries.push(party(w, CONTENT_SOURCE.role, &org.name, org.url.as_ref()));
            }
        });
    }
    let (person_entries, source_entries) = entries.split_at(entries.len() - record.sources.len());
    w.key(key!("language")).plain_str(record.language.as_str());
    if let Some(dateline) = &record.dateline {
        match &dateline.region {
            Some(region) => w
                .key(key!("located"))
                .str(&[dateline.place.as_str(), ", ", region].concat()),
            None => w.key(key!("located")).str(&dateline.place),
        }
    }
    if !record.sources.is_empty() {
        w.key(key!("organisations")).array(|w| {
            for entry in source_entries {
                entry.again(w, CONTENT_SOURCE);
            }
        });
    }
    if has_persons {
        w.key(key!("people")).array(|w| {
            for (entry, (_, role)) in person_entries.iter().zip(persons()) {
                entry.again(w, role);
            }
        });
    }
    w.constant(constant!("pubStatus", "usable"));
    w.key(key!("renditions")).array(|w| {
        w.object(|w| {
            w.constant(constant!("contentType", "text/html"));
            w.key(key!("href")).plain_str(record.url.as_str());
            w.constant(constant!("name", "web"));
        });
    });
    w.constant(constant!("representationType", "full"));
    w.key(key!("standard")).object(|w| {
        w.constant(constant!("name", "ninjs"));
        // The schema every document conforms to.
        w.constant(constant!(
            "schema",
            "https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"
        ));
        w.constant(constant!("version", "3.1"));
    });
    let mut seen: Vec<&str> = Vec::new();
    for keyword in &record.keywords {
        if has_text(keyword) && !seen.contains(&keyword.as_str()) {
            seen.push(keyword);
        }
    }
    if !seen.is_empty() {
        w.key(key!("subjects")).array(|w| {
            for keyword in seen {
                w.object(|w| w.key(key!("name")).str(keyword));
            }
        });
    }
    w.constant(constant!("type", "text"));
    // A URI holds nothing a JSON string escapes: printable ASCII without `"` or `\`.
    w.key(key!("uri")).plain_str(&uri);
    w.key(key!("versionCreated")).plain_str(body.modified());
}

/// The members of a `headlines` or `descriptions` entry: `text` as plain text, with the
/// `role` member `role`.
fn plain_text(w: &mut Writer, role: Constant, text: &str) {
    w.constant(constant!("contentType", "text/plain"));
    w.constant(role);
    w.key(key!("value")).str(text);
}

/// The item's `uri`: the record's id as a URI, or the page URL when the id is no IRI.
fn item_uri(record: &Record) -> Cow<'_, str> {
    to_uri(&record.id).unwrap_or(Cow::Borrowed(record.url.as_str()))
}

/// `s` as an RFC 3986 URI when it is an absolute IRI (a scheme, a colon, something after it,
/// no white space or control character): characters a URI cannot hold are percent-encoded as
/// UTF-8, which is how RFC 3987 maps an IRI to the URI it stands for. `None` otherwise.
///
/// Read by bytes, a block at a time: every character a URI keeps is ASCII, and a character it
/// cannot hold is encoded as its UTF-8 bytes, one at a time. Only the bytes [`looked_at`]
/// marks are looked at one by one. An IRI that is a URI already, the common case, is given
/// back as it is, not copied.
fn to_uri(s: &str) -> Option<Cow<'_, str>> {
    if !is_absolute_iri(s) {
        return None;
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Made only once a byte is encoded.
    let mut out = String::new();
    let mut fragment = false;
    let bytes = s.as_bytes();
    // Where the run of bytes kept as they are, not yet copied, starts.
    let mut kept_from = 0;
    let mut from = 0;
    while let Some(i) = find_byte(bytes, from, looked_at) {
        let b = bytes[i];
        let keep = match b {
            // Only the first `#` opens the fragment; a later one is data.
            b'#' => !std::mem::replace(&mut fragment, true),
            // A `%` that starts an escape stays; a stray one is data.
            b'%' => bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
            _ => false,
        };
        if !keep {
            if out.is_empty() {
                out.reserve(s.len() + 16);
            }
            // A run of kept bytes is ASCII, so it starts and ends on characters' edges; where
            // there is none, `kept_from` may be inside a character being encoded.
            if kept_from < i {
                out.push_str(&s[kept_from..i]);
            }
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
            kept_from = i + 1;
        }
        from = i + 1;
    }
    if kept_from == 0 {
        // No byte was encoded.
        return Some(Cow::Borrowed(s));
    }
    if kept_from < s.len() {
        out.push_str(&s[kept_from..]);
    }
    Some(Cow::Owned(out))
}

/// Whether [`to_uri`] looks at `b`: a byte a URI cannot hold as it is, or `#` or `%`, which
/// it keeps or encodes by what comes before or after. A URI keeps the letters, digits and
/// `-._~:/?@!$&'()*+,;=`: printable ASCII but `"#%<>[\]^`{|}`. Branch-free, so that
/// [`find_byte`] tests many bytes at once: `"` (0x22) and `#` (0x23) are the bytes that `| 1`
/// makes 0x23, `<` (0x3C) and `>` (0x3E) those that `| 2` makes 0x3E.
#[inline(always)]
fn looked_at(b: u8) -> bool {
    (b <= b' ')
        | (b >= 0x7F)
        | ((b | 1) == b'#')
        | (b == b'%')
        | ((b | 2) == b'>')
        | (b.wrapping_sub(b'[') < 4)
        | (b == b'`')
        | (b.wrapping_sub(b'{') < 3)
}

/// `uri` with its fragment replaced by `fragment`.
fn with_fragment(uri: &str, fragment: &str) -> String {
    let base = uri.split_once('#').map_or(uri, |(base, _)| base);
    format!("{base}#{fragment}")
}

/// A credited party: an `infoSources` entry when `role` is a [`PartyRole`]'s `role`, a
/// `people` or `organisations` entry when it is its `rel`. Returns where the entry is in the
/// text, so that the party's other entry can be copied from it ([`PartyEntry::again`]).
fn party(w: &mut Writer, role: Constant, name: &str, uri: Option<&AbsoluteUrl>) -> PartyEntry {
    let mut role_end = 0;
    let object = w.placed_object(|w| {
        w.key(key!("name")).str(name);
        w.constant(role);
        role_end = w.written();
        if let Some(uri) = uri {
            w.key(key!("uri")).plain_str(uri.as_str());
        }
    });
    PartyEntry {
        object,
        role: role_end - role.text.len()..role_end,
    }
}

/// Where a party's `infoSources` entry is in the text: the whole object and its `role`
/// member. Its `people` or `organisations` entry is the same object, at the same depth, with
/// the role as `rel`: copied rather than written again, which spares escaping the name twice.
#[derive(Debug, Clone)]
struct PartyEntry {
    object: Range<usize>,
    role: Range<usize>,
}

impl PartyEntry {
    /// Writes the party's `people` or `organisations` entry, whose role is `role`: what
    /// [`party`] writes with `role.rel`.
    fn again(&self, w: &mut Writer, role: PartyRole) {
        w.again(
            self.object.start..self.role.start,
            role.rel,
            self.role.end..self.object.end,
        );
    }
}

/// The members of the picture's association: its own ninjs object of type `picture`.
fn picture(w: &mut Writer, image: &Image, item_uri: &str) {
    let credit = image.credit.as_ref();
    if let Some(by) = credit.map(|c| c.text.as_str()).filter(|t| has_text(t)) {
        w.key(key!("by")).str(by);
    }
    let caption = image.caption.as_deref().filter(|c| has_text(c));
    let alt = image.alt.as_deref().filter(|a| has_text(a));
    if caption.is_some() || alt.is_some() {
        w.key(key!("descriptions")).array(|w| {
            if let Some(caption) = caption {
                w.object(|w| plain_text(w, constant!("role", "caption"), caption));
            }
            if let Some(alt) = alt {
                w.object(|w| plain_text(w, constant!("role", "alt"), alt));
            }
        });
    }
    let creator = credit.and_then(|c| c.creator.as_deref());
    let provider = credit.and_then(|c| c.provider.as_deref());
    if creator.is_some() || provider.is_some() {
        w.key(key!("infoSources")).array(|w| {
            if let Some(creator) = creator {
                party(w, AUTHOR.role, creator, None);
            }
            if let Some(provider) = provider {
                party(w, IMAGE_SUPPLIER.role, provider, None);
            }
        });
    }
    w.constant(constant!("name", picture!()));
    if let Some(url) = &image.url {
        w.key(key!("renditions")).array(|w| {
            w.object(|w| {
                w.key(key!("href")).plain_str(url.as_str());
                w.constant(constant!("name", "main"));
            });
        });
    }
    w.constant(constant!("type", "picture"));
    match &image.url {
        Some(url) => w.key(key!("uri")).plain_str(url.as_str()),
        None => w.key(key!("uri")).str(&with_fragment(item_uri, PICTURE)),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    #[track_caller]
    fn check(input: &str, expect: Option<&str>) {
        assert_eq!(to_uri(input).as_deref(), expect, "to_uri({input:?})");
    }

    #[test]
    fn ids_as_uris() {
        for (input, expect) in [
            ("https://n.example/a", Some("https://n.example/a")),
            (
                "tag:n.example,2026:tide-tables",
                Some("tag:n.example,2026:tide-tables"),
            ),
            (
                "tag:café.example,2026:a",
                Some("tag:caf%C3%A9.example,2026:a"),
            ),
            ("https://n.example/a#b#c", Some("https://n.example/a#b%23c")),
            ("https://n.example/100%25", Some("https://n.example/100%25")),
            ("https://n.example/100%", Some("https://n.example/100%25")),
            ("urn:x:<a>|{b}", Some("urn:x:%3Ca%3E%7C%7Bb%7D")),
            ("urn:x:🚢", Some("urn:x:%F0%9F%9A%A2")),
            ("lighthouse keeper", None),
            ("has space:x", None),
            ("tag:has space", None),
            ("tag:", None),
            ("1tag:x", None),
            ("/articles/a", None),
            ("", None),
        ] {
            check(input, expect);
        }
    }

    /// The bytes looked at are exactly those a URI does not keep as they are, and `#` and `%`.
    #[test]
    fn looks_at_every_byte_a_uri_may_not_keep() {
        for b in 0..=u8::MAX {
            let kept = b.is_ascii_alphanumeric() || b"-._~:/?@!$&'()*+,;=".contains(&b);
            assert_eq!(looked_at(b), !kept, "{b:#04X}");
        }
    }

    /// [`to_uri`] as it reads: character by character.
    fn to_uri_by_chars(s: &str) -> Option<String> {
        let (scheme, rest) = s.split_once(':')?;
        let mut chars = scheme.chars();
        let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !scheme_ok || rest.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let mut out = String::new();
        let mut fragment = false;
        let bytes = s.as_bytes();
        for (i, c) in s.char_indices() {
            let keep = match c {
                'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' => true,
                ':' | '/' | '?' | '@' | '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ','
                | ';' | '=' => true,
                '#' => !std::mem::replace(&mut fragment, true),
                '%' => bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
                _ => false,
            };
            if keep {
                out.push(c);
            } else {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
        Some(out)
    }

    /// Read byte by byte, an id gives the URI that reading it character by character gives,
    /// over ids made of every kind of piece: kept, encoded, escapes, stray `%` and `#`, white
    /// space and controls within and beyond ASCII, characters of every UTF-8 length.
    #[test]
    fn ids_read_by_bytes_as_by_chars() {
        let pieces = [
            "a",
            "Z9",
            "-._~",
            ":/?@",
            "!$&'()*+,;=",
            "#",
            "%",
            "%2",
            "%2F",
            "%zz",
            "%é",
            " ",
            "\t",
            "\u{b}",
            "\u{7f}",
            "\u{85}",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "é",
            "🚢",
            "<>",
            "\"",
            "\\",
            "^`{|}",
            "\u{fffd}",
            "\u{200b}",
        ];
        let mut numbers = crate::tests::numbers(7);
        let mut next = move || numbers() as usize;
        let mut uris = 0;
        for i in 0..40_000 {
            let mut id = String::from(["tag", "https", "urn", "x+y.z-1", "1a", "", "é"][i % 7]);
            if i % 11 != 0 {
                id.push(':');
            }
            for _ in 0..next() % 16 {
                id.push_str(pieces[next() % pieces.len()]);
            }
            let by_bytes = to_uri(&id);
            assert_eq!(
                by_bytes.as_deref(),
                to_uri_by_chars(&id).as_deref(),
                "{id:?}"
            );
            // Written as it is, a URI is what writing it as a string gives.
            if let Some(uri) = &by_bytes {
                let mut written = String::new();
                crate::json::write_str(&mut written, uri);
                assert_eq!(written, format!("\"{uri}\""), "{id:?}");
            }
            uris += usize::from(by_bytes.is_some());
        }
        assert!(uris > 2_000, "{uris} ids were IRIs");
    }

    /// A party's `people` or `organisations` entry copied from its `infoSources` entry is the
    /// entry [`party`] writes with the role as `rel`, whatever the names hold (text to escape,
    /// characters left out, none at all), in every role, with a URI or without, with other
    /// members written in between.
    #[test]
    fn entries_copied_are_entries_written() {
        let pieces = [
            "\"", "\\", "\n", "\t", "\u{0}", "\u{1F}", "\u{FFFE}", "é", "🚢", "<&>", " ",
        ];
        let roles = [
            AUTHOR,
            CORRESPONDENT,
            EDITOR,
            CONTENT_SOURCE,
            IMAGE_SUPPLIER,
        ];
        let uri = AbsoluteUrl::parse("https://n.example/people/a").expect("a valid URL");
        let mut next = crate::tests::numbers(43);
        let mut copied_entries = 0;
        for _ in 0..5_000 {
            let parties: Vec<(PartyRole, String, Option<&AbsoluteUrl>)> = (0..next() % 5)
                .map(|_| {
                    let role = roles[next() as usize % roles.len()];
                    let mut name = String::new();
                    crate::tests::push_pieces(&mut name, &mut next, &pieces, 16, 3);
                    (role, name, next().is_multiple_of(2).then_some(&uri))
                })
                .collect();
            let write = |copied: bool| {
                let mut w = Writer::with_capacity(0);
                w.object(|w| {
                    let mut entries = Vec::new();
                    w.key(key!("infoSources")).array(|w| {
                        for (role, name, uri) in &parties {
                            entries.push(party(w, role.role, name, *uri));
                        }
                    });
                    w.key(key!("language")).plain_str("en");
                    w.key(key!("people")).array(|w| {
                        for (entry, (role, name, uri)) in entries.iter().zip(&parties) {
                            if copied {
                                entry.again(w, *role);
                            } else {
                                party(w, role.rel, name, *uri);
                            }
                        }
                    });
                });
                w.finish()
            };
            assert_eq!(write(true), write(false), "{parties:?}");
            copied_entries += parties.len();
        }
        assert!(copied_entries > 5_000, "{copied_entries} entries copied");
    }

    #[test]
    fn fragments() {
        for (uri, expect) in [
            ("https://n.example/a", "https://n.example/a#mainpic"),
            ("https://n.example/a#top", "https://n.example/a#mainpic"),
            ("tag:n.example,2026:a", "tag:n.example,2026:a#mainpic"),
        ] {
            assert_eq!(with_fragment(uri, PICTURE), expect, "{uri}");
        }
    }
}
