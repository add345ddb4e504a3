//! schema.org JSON-LD: one `NewsArticle` per article and a `DataFeed` listing a channel's.
//!
//! Terms follow Google's Article guidance and the schema.org vocabulary: only core types
//! (`NewsArticle`, not the pending genre subtypes, which are named in `additionalType`
//! instead), every property used on a type in its domain with a value in its range. Two
//! pending terms are kept on purpose: `creditText`, the only term for a picture's printed
//! credit, and `jobTitle`, for an author's role, which has no core equivalent.
//!
//! Choices where schema.org offers several:
//! - `genre` is the IPTC genre URL (`http://cv.iptc.org/newscodes/genre/Analysis`);
//! - each source is a `citation` `CreativeWork` whose `publisher` is the source organisation
//!   (`citation` takes works, not organisations);
//! - a picture's supplying agency is its `sourceOrganization`, the photographer its `creator`;
//! - a picture credit without a URL is still an `ImageObject`, carrying the credit only.

use newswire_model::{Channel, Image, Organization, Person, Record, find_byte};
use serde_json::{Map, Value, json};

use crate::body::RenderedBody;
use crate::date::rfc3339;
use crate::document::Document;
use crate::json::{Key, Writer, clean_value, constant, from_own_text, key};
use crate::rss::IPTC_GENRE_NS;

/// The `@context` of every document.
macro_rules! schema_org {
    () => {
        "https://schema.org"
    };
}
pub(crate) const SCHEMA_ORG: &str = schema_org!();

/// One `NewsArticle` document for `record`, with `"@context": "https://schema.org"`.
pub fn jsonld_article(record: &Record) -> Value {
    from_own_text(jsonld_article_text(record, &RenderedBody::of(record)).as_str())
}

/// The text of an article's `NewsArticle` document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonLdText {
    text: String,
}

impl JsonLdText {
    /// The document's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The document's text, owned.
    pub fn into_string(self) -> String {
        self.text
    }
}

/// The text of `record`'s `NewsArticle` document, made with its body as rendered once for
/// every document (`RenderedBody::of(record)`): given that, the bytes are
/// `to_json_bytes(&jsonld_article(record))`, written straight from the record.
pub fn jsonld_article_text(record: &Record, body: &RenderedBody) -> JsonLdText {
    JsonLdText {
        text: jsonld_article_document(record, body).into_string(),
    }
}

/// [`jsonld_article_text`] as a [`Document`] that borrows the body's string from `body`: its
/// one piece, which a page embeds with the body's script rendition in its place.
// Never inlined: `cargo xtask bench` counts a stage's instructions here.
#[inline(never)]
pub fn jsonld_article_document<'a>(record: &Record, body: &'a RenderedBody) -> Document<'a> {
    // All but the body, which is rarely above 2.5 KB.
    let mut w = Writer::with_capacity(record.description.len() + 3072);
    w.object(|w| article(w, record, body));
    w.finish_document()
}

/// Writes the members of `record`'s `NewsArticle` node, in key order, with `body` as its
/// text.
fn article<'a>(w: &mut Writer<'a>, record: &Record, body: &'a RenderedBody) {
    w.constant(constant!("@context", schema_org!()));
    if is_absolute_iri(&record.id) {
        w.key(key!("@id")).str(&record.id);
    }
    w.constant(constant!("@type", "NewsArticle"));
    if let Some(subtype) = record.genre.and_then(|g| g.schema_org_type()) {
        w.key(key!("additionalType"))
            .plain_str(&[SCHEMA_ORG, "/", subtype].concat());
    }
    w.key(key!("articleBody")).spliced_str(body.text_json());
    if let Some(section) = &record.section {
        w.key(key!("articleSection")).str(section);
    }
    people(w, key!("author"), &record.authors);
    if !record.sources.is_empty() {
        w.key(key!("citation")).array(|w| {
            for source in &record.sources {
                w.object(|w| {
                    w.constant(constant!("@type", "CreativeWork"));
                    w.key(key!("publisher")).object(|w| organization(w, source));
                });
            }
        });
    }
    if let Some(dateline) = &record.dateline {
        w.key(key!("contentLocation")).object(|w| {
            w.constant(constant!("@type", "Place"));
            if let Some(region) = &dateline.region {
                w.key(key!("containedInPlace")).object(|w| {
                    w.constant(constant!("@type", "Place"));
                    w.key(key!("name")).str(region);
                });
            }
            w.key(key!("name")).str(&dateline.place);
        });
    }
    people(w, key!("contributor"), &record.contributors);
    w.key(key!("dateModified")).plain_str(body.modified());
    w.key(key!("datePublished")).plain_str(body.published());
    if let Some(dateline) = &record.dateline {
        w.key(key!("dateline")).str(&dateline.text);
    }
    w.key(key!("description")).str(&record.description);
    people(w, key!("editor"), &record.editors);
    if let Some(genre) = record.genre {
        w.key(key!("genre"))
            .plain_str(&[IPTC_GENRE_NS, genre.iptc_code()].concat());
    }
    w.key(key!("headline")).str(&record.headline);
    if let Some(image) = &record.image {
        w.key(key!("image")).object(|w| image_object(w, image));
    }
    w.key(key!("inLanguage"))
        .plain_str(record.language.as_str());
    if !record.keywords.is_empty() {
        w.key(key!("keywords")).array(|w| {
            for keyword in &record.keywords {
                w.str(keyword);
            }
        });
    }
    w.key(key!("mainEntityOfPage"))
        .plain_str(record.url.as_str());
    if let Some(publisher) = &record.publisher {
        w.key(key!("publisher"))
            .object(|w| organization(w, publisher));
    }
    w.key(key!("url")).plain_str(record.url.as_str());
    w.key(key!("wordCount")).uint(u64::from(record.word_count));
}

