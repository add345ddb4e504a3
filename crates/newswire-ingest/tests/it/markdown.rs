//! Markdown articles, read end to end: the record and diagnostics of each construct, and pairs
//! of the same article in wire text and Markdown that must give equal records.

use std::path::{Path, PathBuf};

use newswire_ingest::Parsed;
use newswire_model::Block;

/// Reads Markdown `text` in the test channel; expects the diagnostics
/// (`severity code line:column`) and the named fields of the record, or `record: none`.
#[track_caller]
fn check(text: &str, diagnostics: &[&str], expect: &[(&str, &str)]) {
    let parsed = crate::parse_md(text.as_bytes());
    assert_eq!(
        crate::diagnostics(&parsed),
        diagnostics,
        "diagnostics of {text:?}: {:#?}",
        parsed.diagnostics
    );
    assert_eq!(parsed.record.is_none(), parsed.has_errors());
    let Some(record) = &parsed.record else {
        assert_eq!(expect, [("record", "none")], "{text:?}");
        return;
    };
    let got = crate::articles::fields(record);
    for (name, value) in expect {
        let actual = got.get(name).unwrap_or_else(|| panic!("no field {name:?}"));
        assert_eq!(actual, value, "field {name} of {text:?}");
    }
}

#[test]
fn markdown_articles() {
    let cases: &[crate::articles::Case<'_>] = &[
        // The whole shape: title, byline, dateline, headings of every depth, flattened
        // markup, a list, a quote, code, and the trailer in italics.
        (
            "# Harbour *lights* return\n\
             \n\
             By Ada Quill, Staff Writer\n\
             \n\
             PORT WREN, Norland (Coastwire) — The lamps were lit on **Friday**, said\n\
             the [council](https://ledger.example/council).\n\
             \n\
             ## What happens next?\n\
             \n\
             ### The details\n\
             \n\
             - Ducts inspected each spring.\n\
             - The breakwater lit next.\n\
             \n\
             > “Worth the wait,” said Lise Tarn.\n\
             \n\
             ```\n\
             Lamp lit.\n\
             ```\n\
             \n\
             *Written by Ada Quill for Harbour Ledger, analysis.*\n\
             \n\
             _Sources: Port Wren Council; Coastwire._\n\
             \n\
             Comments (3)\n",
            &["note NW0203 25:1"],
            &[
                ("headline", "Harbour lights return"),
                ("slug", "harbour-lights-return"),
                ("authors", "Ada Quill (Staff Writer)"),
                (
                    "dateline",
                    "\"PORT WREN, Norland (Coastwire)\" place=PORT WREN region=Norland date=- agency=Coastwire",
                ),
                ("genre", "analysis"),
                ("sources", "Port Wren Council | Coastwire"),
                (
                    "publisher",
                    "Harbour Ledger https://ledger.example/ https://ledger.example/logo.png",
                ),
                (
                    "body",
                    "p:The lamps were lit on Friday, said the council.\n\
                     h:What happens next?\nh:The details\n\
                     p:Ducts inspected each spring.\np:The breakwater lit next.\n\
                     p:“Worth the wait,” said Lise Tarn.\np:Lamp lit.",
                ),
                ("word_count", "30"),
            ],
        ),
        // A title and a front matter headline that differ: the front matter wins, with a
        // warning at the title's line.
        (
            "+++\nheadline = \"Lamps lit on the quay\"\n+++\n\n# Harbour lights return\n\nThe lamps were lit.\n",
            &["warning NW0104 5:1"],
            &[
                ("headline", "Lamps lit on the quay"),
                ("body", "p:The lamps were lit."),
            ],
        ),
        // A title equal to the front matter headline is no conflict.
        (
            "---\nheadline: Harbour lights return\n---\n# Harbour lights return\n\n**By Ada Quill**\n\nThe lamps were lit.\n",
            &[],
            &[
                ("headline", "Harbour lights return"),
                ("authors", "Ada Quill"),
                ("body", "p:The lamps were lit."),
            ],
        ),
        // No title: the headline is derived from the lead, reported at the lead's line; a
        // heading first is kept in the body, and a `#` after the first block is a heading.
        (
            "---\nsection: Harbour\n---\n## Background\n\nThe lamps were lit. Crowds came.\n\n# Later\n\nMore.\n",
            &["warning NW0202 6:1"],
            &[
                ("headline", "The lamps were lit"),
                ("section", "Harbour"),
                (
                    "body",
                    "h:Background\np:The lamps were lit. Crowds came.\nh:Later\np:More.",
                ),
            ],
        ),
        // A short paragraph is not guessed to be a headline or heading; a byline under the
        // lead is the byline.
        (
            "Harbour lights return\n\nBy Ada Quill\n\nWhat next\n\nThe lamps were lit.\n",
            &["warning NW0202 1:1"],
            &[
                ("headline", "Harbour lights return"),
                (
                    "body",
                    "p:Harbour lights return\np:What next\np:The lamps were lit.",
                ),
                ("authors", "Ada Quill"),
            ],
        ),
        // The first image is the picture: a path is read against the article's URL; with the
        // picture credit line.
        (
            "# Lamps\n\n![Lamps at *dusk*](../media/lamps.jpg \"The first lamp\")\n\nThe lamps were lit.\n\n![Second](https://x.example/b.jpg)\n\nPhoto: Fen Orr / Lumen\n",
            &[],
            &[
                (
                    "image",
                    "url=https://ledger.example/media/lamps.jpg alt=Lamps at dusk caption=The first lamp credit=Fen Orr / Lumen creator=Fen Orr provider=Lumen",
                ),
                ("body", "p:The lamps were lit."),
            ],
        ),
        // Front matter `image` without a URL takes the picture's URL, and keeps its own alt.
        (
            "+++\n[image]\nalt = \"The quay at dusk\"\n+++\n# Lamps\n\n![Lamps](https://x.example/a.jpg)\n\nThe lamps were lit.\n",
            &[],
            &[(
                "image",
                "url=https://x.example/a.jpg alt=The quay at dusk caption=- credit=- creator=- provider=-",
            )],
        ),
        // Front matter `image.url` wins over the picture, without a warning.
        (
            "+++\nimage = \"https://ledger.example/main.jpg\"\n+++\n# Lamps\n\n![Lamps](https://x.example/a.jpg)\n\nThe lamps were lit.\n",
            &[],
            &[(
                "image",
                "url=https://ledger.example/main.jpg alt=- caption=- credit=- creator=- provider=-",
            )],
        ),
        // A picture with no http(s) URL is not used, with a warning at the picture.
        (
            "# Lamps\n\nThe lamps were lit.\n\nSee ![a](data:image/png;base64,AAAA).\n",
            &["warning NW0303 5:5"],
            &[("image", ""), ("body", "p:The lamps were lit.\np:See .")],
        ),
        // Raw HTML never reaches the body; comments are dropped silently.
        (
            "# Lamps\n\n<!--more-->\n\nThe lamps <em>were</em> lit.\n\n<aside>\nBuy tickets\n</aside>\n\n<script>alert(1)</script>\n",
            &[
                "warning NW0203 5:11",
                "warning NW0203 7:1",
                "warning NW0203 11:1",
            ],
            &[("body", "p:The lamps were lit.")],
        ),
        // Typography is kept; entities are decoded.
        (
            "# Café “Ø” &amp; Sons\n\n\"Straight\" -- ‘curly’ — 4 &deg;C &lt; 5 °C...\n",
            &[],
            &[
                ("headline", "Café “Ø” & Sons"),
                ("slug", "cafe-o-sons"),
                ("body", "p:\"Straight\" -- ‘curly’ — 4 °C < 5 °C..."),
            ],
        ),
        // Headings only: no body.
        (
            "# Lamps\n\n## Background\n",
            &["error NW0201 1:1"],
            &[("record", "none")],
        ),
    ];
    for (text, diagnostics, expect) in cases {
        check(text, diagnostics, expect);
    }
}

