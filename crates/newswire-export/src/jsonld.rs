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

use newswire_model::{Channel, Image, Organization, Person, Record};
use serde_json::{Map, Value, json};

use crate::date::rfc3339;
use crate::json::{Json, Object, clean_value};
use crate::rss::IPTC_GENRE_NS;

/// The `@context` of every document.
pub(crate) const SCHEMA_ORG: &str = "https://schema.org";

/// One `NewsArticle` document for `record`, with `"@context": "https://schema.org"`.
pub fn jsonld_article(record: &Record) -> Value {
    article(record).to_value()
}

/// The text of `record`'s `NewsArticle` document, whose bytes are
/// `to_json_bytes(&jsonld_article(record))`, written without building the `serde_json` value.
pub fn jsonld_article_text(record: &Record) -> String {
    article(record).to_text()
}

/// The `NewsArticle` document of `record`, borrowing its text.
fn article(record: &Record) -> Json<'_> {
    let mut node = Object::new()
        .with("@context", SCHEMA_ORG)
        .with("@type", "NewsArticle");
    if is_absolute_iri(&record.id) {
        node.insert("@id", record.id.as_str());
    }
    if let Some(subtype) = record.genre.and_then(|g| g.schema_org_type()) {
        node.insert("additionalType", [SCHEMA_ORG, "/", subtype].concat());
    }
    node.insert("url", record.url.as_str());
    node.insert("mainEntityOfPage", record.url.as_str());
    node.insert("headline", record.headline.as_str());
    node.insert("description", record.description.as_str());
    node.insert("datePublished", rfc3339(&record.published));
    node.insert("dateModified", rfc3339(&record.updated()));
    node.insert("inLanguage", record.language.as_str());
    insert_people(&mut node, "author", &record.authors);
    insert_people(&mut node, "contributor", &record.contributors);
    insert_people(&mut node, "editor", &record.editors);
    if let Some(publisher) = &record.publisher {
        node.insert("publisher", organization(publisher));
    }
    if let Some(dateline) = &record.dateline {
        node.insert("dateline", dateline.text.as_str());
        let mut place = Object::new()
            .with("@type", "Place")
            .with("name", dateline.place.as_str());
        if let Some(region) = &dateline.region {
            place.insert(
                "containedInPlace",
                Object::new()
                    .with("@type", "Place")
                    .with("name", region.as_str()),
            );
        }
        node.insert("contentLocation", place);
    }
    if let Some(genre) = record.genre {
        node.insert("genre", [IPTC_GENRE_NS, genre.iptc_code()].concat());
    }
    if !record.sources.is_empty() {
        let citations: Vec<Json<'_>> = record
            .sources
            .iter()
            .map(|source| {
                Object::new()
                    .with("@type", "CreativeWork")
                    .with("publisher", organization(source))
                    .into()
            })
            .collect();
        node.insert("citation", citations);
    }
    if let Some(image) = &record.image {
        node.insert("image", image_object(image));
    }
    if !record.keywords.is_empty() {
        let keywords: Vec<Json<'_>> = record.keywords.iter().map(|k| k.as_str().into()).collect();
        node.insert("keywords", keywords);
    }
    if let Some(section) = &record.section {
        node.insert("articleSection", section.as_str());
    }
    node.insert("articleBody", record.body_text());
    node.insert("wordCount", record.word_count);
    node.into()
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
    node.insert(
        "publisher".into(),
        Json::from(organization(&channel.publisher_organization())).to_value(),
    );
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

fn insert_people<'a>(node: &mut Object<'a>, key: &'static str, people: &'a [Person]) {
    if !people.is_empty() {
        let people: Vec<Json<'a>> = people.iter().map(|p| person(p).into()).collect();
        node.insert(key, people);
    }
}

/// A `Person` with the name alone in `name`, the role in `jobTitle`.
fn person(p: &Person) -> Object<'_> {
    let mut node = Object::new()
        .with("@type", "Person")
        .with("name", p.name.as_str());
    if let Some(role) = &p.role {
        node.insert("jobTitle", role.as_str());
    }
    if let Some(url) = &p.url {
        node.insert("url", url.as_str());
    }
    node
}

/// An `Organization`, as a JSON-LD node; the channel document, still a `serde_json` value,
/// takes it with [`Json::to_value`].
fn organization(o: &Organization) -> Object<'_> {
    let mut node = Object::new()
        .with("@type", "Organization")
        .with("name", o.name.as_str());
    if let Some(url) = &o.url {
        node.insert("url", url.as_str());
    }
    if let Some(logo) = &o.logo {
        node.insert(
            "logo",
            Object::new()
                .with("@type", "ImageObject")
                .with("url", logo.as_str()),
        );
    }
    node
}

fn image_object(image: &Image) -> Object<'_> {
    let mut node = Object::new().with("@type", "ImageObject");
    if let Some(url) = &image.url {
        node.insert("url", url.as_str());
        node.insert("contentUrl", url.as_str());
    }
    if let Some(caption) = &image.caption {
        node.insert("caption", caption.as_str());
    }
    if let Some(alt) = &image.alt {
        node.insert("description", alt.as_str());
    }
    if let Some(credit) = &image.credit {
        node.insert("creditText", credit.text.as_str());
        if let Some(creator) = &credit.creator {
            node.insert(
                "creator",
                Object::new()
                    .with("@type", "Person")
                    .with("name", creator.as_str()),
            );
        }
        if let Some(provider) = &credit.provider {
            node.insert(
                "sourceOrganization",
                Object::new()
                    .with("@type", "Organization")
                    .with("name", provider.as_str()),
            );
        }
    }
    node
}

/// Whether `s` is an absolute IRI (a scheme, a colon, no white space), so that it can be a
/// node's `@id` without being resolved against the document's location.
fn is_absolute_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
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
            ("", false),
        ] {
            check(input, expect);
        }
    }
}
