//! The reference article in `../shared/seeds/`, read through the command line, gives the
//! record the brief names. Runs whenever `../shared` is beside the project (CI always has it).

use serde_json::Value;

use crate::support::{newswire, root, run, shared, stderr, stdout};

#[test]
#[allow(clippy::print_stderr)] // says why the check did not run, where a test log shows it
fn reference_article_parses_into_the_expected_record() {
    let Some(shared) = shared() else {
        eprintln!("../shared is not beside the project: the reference article check did not run");
        return;
    };
    let seed = shared.join("seeds/000_757e3d8836d01bb2.txt");
    let output = run(newswire()
        .args([
            "parse",
            "--published",
            "2026-11-02T18:00:00-05:00",
            "--channel",
        ])
        .arg(root().join("tests/data/channel.toml"))
        .arg(&seed)
        .args(["--format", "json"]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let record: Value = serde_json::from_str(&stdout(&output)).unwrap();

    assert_eq!(record["dateline"]["place"], "MIAMI");
    let headings: Vec<&str> = record["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "heading")
        .map(|b| b["text"].as_str().unwrap())
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
    assert_eq!(
        record["authors"],
        serde_json::json!([{ "name": "Nick Ravenshade" }])
    );
    assert_eq!(record["publisher"]["name"], "NENC Media Group");
    assert_eq!(record["genre"], "analysis");
    assert_eq!(
        record["sources"],
        serde_json::json!([
            { "name": "United States Department of State" },
            { "name": "Bloomberg" },
            { "name": "Reuters" },
            { "name": "CNN" },
            { "name": "CBS News" },
        ])
    );
    assert_eq!(record["image"]["credit"]["creator"], "Denys Kostyuchenko");
    assert_eq!(record["image"]["credit"]["provider"], "Unsplash");
    let first = record["body"][0]["text"].as_str().unwrap();
    assert!(
        !first.starts_with("MIAMI"),
        "the dateline stays in the lead: {first}"
    );
    for block in record["body"].as_array().unwrap() {
        let text = block["text"].as_str().unwrap();
        for residue in ["Written by", "Sources:", "Photo:", "Comments ("] {
            assert!(!text.contains(residue), "trailer text in the body: {text}");
        }
    }
    // The headline was derived from the lead, and the diagnostics say so.
    let diagnostics: Vec<Value> = stderr(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "NW0202" && d["severity"] == "warning"),
        "{diagnostics:?}"
    );
    let headline = record["headline"].as_str().unwrap();
    assert!(
        !headline.is_empty() && first.starts_with(headline.trim_end_matches('…')),
        "{headline}"
    );
}
