//! Properties over arbitrary input: any text either gives diagnostics or a record that
//! validates and exports to well-formed documents, and any valid record survives JSON and
//! every exporter.

use std::sync::LazyLock;

use chrono::{DateTime, Duration, FixedOffset};
use newswire_export::{
    RenderedBody, atom, body_html, html_page, json_feed, jsonld_article, jsonld_article_text,
    jsonld_channel, ninjs, ninjs_bytes, rss, to_json_bytes,
};
use newswire_ingest::{Context, Parsed, parse_markdown, parse_wire_text};
use newswire_model::{
    AbsoluteUrl, Block, Channel, Code, Credit, Dateline, Genre, Image, LanguageTag, Organization,
    Person, Record, Slug, Timestamp, word_count,
};
use newswire_validate::Validator;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use serde_json::Value;

static VALIDATOR: LazyLock<Validator> = LazyLock::new(Validator::new);

/// Whether XML 1.0 forbids `c` (its `Char` production); Rust strings hold no surrogates.
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

// ---------------------------------------------------------------------------------------------
// Text.

/// Pieces of text that have broken writers before: markup, comment and CDATA delimiters,
/// entities, the characters XML forbids, line and paragraph separators, a byte-order mark,
/// combining marks, joiners and the typography articles keep.
const HOSTILE: &[&str] = &[
    "</script>",
    "<script>alert(1)</script>",
    "<!--",
    "-->",
    "--",
    "]]>",
    "<![CDATA[",
    "&",
    "&amp;",
    "&#0;",
    "&#x1;",
    "&nosuch;",
    "<",
    ">",
    "<b>",
    "\"",
    "'",
    "\\",
    "\u{0}",
    "\u{1}",
    "\u{8}",
    "\u{B}",
    "\u{C}",
    "\u{1B}",
    "\u{1F}",
    "\u{7F}",
    "\u{85}",
    "\u{A0}",
    "\u{200B}",
    "\u{2028}",
    "\u{2029}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\u{10FFFF}",
    "\r",
    "\r\n",
    "\t",
    "\n",
    "—",
    "–",
    " - ",
    "“quoted”",
    "’",
    "°",
    "e\u{301}",
    "👩\u{200D}👩\u{200D}👧",
    "{{x}}",
    "%s",
    "javascript:alert(1)",
    "+++",
    "---",
    "# ",
    "## ",
    "* ",
    "`",
];

const WORDS: &[&str] = &[
    "harbour", "Lights", "quay", "Port", "Wren", "council", "ferry", "the", "a", "on", "Monday",
    "said", "AND", "tide", "Kelmsby", "crews", "Ösel", "Łódź", "café", "naïve", "2026", "£2.80",
];

/// One word, one hostile piece, or one arbitrary character.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_owned),
        2 => prop::sample::select(HOSTILE).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Text of up to `max` pieces, joined by spaces or nothing.
fn text(max: usize) -> impl Strategy<Value = String> {
    (prop::collection::vec(piece(), 0..max), any::<bool>())
        .prop_map(|(parts, spaced)| parts.join(if spaced { " " } else { "" }))
}

/// Text with at least one letter, for fields that must not be empty.
fn some_text(max: usize) -> impl Strategy<Value = String> {
    text(max).prop_map(|t| format!("Quay {t}"))
}

/// Any Unicode text, controls included.
fn any_unicode() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..200).prop_map(|cs| cs.into_iter().collect())
}

/// Any bytes: raw, any Unicode, or a mix of hostile pieces.
fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        any_unicode().prop_map(String::into_bytes),
        text(60).prop_map(String::into_bytes),
    ]
}

// ---------------------------------------------------------------------------------------------
// Wire text and Markdown, shaped like articles.

/// A string quoted for TOML or YAML (both read JSON's string escapes).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// One front-matter value: usually well formed, sometimes not.
fn fm_value(good: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => good,
        1 => text(4).prop_map(|t| quoted(&t)),
        1 => text(4),
    ]
}

