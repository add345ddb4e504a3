//! Micro-benchmarks of validation: compiling the schemas, both layers on typed records, the
//! schema layer on JSON values, and reading a `.json` record.

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use newswire_model::Record;
use newswire_validate::{Validator, parse_record};
use serde_json::Value;

#[path = "../../newswire-ingest/benches/support/mod.rs"]
mod support;

fn main() {
    divan::main();
}

/// The validator every benchmark but `new` shares, compiled once.
static VALIDATOR: std::sync::LazyLock<Validator> = std::sync::LazyLock::new(Validator::new);

/// The records' JSON values, as a `.json` input gives them to the schema layer.
fn json_values(records: &[&Record]) -> Vec<Value> {
    records
        .iter()
        .map(|r| serde_json::to_value(r).expect("a record is JSON"))
        .collect()
}

/// Compiling the committed record and channel schemas, once per build.
#[divan::bench(sample_count = 20)]
fn new() -> Validator {
    Validator::new()
}

/// Both layers on typed records, as a build runs them on every article read from text.
#[divan::bench(args = ["typical", "samples"])]
fn record(bencher: Bencher<'_, '_>, input: &str) {
    let records = support::records(input);
    for r in &records {
        let found = VALIDATOR.record("bench", r);
        assert!(found.is_empty(), "{}: {found:?}", r.slug);
    }
    bencher.counter(ItemsCount::new(records.len())).bench(|| {
        for r in &records {
            divan::black_box(VALIDATOR.record("bench", divan::black_box(r)));
        }
    });
}

/// The schema layer alone on the records' JSON values.
#[divan::bench(args = ["typical", "samples"])]
fn record_json(bencher: Bencher<'_, '_>, input: &str) {
    let values = json_values(&support::records(input));
    for value in &values {
        let found = VALIDATOR.record_json("bench", value);
        assert!(found.is_empty(), "{found:?}");
    }
    bencher.counter(ItemsCount::new(values.len())).bench(|| {
        for value in &values {
            divan::black_box(VALIDATOR.record_json("bench", divan::black_box(value)));
        }
    });
}

/// The first step of `record`: the typed record to its JSON value (`serde_json::to_value`).
#[divan::bench(args = ["typical", "samples"])]
fn record_to_value(bencher: Bencher<'_, '_>, input: &str) {
    let records = support::records(input);
    bencher.counter(ItemsCount::new(records.len())).bench(|| {
        for r in &records {
            divan::black_box(serde_json::to_value(divan::black_box(r)).ok());
        }
    });
}

/// A `.json` record read and checked by both layers: the sample record and the typical
/// record written as JSON.
#[divan::bench(args = ["typical", "sample"])]
fn parse_record_json(bencher: Bencher<'_, '_>, input: &str) {
    let text = match input {
        "typical" => {
            serde_json::to_string_pretty(&*support::TYPICAL_RECORD).expect("a record is JSON")
        }
        _ => {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../feeds/harbour-ledger/articles/brackenmouth-oyster-beds.json"
            );
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
        }
    };
    let (parsed, found) = parse_record("bench.json", &text, &VALIDATOR);
    assert!(parsed.is_some() && found.is_empty(), "{found:?}");
    bencher
        .counter(BytesCount::of_str(&text))
        .counter(ItemsCount::new(1usize))
        .bench(|| {
            divan::black_box(parse_record(
                "bench.json",
                divan::black_box(&text),
                &VALIDATOR,
            ))
        });
}
