//! IPTC ninjs 3.1: structure, validity against IPTC's own schema with formats checked, canonical
//! bytes, and the sample outputs.

use std::path::PathBuf;

use newswire_export::{RenderedBody, body_html, ninjs, ninjs_bytes, to_json_bytes};
use newswire_model::{Credit, Image, Organization, Person, Record, Slug};
use serde_json::{Value, json};

use crate::fixtures::{ferry, forbidden_char, lighthouse, records, tides, url};

/// IPTC's ninjs 3.1 schema and the GeoJSON schema it refers to, in the conformance bundle.
const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/data/ninjs/ninjs-schema_3.1.json"
);
const GEOJSON: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/data/geojson/GeoJSON.json"
);
/// The URI the ninjs schema uses for the GeoJSON schema.
const GEOJSON_URI: &str = "https://geojson.org/schema/GeoJSON.json";

const ROLE: &str = "http://cv.iptc.org/newscodes/contentprodpartyrole/";

/// Checks `value` at each JSON pointer: `Some(v)` must be there and equal, `None` absent.
#[track_caller]
fn check(value: &Value, expect: &[(&str, Option<Value>)]) {
    for (pointer, want) in expect {
        assert_eq!(value.pointer(pointer), want.as_ref(), "at {pointer}");
    }
}

