//! schema.org JSON-LD: structure, canonical bytes, filtering, and the sample outputs.

use std::path::PathBuf;

use newswire_export::{
    RenderedBody, jsonld_article, jsonld_article_text, jsonld_channel, rss, to_json_bytes,
};
use newswire_model::Record;
use serde_json::{Value, json};

use crate::fixtures::{channel, ferry, forbidden_char, lighthouse, records, tides};

/// Checks `value` at each JSON pointer: `Some(v)` must be there and equal, `None` absent.
#[track_caller]
fn check(value: &Value, expect: &[(&str, Option<Value>)]) {
    for (pointer, want) in expect {
        assert_eq!(value.pointer(pointer), want.as_ref(), "at {pointer}");
    }
}

#[test]
fn article_documents() {
    let page = "https://ledger.example/articles/night-ferry-returns";
    check(
        &jsonld_article(&ferry()),
        &[
            ("/@context", Some(json!("https://schema.org"))),
            ("/@type", Some(json!("NewsArticle"))),
            ("/@id", Some(json!(page))),
            (
                "/additionalType",
                Some(json!("https://schema.org/AnalysisNewsArticle")),
            ),
            ("/url", Some(json!(page))),
            ("/mainEntityOfPage", Some(json!(page))),
            (
                "/headline",
                Some(json!(
                    "Night ferry “Saltmere Star” returns & sails at 22:00 🚢"
                )),
            ),
            (
                "/description",
                Some(json!(
                    "The ferry's <b>first</b> crossing since March ]]> drew 40 people & a \"brass\" band."
                )),
            ),
            ("/datePublished", Some(json!("2026-11-03T09:30:00-05:00"))),
            ("/dateModified", Some(json!("2026-11-03T14:05:00-05:00"))),
            ("/inLanguage", Some(json!("en"))),
            (
                "/author",
                Some(json!([
                    {"@type": "Person", "name": "Ana Lima", "jobTitle": "Staff Writer",
                     "url": "https://ledger.example/people/ana-lima"},
                    {"@type": "Person", "name": "Tomás Ferreira"},
                ])),
            ),
            (
                "/contributor",
                Some(json!([{"@type": "Person", "name": "Ida Marsh"}])),
            ),
            (
                "/editor",
                Some(
                    json!([{"@type": "Person", "name": "Colm Reddy", "jobTitle": "Night Editor"}]),
                ),
            ),
            (
                "/publisher",
                Some(json!({
                    "@type": "Organization", "name": "Harbour Town Ledger",
                    "url": "https://ledger.example/",
                    "logo": {"@type": "ImageObject", "url": "https://ledger.example/logo.png"},
                })),
            ),
            ("/dateline", Some(json!("SALTMERE, Westhaven (Coastwire)"))),
            (
                "/contentLocation",
                Some(json!({"@type": "Place", "name": "SALTMERE",
                            "containedInPlace": {"@type": "Place", "name": "Westhaven"}})),
            ),
            (
                "/genre",
                Some(json!("http://cv.iptc.org/newscodes/genre/Analysis")),
            ),
            (
                "/citation",
                Some(json!([
                    {"@type": "CreativeWork", "publisher": {"@type": "Organization",
                     "name": "Saltmere Harbour Board", "url": "https://harbourboard.example/"}},
                    {"@type": "CreativeWork", "publisher": {"@type": "Organization",
                     "name": "Westhaven Weather Service"}},
                ])),
            ),
            (
                "/image",
                Some(json!({
                    "@type": "ImageObject",
                    "url": "https://ledger.example/img/night-ferry.jpg",
                    "contentUrl": "https://ledger.example/img/night-ferry.jpg",
                    "caption": "The Saltmere Star leaves port <!-- not a comment --> at 22:00",
                    "description": "The ferry's lights on black water",
                    "creditText": "Ana Lima / Northlight",
                    "creator": {"@type": "Person", "name": "Ana Lima"},
                    "sourceOrganization": {"@type": "Organization", "name": "Northlight"},
                })),
            ),
            (
                "/keywords",
                Some(json!(["ferries", "Saltmere", "night & day"])),
            ),
            ("/articleSection", Some(json!("Coast"))),
            (
                "/articleBody",
                Some(json!(
                    "The ferry left at 22:00 sharp; a sign read </script> and ]]> in chalk.\n\n\
                     What changes?\n\n\
                     Fares stay at £4 for adults & “children go free”, the board's clerk said <!-- twice -->.\n\n\
                     Crew members 🚢 cheered. 'It's good to be back,' said one."
                )),
            ),
            ("/wordCount", Some(json!(44))),
        ],
    );
    check(
        &jsonld_article(&tides()),
        &[
            ("/@id", Some(json!("tag:ledger.example,2026:tide-tables"))),
            (
                "/url",
                Some(json!("https://ledger.example/articles/tide-tables")),
            ),
            ("/datePublished", Some(json!("2026-10-30T18:45:10+05:30"))),
            ("/dateModified", Some(json!("2026-10-30T18:45:10+05:30"))),
            ("/inLanguage", Some(json!("fr"))),
            ("/additionalType", None),
            (
                "/genre",
                Some(json!("http://cv.iptc.org/newscodes/genre/Feature")),
            ),
            // A credit without a picture URL is still carried.
            (
                "/image",
                Some(json!({"@type": "ImageObject", "creditText": "Photo: Port-Lune Archive"})),
            ),
            ("/dateline", None),
            ("/contentLocation", None),
            ("/citation", None),
            ("/keywords", None),
            ("/contributor", None),
            ("/wordCount", Some(json!(7))),
        ],
    );
    check(
        &jsonld_article(&lighthouse()),
        &[
            (
                "/@id",
                Some(json!("https://ledger.example/old/lighthouse-keeper")),
            ),
            ("/author", None),
            ("/publisher", None),
            ("/genre", None),
            (
                "/image",
                Some(json!({"@type": "ImageObject",
                            "url": "https://ledger.example/img/light.jpg",
                            "contentUrl": "https://ledger.example/img/light.jpg"})),
            ),
            ("/datePublished", Some(json!("2026-09-14T00:00:00+00:00"))),
        ],
    );
}