/// The channel document: a `DataFeed` whose `dataFeedElement`s summarise `records` (id, URL,
/// headline, description, dates, language, author names, picture URL), in the order given;
/// each article's own document has the rest.
pub fn jsonld_channel(channel: &Channel, records: &[&Record]) -> Value {
    let mut node = Map::new();
    node.insert("@context".into(), SCHEMA_ORG.into());
    node.insert("@type".into(), "DataFeed".into());
    node.insert(
        "@id".into(),
        channel.output_url("feed.jsonld").as_str().into(),
    );
    node.insert("name".into(), channel.title.as_str().into());
    node.insert("description".into(), channel.description.as_str().into());
    node.insert("url".into(), channel.home_url.as_str().into());
    node.insert("inLanguage".into(), channel.language.as_str().into());
    let mut publisher = Writer::with_capacity(256);
    publisher.object(|w| organization(w, &channel.publisher_organization()));
    node.insert("publisher".into(), from_own_text(&publisher.finish()));
    if let Some(newest) = records.iter().map(|r| r.updated()).max() {
        node.insert("dateModified".into(), rfc3339(&newest).into());
    }
    let items = records.iter().map(|r| article_summary(r)).collect();
    node.insert("dataFeedElement".into(), Value::Array(items));
    let mut value = Value::Object(node);
    clean_value(&mut value);
    value
}

/// The short `NewsArticle` node a channel document lists.
fn article_summary(record: &Record) -> Value {
    let mut node = Map::new();
    node.insert("@type".into(), "NewsArticle".into());
    if is_absolute_iri(&record.id) {
        node.insert("@id".into(), record.id.as_str().into());
    }
    node.insert("url".into(), record.url.as_str().into());
    node.insert("headline".into(), record.headline.as_str().into());
    node.insert("description".into(), record.description.as_str().into());
    node.insert("datePublished".into(), rfc3339(&record.published).into());
    node.insert("dateModified".into(), rfc3339(&record.updated()).into());
    node.insert("inLanguage".into(), record.language.as_str().into());
    if !record.authors.is_empty() {
        let names = record
            .authors
            .iter()
            .map(|p| json!({"@type": "Person", "name": p.name}))
            .collect();
        node.insert("author".into(), Value::Array(names));
    }
    if let Some(url) = record.image.as_ref().and_then(|i| i.url.as_ref()) {
        node.insert("image".into(), url.as_str().into());
    }
    Value::Object(node)
}

/// `people` under `key`, each a `Person`; nothing when there are none.
fn people(w: &mut Writer, key: Key, people: &[Person]) {
    if people.is_empty() {
        return;
    }
    w.key(key).array(|w| {
        for p in people {
            w.object(|w| person(w, p));
        }
    });
}

/// A `Person` with the name alone in `name`, the role in `jobTitle`.
fn person(w: &mut Writer, p: &Person) {
    w.constant(constant!("@type", "Person"));
    if let Some(role) = &p.role {
        w.key(key!("jobTitle")).str(role);
    }
    w.key(key!("name")).str(&p.name);
    if let Some(url) = &p.url {
        w.key(key!("url")).plain_str(url.as_str());
    }
}

/// The members of an `Organization` node.
fn organization(w: &mut Writer, o: &Organization) {
    w.constant(constant!("@type", "Organization"));
    if let Some(logo) = &o.logo {
        w.key(key!("logo")).object(|w| {
            w.constant(constant!("@type", "ImageObject"));
            w.key(key!("url")).plain_str(logo.as_str());
        });
    }
    w.key(key!("name")).str(&o.name);
    if let Some(url) = &o.url {
        w.key(key!("url")).plain_str(url.as_str());
    }
}

