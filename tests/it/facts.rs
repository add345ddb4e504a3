//! One set of facts: the sample channel is built, every output is read back by an independent
//! reader (feed-rs for RSS, Atom and JSON Feed; serde_json for JSON-LD and ninjs; an HTML
//! parser for the page's embedded JSON-LD), and for every article each fact a format carries
//! must equal the record. What a format cannot carry is said in `CARRIES`, and the test checks
//! that the reader indeed finds nothing there, so the table cannot drift from the outputs.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use newswire_model::Record;
use serde_json::Value;

use crate::support::{build_sample, decode, html_blocks, sample_records};

/// The facts every format is checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fact {
    Id,
    Url,
    Headline,
    Published,
    Modified,
    Authors,
    Summary,
    Body,
    Credit,
    Sources,
}

const ALL: [Fact; 10] = [
    Fact::Id,
    Fact::Url,
    Fact::Headline,
    Fact::Published,
    Fact::Modified,
    Fact::Authors,
    Fact::Summary,
    Fact::Body,
    Fact::Credit,
    Fact::Sources,
];

/// What each format cannot carry, and why. Every other fact must come back equal.
const CARRIES: &[(&str, &[(Fact, &str)])] = &[
    (
        "rss.xml",
        &[
            (
                Fact::Modified,
                "RSS 2.0 has no element for the date of the last change",
            ),
            (
                Fact::Sources,
                "written as dc:source, which feed-rs does not read",
            ),
        ],
    ),
    (
        "atom.xml",
        &[(
            Fact::Sources,
            "Atom has no element for the sources an entry draws on",
        )],
    ),
    (
        "feed.json",
        &[
            (
                Fact::Credit,
                "in the `_newswire` extension, which feed-rs does not read; see feed.json extension",
            ),
            (
                Fact::Sources,
                "in the `_newswire` extension, which feed-rs does not read; see feed.json extension",
            ),
        ],
    ),
    ("feed.json extension", &[]),
    ("articles/*.jsonld", &[]),
    ("articles/*.ninjs.json", &[]),
    ("articles/*.html", &[]),
];

/// The facts one reader found for one article; `None` where it found nothing.
#[derive(Debug, Default)]
struct Facts {
    id: Option<String>,
    url: Option<String>,
    headline: Option<String>,
    published: Option<DateTime<Utc>>,
    modified: Option<DateTime<Utc>>,
    authors: Option<Vec<String>>,
    summary: Option<String>,
    body: Option<Vec<String>>,
    credit: Option<Vec<String>>,
    sources: Option<Vec<String>>,
}

fn non_empty<T>(v: Vec<T>) -> Option<Vec<T>> {
    if v.is_empty() { None } else { Some(v) }
}

fn date(s: &Value) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.as_str()?)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x[key].as_str().map(str::to_owned))
        .collect()
}

/// Entries of a feed read by feed-rs, keyed by id. `has_updated` says whether the format has an
/// element for the date of the last change: feed-rs fills `updated` in from `pubDate` for RSS.
fn from_feed_rs(bytes: &[u8], has_updated: bool) -> BTreeMap<String, Facts> {
    let feed = feed_rs::parser::parse(bytes).expect("feed-rs reads the feed");
    feed.entries
        .into_iter()
        .map(|e| {
            let facts = Facts {
                id: Some(e.id.clone()),
                url: e.links.first().map(|l| l.href.clone()),
                headline: e.title.map(|t| t.content),
                published: e.published,
                modified: e.updated.filter(|_| has_updated),
                authors: non_empty(e.authors.into_iter().filter_map(|p| p.name).collect()),
                summary: e.summary.map(|t| decode(&t.content)),
                body: e.content.and_then(|c| c.body).map(|b| html_blocks(&b)),
                credit: non_empty(
                    e.media
                        .iter()
                        .flat_map(|m| &m.credits)
                        .map(|c| c.entity.clone())
                        .collect(),
                ),
                sources: None,
            };
            (e.id, facts)
        })
        .collect()
}

