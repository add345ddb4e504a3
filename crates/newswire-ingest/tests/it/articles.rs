//! Whole articles of our own, read end to end: every field of the record and every
//! diagnostic.

use std::collections::BTreeMap;

use newswire_ingest::{Context, Parsed, parse_wire_text};
use newswire_model::{Block, IdScheme, Person, Record};

/// The record's fields as short strings, by name.
pub(crate) fn fields(record: &Record) -> BTreeMap<&'static str, String> {
    fn people(list: &[Person]) -> String {
        list.iter()
            .map(|p| match &p.role {
                Some(r) => format!("{} ({r})", p.name),
                None => p.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }
    let mut f = BTreeMap::new();
    f.insert("id", record.id.clone());
    f.insert("slug", record.slug.to_string());
    f.insert("url", record.url.to_string());
    f.insert("headline", record.headline.clone());
    f.insert("description", record.description.clone());
    f.insert("published", record.published.to_rfc3339());
    f.insert(
        "modified",
        record.modified.map(|m| m.to_rfc3339()).unwrap_or_default(),
    );
    f.insert("language", record.language.to_string());
    f.insert("authors", people(&record.authors));
    f.insert("contributors", people(&record.contributors));
    f.insert("editors", people(&record.editors));
    f.insert(
        "publisher",
        record.publisher.as_ref().map_or(String::new(), |p| {
            format!(
                "{} {} {}",
                p.name,
                p.url.as_ref().map_or("-", |u| u.as_str()),
                p.logo.as_ref().map_or("-", |u| u.as_str())
            )
        }),
    );
    f.insert(
        "dateline",
        record.dateline.as_ref().map_or(String::new(), |d| {
            format!(
                "{:?} place={} region={} date={} agency={}",
                d.text,
                d.place,
                d.region.as_deref().unwrap_or("-"),
                d.date.as_deref().unwrap_or("-"),
                d.agency.as_deref().unwrap_or("-")
            )
        }),
    );
    f.insert(
        "genre",
        record
            .genre
            .map(|g| g.as_str().to_owned())
            .unwrap_or_default(),
    );
    f.insert(
        "sources",
        record
            .sources
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
    );
    f.insert(
        "image",
        record.image.as_ref().map_or(String::new(), |i| {
            let c = i.credit.as_ref();
            format!(
                "url={} alt={} caption={} credit={} creator={} provider={}",
                i.url.as_ref().map_or("-", |u| u.as_str()),
                i.alt.as_deref().unwrap_or("-"),
                i.caption.as_deref().unwrap_or("-"),
                c.map_or("-", |c| c.text.as_str()),
                c.and_then(|c| c.creator.as_deref()).unwrap_or("-"),
                c.and_then(|c| c.provider.as_deref()).unwrap_or("-"),
            )
        }),
    );
    f.insert("keywords", record.keywords.join(" | "));
    f.insert("section", record.section.clone().unwrap_or_default());
    f.insert(
        "body",
        record
            .body
            .iter()
            .map(|b| match b {
                Block::Paragraph { text } => format!("p:{text}"),
                Block::Heading { text } => format!("h:{text}"),
            })
            .collect::<Vec<_>>()
            .join("\n"),
    );
    f.insert("word_count", record.word_count.to_string());
    f
}

/// Reads `text` in the test channel; expects the diagnostics (`severity code line:column`),
/// and the named fields of the record, or `record: none`.
#[track_caller]
fn check(parsed: Parsed, diagnostics: &[&str], expect: &[(&str, &str)]) {
    assert_eq!(
        crate::diagnostics(&parsed),
        diagnostics,
        "diagnostics: {:#?}",
        parsed.diagnostics
    );
    assert_eq!(parsed.record.is_none(), parsed.has_errors());
    let Some(record) = &parsed.record else {
        assert_eq!(expect, [("record", "none")]);
        return;
    };
    let got = fields(record);
    for (name, value) in expect {
        let actual = got.get(name).unwrap_or_else(|| panic!("no field {name:?}"));
        assert_eq!(actual, value, "field {name}");
    }
    assert_eq!(record.word_count, newswire_model::word_count(&record.body));
}

/// An article, the diagnostics expected and the fields expected.
pub(crate) type Case<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);

