//! Records as JSON text: every layer through `parse_record`, and typed records.

use newswire_model::{Code, Location, Record, Severity};
use newswire_validate::{Validator, parse_record};
use serde_json::{Value, json};

use crate::{Edits, Expect, assert_diagnostics, edited, valid_record};

use Code::*;
use Severity::{Error, Warning};

const FILE: &str = "articles/kelmsby-ferry-returns.json";

#[track_caller]
fn check(case: &str, record: &Value, expect: &[Expect<'_>]) {
    let validator = Validator::new();
    let text = serde_json::to_string_pretty(record).unwrap();
    let (parsed, diagnostics) = parse_record(FILE, &text, &validator);
    assert_diagnostics(case, FILE, &diagnostics, expect);
    // Whatever reads as a record gets the same findings from the typed layer, minus what
    // only the raw JSON showed the schema (a `null` the model reads as absent).
    if let Some(parsed) = parsed {
        let typed: Vec<Expect<'_>> = expect
            .iter()
            .copied()
            .filter(|&(code, _, _)| code != SchemaViolation)
            .collect();
        let typed_case = format!("{case} (typed)");
        assert_diagnostics(&typed_case, FILE, &validator.record(FILE, &parsed), &typed);
    }
}

#[test]
fn one_problem_at_a_time() {
    let long_description = "Tide ".repeat(61);
    let cases: Vec<(&str, Edits<'_>, Vec<Expect<'_>>)> = vec![
        ("valid", vec![], vec![]),
        (
            "valid without optional fields",
            [
                "/modified",
                "/contributors",
                "/editors",
                "/publisher",
                "/dateline",
                "/genre",
                "/sources",
                "/image",
                "/keywords",
                "/section",
            ]
            .into_iter()
            .map(|p| (p, None))
            .collect(),
            vec![],
        ),
        (
            "tag id",
            vec![(
                "/id",
                Some(json!("tag:ledger.example,2026:kelmsby-ferry-returns")),
            )],
            vec![],
        ),
        (
            "modified equal to published",
            vec![("/modified", Some(json!("2026-03-10T09:30:00+01:00")))],
            vec![],
        ),
        (
            "110-character headline",
            vec![("/headline", Some(json!("h".repeat(110))))],
            vec![],
        ),
        // Schema layer.
        (
            "missing published",
            vec![("/published", None)],
            vec![(SchemaViolation, Error, "")],
        ),
        (
            "month 13",
            vec![("/published", Some(json!("2026-13-01T00:00:00Z")))],
            vec![(SchemaViolation, Error, "/published")],
        ),
        (
            "date without offset",
            vec![("/published", Some(json!("2026-03-10T08:30:00")))],
            vec![(SchemaViolation, Error, "/published")],
        ),
        (
            "date only",
            vec![("/modified", Some(json!("2026-03-10")))],
            vec![(SchemaViolation, Error, "/modified")],
        ),
        (
            "null modified",
            vec![("/modified", Some(Value::Null))],
            vec![(SchemaViolation, Error, "/modified")],
        ),
        (
            "javascript url",
            vec![("/url", Some(json!("javascript:alert(1)")))],
            vec![(SchemaViolation, Error, "/url")],
        ),
        (
            // Neither a URI nor http(s): the format and the pattern both say so.
            "relative url",
            vec![("/url", Some(json!("/articles/kelmsby-ferry-returns")))],
            vec![
                (SchemaViolation, Error, "/url"),
                (SchemaViolation, Error, "/url"),
            ],
        ),
        (
            "relative image url",
            vec![("/image/url", Some(json!("img/kelmsby-ferry.jpg")))],
            vec![
                (SchemaViolation, Error, "/image/url"),
                (SchemaViolation, Error, "/image/url"),
            ],
        ),
        (
            "ftp author url",
            vec![("/authors/0/url", Some(json!("ftp://ledger.example/mara")))],
            vec![(SchemaViolation, Error, "/authors/0/url")],
        ),
        (
            "bad slug",
            vec![("/slug", Some(json!("Kelmsby Ferry")))],
            vec![(SchemaViolation, Error, "/slug")],
        ),
        (
            "slug too long",
            vec![("/slug", Some(json!("a".repeat(101))))],
            vec![(SchemaViolation, Error, "/slug")],
        ),
        (
            "unknown field",
            vec![("/byline", Some(json!("By Mara Quell")))],
            vec![(SchemaViolation, Error, "/byline")],
        ),
        (
            "unknown nested field",
            vec![("/image/photographer", Some(json!("Anja Holt")))],
            vec![(SchemaViolation, Error, "/image/photographer")],
        ),
        (
            "unknown genre",
            vec![("/genre", Some(json!("essay")))],
            vec![(SchemaViolation, Error, "/genre")],
        ),
        (
            "unknown block type",
            vec![(
                "/body/1",
                Some(json!({ "type": "quote", "text": "A new hull" })),
            )],
            vec![(SchemaViolation, Error, "/body/1")],
        ),
        (
            "unknown field in a block",
            vec![(
                "/body/1",
                Some(json!({ "type": "heading", "text": "A new hull", "level": 2 })),
            )],
            vec![(SchemaViolation, Error, "/body/1/level")],
        ),
        (
            "word count as text",
            vec![("/word_count", Some(json!("43")))],
            vec![(SchemaViolation, Error, "/word_count")],
        ),
        (
            "language not a tag",
            vec![("/language", Some(json!("British English")))],
            vec![(SchemaViolation, Error, "/language")],
        ),
        // Rules layer.
        (
            "ill-formed language",
            vec![("/language", Some(json!("en-a")))],
            vec![(InvalidLanguage, Error, "/language")],
        ),
        (
            "modified before published",
            vec![("/modified", Some(json!("2026-03-10T09:29:59+01:00")))],
            vec![(DatesOutOfOrder, Error, "/modified")],
        ),
        (
            "wrong word count",
            vec![("/word_count", Some(json!(42)))],
            vec![(WordCountMismatch, Error, "/word_count")],
        ),
        (
            "2,000-character headline",
            vec![("/headline", Some(json!("h".repeat(2000))))],
            vec![(HeadlineLength, Warning, "/headline")],
        ),
        (
            "empty headline",
            vec![("/headline", Some(json!(" ")))],
            vec![(HeadlineLength, Error, "/headline")],
        ),
        (
            "long description",
            vec![("/description", Some(json!(long_description.trim_end())))],
            vec![(DescriptionLength, Warning, "/description")],
        ),
        (
            "empty description",
            vec![("/description", Some(json!("")))],
            vec![(DescriptionLength, Error, "/description")],
        ),
        (
            "credit without url",
            vec![("/image/url", None)],
            vec![(CreditWithoutImage, Warning, "/image/credit")],
        ),
        (
            "no authors",
            vec![("/authors", None)],
            vec![(NoAuthor, Warning, "/authors")],
        ),
        (
            "empty authors",
            vec![("/authors", Some(json!([])))],
            vec![(NoAuthor, Warning, "/authors")],
        ),
        (
            "an author without a name",
            vec![("/authors/0/name", Some(json!(" \t ")))],
            vec![(EmptyName, Error, "/authors/0/name")],
        ),
        (
            "every other credit without a name",
            vec![
                ("/publisher/name", Some(json!(""))),
                ("/sources/0/name", Some(json!("\u{3000}"))),
                ("/editors/0/name", Some(json!(""))),
                ("/contributors/0/name", Some(json!(" "))),
            ],
            vec![
                (EmptyName, Error, "/contributors/0/name"),
                (EmptyName, Error, "/editors/0/name"),
                (EmptyName, Error, "/sources/0/name"),
                (EmptyName, Error, "/publisher/name"),
            ],
        ),
        (
            "no body",
            vec![("/body", Some(json!([]))), ("/word_count", Some(json!(0)))],
            vec![(EmptyBody, Error, "/body")],
        ),
        (
            "javascript id",
            vec![("/id", Some(json!("javascript:alert(1)")))],
            vec![(InvalidUrl, Error, "/id")],
        ),
        (
            "relative id",
            vec![("/id", Some(json!("/articles/kelmsby-ferry-returns")))],
            vec![(InvalidUrl, Error, "/id")],
        ),
        (
            "forbidden character in the body",
            vec![(
                "/body/1",
                Some(json!({ "type": "heading", "text": "A new\u{7} hull" })),
            )],
            vec![(ForbiddenCharacter, Error, "/body/1/text")],
        ),
        (
            "forbidden character in the headline",
            vec![("/headline", Some(json!("Kelmsby ferry\u{FFFF} returns")))],
            vec![(ForbiddenCharacter, Error, "/headline")],
        ),
        (
            "NUL in a credit",
            vec![(
                "/image/credit/text",
                Some(json!("Anja Holt\u{0} / Northlight")),
            )],
            vec![(ForbiddenCharacter, Error, "/image/credit/text")],
        ),
    ];
    for (name, edits, expect) in cases {
        check(name, &edited(valid_record(), &edits), &expect);
    }
}

#[test]
fn formats_are_asserted() {
    // Each value passes every keyword but `format`: only format assertions catch it.
    for (pointer, value) in [
        ("/published", "2026-13-01T00:00:00Z"),
        ("/published", "2026-02-30T08:00:00+00:00"),
        ("/published", "2026-03-10T25:00:00+00:00"),
        ("/url", "https://ledger example/articles/kelmsby"),
        ("/publisher/logo", "https://ledger.example/logo<1>.png"),
    ] {
        let record = edited(valid_record(), &[(pointer, Some(json!(value)))]);
        let diagnostics = Validator::new().record_json(FILE, &record);
        assert_diagnostics(
            value,
            FILE,
            &diagnostics,
            &[(SchemaViolation, Error, pointer)],
        );
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let record = edited(
        valid_record(),
        &[
            ("/id", Some(json!("urn:kelmsby:1"))),
            ("/slug", Some(json!("Kelmsby_Ferry"))),
            ("/published", Some(json!("2026-03-10T08:30:00Z"))),
            ("/modified", Some(json!("2026-03-09T08:30:00Z"))),
            ("/headline", Some(json!("h".repeat(2000)))),
            ("/description", Some(json!(""))),
            ("/authors", None),
            ("/editors/0/name", Some(json!(""))),
            ("/image/url", None),
            ("/url", Some(json!("javascript:alert(1)"))),
            ("/tags", Some(json!(["ferries"]))),
            ("/word_count", Some(json!(7))),
            ("/body/1/text", Some(json!("A new\u{1} hull"))),
        ],
    );
    check(
        "everything at once",
        &record,
        &[
            (SchemaViolation, Error, "/slug"),
            (SchemaViolation, Error, "/url"),
            (SchemaViolation, Error, "/tags"),
            (InvalidUrl, Error, "/id"),
            (DatesOutOfOrder, Error, "/modified"),
            (HeadlineLength, Warning, "/headline"),
            (DescriptionLength, Error, "/description"),
            (NoAuthor, Warning, "/authors"),
            (EmptyName, Error, "/editors/0/name"),
            (CreditWithoutImage, Warning, "/image/credit"),
            (WordCountMismatch, Error, "/word_count"),
            (ForbiddenCharacter, Error, "/body/1/text"),
        ],
    );
}

/// Messages and hints say what is wrong in words a newsroom engineer can act on.
#[test]
fn messages_and_hints() {
    for (edits, message, hint) in [
        (
            vec![("/published", None)],
            "missing required field `published`",
            "add `published`, an RFC 3339 date-time with its UTC offset, such as 2026-03-14T09:30:00+01:00",
        ),
        (
            vec![("/byline", Some(json!("x")))],
            "unknown field `byline`",
            "remove it or correct its spelling; the record schema lists the known fields: https://newswire.dev/schemas/v1/record.schema.json",
        ),
        (
            vec![("/modified", Some(json!("2026-03-10")))],
            "\"2026-03-10\" is not an RFC 3339 date-time with a UTC offset",
            "write the date, the time and the offset, such as 2026-03-14T09:30:00+01:00 or 2026-03-14T08:30:00Z",
        ),
        (
            vec![("/slug", Some(json!("Kelmsby Ferry")))],
            "\"Kelmsby Ferry\" is not a valid slug",
            "use 1 to 100 lower-case ASCII letters and digits in runs joined by single hyphens, such as `harbour-lights-return`",
        ),
        (
            vec![("/genre", Some(json!("essay")))],
            "\"essay\" is not a known genre",
            "use one of: reportage, analysis, opinion, background, review, feature, interview, obituary",
        ),
        (
            vec![("/section", Some(Value::Null))],
            "`null` is not allowed here",
            "leave the field out when it has no value; the record schema says what each field holds: https://newswire.dev/schemas/v1/record.schema.json",
        ),
        (
            vec![("/body/1/text", Some(json!(3)))],
            "expected string, found 3",
            "the record schema says what each field holds: https://newswire.dev/schemas/v1/record.schema.json",
        ),
        (
            vec![("/word_count", Some(json!(42)))],
            "`word_count` is 42, but the body has 43 words",
            "set `word_count` to 43",
        ),
        (
            vec![("/modified", Some(json!("2026-03-10T08:00:00+00:00")))],
            "`modified` (2026-03-10T08:00:00+00:00) is earlier than `published` (2026-03-10T08:30:00+00:00)",
            "set `modified` to the time of the last change, on or after `published`, or remove it",
        ),
        (
            vec![("/image/url", None)],
            "the picture credit names no image URL",
            "the credit is kept; add `image.url` to the front matter so feeds can show the picture",
        ),
        (
            vec![("/headline", Some(json!("h".repeat(2000))))],
            "the headline is 2000 characters long, more than 110",
            "shorten it to 110 characters or fewer; Google truncates longer headlines",
        ),
        (
            vec![("/headline", Some(json!("Ferry\u{7}\u{8}\u{0}")))],
            "the text holds U+0007 and 2 more, which XML 1.0 forbids",
            "remove the character: no feed or page can carry it",
        ),
    ] {
        let text = edited(valid_record(), &edits).to_string();
        let (_, diagnostics) = parse_record(FILE, &text, &Validator::new());
        let got: Vec<(&str, &str)> = diagnostics
            .iter()
            .map(|d| (d.message.as_str(), d.hint.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(got, [(message, hint)], "{edits:?}");
    }
}

/// JSON text that is not a record at all: the place of the problem, in characters.
#[track_caller]
fn check_text(text: &str, expect: (Code, Option<(u32, u32)>)) {
    let (record, diagnostics) = parse_record(FILE, text, &Validator::new());
    assert!(record.is_none(), "{text:?}");
    let got: Vec<(Code, Option<(u32, u32)>)> = diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.location
                    .map(|Location { line, column, .. }| (line, column)),
            )
        })
        .collect();
    assert_eq!(got, [expect], "{text:?}");
}

#[test]
fn unreadable_text() {
    for (text, expect) in [
        ("", (EmptyInput, None)),
        ("\u{FEFF} \n", (EmptyInput, None)),
        ("{\n  \"id\": }", (RecordSyntax, Some((2, 9)))),
        (
            "{\n  \"headline\": \"Café\", ,\n}",
            (RecordSyntax, Some((2, 23))),
        ),
        ("{\"id\": \"a\"", (RecordSyntax, Some((1, 10)))),
        ("[1, 2]", (SchemaViolation, None)),
    ] {
        check_text(text, expect);
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{FEFF}{}", valid_record());
    let (record, diagnostics) = parse_record(FILE, &text, &Validator::new());
    assert_eq!(diagnostics, []);
    assert_eq!(record.map(|r| r.word_count), Some(43));
}

#[test]
fn a_valid_record_round_trips() {
    let text = valid_record().to_string();
    let (record, diagnostics) = parse_record(FILE, &text, &Validator::new());
    assert_eq!(diagnostics, []);
    let record = record.unwrap();
    let again: Record = serde_json::from_value(serde_json::to_value(&record).unwrap()).unwrap();
    assert_eq!(again, record);
}

/// Typed records: the rules hold on records made in code, not only on JSON.
#[test]
fn typed_records() {
    let base: Record = serde_json::from_value(valid_record()).unwrap();
    type Edit = fn(&mut Record);
    let cases: [(Edit, Vec<Expect<'_>>); 5] = [
        (|_| {}, vec![]),
        (
            |r| r.modified = Some(r.published - chrono::TimeDelta::minutes(1)),
            vec![(DatesOutOfOrder, Error, "/modified")],
        ),
        (
            |r| r.word_count += 1,
            vec![(WordCountMismatch, Error, "/word_count")],
        ),
        (
            |r| {
                if let Some(image) = &mut r.image {
                    image.url = None;
                }
            },
            vec![(CreditWithoutImage, Warning, "/image/credit")],
        ),
        (
            |r| r.headline = "ferry\u{B}".into(),
            vec![(ForbiddenCharacter, Error, "/headline")],
        ),
    ];
    let validator = Validator::new();
    for (i, (edit, expect)) in cases.into_iter().enumerate() {
        let mut record = base.clone();
        edit(&mut record);
        let case = format!("typed case {i}");
        assert_diagnostics(&case, FILE, &validator.record(FILE, &record), &expect);
    }
}
