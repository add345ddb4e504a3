//! Unit tests of rules that span modules (the RSS guid's permalink rule), and what the
//! modules' own tests share.

use newswire_model::Record;

use crate::rss::guid_is_permalink;

pub(crate) fn record(id: &str, url: &str) -> Record {
    let value = serde_json::json!({
        "id": id,
        "slug": "a",
        "url": url,
        "headline": "H",
        "description": "D",
        "published": "2026-11-03T09:30:00Z",
        "language": "en",
        "body": [],
        "word_count": 0
    });
    serde_json::from_value(value).expect("test records are valid")
}

#[track_caller]
fn check(id: &str, url: &str, expect: bool) {
    assert_eq!(
        guid_is_permalink(&record(id, url)),
        expect,
        "id {id:?}, url {url:?}"
    );
}

#[test]
fn guid_permalink_rule() {
    for (id, url, expect) in [
        ("https://n.example/a", "https://n.example/a", true),
        ("http://n.example/a", "http://n.example/a", true),
        ("https://n.example/b", "https://n.example/a", false),
        ("tag:n.example,2026:a", "https://n.example/a", false),
        ("a", "https://n.example/a", false),
        ("HTTPS://N.EXAMPLE/a", "https://n.example/a", false),
    ] {
        check(id, url, expect);
    }
}

/// A fixed pseudo-random sequence from `seed` (a 64-bit linear congruential generator's high
/// bits), so that a test of many generated inputs checks the same ones on every run.
pub(crate) fn numbers(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    }
}

/// Appends to `text` up to `most - 1` pieces drawn from `next`: each `x`, or one time in
/// `one_in` one of `pieces`, so that generated texts are mostly plain with the pieces a test
/// is about here and there.
pub(crate) fn push_pieces(
    text: &mut String,
    next: &mut impl FnMut() -> u64,
    pieces: &[&str],
    most: u64,
    one_in: usize,
) {
    for _ in 0..next() % most {
        let r = next() as usize;
        text.push_str(if r.is_multiple_of(one_in) {
            pieces[r / one_in % pieces.len()]
        } else {
            "x"
        });
    }
}