const HARBOUR: &str = "\
Harbour lights return to Port Wren after two dark winters
By Ada Quill, Harbour Correspondent, and Bo Renn
PORT WREN, Norland (Coastwire) — The lamps along the old quay were lit again on Friday evening, ending two winters of darkness that fishermen blamed for three groundings. The council paid for the work from its storm fund.
Hundreds of residents gathered on the sea wall to watch the first lamp flicker on at 6.15 p.m.
Advertisement
Why the lamps went dark
A storm in November 2024 flooded the cable ducts under the quay, and the repair was delayed by a dispute over who owned them.
“We will never leave the quay dark again,” said harbour master Lise Tarn.
What happens next?
The council will inspect the ducts every spring, and a second phase will light the northern breakwater.
Reporting by Cy Moss in Kestrel Bay; Editing by Di Vale
Sources: Port Wren Council; Norland Harbour Authority.
Photo: Coastwire Photo/Fen Orr
Share this article
Comments (14)
";

#[test]
fn a_full_wire_article() {
    check(
        crate::parse(HARBOUR.as_bytes()),
        &["note NW0203 5:1", "note NW0203 14:1", "note NW0203 15:1"],
        &[
            (
                "id",
                "https://ledger.example/articles/harbour-lights-return-to-port-wren-after-two-dark-winters",
            ),
            (
                "slug",
                "harbour-lights-return-to-port-wren-after-two-dark-winters",
            ),
            (
                "headline",
                "Harbour lights return to Port Wren after two dark winters",
            ),
            (
                "description",
                "The lamps along the old quay were lit again on Friday evening, ending two winters of darkness that fishermen blamed for three groundings. The council paid for the work from its storm fund.",
            ),
            ("published", "2026-03-14T09:30:00+00:00"),
            ("modified", ""),
            ("language", "en-GB"),
            ("authors", "Ada Quill (Harbour Correspondent) | Bo Renn"),
            ("contributors", "Cy Moss"),
            ("editors", "Di Vale"),
            (
                "publisher",
                "Harbour Ledger https://ledger.example/ https://ledger.example/logo.png",
            ),
            (
                "dateline",
                "\"PORT WREN, Norland (Coastwire)\" place=PORT WREN region=Norland date=- agency=Coastwire",
            ),
            ("genre", ""),
            ("sources", "Port Wren Council | Norland Harbour Authority"),
            (
                "image",
                "url=- alt=- caption=- credit=Coastwire Photo/Fen Orr creator=Fen Orr provider=Coastwire",
            ),
            (
                "body",
                "p:The lamps along the old quay were lit again on Friday evening, ending two winters of darkness that fishermen blamed for three groundings. The council paid for the work from its storm fund.\n\
                 p:Hundreds of residents gathered on the sea wall to watch the first lamp flicker on at 6.15 p.m.\n\
                 h:Why the lamps went dark\n\
                 p:A storm in November 2024 flooded the cable ducts under the quay, and the repair was delayed by a dispute over who owned them.\n\
                 p:“We will never leave the quay dark again,” said harbour master Lise Tarn.\n\
                 h:What happens next?\n\
                 p:The council will inspect the ducts every spring, and a second phase will light the northern breakwater.",
            ),
            ("word_count", "113"),
        ],
    );
}

#[test]
fn line_ends_and_byte_order_marks_change_nothing() {
    let lf = crate::parse(HARBOUR.as_bytes());
    assert!(lf.record.is_some());
    for (variant, same_columns) in [
        (format!("\u{feff}{HARBOUR}"), true),
        (HARBOUR.replace('\n', "\r\n"), true),
        (HARBOUR.replace('\n', "\r"), true),
        (HARBOUR.replace('\n', "  \n\t"), false),
        (HARBOUR.replace(' ', "  "), true),
    ] {
        let got = crate::parse(variant.as_bytes());
        assert_eq!(got.record, lf.record, "{variant:?}");
        if same_columns {
            assert_eq!(crate::diagnostics(&got), crate::diagnostics(&lf));
        } else {
            let lines = |p: &newswire_ingest::Parsed| -> Vec<u32> {
                p.diagnostics
                    .iter()
                    .filter_map(|d| d.location.map(|l| l.line))
                    .collect()
            };
            assert_eq!(lines(&got), lines(&lf));
        }
    }
}