#[test]
fn front_matter_positions() {
    let cases: &[(&str, &[&str])] = &[
        (
            "+++\nheadline = \"Lamps\"\ntitle = \"Lamps\"\n+++\n# Lamps\n\nText.\n",
            &["error NW0102 3:1"],
        ),
        (
            "---\nheadline: Lamps\nslug: lamps\nimage:\n  url: https://x.example/a.jpg\n  credits: Fen Orr\n---\n# Lamps\n\nText.\n",
            &["error NW0102 6:3"],
        ),
        (
            "---\npublished: 2026-03-14\n---\nText.\n",
            &["error NW0103 2:1", "warning NW0202 4:1"],
        ),
        (
            "+++\nheadline = \"Lamps\n+++\nText.\n",
            &["error NW0101 2:18"],
        ),
        ("---\nheadline: Lamps\n# Lamps\n", &["error NW0101 1:1"]),
    ];
    for (text, diagnostics) in cases {
        check(text, diagnostics, &[("record", "none")]);
    }
}

/// The folder of wire-text and Markdown pairs.
fn pairs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pairs")
}

/// Each diagnostic as `severity code`, in order.
fn codes(parsed: &Parsed) -> Vec<String> {
    parsed
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.severity, d.code))
        .collect()
}

/// Reads the pair `name`; expects equal records, the same diagnostics codes, and `codes`.
#[track_caller]
fn check_pair(name: &str, expect: &[&str]) {
    let read = |ext: &str| {
        let path = pairs_dir().join(format!("{name}.{ext}"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let (txt, md) = (read("txt"), read("md"));
    let wire = crate::parse(&txt);
    let markdown = crate::parse_md(&md);
    assert_eq!(codes(&wire), expect, "{name}.txt: {:#?}", wire.diagnostics);
    assert_eq!(
        codes(&markdown),
        expect,
        "{name}.md: {:#?}",
        markdown.diagnostics
    );
    let record = wire
        .record
        .as_ref()
        .unwrap_or_else(|| panic!("{name}.txt: {:#?}", wire.diagnostics));
    assert_eq!(markdown.record.as_ref(), Some(record), "{name}");
    // The same Markdown with CRLF line ends and a byte-order mark.
    let mut crlf = b"\xEF\xBB\xBF".to_vec();
    for &b in &md {
        if b == b'\n' {
            crlf.push(b'\r');
        }
        crlf.push(b);
    }
    let crlf = crate::parse_md(&crlf);
    assert_eq!(crlf.record.as_ref(), Some(record), "{name} with CRLF");
    assert_eq!(crlf.diagnostics, markdown.diagnostics, "{name} with CRLF");
}

#[test]
fn wire_text_and_markdown_pairs() {
    let cases: &[(&str, &[&str])] = &[
        ("quay-lamps", &["note NW0203"]),
        ("tide-tables", &["note NW0203"]),
        ("last-loaves", &["warning NW0202"]),
        ("cafe-reopens", &["warning NW0104", "warning NW0104"]),
        ("keepers-logbook", &["note NW0203"]),
    ];
    for (name, expect) in cases {
        check_pair(name, expect);
    }
    // Every pair in the folder is in the table.
    let mut names: Vec<String> = std::fs::read_dir(pairs_dir())
        .expect("the pairs folder")
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "md").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    names.sort();
    let mut listed: Vec<&str> = cases.iter().map(|(n, _)| *n).collect();
    listed.sort_unstable();
    assert_eq!(names, listed);
}

/// The sample channel's folder.
fn sample_channel() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../feeds/harbour-ledger")
}

/// Reads the sample channel's Markdown article `name`; expects no diagnostics at all and the
/// named fields of the record.
#[track_caller]
fn check_sample(name: &str, expect: &[(&str, &str)]) {
    let dir = sample_channel();
    let channel = std::fs::read_to_string(dir.join("channel.toml")).expect("the sample channel");
    let channel: newswire_model::Channel = toml::from_str(&channel).expect("a valid channel");
    let bytes = std::fs::read(dir.join("articles").join(name)).expect("the sample article");
    let ctx = newswire_ingest::Context {
        channel: Some(&channel),
        published: None,
    };
    let parsed = newswire_ingest::parse_markdown(name, &bytes, &ctx);
    assert_eq!(crate::diagnostics(&parsed), [""; 0], "{name}");
    let record = parsed.record.expect("a record");
    let mut got = crate::articles::fields(&record);
    let headings: Vec<&str> = record
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text } => Some(text.as_str()),
            Block::Paragraph { .. } => None,
        })
        .collect();
    got.insert("headings", headings.join(" | "));
    for (field, value) in expect {
        assert_eq!(&got[field], value, "field {field} of {name}");
    }
}

