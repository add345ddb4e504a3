//! RSS 2.0: strict well-formedness, exact item structure, dates, filtering, determinism.

use newswire_export::rss;
use newswire_model::{Channel, Record};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use crate::fixtures::{channel, ferry, forbidden_char, lighthouse, records, tides, time, url};

/// One element of a flattened tree: its path, attributes and text.
type Flat = (String, Vec<(String, String)>, String);

/// One element of a parsed document.
#[derive(Debug)]
pub(crate) struct El {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) text: String,
    pub(crate) children: Vec<El>,
}

impl El {
    pub(crate) fn child(&self, name: &str) -> &El {
        self.children
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    pub(crate) fn all(&self, name: &str) -> Vec<&El> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every element below this one, depth first, as `(path, attributes, text)`; the text of
    /// elements with children (indentation) is left out.
    fn flatten(&self, prefix: &str, out: &mut Vec<Flat>) {
        for child in &self.children {
            let path = format!("{prefix}{}", child.name);
            let text = if child.children.is_empty() {
                child.text.clone()
            } else {
                String::new()
            };
            out.push((path.clone(), child.attrs.clone(), text));
            child.flatten(&format!("{path}/"), out);
        }
    }
}

/// Parses `xml` with quick-xml, failing on any well-formedness error quick-xml checks
/// (mismatched end tags, bad comments, unknown entities, bad character references).
#[track_caller]
pub(crate) fn parse_strict(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.check_comments = true;
    config.allow_dangling_amp = false;
    let mut stack: Vec<El> = Vec::new();
    let mut root = None;
    let open = |e: &quick_xml::events::BytesStart<'_>| El {
        name: e.name().as_ref().to_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                let value = a
                    .normalized_value(XmlVersion::Explicit1_0)
                    .expect("attribute value unescapes");
                (a.key.as_ref().to_owned(), value.into_owned())
            })
            .collect(),
        text: String::new(),
        children: Vec::new(),
    };
    let mut saw_decl = false;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => panic!("not well-formed at {}: {err}", reader.error_position()),
        };
        match event {
            Event::Decl(_) => saw_decl = true,
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let el = open(&e);
                stack
                    .last_mut()
                    .expect("empty element inside root")
                    .children
                    .push(el);
            }
            Event::End(_) => {
                let el = stack.pop().expect("end tag matches a start tag");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t.xml_content(XmlVersion::Explicit1_0));
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().expect("valid character reference") {
                    Some(c) => c.to_string(),
                    None => resolve_predefined_entity(&r.xml_content(XmlVersion::Explicit1_0))
                        .expect("only predefined entities")
                        .to_owned(),
                };
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&resolved);
                }
            }
            Event::CData(_) => panic!("no CDATA is written"),
            Event::Comment(_) => panic!("no comment is written"),
            Event::Eof => break,
            Event::PI(_) | Event::DocType(_) => panic!("unexpected markup"),
        }
    }
    assert!(saw_decl, "the document has an XML declaration");
    assert!(stack.is_empty(), "every element is closed");
    root.expect("the document has a root element")
}

fn feed(channel: &Channel, records: &[Record]) -> String {
    let refs: Vec<&Record> = records.iter().collect();
    rss(channel, &refs)
}

fn item_tree(record: &Record) -> Vec<Flat> {
    let xml = feed(&channel(), std::slice::from_ref(record));
    let root = parse_strict(&xml);
    let item = root.child("channel").child("item");
    let mut out = Vec::new();
    item.flatten("", &mut out);
    out
}

type Expect<'a> = &'a [(&'a str, &'a [(&'a str, &'a str)], &'a str)];

#[track_caller]
fn check_item(record: Record, expect: Expect<'_>) {
    let got = item_tree(&record);
    let want: Vec<Flat> = expect
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
        .collect();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "item child {i} of {}", record.slug);
    }
    assert_eq!(
        got.len(),
        want.len(),
        "item children of {}: {got:#?}",
        record.slug
    );
}

