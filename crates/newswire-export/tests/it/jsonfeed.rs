//! JSON Feed 1.1: exact documents, the JSON Feed 1.1 JSON Schema with formats, unique ids,
//! canonical bytes, and a read back by feed-rs, an independent parser.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::Utc;
use newswire_export::{body_html, json_feed, to_json_bytes};
use newswire_model::{Channel, Record};
use serde_json::{Value, json};

use crate::fixtures::{channel, ferry, forbidden_char, lighthouse, records, tides, url, xml_clean};

/// The JSON Feed 1.1 schema in the conformance bundle beside the project.
const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/data/jsonfeed/jsonfeed-1.1.schema.json"
);

fn feed(channel: &Channel, records: &[Record]) -> Value {
    let refs: Vec<&Record> = records.iter().collect();
    json_feed(channel, &refs)
}

/// The document as a reader gets it: the bytes, parsed again.
fn reread(value: &Value) -> Value {
    serde_json::from_slice(&to_json_bytes(value)).expect("the bytes are JSON")
}

#[track_caller]
fn check_item(record: Record, expect: Value) {
    let doc = reread(&feed(&channel(), std::slice::from_ref(&record)));
    assert_eq!(doc["items"][0], expect, "{}", record.slug);
}

#[test]
fn items_carry_every_field() {
    let ferry_page = "https://ledger.example/articles/night-ferry-returns";
    check_item(
        ferry(),
        json!({
            "id": ferry_page,
            "url": ferry_page,
            "title": "Night ferry “Saltmere Star” returns & sails at 22:00 🚢",
            "content_html": "<p>The ferry left at 22:00 sharp; a sign read &lt;/script&gt; and ]]&gt; in chalk.</p>\n\
                <h2>What changes?</h2>\n\
                <p>Fares stay at £4 for adults &amp; “children go free”, the board&#39;s clerk said &lt;!-- twice --&gt;.</p>\n\
                <p>Crew members 🚢 cheered. &#39;It&#39;s good to be back,&#39; said one.</p>",
            "summary": "The ferry's <b>first</b> crossing since March ]]> drew 40 people & a \"brass\" band.",
            "image": "https://ledger.example/img/night-ferry.jpg",
            "date_published": "2026-11-03T09:30:00-05:00",
            "date_modified": "2026-11-03T14:05:00-05:00",
            "authors": [
                {"name": "Ana Lima", "url": "https://ledger.example/people/ana-lima"},
                {"name": "Tomás Ferreira"}
            ],
            "tags": ["Coast", "ferries", "Saltmere", "night & day"],
            "language": "en",
            "_newswire": {
                "contributors": [{"name": "Ida Marsh"}],
                "editors": [{"name": "Colm Reddy", "role": "Night Editor"}],
                "publisher": {
                    "name": "Harbour Town Ledger",
                    "url": "https://ledger.example/",
                    "logo": "https://ledger.example/logo.png"
                },
                "dateline": {
                    "text": "SALTMERE, Westhaven (Coastwire)",
                    "place": "SALTMERE",
                    "region": "Westhaven",
                    "agency": "Coastwire"
                },
                "genre": "analysis",
                "sources": [
                    {"name": "Saltmere Harbour Board", "url": "https://harbourboard.example/"},
                    {"name": "Westhaven Weather Service"}
                ],
                "section": "Coast",
                "image": {
                    "url": "https://ledger.example/img/night-ferry.jpg",
                    "alt": "The ferry's lights on black water",
                    "caption": "The Saltmere Star leaves port <!-- not a comment --> at 22:00",
                    "credit": {
                        "text": "Ana Lima / Northlight",
                        "creator": "Ana Lima",
                        "provider": "Northlight"
                    }
                }
            }
        }),
    );
    // A credit without a picture URL travels in the extension only; unmodified, the
    // modification date is the publication date.
    check_item(
        tides(),
        json!({
            "id": "tag:ledger.example,2026:tide-tables",
            "url": "https://ledger.example/articles/tide-tables",
            "title": "Les tables des marées de Port-Lune changent",
            "content_html": "<p>Les nouvelles tables entrent en vigueur lundi.</p>",
            "summary": "Le bureau du port publie de nouvelles tables.",
            "date_published": "2026-10-30T18:45:10+05:30",
            "date_modified": "2026-10-30T18:45:10+05:30",
            "authors": [{"name": "Élise Carron"}],
            "language": "fr",
            "_newswire": {
                "publisher": {"name": "Harbour Town Ledger"},
                "genre": "feature",
                "image": {"credit": {"text": "Photo: Port-Lune Archive"}}
            }
        }),
    );
    // Nobody credited: no item authors, so the feed's apply.
    check_item(
        lighthouse(),
        json!({
            "id": "https://ledger.example/old/lighthouse-keeper",
            "url": "https://ledger.example/articles/lighthouse-keeper",
            "title": "Greyness Point lighthouse gets a keeper again",
            "content_html": "<p>The keeper moved in on Sunday.</p>",
            "summary": "For the first time in 30 years, someone lives at the light.",
            "image": "https://ledger.example/img/light.jpg",
            "date_published": "2026-09-14T00:00:00+00:00",
            "date_modified": "2026-09-15T06:00:00+00:00",
            "tags": ["Coast", "lighthouses"],
            "language": "en",
            "_newswire": {
                "section": "Coast",
                "image": {"url": "https://ledger.example/img/light.jpg"}
            }
        }),
    );
    // Nothing optional: no summary, tags or extension; content_html is always there.
    let mut bare = lighthouse();
    bare.description = " \u{0} ".into();
    bare.body = vec![];
    bare.image = None;
    bare.section = None;
    bare.keywords = vec!["".into(), " ".into()];
    bare.modified = None;
    check_item(
        bare,
        json!({
            "id": "https://ledger.example/old/lighthouse-keeper",
            "url": "https://ledger.example/articles/lighthouse-keeper",
            "title": "Greyness Point lighthouse gets a keeper again",
            "content_html": "",
            "date_published": "2026-09-14T00:00:00+00:00",
            "date_modified": "2026-09-14T00:00:00+00:00",
            "language": "en"
        }),
    );
}