/// The `_newswire` extension of JSON Feed items, keyed by id.
fn from_json_feed_extension(feed: &Value) -> BTreeMap<String, Facts> {
    feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let ext = &item["_newswire"];
            let credit = &ext["image"]["credit"];
            let facts = Facts {
                credit: non_empty(credit_names(credit)),
                sources: non_empty(strings(&ext["sources"], "name")),
                ..Facts::default()
            };
            (item["id"].as_str().unwrap().to_owned(), facts)
        })
        .collect()
}

fn credit_names(credit: &Value) -> Vec<String> {
    ["creator", "provider"]
        .iter()
        .filter_map(|k| credit[*k].as_str().map(str::to_owned))
        .collect()
}

fn from_jsonld(doc: &Value) -> Facts {
    let image = &doc["image"];
    let mut credit: Vec<String> = Vec::new();
    credit.extend(image["creator"]["name"].as_str().map(str::to_owned));
    credit.extend(
        image["sourceOrganization"]["name"]
            .as_str()
            .map(str::to_owned),
    );
    Facts {
        id: doc["@id"].as_str().map(str::to_owned),
        url: doc["url"].as_str().map(str::to_owned),
        headline: doc["headline"].as_str().map(str::to_owned),
        published: date(&doc["datePublished"]),
        modified: date(&doc["dateModified"]),
        authors: non_empty(strings(&doc["author"], "name")),
        summary: doc["description"].as_str().map(str::to_owned),
        body: doc["articleBody"]
            .as_str()
            .map(|b| b.split("\n\n").map(str::to_owned).collect()),
        credit: non_empty(credit),
        sources: non_empty(
            doc["citation"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c["publisher"]["name"].as_str().map(str::to_owned))
                .collect(),
        ),
    }
}

fn from_ninjs(doc: &Value) -> Facts {
    const ROLE: &str = "http://cv.iptc.org/newscodes/contentprodpartyrole/";
    let with_rel = |list: &Value, rel: &str| -> Vec<String> {
        list.as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["rel"] == format!("{ROLE}{rel}").as_str())
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect()
    };
    let plain = doc["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["contentType"] == "text/plain")
        .and_then(|b| b["value"].as_str());
    let picture = doc["associations"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["type"] == "picture"));
    Facts {
        id: doc["uri"].as_str().map(str::to_owned),
        url: doc["renditions"]
            .as_array()
            .and_then(|r| r.iter().find(|x| x["name"] == "web"))
            .and_then(|r| r["href"].as_str().map(str::to_owned)),
        headline: doc["headlines"][0]["value"].as_str().map(str::to_owned),
        published: date(&doc["firstCreated"]),
        modified: date(&doc["versionCreated"]),
        authors: non_empty(with_rel(&doc["people"], "author")),
        summary: doc["descriptions"][0]["value"].as_str().map(str::to_owned),
        body: plain.map(|b| b.split("\n\n").map(str::to_owned).collect()),
        credit: picture.and_then(|p| non_empty(strings(&p["infoSources"], "name"))),
        sources: non_empty(with_rel(&doc["organisations"], "contentSource")),
    }
}

