//! Channels (`channel.toml` read into JSON) against the channel schema.

use newswire_model::{Channel, Code, Severity};
use newswire_validate::Validator;
use serde_json::{Value, json};

use crate::{Edits, Expect, assert_diagnostics, edited};

const FILE: &str = "feeds/ledger/channel.toml";

fn valid_channel() -> Value {
    json!({
        "title": "Harbour Town Ledger",
        "description": "News from the harbour towns of Northshire",
        "home_url": "https://ledger.example/",
        "base_url": "https://ledger.example/articles/",
        "feed_url": "https://ledger.example/feeds/",
        "language": "en-GB",
        "publisher": {
            "name": "Harbour Town Ledger",
            "url": "https://ledger.example/",
            "logo": "https://ledger.example/logo.png"
        },
        "rights": "© 2026 Harbour Town Ledger",
        "limit": 20,
        "default_author": { "name": "Ledger Staff" },
        "id_scheme": { "kind": "tag", "authority": "ledger.example", "date": "2026" }
    })
}

#[track_caller]
fn check(channel: &Value, expect: &[Expect<'_>]) {
    let diagnostics = Validator::new().channel_json(FILE, channel);
    assert_diagnostics(&channel.to_string(), FILE, &diagnostics, expect);
    if expect.is_empty() {
        // What the schema accepts, the model reads.
        serde_json::from_value::<Channel>(channel.clone()).unwrap();
    }
}

#[test]
fn channels() {
    use Code::ChannelInvalid;
    use Severity::Error;
    let cases: Vec<(Edits<'_>, Vec<Expect<'_>>)> = vec![
        (vec![], vec![]),
        (
            vec![
                ("/limit", None),
                ("/id_scheme", None),
                ("/rights", None),
                ("/default_author", None),
            ],
            vec![],
        ),
        (vec![("/id_scheme", Some(json!({ "kind": "url" })))], vec![]),
        (vec![("/title", None)], vec![(ChannelInvalid, Error, "")]),
        (
            vec![("/feed_url", Some(json!("feeds/")))],
            vec![
                (ChannelInvalid, Error, "/feed_url"),
                (ChannelInvalid, Error, "/feed_url"),
            ],
        ),
        (
            vec![("/home_url", Some(json!("javascript:void(0)")))],
            vec![(ChannelInvalid, Error, "/home_url")],
        ),
        (
            vec![("/limit", Some(json!(-1)))],
            vec![(ChannelInvalid, Error, "/limit")],
        ),
        (
            vec![("/limt", Some(json!(20)))],
            vec![(ChannelInvalid, Error, "/limt")],
        ),
        (
            vec![("/publisher/url", None)],
            vec![(ChannelInvalid, Error, "/publisher")],
        ),
        (
            vec![("/id_scheme", Some(json!({ "kind": "uuid" })))],
            vec![(ChannelInvalid, Error, "/id_scheme")],
        ),
        (
            vec![(
                "/id_scheme",
                Some(json!({ "kind": "tag", "authority": "ledger.example" })),
            )],
            vec![(ChannelInvalid, Error, "/id_scheme")],
        ),
        (
            vec![("/rights", Some(Value::Null))],
            vec![(ChannelInvalid, Error, "/rights")],
        ),
        // Every feed shows the title, the description and the names: none may be blank.
        (
            vec![
                ("/title", Some(json!(" "))),
                ("/description", Some(json!(""))),
                ("/publisher/name", Some(json!("\t"))),
                ("/default_author/name", Some(json!("\u{A0}"))),
            ],
            vec![
                (ChannelInvalid, Error, "/title"),
                (ChannelInvalid, Error, "/description"),
                (ChannelInvalid, Error, "/publisher/name"),
                (ChannelInvalid, Error, "/default_author/name"),
            ],
        ),
        // A value of the wrong form is the schema's alone to report.
        (
            vec![("/title", Some(json!(7)))],
            vec![(ChannelInvalid, Error, "/title")],
        ),
        // Characters XML forbids would reach every feed: the channel's texts are checked too.
        (
            vec![
                ("/title", Some(json!("Harbour \u{1} Ledger"))),
                ("/publisher/name", Some(json!("Ledger\u{FFFE}"))),
            ],
            vec![
                (Code::ForbiddenCharacter, Error, "/publisher/name"),
                (Code::ForbiddenCharacter, Error, "/title"),
            ],
        ),
    ];
    for (edits, expect) in cases {
        check(&edited(valid_channel(), &edits), &expect);
    }
}
