//! Whether the schema layer may check a typed record's JSON form without its body.
//!
//! A typed body is a list of [`Block`](newswire_model::Block)s, and serde writes each as
//! `{"type": "paragraph" | "heading", "text": "..."}`. When the committed schema says of
//! `body` only that it is an array of such objects, with any string as `text` (checked once,
//! against the schema text, by [`body_is_form_only`]), no typed body can fail it and no
//! keyword elsewhere looks into it: the schema finds exactly the same in the record's JSON
//! form with `"body": []`, which is much cheaper to check than the whole text. `view` reads a
//! typed record as that form.

use serde_json::{Value, json};

/// Whether the record `schema` accepts every body a typed record can have and reads nothing
/// else from it: the root has no keyword that could look into `body`, `body` is an array of
/// `Block`s and nothing more, and `Block` is exactly the two tagged forms with any string as
/// text. Descriptions do not count; any other difference, however harmless, means no.
pub(crate) fn body_is_form_only(schema: &Value) -> bool {
    const ROOT_KEYWORDS: &[&str] = &[
        "$id",
        "$schema",
        "title",
        "description",
        "type",
        "properties",
        "additionalProperties",
        "required",
        "$defs",
    ];
    let Some(root) = schema.as_object() else {
        return false;
    };
    let block = |tag: &str| {
        json!({
            "type": "object",
            "properties": {
                "text": { "type": "string" },
                "type": { "type": "string", "const": tag }
            },
            "additionalProperties": false,
            "required": ["type", "text"]
        })
    };
    root.keys().all(|k| ROOT_KEYWORDS.contains(&k.as_str()))
        && root.get("type") == Some(&json!("object"))
        && schema.pointer("/properties/body").map(without_descriptions)
            == Some(json!({ "type": "array", "items": { "$ref": "#/$defs/Block" } }))
        && schema.pointer("/$defs/Block").map(without_descriptions)
            == Some(json!({ "oneOf": [block("paragraph"), block("heading")] }))
}

/// `schema` without its `description` annotations (string values of a `description` key).
fn without_descriptions(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, v)| !(k.as_str() == "description" && v.is_string()))
                .map(|(k, v)| (k.clone(), without_descriptions(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_descriptions).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD_SCHEMA: &str = include_str!("../../../schemas/record.schema.json");

    fn committed() -> Value {
        serde_json::from_str(RECORD_SCHEMA).unwrap()
    }

    #[track_caller]
    fn check_schema(edit: fn(&mut Value), form_only: bool) {
        let mut schema = committed();
        edit(&mut schema);
        assert_eq!(body_is_form_only(&schema), form_only, "{schema:#}");
    }

    #[test]
    fn only_the_exact_body_form_lets_the_body_go() {
        type Edit = fn(&mut Value);
        let cases: [(Edit, bool); 12] = [
            (|_| {}, true),
            (
                |s| s["$defs"]["Block"]["description"] = json!("other words"),
                true,
            ),
            (|s| s["properties"]["body"]["minItems"] = json!(1), false),
            (|s| s["properties"]["body"]["maxItems"] = json!(500), false),
            (
                |s| s["$defs"]["Block"]["oneOf"][0]["properties"]["text"]["minLength"] = json!(1),
                false,
            ),
            (
                |s| {
                    s["$defs"]["Block"]["oneOf"][1]["properties"]["text"]["pattern"] = json!("^\\S")
                },
                false,
            ),
            (
                |s| s["$defs"]["Block"]["oneOf"][1]["properties"]["text"]["description"] = json!(3),
                false,
            ),
            (
                |s| {
                    let branches = s["$defs"]["Block"]["oneOf"].as_array_mut().unwrap();
                    branches.pop();
                },
                false,
            ),
            (
                |s| s["properties"]["body"]["items"] = json!({ "$ref": "#/$defs/Person" }),
                false,
            ),
            (
                |s| s["dependentSchemas"] = json!({ "body": { "required": ["genre"] } }),
                false,
            ),
            (
                |s| s["if"] = json!({ "properties": { "body": { "minItems": 2 } } }),
                false,
            ),
            (|s| s["type"] = json!("array"), false),
        ];
        for (edit, form_only) in cases {
            check_schema(edit, form_only);
        }
    }
}
