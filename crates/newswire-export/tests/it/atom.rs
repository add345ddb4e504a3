//! Atom 1.0: strict well-formedness, exact feed and entry structure, dates, filtering,
//! determinism, and a read back by feed-rs, an independent parser.

use std::path::PathBuf;

use chrono::Utc;
use newswire_export::{atom, body_html};
use newswire_model::{Block, Channel, Credit, Image, Record};

use crate::fixtures::{
    channel, ferry, forbidden_char, lighthouse, records, tides, time, url, xml_clean,
};
use crate::rss::{El, parse_strict};

const IPTC_GENRE: &str = "http://cv.iptc.org/newscodes/genre/";

/// One element of a flattened tree: its path, attributes and text.
type Flat = (String, Vec<(String, String)>, String);

/// Expected elements: path, attributes, text (empty for elements with children).
type Expect<'a> = &'a [(&'a str, &'a [(&'a str, &'a str)], &'a str)];

fn feed(channel: &Channel, records: &[Record]) -> String {
    let refs: Vec<&Record> = records.iter().collect();
    atom(channel, &refs)
}

/// Every element below `el`, depth first, as `(path, attributes, text)`; the text of
/// elements with children (indentation) is left out.
fn flatten(el: &El, prefix: &str, out: &mut Vec<Flat>) {
    for child in &el.children {
        let path = format!("{prefix}{}", child.name);
        let text = if child.children.is_empty() {
            child.text.clone()
        } else {
            String::new()
        };
        out.push((path.clone(), child.attrs.clone(), text));
        flatten(child, &format!("{path}/"), out);
    }
}

fn owned(expect: Expect<'_>) -> Vec<Flat> {
    expect
        .iter()
        .map(|(path, attrs, text)| {
            (
                (*path).to_owned(),
                attrs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
                (*text).to_owned(),
            )
        })
        .collect()
}

#[track_caller]
fn check_tree(what: &str, got: &[Flat], want: &[Flat]) {
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g, w, "{what}: element {i}");
    }
    assert_eq!(got.len(), want.len(), "{what}: {got:#?}");
}

/// The entry of `record` in a feed of its own: its attributes and its flattened children.
#[track_caller]
fn check_entry(record: Record, entry_attrs: &[(&str, &str)], expect: Expect<'_>) {
    let root = parse_strict(&feed(&channel(), std::slice::from_ref(&record)));
    let entry = root.child("entry");
    let attrs: Vec<(&str, &str)> = entry
        .attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(attrs, entry_attrs, "{}: entry attributes", record.slug);
    let mut got = Vec::new();
    flatten(entry, "", &mut got);
    check_tree(record.slug.as_str(), &got, &owned(expect));
}