/// The page's embedded JSON-LD, read with an HTML5 parser; it must also name the canonical URL.
fn from_page(html: &str) -> Facts {
    let page = scraper::Html::parse_document(html);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let scripts: Vec<String> = page
        .select(&select(r#"script[type="application/ld+json"]"#))
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(scripts.len(), 1, "one JSON-LD block per page");
    let facts =
        from_jsonld(&serde_json::from_str(&scripts[0]).expect("the embedded JSON-LD parses"));
    let canonical = page
        .select(&select(r#"link[rel="canonical"]"#))
        .next()
        .and_then(|l| l.attr("href"));
    assert_eq!(
        canonical,
        facts.url.as_deref(),
        "the canonical link is the article's URL"
    );
    let h1: Option<String> = page
        .select(&select("h1"))
        .next()
        .map(|h| h.text().collect());
    assert_eq!(h1, facts.headline, "the page's heading is the headline");
    facts
}

/// What `record` says for `fact`, in the shape the readers give.
fn expected(record: &Record, fact: Fact) -> Option<String> {
    let utc = |d: &newswire_model::Timestamp| d.with_timezone(&Utc).to_rfc3339();
    Some(match fact {
        Fact::Id => record.id.clone(),
        Fact::Url => record.url.to_string(),
        Fact::Headline => record.headline.clone(),
        Fact::Published => utc(&record.published),
        Fact::Modified => utc(&record.updated()),
        Fact::Authors => format!(
            "{:?}",
            record.authors.iter().map(|p| &p.name).collect::<Vec<_>>()
        ),
        Fact::Summary => record.description.clone(),
        Fact::Body => format!(
            "{:?}",
            record.body.iter().map(|b| b.text()).collect::<Vec<_>>()
        ),
        Fact::Credit => {
            let credit = record.image.as_ref()?.credit.as_ref()?;
            let names: Vec<&String> = credit.creator.iter().chain(&credit.provider).collect();
            format!("{names:?}")
        }
        Fact::Sources => {
            if record.sources.is_empty() {
                return None;
            }
            format!(
                "{:?}",
                record.sources.iter().map(|o| &o.name).collect::<Vec<_>>()
            )
        }
    })
    .filter(|s| s != "[]")
}

fn found(facts: &Facts, fact: Fact) -> Option<String> {
    let utc = |d: &DateTime<Utc>| d.to_rfc3339();
    match fact {
        Fact::Id => facts.id.clone(),
        Fact::Url => facts.url.clone(),
        Fact::Headline => facts.headline.clone(),
        Fact::Published => facts.published.as_ref().map(utc),
        Fact::Modified => facts.modified.as_ref().map(utc),
        Fact::Authors => facts.authors.as_ref().map(|v| format!("{v:?}")),
        Fact::Summary => facts.summary.clone(),
        Fact::Body => facts.body.as_ref().map(|v| format!("{v:?}")),
        Fact::Credit => facts.credit.as_ref().map(|v| format!("{v:?}")),
        Fact::Sources => facts.sources.as_ref().map(|v| format!("{v:?}")),
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn every_format_carries_the_same_facts() {
    let out = tempfile::tempdir().unwrap();
    let (_, dir) = build_sample(out.path());
    let (_, records) = sample_records();
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();

    let mut by_format: BTreeMap<&str, BTreeMap<String, Facts>> = BTreeMap::new();
    by_format.insert("rss.xml", from_feed_rs(&read("rss.xml"), false));
    by_format.insert("atom.xml", from_feed_rs(&read("atom.xml"), true));
    by_format.insert("feed.json", from_feed_rs(&read("feed.json"), true));
    by_format.insert(
        "feed.json extension",
        from_json_feed_extension(&read_json(&dir.join("feed.json"))),
    );
    let article = |ext: &str, read: &dyn Fn(&Path) -> Facts| -> BTreeMap<String, Facts> {
        records
            .values()
            .map(|r| {
                (
                    r.id.clone(),
                    read(&dir.join(format!("articles/{}{ext}", r.slug))),
                )
            })
            .collect()
    };
    by_format.insert(
        "articles/*.jsonld",
        article(".jsonld", &|p| from_jsonld(&read_json(p))),
    );
    by_format.insert(
        "articles/*.ninjs.json",
        article(".ninjs.json", &|p| from_ninjs(&read_json(p))),
    );
    by_format.insert(
        "articles/*.html",
        article(".html", &|p| {
            from_page(&std::fs::read_to_string(p).unwrap())
        }),
    );

    let mut problems = Vec::new();
    for (format, cannot) in CARRIES {
        let facts = &by_format[format];
        assert_eq!(
            facts.len(),
            records.len(),
            "{format}: one entry per article"
        );
        for (id, record) in &records {
            let got = facts
                .get(id)
                .unwrap_or_else(|| panic!("{format}: no entry for {id}"));
            for fact in ALL {
                let reason = cannot.iter().find(|(f, _)| *f == fact).map(|(_, why)| *why);
                let want = match reason {
                    Some(_) => None,
                    // The extension carries only what feed-rs cannot read.
                    None if *format == "feed.json extension"
                        && !matches!(fact, Fact::Credit | Fact::Sources) =>
                    {
                        continue;
                    }
                    None => expected(record, fact),
                };
                let have = found(got, fact);
                if have != want {
                    problems.push(format!(
                        "{format} {} {fact:?}: found {have:?}, record says {want:?}{}",
                        record.slug,
                        reason.map(|r| format!(" (table: {r})")).unwrap_or_default()
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