#[test]
fn articles() {
    let cases: &[Case<'_>] = &[
        // The credit line names the authors, the channel's publisher and the genre.
        (
            "KESTREL BAY, March 3 (Coastwire) - Ferry fares will rise by a fifth in April, the operator said.\n\
             The rise is the first in six years.\n\
             Written by Ada Quill and Bo Renn for Harbour Ledger, an explainer.\n\
             Bo Renn and Cy Moss contributed reporting.\n",
            &["warning NW0202 1:1"],
            &[
                (
                    "headline",
                    "Ferry fares will rise by a fifth in April, the operator said",
                ),
                (
                    "slug",
                    "ferry-fares-will-rise-by-a-fifth-in-april-the-operator-said",
                ),
                ("authors", "Ada Quill | Bo Renn"),
                ("contributors", "Cy Moss"),
                (
                    "publisher",
                    "Harbour Ledger https://ledger.example/ https://ledger.example/logo.png",
                ),
                ("genre", "background"),
                (
                    "dateline",
                    "\"KESTREL BAY, March 3 (Coastwire)\" place=KESTREL BAY region=- date=March 3 agency=Coastwire",
                ),
                (
                    "body",
                    "p:Ferry fares will rise by a fifth in April, the operator said.\np:The rise is the first in six years.",
                ),
            ],
        ),
        // Nobody credited: the channel's default author and publisher; "Reporting by" without
        // a byline names the authors.
        (
            "Tide office moves inland\nThe tide office moved to Upper Wren on Monday.\n",
            &[],
            &[
                ("authors", "Ledger Desk"),
                (
                    "publisher",
                    "Harbour Ledger https://ledger.example/ https://ledger.example/logo.png",
                ),
                ("dateline", ""),
                (
                    "description",
                    "The tide office moved to Upper Wren on Monday.",
                ),
            ],
        ),
        (
            "Tide office moves inland\nThe tide office moved to Upper Wren on Monday.\nReporting by Cy Moss and Di Vale; Editing by Ed Hart.\n",
            &[],
            &[
                ("authors", "Cy Moss | Di Vale"),
                ("contributors", ""),
                ("editors", "Ed Hart"),
            ],
        ),
        // A capitals byline, a byline printed again at the end, an unknown organisation.
        (
            "BY SEAN O'NEILL-MCCARTHY, STAFF WRITER\nThe quay reopened on Friday.\nWritten by Sean O'Neill-McCarthy and Ada Quill for Wren Weekly.\n",
            &["warning NW0202 2:1"],
            &[
                (
                    "authors",
                    "Sean O'Neill-McCarthy (Staff Writer) | Ada Quill",
                ),
                ("publisher", "Wren Weekly - -"),
                ("headline", "The quay reopened on Friday"),
            ],
        ),
        // A long lead: the description keeps whole sentences, the headline cuts at a word.
        (
            "ST. ELMO — The island’s only bakery, which has fed the fishing fleet since 1921 and survived two fires, a flood and the closure of the cannery that once employed half the town, will close at the end of the month. Its owner, Marta Lind, is retiring. No buyer has come forward despite a year of searching, she said.\n\
             Regulars queued for the last loaves.\n",
            &["warning NW0202 1:1"],
            &[
                (
                    "headline",
                    "The island’s only bakery, which has fed the fishing fleet since 1921 and survived two fires, a flood…",
                ),
                (
                    "description",
                    "The island’s only bakery, which has fed the fishing fleet since 1921 and survived two fires, a flood and the closure of the cannery that once employed half the town, will close at the end of the month. Its owner, Marta Lind, is retiring.",
                ),
                (
                    "dateline",
                    "\"ST. ELMO\" place=ST. ELMO region=- date=- agency=-",
                ),
            ],
        ),
        // Typography is kept exactly; no dateline in a lower-case lead.
        (
            "Café “Ø” & <Sons> reopens at 4 °C — with pastries\nThe café’s owners said the cold room — at 4 °C — was fixed.\nus — the owners — thank you.\n",
            &[],
            &[
                (
                    "headline",
                    "Café “Ø” & <Sons> reopens at 4 °C — with pastries",
                ),
                ("slug", "cafe-o-sons-reopens-at-4-degc-with-pastries"),
                ("dateline", ""),
                (
                    "body",
                    "p:The café’s owners said the cold room — at 4 °C — was fixed.\np:us — the owners — thank you.",
                ),
            ],
        ),
        // A headline over a byline is one however long (validation warns above 110
        // characters); the same line without the byline is the lead it reads as.
        (
            "Port Wren harbour lamps lit again after two dark years as the council finds the money to repair every one of them\n\
             By Ada Quill\n\
             PORT WREN — The lamps along the quay were lit again on Friday.\n",
            &[],
            &[
                (
                    "headline",
                    "Port Wren harbour lamps lit again after two dark years as the council finds the money to repair every one of them",
                ),
                ("authors", "Ada Quill"),
                (
                    "dateline",
                    "\"PORT WREN\" place=PORT WREN region=- date=- agency=-",
                ),
                (
                    "body",
                    "p:The lamps along the quay were lit again on Friday.",
                ),
            ],
        ),
        (
            "Port Wren harbour lamps lit again after two dark years as the council finds the money to repair every one of them\n\
             The lamps along the quay were lit again on Friday.\n",
            &["warning NW0202 1:1"],
            &[
                (
                    "headline",
                    "Port Wren harbour lamps lit again after two dark years as the council finds the money to repair every one…",
                ),
                (
                    "body",
                    "p:Port Wren harbour lamps lit again after two dark years as the council finds the money to repair every one of them\np:The lamps along the quay were lit again on Friday.",
                ),
            ],
        ),
        // A line that ends a sentence is no headline, byline or not; the byline under it is
        // still the byline, not a section heading, and the dateline opens the paragraph
        // under it.
        (
            "The lamps along the quay were lit again on Friday.\nBy Ada Quill\nPORT WREN — The council paid.\n",
            &["warning NW0202 1:1"],
            &[
                (
                    "headline",
                    "The lamps along the quay were lit again on Friday",
                ),
                ("authors", "Ada Quill"),
                (
                    "dateline",
                    "\"PORT WREN\" place=PORT WREN region=- date=- agency=-",
                ),
                (
                    "body",
                    "p:The lamps along the quay were lit again on Friday.\np:The council paid.",
                ),
            ],
        ),
        // A standfirst between the headline and the byline is the lead; the byline under it is
        // the byline.
        (
            "Quay lamps lit again\nThe council found the money after two dark years.\nBy Ada Quill and Tom Reed\n\
             PORT WREN, March 14 — The lamps along the quay were lit again on Friday.\n\
             Crowds gathered.\n",
            &[],
            &[
                ("headline", "Quay lamps lit again"),
                ("authors", "Ada Quill | Tom Reed"),
                (
                    "dateline",
                    "\"PORT WREN, March 14\" place=PORT WREN region=- date=March 14 agency=-",
                ),
                (
                    "body",
                    "p:The council found the money after two dark years.\np:The lamps along the quay were lit again on Friday.\np:Crowds gathered.",
                ),
            ],
        ),
        // A byline further down, under a paragraph that is not the lead, is read as any
        // line there: here a section heading.
        (
            "Quay lamps lit again\nThe council paid.\nThe lamps were lit.\nBy Ada Quill\nCrowds gathered.\n",
            &[],
            &[(
                "body",
                "p:The council paid.\np:The lamps were lit.\nh:By Ada Quill\np:Crowds gathered.",
            )],
        ),
        // Forbidden characters are removed with a warning at their place.
        (
            "Quay\u{0}side market opens\nStalls\u{7} opened at dawn.\u{FFFF}\n",
            &[
                "warning NW0003 1:5",
                "warning NW0003 2:7",
                "warning NW0003 2:24",
            ],
            &[
                ("headline", "Quayside market opens"),
                ("body", "p:Stalls opened at dawn."),
            ],
        ),
    ];
    for (text, diagnostics, expect) in cases {
        check(crate::parse(text.as_bytes()), diagnostics, expect);
    }
}

