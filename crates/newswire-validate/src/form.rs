//! The JSON form of a typed record that the schema layer checks, made without its body when
//! the record schema cannot reject any body a typed record has.
//!
//! A typed body is a list of [`Block`](newswire_model::Block)s, and serde writes each as
//! `{"type": "paragraph" | "heading", "text": "..."}`. When the committed schema says of
//! `body` only that it is an array of such objects, with any string as `text` (checked once,
//! against the schema text, by [`body_is_form_only`]), no typed body can fail it and no
//! keyword elsewhere looks into it: the schema finds exactly the same in the record's JSON
//! form with `"body": []`, which is much cheaper to build and to check than the whole text.

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct, Serializer};
use serde_json::{Map, Value, json};

use newswire_model::Record;

/// The record's JSON form as `serde_json::to_value` makes it, with `"body": []`.
pub(crate) fn without_body(record: &Record) -> Result<Value, serde_json::Error> {
    record.serialize(WithoutBody)
}

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

/// A serializer for a record: serde_json's value serializer for every field but `body`.
struct WithoutBody;

/// The fields of the record so far.
struct Fields(Map<String, Value>);

impl SerializeStruct for Fields {
    type Ok = Value;
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        let value = if key == "body" {
            Value::Array(Vec::new())
        } else {
            serde_json::to_value(value)?
        };
        self.0.insert(key.to_owned(), value);
        Ok(())
    }

    fn end(self) -> Result<Value, serde_json::Error> {
        Ok(Value::Object(self.0))
    }
}

fn not_a_struct() -> serde_json::Error {
    ser::Error::custom("a record is written as a JSON object")
}

/// The serializer methods for what a record is not: each fails.
macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<$ok, serde_json::Error> {
                Err(not_a_struct())
            }
        )*
    };
}

type Never = Impossible<Value, serde_json::Error>;

impl Serializer for WithoutBody {
    type Ok = Value;
    type Error = serde_json::Error;
    type SerializeSeq = Never;
    type SerializeTuple = Never;
    type SerializeTupleStruct = Never;
    type SerializeTupleVariant = Never;
    type SerializeMap = Never;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Never;

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Fields, Self::Error> {
        Ok(Fields(Map::new()))
    }

    not_a_struct! {
        serialize_bool(bool) -> Value;
        serialize_i8(i8) -> Value;
        serialize_i16(i16) -> Value;
        serialize_i32(i32) -> Value;
        serialize_i64(i64) -> Value;
        serialize_u8(u8) -> Value;
        serialize_u16(u16) -> Value;
        serialize_u32(u32) -> Value;
        serialize_u64(u64) -> Value;
        serialize_f32(f32) -> Value;
        serialize_f64(f64) -> Value;
        serialize_char(char) -> Value;
        serialize_str(&str) -> Value;
        serialize_bytes(&[u8]) -> Value;
        serialize_none() -> Value;
        serialize_unit() -> Value;
        serialize_unit_struct(&'static str) -> Value;
        serialize_unit_variant(&'static str, u32, &'static str) -> Value;
        serialize_seq(Option<usize>) -> Never;
        serialize_tuple(usize) -> Never;
        serialize_tuple_struct(&'static str, usize) -> Never;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Never;
        serialize_map(Option<usize>) -> Never;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Never;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<Value, Self::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<Value, Self::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Value, Self::Error> {
        Err(not_a_struct())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD_SCHEMA: &str = include_str!("../../../schemas/record.schema.json");

    fn committed() -> Value {
        serde_json::from_str(RECORD_SCHEMA).unwrap()
    }

    /// A record with every field: each optional one there, each list with an entry.
    fn full_record() -> Record {
        serde_json::from_value(json!({
            "id": "tag:ledger.example,2026:tide-gauge",
            "slug": "tide-gauge",
            "url": "https://ledger.example/articles/tide-gauge",
            "headline": "Kelmsby installs a new tide gauge",
            "description": "The harbour board fitted the gauge on Monday.",
            "published": "2026-03-10T08:30:00.250+01:00",
            "modified": "2026-03-10T09:30:00Z",
            "language": "en-GB",
            "authors": [{ "name": "Mara Quell", "role": "Reporter", "url": "https://ledger.example/mara" }],
            "contributors": [{ "name": "Tobin Fairweather" }],
            "editors": [{ "name": "Ilse Marrow" }],
            "publisher": { "name": "Ledger", "url": "https://ledger.example/", "logo": "https://ledger.example/l.png" },
            "dateline": { "text": "KELMSBY, May 3 (HTL)", "place": "KELMSBY", "region": "Northshire", "date": "May 3", "agency": "HTL" },
            "genre": "analysis",
            "sources": [{ "name": "Harbour Board" }, { "name": "Tide Office", "url": "https://tides.example/" }],
            "image": {
                "url": "https://ledger.example/g.jpg",
                "alt": "A gauge",
                "caption": "The gauge.",
                "credit": { "text": "Anja Holt / Northlight", "creator": "Anja Holt", "provider": "Northlight" }
            },
            "keywords": ["tides", "Kelmsby"],
            "section": "Local",
            "body": [
                { "type": "paragraph", "text": "The board fitted the gauge." },
                { "type": "heading", "text": "Why" }
            ],
            "word_count": 6
        }))
        .unwrap()
    }

    #[track_caller]
    fn check_form(record: &Record) {
        let mut expect = serde_json::to_value(record).unwrap();
        expect["body"] = json!([]);
        assert_eq!(without_body(record).unwrap(), expect);
    }

    #[test]
    fn the_form_is_serde_s_without_the_body() {
        let full = full_record();
        let mut bare = full.clone();
        bare.modified = None;
        bare.authors.clear();
        bare.contributors.clear();
        bare.editors.clear();
        bare.publisher = None;
        bare.dateline = None;
        bare.genre = None;
        bare.sources.clear();
        bare.image = None;
        bare.keywords.clear();
        bare.section = None;
        bare.body.clear();
        for record in [full, bare] {
            check_form(&record);
        }
    }

    #[test]
    fn only_a_record_has_the_form() {
        assert!(3.serialize(WithoutBody).is_err());
        assert!("body".serialize(WithoutBody).is_err());
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