/// The members of the picture's `ImageObject` node.
fn image_object(w: &mut Writer, image: &Image) {
    let credit = image.credit.as_ref();
    w.constant(constant!("@type", "ImageObject"));
    if let Some(caption) = &image.caption {
        w.key(key!("caption")).str(caption);
    }
    if let Some(url) = &image.url {
        w.key(key!("contentUrl")).plain_str(url.as_str());
    }
    if let Some(creator) = credit.and_then(|c| c.creator.as_ref()) {
        w.key(key!("creator")).object(|w| {
            w.constant(constant!("@type", "Person"));
            w.key(key!("name")).str(creator);
        });
    }
    if let Some(credit) = credit {
        w.key(key!("creditText")).str(&credit.text);
    }
    if let Some(alt) = &image.alt {
        w.key(key!("description")).str(alt);
    }
    if let Some(provider) = credit.and_then(|c| c.provider.as_ref()) {
        w.key(key!("sourceOrganization")).object(|w| {
            w.constant(constant!("@type", "Organization"));
            w.key(key!("name")).str(provider);
        });
    }
    if let Some(url) = &image.url {
        w.key(key!("url")).plain_str(url.as_str());
    }
}

/// Whether `s` is an absolute IRI (a scheme, a colon, no white space), so that it can be a
/// node's `@id` without being resolved against the document's location; ninjs writes such an
/// id as its `uri`.
///
/// The scheme's characters are all ASCII and the colon is not one of them, so the scheme
/// ends at the first byte that is not a scheme character, which must be the colon.
pub(crate) fn is_absolute_iri(s: &str) -> bool {
    let bytes = s.as_bytes();
    let scheme_char = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.');
    let colon = bytes
        .iter()
        .skip(1)
        .position(|b| !scheme_char(b))
        .map(|i| i + 1);
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && colon.is_some_and(|at| bytes[at] == b':' && at + 1 < bytes.len())
        && !has_space_or_control(s)
}

/// Whether `s` holds white space or a control character. ASCII white space and controls are
/// the bytes up to space, and DEL: sought a block of bytes at a time, with the bytes beyond
/// ASCII, so that only text with a character beyond ASCII is read character by character.
fn has_space_or_control(s: &str) -> bool {
    match find_byte(s.as_bytes(), 0, |b| (b <= b' ') | (b >= 0x7F)) {
        None => false,
        Some(at) if s.as_bytes()[at] < 0x80 => true,
        Some(_) => s.chars().any(|c| c.is_whitespace() || c.is_control()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expect: bool) {
        assert_eq!(is_absolute_iri(input), expect, "is_absolute_iri({input:?})");
    }

    #[test]
    fn absolute_iris() {
        for (input, expect) in [
            ("https://news.example/a", true),
            ("tag:news.example,2026:harbour-ferry", true),
            ("urn:uuid:0b9f", true),
            ("harbour-ferry", false),
            ("/articles/a", false),
            ("1tag:x", false),
            ("tag:", false),
            ("tag:has space", false),
            ("tag:tab\there", false),
            ("tag:del\u{7F}", false),
            ("tag:nbsp\u{A0}é", false),
            ("tag:next-line\u{85}é", false),
            ("tag:café", true),
            ("", false),
        ] {
            check(input, expect);
        }
    }

    /// [`is_absolute_iri`] as it reads: the scheme up to the first colon, character by
    /// character.
    fn is_absolute_iri_by_chars(s: &str) -> bool {
        let Some((scheme, rest)) = s.split_once(':') else {
            return false;
        };
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !rest.is_empty()
            && !s.chars().any(|c| c.is_whitespace() || c.is_control())
    }

    /// Over ids made of every kind of piece, of every length around the blocks the bytes are
    /// sought in, read by bytes an id is an absolute IRI exactly when it is read by characters.
    #[test]
    fn iris_read_by_bytes_as_by_chars() {
        let pieces = [
            "a", "Z9", "+-.", ":", "/", "#", "_", " ", "\t", "\u{7f}", "\u{85}", "\u{a0}",
            "\u{2003}", "é", "🚢", "1",
        ];
        let mut next = crate::tests::numbers(23);
        let mut iris = 0;
        for i in 0..50_000 {
            let mut id = String::from(["tag:", "https://", "urn:x", "x+y.z-1:", "", "é:"][i % 6]);
            crate::tests::push_pieces(&mut id, &mut next, &pieces, 80, 8);
            let expect = is_absolute_iri_by_chars(&id);
            assert_eq!(is_absolute_iri(&id), expect, "{id:?}");
            iris += usize::from(expect);
        }
        assert!((5_000..45_000).contains(&iris), "{iris} ids were IRIs");
    }

    #[test]
    fn space_and_controls_as_chars_say() {
        // Every ASCII byte, alone and beside a character beyond ASCII (the other path).
        for b in 0..=0x7F_u8 {
            let c = char::from(b);
            let expect = c.is_whitespace() || c.is_control();
            assert_eq!(has_space_or_control(&c.to_string()), expect, "{c:?}");
            assert_eq!(has_space_or_control(&format!("é{c}")), expect, "{c:?}");
        }
    }
}