#[test]
fn article_documents() {
    let page = "https://ledger.example/articles/night-ferry-returns";
    let plain = "The ferry left at 22:00 sharp; a sign read </script> and ]]> in chalk.\n\n\
                 What changes?\n\n\
                 Fares stay at £4 for adults & “children go free”, the board's clerk said <!-- twice -->.\n\n\
                 Crew members 🚢 cheered. 'It's good to be back,' said one.";
    check(
        &ninjs(&ferry()),
        &[
            ("/uri", Some(json!(page))),
            (
                "/standard",
                Some(json!({"name": "ninjs", "version": "3.1",
                            "schema": "https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"})),
            ),
            ("/type", Some(json!("text"))),
            ("/representationType", Some(json!("full"))),
            ("/pubStatus", Some(json!("usable"))),
            ("/firstCreated", Some(json!("2026-11-03T09:30:00-05:00"))),
            ("/versionCreated", Some(json!("2026-11-03T14:05:00-05:00"))),
            ("/contentCreated", None),
            ("/language", Some(json!("en"))),
            (
                "/headlines",
                Some(json!([{"role": "main", "contentType": "text/plain",
                             "value": "Night ferry “Saltmere Star” returns & sails at 22:00 🚢"}])),
            ),
            (
                "/descriptions",
                Some(json!([{"role": "summary", "contentType": "text/plain",
                             "value": "The ferry's <b>first</b> crossing since March ]]> drew 40 people & a \"brass\" band."}])),
            ),
            (
                "/bodies",
                Some(json!([
                    {"role": "main", "contentType": "text/html",
                     "value": body_html(&ferry()), "wordCount": 44},
                    {"role": "main", "contentType": "text/plain", "value": plain,
                     "wordCount": 44, "charCount": plain.chars().count()},
                ])),
            ),
            ("/by", Some(json!("Ana Lima and Tomás Ferreira"))),
            (
                "/infoSources",
                Some(json!([
                    {"name": "Ana Lima", "role": format!("{ROLE}author"),
                     "uri": "https://ledger.example/people/ana-lima"},
                    {"name": "Tomás Ferreira", "role": format!("{ROLE}author")},
                    {"name": "Ida Marsh", "role": format!("{ROLE}correspondent")},
                    {"name": "Colm Reddy", "role": format!("{ROLE}editor")},
                    {"name": "Saltmere Harbour Board", "role": format!("{ROLE}contentSource"),
                     "uri": "https://harbourboard.example/"},
                    {"name": "Westhaven Weather Service", "role": format!("{ROLE}contentSource")},
                ])),
            ),
            // The same credits, with the party role as the content's relationship to each.
            (
                "/people",
                Some(json!([
                    {"name": "Ana Lima", "rel": format!("{ROLE}author"),
                     "uri": "https://ledger.example/people/ana-lima"},
                    {"name": "Tomás Ferreira", "rel": format!("{ROLE}author")},
                    {"name": "Ida Marsh", "rel": format!("{ROLE}correspondent")},
                    {"name": "Colm Reddy", "rel": format!("{ROLE}editor")},
                ])),
            ),
            (
                "/organisations",
                Some(json!([
                    {"name": "Saltmere Harbour Board", "rel": format!("{ROLE}contentSource"),
                     "uri": "https://harbourboard.example/"},
                    {"name": "Westhaven Weather Service", "rel": format!("{ROLE}contentSource")},
                ])),
            ),
            ("/located", Some(json!("SALTMERE, Westhaven"))),
            (
                "/genres",
                Some(
                    json!([{"uri": "http://cv.iptc.org/newscodes/genre/Analysis",
                             "name": "Analysis"}]),
                ),
            ),
            (
                "/subjects",
                Some(json!([{"name": "ferries"}, {"name": "Saltmere"}, {"name": "night & day"}])),
            ),
            ("/copyrightHolder", Some(json!("Harbour Town Ledger"))),
            (
                "/renditions",
                Some(json!([{"name": "web", "href": page, "contentType": "text/html"}])),
            ),
            (
                "/associations",
                Some(json!([{
                    "name": "mainpic",
                    "uri": "https://ledger.example/img/night-ferry.jpg",
                    "type": "picture",
                    "renditions": [{"name": "main",
                                    "href": "https://ledger.example/img/night-ferry.jpg"}],
                    "descriptions": [
                        {"role": "caption", "contentType": "text/plain",
                         "value": "The Saltmere Star leaves port <!-- not a comment --> at 22:00"},
                        {"role": "alt", "contentType": "text/plain",
                         "value": "The ferry's lights on black water"},
                    ],
                    "by": "Ana Lima / Northlight",
                    "infoSources": [
                        {"name": "Ana Lima", "role": format!("{ROLE}author")},
                        {"name": "Northlight", "role": format!("{ROLE}imgSupplier")},
                    ],
                }])),
            ),
        ],
    );
    check(
        &ninjs(&tides()),
        &[
            ("/uri", Some(json!("tag:ledger.example,2026:tide-tables"))),
            ("/firstCreated", Some(json!("2026-10-30T18:45:10+05:30"))),
            ("/versionCreated", Some(json!("2026-10-30T18:45:10+05:30"))),
            ("/language", Some(json!("fr"))),
            ("/by", Some(json!("Élise Carron"))),
            (
                "/infoSources",
                Some(json!([{"name": "Élise Carron", "role": format!("{ROLE}author")}])),
            ),
            ("/located", None),
            (
                "/genres",
                Some(json!([{"uri": "http://cv.iptc.org/newscodes/genre/Feature",
                             "name": "Feature"}])),
            ),
            ("/subjects", None),
            ("/copyrightHolder", Some(json!("Harbour Town Ledger"))),
            (
                "/renditions/0/href",
                Some(json!("https://ledger.example/articles/tide-tables")),
            ),
            // A credit without a picture URL is still carried, under the item's own URI.
            (
                "/associations",
                Some(json!([{"name": "mainpic",
                             "uri": "tag:ledger.example,2026:tide-tables#mainpic",
                             "type": "picture", "by": "Photo: Port-Lune Archive"}])),
            ),
            ("/bodies/1/wordCount", Some(json!(7))),
        ],
    );
    check(
        &ninjs(&lighthouse()),
        &[
            (
                "/uri",
                Some(json!("https://ledger.example/old/lighthouse-keeper")),
            ),
            ("/by", None),
            ("/infoSources", None),
            ("/people", None),
            ("/organisations", None),
            ("/copyrightHolder", None),
            ("/genres", None),
            ("/located", None),
            ("/subjects", Some(json!([{"name": "lighthouses"}]))),
            (
                "/renditions/0/href",
                Some(json!("https://ledger.example/articles/lighthouse-keeper")),
            ),
            (
                "/associations",
                Some(json!([{"name": "mainpic",
                             "uri": "https://ledger.example/img/light.jpg",
                             "type": "picture",
                             "renditions": [{"name": "main",
                                             "href": "https://ledger.example/img/light.jpg"}]}])),
            ),
        ],
    );
}

