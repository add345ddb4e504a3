//! RSS 2.0 (`rss.xml`) with the `content`, `dc`, `media` and `atom` modules.
//!
//! What validators and readers expect, and this writer does:
//! - dates in RFC 822 with a numeric zone, in the record's own offset;
//! - `guid isPermaLink="true"` only when the id is the article's http(s) URL;
//! - people as `dc:creator` (RSS `<author>` must be an e-mail address);
//! - `description` as HTML (readers render it so): the plain summary, escaped, and the full
//!   body HTML in `content:encoded` after it;
//! - `lastBuildDate` from the newest item, never the clock;
//! - the picture as `media:content` with `media:credit`, only when its URL is known.

use std::io;

use newswire_model::{Channel, Record};

use crate::date::rfc822;
use crate::html::{check_bodies, escape, with_bodies};
use crate::xml::{XmlOut, write_media};

/// The Atom namespace, for `atom:link rel="self"`.
pub(crate) const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// The RSS content module, for `content:encoded`.
pub(crate) const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
/// Dublin Core elements, for `dc:creator` and friends.
pub(crate) const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
/// Media RSS, for `media:content`; the trailing slash is part of the name.
pub(crate) const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";
/// The IPTC genre vocabulary, the `domain` of genre categories.
pub(crate) const IPTC_GENRE_NS: &str = "http://cv.iptc.org/newscodes/genre/";
/// The name written in `generator`.
pub(crate) const GENERATOR: &str = "newswire";

/// The RSS 2.0 feed of `channel` with `records` as its items, in the order given.
///
/// The caller sorts the records newest first and cuts them to the channel's window. The
/// output depends on nothing but the arguments: the same records give the same bytes.
pub fn rss(channel: &Channel, records: &[&Record]) -> String {
    with_bodies(records, |bodies| rss_with(channel, records, bodies))
}

/// [`rss`] of `records` whose body fragments are already made: `bodies[i]` is
/// [`body_html`](crate::body_html)`(records[i])`, as a build keeps it from the article's page.
/// The same bytes as [`rss`].
pub fn rss_with(channel: &Channel, records: &[&Record], bodies: &[&str]) -> String {
    check_bodies(records, bodies);
    let capacity = 2048
        + records
            .iter()
            .map(|r| {
                let body: usize = r.body.iter().map(|b| b.text().len()).sum();
                2 * (r.description.len() + body) + 1024
            })
            .sum::<usize>();
    // Writing into memory cannot fail; an empty string stands for the impossible case.
    write_rss(channel, records, bodies, capacity).unwrap_or_default()
}

fn write_rss(
    channel: &Channel,
    records: &[&Record],
    bodies: &[&str],
    capacity: usize,
) -> io::Result<String> {
    let mut x = XmlOut::new(capacity)?;
    x.start(
        "rss",
        &[
            ("version", "2.0"),
            ("xmlns:atom", ATOM_NS),
            ("xmlns:content", CONTENT_NS),
            ("xmlns:dc", DC_NS),
            ("xmlns:media", MEDIA_NS),
        ],
    )?;
    x.start("channel", &[])?;
    x.text("title", &channel.title)?;
    x.text("link", channel.home_url.as_str())?;
    x.text("description", &channel.description)?;
    x.text("language", channel.language.as_str())?;
    if let Some(rights) = &channel.rights {
        x.text("copyright", rights)?;
    }
    if let Some(newest) = records.iter().map(|r| r.updated()).max() {
        x.text("lastBuildDate", &rfc822(&newest))?;
    }
    x.text("generator", GENERATOR)?;
    x.empty(
        "atom:link",
        &[
            ("href", channel.output_url("rss.xml").as_str()),
            ("rel", "self"),
            ("type", "application/rss+xml"),
        ],
    )?;
    if let Some(logo) = &channel.publisher.logo {
        x.start("image", &[])?;
        x.text("url", logo.as_str())?;
        x.text("title", &channel.title)?;
        x.text("link", channel.home_url.as_str())?;
        x.end("image")?;
    }
    for (record, body) in records.iter().zip(bodies) {
        write_item(&mut x, channel, record, body)?;
    }
    x.end("channel")?;
    x.end("rss")?;
    Ok(x.finish())
}

/// Whether `record.id` is its page's http(s) URL, so the guid is a permalink.
pub(crate) fn guid_is_permalink(record: &Record) -> bool {
    let id = record.id.as_str();
    (id.starts_with("https://") || id.starts_with("http://")) && id == record.url.as_str()
}

fn write_item(x: &mut XmlOut, channel: &Channel, record: &Record, body: &str) -> io::Result<()> {
    x.start("item", &[])?;
    x.text("title", &record.headline)?;
    x.text("link", record.url.as_str())?;
    let permalink = if guid_is_permalink(record) {
        "true"
    } else {
        "false"
    };
    x.text_element("guid", &[("isPermaLink", permalink)], &record.id)?;
    x.text("description", &escape(&record.description))?;
    x.text("content:encoded", body)?;
    x.text("pubDate", &rfc822(&record.published))?;
    for author in &record.authors {
        x.text("dc:creator", &author.name)?;
    }
    for person in record.contributors.iter().chain(&record.editors) {
        x.text("dc:contributor", &person.name)?;
    }
    for source in &record.sources {
        x.text("dc:source", &source.name)?;
    }
    if record.language != channel.language {
        x.text("dc:language", record.language.as_str())?;
    }
    let mut written: Vec<&str> = Vec::new();
    for term in record.section.iter().chain(&record.keywords) {
        if !term.trim().is_empty() && !written.contains(&term.as_str()) {
            x.text("category", term)?;
            written.push(term);
        }
    }
    if let Some(genre) = record.genre {
        x.text_element("category", &[("domain", IPTC_GENRE_NS)], genre.iptc_code())?;
    }
    if let Some(image) = &record.image {
        write_media(x, image)?;
    }
    x.end("item")
}
