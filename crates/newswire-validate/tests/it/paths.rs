//! Typed records and their JSON text: `Validator::record` and `parse_record` find exactly the
//! same problems, with the same messages, pointers and hints, in the same order.

use chrono::{FixedOffset, NaiveDate, TimeDelta, TimeZone};
use newswire_model::{Block, Code, Diagnostic, Record, Timestamp};
use newswire_validate::{Validator, parse_record};
use serde_json::Value;

use crate::{Expect, assert_diagnostics, valid_record};

use Code::*;
use newswire_model::Severity::{Error, Warning};

const FILE: &str = "articles/kelmsby-ferry-returns.json";

/// Checks `record` on both paths: the typed one, and its JSON text read back.
#[track_caller]
fn check(case: &str, record: &Record, expect: &[Expect<'_>]) {
    let validator = Validator::new();
    let typed = validator.record(FILE, record);
    let text = serde_json::to_string_pretty(record).unwrap();
    let (_, from_json) = parse_record(FILE, &text, &validator);
    assert_eq!(typed, from_json, "{case}: the typed and JSON paths differ");
    assert_diagnostics(case, FILE, &typed, expect);
}

fn base() -> Record {
    serde_json::from_value(valid_record()).unwrap()
}

/// A time with an offset of `seconds` east of UTC.
fn at(seconds: i32, year: i32, h: u32, m: u32, s: u32, nano: u32) -> Timestamp {
    let offset = FixedOffset::east_opt(seconds).unwrap();
    let naive = NaiveDate::from_ymd_opt(year, 3, 10)
        .unwrap()
        .and_hms_nano_opt(h, m, s, nano)
        .unwrap();
    offset.from_local_datetime(&naive).unwrap()
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph {
        text: text.to_owned(),
    }
}

#[test]
fn typed_and_json_paths_agree() {
    type Edit = fn(&mut Record);
    let cases: Vec<(&str, Edit, Vec<Expect<'_>>)> = vec![
        ("valid", |_| {}, vec![]),
        (
            "modified before published",
            |r| r.modified = Some(r.published - TimeDelta::seconds(1)),
            vec![(DatesOutOfOrder, Error, "/modified")],
        ),
        (
            "modified a nanosecond before published",
            |r| r.modified = Some(r.published - TimeDelta::nanoseconds(1)),
            vec![(DatesOutOfOrder, Error, "/modified")],
        ),
        (
            // Published at 08:59:30 UTC, but RFC 3339 has no offset seconds: the JSON form
            // says 09:00:00+00:01, 08:59:00 UTC, which is before `modified`.
            "an offset in seconds",
            |r| {
                r.published = at(30, 2026, 9, 0, 0, 0);
                r.modified = Some(at(0, 2026, 8, 59, 15, 0));
            },
            vec![],
        ),
        (
            "a year of five digits",
            |r| {
                r.published = at(0, 10_000, 9, 0, 0, 0);
                r.modified = Some(at(0, 2026, 9, 0, 0, 0));
            },
            vec![
                (SchemaViolation, Error, "/published"),
                (DatesOutOfOrder, Error, "/modified"),
            ],
        ),
        (
            "a leap second",
            |r| {
                r.published = at(0, 2026, 23, 59, 59, 1_500_000_000);
                r.modified = Some(at(0, 2026, 23, 59, 59, 0));
            },
            vec![(DatesOutOfOrder, Error, "/modified")],
        ),
        (
            "wrong word count",
            |r| r.word_count += 1,
            vec![(WordCountMismatch, Error, "/word_count")],
        ),
        (
            "words split by Unicode spaces",
            |r| {
                r.body = vec![paragraph("one\u{A0}two\u{2003}three\u{3000}four five’s")];
                r.word_count = 4;
            },
            vec![(WordCountMismatch, Error, "/word_count")],
        ),
        (
            "no body",
            |r| {
                r.body.clear();
                r.word_count = 0;
            },
            vec![(EmptyBody, Error, "/body")],
        ),
        (
            "a body of blank blocks",
            |r| {
                r.body = vec![paragraph(" \u{A0}"), paragraph("")];
                r.word_count = 0;
            },
            vec![(EmptyBody, Error, "/body")],
        ),
        (
            "long headline",
            |r| r.headline = "h".repeat(111),
            vec![(HeadlineLength, Warning, "/headline")],
        ),
        (
            "110 characters in more bytes",
            |r| r.headline = "é".repeat(110),
            vec![],
        ),
        (
            "blank headline",
            |r| r.headline = "\u{3000} ".into(),
            vec![(HeadlineLength, Error, "/headline")],
        ),
        (
            "long description",
            |r| r.description = "Tide ".repeat(61),
            vec![(DescriptionLength, Warning, "/description")],
        ),
        (
            "empty description",
            |r| r.description.clear(),
            vec![(DescriptionLength, Error, "/description")],
        ),
        (
            "no authors",
            |r| r.authors.clear(),
            vec![(NoAuthor, Warning, "/authors")],
        ),
        (
            "credit without image",
            |r| {
                if let Some(image) = &mut r.image {
                    image.url = None;
                }
            },
            vec![(CreditWithoutImage, Warning, "/image/credit")],
        ),
        (
            "javascript id",
            |r| r.id = "javascript:alert(1)".into(),
            vec![(InvalidUrl, Error, "/id")],
        ),
        (
            "ill-formed tag id",
            |r| r.id = "tag:ledger.example,26:x".into(),
            vec![(InvalidUrl, Error, "/id")],
        ),
        (
            "forbidden characters in one text",
            |r| {
                r.body[1] = Block::Heading {
                    text: "A new\u{1} hull\u{FFFE}\u{1F}".into(),
                }
            },
            vec![(ForbiddenCharacter, Error, "/body/1/text")],
        ),
        (
            "forbidden characters in every kind of text",
            |r| {
                let bad = |s: &mut String| s.push('\u{B}');
                bad(&mut r.authors[0].name);
                if let Some(role) = &mut r.authors[0].role {
                    bad(role);
                }
                r.body[1] = Block::Heading {
                    text: "A new\u{FFFF} hull".into(),
                };
                bad(&mut r.contributors[0].name);
                if let Some(dateline) = &mut r.dateline {
                    bad(&mut dateline.text);
                    bad(&mut dateline.place);
                    dateline.date = Some("Mar\u{0} 10".into());
                }
                bad(&mut r.description);
                bad(&mut r.editors[0].name);
                bad(&mut r.headline);
                bad(&mut r.id);
                if let Some(image) = &mut r.image {
                    image.alt = Some("\u{2}".into());
                    if let Some(credit) = &mut image.credit {
                        bad(&mut credit.text);
                    }
                }
                bad(&mut r.keywords[2]);
                if let Some(publisher) = &mut r.publisher {
                    bad(&mut publisher.name);
                }
                r.section = Some("Lo\u{1B}cal".into());
                bad(&mut r.sources[0].name);
            },
            [
                "/authors/0/name",
                "/authors/0/role",
                "/body/1/text",
                "/contributors/0/name",
                "/dateline/date",
                "/dateline/place",
                "/dateline/text",
                "/description",
                "/editors/0/name",
                "/headline",
                "/id",
                "/image/alt",
                "/image/credit/text",
                "/keywords/2",
                "/publisher/name",
                "/section",
                "/sources/0/name",
            ]
            .into_iter()
            .map(|p| (ForbiddenCharacter, Error, p))
            .chain([(InvalidUrl, Error, "/id")])
            .collect(),
        ),
        (
            "everything at once",
            |r| {
                r.id = "urn:kelmsby:1".into();
                r.modified = Some(r.published - TimeDelta::days(1));
                r.headline = "h".repeat(2000);
                r.description.clear();
                r.authors.clear();
                if let Some(image) = &mut r.image {
                    image.url = None;
                }
                r.word_count = 7;
                r.body[1] = paragraph("A new\u{1} hull");
            },
            vec![
                (InvalidUrl, Error, "/id"),
                (DatesOutOfOrder, Error, "/modified"),
                (HeadlineLength, Warning, "/headline"),
                (DescriptionLength, Error, "/description"),
                (NoAuthor, Warning, "/authors"),
                (CreditWithoutImage, Warning, "/image/credit"),
                (WordCountMismatch, Error, "/word_count"),
                (ForbiddenCharacter, Error, "/body/1/text"),
            ],
        ),
    ];
    for (case, edit, expect) in cases {
        let mut record = base();
        edit(&mut record);
        check(case, &record, &expect);
    }
}

/// The pointer of every string in `value`, in document order.
fn strings(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::String(_) => out.push(at.to_owned()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                strings(item, &format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

/// A forbidden character in any string of the record's JSON form, whatever field the model
/// grows: each that still reads as a record is found on both paths, and all of them at once,
/// in the same order.
#[test]
fn forbidden_characters_in_every_string() {
    let json = serde_json::to_value(base()).unwrap();
    let mut pointers = Vec::new();
    strings(&json, "", &mut pointers);
    let spoilt = |value: &mut Value, pointer: &str| {
        if let Some(Value::String(s)) = value.pointer_mut(pointer) {
            s.push('\u{7}');
        }
    };
    let mut all = json.clone();
    let mut readable = Vec::new();
    for pointer in &pointers {
        let mut one = json.clone();
        spoilt(&mut one, pointer);
        let Ok(record) = serde_json::from_value::<Record>(one) else {
            continue; // A date, a genre or a slug with a control character is no record.
        };
        let found = Validator::new().record(FILE, &record);
        let spoilt_here = found
            .iter()
            .any(|d| d.code == ForbiddenCharacter && d.pointer.as_deref() == Some(pointer));
        // A URL reader drops or percent-encodes the character: no longer forbidden.
        if !spoilt_here {
            assert!(
                pointer.ends_with("url") || pointer.ends_with("logo") || pointer == "/id",
                "{pointer}: {found:#?}"
            );
        }
        check_same(pointer, &record);
        spoilt(&mut all, pointer);
        readable.push(pointer);
    }
    assert!(readable.len() > 20, "{readable:?}");
    let record: Record = serde_json::from_value(all).unwrap();
    check_same("all at once", &record);
}

#[track_caller]
fn check_same(case: &str, record: &Record) {
    let validator = Validator::new();
    let typed: Vec<Diagnostic> = validator.record(FILE, record);
    let text = serde_json::to_string(record).unwrap();
    let (_, from_json) = parse_record(FILE, &text, &validator);
    assert_eq!(typed, from_json, "{case}");
}