fn fm_timestamp() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2026-03-14T09:30:00+00:00".to_owned()),
        Just("\"2026-03-14T09:30:00-05:00\"".to_owned()),
        Just("2026-03-15T10:00:00Z".to_owned()),
        Just("1999-12-31T23:59:59.999+14:00".to_owned()),
        Just("2026-03-14".to_owned()),
        Just("\"yesterday\"".to_owned()),
        Just("2026-03-14T09:30:60+00:00".to_owned()),
        Just("2026-12-31T23:59:60Z".to_owned()),
        Just("\"2027-01-01T05:29:60.5+05:30\"".to_owned()),
    ]
}

/// Front matter entries: keys and values as written.
type Entries = Vec<(&'static str, String)>;

/// Front matter as `(key, value)` entries, each in TOML or YAML syntax by `toml`.
fn front_matter() -> impl Strategy<Value = Entries> {
    let entries = (
        prop::option::of(fm_value(text(6).prop_map(|t| quoted(&t)))),
        prop::option::of(fm_value(
            prop::sample::select(&["\"harbour-lights\"", "\"a\"", "\"Bad Slug\"", "\"\""][..])
                .prop_map(str::to_owned),
        )),
        prop::option::of(fm_value(
            prop::sample::select(
                &[
                    "\"https://desk.example/stories/x\"",
                    "\"javascript:alert(1)\"",
                    "\"/relative\"",
                    "\"https://desk.example/a b|c\"",
                ][..],
            )
            .prop_map(str::to_owned),
        )),
        prop::option::of(fm_timestamp()),
        prop::option::of(fm_timestamp()),
        prop::option::of(fm_value(
            prop::sample::select(&["\"en\"", "\"EN-gb\"", "\"x-private\"", "\"12\""][..])
                .prop_map(str::to_owned),
        )),
        prop::option::of(fm_value(
            prop::sample::select(&["\"analysis\"", "\"Opinion\"", "\"gossip\""][..])
                .prop_map(str::to_owned),
        )),
        prop::option::of(prop::collection::vec(text(3), 0..4).prop_map(|ks| {
            let ks: Vec<String> = ks.iter().map(|k| quoted(k)).collect();
            format!("[{}]", ks.join(", "))
        })),
        prop::option::of(fm_value(text(4).prop_map(|t| quoted(&t)))),
        prop::option::of(prop::collection::vec(some_text(3), 0..3).prop_map(|ks| {
            let ks: Vec<String> = ks.iter().map(|k| quoted(k)).collect();
            format!("[{}]", ks.join(", "))
        })),
        prop::option::of(fm_value(text(2).prop_map(|t| quoted(&t)))),
    );
    entries.prop_map(
        |(
            headline,
            slug,
            url,
            published,
            modified,
            language,
            genre,
            keywords,
            section,
            authors,
            junk,
        )| {
            let mut out = Vec::new();
            let mut add = |key, value: Option<String>| {
                if let Some(v) = value {
                    out.push((key, v));
                }
            };
            add("headline", headline);
            add("slug", slug);
            add("url", url);
            add("published", published);
            add("modified", modified);
            add("language", language);
            add("genre", genre);
            add("keywords", keywords);
            add("section", section);
            add("authors", authors);
            add("hedline", junk);
            out
        },
    )
}

fn render_front_matter(entries: &[(&str, String)], toml: bool, image: Option<&str>) -> String {
    let (fence, sep) = if toml { ("+++", " = ") } else { ("---", ": ") };
    let mut out = format!("{fence}\n");
    for (key, value) in entries {
        out.push_str(&format!("{key}{sep}{value}\n"));
    }
    if let Some(url) = image {
        if toml {
            out.push_str(&format!(
                "[image]\nurl = {url}\ncredit = \"Ada Quill / Lumen\"\n"
            ));
        } else {
            out.push_str(&format!("image:\n  url: {url}\n  alt: \"a quay\"\n"));
        }
    }
    out.push_str(fence);
    out.push('\n');
    out
}

const NAMES: &[&str] = &[
    "Ada Quill",
    "MARA QUELL",
    "Jean-Luc d’Arcy",
    "Ana Lima",
    "Ørjan Ås",
    "O'Neill",
    "Dr. No",
];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(NAMES).prop_map(str::to_owned),
        1 => some_text(3),
    ]
}

