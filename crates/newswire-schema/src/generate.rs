//! Building the schema documents from the model's `JsonSchema` implementations.

use newswire_model::{Channel, Diagnostic, Record};
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

/// The URL every schema's `$id` starts with; the file name follows. Version 1 of the format.
pub const ID_BASE: &str = "https://newswire.dev/schemas/v1/";

/// One generated schema file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaFile {
    /// The file name, such as `record.schema.json`; also the last segment of the `$id`.
    pub name: &'static str,
    /// The file's contents: pretty-printed JSON ending in a newline.
    pub contents: String,
}

/// Generates every published schema, in a fixed order: record, channel, diagnostics.
///
/// The output is deterministic: object keys are ordered the same way whatever features
/// `serde_json` is built with.
pub fn generate() -> Vec<SchemaFile> {
    vec![
        schema_file::<Record>("record.schema.json", "newswire record"),
        schema_file::<Channel>("channel.schema.json", "newswire channel"),
        // The JSON-lines diagnostics format is one `Diagnostic` object per line.
        schema_file::<Diagnostic>("diagnostics.schema.json", "newswire diagnostic"),
    ]
}

fn schema_file<T: JsonSchema>(name: &'static str, title: &str) -> SchemaFile {
    let settings = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(no_null_for_omitted_fields))
        .with_transform(RecursiveTransform(bounded_integers))
        .with_transform(RecursiveTransform(unwrapped_descriptions));
    let mut schema = settings.into_generator().into_root_schema_for::<T>();
    schema.insert("$id".into(), format!("{ID_BASE}{name}").into());
    schema.insert("title".into(), title.into());

    // Sort every object so the order never depends on `serde_json/preserve_order`; schemars
    // then writes its well-known keywords (`$id`, `$schema`, `title`, ...) first.
    let mut value = schema.to_value();
    value.sort_all_objects();
    let schema = Schema::try_from(value).unwrap_or_default();
    let mut contents = serde_json::to_string_pretty(&schema).unwrap_or_default();
    contents.push('\n');
    SchemaFile { name, contents }
}

/// Optional fields that the model leaves out when empty (`default` plus
/// `skip_serializing_if`) are optional in the schema, never `null`: records newswire writes
/// contain no `null`, so the published format allows none.
fn no_null_for_omitted_fields(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let required: Vec<String> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return;
    };
    for (name, property) in properties.iter_mut() {
        if required.contains(name) {
            continue;
        }
        if let Value::Object(property) = property {
            strip_null(property);
        }
    }
}

fn strip_null(property: &mut serde_json::Map<String, Value>) {
    let is_null = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");

    if let Some(Value::Array(types)) = property.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            property.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(options)) = property.get_mut("enum") {
        options.retain(|o| !o.is_null());
    }
    if let Some(Value::Array(branches)) = property.get_mut("anyOf") {
        branches.retain(|b| !is_null(b));
        if let [Value::Object(only)] = branches.as_slice() {
            let only = only.clone();
            if only
                .keys()
                .all(|k| !property.contains_key(k) || k == "anyOf")
            {
                property.remove("anyOf");
                property.extend(only);
            }
        }
    }
}

/// schemars marks `u32` fields with the non-standard format `uint32`, which strict validators
/// refuse as an unknown format; say the same thing with `minimum` and `maximum`.
fn bounded_integers(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let bounds: Option<(i64, u64)> = match object.get("format").and_then(Value::as_str) {
        Some("uint8") => Some((0, u8::MAX.into())),
        Some("uint16") => Some((0, u16::MAX.into())),
        Some("uint32") => Some((0, u32::MAX.into())),
        Some("uint64") => Some((0, u64::MAX)),
        _ => None,
    };
    if let Some((min, max)) = bounds {
        object.remove("format");
        object.insert("minimum".into(), min.into());
        object.insert("maximum".into(), max.into());
    }
}

/// Doc comments are wrapped at 100 columns; a description is running text, so join the lines
/// of each paragraph. Fenced code blocks keep their lines.
fn unwrapped_descriptions(schema: &mut Schema) {
    if let Some(Value::String(text)) = schema.get_mut("description") {
        *text = unwrap_paragraphs(text);
    }
}