/// Records that reach the corners of the mapping.
fn variants() -> Vec<(&'static str, Record)> {
    let mut not_an_iri = lighthouse();
    not_an_iri.id = "lighthouse keeper".into();
    let mut non_ascii = tides();
    non_ascii.id = "tag:marées.example,2026:tide-tables".into();
    let mut bare = lighthouse();
    bare.modified = None;
    bare.image = None;
    bare.keywords = vec![];
    bare.section = None;
    bare.body = vec![];
    bare.word_count = 0;
    let mut hostile = ferry();
    hostile.headline = "</script><!-- \u{0}\u{FFFE} \u{2028} ]]> \"q\" 'a' & é".into();
    hostile.keywords = vec![" ".into(), "dup".into(), "dup".into(), "<x>".into()];
    hostile.authors.push(Person {
        name: "Nadia \u{1}Okafor".into(),
        role: None,
        url: Some(url("https://ledger.example/people/nadia-okafor?x=1&y=2")),
    });
    hostile.sources.push(Organization::named("Quay & Co <Ltd>"));
    hostile.image = Some(Image {
        url: Some(url("https://ledger.example/img/a b.jpg")),
        alt: Some("\u{7}".into()),
        caption: None,
        credit: Some(Credit {
            text: "Photo: </script>".into(),
            creator: None,
            provider: Some("Northlight".into()),
        }),
    });
    hostile.slug = Slug::new("hostile").expect("valid slug");
    vec![
        ("ferry", ferry()),
        ("tides", tides()),
        ("lighthouse", lighthouse()),
        ("not an IRI", not_an_iri),
        ("non-ASCII tag", non_ascii),
        ("bare", bare),
        ("hostile", hostile),
    ]
}

#[test]
fn corner_cases() {
    let variants = variants();
    let doc = |name: &str| {
        let (_, record) = variants
            .iter()
            .find(|(n, _)| *n == name)
            .expect("a variant of that name");
        ninjs(record)
    };
    check(
        &doc("not an IRI"),
        &[(
            "/uri",
            Some(json!("https://ledger.example/articles/lighthouse-keeper")),
        )],
    );
    check(
        &doc("non-ASCII tag"),
        &[
            (
                "/uri",
                Some(json!("tag:mar%C3%A9es.example,2026:tide-tables")),
            ),
            (
                "/associations/0/uri",
                Some(json!("tag:mar%C3%A9es.example,2026:tide-tables#mainpic")),
            ),
        ],
    );
    check(
        &doc("bare"),
        &[
            ("/versionCreated", Some(json!("2026-09-14T00:00:00+00:00"))),
            (
                "/bodies",
                Some(json!([
                    {"role": "main", "contentType": "text/html", "value": "", "wordCount": 0},
                    {"role": "main", "contentType": "text/plain", "value": "",
                     "wordCount": 0, "charCount": 0},
                ])),
            ),
            ("/subjects", None),
            ("/associations", None),
        ],
    );
    check(
        &doc("hostile"),
        &[
            (
                "/headlines/0/value",
                Some(json!("</script><!--  \u{2028} ]]> \"q\" 'a' & é")),
            ),
            (
                "/by",
                Some(json!("Ana Lima, Tomás Ferreira and Nadia Okafor")),
            ),
            (
                "/infoSources/2/uri",
                Some(json!("https://ledger.example/people/nadia-okafor?x=1&y=2")),
            ),
            (
                "/infoSources/7",
                Some(json!({"name": "Quay & Co <Ltd>", "role": format!("{ROLE}contentSource")})),
            ),
            // Blank keywords are left out and repeated ones written once; so is alternative
            // text with nothing to show.
            ("/subjects", Some(json!([{"name": "dup"}, {"name": "<x>"}]))),
            (
                "/associations/0",
                Some(json!({
                    "name": "mainpic",
                    "uri": "https://ledger.example/img/a%20b.jpg",
                    "type": "picture",
                    "renditions": [{"name": "main", "href": "https://ledger.example/img/a%20b.jpg"}],
                    "by": "Photo: </script>",
                    "infoSources": [{"name": "Northlight", "role": format!("{ROLE}imgSupplier")}],
                })),
            ),
        ],
    );
}