fn byline() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(name(), 1..4),
        prop::option::of(prop::sample::select(
            &["Staff Writer", "Transport Correspondent"][..],
        )),
        any::<bool>(),
    )
        .prop_map(|(names, role, upper)| {
            let list = match names.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => String::new(),
            };
            let mut line = format!("By {list}");
            if let Some(role) = role {
                line.push_str(", ");
                line.push_str(role);
            }
            if upper { line.to_uppercase() } else { line }
        })
}

fn dateline() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            3 => prop::sample::select(&["PORT WREN", "KELMSBY", "SAINT-ÉLOI", "ØSTBY"][..])
                .prop_map(str::to_owned),
            1 => text(2).prop_map(|t| t.to_uppercase()),
        ],
        prop::option::of(prop::sample::select(&["Westmarch", "Nov 3", "Mar 14"][..])),
        prop::option::of(prop::sample::select(&["(CPA)", "(Reuters)", "(<AP>)"][..])),
        prop::sample::select(&["—", "–", " -", "-", ":"][..]),
    )
        .prop_map(|(place, region, agency, dash)| {
            let mut s = place;
            if let Some(r) = region {
                s.push_str(", ");
                s.push_str(r);
            }
            if let Some(a) = agency {
                s.push(' ');
                s.push_str(a);
            }
            format!("{s} {dash} ")
        })
}

fn sentence() -> impl Strategy<Value = String> {
    (
        some_text(14),
        prop::sample::select(&[".", "?", "!", "", ".”"][..]),
    )
        .prop_map(|(t, end)| format!("{t}{end}"))
}

fn trailer_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            name(),
            prop::sample::select(&["", ", original article and analysis", ", opinion"][..])
        )
            .prop_map(|(n, d)| format!("Written by {n} for Harbour Ledger{d}.")),
        (name(), name(), name())
            .prop_map(|(a, b, c)| format!("Reporting by {a} and {b}; Editing by {c}")),
        name().prop_map(|n| format!("{n} contributed to this report.")),
        prop::collection::vec(some_text(3), 1..4)
            .prop_map(|s| format!("Sources: {}.", s.join(", "))),
        (name(), text(2)).prop_map(|(n, a)| format!("Photo: {n} / {a}")),
        text(3).prop_map(|a| format!("Photo credit: {a}")),
        Just("Comments (14)".to_owned()),
        Just("Comments ()".to_owned()),
        Just("Share this article".to_owned()),
    ]
}

/// The parts of an article, before they are written as wire text or Markdown.
#[derive(Debug, Clone)]
struct Shape {
    /// Front matter entries, whether they are TOML (else YAML), and an image URL.
    front: Option<(Entries, bool, Option<String>)>,
    headline: Option<String>,
    byline: Option<String>,
    lead: Option<(Option<String>, String)>,
    body: Vec<(bool, String)>,
    trailer: Vec<String>,
    junk: Vec<(usize, String)>,
    crlf: bool,
    bom: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::option::of((
            front_matter(),
            any::<bool>(),
            prop::option::of(
                prop::sample::select(
                    &["\"https://desk.example/p.jpg\"", "\"data:image/png,x\""][..],
                )
                .prop_map(str::to_owned),
            ),
        )),
        prop::option::of(some_text(8)),
        prop::option::of(byline()),
        prop::option::of((prop::option::of(dateline()), sentence())),
        prop::collection::vec((any::<bool>(), sentence()), 0..6),
        prop::collection::vec(trailer_line(), 0..4),
        prop::collection::vec((0..12usize, text(8)), 0..2),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(front, headline, byline, lead, body, trailer, junk, crlf, bom)| Shape {
                front,
                headline,
                byline,
                lead,
                body,
                trailer,
                junk,
                crlf,
                bom,
            },
        )
}

