//! Where a record's fields were read from, for validation's findings to point at the text.

use newswire_model::{Code, Diagnostic, Location};

use crate::{parse, parse_md};

/// `(line, column, length)` of the place of `pointer`, if it has one.
fn place(parsed: &newswire_ingest::Parsed, pointer: &str) -> Option<(u32, u32, u32)> {
    parsed
        .places
        .find(pointer)
        .map(|l| (l.line, l.column, l.length))
}

#[test]
fn fields_are_placed_where_the_article_gave_them() {
    let parsed = parse(
        "+++\n\
         description = \"The quay is lit.\"\n\
         slug = \"quay-lamps\"\n\
         +++\n\
         Lamps lit again in Port Wren\n\
         By Ada Quill\n\
         PORT WREN — The lamps along the quay were lit again on Friday.\n\
         Photo: Bo Renn / Lumen\n"
            .as_bytes(),
    );
    assert!(parsed.record.is_some(), "{:?}", parsed.diagnostics);
    // Front matter: the key.
    assert_eq!(place(&parsed, "/description"), Some((2, 1, 11)));
    assert_eq!(place(&parsed, "/slug"), Some((3, 1, 4)));
    // The text: the headline line, the byline, the lead, the picture credit.
    assert_eq!(place(&parsed, "/headline"), Some((5, 1, 28)));
    assert_eq!(place(&parsed, "/authors"), Some((6, 1, 12)));
    assert_eq!(place(&parsed, "/authors/0/name"), Some((6, 1, 12)));
    assert_eq!(place(&parsed, "/image/credit/text"), Some((8, 1, 22)));
    let lead = place(&parsed, "/body/0/text").expect("the lead is placed");
    assert_eq!(lead.0, 7);
    // The id is the URL, which the channel made from the slug.
    assert_eq!(place(&parsed, "/id"), Some((3, 1, 4)));
    // What the article did not give, and pointers that only start like a field.
    for pointer in ["/url", "/image", "/keywords", "/body/1", "/headlines", ""] {
        assert_eq!(place(&parsed, pointer), None, "{pointer}");
    }
}

/// The id is placed where it comes from: the `url` key that gives the URL it is, or under a
/// tag scheme the slug it is made from.
#[test]
fn the_id_is_placed_at_what_it_is_made_from() {
    let text = "+++\n\
                url = \"https://ledger.example/articles/quay\"\n\
                +++\n\
                Lamps lit again in Port Wren\n\
                By Ada Quill\n\
                PORT WREN — The lamps along the quay were lit again on Friday.\n";
    let parsed = parse(text.as_bytes());
    assert!(parsed.record.is_some(), "{:?}", parsed.diagnostics);
    // The URL's value, where a bad URL is reported too.
    assert_eq!(place(&parsed, "/url"), Some((2, 7, 38)));
    assert_eq!(place(&parsed, "/id"), Some((2, 7, 38)));
    let mut channel = crate::channel();
    channel.id_scheme = newswire_model::IdScheme::Tag {
        authority: "ledger.example".into(),
        date: "2026".into(),
    };
    let ctx = newswire_ingest::Context {
        channel: Some(&channel),
        published: Some(crate::published()),
    };
    let parsed = newswire_ingest::parse_wire_text("article.txt", text.as_bytes(), &ctx);
    let record = parsed.record.as_ref().expect("a record");
    assert!(record.id.starts_with("tag:"), "{}", record.id);
    // The slug, and so the id, is made from the headline.
    assert_eq!(place(&parsed, "/id"), Some((4, 1, 28)));
}

#[test]
fn front_matter_wins_over_the_text_and_derived_fields_are_placed_at_the_lead() {
    // A front matter headline is where the record's headline came from, not the line.
    let parsed = parse(
        "+++\nheadline = \"Lamps lit\"\n+++\nLamps lit\nBy Ada Quill\nPORT WREN — The lamps were lit.\n"
            .as_bytes(),
    );
    assert_eq!(place(&parsed, "/headline"), Some((2, 1, 8)));
    // Without a headline or description, both are derived from the lead.
    let parsed =
        parse("PORT WREN — The lamps along the quay were lit again on Friday.\n".as_bytes());
    let lead = place(&parsed, "/body/0");
    assert!(lead.is_some());
    assert_eq!(place(&parsed, "/headline"), lead);
    assert_eq!(place(&parsed, "/description"), lead);
    // A picture credit in front matter is the record's, over a `Photo:` line.
    let parsed = parse(
        "+++\nimage = { url = \"https://x.example/a.jpg\", credit = \"Bo Renn\" }\n+++\nLamps lit\nBy Ada Quill\nThe lamps were lit.\nPhoto: Cy Moss\n"
            .as_bytes(),
    );
    assert_eq!(place(&parsed, "/image/credit").map(|p| p.0), Some(2));
    // Markdown: the `#` title.
    let parsed = parse_md("# Lamps lit again\n\nBy Ada Quill\n\nThe lamps were lit.\n".as_bytes());
    assert_eq!(place(&parsed, "/headline").map(|p| p.0), Some(1));
    assert_eq!(place(&parsed, "/authors").map(|p| p.0), Some(3));
}

#[test]
fn locate_places_a_finding_once() {
    let parsed =
        parse("Lamps lit again\nBy Ada Quill\nPORT WREN — The lamps were lit.\n".as_bytes());
    let finding = Diagnostic::warning(Code::HeadlineLength, "long").at_pointer("/headline");
    let placed = parsed.places.locate(finding);
    assert_eq!(
        placed.location,
        Some(Location {
            line: 1,
            column: 1,
            length: 15
        })
    );
    assert_eq!(
        placed.pointer.as_deref(),
        Some("/headline"),
        "the field is still named"
    );
    // A finding already placed, or with no pointer, is left as it is.
    let elsewhere = Diagnostic::warning(Code::HeadlineLength, "long")
        .at_pointer("/headline")
        .at(9, 2, 3);
    assert_eq!(parsed.places.locate(elsewhere.clone()), elsewhere);
    let whole = Diagnostic::warning(Code::NoAuthor, "none");
    assert_eq!(parsed.places.locate(whole.clone()), whole);
}