#[track_caller]
fn check_top(channel: Channel, records: &[Record], expect: Value) {
    let mut doc = reread(&feed(&channel, records));
    let items = doc
        .as_object_mut()
        .and_then(|o| o.remove("items"))
        .expect("the document has items");
    assert_eq!(items.as_array().map(Vec::len), Some(records.len()));
    assert_eq!(doc, expect);
}

#[test]
fn feed_fields() {
    check_top(
        channel(),
        &records(),
        json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Harbour Town Ledger & Gazette",
            "home_page_url": "https://ledger.example/",
            "feed_url": "https://ledger.example/feeds/feed.json",
            "description": "News from the harbour towns of Westhaven",
            "language": "en",
            "authors": [{"name": "Harbour Town Ledger", "url": "https://ledger.example/"}],
            "icon": "https://ledger.example/logo.png",
            "_newswire": {"rights": "© 2026 Harbour Town Ledger. All rights reserved."}
        }),
    );
    let mut bare = channel();
    bare.rights = None;
    bare.publisher.logo = None;
    bare.description = String::new();
    bare.feed_url = url("https://feeds.ledger.example/coast");
    check_top(
        bare,
        &[],
        json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Harbour Town Ledger & Gazette",
            "home_page_url": "https://ledger.example/",
            "feed_url": "https://feeds.ledger.example/coast/feed.json",
            "language": "en",
            "authors": [{"name": "Harbour Town Ledger", "url": "https://ledger.example/"}]
        }),
    );
}

/// The feeds the schema checks: the fixtures, none, and hostile text.
fn documents() -> Vec<(&'static str, Value)> {
    let mut bare = channel();
    bare.rights = None;
    bare.publisher.logo = None;
    let mut hostile = channel();
    hostile.title = "Ledger ]]> & <!-- \u{0}\"quoted\" </script>".into();
    let mut record = ferry();
    record.headline = "\u{1}\u{0}".into();
    record.keywords.push("\u{0}]]>".into());
    vec![
        ("fixtures", feed(&channel(), &records())),
        ("empty", feed(&bare, &[])),
        ("hostile", feed(&hostile, &[record, tides(), lighthouse()])),
    ]
}