impl Shape {
    /// The article's lines; a heading in the body is a short line without a full stop.
    fn lines(&self, markdown: bool) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(h) = &self.headline {
            lines.push(if markdown {
                format!("# {h}")
            } else {
                h.clone()
            });
        }
        lines.extend(self.byline.clone());
        if let Some((dateline, lead)) = &self.lead {
            lines.push(format!("{}{lead}", dateline.as_deref().unwrap_or_default()));
        }
        for (heading, text) in &self.body {
            let text = text.trim_end_matches(['.', '!']);
            lines.push(match (heading, markdown) {
                (true, true) => format!("## {text}"),
                (true, false) => text.chars().take(40).collect(),
                (false, _) => format!("{text}."),
            });
        }
        for line in &self.trailer {
            lines.push(if markdown {
                format!("*{line}*")
            } else {
                line.clone()
            });
        }
        for (at, junk) in &self.junk {
            let at = (*at).min(lines.len());
            lines.insert(at, junk.clone());
        }
        lines
    }

    fn render(&self, markdown: bool) -> Vec<u8> {
        let mut out = String::new();
        if self.bom {
            out.push('\u{FEFF}');
        }
        if let Some((entries, toml, image)) = &self.front {
            out.push_str(&render_front_matter(entries, *toml, image.as_deref()));
        }
        let sep = if markdown { "\n\n" } else { "\n" };
        out.push_str(&self.lines(markdown).join(sep));
        out.push('\n');
        if self.crlf {
            out = out.replace('\n', "\r\n");
        }
        out.into_bytes()
    }
}

// ---------------------------------------------------------------------------------------------
// Records.

fn slug() -> impl Strategy<Value = Slug> {
    "[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,5}".prop_filter_map("a slug", |s| Slug::new(&s).ok())
}

fn url() -> impl Strategy<Value = AbsoluteUrl> {
    (
        prop::sample::select(
            &[
                "https://desk.example",
                "http://news.example:8080",
                "HTTPS://Ledger.Example",
                "https://xn--bcher-kva.example",
                "https://bücher.example",
                "http://127.0.0.1",
                "https://[::1]",
                "https://user:pw@desk.example",
                "https://a%:b|c@desk.example",
            ][..],
        ),
        "[a-zA-Z0-9 <>\"'&%?#=./|^{}`\\[\\]\\\\~;:@!$*,+é—-]{0,24}",
    )
        .prop_filter_map("an absolute URL", |(host, path)| {
            AbsoluteUrl::parse(&format!("{host}/{path}")).ok()
        })
}

fn language() -> impl Strategy<Value = LanguageTag> {
    prop_oneof![
        prop::sample::select(
            &[
                "en",
                "en-GB",
                "pt-BR",
                "zh-Hant-TW",
                "de-CH-1996",
                "sr-Latn",
                "es-419",
                "fr",
                "en-x-house",
                "sgn-BE-FR",
                "zh-min-nan",
                "x-house",
                "i-klingon",
            ][..]
        )
        .prop_map(str::to_owned),
        "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,3}",
    ]
    .prop_filter_map("a language tag", |s| LanguageTag::parse(&s).ok())
}

/// A timestamp between 1900 and 2200 with any whole-minute offset RFC 3339 can write;
/// now and then the one leap second RFC 3339 allows, 23:59:60 UTC.
fn timestamp() -> impl Strategy<Value = Timestamp> {
    (
        -2_208_988_800i64..7_258_118_400i64,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
        -(23 * 60 + 59)..=(23 * 60 + 59),
        prop::bool::weighted(0.05),
    )
        .prop_filter_map("a timestamp", |(secs, nanos, minutes, leap)| {
            let offset = FixedOffset::east_opt(minutes * 60)?;
            let (secs, nanos) = if leap {
                (
                    secs - secs.rem_euclid(86_400) + 86_399,
                    1_000_000_000 + nanos,
                )
            } else {
                (secs, nanos)
            };
            Some(DateTime::from_timestamp(secs, nanos)?.with_timezone(&offset))
        })
}

fn opt_text(max: usize) -> impl Strategy<Value = Option<String>> {
    prop::option::of(text(max))
}

fn person() -> impl Strategy<Value = Person> {
    (some_text(4), opt_text(3), prop::option::of(url())).prop_map(|(name, role, url)| Person {
        name,
        role,
        url,
    })
}

fn organization() -> impl Strategy<Value = Organization> {
    (
        some_text(4),
        prop::option::of(url()),
        prop::option::of(url()),
    )
        .prop_map(|(name, url, logo)| Organization { name, url, logo })
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        3 => text(30).prop_map(|text| Block::Paragraph { text }),
        1 => text(6).prop_map(|text| Block::Heading { text }),
    ]
}

