//! Shared pieces of the fuzz targets: the channel and records built from fuzz input, and the
//! checks every output must pass (well-formed XML, JSON that reads back as itself, no
//! character XML 1.0 forbids, a page whose only script is the article's JSON-LD).
//!
//! A check that fails panics, which is how libFuzzer learns of it.

use std::sync::LazyLock;

use arbitrary::{Result, Unstructured};
use chrono::{DateTime, FixedOffset};
use newswire_export::{jsonld_article, to_json_bytes};
use newswire_ingest::{Context, Parsed, parse_markdown, parse_wire_text};
use newswire_model::{
    AbsoluteUrl, Block, Channel, Credit, Dateline, Genre, Image, LanguageTag, Organization, Person,
    Record, Slug, Timestamp, word_count,
};
use newswire_validate::Validator;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use serde_json::Value;

/// The validator, compiled once per process.
pub static VALIDATOR: LazyLock<Validator> = LazyLock::new(Validator::new);

/// The channel articles are read within.
pub static CHANNEL: LazyLock<Channel> = LazyLock::new(|| channel_with("Test Desk", "", None));

/// Whether XML 1.0 forbids `c` (its `Char` production); Rust strings hold no surrogates.
pub fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn channel_with(title: &str, description: &str, rights: Option<String>) -> Channel {
    let mut value = serde_json::json!({
        "title": title,
        "description": description,
        "home_url": "https://desk.example/",
        "base_url": "https://desk.example/stories/",
        "feed_url": "https://desk.example/feeds/",
        "language": "en",
        "publisher": {"name": "Test Desk Media", "url": "https://desk.example/"},
    });
    if let Some(rights) = rights {
        value["rights"] = rights.into();
    }
    serde_json::from_value(value).expect("a channel of valid values")
}

/// The context an article is read in: the test channel and a publication date, so that a
/// record can come out of text that has no front matter.
pub fn context() -> Context<'static> {
    Context {
        channel: Some(&CHANNEL),
        published: DateTime::parse_from_rfc3339("2026-03-14T09:30:00+01:00").ok(),
    }
}