#[test]
fn ids_that_are_not_iris_are_left_out() {
    let mut record = lighthouse();
    record.id = "lighthouse keeper".into();
    check(
        &jsonld_article(&record),
        &[
            ("/@id", None),
            (
                "/url",
                Some(json!("https://ledger.example/articles/lighthouse-keeper")),
            ),
        ],
    );
}

#[test]
fn channel_document() {
    let records = records();
    let refs: Vec<&Record> = records.iter().collect();
    let doc = jsonld_channel(&channel(), &refs);
    check(
        &doc,
        &[
            ("/@context", Some(json!("https://schema.org"))),
            ("/@type", Some(json!("DataFeed"))),
            (
                "/@id",
                Some(json!("https://ledger.example/feeds/feed.jsonld")),
            ),
            ("/name", Some(json!("Harbour Town Ledger & Gazette"))),
            ("/url", Some(json!("https://ledger.example/"))),
            ("/inLanguage", Some(json!("en"))),
            ("/dateModified", Some(json!("2026-11-03T14:05:00-05:00"))),
            ("/publisher/name", Some(json!("Harbour Town Ledger"))),
            (
                "/publisher/logo/url",
                Some(json!("https://ledger.example/logo.png")),
            ),
            (
                "/dataFeedElement/0",
                Some(json!({
                    "@type": "NewsArticle",
                    "@id": "https://ledger.example/articles/night-ferry-returns",
                    "url": "https://ledger.example/articles/night-ferry-returns",
                    "headline": "Night ferry “Saltmere Star” returns & sails at 22:00 🚢",
                    "description": "The ferry's <b>first</b> crossing since March ]]> drew 40 people & a \"brass\" band.",
                    "datePublished": "2026-11-03T09:30:00-05:00",
                    "dateModified": "2026-11-03T14:05:00-05:00",
                    "inLanguage": "en",
                    "author": [
                        {"@type": "Person", "name": "Ana Lima"},
                        {"@type": "Person", "name": "Tomás Ferreira"},
                    ],
                    "image": "https://ledger.example/img/night-ferry.jpg",
                })),
            ),
            (
                "/dataFeedElement/1/@id",
                Some(json!("tag:ledger.example,2026:tide-tables")),
            ),
            ("/dataFeedElement/1/image", None),
            (
                "/dataFeedElement/2/@id",
                Some(json!("https://ledger.example/old/lighthouse-keeper")),
            ),
            ("/dataFeedElement/3", None),
        ],
    );
    let empty = jsonld_channel(&channel(), &[]);
    check(
        &empty,
        &[
            ("/dataFeedElement", Some(json!([]))),
            ("/dateModified", None),
        ],
    );
}

#[track_caller]
fn check_bytes(value: &Value) {
    let bytes = to_json_bytes(value);
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(
        text.starts_with("{\n  \"@context\": \"https://schema.org\",\n  \""),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
    assert_eq!(forbidden_char(&text), None);
    assert!(
        !text.contains("\\u0000") && !text.contains("\\u0001"),
        "{text}"
    );
    let reread: Value = serde_json::from_slice(&bytes).expect("valid JSON");
    assert_eq!(&reread, value, "round trip");
    assert_eq!(to_json_bytes(&reread), bytes, "same value, same bytes");
}

#[test]
fn json_bytes_are_canonical() {
    let records = records();
    let refs: Vec<&Record> = records.iter().collect();
    for record in &records {
        check_bytes(&jsonld_article(record));
        assert_eq!(
            jsonld_article_text(record, &RenderedBody::of(record)).into_string(),
            String::from_utf8_lossy(&to_json_bytes(&jsonld_article(record))),
            "{}: the bytes a build writes are the value's",
            record.slug
        );
    }
    check_bytes(&jsonld_channel(&channel(), &refs));
}

/// Writes every output of the fixtures to `target/tmp/newswire-export-sample/` (for the
/// conformance check, `../shared/conformance/check`), twice, and checks both runs match.
#[test]
fn sample_outputs_are_deterministic() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("newswire-export-sample");
    let write = || -> Vec<(PathBuf, Vec<u8>)> {
        let records = records();
        let refs: Vec<&Record> = records.iter().collect();
        let channel = channel();
        let mut files = vec![
            (dir.join("rss.xml"), rss(&channel, &refs).into_bytes()),
            (
                dir.join("feed.jsonld"),
                to_json_bytes(&jsonld_channel(&channel, &refs)),
            ),
        ];
        for record in &records {
            files.push((
                dir.join("articles")
                    .join(format!("{}.jsonld", record.slug.as_str())),
                to_json_bytes(&jsonld_article(record)),
            ));
        }
        files
    };
    std::fs::create_dir_all(dir.join("articles")).expect("create the sample folder");
    for (path, bytes) in write() {
        std::fs::write(&path, bytes).expect("write a sample output");
    }
    for (path, bytes) in write() {
        let on_disk = std::fs::read(&path).expect("read a sample output back");
        assert_eq!(on_disk, bytes, "{} differs between runs", path.display());
    }
}