fn image() -> impl Strategy<Value = Image> {
    (
        prop::option::of(url()),
        opt_text(5),
        opt_text(8),
        prop::option::of((text(4), opt_text(2), opt_text(2)).prop_map(
            |(text, creator, provider)| Credit {
                text,
                creator,
                provider,
            },
        )),
    )
        .prop_map(|(url, alt, caption, credit)| Image {
            url,
            alt,
            caption,
            credit,
        })
}

fn dateline_value() -> impl Strategy<Value = Dateline> {
    (text(4), text(2), opt_text(2), opt_text(2), opt_text(2)).prop_map(
        |(text, place, region, date, agency)| Dateline {
            text,
            place,
            region,
            date,
            agency,
        },
    )
}

fn record() -> impl Strategy<Value = Record> {
    let identity = (slug(), url(), any::<bool>(), some_text(10), text(20));
    let dates = (
        timestamp(),
        prop::option::of((0i64..400_000_000, -(14 * 60)..=(14 * 60))),
        language(),
    );
    let people = (
        prop::collection::vec(person(), 0..3),
        prop::collection::vec(person(), 0..2),
        prop::collection::vec(person(), 0..2),
        prop::option::of(organization()),
    );
    let rest = (
        prop::option::of(dateline_value()),
        prop::option::of(prop::sample::select(Genre::ALL.to_vec())),
        prop::collection::vec(organization(), 0..3),
        prop::option::of(image()),
        prop::collection::vec(text(3), 0..4),
        opt_text(3),
        prop::collection::vec(block(), 0..6),
    );
    (identity, dates, people, rest).prop_map(
        |(
            (slug, url, tag_id, headline, description),
            (published, later, language),
            (authors, contributors, editors, publisher),
            (dateline, genre, sources, image, keywords, section, body),
        )| {
            let id = if tag_id {
                format!("tag:desk.example,2026-03:{slug}")
            } else {
                url.as_str().to_owned()
            };
            let modified = later.and_then(|(secs, minutes)| {
                let offset = FixedOffset::east_opt(minutes * 60)?;
                Some((published + Duration::seconds(secs)).with_timezone(&offset))
            });
            let word_count = word_count(&body);
            Record {
                id,
                slug,
                url,
                headline,
                description,
                published,
                modified,
                language,
                authors,
                contributors,
                editors,
                publisher,
                dateline,
                genre,
                sources,
                image,
                keywords,
                section,
                body,
                word_count,
            }
        },
    )
}

fn channel() -> impl Strategy<Value = Channel> {
    (
        some_text(4),
        text(8),
        opt_text(4),
        any::<bool>(),
        prop::option::of(person()),
    )
        .prop_map(|(title, description, rights, tag, default_author)| {
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
            if tag {
                value["id_scheme"] =
                    serde_json::json!({"kind": "tag", "authority": "desk.example", "date": "2026"});
            }
            let mut channel: Channel =
                serde_json::from_value(value).expect("a channel built from valid values");
            channel.default_author = default_author;
            channel
        })
}

fn test_channel() -> Channel {
    serde_json::from_value(serde_json::json!({
        "title": "Test Desk",
        "description": "Articles the end-to-end tests parse",
        "home_url": "https://desk.example/",
        "base_url": "https://desk.example/stories/",
        "feed_url": "https://desk.example/feeds/",
        "language": "en",
        "publisher": {"name": "Test Desk Media", "url": "https://desk.example/"},
    }))
    .expect("the test channel")
}

// ---------------------------------------------------------------------------------------------
// Checks: the only place that calls the libraries.

type Checked = Result<(), TestCaseError>;