#[test]
fn entries_carry_every_field_in_order() {
    let ferry_page = "https://ledger.example/articles/night-ferry-returns";
    check_entry(
        ferry(),
        &[],
        &[
            ("id", &[], ferry_page),
            (
                "title",
                &[("type", "text")],
                "Night ferry “Saltmere Star” returns & sails at 22:00 🚢",
            ),
            (
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("href", ferry_page),
                ],
                "",
            ),
            ("published", &[], "2026-11-03T09:30:00-05:00"),
            ("updated", &[], "2026-11-03T14:05:00-05:00"),
            ("author", &[], ""),
            ("author/name", &[], "Ana Lima"),
            ("author/uri", &[], "https://ledger.example/people/ana-lima"),
            ("author", &[], ""),
            ("author/name", &[], "Tomás Ferreira"),
            ("contributor", &[], ""),
            ("contributor/name", &[], "Ida Marsh"),
            ("contributor", &[], ""),
            ("contributor/name", &[], "Colm Reddy"),
            (
                "summary",
                &[("type", "text")],
                "The ferry's <b>first</b> crossing since March ]]> drew 40 people & a \"brass\" band.",
            ),
            (
                "content",
                &[("type", "html")],
                "<p>The ferry left at 22:00 sharp; a sign read &lt;/script&gt; and ]]&gt; in chalk.</p>\n\
                 <h2>What changes?</h2>\n\
                 <p>Fares stay at £4 for adults &amp; “children go free”, the board&#39;s clerk said &lt;!-- twice --&gt;.</p>\n\
                 <p>Crew members 🚢 cheered. &#39;It&#39;s good to be back,&#39; said one.</p>",
            ),
            ("category", &[("term", "Coast")], ""),
            ("category", &[("term", "ferries")], ""),
            ("category", &[("term", "Saltmere")], ""),
            ("category", &[("term", "night & day")], ""),
            (
                "category",
                &[
                    ("term", "Analysis"),
                    ("scheme", IPTC_GENRE),
                    ("label", "Analysis"),
                ],
                "",
            ),
            (
                "media:content",
                &[
                    ("url", "https://ledger.example/img/night-ferry.jpg"),
                    ("medium", "image"),
                ],
                "",
            ),
            (
                "media:content/media:description",
                &[("type", "plain")],
                "The Saltmere Star leaves port <!-- not a comment --> at 22:00",
            ),
            (
                "media:content/media:credit",
                &[("role", "photographer"), ("scheme", "urn:ebu")],
                "Ana Lima",
            ),
            ("media:content/media:credit", &[], "Northlight"),
        ],
    );
    // Another language: xml:lang on the entry; unmodified: updated is published; a credit
    // without a picture URL gives no media element.
    check_entry(
        tides(),
        &[("xml:lang", "fr")],
        &[
            ("id", &[], "tag:ledger.example,2026:tide-tables"),
            (
                "title",
                &[("type", "text")],
                "Les tables des marées de Port-Lune changent",
            ),
            (
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("href", "https://ledger.example/articles/tide-tables"),
                ],
                "",
            ),
            ("published", &[], "2026-10-30T18:45:10+05:30"),
            ("updated", &[], "2026-10-30T18:45:10+05:30"),
            ("author", &[], ""),
            ("author/name", &[], "Élise Carron"),
            (
                "summary",
                &[("type", "text")],
                "Le bureau du port publie de nouvelles tables.",
            ),
            (
                "content",
                &[("type", "html")],
                "<p>Les nouvelles tables entrent en vigueur lundi.</p>",
            ),
            (
                "category",
                &[
                    ("term", "Feature"),
                    ("scheme", IPTC_GENRE),
                    ("label", "Feature"),
                ],
                "",
            ),
        ],
    );
    // Nobody credited: no entry author (the feed's author covers it); a bare picture.
    check_entry(
        lighthouse(),
        &[],
        &[
            ("id", &[], "https://ledger.example/old/lighthouse-keeper"),
            (
                "title",
                &[("type", "text")],
                "Greyness Point lighthouse gets a keeper again",
            ),
            (
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("href", "https://ledger.example/articles/lighthouse-keeper"),
                ],
                "",
            ),
            ("published", &[], "2026-09-14T00:00:00+00:00"),
            ("updated", &[], "2026-09-15T06:00:00+00:00"),
            (
                "summary",
                &[("type", "text")],
                "For the first time in 30 years, someone lives at the light.",
            ),
            (
                "content",
                &[("type", "html")],
                "<p>The keeper moved in on Sunday.</p>",
            ),
            ("category", &[("term", "Coast")], ""),
            ("category", &[("term", "lighthouses")], ""),
            (
                "media:content",
                &[
                    ("url", "https://ledger.example/img/light.jpg"),
                    ("medium", "image"),
                ],
                "",
            ),
        ],
    );
}

/// A record with nothing optional and odd text: what the entry keeps and leaves out.
fn sparse(edit: impl FnOnce(&mut Record)) -> Record {
    let mut record = lighthouse();
    record.image = None;
    record.section = None;
    record.keywords = vec![];
    record.modified = None;
    edit(&mut record);
    record
}

