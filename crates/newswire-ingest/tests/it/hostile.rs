//! Hostile input: whatever the bytes, reading ends with a record or with errors, never a panic.

use newswire_ingest::Parsed;
use newswire_model::Code;

/// Reads `input` with `parse`; expects the record's presence and that every listed code is
/// reported.
#[track_caller]
fn check(parse: fn(&[u8]) -> Parsed, input: &[u8], record: bool, codes: &[Code]) {
    let parsed = parse(input);
    invariants(&parsed, input);
    assert_eq!(
        parsed.record.is_some(),
        record,
        "record of {:?}",
        preview(input)
    );
    assert_eq!(parsed.record.is_none(), parsed.has_errors());
    for code in codes {
        assert!(
            parsed.diagnostics.iter().any(|d| d.code == *code),
            "{code} missing for {:?}: {:#?}",
            preview(input),
            parsed.diagnostics
        );
    }
}

/// What holds for any input: a record exactly when there is no error, every diagnostic placed
/// and hinted, and no character XML forbids in the record.
#[track_caller]
fn invariants(parsed: &Parsed, input: &[u8]) {
    assert_eq!(
        parsed.record.is_none(),
        parsed.has_errors(),
        "{:?}",
        preview(input)
    );
    for d in &parsed.diagnostics {
        let at = d.location.expect("every ingest diagnostic has a place");
        assert!(at.line >= 1 && at.column >= 1, "{d}");
        assert!(d.hint.is_some(), "no hint: {d}");
        assert!(!d.message.ends_with('.'), "{d}");
        assert!(!d.message.starts_with(char::is_uppercase), "{d}");
    }
    if let Some(r) = &parsed.record {
        let xml_safe = |s: &str| {
            !s.chars().any(|c| {
                (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
                    || matches!(c, '\u{FFFE}' | '\u{FFFF}')
            })
        };
        assert!(xml_safe(&r.headline) && xml_safe(&r.description));
        assert!(r.body.iter().all(|b| xml_safe(b.text())));
        assert!(r.headline.chars().count() <= 120 || !r.headline.is_empty());
        assert!(
            r.body
                .iter()
                .all(|b| !b.text().is_empty() && b.text() == b.text().trim()),
            "{:?}",
            preview(input)
        );
    }
}

fn preview(input: &[u8]) -> String {
    let s = String::from_utf8_lossy(&input[..input.len().min(60)]).into_owned();
    format!("{s}… ({} bytes)", input.len())
}

#[test]
fn hostile_inputs() {
    let long_line = "word ".repeat(200_000);
    let long_word = "x".repeat(1_000_000);
    let binary: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let many_lines = "Advertisement\n".repeat(5_000) + "The quay reopened.\n";
    let deep = format!(
        "+++\nimage = {}{}\n+++\nText.\n",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    let deep_yaml = format!(
        "---\nimage: {}{}\n---\nText.\n",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    // Deep enough that a parser taking time in the square of the depth would never finish.
    let deeper_yaml = format!(
        "---\nkeywords: {}{}\n---\nText.\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let accents = "é".repeat(300);
    let quotes = "“".repeat(10);
    let cases: Vec<(&[u8], bool, &[Code])> = vec![
        (b"", false, &[Code::EmptyInput]),
        (b"   \n\t\r\n  ", false, &[Code::EmptyInput]),
        (b"\xEF\xBB\xBF", false, &[Code::EmptyInput]),
        (
            b"\0\0\0",
            false,
            &[Code::EmptyInput, Code::ForbiddenCharacter],
        ),
        (b"\r", false, &[Code::EmptyInput]),
        (b"a\rb\rc", true, &[Code::DerivedHeadline]),
        (b"\xFF\xFE\x00\x01", false, &[Code::InvalidUtf8]),
        (
            &binary,
            false,
            &[Code::InvalidUtf8, Code::ForbiddenCharacter],
        ),
        (long_line.as_bytes(), true, &[Code::DerivedHeadline]),
        (long_word.as_bytes(), true, &[Code::DerivedHeadline]),
        (many_lines.as_bytes(), true, &[Code::DroppedResidue]),
        (b"+++", false, &[Code::FrontMatterSyntax]),
        (b"---\n---\n", false, &[Code::EmptyBody]),
        (b"+++\n\xFF = 1\n+++\nText.", false, &[Code::InvalidUtf8]),
        (b"+++\n= = =\n+++\nText.", false, &[Code::FrontMatterSyntax]),
        (b"---\n: : :\n---\nText.", false, &[Code::FrontMatterSyntax]),
        (
            b"---\n&a [*a]\n---\nText.",
            false,
            &[Code::FrontMatterSyntax],
        ),
        (deep.as_bytes(), false, &[]),
        (deep_yaml.as_bytes(), false, &[]),
        (deeper_yaml.as_bytes(), false, &[Code::FrontMatterSyntax]),
        (b"By", true, &[]),
        (b"\xE2\x80\x94", false, &[Code::InvalidSlug]),
        (b"MIAMI \xE2\x80\x94", true, &[]),
        (
            b"Sources:\nPhoto:\nComments ()",
            false,
            &[Code::EmptyBody, Code::UnreadableTrailer],
        ),
        ("\u{FFFF}\u{FFFE}".as_bytes(), false, &[Code::EmptyInput]),
        (accents.as_bytes(), true, &[]),
        (quotes.as_bytes(), false, &[Code::InvalidSlug]),
        (b". . . . .", false, &[Code::InvalidSlug]),
    ];
    for (input, record, codes) in cases {
        check(crate::parse, input, record, codes);
        // Markdown reads the same bytes differently, but as safely.
        invariants(&crate::parse_md(input), input);
    }
}

#[test]
fn hostile_markdown() {
    let stars = "*".repeat(100_000);
    let brackets = "[".repeat(50_000) + "x" + &"]".repeat(50_000);
    let quotes = ">".repeat(50_000) + " deep";
    let nested_lists: String = (0..2_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    let backticks = "`".repeat(100_000);
    let emphasis = "*a _b ".repeat(20_000);
    let images = "![".repeat(20_000) + "x" + &"](u)".repeat(20_000);
    let links = "[a](".repeat(20_000);
    let table = "|a|b|\n|-|-|\n".to_owned() + &"|1|2|\n".repeat(20_000);
    let wide_table = "|".repeat(50_000) + "\n" + &"|-".repeat(25_000) + "\n";
    let html = "<div>\n".repeat(10_000);
    let headings = "# \n".repeat(10_000) + "Text.\n";
    let entities = "&#99999999; &#0; &#xFFFE; &bogus; &amp".repeat(1_000);
    let cases: Vec<(&[u8], bool, &[Code])> = vec![
        (b"", false, &[Code::EmptyInput]),
        (b"#", false, &[Code::EmptyBody]),
        (b"# Title only", false, &[Code::EmptyBody]),
        (b"## Only a heading", false, &[Code::EmptyBody]),
        (
            b"<div>only html</div>",
            false,
            &[Code::EmptyBody, Code::DroppedResidue],
        ),
        (b"<!-- only a comment -->", false, &[Code::EmptyBody]),
        (
            b"![only](https://x.example/a.jpg)",
            false,
            &[Code::EmptyBody],
        ),
        (b"```\n", false, &[Code::EmptyBody]),
        (b"```\nunclosed code", true, &[Code::DerivedHeadline]),
        (b"+++\n+++\n---\n", false, &[Code::EmptyBody]),
        (b"\xEF\xBB\xBF# T\r\n\r\nText.\r\n", true, &[]),
        (b"Text \x00 with NUL.", true, &[Code::ForbiddenCharacter]),
        (b"Text \xFF bad.", false, &[Code::InvalidUtf8]),
        (
            "&#1; &#xFFFF; text".as_bytes(),
            true,
            &[Code::ForbiddenCharacter],
        ),
        (stars.as_bytes(), false, &[Code::EmptyBody]),
        (brackets.as_bytes(), false, &[Code::InvalidSlug]),
        (quotes.as_bytes(), true, &[Code::DerivedHeadline]),
        (nested_lists.as_bytes(), true, &[]),
        (backticks.as_bytes(), false, &[Code::EmptyBody]),
        (emphasis.as_bytes(), true, &[]),
        (images.as_bytes(), false, &[Code::EmptyBody]),
        (links.as_bytes(), true, &[]),
        (table.as_bytes(), true, &[]),
        (wide_table.as_bytes(), false, &[Code::InvalidSlug]),
        (html.as_bytes(), false, &[Code::DroppedResidue]),
        (headings.as_bytes(), true, &[]),
        (entities.as_bytes(), true, &[Code::ForbiddenCharacter]),
    ];
    for (input, record, codes) in cases {
        check(crate::parse_md, input, record, codes);
    }
}
