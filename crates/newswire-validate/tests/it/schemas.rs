//! The committed schemas themselves: well-formed draft 2020-12, and diagnostics conform.

use newswire_model::{Code, Diagnostic};
use serde_json::Value;

const SCHEMAS: [(&str, &str); 3] = [
    (
        "record",
        include_str!("../../../../schemas/record.schema.json"),
    ),
    (
        "channel",
        include_str!("../../../../schemas/channel.schema.json"),
    ),
    (
        "diagnostics",
        include_str!("../../../../schemas/diagnostics.schema.json"),
    ),
];

#[test]
fn committed_schemas_are_valid_draft_2020_12() {
    for (name, text) in SCHEMAS {
        let schema: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{name}: {e}");
        }
    }
}

/// Diagnostics as `--format json` writes them, one per line, conform to the diagnostics
/// schema; a diagnostic with a made-up field does not.
#[test]
fn diagnostics_conform() {
    let schema: Value = serde_json::from_str(SCHEMAS[2].1).unwrap();
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let full = Diagnostic::warning(
        Code::CreditWithoutImage,
        "the picture credit names no image URL",
    )
    .in_file("a.txt")
    .at(12, 1, 24)
    .at_pointer("/image/credit")
    .with_hint("add `image.url`");
    for (diagnostic, valid) in [
        (serde_json::to_value(&full).unwrap(), true),
        (
            serde_json::to_value(Diagnostic::note(Code::DroppedResidue, "x")).unwrap(),
            true,
        ),
        (
            serde_json::json!({ "code": "NW9999", "severity": "error", "message": "x" }),
            false,
        ),
        (
            serde_json::json!({ "code": "NW0001", "severity": "fatal", "message": "x" }),
            false,
        ),
        (
            serde_json::json!({ "code": "NW0001", "severity": "error", "message": "x", "line": 3 }),
            false,
        ),
    ] {
        assert_eq!(validator.is_valid(&diagnostic), valid, "{diagnostic}");
    }
    for code in Code::ALL {
        let d = serde_json::to_value(Diagnostic::error(*code, "x")).unwrap();
        assert!(validator.is_valid(&d), "{code}");
    }
}
