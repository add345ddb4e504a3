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

use newswire_model::{Image, Organization, Person, Record};
use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::Value;

use crate::date::rfc3339;
use crate::html::body_html;
use crate::json::{Json, Object};
use crate::rss::IPTC_GENRE_NS;
use crate::text::{clean, has_text, join_and};

/// The schema every document conforms to, named in its `standard`.
const NINJS_SCHEMA: &str = "https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json";
/// IPTC's Content Production Party Role vocabulary, for `infoSources[].role`.
const PARTY_ROLE_NS: &str = "http://cv.iptc.org/newscodes/contentprodpartyrole/";
/// The name of the picture's association.
const PICTURE: &str = "mainpic";

/// One article as an IPTC ninjs 3.1 document.
pub fn ninjs(record: &Record) -> Value {
    item(record, &body_html(record)).to_value()
}

/// The bytes of `record`'s ninjs document, made with the body fragment other outputs already
/// rendered for it (`body_html(record)`), so that a build makes it once: given that,
/// `to_json_bytes(&ninjs(record))`, written without building the `serde_json` value.
pub fn ninjs_bytes(record: &Record, body_html: &str) -> Vec<u8> {
    item(record, body_html).to_text().into_bytes()
}

/// The ninjs document of `record`, borrowing its text.
fn item<'a>(record: &'a Record, body_html: &'a str) -> Json<'a> {
    let uri = item_uri(record);
    let mut node = Object::new()
        .with(
            "standard",
            Object::new()
                .with("name", "ninjs")
                .with("version", "3.1")
                .with("schema", NINJS_SCHEMA),
        )
        .with("type", "text")
        .with("representationType", "full")
        .with("pubStatus", "usable")
        .with("firstCreated", rfc3339(&record.published))
        .with("versionCreated", rfc3339(&record.updated()))
        .with("language", record.language.as_str())
        .with(
            "headlines",
            vec![plain_text("main", &record.headline).into()],
        )
        .with(
            "descriptions",
            vec![plain_text("summary", &record.description).into()],
        );
    // Counted as written: without the characters the output leaves out.
    let text = record.body_text();
    let text = match clean(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cleaned) => cleaned,
    };
    let chars = text.chars().count() as u64;
    node.insert(
        "bodies",
        vec![
            Object::new()
                .with("role", "main")
                .with("contentType", "text/html")
                .with("value", body_html)
                .with("wordCount", record.word_count)
                .into(),
            Object::new()
                .with("role", "main")
                .with("contentType", "text/plain")
                .with("value", text)
                .with("wordCount", record.word_count)
                .with("charCount", chars)
                .into(),
        ],
    );
    if !record.authors.is_empty() {
        let names: Vec<&str> = record.authors.iter().map(|p| p.name.as_str()).collect();
        node.insert("by", join_and(&names));
    }
    let parties: Vec<Object<'a>> = people(&record.authors, "author")
        .chain(people(&record.contributors, "correspondent"))
        .chain(people(&record.editors, "editor"))
        .chain(record.sources.iter().map(source))
        .collect();
    if !parties.is_empty() {
        let (orgs, persons): (Vec<Json<'a>>, Vec<Json<'a>>) =
            parties.iter().cloned().map(role_as_rel).partition(|p| {
                matches!(p, Json::Object(o) if matches!(
                    o.get("rel"),
                    Some(Json::Str(rel)) if rel.ends_with("/contentSource")
                ))
            });
        if !persons.is_empty() {
            node.insert("people", persons);
        }
        if !orgs.is_empty() {
            node.insert("organisations", orgs);
        }
        let parties: Vec<Json<'a>> = parties.into_iter().map(Json::from).collect();
        node.insert("infoSources", parties);
    }
    if let Some(dateline) = &record.dateline {
        let located: Json<'a> = match &dateline.region {
            Some(region) => [dateline.place.as_str(), ", ", region].concat().into(),
            None => dateline.place.as_str().into(),
        };
        node.insert("located", located);
    }
    if let Some(genre) = record.genre {
        let code = genre.iptc_code();
        node.insert(
            "genres",
            vec![
                Object::new()
                    .with("uri", [IPTC_GENRE_NS, code].concat())
                    .with("name", code)
                    .into(),
            ],
        );
    }
    let mut subjects: Vec<Json<'a>> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for keyword in &record.keywords {
        if has_text(keyword) && !seen.contains(&keyword.as_str()) {
            subjects.push(Object::new().with("name", keyword.as_str()).into());
            seen.push(keyword);
        }
    }
    if !subjects.is_empty() {
        node.insert("subjects", subjects);
    }
    if let Some(publisher) = &record.publisher {
        node.insert("copyrightHolder", publisher.name.as_str());
    }
    node.insert(
        "renditions",
        vec![
            Object::new()
                .with("name", "web")
                .with("href", record.url.as_str())
                .with("contentType", "text/html")
                .into(),
        ],
    );
    if let Some(image) = &record.image {
        node.insert("associations", vec![picture(image, &uri).into()]);
    }
    node.insert("uri", uri);
    node.into()
}