/// Reads `bytes` as wire text or Markdown and checks the outcome: a record exactly when no
/// diagnostic is an error, and a record that the validator accepts.
pub fn ingest(bytes: &[u8], markdown: bool) -> Parsed {
    let ctx = context();
    let parsed = if markdown {
        parse_markdown("fuzz.md", bytes, &ctx)
    } else {
        parse_wire_text("fuzz.txt", bytes, &ctx)
    };
    assert_eq!(
        parsed.record.is_some(),
        !parsed.has_errors(),
        "{:?}",
        parsed.diagnostics
    );
    if let Some(record) = &parsed.record {
        let errors: Vec<_> = VALIDATOR
            .record("fuzz", record)
            .into_iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{record:#?}");
    }
    parsed
}

/// What an exporter target exports: a channel and one to three records.
///
/// An input whose first byte is odd is an article (wire text, or Markdown when bit 1 is set)
/// and exports the record it gives, so the seed articles reach every exporter; any other
/// input builds the channel and records field by field, so text the readers would have
/// cleaned (forbidden characters, markup, odd white space) reaches the exporters too, as it
/// can in a record read from JSON.
pub fn exports(data: &[u8]) -> Option<(Channel, Vec<Record>)> {
    let (&first, rest) = data.split_first()?;
    if first & 1 == 1 {
        let record = ingest(rest, first & 2 == 2).record?;
        return Some((CHANNEL.clone(), vec![record]));
    }
    let mut u = Unstructured::new(rest);
    let channel = channel_with(
        &text(&mut u).ok()?,
        &text(&mut u).ok()?,
        opt_text(&mut u).ok()?,
    );
    let mut records = vec![record(&mut u).ok()?];
    while records.len() < 3 && u.arbitrary().unwrap_or(false) {
        records.push(record(&mut u).ok()?);
    }
    Some((channel, records))
}

/// Pieces of text that have broken writers before.
const HOSTILE: &[&str] = &[
    "</script>",
    "<!--",
    "-->",
    "]]>",
    "<![CDATA[",
    "&",
    "&amp;",
    "&#1;",
    "<",
    ">",
    "\"",
    "'",
    "\u{0}",
    "\u{1}",
    "\u{B}",
    "\u{1F}",
    "\u{7F}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{FEFF}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\r",
    "\t",
    "\n",
    "—",
    " ",
    "e\u{301}",
];

/// Text of a few pieces: arbitrary strings and hostile pieces.
fn text(u: &mut Unstructured<'_>) -> Result<String> {
    let mut out = String::new();
    for _ in 0..u.int_in_range(0..=4u8)? {
        if u.ratio(1, 3)? {
            out.push_str(u.choose(HOSTILE)?);
        } else {
            out.push_str(u.arbitrary::<&str>()?);
        }
    }
    Ok(out)
}

fn opt_text(u: &mut Unstructured<'_>) -> Result<Option<String>> {
    Ok(if u.arbitrary()? { Some(text(u)?) } else { None })
}

fn list<T>(
    u: &mut Unstructured<'_>,
    max: u8,
    f: fn(&mut Unstructured<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    (0..u.int_in_range(0..=max)?).map(|_| f(u)).collect()
}

fn slug(u: &mut Unstructured<'_>) -> Result<Slug> {
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut s = String::new();
    for run in 0..u.int_in_range(1..=4u8)? {
        if run > 0 {
            s.push('-');
        }
        for _ in 0..u.int_in_range(1..=8u8)? {
            s.push(char::from(*u.choose(ALNUM)?));
        }
    }
    Ok(Slug::new(&s).unwrap_or_else(|_| Slug::new("a").expect("a slug")))
}

fn url(u: &mut Unstructured<'_>) -> Result<AbsoluteUrl> {
    const HOSTS: &[&str] = &[
        "https://desk.example/",
        "http://news.example:8080/",
        "https://bücher.example/",
        "https://[::1]/",
        "http://127.0.0.1/",
    ];
    let host = u.choose(HOSTS)?;
    let path: &str = u.arbitrary()?;
    Ok(AbsoluteUrl::parse(&format!("{host}{path}"))
        .unwrap_or_else(|_| AbsoluteUrl::parse(host).expect("a URL")))
}

fn language(u: &mut Unstructured<'_>) -> Result<LanguageTag> {
    const TAGS: &[&str] = &["en", "en-GB", "pt-BR", "zh-Hant-TW", "de-CH-1996", "es-419"];
    let tag = if u.arbitrary()? {
        u.choose(TAGS)?.to_string()
    } else {
        u.arbitrary::<String>()?
    };
    Ok(LanguageTag::parse(&tag).unwrap_or_else(|_| LanguageTag::parse("en").expect("a tag")))
}

/// A timestamp between 1900 and 2200 with a whole-minute offset; now and then the one leap
/// second RFC 3339 allows, 23:59:60 UTC.
fn timestamp(u: &mut Unstructured<'_>) -> Result<Timestamp> {
    let mut secs = u.int_in_range(-2_208_988_800i64..=7_258_118_400)?;
    let mut nanos = if u.arbitrary()? {
        u.int_in_range(0..=999_999_999u32)?
    } else {
        0
    };
    if u.ratio(1, 20)? {
        secs = secs - secs.rem_euclid(86_400) + 86_399;
        nanos += 1_000_000_000;
    }
    let minutes = u.int_in_range(-(23 * 60 + 59)..=(23 * 60 + 59))?;
    let offset =
        FixedOffset::east_opt(minutes * 60).unwrap_or(FixedOffset::east_opt(0).expect("UTC"));
    let utc = DateTime::from_timestamp(secs, nanos).unwrap_or_default();
    Ok(utc.with_timezone(&offset))
}

fn person(u: &mut Unstructured<'_>) -> Result<Person> {
    Ok(Person {
        name: text(u)?,
        role: opt_text(u)?,
        url: if u.arbitrary()? { Some(url(u)?) } else { None },
    })
}

fn organization(u: &mut Unstructured<'_>) -> Result<Organization> {
    Ok(Organization {
        name: text(u)?,
        url: if u.arbitrary()? { Some(url(u)?) } else { None },
        logo: if u.arbitrary()? { Some(url(u)?) } else { None },
    })
}

fn block(u: &mut Unstructured<'_>) -> Result<Block> {
    let text = text(u)?;
    Ok(if u.ratio(1, 4)? {
        Block::Heading { text }
    } else {
        Block::Paragraph { text }
    })
}

/// A record whose checked values are valid and whose texts are anything at all.
pub fn record(u: &mut Unstructured<'_>) -> Result<Record> {
    let slug = slug(u)?;
    let page = url(u)?;
    let id = if u.arbitrary()? {
        format!("tag:desk.example,2026:{slug}")
    } else {
        page.as_str().to_owned()
    };
    let published = timestamp(u)?;
    let modified = if u.arbitrary()? {
        let later = timestamp(u)?;
        Some(if later < published { published } else { later })
    } else {
        None
    };
    let body = list(u, 5, block)?;
    Ok(Record {
        id,
        slug,
        url: page,
        headline: text(u)?,
        description: text(u)?,
        published,
        modified,
        language: language(u)?,
        authors: list(u, 3, person)?,
        contributors: list(u, 2, person)?,
        editors: list(u, 2, person)?,
        publisher: if u.arbitrary()? {
            Some(organization(u)?)
        } else {
            None
        },
        dateline: if u.arbitrary()? {
            Some(Dateline {
                text: text(u)?,
                place: text(u)?,
                region: opt_text(u)?,
                date: opt_text(u)?,
                agency: opt_text(u)?,
            })
        } else {
            None
        },
        genre: if u.arbitrary()? {
            Some(*u.choose(&Genre::ALL)?)
        } else {
            None
        },
        sources: list(u, 3, organization)?,
        image: if u.arbitrary()? {
            Some(Image {
                url: if u.arbitrary()? { Some(url(u)?) } else { None },
                alt: opt_text(u)?,
                caption: opt_text(u)?,
                credit: if u.arbitrary()? {
                    Some(Credit {
                        text: text(u)?,
                        creator: opt_text(u)?,
                        provider: opt_text(u)?,
                    })
                } else {
                    None
                },
            })
        } else {
            None
        },
        keywords: list(u, 3, text)?,
        section: opt_text(u)?,
        word_count: word_count(&body),
        body,
    })
}

/// A strict reading of `xml`: one root element, matching and well-formed tags, comments
/// without `--`, only the five predefined entities and character references to allowed
/// characters, unique attributes without `<`, no `]]>` in text, and no character XML 1.0
/// forbids.
pub fn check_xml(what: &str, xml: &str) {
    if let Some(c) = xml.chars().find(|&c| forbidden(c)) {
        panic!(
            "{what}: holds U+{:04X}, which XML 1.0 forbids",
            u32::from(c)
        );
    }
    let mut reader = Reader::from_str(xml);
    reader.config_mut().enable_all_checks(true);
    let (mut depth, mut roots, mut first) = (0usize, 0usize, true);
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("{what}: not well-formed at byte {at}: {e}\n{xml}"));
        let is_first = std::mem::replace(&mut first, false);
        match event {
            Event::Decl(_) if is_first => {}
            Event::Start(ref e) | Event::Empty(ref e) => {
                if depth == 0 {
                    roots += 1;
                }
                for attr in e.attributes() {
                    let attr = attr.unwrap_or_else(|e| panic!("{what}: attribute at {at}: {e}"));
                    assert!(
                        !attr.value.contains('<'),
                        "{what}: `<` in an attribute at {at}"
                    );
                    if let Err(e) = attr.normalized_value(XmlVersion::Explicit1_0) {
                        panic!("{what}: attribute value at {at}: {e}");
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) => {
                let raw: &str = &t;
                assert!(!raw.contains("]]>"), "{what}: `]]>` in text at {at}");
                assert!(
                    depth > 0 || raw.trim().is_empty(),
                    "{what}: text outside the root at {at}"
                );
            }
            Event::GeneralRef(r) => {
                assert!(depth > 0, "{what}: a reference outside the root at {at}");
                if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) if !forbidden(c) => {}
                        other => panic!("{what}: bad character reference at {at}: {other:?}"),
                    }
                } else {
                    assert!(
                        matches!(&*r, "amp" | "lt" | "gt" | "quot" | "apos"),
                        "{what}: undefined entity at {at}"
                    );
                }
            }
            Event::CData(_) | Event::Comment(_) if depth > 0 => {}
            Event::Eof => break,
            other => panic!("{what}: unexpected {other:?} at {at}"),
        }
    }
    assert!(
        depth == 0 && roots == 1,
        "{what}: {roots} roots, {depth} left open\n{xml}"
    );
}