#[test]
fn sample_channel_markdown_articles() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "marrow-point-electric-ferry.md",
            &[
                (
                    "headline",
                    "Electric ferry begins trial on the Marrow Point crossing",
                ),
                ("slug", "marrow-point-electric-ferry-trial"),
                (
                    "url",
                    "https://ledger.example/news/marrow-point-electric-ferry-trial",
                ),
                ("published", "2026-03-18T07:30:00+00:00"),
                ("language", "en"),
                ("section", "Transport"),
                ("authors", "Ingrid Solberg (Transport Correspondent)"),
                ("contributors", "Pieter Haas"),
                ("editors", "Maud Ferrier"),
                (
                    "publisher",
                    "Harbour Ledger Media https://ledger.example/ https://ledger.example/media/logo.png",
                ),
                (
                    "dateline",
                    "\"MARROW POINT, Westmarch (CPA)\" place=MARROW POINT region=Westmarch date=- agency=CPA",
                ),
                (
                    "headings",
                    "How the boat works | Will it cope with winter? | What passengers pay",
                ),
                ("genre", "reportage"),
                (
                    "sources",
                    "Westmarch Transport Authority | Brackenmouth Ferries | Coastline Press Agency",
                ),
                (
                    "image",
                    "url=https://ledger.example/media/marrow-point-electric-ferry.jpg \
                     alt=A small white passenger ferry with solar panels on its cabin roof, moored at a wooden jetty \
                     caption=The Tern, the battery-powered ferry on trial between Marrow Point and Brackenmouth. \
                     credit=Lena Voss / Coastline Press Agency creator=Lena Voss provider=Coastline Press Agency",
                ),
                ("word_count", "352"),
            ],
        ),
        (
            "salthaven-tidal-pool.md",
            &[
                (
                    "headline",
                    "Salthaven’s tidal pool will fill again this summer, thanks to 600 volunteers",
                ),
                ("slug", "salthaven-tidal-pool-reopens"),
                ("published", "2026-03-27T10:15:00+00:00"),
                ("language", "en-GB"),
                ("section", "Community"),
                ("authors", "Aurora Penhallow"),
                ("contributors", ""),
                ("editors", ""),
                (
                    "publisher",
                    "Harbour Ledger Media https://ledger.example/ https://ledger.example/media/logo.png",
                ),
                (
                    "dateline",
                    "\"SALTHAVEN\" place=SALTHAVEN region=- date=- agency=-",
                ),
                (
                    "headings",
                    "Who did the work? | Is it safe to swim? | What the pool will keep | What happens on 1 June",
                ),
                ("genre", "feature"),
                (
                    "sources",
                    "Friends of Salthaven Pool | Salthaven Town Council",
                ),
                (
                    "image",
                    "url=https://ledger.example/media/salthaven-tidal-pool.jpg \
                     alt=Volunteers in waders scrub the concrete floor of an empty seawater pool below a cliff \
                     caption=Volunteers clearing the floor of the Salthaven tidal pool in February. \
                     credit=CPA Photo/Rosa Lindgren creator=Rosa Lindgren provider=CPA",
                ),
                ("word_count", "381"),
            ],
        ),
    ];
    for (name, expect) in cases {
        check_sample(name, expect);
    }
}
