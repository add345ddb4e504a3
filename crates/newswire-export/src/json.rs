//! JSON output bytes shared by the JSON formats: pretty, keys sorted, strings filtered.
//!
//! Keys are sorted at write time, whatever map type `serde_json` was built with, so the bytes
//! depend only on the value. `@`-keywords sort before letters, so `@context`, `@id` and
//! `@type` open every JSON-LD node.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

use crate::text::clean;

/// `value` as pretty-printed JSON (two-space indent) with a final line feed.
///
/// Object keys are sorted and characters XML 1.0 forbids are left out of every string, so the
/// same value always gives the same bytes and the bytes can be embedded in any document.
pub fn to_json_bytes(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    // Serialising a `Value` into memory cannot fail: its keys are strings and its numbers
    // finite.
    let _ = serde_json::to_writer_pretty(&mut out, &Canonical(value));
    out.push(b'\n');
    out
}

/// Removes the characters XML 1.0 forbids from every string and key in `value`.
pub(crate) fn clean_value(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(cleaned) = clean(s) {
                *s = cleaned;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_value),
        Value::Object(map) => {
            let dirty: Vec<String> = map
                .keys()
                .filter(|k| matches!(clean(k), std::borrow::Cow::Owned(_)))
                .cloned()
                .collect();
            for key in dirty {
                if let Some(v) = map.remove(&key) {
                    map.insert(clean(&key).into_owned(), v);
                }
            }
            map.values_mut().for_each(clean_value);
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A `Value` that serialises with sorted keys and filtered strings.
struct Canonical<'a>(&'a Value);

impl Serialize for Canonical<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::String(s) => serializer.serialize_str(&clean(s)),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Canonical(item))?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                let mut out = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    out.serialize_entry(clean(key).as_ref(), &Canonical(value))?;
                }
                out.end()
            }
            other => other.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[track_caller]
    fn check(value: Value, expect: &str) {
        let bytes = to_json_bytes(&value);
        assert_eq!(String::from_utf8_lossy(&bytes), expect);
        let mut cleaned = value;
        clean_value(&mut cleaned);
        let reread: Value = serde_json::from_slice(&bytes).expect("output is JSON");
        assert_eq!(reread, cleaned, "the bytes hold the cleaned value");
    }

    #[test]
    fn canonical_bytes() {
        for (value, expect) in [
            (json!({}), "{}\n"),
            (json!([]), "[]\n"),
            (
                json!({"b": 1, "@type": "T", "a": [true, null, 2.5], "@context": "c"}),
                "{\n  \"@context\": \"c\",\n  \"@type\": \"T\",\n  \"a\": [\n    true,\n    null,\n    2.5\n  ],\n  \"b\": 1\n}\n",
            ),
            (
                json!({"k\u{0}": "nul\u{0}\u{1}x", "s": "</script> & 🚢"}),
                "{\n  \"k\": \"nulx\",\n  \"s\": \"</script> & 🚢\"\n}\n",
            ),
        ] {
            check(value, expect);
        }
    }
}
