//! The reference sample, read when it is present in the shared folder.

use newswire_model::{Block, Code, Genre};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/seeds/000_757e3d8836d01bb2.txt"
);

#[test]
#[allow(
    clippy::print_stdout,
    reason = "a skipped check says so in the test output"
)]
fn reference_sample() {
    let Ok(bytes) = std::fs::read(SEED) else {
        println!("note: {SEED} is not present; the reference sample test is skipped");
        return;
    };
    let parsed = crate::parse(&bytes);
    let record = parsed
        .record
        .as_ref()
        .unwrap_or_else(|| panic!("no record: {:#?}", parsed.diagnostics));

    let dateline = record.dateline.as_ref().expect("a dateline");
    assert_eq!(dateline.place, "MIAMI");
    assert_eq!(record.locations().collect::<Vec<_>>(), ["MIAMI"]);

    let headings: Vec<&str> = record
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text } => Some(text.as_str()),
            Block::Paragraph { .. } => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "What the Miami framework says and what it does not",
            "Security guarantees and deterrence: the sticking points",
            "Territory and sovereignty: red lines and trade-offs",
            "Political dynamics and international implications",
            "Verification, sequencing and the road ahead",
            "Risks, incentives and likely scenarios",
            "What editors and policymakers should watch next",
        ]
    );

    let authors: Vec<&str> = record.authors.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(authors, ["Nick Ravenshade"]);
    assert!(record.authors[0].role.is_none());
    assert_eq!(
        record.publisher.as_ref().map(|p| p.name.as_str()),
        Some("NENC Media Group")
    );
    assert_eq!(record.genre, Some(Genre::Analysis));
    let sources: Vec<&str> = record.sources.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        sources,
        [
            "United States Department of State",
            "Bloomberg",
            "Reuters",
            "CNN",
            "CBS News"
        ]
    );
    let credit = record
        .image
        .as_ref()
        .and_then(|i| i.credit.as_ref())
        .expect("a picture credit");
    assert_eq!(credit.creator.as_deref(), Some("Denys Kostyuchenko"));
    assert_eq!(credit.provider.as_deref(), Some("Unsplash"));

    for block in &record.body {
        for residue in ["Written by", "Sources:", "Photo:", "Comments"] {
            assert!(
                !block.text().contains(residue),
                "{residue:?} left in the body: {:?}",
                block.text()
            );
        }
    }
    assert!(matches!(&record.body[0], Block::Paragraph { text } if !text.starts_with("MIAMI")));
    assert!(!record.description.starts_with("MIAMI"));
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.code == Code::DerivedHeadline)
    );
    assert!(!record.headline.is_empty() && record.headline.chars().count() <= 110);
    assert!(!record.headline.starts_with("MIAMI"));
    assert_eq!(record.slug.as_str().split('-').next(), Some("negotiations"));
    assert_eq!(record.word_count, newswire_model::word_count(&record.body));
}