/// A `headlines` or `descriptions` entry: `text` as plain text in `role`.
fn plain_text<'a>(role: &'static str, text: &'a str) -> Object<'a> {
    Object::new()
        .with("role", role)
        .with("contentType", "text/plain")
        .with("value", text)
}

/// The item's `uri`: the record's id as a URI, or the page URL when the id is no IRI.
fn item_uri(record: &Record) -> String {
    to_uri(&record.id).unwrap_or_else(|| record.url.as_str().to_owned())
}

/// `s` as an RFC 3986 URI when it is an absolute IRI (a scheme, a colon, something after it,
/// no white space or control character): characters a URI cannot hold are percent-encoded as
/// UTF-8, which is how RFC 3987 maps an IRI to the URI it stands for. `None` otherwise.
fn to_uri(s: &str) -> Option<String> {
    let (scheme, rest) = s.split_once(':')?;
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || rest.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut fragment = false;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        let keep = match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' => true,
            ':' | '/' | '?' | '@' | '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';'
            | '=' => true,
            // Only the first `#` opens the fragment; a later one is data.
            '#' => !std::mem::replace(&mut fragment, true),
            // A `%` that starts an escape stays; a stray one is data.
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

/// `uri` with its fragment replaced by `fragment`.
fn with_fragment(uri: &str, fragment: &str) -> String {
    let base = uri.split_once('#').map_or(uri, |(base, _)| base);
    format!("{base}#{fragment}")
}

/// The `infoSources` entries of `people`, each with the party role `role`.
fn people<'a>(people: &'a [Person], role: &'a str) -> impl Iterator<Item = Object<'a>> + 'a {
    people.iter().map(move |p| {
        let mut party = Object::new()
            .with("name", p.name.as_str())
            .with("role", [PARTY_ROLE_NS, role].concat());
        if let Some(url) = &p.url {
            party.insert("uri", url.as_str());
        }
        party
    })
}

/// An `infoSources` entry as a `people` or `organisations` entry: its `role` becomes `rel`.
fn role_as_rel(mut party: Object<'_>) -> Json<'_> {
    if let Some(role) = party.remove("role") {
        party.insert("rel", role);
    }
    party.into()
}

/// The `infoSources` entry of an organisation the article draws on.
fn source(org: &Organization) -> Object<'_> {
    let mut party = Object::new()
        .with("name", org.name.as_str())
        .with("role", [PARTY_ROLE_NS, "contentSource"].concat());
    if let Some(url) = &org.url {
        party.insert("uri", url.as_str());
    }
    party
}

/// The picture's association: its own ninjs object of type `picture`.
fn picture<'a>(image: &'a Image, item_uri: &str) -> Object<'a> {
    let uri = match &image.url {
        Some(url) => url.as_str().into(),
        None => Json::from(with_fragment(item_uri, PICTURE)),
    };
    let mut node = Object::new()
        .with("name", PICTURE)
        .with("uri", uri)
        .with("type", "picture");
    if let Some(url) = &image.url {
        node.insert(
            "renditions",
            vec![
                Object::new()
                    .with("name", "main")
                    .with("href", url.as_str())
                    .into(),
            ],
        );
    }
    let mut descriptions: Vec<Json<'a>> = Vec::new();
    if let Some(caption) = image.caption.as_deref().filter(|c| has_text(c)) {
        descriptions.push(plain_text("caption", caption).into());
    }
    if let Some(alt) = image.alt.as_deref().filter(|a| has_text(a)) {
        descriptions.push(plain_text("alt", alt).into());
    }
    if !descriptions.is_empty() {
        node.insert("descriptions", descriptions);
    }
    if let Some(credit) = &image.credit {
        if has_text(&credit.text) {
            node.insert("by", credit.text.as_str());
        }
        let mut parties: Vec<Json<'a>> = Vec::new();
        if let Some(creator) = &credit.creator {
            parties.push(
                Object::new()
                    .with("name", creator.as_str())
                    .with("role", [PARTY_ROLE_NS, "author"].concat())
                    .into(),
            );
        }
        if let Some(provider) = &credit.provider {
            parties.push(
                Object::new()
                    .with("name", provider.as_str())
                    .with("role", [PARTY_ROLE_NS, "imgSupplier"].concat())
                    .into(),
            );
        }
        if !parties.is_empty() {
            node.insert("infoSources", parties);
        }
    }
    node
}

#[cfg(test)]
mod tests {
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
