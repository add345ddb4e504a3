//! Every ninjs document the sample channel builds is valid against IPTC's own ninjs 3.1
//! schema, with formats checked, read from the conformance bundle when it is beside the
//! project (CI always has it).

use serde_json::Value;

use crate::support::{build_sample, shared, tree};

/// The URI the ninjs schema uses for the GeoJSON schema it refers to.
const GEOJSON_URI: &str = "https://geojson.org/schema/GeoJSON.json";

#[test]
#[allow(clippy::print_stderr)] // says why the check did not run, where a test log shows it
fn sample_ninjs_documents_are_valid_against_iptc_schema() {
    let Some(shared) = shared() else {
        eprintln!("../shared is not beside the project: the ninjs schema check did not run");
        return;
    };
    let read = |rel: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(shared.join(rel)).unwrap()).unwrap()
    };
    let registry = jsonschema::Registry::new()
        .add(GEOJSON_URI, read("conformance/data/geojson/GeoJSON.json"))
        .unwrap()
        .prepare()
        .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .with_registry(&registry)
        .build(&read("conformance/data/ninjs/ninjs-schema_3.1.json"))
        .unwrap();
    // The validator is strict enough to refuse a broken document.
    assert!(!validator.is_valid(&serde_json::json!({"uri": "not a uri", "type": "text"})));

    let out = tempfile::tempdir().unwrap();
    let (_, dir) = build_sample(out.path());
    let mut checked = 0;
    for (name, bytes) in tree(&dir) {
        if !name.ends_with(".ninjs.json") {
            continue;
        }
        let doc: Value = serde_json::from_slice(&bytes).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} ninjs documents");
}