#[track_caller]
fn check_children(record: Record, expect: &[&str]) {
    let root = parse_strict(&feed(&channel(), std::slice::from_ref(&record)));
    let names: Vec<&str> = root
        .child("entry")
        .children
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, expect, "{}", record.slug);
}

#[test]
fn empty_parts_are_left_out() {
    let base = ["id", "title", "link", "published", "updated"];
    let with =
        |more: &[&'static str]| -> Vec<&'static str> { base.iter().chain(more).copied().collect() };
    for (record, expect) in [
        (sparse(|_| {}), with(&["summary", "content"])),
        // A description of white space and forbidden characters has nothing to show.
        (
            sparse(|r| r.description = " \u{0}\u{1} \n".into()),
            with(&["content"]),
        ),
        (sparse(|r| r.body = vec![]), with(&["summary"])),
        // Blank and repeated terms give one category each, at most.
        (
            sparse(|r| {
                r.section = Some("Coast".into());
                r.keywords = vec!["".into(), "  ".into(), "Coast".into(), "\u{0}".into()];
            }),
            with(&["summary", "content", "category"]),
        ),
        // A picture with alternative text only still describes it.
        (
            sparse(|r| {
                r.image = Some(Image {
                    url: Some(url("https://ledger.example/img/a.png")),
                    alt: Some("A pier".into()),
                    caption: None,
                    credit: None,
                })
            }),
            with(&["summary", "content", "media:content"]),
        ),
        (
            sparse(|r| {
                r.image = Some(Image {
                    url: None,
                    alt: Some("A pier".into()),
                    caption: None,
                    credit: None,
                })
            }),
            with(&["summary", "content"]),
        ),
        (
            sparse(|r| {
                r.contributors = vec![newswire_model::Person::named("Ida Marsh")];
            }),
            with(&["contributor", "summary", "content"]),
        ),
    ] {
        check_children(record, &expect);
    }
}

#[test]
fn picture_credits() {
    let credit = |text: &str, creator: Option<&str>, provider: Option<&str>| Credit {
        text: text.into(),
        creator: creator.map(Into::into),
        provider: provider.map(Into::into),
    };
    for (image_credit, alt, expect) in [
        (
            Some(credit("Photo: Harbour Archive", None, None)),
            Some("A pier"),
            &[
                (
                    "media:content/media:description",
                    &[("type", "plain")][..],
                    "A pier",
                ),
                ("media:content/media:credit", &[], "Photo: Harbour Archive"),
            ][..],
        ),
        (
            Some(credit("Northlight", None, Some("Northlight"))),
            None,
            &[("media:content/media:credit", &[][..], "Northlight")],
        ),
        (None, None, &[]),
    ] {
        let record = sparse(|r| {
            r.image = Some(Image {
                url: Some(url("https://ledger.example/img/a.png")),
                alt: alt.map(Into::into),
                caption: None,
                credit: image_credit,
            })
        });
        let root = parse_strict(&feed(&channel(), &[record]));
        let mut got = Vec::new();
        flatten(root.child("entry"), "", &mut got);
        let got: Vec<Flat> = got
            .into_iter()
            .filter(|(path, _, _)| path.starts_with("media:content/"))
            .collect();
        check_tree("picture", &got, &owned(expect));
    }
}

#[test]
fn document_and_feed() {
    let xml = feed(&channel(), &records());
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed "),
        "{xml}"
    );
    assert!(xml.ends_with("</feed>\n"));
    assert!(xml.contains("\n  <id>"), "two-space indent");
    let root = parse_strict(&xml);
    assert_eq!(root.name, "feed");
    let attrs: Vec<(&str, &str)> = root
        .attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        attrs,
        [
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xmlns:media", "http://search.yahoo.com/mrss/"),
            ("xml:lang", "en"),
        ]
    );
    let mut got = Vec::new();
    flatten(&root, "", &mut got);
    let got: Vec<Flat> = got
        .into_iter()
        .filter(|(path, _, _)| !path.starts_with("entry"))
        .collect();
    let me = "https://ledger.example/feeds/atom.xml";
    check_tree(
        "feed",
        &got,
        &owned(&[
            ("id", &[], me),
            (
                "title",
                &[("type", "text")],
                "Harbour Town Ledger & Gazette",
            ),
            (
                "subtitle",
                &[("type", "text")],
                "News from the harbour towns of Westhaven",
            ),
            ("updated", &[], "2026-11-03T14:05:00-05:00"),
            (
                "link",
                &[
                    ("rel", "self"),
                    ("type", "application/atom+xml"),
                    ("href", me),
                ],
                "",
            ),
            (
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("href", "https://ledger.example/"),
                ],
                "",
            ),
            ("author", &[], ""),
            ("author/name", &[], "Harbour Town Ledger"),
            ("author/uri", &[], "https://ledger.example/"),
            (
                "rights",
                &[("type", "text")],
                "© 2026 Harbour Town Ledger. All rights reserved.",
            ),
            ("generator", &[], "newswire"),
            ("logo", &[], "https://ledger.example/logo.png"),
        ]),
    );
    let ids: Vec<&str> = root
        .all("entry")
        .iter()
        .map(|e| e.child("id").text.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "https://ledger.example/articles/night-ferry-returns",
            "tag:ledger.example,2026:tide-tables",
            "https://ledger.example/old/lighthouse-keeper",
        ],
        "entries in the order given"
    );
}

