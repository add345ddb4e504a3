//! HTML article pages: the embedded JSON-LD read back as a browser would, hostile text only
//! ever escaped, the document parsed by an HTML5 parser, and the sample outputs.

use std::path::PathBuf;

use newswire_export::{html_page, jsonld_article, to_json_bytes};
use newswire_model::{Channel, Credit, Image, Person, Record};
use scraper::{Html, Selector};
use serde_json::Value;

use crate::fixtures::{
    channel, ferry, forbidden_char, html_text, lighthouse, records, tides, url, xml_clean,
};

/// The start tag of the JSON-LD script, as the page writes it.
const SCRIPT_START: &str = "<script type=\"application/ld+json\">";

/// A record whose every text tries to break out of where it is written.
fn hostile() -> Record {
    let mut record = ferry();
    record.headline =
        "Closing </SCRIPT > and </script><script>alert(1)</script> <!-- \u{2028}x\u{2029} & \"q\" 'a' \u{1}"
            .into();
    record.description = "<!--<script>--> ]]> </style> &amp; done".into();
    record.keywords = vec![
        "</script >".into(),
        "<!--".into(),
        " \u{1}".into(),
        "<!--".into(),
    ];
    record.section = Some("<b>Coast</b>".into());
    record.authors = vec![Person {
        name: "Ana </script> Lima".into(),
        role: None,
        url: Some(url("https://ledger.example/people/a?b=1&c=\"2\"")),
    }];
    if let Some(dateline) = record.dateline.as_mut() {
        dateline.text = "SALTMERE </sCrIpT\t>".into();
    }
    record.image = Some(Image {
        url: Some(url("https://ledger.example/img/x.jpg?a=1&b=<2>")),
        alt: Some("\" onerror=\"alert(1)".into()),
        caption: Some("<!-- caption --> </figcaption>".into()),
        credit: Some(Credit {
            text: "Photo: ]]> </style>".into(),
            creator: None,
            provider: None,
        }),
    });
    record
}

/// Every record the tests page, with and without a channel.
fn cases() -> Vec<(&'static str, Option<Channel>, Record)> {
    vec![
        ("ferry", Some(channel()), ferry()),
        ("ferry without channel", None, ferry()),
        ("tides", None, tides()),
        ("tides with channel", Some(channel()), tides()),
        ("lighthouse", None, lighthouse()),
        ("hostile", Some(channel()), hostile()),
    ]
}

/// The text of the JSON-LD script as a browser reads it: from the end of its start tag to the
/// first `</script`, in any case.
fn embedded_json_ld(page: &str) -> &str {
    let start = page.find(SCRIPT_START).expect("a JSON-LD script") + SCRIPT_START.len();
    let rest = &page[start..];
    let end = rest
        .to_ascii_lowercase()
        .find("</script")
        .expect("the script is closed");
    &rest[..end]
}

#[track_caller]
fn check_embedding(name: &str, channel: Option<&Channel>, record: &Record) {
    let page = html_page(channel, record);
    let embedded: Value =
        serde_json::from_str(embedded_json_ld(&page)).expect("the embedded JSON-LD parses");
    assert_eq!(
        embedded,
        jsonld_article(record),
        "{name}: the article's JSON-LD"
    );
    let file: Value =
        serde_json::from_slice(&to_json_bytes(&jsonld_article(record))).expect("valid JSON");
    assert_eq!(embedded, file, "{name}: the same value as the .jsonld file");
    let lower = page.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 1, "{name}: one script");
    assert_eq!(lower.matches("</script").count(), 1, "{name}: closed once");
    assert!(!page.contains("<!--"), "{name}: no comment opens");
    assert_eq!(
        forbidden_char(&page),
        None,
        "{name}: no forbidden character"
    );
    for c in ['\u{2028}', '\u{2029}'] {
        assert!(
            !embedded_json_ld(&page).contains(c),
            "{name}: {c:?} is escaped in the script"
        );
    }
}

#[test]
fn json_ld_is_embedded_safely() {
    for (name, channel, record) in cases() {
        check_embedding(name, channel.as_ref(), &record);
    }
}