/// A strict reading of `xml`: one root element, matching and well-formed tags, comments
/// without `--`, only the five predefined entities and character references to allowed
/// characters, unique attributes without `<`, no `]]>` in text, and no character XML 1.0
/// forbids.
fn check_xml(what: &str, xml: &str) -> Checked {
    if let Some(c) = xml.chars().find(|&c| forbidden(c)) {
        return Err(TestCaseError::fail(format!(
            "{what}: holds U+{:04X}, which XML 1.0 forbids",
            u32::from(c)
        )));
    }
    let fail = |reader: &Reader<&[u8]>, message: String| {
        TestCaseError::fail(format!(
            "{what}: not well-formed at byte {}: {message}\n{xml}",
            reader.buffer_position()
        ))
    };
    let mut reader = Reader::from_str(xml);
    reader.config_mut().enable_all_checks(true);
    let (mut depth, mut roots, mut events) = (0usize, 0usize, 0usize);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| fail(&reader, e.to_string()))?;
        events += 1;
        match event {
            Event::Decl(_) if events == 1 => {}
            Event::Start(ref e) | Event::Empty(ref e) => {
                if depth == 0 {
                    roots += 1;
                }
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| fail(&reader, e.to_string()))?;
                    if attr.value.contains('<') {
                        return Err(fail(&reader, "`<` in an attribute value".to_owned()));
                    }
                    attr.normalized_value(XmlVersion::Explicit1_0)
                        .map_err(|e| fail(&reader, e.to_string()))?;
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) => {
                let raw: &str = &t;
                if raw.contains("]]>") {
                    return Err(fail(&reader, "`]]>` in character data".to_owned()));
                }
                if depth == 0 && !raw.trim().is_empty() {
                    return Err(fail(&reader, "text outside the root element".to_owned()));
                }
            }
            Event::GeneralRef(r) => {
                if depth == 0 {
                    return Err(fail(&reader, "a reference outside the root".to_owned()));
                }
                if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) if !forbidden(c) => {}
                        other => {
                            return Err(fail(
                                &reader,
                                format!("bad character reference {other:?}"),
                            ));
                        }
                    }
                } else if !matches!(&*r, "amp" | "lt" | "gt" | "quot" | "apos") {
                    return Err(fail(&reader, format!("undefined entity `{}`", &*r)));
                }
            }
            Event::CData(_) | Event::Comment(_) if depth > 0 => {}
            Event::Eof => break,
            other => return Err(fail(&reader, format!("unexpected {other:?}"))),
        }
    }
    if depth != 0 || roots != 1 {
        return Err(TestCaseError::fail(format!(
            "{what}: {roots} root elements, {depth} left open\n{xml}"
        )));
    }
    Ok(())
}

/// Every string in a JSON value, keys included, free of the characters XML 1.0 forbids.
fn check_json_strings(what: &str, value: &Value) -> Checked {
    let bad = |s: &str| s.chars().any(forbidden);
    match value {
        Value::String(s) if bad(s) => Err(TestCaseError::fail(format!(
            "{what}: the string {s:?} holds a character XML 1.0 forbids"
        ))),
        Value::Array(items) => items.iter().try_for_each(|v| check_json_strings(what, v)),
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            if bad(k) {
                return Err(TestCaseError::fail(format!("{what}: the key {k:?}")));
            }
            check_json_strings(what, v)
        }),
        _ => Ok(()),
    }
}

/// A JSON document: its bytes read back as the same value, with no forbidden character.
fn check_json(what: &str, value: &Value) -> Checked {
    let bytes = to_json_bytes(value);
    let back: Value = serde_json::from_slice(&bytes)
        .map_err(|e| TestCaseError::fail(format!("{what}: not JSON: {e}")))?;
    prop_assert_eq!(&back, value, "{} reads back differently", what);
    check_json_strings(what, value)
}

/// The HTML page: no forbidden character, no parse error, one script, and that script is the
/// article's JSON-LD.
fn check_page(page: &str, record: &Record) -> Checked {
    if let Some(c) = page.chars().find(|&c| forbidden(c)) {
        return Err(TestCaseError::fail(format!(
            "page: holds U+{:04X}",
            u32::from(c)
        )));
    }
    let html = scraper::Html::parse_document(page);
    prop_assert!(html.errors.is_empty(), "page: {:?}\n{}", html.errors, page);
    let selector = scraper::Selector::parse("script").expect("a selector");
    let scripts: Vec<_> = html.select(&selector).collect();
    prop_assert_eq!(scripts.len(), 1, "page: scripts\n{}", page);
    prop_assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));
    let text: String = scripts[0].text().collect();
    let embedded: Value = serde_json::from_str(&text)
        .map_err(|e| TestCaseError::fail(format!("page: the JSON-LD is not JSON: {e}")))?;
    prop_assert_eq!(
        embedded,
        jsonld_article(record),
        "page: the JSON-LD differs"
    );
    Ok(())
}

