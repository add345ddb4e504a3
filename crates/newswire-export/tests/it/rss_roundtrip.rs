//! RSS read back by feed-rs, an independent parser: every field RSS carries comes back equal
//! to the record.

use chrono::Utc;
use newswire_export::{body_html, rss};
use newswire_model::Record;

use crate::fixtures::{channel, html_text, records, xml_clean};

#[track_caller]
fn check(record: &Record, entry: &feed_rs::model::Entry) {
    let slug = record.slug.as_str();
    assert_eq!(entry.id, record.id, "{slug}: guid");
    let links: Vec<&str> = entry.links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(links, [record.url.as_str()], "{slug}: link");
    let title = entry.title.as_ref().map(|t| t.content.as_str());
    assert_eq!(
        title,
        Some(xml_clean(&record.headline).as_str()),
        "{slug}: title"
    );
    // RSS descriptions are HTML: the summary is the description as HTML text.
    let summary = entry.summary.as_ref().map(|t| t.content.as_str());
    assert_eq!(
        summary,
        Some(html_text(&record.description).as_str()),
        "{slug}: summary"
    );
    let body = entry.content.as_ref().and_then(|c| c.body.as_deref());
    assert_eq!(body, Some(body_html(record).as_str()), "{slug}: content");
    assert_eq!(
        entry.published,
        Some(record.published.with_timezone(&Utc)),
        "{slug}: published"
    );
    let authors: Vec<Option<&str>> = entry.authors.iter().map(|p| p.name.as_deref()).collect();
    let want: Vec<Option<&str>> = record
        .authors
        .iter()
        .map(|p| Some(p.name.as_str()))
        .collect();
    assert_eq!(authors, want, "{slug}: authors");
    let categories: Vec<(&str, Option<&str>)> = entry
        .categories
        .iter()
        .map(|c| (c.term.as_str(), c.scheme.as_deref()))
        .collect();
    let mut want: Vec<(&str, Option<&str>)> = record
        .section
        .iter()
        .chain(&record.keywords)
        .map(|k| (k.as_str(), None))
        .collect();
    if let Some(genre) = record.genre {
        want.push((
            genre.iptc_code(),
            Some("http://cv.iptc.org/newscodes/genre/"),
        ));
    }
    assert_eq!(categories, want, "{slug}: categories");

    let image = record.image.as_ref().filter(|i| i.url.is_some());
    let media: Vec<Option<&str>> = entry
        .media
        .iter()
        .flat_map(|m| &m.content)
        .map(|c| c.url.as_ref().map(|u| u.as_str()))
        .collect();
    let want: Vec<Option<&str>> = image
        .iter()
        .map(|i| i.url.as_ref().map(|u| u.as_str()))
        .collect();
    assert_eq!(media, want, "{slug}: media url");
    if let Some(image) = image {
        let object = &entry.media[0];
        let credits: Vec<&str> = object.credits.iter().map(|c| c.entity.as_str()).collect();
        let want: Vec<&str> = image
            .credit
            .iter()
            .flat_map(|c| c.creator.iter().chain(&c.provider))
            .map(String::as_str)
            .collect();
        assert_eq!(credits, want, "{slug}: credits");
        let description = object.description.as_ref().map(|t| t.content.as_str());
        assert_eq!(
            description,
            image.caption.as_deref().or(image.alt.as_deref()),
            "{slug}: picture description"
        );
    }
}

#[test]
fn feed_rs_reads_back_every_field() {
    let channel = channel();
    let records = records();
    let refs: Vec<&Record> = records.iter().collect();
    let xml = rss(&channel, &refs);
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("feed-rs parses the feed");

    assert_eq!(feed.feed_type, feed_rs::model::FeedType::RSS2);
    assert_eq!(
        feed.title.as_ref().map(|t| t.content.as_str()),
        Some(channel.title.as_str())
    );
    assert_eq!(
        feed.description.as_ref().map(|t| t.content.as_str()),
        Some(channel.description.as_str())
    );
    assert_eq!(feed.language.as_deref(), Some(channel.language.as_str()));
    assert_eq!(
        feed.rights.as_ref().map(|t| t.content.as_str()),
        channel.rights.as_deref()
    );
    let newest = records
        .iter()
        .map(Record::updated)
        .max()
        .map(|t| t.with_timezone(&Utc));
    assert_eq!(feed.updated, newest, "lastBuildDate");
    assert_eq!(
        feed.logo.as_ref().map(|l| l.uri.as_str()),
        channel.publisher.logo.as_ref().map(|u| u.as_str())
    );
    let links: Vec<&str> = feed.links.iter().map(|l| l.href.as_str()).collect();
    assert!(links.contains(&channel.home_url.as_str()), "{links:?}");
    assert!(
        links.contains(&"https://ledger.example/feeds/rss.xml"),
        "{links:?}"
    );

    assert_eq!(feed.entries.len(), records.len());
    for (record, entry) in records.iter().zip(&feed.entries) {
        check(record, entry);
    }
}