#[test]
fn hostile_text_appears_only_escaped() {
    let record = hostile();
    let page = html_page(Some(&channel()), &record);
    let texts = [
        record.headline.as_str(),
        record.description.as_str(),
        "</script >",
        "<!--",
        "<b>Coast</b>",
        "Ana </script> Lima",
        "SALTMERE </sCrIpT\t>",
        "\" onerror=\"alert(1)",
        "<!-- caption --> </figcaption>",
        "Photo: ]]> </style>",
    ];
    // The page closes its own style element once; no text closes it.
    assert_eq!(page.matches("</style>").count(), 1);
    for raw in texts {
        let escaped = html_text(raw);
        assert!(page.contains(&escaped), "{raw:?} is written as {escaped:?}");
        assert!(!page.contains(&xml_clean(raw)), "{raw:?} never appears raw");
    }
    for raw in ["]]>", "<b>", "onerror=\"", "\u{1}"] {
        assert!(!page.contains(raw), "{raw:?} never appears raw");
    }
}

/// One expectation: every element matching `selector`, read as its `attribute` (or its text
/// when `None`), in document order.
type Expect<'a> = (&'a str, Option<&'a str>, Vec<String>);

#[track_caller]
fn check(name: &str, channel: Option<&Channel>, record: &Record, expect: &[Expect<'_>]) {
    let page = html_page(channel, record);
    let doc = Html::parse_document(&page);
    assert_eq!(
        doc.errors,
        Vec::<std::borrow::Cow<'_, str>>::new(),
        "{name}: parse errors"
    );
    for (selector, attribute, want) in expect {
        let parsed = Selector::parse(selector).expect("test selectors are valid");
        let got: Vec<String> = doc
            .select(&parsed)
            .map(|e| match attribute {
                Some(a) => e.attr(a).unwrap_or("<absent>").to_owned(),
                None => e.text().collect(),
            })
            .collect();
        assert_eq!(&got, want, "{name}: {selector} {attribute:?}");
    }
}

fn s(items: &[&str]) -> Vec<String> {
    items.iter().map(|&i| i.to_owned()).collect()
}

#[test]
fn page_structure() {
    let ferry = ferry();
    let headline = xml_clean(&ferry.headline);
    let page_url = "https://ledger.example/articles/night-ferry-returns";
    let img = "https://ledger.example/img/night-ferry.jpg";
    let caption = "The Saltmere Star leaves port <!-- not a comment --> at 22:00";
    let paragraphs = s(&[
        "The ferry left at 22:00 sharp; a sign read </script> and ]]> in chalk.",
        "Fares stay at £4 for adults & “children go free”, the board's clerk said <!-- twice -->.",
        "Crew members 🚢 cheered. 'It's good to be back,' said one.",
    ]);
    let ferry_common: Vec<Expect<'_>> = vec![
        ("html", Some("lang"), s(&["en"])),
        ("meta[charset]", Some("charset"), s(&["utf-8"])),
        (
            "meta[name=viewport]",
            Some("content"),
            s(&["width=device-width, initial-scale=1"]),
        ),
        (
            "meta[name=description]",
            Some("content"),
            s(&[
                "The ferry's <b>first</b> crossing since March ]]> drew 40 people & a \"brass\" band.",
            ]),
        ),
        (
            "meta[name=author]",
            Some("content"),
            s(&["Ana Lima and Tomás Ferreira"]),
        ),
        ("link[rel=canonical]", Some("href"), s(&[page_url])),
        ("meta[property='og:type']", Some("content"), s(&["article"])),
        (
            "meta[property='og:title']",
            Some("content"),
            vec![headline.clone()],
        ),
        ("meta[property='og:url']", Some("content"), s(&[page_url])),
        ("meta[property='og:image']", Some("content"), s(&[img])),
        (
            "meta[property='og:image:alt']",
            Some("content"),
            s(&["The ferry's lights on black water"]),
        ),
        ("meta[property='og:locale']", Some("content"), s(&[])),
        (
            "meta[property='article:published_time']",
            Some("content"),
            s(&["2026-11-03T09:30:00-05:00"]),
        ),
        (
            "meta[property='article:modified_time']",
            Some("content"),
            s(&["2026-11-03T14:05:00-05:00"]),
        ),
        (
            "meta[property='article:author']",
            Some("content"),
            s(&["https://ledger.example/people/ana-lima", "Tomás Ferreira"]),
        ),
        (
            "meta[property='article:section']",
            Some("content"),
            s(&["Coast"]),
        ),
        (
            "meta[property='article:tag']",
            Some("content"),
            s(&["ferries", "Saltmere", "night & day"]),
        ),
        (
            "meta[name='twitter:card']",
            Some("content"),
            s(&["summary_large_image"]),
        ),
        ("script", Some("type"), s(&["application/ld+json"])),
        ("script[src], link[rel=stylesheet], iframe", None, s(&[])),
        ("article header .kicker", None, s(&["Coast · Analysis"])),
        ("h1", None, vec![headline.clone()]),
        ("article h2", None, s(&["What changes?"])),
        ("article > p", None, paragraphs),
        (
            "header .byline",
            None,
            s(&["By Ana Lima and Tomás Ferreira"]),
        ),
        (
            "header .byline a",
            Some("href"),
            s(&["https://ledger.example/people/ana-lima"]),
        ),
        ("header .byline a", Some("rel"), s(&["author"])),
        (
            "header .dateline",
            None,
            s(&["SALTMERE, Westhaven (Coastwire)"]),
        ),
        (
            "header time",
            Some("datetime"),
            s(&["2026-11-03T09:30:00-05:00", "2026-11-03T14:05:00-05:00"]),
        ),
        (
            "header time",
            None,
            s(&["2026-11-03 09:30 -05:00", "2026-11-03 14:05 -05:00"]),
        ),
        ("figure img", Some("src"), s(&[img])),
        (
            "figure img",
            Some("alt"),
            s(&["The ferry's lights on black water"]),
        ),
        (
            "figure figcaption",
            None,
            vec![format!("{caption} Ana Lima / Northlight")],
        ),
        ("figcaption .credit", None, s(&["Ana Lima / Northlight"])),
        (
            "footer .credits",
            None,
            s(&[
                "Additional reporting by Ida Marsh.",
                "Edited by Colm Reddy.",
            ]),
        ),
        (
            "footer .sources",
            None,
            s(&["Sources: Saltmere Harbour Board, Westhaven Weather Service."]),
        ),
        (
            "footer .sources a",
            Some("href"),
            s(&["https://harbourboard.example/"]),
        ),
        (
            "footer .publisher",
            None,
            s(&["Published by Harbour Town Ledger."]),
        ),
    ];
    let mut with_channel = ferry_common.clone();
    with_channel.extend([
        (
            "title",
            None,
            vec![format!("{headline} — Harbour Town Ledger & Gazette")],
        ),
        (
            "meta[property='og:site_name']",
            Some("content"),
            s(&["Harbour Town Ledger & Gazette"]),
        ),
        (
            "link[rel=alternate]",
            Some("type"),
            s(&[
                "application/rss+xml",
                "application/atom+xml",
                "application/feed+json",
            ]),
        ),
        (
            "link[rel=alternate]",
            Some("href"),
            s(&[
                "https://ledger.example/feeds/rss.xml",
                "https://ledger.example/feeds/atom.xml",
                "https://ledger.example/feeds/feed.json",
            ]),
        ),
        (
            "link[rel=alternate]",
            Some("title"),
            s(&[
                "Harbour Town Ledger & Gazette (RSS)",
                "Harbour Town Ledger & Gazette (Atom)",
                "Harbour Town Ledger & Gazette (JSON Feed)",
            ]),
        ),
        (
            "footer .rights",
            None,
            s(&["© 2026 Harbour Town Ledger. All rights reserved."]),
        ),
    ]);
    check("ferry", Some(&channel()), &ferry, &with_channel);

    // Without a channel: no feed links, no rights; the publisher names the site.
    let mut without_channel = ferry_common;
    without_channel.extend([
        (
            "title",
            None,
            vec![format!("{headline} — Harbour Town Ledger")],
        ),
        (
            "meta[property='og:site_name']",
            Some("content"),
            s(&["Harbour Town Ledger"]),
        ),
        ("link[rel=alternate]", Some("href"), s(&[])),
        ("footer .rights", None, s(&[])),
    ]);
    check("ferry without channel", None, &ferry, &without_channel);

    // A French page with a picture credit but no picture URL, never modified.
    let tides_expect: Vec<Expect<'_>> = vec![
        ("html", Some("lang"), s(&["fr"])),
        (
            "title",
            None,
            s(&["Les tables des marées de Port-Lune changent — Harbour Town Ledger"]),
        ),
        ("meta[property='og:image']", Some("content"), s(&[])),
        (
            "meta[name='twitter:card']",
            Some("content"),
            s(&["summary"]),
        ),
        ("header .kicker", None, s(&["Feature"])),
        ("header .byline", None, s(&["By Élise Carron"])),
        ("header .byline a", Some("href"), s(&[])),
        ("header .dateline", None, s(&[])),
        (
            "header time",
            Some("datetime"),
            s(&["2026-10-30T18:45:10+05:30"]),
        ),
        ("figure img", Some("src"), s(&[])),
        ("figure figcaption", None, s(&["Photo: Port-Lune Archive"])),
        (
            "article > p",
            None,
            s(&["Les nouvelles tables entrent en vigueur lundi."]),
        ),
        ("footer .credits, footer .sources", None, s(&[])),
    ];
    check("tides", None, &tides(), &tides_expect);

    // Nobody credited, no publisher, no channel: no byline, no site name, a bare picture.
    let lighthouse_expect: Vec<Expect<'_>> = vec![
        (
            "title",
            None,
            s(&["Greyness Point lighthouse gets a keeper again"]),
        ),
        ("meta[property='og:site_name']", Some("content"), s(&[])),
        ("meta[name=author]", Some("content"), s(&[])),
        ("header .byline", None, s(&[])),
        (
            "header time",
            Some("datetime"),
            s(&["2026-09-14T00:00:00+00:00", "2026-09-15T06:00:00+00:00"]),
        ),
        (
            "figure img",
            Some("src"),
            s(&["https://ledger.example/img/light.jpg"]),
        ),
        ("figure img", Some("alt"), s(&[""])),
        ("figcaption", None, s(&[])),
        ("footer", None, s(&[])),
    ];
    check("lighthouse", None, &lighthouse(), &lighthouse_expect);

    // Hostile text reads back exactly (less what XML forbids) once parsed.
    let hostile = hostile();
    let hostile_expect: Vec<Expect<'_>> = vec![
        ("h1", None, vec![xml_clean(&hostile.headline)]),
        (
            "meta[name=description]",
            Some("content"),
            vec![hostile.description.clone()],
        ),
        // Blank tags are left out and repeated ones written once.
        (
            "meta[property='article:tag']",
            Some("content"),
            s(&["</script >", "<!--"]),
        ),
        ("header .kicker", None, s(&["<b>Coast</b> · Analysis"])),
        ("header .byline", None, s(&["By Ana </script> Lima"])),
        (
            "header .byline a",
            Some("href"),
            s(&["https://ledger.example/people/a?b=1&c=%222%22"]),
        ),
        ("header .dateline", None, s(&["SALTMERE </sCrIpT\t>"])),
        (
            "figure img",
            Some("src"),
            s(&["https://ledger.example/img/x.jpg?a=1&b=%3C2%3E"]),
        ),
        ("figure img", Some("alt"), s(&["\" onerror=\"alert(1)"])),
        ("figure img[onerror]", None, s(&[])),
        ("figcaption .credit", None, s(&["Photo: ]]> </style>"])),
        (
            "figcaption",
            None,
            s(&["<!-- caption --> </figcaption> Photo: ]]> </style>"]),
        ),
        ("script", Some("type"), s(&["application/ld+json"])),
    ];
    check("hostile", Some(&channel()), &hostile, &hostile_expect);
    // The style sheet is the page's own, whatever the text.
    assert_eq!(
        style_of(&html_page(Some(&channel()), &hostile)),
        style_of(&html_page(Some(&channel()), &ferry)),
    );
}