/// Every exporter on `records` (and the page on the first) gives a well-formed document.
fn check_exports(channel: &Channel, records: &[&Record]) -> Checked {
    check_xml("rss", &rss(channel, records))?;
    check_xml("atom", &atom(channel, records))?;
    check_json("json feed", &json_feed(channel, records))?;
    check_json("jsonld channel", &jsonld_channel(channel, records))?;
    for record in records {
        check_json("jsonld", &jsonld_article(record))?;
        check_json("ninjs", &ninjs(record))?;
        // The bytes a build writes are made without the `serde_json` value: they must be the
        // value's bytes.
        let body = RenderedBody::of(record);
        prop_assert_eq!(
            body.html(),
            body_html(record),
            "the fragment rendered with the others differs"
        );
        let (direct, via_value) = (
            jsonld_article_text(record, &body),
            to_json_bytes(&jsonld_article(record)),
        );
        prop_assert_eq!(
            direct.as_str(),
            String::from_utf8_lossy(&via_value),
            "jsonld: the direct bytes differ from the value's"
        );
        let (direct, via_value) = (ninjs_bytes(record, &body), to_json_bytes(&ninjs(record)));
        prop_assert_eq!(
            String::from_utf8_lossy(&direct),
            String::from_utf8_lossy(&via_value),
            "ninjs: the direct bytes differ from the value's"
        );
        check_page(&html_page(Some(channel), record), record)?;
        check_page(&html_page(None, record), record)?;
    }
    Ok(())
}

static CHANNEL: LazyLock<Channel> = LazyLock::new(test_channel);

/// Reads `bytes` as wire text or Markdown, in the test channel with a publication date or
/// with no context at all.
fn ingest(bytes: &[u8], markdown: bool, with_channel: bool) -> Parsed {
    let published = DateTime::parse_from_rfc3339("2026-03-14T09:30:00+01:00").ok();
    let ctx = if with_channel {
        Context {
            channel: Some(&CHANNEL),
            published,
        }
    } else {
        Context::default()
    };
    if markdown {
        parse_markdown("article.md", bytes, &ctx)
    } else {
        parse_wire_text("article.txt", bytes, &ctx)
    }
}

/// Reads `bytes` as wire text or Markdown; a record comes out exactly when no diagnostic is
/// an error, and then it validates and exports cleanly.
fn check_ingest(bytes: &[u8], markdown: bool, with_channel: bool) -> Checked {
    let parsed = ingest(bytes, markdown, with_channel);
    prop_assert_eq!(
        parsed.record.is_some(),
        !parsed.has_errors(),
        "{:?}",
        parsed.diagnostics
    );
    if let Some(record) = &parsed.record {
        let errors: Vec<_> = VALIDATOR
            .record("article", record)
            .into_iter()
            .filter(|d| d.is_error())
            .collect();
        prop_assert!(errors.is_empty(), "{:?}\n{:#?}", errors, record);
        check_exports(&CHANNEL, &[record])?;
    }
    Ok(())
}

/// record → JSON → record is lossless (offsets included), and the JSON meets the schema.
fn check_record(record: &Record) -> Checked {
    let json = serde_json::to_string(record).expect("a record writes as JSON");
    let back: Record = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("the record does not read back: {e}\n{json}")))?;
    prop_assert_eq!(&back, record);
    prop_assert_eq!(serde_json::to_string(&back).ok(), Some(json));
    let value = serde_json::to_value(record).expect("a record writes as JSON");
    let violations: Vec<_> = VALIDATOR
        .record_json("record", &value)
        .into_iter()
        .filter(|d| d.code == Code::SchemaViolation)
        .collect();
    prop_assert!(violations.is_empty(), "{:?}\n{}", violations, value);
    Ok(())
}

#[track_caller]
fn check_strictness(xml: &str, well_formed: bool) {
    assert_eq!(check_xml("doc", xml).is_ok(), well_formed, "{xml:?}");
}

