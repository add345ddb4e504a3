//! The sample channel builds cleanly, deterministically, and its outputs match the golden files.

use newswire_model::Severity;

use crate::support::{build_sample, tree};

#[test]
fn sample_channel_builds_with_no_error_and_no_warning() {
    let out = tempfile::tempdir().unwrap();
    let (report, dir) = build_sample(out.path());
    let problems: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems, Vec::<String>::new());
    assert!(report.channels[0].published);
    let files = tree(&dir);
    let articles = files
        .keys()
        .filter(|k| k.starts_with("articles/") && k.ends_with(".jsonld"))
        .count();
    assert!(articles >= 8, "only {articles} articles");
    assert_eq!(report.channels[0].articles, articles);
    assert!(files.contains_key("rss.xml"));
    assert!(files.contains_key("feed.jsonld"));
}

#[test]
fn builds_are_byte_identical() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (_, dir_a) = build_sample(a.path());
    let (_, dir_b) = build_sample(b.path());
    let (tree_a, tree_b) = (tree(&dir_a), tree(&dir_b));
    assert_eq!(
        tree_a.keys().collect::<Vec<_>>(),
        tree_b.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &tree_a {
        assert!(bytes == &tree_b[name], "{name} differs between two builds");
    }
}

#[test]
fn outputs_match_golden_files() {
    let out = tempfile::tempdir().unwrap();
    let (_, dir) = build_sample(out.path());
    let mut expected = Vec::new();
    for (name, bytes) in tree(&dir) {
        let text = String::from_utf8(bytes).unwrap();
        let snapshot = name.replace('/', "__");
        expected.push(format!("it__sample__{snapshot}.snap"));
        insta::assert_snapshot!(snapshot, text);
    }
    // No golden file outlives the output it was made from.
    let snapshots = crate::support::root().join("tests/it/snapshots");
    let mut found: Vec<String> = std::fs::read_dir(snapshots)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("it__sample__") && n.ends_with(".snap"))
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(
        found, expected,
        "golden files without an output: delete them"
    );
}

#[test]
fn records_round_trip_through_json_losslessly() {
    let (_, records) = crate::support::sample_records();
    for record in records.values() {
        let json = serde_json::to_string(record).unwrap();
        let back: newswire_model::Record = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, record, "{}", record.slug);
    }
}