fn style_of(page: &str) -> String {
    let doc = Html::parse_document(page);
    let selector = Selector::parse("style").expect("valid selector");
    doc.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn style_is_self_contained() {
    let style = style_of(&html_page(Some(&channel()), &ferry()));
    for (needle, present) in [
        ("max-width:38em", true),
        ("prefers-color-scheme:dark", true),
        ("system-ui", true),
        ("line-height", true),
        ("url(", false),
        ("@import", false),
        ("<", false),
    ] {
        assert_eq!(style.contains(needle), present, "style {needle:?}");
    }
}

/// Writes each fixture's page to `target/tmp/newswire-export-sample/articles/` (for the
/// conformance check, `../shared/conformance/check`), twice, and checks both runs match.
#[test]
fn sample_outputs_are_deterministic() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("newswire-export-sample")
        .join("articles");
    let write = || -> Vec<(PathBuf, Vec<u8>)> {
        let channel = channel();
        let mut files: Vec<(PathBuf, Vec<u8>)> = records()
            .iter()
            .map(|r| {
                let path = dir.join(format!("{}.html", r.slug.as_str()));
                (path, html_page(Some(&channel), r).into_bytes())
            })
            .collect();
        files.push((
            dir.join("hostile.html"),
            html_page(Some(&channel), &hostile()).into_bytes(),
        ));
        files
    };
    std::fs::create_dir_all(&dir).expect("create the sample folder");
    for (path, bytes) in write() {
        std::fs::write(&path, bytes).expect("write a sample output");
    }
    for (path, bytes) in write() {
        let on_disk = std::fs::read(&path).expect("read a sample output back");
        assert_eq!(on_disk, bytes, "{} differs between runs", path.display());
    }
}