/// The strict reading itself: it passes what is well-formed and refuses each way a writer
/// can break a document.
#[test]
fn the_strict_xml_reading_refuses_broken_documents() {
    for (xml, well_formed) in [
        (
            "<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>t &amp; &#x2014;<![CDATA[<]]></a>\n",
            true,
        ),
        ("<a>\u{1}</a>", false),
        ("<a>&#1;</a>", false),
        ("<a>&nbsp;</a>", false),
        ("<a>& b</a>", false),
        ("<a><b></a></b>", false),
        ("<a>", false),
        ("<a/><b/>", false),
        ("text<a/>", false),
        ("<a x=\"1\" x=\"2\"/>", false),
        ("<a x=\"<\"/>", false),
        ("<a>]]></a>", false),
        ("<a><!-- a -- b --></a>", false),
    ] {
        check_strictness(xml, well_formed);
    }
}

/// What a case in `tests/fuzz-crashes` must give, from its row in the folder's README.
#[derive(Debug, PartialEq)]
enum Expect {
    Record,
    Error(String),
    Exports,
}

/// Replays one catalogued crash: the same checks as the property tests and the fuzz
/// targets, and the outcome its README row names.
#[track_caller]
fn check_crash(name: &str, bytes: &[u8], expect: &Expect) {
    let failed = |e: TestCaseError| panic!("{name}: {e}");
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some(ext @ ("txt" | "md")) => {
            let markdown = ext == "md";
            check_ingest(bytes, markdown, true).unwrap_or_else(failed);
            let parsed = ingest(bytes, markdown, true);
            match expect {
                Expect::Record => assert!(parsed.record.is_some(), "{name}: {parsed:#?}"),
                Expect::Error(code) => assert!(
                    parsed.record.is_none()
                        && parsed
                            .diagnostics
                            .iter()
                            .any(|d| d.is_error() && d.code.as_str() == code),
                    "{name}: expected error {code}: {:#?}",
                    parsed.diagnostics
                ),
                Expect::Exports => panic!("{name}: an article gives `record` or `error`"),
            }
        }
        Some("json") => {
            assert_eq!(expect, &Expect::Exports, "{name}: a record gives `exports`");
            let record: Record = serde_json::from_slice(bytes)
                .unwrap_or_else(|e| panic!("{name}: not a record: {e}"));
            check_record(&record).unwrap_or_else(failed);
            check_exports(&test_channel(), &[&record]).unwrap_or_else(failed);
        }
        _ => panic!("{name}: a case is a .txt, .md or .json file"),
    }
}

#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = crate::support::root().join("tests/fuzz-crashes");
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("the catalogue");
    let mut rows = Vec::new();
    for line in readme.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_start_matches("| ").split(" | ").collect();
        let (Some(name), Some(expect)) = (cells.first(), cells.get(2)) else {
            panic!("a row with too few cells: {line}");
        };
        let expect = match expect.split_once(' ') {
            _ if *expect == "record" => Expect::Record,
            _ if *expect == "exports" => Expect::Exports,
            Some(("error", code)) => Expect::Error(code.to_owned()),
            _ => panic!("an expected outcome is `record`, `error NWxxxx` or `exports`: {line}"),
        };
        rows.push((name.trim_matches('`').to_owned(), expect));
    }
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the catalogue folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n != "README.md")
        .collect();
    files.sort();
    let mut named: Vec<String> = rows.iter().map(|(n, _)| n.clone()).collect();
    named.sort();
    assert_eq!(
        files, named,
        "every case file has one README row, and every row a file"
    );
    for (name, expect) in &rows {
        let bytes = std::fs::read(dir.join(name)).expect("a case file");
        check_crash(name, &bytes, expect);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_give_diagnostics_or_a_valid_record(
        bytes in any_bytes(),
        markdown in any::<bool>(),
        with_channel in any::<bool>(),
    ) {
        check_ingest(&bytes, markdown, with_channel)?;
    }

    #[test]
    fn article_shaped_text_gives_diagnostics_or_a_valid_record(
        shape in shape(),
        markdown in any::<bool>(),
        with_channel in prop::bool::weighted(0.8),
    ) {
        check_ingest(&shape.render(markdown), markdown, with_channel)?;
    }

    #[test]
    fn any_record_round_trips_and_meets_the_schema(record in record()) {
        check_record(&record)?;
    }

    #[test]
    fn any_records_export_to_well_formed_documents(
        channel in channel(),
        records in prop::collection::vec(record(), 1..3),
    ) {
        let refs: Vec<&Record> = records.iter().collect();
        check_exports(&channel, &refs)?;
    }
}
