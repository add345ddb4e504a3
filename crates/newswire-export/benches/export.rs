//! Micro-benchmarks of every exporter: the channel feeds over a 50-record window, and the
//! per-article documents on a typical record and on the sample channel's records.

use divan::Bencher;
use divan::counter::ItemsCount;
use newswire_export::{
    PageChannel, RenderedBody, atom, body_html, html_page, html_page_document, json_feed,
    jsonld_article, jsonld_article_document, jsonld_channel, ninjs, ninjs_document, rss,
    to_json_bytes,
};
use newswire_model::Record;

#[path = "../../newswire-ingest/benches/support/mod.rs"]
mod support;

use support::CHANNEL;

fn main() {
    divan::main();
}

/// The channel outputs, each over the feed window of 50 records, as a build writes them once
/// per channel.
#[divan::bench_group(counters = [ItemsCount::new(support::WINDOW)])]
mod feed {
    use super::*;

    fn window() -> Vec<&'static Record> {
        support::FEED_WINDOW.iter().collect()
    }

    #[divan::bench]
    fn rss(bencher: Bencher<'_, '_>) {
        let records = window();
        bencher.bench(|| super::rss(&CHANNEL, divan::black_box(&records)));
    }

    #[divan::bench]
    fn atom(bencher: Bencher<'_, '_>) {
        let records = window();
        bencher.bench(|| super::atom(&CHANNEL, divan::black_box(&records)));
    }

    /// The JSON Feed value alone.
    #[divan::bench]
    fn json_feed(bencher: Bencher<'_, '_>) {
        let records = window();
        bencher.bench(|| super::json_feed(&CHANNEL, divan::black_box(&records)));
    }

    /// The JSON Feed as the bytes of `feed.json`: value and canonical writing.
    #[divan::bench]
    fn json_feed_bytes(bencher: Bencher<'_, '_>) {
        let records = window();
        bencher.bench(|| to_json_bytes(&super::json_feed(&CHANNEL, divan::black_box(&records))));
    }

    /// The schema.org feed as the bytes of `feed.jsonld`.
    #[divan::bench]
    fn jsonld_channel_bytes(bencher: Bencher<'_, '_>) {
        let records = window();
        bencher.bench(|| to_json_bytes(&jsonld_channel(&CHANNEL, divan::black_box(&records))));
    }
}

/// Runs `export` on every record of `input` per iteration: `typical` is one record of a
/// 9 KB article, `samples` the records of every sample article.
fn per_record<T>(bencher: Bencher<'_, '_>, input: &str, export: impl Fn(&Record) -> T + Sync) {
    let records = support::records(input);
    bencher.counter(ItemsCount::new(records.len())).bench(|| {
        for r in &records {
            divan::black_box(export(divan::black_box(r)));
        }
    });
}

/// The per-article documents, one record at a time.
#[divan::bench_group]
mod article {
    use super::*;

    const INPUTS: &[&str] = &["typical", "samples"];

    #[divan::bench(args = INPUTS)]
    fn jsonld_article(bencher: Bencher<'_, '_>, input: &str) {
        per_record(bencher, input, super::jsonld_article);
    }

    #[divan::bench(args = INPUTS)]
    fn ninjs(bencher: Bencher<'_, '_>, input: &str) {
        per_record(bencher, input, super::ninjs);
    }

    #[divan::bench(args = INPUTS)]
    fn html_page(bencher: Bencher<'_, '_>, input: &str) {
        per_record(bencher, input, |r| super::html_page(Some(&CHANNEL), r));
    }

    /// The body alone as HTML, a part of `html_page`.
    #[divan::bench(args = INPUTS)]
    fn body_html(bencher: Bencher<'_, '_>, input: &str) {
        per_record(bencher, input, super::body_html);
    }

    /// Canonical JSON bytes of a record's JSON-LD value, built beforehand.
    #[divan::bench(args = INPUTS)]
    fn to_json_bytes_jsonld(bencher: Bencher<'_, '_>, input: &str) {
        bytes_of(bencher, input, super::jsonld_article);
    }

    /// Canonical JSON bytes of a record's ninjs value, built beforehand.
    #[divan::bench(args = INPUTS)]
    fn to_json_bytes_ninjs(bencher: Bencher<'_, '_>, input: &str) {
        bytes_of(bencher, input, super::ninjs);
    }

    /// Everything a build exports for one article, as a build does it: the body's renditions,
    /// then the JSON-LD, ninjs and page documents, which borrow them; their sizes.
    #[divan::bench(args = INPUTS)]
    fn all_outputs(bencher: Bencher<'_, '_>, input: &str) {
        let page_channel = super::PageChannel::new(&CHANNEL);
        per_record(bencher, input, |r| {
            let body = super::RenderedBody::of(r);
            let jsonld = super::jsonld_article_document(r, &body);
            let ninjs = super::ninjs_document(r, &body);
            let page = super::html_page_document(Some(&page_channel), r, &body, &jsonld);
            divan::black_box((&jsonld, &ninjs, &page));
            jsonld.len() + ninjs.len() + page.len()
        });
    }

    fn bytes_of(bencher: Bencher<'_, '_>, input: &str, make: fn(&Record) -> serde_json::Value) {
        let values: Vec<_> = support::records(input).into_iter().map(make).collect();
        bencher.counter(ItemsCount::new(values.len())).bench(|| {
            for value in &values {
                divan::black_box(to_json_bytes(divan::black_box(value)));
            }
        });
    }
}
