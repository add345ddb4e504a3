//! Atom 1.0 (RFC 4287) feeds (`atom.xml`), with Media RSS for pictures.
//!
//! What RFC 4287 requires, and the choices where it leaves room:
//! - the feed `id` is the feed's own published URL (`<feed_url>atom.xml`, the same IRI as
//!   `link rel="self"`): unique per channel, where the home page may be shared by several;
//! - the feed `updated` is the newest entry's `updated`, never the clock; a feed with no entry
//!   says `1970-01-01T00:00:00+00:00`, the one fixed instant that claims no change;
//! - the publisher is the feed's `author`, so an entry that credits nobody still has one (RFC
//!   4287 §4.1.1); entries list their own authors, and contributors and editors as
//!   `contributor`;
//! - dates in RFC 3339 in the record's own offset;
//! - `summary type="text"` is the plain description, `content type="html"` the body HTML;
//!   either is left out when empty (the entry's alternate link stands in for content);
//! - section and keywords are `category term`s, the genre a category in the IPTC genre
//!   scheme;
//! - the picture is `media:content` with `media:credit`, as in RSS, only when its URL is
//!   known: feed-rs and feedparser both read it in Atom entries, it carries the caption and
//!   credits, and it needs no media type, which an `enclosure` link would have to guess from
//!   the file name;
//! - `xml:lang` on an entry whose language differs from the feed's;
//! - the publisher logo is `logo`, not `icon`, which RFC 4287 wants square.

use std::io;

use newswire_model::{Channel, Person, Record, Timestamp};

use crate::date::rfc3339;
use crate::html::{check_bodies, with_bodies};
use crate::rss::{ATOM_NS, GENERATOR, IPTC_GENRE_NS, MEDIA_NS};
use crate::text::has_text;
use crate::xml::{XmlOut, write_media};

/// The feed's `updated` when it has no entry: the Unix epoch.
const EMPTY_FEED_UPDATED: &str = "1970-01-01T00:00:00+00:00";

/// The channel's Atom 1.0 feed of `records`, given newest first and already cut to the window.
///
/// The output depends on nothing but the arguments: the same records give the same bytes.
pub fn atom(channel: &Channel, records: &[&Record]) -> String {
    with_bodies(records, |bodies| atom_with(channel, records, bodies))
}

/// [`atom`] of `records` whose body fragments are already made: `bodies[i]` is
/// [`body_html`](crate::body_html)`(records[i])`, as a build keeps it from the article's page.
/// The same bytes as [`atom`].
pub fn atom_with(channel: &Channel, records: &[&Record], bodies: &[&str]) -> String {
    check_bodies(records, bodies);
    let capacity = 2048
        + records
            .iter()
            .map(|r| {
                let body: usize = r.body.iter().map(|b| b.text().len()).sum();
                r.description.len() + 2 * body + 1536
            })
            .sum::<usize>();
    // Writing into memory cannot fail; an empty string stands for the impossible case.
    write_atom(channel, records, bodies, capacity).unwrap_or_default()
}

fn write_atom(
    channel: &Channel,
    records: &[&Record],
    bodies: &[&str],
    capacity: usize,
) -> io::Result<String> {
    let mut x = XmlOut::new(capacity)?;
    x.start(
        "feed",
        &[
            ("xmlns", ATOM_NS),
            ("xmlns:media", MEDIA_NS),
            ("xml:lang", channel.language.as_str()),
        ],
    )?;
    let me = channel.output_url("atom.xml");
    x.text("id", me.as_str())?;
    x.text_element("title", &[("type", "text")], &channel.title)?;
    if has_text(&channel.description) {
        x.text_element("subtitle", &[("type", "text")], &channel.description)?;
    }
    let updated = match records.iter().map(|r| r.updated()).max() {
        Some(newest) => rfc3339(&newest),
        None => EMPTY_FEED_UPDATED.to_owned(),
    };
    x.text("updated", &updated)?;
    x.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", me.as_str()),
        ],
    )?;
    x.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", channel.home_url.as_str()),
        ],
    )?;
    write_person(
        &mut x,
        "author",
        &channel.publisher.name,
        Some(channel.publisher.url.as_str()),
    )?;
    if let Some(rights) = &channel.rights {
        x.text_element("rights", &[("type", "text")], rights)?;
    }
    x.text("generator", GENERATOR)?;
    if let Some(logo) = &channel.publisher.logo {
        x.text("logo", logo.as_str())?;
    }
    for (record, body) in records.iter().zip(bodies) {
        write_entry(&mut x, channel, record, body)?;
    }
    x.end("feed")?;
    Ok(x.finish())
}

fn write_entry(x: &mut XmlOut, channel: &Channel, record: &Record, body: &str) -> io::Result<()> {
    if record.language == channel.language {
        x.start("entry", &[])?;
    } else {
        x.start("entry", &[("xml:lang", record.language.as_str())])?;
    }
    x.text("id", &record.id)?;
    x.text_element("title", &[("type", "text")], &record.headline)?;
    x.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", record.url.as_str()),
        ],
    )?;
    write_date(x, "published", &record.published)?;
    write_date(x, "updated", &record.updated())?;
    for author in &record.authors {
        write_named(x, "author", author)?;
    }
    for person in record.contributors.iter().chain(&record.editors) {
        write_named(x, "contributor", person)?;
    }
    if has_text(&record.description) {
        x.text_element("summary", &[("type", "text")], &record.description)?;
    }
    if !body.is_empty() {
        x.text_element("content", &[("type", "html")], body)?;
    }
    let mut written: Vec<&str> = Vec::new();
    for term in record.section.iter().chain(&record.keywords) {
        if has_text(term) && !written.contains(&term.as_str()) {
            x.empty("category", &[("term", term)])?;
            written.push(term);
        }
    }
    if let Some(genre) = record.genre {
        x.empty(
            "category",
            &[
                ("term", genre.iptc_code()),
                ("scheme", IPTC_GENRE_NS),
                ("label", genre.label()),
            ],
        )?;
    }
    if let Some(image) = &record.image {
        write_media(x, image)?;
    }
    x.end("entry")
}

fn write_date(x: &mut XmlOut, name: &str, t: &Timestamp) -> io::Result<()> {
    x.text(name, &rfc3339(t))
}

fn write_named(x: &mut XmlOut, element: &str, person: &Person) -> io::Result<()> {
    write_person(
        x,
        element,
        &person.name,
        person.url.as_ref().map(|u| u.as_str()),
    )
}

/// An Atom person construct: `name`, and `uri` when known.
fn write_person(x: &mut XmlOut, element: &str, name: &str, uri: Option<&str>) -> io::Result<()> {
    x.start(element, &[])?;
    x.text("name", name)?;
    if let Some(uri) = uri {
        x.text("uri", uri)?;
    }
    x.end(element)
}