fn check_strings(what: &str, value: &Value) {
    let bad = |s: &str| s.chars().any(forbidden);
    match value {
        Value::String(s) => assert!(!bad(s), "{what}: {s:?} holds a forbidden character"),
        Value::Array(items) => items.iter().for_each(|v| check_strings(what, v)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            assert!(!bad(k), "{what}: the key {k:?} holds a forbidden character");
            check_strings(what, v);
        }),
        _ => {}
    }
}

/// A JSON document: its bytes read back as the same value, and no string in it holds a
/// character XML 1.0 forbids.
pub fn check_json(what: &str, value: &Value) {
    let bytes = to_json_bytes(value);
    let back: Value =
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
    assert_eq!(&back, value, "{what}: reads back differently");
    check_strings(what, value);
}

/// An HTML page: no forbidden character, no HTML parse error, one script, and that script
/// is the article's JSON-LD.
pub fn check_page(page: &str, record: &Record) {
    if let Some(c) = page.chars().find(|&c| forbidden(c)) {
        panic!("page: holds U+{:04X}", u32::from(c));
    }
    let html = scraper::Html::parse_document(page);
    assert!(html.errors.is_empty(), "page: {:?}\n{page}", html.errors);
    let selector = scraper::Selector::parse("script").expect("a selector");
    let scripts: Vec<_> = html.select(&selector).collect();
    assert_eq!(scripts.len(), 1, "page: scripts\n{page}");
    assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));
    let text: String = scripts[0].text().collect();
    let embedded: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("page: the JSON-LD is not JSON: {e}"));
    assert_eq!(
        embedded,
        jsonld_article(record),
        "page: the JSON-LD differs"
    );
}