#[test]
fn optional_feed_elements() {
    let mut bare = channel();
    bare.rights = None;
    bare.publisher.logo = None;
    bare.description = String::new();
    bare.feed_url = url("https://feeds.ledger.example/coast");
    let root = parse_strict(&feed(&bare, &[]));
    let names: Vec<&str> = root.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "title",
            "updated",
            "link",
            "link",
            "author",
            "generator"
        ],
        "no subtitle, rights, logo or entry"
    );
    let me = "https://feeds.ledger.example/coast/atom.xml";
    assert_eq!(root.child("id").text, me);
    assert_eq!(root.all("link")[0].attr("href"), Some(me));
    assert_eq!(
        root.child("updated").text,
        "1970-01-01T00:00:00+00:00",
        "a feed with no entry has a fixed updated"
    );
}

#[track_caller]
fn check_dates(published: &str, modified: Option<&str>, expect: (&str, &str)) {
    let mut record = lighthouse();
    record.published = time(published);
    record.modified = modified.map(time);
    let root = parse_strict(&feed(&channel(), &[record]));
    let entry = root.child("entry");
    let got = (
        entry.child("published").text.as_str(),
        entry.child("updated").text.as_str(),
    );
    assert_eq!(got, expect, "{published} {modified:?}");
    assert_eq!(root.child("updated").text, expect.1, "feed updated");
}

#[test]
fn dates_keep_their_offset() {
    for (published, modified, expect) in [
        (
            "2026-11-03T09:30:00Z",
            None,
            ("2026-11-03T09:30:00+00:00", "2026-11-03T09:30:00+00:00"),
        ),
        (
            "2026-11-03T09:30:00+00:00",
            Some("2026-11-04T01:02:03-05:00"),
            ("2026-11-03T09:30:00+00:00", "2026-11-04T01:02:03-05:00"),
        ),
        (
            "2027-02-28T06:00:59.250+05:45",
            None,
            (
                "2027-02-28T06:00:59.250+05:45",
                "2027-02-28T06:00:59.250+05:45",
            ),
        ),
        (
            "2026-01-05T12:00:00-03:30",
            Some("2026-01-06T00:00:00+14:00"),
            ("2026-01-05T12:00:00-03:30", "2026-01-06T00:00:00+14:00"),
        ),
    ] {
        check_dates(published, modified, expect);
    }
}