fn unwrap_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    let mut previous_blank = true;
    for line in text.lines() {
        let fence = line.trim_start().starts_with("```");
        let blank = line.trim().is_empty();
        if !out.is_empty() {
            let join = !in_fence && !fence && !blank && !previous_blank;
            out.push(if join { ' ' } else { '\n' });
        }
        out.push_str(if in_fence { line } else { line.trim_end() });
        if fence {
            in_fence = !in_fence;
        }
        previous_blank = blank || fence;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_unwrap(input: &str, expect: &str) {
        assert_eq!(unwrap_paragraphs(input), expect, "{input:?}");
    }

    #[test]
    fn descriptions_unwrap_paragraphs_only() {
        for (input, expect) in [
            ("one line", "one line"),
            ("wrapped\nline", "wrapped line"),
            ("first\n\nsecond\npara", "first\n\nsecond para"),
            (
                "text\n\n```toml\na = 1\nb = 2\n```",
                "text\n\n```toml\na = 1\nb = 2\n```",
            ),
            (
                "```\ncode\n```\nafter\nwards",
                "```\ncode\n```\nafter wards",
            ),
        ] {
            check_unwrap(input, expect);
        }
    }

    fn schema(name: &str) -> Value {
        let file = generate().into_iter().find(|f| f.name == name);
        let contents = file.map(|f| f.contents).unwrap_or_default();
        serde_json::from_str(&contents).unwrap_or(Value::Null)
    }

    /// `(file, JSON pointer into the schema, expected value)`; `None` means absent.
    #[track_caller]
    fn check(file: &str, pointer: &str, expect: Option<Value>) {
        let schema = schema(file);
        assert_eq!(schema.pointer(pointer).cloned(), expect, "{file}#{pointer}");
    }

    #[test]
    fn schemas_say_what_the_model_says() {
        use serde_json::json;
        let draft = "https://json-schema.org/draft/2020-12/schema";
        for (file, pointer, expect) in [
            ("record.schema.json", "/$schema", Some(json!(draft))),
            (
                "record.schema.json",
                "/$id",
                Some(json!("https://newswire.dev/schemas/v1/record.schema.json")),
            ),
            (
                "record.schema.json",
                "/title",
                Some(json!("newswire record")),
            ),
            (
                "channel.schema.json",
                "/$id",
                Some(json!("https://newswire.dev/schemas/v1/channel.schema.json")),
            ),
            (
                "diagnostics.schema.json",
                "/$id",
                Some(json!(
                    "https://newswire.dev/schemas/v1/diagnostics.schema.json"
                )),
            ),
            ("diagnostics.schema.json", "/$schema", Some(json!(draft))),
            // Descriptions come from doc comments, unwrapped.
            (
                "record.schema.json",
                "/properties/published/description",
                Some(json!(
                    "When the article was first published, with its UTC offset."
                )),
            ),
            (
                "record.schema.json",
                "/properties/id/description",
                Some(json!(
                    "The stable id every format uses as its guid, id or uri: the canonical URL, or an RFC 4151 `tag:` URI when the channel asks for one."
                )),
            ),
            // Formats and patterns.
            (
                "record.schema.json",
                "/properties/published/format",
                Some(json!("date-time")),
            ),
            (
                "record.schema.json",
                "/properties/modified/format",
                Some(json!("date-time")),
            ),
            (
                "record.schema.json",
                "/$defs/AbsoluteUrl/format",
                Some(json!("uri")),
            ),
            (
                "record.schema.json",
                "/$defs/Slug/pattern",
                Some(json!(newswire_model::SLUG_PATTERN)),
            ),
            // Omitted optional fields are optional, never null.
            (
                "record.schema.json",
                "/properties/modified/type",
                Some(json!("string")),
            ),
            (
                "record.schema.json",
                "/properties/image",
                Some(json!({
                    "$ref": "#/$defs/Image",
                    "description": "The article's picture, or at least its credit.",
                })),
            ),
            (
                "record.schema.json",
                "/$defs/Image/properties/url/$ref",
                Some(json!("#/$defs/AbsoluteUrl")),
            ),
            (
                "record.schema.json",
                "/$defs/Image/properties/url/anyOf",
                None,
            ),
            (
                "record.schema.json",
                "/$defs/Credit/properties/creator/type",
                Some(json!("string")),
            ),
            (
                "diagnostics.schema.json",
                "/properties/hint/type",
                Some(json!("string")),
            ),
            // Unknown fields are refused, at every level.
            (
                "record.schema.json",
                "/additionalProperties",
                Some(json!(false)),
            ),
            (
                "record.schema.json",
                "/$defs/Image/additionalProperties",
                Some(json!(false)),
            ),
            (
                "channel.schema.json",
                "/additionalProperties",
                Some(json!(false)),
            ),
            // Optional fields are not required; required ones are.
            (
                "record.schema.json",
                "/required",
                Some(json!([
                    "id",
                    "slug",
                    "url",
                    "headline",
                    "description",
                    "published",
                    "language",
                    "body",
                    "word_count"
                ])),
            ),
            // Integers have bounds, not the non-standard `uint32` format.
            ("record.schema.json", "/properties/word_count/format", None),
            (
                "record.schema.json",
                "/properties/word_count/maximum",
                Some(json!(u32::MAX)),
            ),
            (
                "channel.schema.json",
                "/properties/limit/default",
                Some(json!(50)),
            ),
            // The code list is complete.
            (
                "diagnostics.schema.json",
                "/$defs/Code/oneOf/0/const",
                Some(json!("NW0001")),
            ),
        ] {
            check(file, pointer, expect);
        }
    }

    #[test]
    fn every_code_is_in_the_diagnostics_schema() {
        let schema = schema("diagnostics.schema.json");
        let listed: Vec<&str> = schema
            .pointer("/$defs/Code/oneOf")
            .and_then(Value::as_array)
            .map(|codes| codes.iter().filter_map(|c| c["const"].as_str()).collect())
            .unwrap_or_default();
        let expect: Vec<&str> = newswire_model::Code::ALL
            .iter()
            .map(|c| c.as_str())
            .collect();
        assert_eq!(listed, expect);
    }

    #[test]
    fn no_schema_allows_null() {
        for file in generate() {
            assert!(!file.contents.contains("\"null\""), "{}", file.name);
        }
    }

    #[test]
    fn output_is_deterministic_pretty_json() {
        let first = generate();
        assert_eq!(first, generate());
        let names: Vec<&str> = first.iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            [
                "record.schema.json",
                "channel.schema.json",
                "diagnostics.schema.json"
            ]
        );
        for file in first {
            assert!(file.contents.starts_with("{\n  \"$id\": "), "{}", file.name);
            assert!(file.contents.ends_with("}\n"), "{}", file.name);
            assert!(!file.contents.ends_with("\n\n"), "{}", file.name);
        }
    }
}