/// A validator for IPTC's ninjs 3.1 schema with format assertions on and the GeoJSON schema
/// it refers to registered, or `None` when the conformance bundle is not beside the project.
fn iptc_validator() -> Option<jsonschema::Validator> {
    let read = |path: &str| -> Option<Value> {
        let text = std::fs::read_to_string(path).ok()?;
        Some(serde_json::from_str(&text).expect("the bundle's schemas are JSON"))
    };
    let schema = read(SCHEMA)?;
    let geojson = read(GEOJSON)?;
    let registry = jsonschema::Registry::new()
        .add(GEOJSON_URI, geojson)
        .expect("the GeoJSON URI is valid")
        .prepare()
        .expect("the registry builds");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .with_registry(&registry)
        .build(&schema)
        .expect("IPTC's schema compiles");
    Some(validator)
}

#[track_caller]
fn check_valid(validator: &jsonschema::Validator, name: &str, doc: &Value, expect_valid: bool) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert_eq!(
        errors.is_empty(),
        expect_valid,
        "{name}: {errors:#?}\n{doc:#}"
    );
}

#[test]
#[allow(
    clippy::print_stdout,
    reason = "a skipped check says so in the test output"
)]
fn valid_against_iptc_schema() {
    let Some(validator) = iptc_validator() else {
        println!("note: {SCHEMA} is not present; the ninjs schema check is skipped");
        return;
    };
    for (name, record) in variants() {
        let doc = ninjs(&record);
        check_valid(&validator, name, &doc, true);
        // The bytes partners read are as valid as the value.
        let reread: Value = serde_json::from_slice(&to_json_bytes(&doc)).expect("valid JSON");
        check_valid(&validator, name, &reread, true);
    }
    // The validator does check formats and the association shape: broken documents fail.
    let breakages: [(&str, &str, Value); 5] = [
        ("uri not a URI", "/uri", json!("lighthouse keeper")),
        ("non-ASCII uri", "/uri", json!("tag:marées.example,2026:a")),
        (
            "date without offset",
            "/versionCreated",
            json!("2026-11-03T09:30:00"),
        ),
        ("unknown property", "/keywords", json!(["ferries"])),
        (
            "association without uri",
            "/associations",
            json!([{"name": "mainpic"}]),
        ),
    ];
    for (name, pointer, value) in breakages {
        let mut doc = ninjs(&ferry());
        let key = pointer.trim_start_matches('/');
        doc[key] = value;
        check_valid(&validator, name, &doc, false);
    }
}

#[test]
fn json_bytes_are_canonical() {
    for (name, record) in variants() {
        let value = ninjs(&record);
        let bytes = to_json_bytes(&value);
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        assert!(text.starts_with("{\n  \""), "{name}: {text}");
        assert!(text.ends_with("}\n"), "{name}");
        assert_eq!(forbidden_char(&text), None, "{name}");
        let reread: Value = serde_json::from_slice(&bytes).expect("valid JSON");
        assert_eq!(reread, value, "{name}: round trip");
        assert_eq!(
            to_json_bytes(&reread),
            bytes,
            "{name}: same value, same bytes"
        );
        assert_eq!(ninjs(&record), value, "{name}: deterministic");
        assert_eq!(
            String::from_utf8_lossy(&ninjs_bytes(&record, &RenderedBody::of(&record))),
            text,
            "{name}: the bytes a build writes are the value's"
        );
    }
}

/// Writes each fixture's ninjs document to `target/tmp/newswire-export-sample/articles/` (for
/// the conformance check, `../shared/conformance/check`), twice, and checks both runs match.
#[test]
fn sample_outputs_are_deterministic() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("newswire-export-sample")
        .join("articles");
    let write = || -> Vec<(PathBuf, Vec<u8>)> {
        records()
            .iter()
            .map(|r| {
                let path = dir.join(format!("{}.ninjs.json", r.slug.as_str()));
                (path, to_json_bytes(&ninjs(r)))
            })
            .collect()
    };
    std::fs::create_dir_all(&dir).expect("create the sample folder");
    for (path, bytes) in write() {
        std::fs::write(&path, bytes).expect("write a sample output");
    }
    for (path, bytes) in write() {
        let on_disk = std::fs::read(&path).expect("read a sample output back");
        assert_eq!(on_disk, bytes, "{} differs between runs", path.display());
    }
}