#[track_caller]
fn check_feed_updated(records: &[Record], expect: &str) {
    let root = parse_strict(&feed(&channel(), records));
    assert_eq!(root.child("updated").text, expect);
}

#[test]
fn feed_updated_is_the_newest_update() {
    let mut old_first = lighthouse();
    old_first.modified = None;
    for (records, expect) in [
        (vec![], "1970-01-01T00:00:00+00:00"),
        (records(), "2026-11-03T14:05:00-05:00"),
        // The newest update wins even when the caller's order puts it last.
        (
            vec![old_first, tides(), ferry()],
            "2026-11-03T14:05:00-05:00",
        ),
        (vec![tides()], "2026-10-30T18:45:10+05:30"),
    ] {
        check_feed_updated(&records, expect);
    }
}

#[test]
fn hostile_text_never_escapes() {
    let mut hostile = channel();
    hostile.title = "Ledger ]]> & <!-- \u{0}\"quoted\" </script>".into();
    hostile.description = "Tides \u{1}& times 🚢".into();
    hostile.rights = Some("© <b>\u{FFFF}".into());
    let mut record = ferry();
    record.keywords.push("]]> <!-- \u{0}".into());
    record.authors[0].name = "Ana \u{1}<Lima>".into();
    let xml = feed(&hostile, &[record, tides(), lighthouse()]);
    assert_eq!(forbidden_char(&xml), None, "no forbidden character");
    for raw in ["<![CDATA[", "<!--", "</script>", "]]>", "\u{0}", "\u{1}"] {
        assert!(!xml.contains(raw), "{raw:?} is escaped or removed");
    }
    let root = parse_strict(&xml);
    assert_eq!(
        root.child("title").text,
        "Ledger ]]> & <!-- \"quoted\" </script>"
    );
    assert_eq!(root.child("rights").text, "© <b>");
    let entry = root.child("entry");
    assert_eq!(entry.child("author").child("name").text, "Ana <Lima>");
    assert_eq!(
        entry.all("category")[4].attr("term"),
        Some("]]> <!-- "),
        "a term keeps its markup characters"
    );
}

#[test]
fn deterministic() {
    let first = feed(&channel(), &records());
    let second = feed(&channel(), &records());
    assert_eq!(first, second);
}