#[test]
#[allow(
    clippy::print_stdout,
    reason = "a skipped check says so in the test output"
)]
fn valid_against_the_json_feed_schema() {
    let Ok(text) = std::fs::read_to_string(SCHEMA) else {
        println!("note: {SCHEMA} is not present; the JSON Feed schema check is skipped");
        return;
    };
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    // The checker can fail: an item without content and a date without offset are caught.
    for bad in [
        json!({"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "a"}]}),
        json!({"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
            {"id": "a", "content_html": "", "date_published": "2026-11-03 09:30"}
        ]}),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
    for (what, doc) in documents() {
        let doc = reread(&doc);
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what}: {errors:#?}");
    }
}

#[test]
fn rules_the_schema_does_not_say() {
    for (what, doc) in documents() {
        let doc = reread(&doc);
        assert_eq!(
            doc["version"], "https://jsonfeed.org/version/1.1",
            "{what}: version"
        );
        let items = doc["items"].as_array().expect("items");
        let ids: HashSet<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
        assert_eq!(ids.len(), items.len(), "{what}: ids present and unique");
        assert!(doc.get("author").is_none(), "{what}: no deprecated author");
        for item in items {
            assert!(item.get("author").is_none(), "{what}: no deprecated author");
        }
    }
}

#[test]
fn bytes_are_canonical_and_clean() {
    for (what, doc) in documents() {
        let bytes = to_json_bytes(&doc);
        assert_eq!(bytes, to_json_bytes(&doc), "{what}: deterministic");
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert_eq!(
            forbidden_char(&text),
            None,
            "{what}: no forbidden character"
        );
        assert!(text.ends_with("}\n"), "{what}");
        assert_eq!(reread(&doc), doc, "{what}: the value is already clean");
    }
    let first = to_json_bytes(&feed(&channel(), &records()));
    let second = to_json_bytes(&feed(&channel(), &records()));
    assert_eq!(first, second);
}

#[test]
fn feed_rs_reads_back_every_field() {
    let channel = channel();
    let records = records();
    let bytes = to_json_bytes(&feed(&channel, &records));
    let parsed = feed_rs::parser::parse(bytes.as_slice()).expect("feed-rs parses it");
    assert_eq!(parsed.feed_type, feed_rs::model::FeedType::JSON);
    assert_eq!(
        parsed.title.as_ref().map(|t| t.content.as_str()),
        Some(channel.title.as_str())
    );
    assert_eq!(
        parsed.description.as_ref().map(|t| t.content.as_str()),
        Some(channel.description.as_str())
    );
    assert_eq!(parsed.language.as_deref(), Some(channel.language.as_str()));
    let links: Vec<&str> = parsed.links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        links,
        [
            "https://ledger.example/",
            "https://ledger.example/feeds/feed.json"
        ]
    );
    assert_eq!(
        parsed.logo.as_ref().map(|l| l.uri.as_str()),
        channel.publisher.logo.as_ref().map(|u| u.as_str())
    );
    let publisher = (
        Some(channel.publisher.name.clone()),
        Some(channel.publisher.url.as_str().to_owned()),
    );
    let authors: Vec<(Option<String>, Option<String>)> = parsed
        .authors
        .iter()
        .map(|p| (p.name.clone(), p.uri.clone()))
        .collect();
    assert_eq!(authors, std::slice::from_ref(&publisher));

    // feed-rs keeps neither `image` nor an item's `language`: those are read from the JSON.
    let doc: Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(parsed.entries.len(), records.len());
    for (i, (record, entry)) in records.iter().zip(&parsed.entries).enumerate() {
        let slug = record.slug.as_str();
        assert_eq!(entry.id, record.id, "{slug}: id");
        let links: Vec<&str> = entry.links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(links, [record.url.as_str()], "{slug}: url");
        assert_eq!(
            entry.title.as_ref().map(|t| t.content.as_str()),
            Some(xml_clean(&record.headline).as_str()),
            "{slug}: title"
        );
        assert_eq!(
            entry.summary.as_ref().map(|t| t.content.as_str()),
            Some(xml_clean(&record.description).as_str()),
            "{slug}: summary"
        );
        let content = entry.content.as_ref();
        assert_eq!(
            content.and_then(|c| c.body.as_deref()),
            Some(body_html(record).as_str()),
            "{slug}: content_html"
        );
        assert_eq!(
            content.map(|c| c.content_type.to_string()),
            Some("text/html".to_owned()),
            "{slug}: content type"
        );
        assert_eq!(
            entry.published,
            Some(record.published.with_timezone(&Utc)),
            "{slug}: published"
        );
        assert_eq!(
            entry.updated,
            Some(record.updated().with_timezone(&Utc)),
            "{slug}: updated"
        );
        let authors: Vec<(Option<String>, Option<String>)> = entry
            .authors
            .iter()
            .map(|p| (p.name.clone(), p.uri.clone()))
            .collect();
        let mut want: Vec<(Option<String>, Option<String>)> = record
            .authors
            .iter()
            .map(|p| {
                (
                    Some(p.name.clone()),
                    p.url.as_ref().map(|u| u.as_str().to_owned()),
                )
            })
            .collect();
        if want.is_empty() {
            want.push(publisher.clone());
        }
        assert_eq!(authors, want, "{slug}: authors, else the publisher");
        let tags: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
        let want: Vec<&str> = record
            .section
            .iter()
            .chain(&record.keywords)
            .map(String::as_str)
            .collect();
        assert_eq!(tags, want, "{slug}: tags");
        let item = &doc["items"][i];
        let image = record
            .image
            .as_ref()
            .and_then(|i| i.url.as_ref())
            .map(|u| u.as_str());
        assert_eq!(item["image"].as_str(), image, "{slug}: image");
        assert_eq!(
            item["language"].as_str(),
            Some(record.language.as_str()),
            "{slug}: language"
        );
    }
}

/// Writes the fixtures' feed to `target/tmp/newswire-export-sample/feed.json` (for the
/// conformance check, `../shared/conformance/check`), and checks a second run matches.
#[test]
fn sample_output_is_deterministic() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("newswire-export-sample");
    let path = dir.join("feed.json");
    std::fs::create_dir_all(&dir).expect("create the sample folder");
    std::fs::write(&path, to_json_bytes(&feed(&channel(), &records()))).expect("write the sample");
    let on_disk = std::fs::read(&path).expect("read the sample back");
    assert_eq!(on_disk, to_json_bytes(&feed(&channel(), &records())));
}
