//! Micro-benchmarks of reading articles into records: wire text and Markdown, on a typical
//! article, on the sample channel's articles, and on articles of 1 MB and 10 MB.

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};

mod support;

use support::{Kind, TYPICAL_BYTES};

fn main() {
    divan::main();
}

/// The inputs of one benchmark: `typical` is one article of about 9 KB, `plain` the same
/// without its inline markup (for Markdown, read without the CommonMark parser), `samples`
/// every sample article of the kind, read one after another.
fn inputs(kind: Kind, input: &str) -> Vec<(String, Vec<u8>)> {
    match input {
        "typical" => vec![("typical".to_owned(), support::grown(kind, TYPICAL_BYTES))],
        "plain" => vec![(
            "plain".to_owned(),
            support::without_markup(&support::grown(kind, TYPICAL_BYTES)),
        )],
        "samples" => support::articles(kind)
            .into_iter()
            .map(|a| (a.name.clone(), a.bytes.clone()))
            .collect(),
        other => panic!("unknown input `{other}`"),
    }
}

/// Reads every input per iteration, after checking once that each gives a record.
fn bench_parse(bencher: Bencher<'_, '_>, kind: Kind, inputs: &[(String, Vec<u8>)]) {
    for (name, bytes) in inputs {
        let parsed = support::parse(kind, name, bytes);
        assert!(parsed.record.is_some(), "{name}: {:?}", parsed.diagnostics);
    }
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(inputs.len()))
        .bench(|| {
            for (name, bytes) in inputs {
                divan::black_box(support::parse(kind, name, divan::black_box(bytes)));
            }
        });
}

#[divan::bench(args = ["typical", "samples"])]
fn parse_wire_text(bencher: Bencher<'_, '_>, input: &str) {
    bench_parse(bencher, Kind::WireText, &inputs(Kind::WireText, input));
}

#[divan::bench(args = ["typical", "plain", "samples"])]
fn parse_markdown(bencher: Bencher<'_, '_>, input: &str) {
    bench_parse(bencher, Kind::Markdown, &inputs(Kind::Markdown, input));
}

/// Time against size: one article grown to each size; bytes/s should stay flat.
#[divan::bench_group(sample_count = 10)]
mod scaling {
    use divan::Bencher;

    use super::{Kind, bench_parse, support};

    const SIZES: &[usize] = &[super::TYPICAL_BYTES, 1 << 20, 10 << 20];

    #[divan::bench(args = SIZES)]
    fn parse_wire_text(bencher: Bencher<'_, '_>, size: usize) {
        let input = [("large.txt".to_owned(), support::grown(Kind::WireText, size))];
        bench_parse(bencher, Kind::WireText, &input);
    }

    #[divan::bench(args = SIZES)]
    fn parse_markdown(bencher: Bencher<'_, '_>, size: usize) {
        let input = [("large.md".to_owned(), support::grown(Kind::Markdown, size))];
        bench_parse(bencher, Kind::Markdown, &input);
    }
}

/// Front matter of the shape most articles hold, read without the format's parser, against
/// the same front matter with one thing the reader leaves to the parser (a YAML anchor, a TOML
/// escape), on a one-paragraph article: the difference is the parser's cost.
#[divan::bench_group]
mod front_matter {
    use divan::Bencher;

    use super::{Kind, bench_parse};

    const YAML: &str = "---\npublished: \"2026-03-14T09:30:00+00:00\"\nsection: Coast\n\
                        keywords: [harbour, lamps, \"north quay\"]\n---\n";
    const YAML_FOR_THE_PARSER: &str = "---\npublished: \"2026-03-14T09:30:00+00:00\"\n\
                                       section: &s Coast\nkeywords: [harbour, lamps, \"north quay\"]\n---\n";
    const TOML: &str = "+++\npublished = 2026-03-14T09:30:00+00:00\nsection = \"Coast\"\n\
                        keywords = [\"harbour\", \"lamps\", \"north quay\"]\n[image]\n\
                        url = \"https://desk.example/media/lamps.jpg\"\nalt = \"Lamps on the quay\"\n+++\n";
    const TOML_FOR_THE_PARSER: &str = "+++\npublished = 2026-03-14T09:30:00+00:00\nsection = \"Coast\"\n\
                                       keywords = [\"harbour\", \"lamps\", \"north quay\"]\n[image]\n\
                                       url = \"https://desk.example/media/lamps.jpg\"\nalt = \"Lamps on the \\u0071uay\"\n+++\n";
    const BODY: &str = "# Lamps lit again on the north quay\n\n\
                        PORT WREN — The lamps on the north quay were lit again on Saturday.\n";

    #[divan::bench(args = ["yaml", "yaml for the parser", "toml", "toml for the parser"])]
    fn parse_markdown(bencher: Bencher<'_, '_>, front: &str) {
        let front = match front {
            "yaml" => YAML,
            "yaml for the parser" => YAML_FOR_THE_PARSER,
            "toml" => TOML,
            "toml for the parser" => TOML_FOR_THE_PARSER,
            other => panic!("unknown front matter `{other}`"),
        };
        let input = [("front.md".to_owned(), format!("{front}{BODY}").into_bytes())];
        bench_parse(bencher, Kind::Markdown, &input);
    }
}