/// Every field the entry carries, read back by feed-rs.
#[track_caller]
fn check_read_back(record: &Record, entry: &feed_rs::model::Entry) {
    let slug = record.slug.as_str();
    assert_eq!(entry.id, record.id, "{slug}: id");
    let links: Vec<(Option<&str>, &str)> = entry
        .links
        .iter()
        .map(|l| (l.rel.as_deref(), l.href.as_str()))
        .collect();
    assert_eq!(
        links,
        [(Some("alternate"), record.url.as_str())],
        "{slug}: link"
    );
    let title = entry.title.as_ref().map(|t| t.content.as_str());
    assert_eq!(
        title,
        Some(xml_clean(&record.headline).as_str()),
        "{slug}: title"
    );
    let summary = entry.summary.as_ref().map(|t| t.content.as_str());
    assert_eq!(
        summary,
        Some(xml_clean(&record.description).as_str()),
        "{slug}: summary is plain text"
    );
    let content = entry.content.as_ref();
    assert_eq!(
        content.and_then(|c| c.body.as_deref()),
        Some(body_html(record).as_str()),
        "{slug}: content"
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
    let people = |list: &[feed_rs::model::Person]| -> Vec<(Option<String>, Option<String>)> {
        list.iter()
            .map(|p| (p.name.clone(), p.uri.clone()))
            .collect()
    };
    let want = |list: &[&newswire_model::Person]| -> Vec<(Option<String>, Option<String>)> {
        list.iter()
            .map(|p| {
                (
                    Some(p.name.clone()),
                    p.url.as_ref().map(|u| u.as_str().to_owned()),
                )
            })
            .collect()
    };
    let authors: Vec<&newswire_model::Person> = record.authors.iter().collect();
    assert_eq!(people(&entry.authors), want(&authors), "{slug}: authors");
    let others: Vec<&newswire_model::Person> =
        record.contributors.iter().chain(&record.editors).collect();
    assert_eq!(
        people(&entry.contributors),
        want(&others),
        "{slug}: contributors"
    );
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
        want.push((genre.iptc_code(), Some(IPTC_GENRE)));
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
    assert_eq!(media, want, "{slug}: picture url");
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
    // feed-rs reads `xml:lang` only from `content`, so the entry's language is checked on
    // the tree in `entries_carry_every_field_in_order` instead.
}

#[test]
fn feed_rs_reads_back_every_field() {
    let channel = channel();
    let records = records();
    let parsed =
        feed_rs::parser::parse(feed(&channel, &records).as_bytes()).expect("feed-rs parses it");
    assert_eq!(parsed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(parsed.id, "https://ledger.example/feeds/atom.xml");
    assert_eq!(
        parsed.title.as_ref().map(|t| t.content.as_str()),
        Some(channel.title.as_str())
    );
    assert_eq!(
        parsed.description.as_ref().map(|t| t.content.as_str()),
        Some(channel.description.as_str())
    );
    assert_eq!(parsed.language.as_deref(), Some(channel.language.as_str()));
    assert_eq!(
        parsed.rights.as_ref().map(|t| t.content.as_str()),
        channel.rights.as_deref()
    );
    let newest = records
        .iter()
        .map(Record::updated)
        .max()
        .map(|t| t.with_timezone(&Utc));
    assert_eq!(parsed.updated, newest, "feed updated");
    let authors: Vec<(Option<&str>, Option<&str>)> = parsed
        .authors
        .iter()
        .map(|p| (p.name.as_deref(), p.uri.as_deref()))
        .collect();
    assert_eq!(
        authors,
        [(
            Some(channel.publisher.name.as_str()),
            Some(channel.publisher.url.as_str())
        )]
    );
    let links: Vec<(Option<&str>, Option<&str>, &str)> = parsed
        .links
        .iter()
        .map(|l| (l.rel.as_deref(), l.media_type.as_deref(), l.href.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            (
                Some("self"),
                Some("application/atom+xml"),
                "https://ledger.example/feeds/atom.xml"
            ),
            (
                Some("alternate"),
                Some("text/html"),
                "https://ledger.example/"
            ),
        ]
    );
    assert_eq!(
        parsed.generator.as_ref().map(|g| g.content.as_str()),
        Some("newswire")
    );
    assert_eq!(
        parsed.logo.as_ref().map(|l| l.uri.as_str()),
        channel.publisher.logo.as_ref().map(|u| u.as_str())
    );
    assert_eq!(parsed.entries.len(), records.len());
    for (record, entry) in records.iter().zip(&parsed.entries) {
        check_read_back(record, entry);
    }
}

/// Writes the fixtures' feed to `target/tmp/newswire-export-sample/atom.xml` (for the
/// conformance check, `../shared/conformance/check`), twice, and checks both runs match.
#[test]
fn sample_output_is_deterministic() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("newswire-export-sample");
    let path = dir.join("atom.xml");
    std::fs::create_dir_all(&dir).expect("create the sample folder");
    std::fs::write(&path, feed(&channel(), &records())).expect("write the sample");
    let on_disk = std::fs::read_to_string(&path).expect("read the sample back");
    assert_eq!(on_disk, feed(&channel(), &records()));
    // The body blocks reach the content in order.
    let heading = ferry()
        .body
        .iter()
        .find_map(|b| match b {
            Block::Heading { text } => Some(text.clone()),
            Block::Paragraph { .. } => None,
        })
        .expect("the ferry story has a heading");
    assert!(on_disk.contains(&format!("&lt;h2&gt;{heading}&lt;/h2&gt;")));
}