#[test]
fn front_matter_articles() {
    let cases: &[Case<'_>] = &[
        // TOML front matter wins, and disagreements are warnings at the text's line.
        (
            "+++\n\
             headline = \"Lamps lit on Port Wren quay\"\n\
             slug = \"quay-lamps\"\n\
             published = 2026-02-01T08:00:00+01:00\n\
             modified = \"2026-02-02T08:00:00+01:00\"\n\
             authors = [{ name = \"Ada Quill\", url = \"https://ledger.example/ada\" }, \"Bo Renn\"]\n\
             genre = \"feature\"\n\
             keywords = [\"harbour\", \"lighting\"]\n\
             section = \"Harbour\"\n\
             language = \"en\"\n\
             description = \"The quay is bright again.\"\n\
             [image]\n\
             url = \"https://ledger.example/img/lamps.jpg\"\n\
             alt = \"Lamps along a stone quay at dusk\"\n\
             caption = \"The first lamp is lit.\"\n\
             +++\n\
             Harbour lights return\n\
             By Ada Quill, Staff Writer\n\
             PORT WREN — The lamps were lit on Friday.\n\
             Written by Ada Quill for Harbour Ledger, analysis.\n\
             Photo: Fen Orr / Lumen\n",
            &[
                "warning NW0104 17:1",
                "warning NW0104 18:1",
                "warning NW0104 20:1",
                "warning NW0104 20:1",
            ],
            &[
                ("headline", "Lamps lit on Port Wren quay"),
                ("slug", "quay-lamps"),
                ("url", "https://ledger.example/articles/quay-lamps"),
                ("published", "2026-02-01T08:00:00+01:00"),
                ("modified", "2026-02-02T08:00:00+01:00"),
                ("authors", "Ada Quill (Staff Writer) | Bo Renn"),
                ("genre", "feature"),
                ("keywords", "harbour | lighting"),
                ("section", "Harbour"),
                ("language", "en"),
                ("description", "The quay is bright again."),
                (
                    "image",
                    "url=https://ledger.example/img/lamps.jpg alt=Lamps along a stone quay at dusk caption=The first lamp is lit. credit=Fen Orr / Lumen creator=Fen Orr provider=Lumen",
                ),
                ("body", "p:The lamps were lit on Friday."),
            ],
        ),
        // YAML front matter, with everything the channel would otherwise give.
        (
            "---\n\
             headline: Tide tables change\n\
             url: https://wren.example/tides\n\
             published: \"2026-02-01T08:00:00Z\"\n\
             language: en\n\
             publisher: Wren Weekly\n\
             authors:\n\
             \x20 - name: Ada Quill\n\
             \x20   role: Tides Editor\n\
             image:\n\
             \x20 url: https://wren.example/t.jpg\n\
             \x20 credit: Fen Orr / Lumen\n\
             ---\n\
             The tide office published new tables.\n",
            &[],
            &[
                ("id", "https://wren.example/tides"),
                ("url", "https://wren.example/tides"),
                ("slug", "tide-tables-change"),
                ("published", "2026-02-01T08:00:00+00:00"),
                ("authors", "Ada Quill (Tides Editor)"),
                ("publisher", "Wren Weekly - -"),
                (
                    "image",
                    "url=https://wren.example/t.jpg alt=- caption=- credit=Fen Orr / Lumen creator=Fen Orr provider=Lumen",
                ),
            ],
        ),
        // modified before published.
        (
            "+++\npublished = 2026-02-01T08:00:00Z\nmodified = 2026-01-01T08:00:00Z\n+++\nTide tables change\nThe tide office published new tables.\n",
            &["error NW0302 3:1"],
            &[("record", "none")],
        ),
        // Every problem at once: unknown key, bad date, javascript URL, no body.
        (
            "+++\nheadlne = \"A\"\npublished = 2026-02-01T08:00:00\nurl = \"javascript:alert(1)\"\n+++\nSources: Coastwire.\n",
            &[
                "error NW0102 2:1",
                "error NW0103 3:13",
                "error NW0303 4:7",
                "error NW0201 6:1",
            ],
            &[("record", "none")],
        ),
        (
            "---\nheadline: [\n---\nThe quay reopened.\n",
            &["error NW0101 3:1"],
            &[("record", "none")],
        ),
        (
            "+++\nheadline = \"A\"\n\nThe quay reopened.\n",
            &["error NW0101 1:1"],
            &[("record", "none")],
        ),
        // A headline no slug can be made of: the error points at the headline.
        (
            "+++\npublished = 2026-02-01T08:00:00Z\nheadline = \"!!! ???\"\n+++\nThe quay reopened.\n",
            &["error NW0304 3:1"],
            &[("record", "none")],
        ),
        (
            "+++\npublished = 2026-02-01T08:00:00Z\n+++\n“…”\nThe quay reopened.\n",
            &["warning NW0202 4:1", "error NW0304 4:1"],
            &[("record", "none")],
        ),
    ];
    for (text, diagnostics, expect) in cases {
        check(crate::parse(text.as_bytes()), diagnostics, expect);
    }
}

