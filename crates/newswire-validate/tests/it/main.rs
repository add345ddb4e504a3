//! Integration tests for newswire-validate: records, channels, sets of records, exit codes.

mod channels;
mod paths;
mod records;
mod schemas;
mod unique;

use newswire_model::{Code, Diagnostic, Severity};
use serde_json::{Value, json};

/// A complete, valid record about an invented event; tests break it one way at a time.
fn valid_record() -> Value {
    json!({
        "id": "https://ledger.example/articles/kelmsby-ferry-returns",
        "slug": "kelmsby-ferry-returns",
        "url": "https://ledger.example/articles/kelmsby-ferry-returns",
        "headline": "Kelmsby ferry returns after winter repairs",
        "description": "The Kelmsby ferry carried its first passengers of the season on Tuesday after four months in dry dock.",
        "published": "2026-03-10T08:30:00+00:00",
        "modified": "2026-03-10T12:15:00+01:00",
        "language": "en-GB",
        "authors": [
            { "name": "Mara Quell", "role": "Harbour Correspondent", "url": "https://ledger.example/staff/mara-quell" }
        ],
        "contributors": [{ "name": "Tobin Fairweather" }],
        "editors": [{ "name": "Ilse Marrow" }],
        "publisher": {
            "name": "Harbour Town Ledger",
            "url": "https://ledger.example/",
            "logo": "https://ledger.example/logo.png"
        },
        "dateline": {
            "text": "KELMSBY, Northshire (HTL)",
            "place": "KELMSBY",
            "region": "Northshire",
            "agency": "HTL"
        },
        "genre": "reportage",
        "sources": [{ "name": "Kelmsby Harbour Board", "url": "https://harbour-board.example/" }],
        "image": {
            "url": "https://ledger.example/img/kelmsby-ferry.jpg",
            "alt": "A white ferry leaves a stone quay under a grey sky",
            "caption": "The ferry leaves Kelmsby quay on Tuesday morning.",
            "credit": { "text": "Anja Holt / Northlight", "creator": "Anja Holt", "provider": "Northlight" }
        },
        "keywords": ["ferries", "Kelmsby", "Northshire"],
        "section": "Local",
        "body": [
            { "type": "paragraph", "text": "The Kelmsby ferry carried its first passengers of the season on Tuesday after four months in dry dock." },
            { "type": "heading", "text": "A new hull" },
            { "type": "paragraph", "text": "“We replaced almost every plate below the waterline,” said the yard’s foreman, Pell Aske — and the crossing now takes 40 minutes." }
        ],
        "word_count": 43
    })
}

/// `record` with each `(pointer, value)` edit applied; a `None` value removes the field.
fn edited(mut record: Value, edits: &[(&str, Option<Value>)]) -> Value {
    for (pointer, value) in edits {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let parent = record.pointer_mut(parent).unwrap();
        match (parent, value) {
            (Value::Object(map), Some(value)) => {
                map.insert(key.to_owned(), value.clone());
            }
            (Value::Object(map), None) => {
                map.remove(key);
            }
            (Value::Array(items), Some(value)) => {
                items[key.parse::<usize>().unwrap()] = value.clone();
            }
            (Value::Array(items), None) => {
                items.remove(key.parse::<usize>().unwrap());
            }
            (other, _) => panic!("cannot edit {pointer} in {other}"),
        }
    }
    record
}

/// Edits to a document: `(JSON pointer, new value)`, `None` to remove the field.
type Edits<'a> = Vec<(&'a str, Option<Value>)>;

/// What a test expects of one diagnostic: its code, severity and JSON pointer.
type Expect<'a> = (Code, Severity, &'a str);

/// Asserts that `got` is exactly `expect` (in any order), and that every diagnostic is well
/// formed: a file, a hint, a message that starts lower-case and has no closing full stop.
#[track_caller]
fn assert_diagnostics(case: &str, file: &str, got: &[Diagnostic], expect: &[Expect<'_>]) {
    let mut got_keys: Vec<(Code, Severity, String)> = got
        .iter()
        .map(|d| (d.code, d.severity, d.pointer.clone().unwrap_or_default()))
        .collect();
    let mut expect: Vec<(Code, Severity, String)> = expect
        .iter()
        .map(|&(c, s, p)| (c, s, p.to_owned()))
        .collect();
    got_keys.sort();
    expect.sort();
    assert_eq!(got_keys, expect, "{case}: {got:#?}");
    for d in got {
        assert_eq!(d.file.as_deref(), Some(file), "{d}");
        assert!(
            d.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "no hint: {d}"
        );
        let first = d.message.chars().next().unwrap();
        assert!(!first.is_uppercase(), "message starts upper-case: {d}");
        assert!(
            !d.message.ends_with('.'),
            "message ends with a full stop: {d}"
        );
    }
}

#[test]
fn exit_codes() {
    use newswire_validate::exit_code;
    let error = Diagnostic::error(Code::EmptyBody, "x");
    let warning = Diagnostic::warning(Code::NoAuthor, "x");
    let note = Diagnostic::note(Code::DroppedResidue, "x");
    for (diagnostics, deny_warnings, expect) in [
        (vec![], false, 0),
        (vec![], true, 0),
        (vec![note.clone()], true, 0),
        (vec![warning.clone()], false, 0),
        (vec![warning.clone()], true, 1),
        (vec![note.clone(), error.clone()], false, 1),
        (vec![warning.clone(), note.clone(), error.clone()], false, 1),
        (
            vec![error.clone(), Diagnostic::error(Code::Io, "x")],
            false,
            2,
        ),
        (vec![Diagnostic::warning(Code::Io, "x")], false, 0),
        (vec![warning, note, error], false, 1),
    ] {
        assert_eq!(
            exit_code(&diagnostics, deny_warnings),
            expect,
            "{diagnostics:?} deny_warnings={deny_warnings}"
        );
    }
}
