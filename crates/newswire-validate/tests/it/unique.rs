//! Ids and slugs are unique across a set of records.

use newswire_model::{Code, Record, Severity};
use newswire_validate::check_unique;
use serde_json::json;

use crate::{edited, valid_record};

fn record(id: &str, slug: &str) -> Record {
    let value = edited(
        valid_record(),
        &[("/id", Some(json!(id))), ("/slug", Some(json!(slug)))],
    );
    serde_json::from_value(value).unwrap()
}

/// `records` as `(file, id, slug)`; `expect` as `(code, file, message)`.
#[track_caller]
fn check(records: &[(&str, &str, &str)], expect: &[(Code, &str, &str)]) {
    let made: Vec<(&str, Record)> = records
        .iter()
        .map(|&(file, id, slug)| (file, record(id, slug)))
        .collect();
    let diagnostics = check_unique(made.iter().map(|(file, r)| (*file, r)));
    let got: Vec<(Code, &str, &str)> = diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.severity, Severity::Error);
            assert!(d.hint.is_some());
            (
                d.code,
                d.file.as_deref().unwrap_or_default(),
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(got, expect);
}

#[test]
fn duplicates() {
    let a = "https://ledger.example/articles/a";
    let b = "https://ledger.example/articles/b";
    check(&[], &[]);
    check(&[("a.json", a, "a"), ("b.json", b, "b")], &[]);
    check(
        &[("a.json", a, "a"), ("b.json", a, "b")],
        &[(
            Code::DuplicateId,
            "b.json",
            "the id \"https://ledger.example/articles/a\" is already used by `a.json`",
        )],
    );
    check(
        &[("a.json", a, "a"), ("b.json", b, "a")],
        &[(
            Code::DuplicateSlug,
            "b.json",
            "the slug \"a\" is already used by `a.json`",
        )],
    );
    check(
        &[("a.json", a, "a"), ("b.md", b, "b"), ("c.txt", a, "b")],
        &[
            (
                Code::DuplicateId,
                "c.txt",
                "the id \"https://ledger.example/articles/a\" is already used by `a.json`",
            ),
            (
                Code::DuplicateSlug,
                "c.txt",
                "the slug \"b\" is already used by `b.md`",
            ),
        ],
    );
    let tag = "tag:ledger.example,2026:a";
    check(
        &[
            ("a.json", tag, "a"),
            ("b.json", tag, "a"),
            ("c.json", tag, "a"),
        ],
        &[
            (
                Code::DuplicateId,
                "b.json",
                "the id \"tag:ledger.example,2026:a\" is already used by `a.json`",
            ),
            (
                Code::DuplicateSlug,
                "b.json",
                "the slug \"a\" is already used by `a.json`",
            ),
            (
                Code::DuplicateId,
                "c.json",
                "the id \"tag:ledger.example,2026:a\" is already used by `a.json`",
            ),
            (
                Code::DuplicateSlug,
                "c.json",
                "the slug \"a\" is already used by `a.json`",
            ),
        ],
    );
}