#[test]
fn items_carry_every_field_in_order() {
    let ferry_page = "https://ledger.example/articles/night-ferry-returns";
    check_item(
        ferry(),
        &[
            (
                "title",
                &[],
                "Night ferry “Saltmere Star” returns & sails at 22:00 🚢",
            ),
            ("link", &[], ferry_page),
            ("guid", &[("isPermaLink", "true")], ferry_page),
            (
                "description",
                &[],
                "The ferry&#39;s &lt;b&gt;first&lt;/b&gt; crossing since March ]]&gt; drew 40 people &amp; a &quot;brass&quot; band.",
            ),
            (
                "content:encoded",
                &[],
                "<p>The ferry left at 22:00 sharp; a sign read &lt;/script&gt; and ]]&gt; in chalk.</p>\n\
                 <h2>What changes?</h2>\n\
                 <p>Fares stay at £4 for adults &amp; “children go free”, the board&#39;s clerk said &lt;!-- twice --&gt;.</p>\n\
                 <p>Crew members 🚢 cheered. &#39;It&#39;s good to be back,&#39; said one.</p>",
            ),
            ("pubDate", &[], "Tue, 03 Nov 2026 09:30:00 -0500"),
            ("dc:creator", &[], "Ana Lima"),
            ("dc:creator", &[], "Tomás Ferreira"),
            ("dc:contributor", &[], "Ida Marsh"),
            ("dc:contributor", &[], "Colm Reddy"),
            ("dc:source", &[], "Saltmere Harbour Board"),
            ("dc:source", &[], "Westhaven Weather Service"),
            ("category", &[], "Coast"),
            ("category", &[], "ferries"),
            ("category", &[], "Saltmere"),
            ("category", &[], "night & day"),
            (
                "category",
                &[("domain", "http://cv.iptc.org/newscodes/genre/")],
                "Analysis",
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
    // A tag: id is no permalink; a credit without a picture URL gives no media element.
    check_item(
        tides(),
        &[
            ("title", &[], "Les tables des marées de Port-Lune changent"),
            ("link", &[], "https://ledger.example/articles/tide-tables"),
            (
                "guid",
                &[("isPermaLink", "false")],
                "tag:ledger.example,2026:tide-tables",
            ),
            (
                "description",
                &[],
                "Le bureau du port publie de nouvelles tables.",
            ),
            (
                "content:encoded",
                &[],
                "<p>Les nouvelles tables entrent en vigueur lundi.</p>",
            ),
            ("pubDate", &[], "Fri, 30 Oct 2026 18:45:10 +0530"),
            ("dc:creator", &[], "Élise Carron"),
            ("dc:language", &[], "fr"),
            (
                "category",
                &[("domain", "http://cv.iptc.org/newscodes/genre/")],
                "Feature",
            ),
        ],
    );
    // An id that is a URL but not the page's is no permalink; a bare picture is empty.
    check_item(
        lighthouse(),
        &[
            (
                "title",
                &[],
                "Greyness Point lighthouse gets a keeper again",
            ),
            (
                "link",
                &[],
                "https://ledger.example/articles/lighthouse-keeper",
            ),
            (
                "guid",
                &[("isPermaLink", "false")],
                "https://ledger.example/old/lighthouse-keeper",
            ),
            (
                "description",
                &[],
                "For the first time in 30 years, someone lives at the light.",
            ),
            (
                "content:encoded",
                &[],
                "<p>The keeper moved in on Sunday.</p>",
            ),
            ("pubDate", &[], "Mon, 14 Sep 2026 00:00:00 +0000"),
            ("category", &[], "Coast"),
            ("category", &[], "lighthouses"),
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

#[test]
fn document_and_channel() {
    let xml = feed(&channel(), &records());
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss "),
        "{xml}"
    );
    assert!(xml.ends_with("</rss>\n"));
    assert!(
        xml.contains("\n  <channel>\n    <title>"),
        "two-space indent"
    );
    let root = parse_strict(&xml);
    assert_eq!(root.name, "rss");
    for (attr, value) in [
        ("version", "2.0"),
        ("xmlns:atom", "http://www.w3.org/2005/Atom"),
        ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:media", "http://search.yahoo.com/mrss/"),
    ] {
        assert_eq!(root.attr(attr), Some(value), "{attr}");
    }
    assert_eq!(root.attrs.len(), 5, "no other namespace");
    let ch = root.child("channel");
    for (name, text) in [
        ("title", "Harbour Town Ledger & Gazette"),
        ("link", "https://ledger.example/"),
        ("description", "News from the harbour towns of Westhaven"),
        ("language", "en"),
        (
            "copyright",
            "© 2026 Harbour Town Ledger. All rights reserved.",
        ),
        ("lastBuildDate", "Tue, 03 Nov 2026 14:05:00 -0500"),
        ("generator", "newswire"),
    ] {
        assert_eq!(ch.child(name).text, text, "channel {name}");
    }
    let me = ch.child("atom:link");
    assert_eq!(me.attr("rel"), Some("self"));
    assert_eq!(me.attr("type"), Some("application/rss+xml"));
    assert_eq!(
        me.attr("href"),
        Some("https://ledger.example/feeds/rss.xml")
    );
    let image = ch.child("image");
    assert_eq!(image.child("url").text, "https://ledger.example/logo.png");
    assert_eq!(image.child("title").text, ch.child("title").text);
    assert_eq!(image.child("link").text, ch.child("link").text);
    let guids: Vec<&str> = ch
        .all("item")
        .iter()
        .map(|i| i.child("guid").text.as_str())
        .collect();
    assert_eq!(
        guids,
        [
            "https://ledger.example/articles/night-ferry-returns",
            "tag:ledger.example,2026:tide-tables",
            "https://ledger.example/old/lighthouse-keeper",
        ],
        "items in the order given"
    );
}

#[test]
fn optional_channel_elements() {
    let mut bare = channel();
    bare.rights = None;
    bare.publisher.logo = None;
    bare.feed_url = url("https://feeds.ledger.example/coast");
    let root = parse_strict(&feed(&bare, &[]));
    let ch = root.child("channel");
    let names: Vec<&str> = ch.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "title",
            "link",
            "description",
            "language",
            "generator",
            "atom:link"
        ],
        "no copyright, image, lastBuildDate or item"
    );
    assert_eq!(
        ch.child("atom:link").attr("href"),
        Some("https://feeds.ledger.example/coast/rss.xml")
    );
}

#[track_caller]
fn check_dates(published: &str, modified: Option<&str>, pub_date: &str, last_build: &str) {
    let mut record = lighthouse();
    record.published = time(published);
    record.modified = modified.map(time);
    let root = parse_strict(&feed(&channel(), &[record]));
    let ch = root.child("channel");
    assert_eq!(
        ch.child("item").child("pubDate").text,
        pub_date,
        "{published}"
    );
    assert_eq!(ch.child("lastBuildDate").text, last_build, "{published}");
}

#[test]
fn dates_keep_their_offset() {
    for (published, modified, pub_date, last_build) in [
        (
            "2026-11-03T09:30:00+00:00",
            None,
            "Tue, 03 Nov 2026 09:30:00 +0000",
            "Tue, 03 Nov 2026 09:30:00 +0000",
        ),
        (
            "2026-11-03T09:30:00Z",
            Some("2026-11-04T01:02:03-05:00"),
            "Tue, 03 Nov 2026 09:30:00 +0000",
            "Wed, 04 Nov 2026 01:02:03 -0500",
        ),
        (
            "2026-07-01T23:15:00-05:00",
            None,
            "Wed, 01 Jul 2026 23:15:00 -0500",
            "Wed, 01 Jul 2026 23:15:00 -0500",
        ),
        (
            "2027-02-28T06:00:59.999+05:45",
            None,
            "Sun, 28 Feb 2027 06:00:59 +0545",
            "Sun, 28 Feb 2027 06:00:59 +0545",
        ),
        (
            "2026-01-05T12:00:00-03:30",
            Some("2026-01-05T12:00:00-03:30"),
            "Mon, 05 Jan 2026 12:00:00 -0330",
            "Mon, 05 Jan 2026 12:00:00 -0330",
        ),
    ] {
        check_dates(published, modified, pub_date, last_build);
    }
}

#[track_caller]
fn check_last_build(records: &[Record], expect: Option<&str>) {
    let root = parse_strict(&feed(&channel(), records));
    let got = root
        .child("channel")
        .all("lastBuildDate")
        .first()
        .map(|e| e.text.clone());
    assert_eq!(got.as_deref(), expect);
}

#[test]
fn last_build_date_is_the_newest_update() {
    let mut old_first = lighthouse();
    old_first.modified = None;
    for (records, expect) in [
        (vec![], None),
        (records(), Some("Tue, 03 Nov 2026 14:05:00 -0500")),
        // The newest update wins even when the caller's order puts it last.
        (
            vec![old_first, tides(), ferry()],
            Some("Tue, 03 Nov 2026 14:05:00 -0500"),
        ),
        (vec![tides()], Some("Fri, 30 Oct 2026 18:45:10 +0530")),
    ] {
        check_last_build(&records, expect);
    }
}

#[test]
fn hostile_text_never_escapes() {
    let xml = feed(&channel(), &records());
    assert_eq!(forbidden_char(&xml), None, "no forbidden character");
    for raw in ["<![CDATA[", "<!--", "</script>", "]]>", "\u{0}", "\u{1}"] {
        assert!(!xml.contains(raw), "{raw:?} is escaped or removed");
    }
}

#[test]
fn deterministic() {
    let first = feed(&channel(), &records());
    let second = feed(&channel(), &records());
    assert_eq!(first, second);
}