#[test]
fn without_a_channel_or_date() {
    let text = "Tide tables change\nThe tide office published new tables.\n";
    let parsed = parse_wire_text("tides.txt", text.as_bytes(), &Context::default());
    check(
        parsed.clone(),
        &["error NW0301 1:1", "error NW0303 1:1", "error NW0311 1:1"],
        &[("record", "none")],
    );
    let hint = |code: &str| {
        parsed
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == code)
            .and_then(|d| d.hint.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        hint("NW0301"),
        "add `published = 2026-03-14T09:30:00+00:00` to the front matter, or pass --published"
    );
    assert!(hint("NW0303").contains("or build it within a channel"));
    assert!(
        parsed
            .diagnostics
            .iter()
            .all(|d| d.file.as_deref() == Some("tides.txt"))
    );

    // A broken front matter block may have lost any key: nothing is reported missing.
    let text = "+++\nheadline = \"Tides\nurl = \"https://wren.example/tides\"\n+++\nThe tide office moved.\n";
    let parsed = parse_wire_text("tides.txt", text.as_bytes(), &Context::default());
    check(parsed, &["error NW0101 2:18"], &[("record", "none")]);

    // A date on the command line and front matter with url and language are enough.
    let published = crate::published();
    let ctx = Context {
        channel: None,
        published: Some(published),
    };
    let text = "+++\nurl = \"https://wren.example/tides\"\nlanguage = \"en\"\n+++\nTide tables change\nThe tide office published new tables.\n";
    let parsed = parse_wire_text("tides.txt", text.as_bytes(), &ctx);
    check(
        parsed,
        &[],
        &[
            ("id", "https://wren.example/tides"),
            ("publisher", ""),
            ("authors", ""),
        ],
    );
}

#[test]
fn tag_ids() {
    let mut channel = crate::channel();
    channel.id_scheme = IdScheme::Tag {
        authority: "ledger.example".into(),
        date: "2026".into(),
    };
    let ctx = Context {
        channel: Some(&channel),
        published: Some(crate::published()),
    };
    let parsed = parse_wire_text(
        "t.txt",
        "Tide tables change\nThe tide office published new tables.\n".as_bytes(),
        &ctx,
    );
    check(
        parsed,
        &[],
        &[
            ("id", "tag:ledger.example,2026:tide-tables-change"),
            ("url", "https://ledger.example/articles/tide-tables-change"),
        ],
    );
}

#[test]
fn invalid_utf8_is_an_error_with_its_place() {
    let parsed = crate::parse(b"Tide tables change\nThe tide office \xE9 new tables.\n");
    check(
        parsed.clone(),
        &["error NW0002 2:17"],
        &[("record", "none")],
    );
    assert_eq!(
        parsed.diagnostics[0].message,
        "invalid UTF-8: byte 0xE9 at byte offset 35"
    );
}
