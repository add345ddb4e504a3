//! The feeds made from body fragments already rendered, as a build makes them: the same bytes
//! as the feeds that render the fragments themselves.

use newswire_export::{
    RenderedBody, atom, atom_with, json_feed, json_feed_with, rss, rss_with, to_json_bytes,
};
use newswire_model::Record;

use crate::fixtures::{channel, records};

#[test]
fn feeds_from_rendered_bodies_are_the_feeds() {
    let channel = channel();
    let owned = records();
    // Every fixture, and none: an empty window is a feed too.
    for records in [owned.iter().collect::<Vec<&Record>>(), Vec::new()] {
        let rendered: Vec<String> = records
            .iter()
            .map(|r| RenderedBody::of(r).into_html())
            .collect();
        let bodies: Vec<&str> = rendered.iter().map(String::as_str).collect();
        assert_eq!(
            rss_with(&channel, &records, &bodies),
            rss(&channel, &records)
        );
        assert_eq!(
            atom_with(&channel, &records, &bodies),
            atom(&channel, &records)
        );
        assert_eq!(
            to_json_bytes(&json_feed_with(&channel, &records, &bodies)),
            to_json_bytes(&json_feed(&channel, &records))
        );
    }
}

/// The panic message of `f`, which must panic.
fn panic_message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let payload = std::panic::catch_unwind(f).expect_err("refused with a panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[test]
fn fragments_that_are_not_the_records_are_refused() {
    let owned = records();
    let records: Vec<&Record> = owned.iter().collect();
    let message = panic_message(|| {
        let _ = rss_with(&channel(), &records, &[]);
    });
    assert!(
        message.contains("one body fragment for each record"),
        "{message}"
    );
    // Another record's fragment: checked where every test runs, in debug builds.
    if cfg!(debug_assertions) {
        let bodies = vec!["<p>Not this record's body.</p>"; records.len()];
        let message = panic_message(|| {
            let _ = atom_with(&channel(), &records, &bodies);
        });
        assert!(
            message.contains("each record's own body fragment"),
            "{message}"
        );
    }
}
