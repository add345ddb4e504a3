//! JSON Feed 1.1 documents (`feed.json`).
//!
//! What the specification asks, and the choices where it leaves room:
//! - `version` is `https://jsonfeed.org/version/1.1`; keys come out sorted (see
//!   [`crate::to_json_bytes`]), so it is not the first key, which the specification only
//!   recommends;
//! - `authors`, never the deprecated `author`: the publisher for the feed, and each item's own
//!   authors; an item that credits nobody inherits the feed's (the specification's rule), as
//!   in Atom;
//! - the publisher logo is `icon`; `favicon` is left out, as it should be a small square and a
//!   logo is neither for sure;
//! - `id` is the record's id (the RSS `guid`, the Atom `id`); `content_html` is the body HTML
//!   (always present, as an item needs content); no `content_text`, which would double the
//!   feed for text the HTML already holds escaped;
//! - `summary` is the plain description, `image` the picture URL when known, `tags` the
//!   section then the keywords, `date_published` and `date_modified` (the record's last
//!   update) in RFC 3339 in the record's own offset, `language` on every item;
//! - the facts JSON Feed has no field for travel in the extension object `_newswire`, each in
//!   the record format's own shape: on the feed `rights`; on an item `contributors`,
//!   `editors`, `publisher`, `dateline`, `genre`, `sources`, `section` and `image` (the whole
//!   picture: URL, alternative text, caption and credit).

use newswire_model::{Channel, Record};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::date::rfc3339;
use crate::html::{check_bodies, with_bodies};
use crate::json::clean_value;
use crate::text::has_text;

/// The `version` of every document.
pub(crate) const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// The extension key for newswire's facts, on the feed and on items.
pub(crate) const EXTENSION: &str = "_newswire";

/// The channel's JSON Feed 1.1 document of `records`, given newest first and already cut to
/// the window.
///
/// Serialise it with [`crate::to_json_bytes`]: the same records give the same bytes.
pub fn json_feed(channel: &Channel, records: &[&Record]) -> Value {
    with_bodies(records, |bodies| json_feed_with(channel, records, bodies))
}

/// [`json_feed`] of `records` whose body fragments are already made: `bodies[i]` is
/// [`body_html`](crate::body_html)`(records[i])`, as a build keeps it from the article's page.
/// The same value as [`json_feed`].
pub fn json_feed_with(channel: &Channel, records: &[&Record], bodies: &[&str]) -> Value {
    check_bodies(records, bodies);
    let mut feed = Map::new();
    feed.insert("version".into(), JSON_FEED_VERSION.into());
    feed.insert("title".into(), channel.title.as_str().into());
    feed.insert("home_page_url".into(), channel.home_url.as_str().into());
    feed.insert(
        "feed_url".into(),
        channel.output_url("feed.json").as_str().into(),
    );
    if has_text(&channel.description) {
        feed.insert("description".into(), channel.description.as_str().into());
    }
    feed.insert("language".into(), channel.language.as_str().into());
    feed.insert(
        "authors".into(),
        json!([{"name": channel.publisher.name, "url": channel.publisher.url.as_str()}]),
    );
    if let Some(logo) = &channel.publisher.logo {
        feed.insert("icon".into(), logo.as_str().into());
    }
    if let Some(rights) = &channel.rights {
        feed.insert(EXTENSION.into(), json!({ "rights": rights }));
    }
    let items = records
        .iter()
        .zip(bodies)
        .map(|(r, body)| item(r, body))
        .collect();
    feed.insert("items".into(), Value::Array(items));
    let mut value = Value::Object(feed);
    clean_value(&mut value);
    value
}

fn item(record: &Record, body: &str) -> Value {
    let mut item = Map::new();
    item.insert("id".into(), record.id.as_str().into());
    item.insert("url".into(), record.url.as_str().into());
    item.insert("title".into(), record.headline.as_str().into());
    item.insert("content_html".into(), body.into());
    if has_text(&record.description) {
        item.insert("summary".into(), record.description.as_str().into());
    }
    if let Some(url) = record.image.as_ref().and_then(|i| i.url.as_ref()) {
        item.insert("image".into(), url.as_str().into());
    }
    item.insert("date_published".into(), rfc3339(&record.published).into());
    item.insert("date_modified".into(), rfc3339(&record.updated()).into());
    if !record.authors.is_empty() {
        let authors = record
            .authors
            .iter()
            .map(|p| {
                let mut author = json!({ "name": p.name });
                if let Some(url) = &p.url {
                    author["url"] = url.as_str().into();
                }
                author
            })
            .collect();
        item.insert("authors".into(), Value::Array(authors));
    }
    let mut tags: Vec<&str> = Vec::new();
    for term in record.section.iter().chain(&record.keywords) {
        if has_text(term) && !tags.contains(&term.as_str()) {
            tags.push(term);
        }
    }
    if !tags.is_empty() {
        item.insert("tags".into(), json!(tags));
    }
    item.insert("language".into(), record.language.as_str().into());
    let extension = extension(record);
    if !extension.is_empty() {
        item.insert(EXTENSION.into(), Value::Object(extension));
    }
    Value::Object(item)
}

/// The item's `_newswire` object: the record's fields JSON Feed has no place for, in the
/// record format's shape.
fn extension(record: &Record) -> Map<String, Value> {
    let mut ext = Map::new();
    if !record.contributors.is_empty() {
        ext.insert("contributors".into(), record_shape(&record.contributors));
    }
    if !record.editors.is_empty() {
        ext.insert("editors".into(), record_shape(&record.editors));
    }
    if let Some(publisher) = &record.publisher {
        ext.insert("publisher".into(), record_shape(publisher));
    }
    if let Some(dateline) = &record.dateline {
        ext.insert("dateline".into(), record_shape(dateline));
    }
    if let Some(genre) = record.genre {
        ext.insert("genre".into(), genre.as_str().into());
    }
    if !record.sources.is_empty() {
        ext.insert("sources".into(), record_shape(&record.sources));
    }
    if let Some(section) = &record.section {
        ext.insert("section".into(), section.as_str().into());
    }
    if let Some(image) = &record.image {
        ext.insert("image".into(), record_shape(image));
    }
    ext
}

/// `value` as the record format writes it.
fn record_shape<T: Serialize>(value: &T) -> Value {
    // The model's types are plain structs with string keys: serialising them cannot fail.
    serde_json::to_value(value).unwrap_or(Value::Null)
}
