//! JSON output bytes shared by the JSON formats: pretty, keys sorted, strings filtered.
//!
//! The per-article documents (JSON-LD, ninjs) are built as a [`Json`] tree that borrows its
//! text from the record, and written straight to bytes; the channel documents are
//! `serde_json` values, written by [`to_json_bytes`]. Both writers lay the bytes out the same
//! way: two-space indent, keys sorted, a final line feed, and the characters XML 1.0 forbids
//! left out of every string, so the same value always gives the same bytes and the bytes can
//! be embedded in any document. `@`-keywords sort before letters, so `@context`, `@id` and
//! `@type` open every JSON-LD node.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::Value;

use newswire_model::first_forbidden_in_xml;

use crate::text::{clean, is_forbidden_control, is_noncharacter_at, rewrite_runs};

/// `value` as pretty-printed JSON (two-space indent) with a final line feed.
///
/// Object keys are sorted and characters XML 1.0 forbids are left out of every string, so the
/// same value always gives the same bytes and the bytes can be embedded in any document.
pub fn to_json_bytes(value: &Value) -> Vec<u8> {
    to_json_text(value).into_bytes()
}

/// [`to_json_bytes`] as text.
pub(crate) fn to_json_text(value: &Value) -> String {
    let mut out = String::with_capacity(1024);
    write_value(&mut out, value, 0);
    out.push('\n');
    out
}

/// Removes the characters XML 1.0 forbids from every string and key in `value`.
pub(crate) fn clean_value(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let Cow::Owned(cleaned) = clean(s) {
                *s = cleaned;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_value),
        Value::Object(map) => {
            let dirty: Vec<String> = map
                .keys()
                .filter(|k| first_forbidden_in_xml(k).is_some())
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

/// A JSON document under construction: what the per-article formats build, borrowing the
/// record's text rather than copying it, and written once with [`Json::to_text`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'a> {
    /// A string, filtered when written.
    Str(Cow<'a, str>),
    /// A count.
    Uint(u64),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object.
    Object(Object<'a>),
}

/// A JSON object whose entries are kept sorted by key, as they are written.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Object<'a>(Vec<(&'static str, Json<'a>)>);

impl<'a> Object<'a> {
    pub(crate) fn new() -> Object<'a> {
        Object(Vec::with_capacity(8))
    }

    /// Sets `key` to `value`, replacing what it held.
    pub(crate) fn insert(&mut self, key: &'static str, value: impl Into<Json<'a>>) {
        let value = value.into();
        match self.0.binary_search_by(|(k, _)| key_order(k, key)) {
            Ok(at) => self.0[at].1 = value,
            Err(at) => self.0.insert(at, (key, value)),
        }
    }

    /// This object with `key` set to `value`.
    pub(crate) fn with(mut self, key: &'static str, value: impl Into<Json<'a>>) -> Object<'a> {
        self.insert(key, value);
        self
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        let at = self.0.binary_search_by(|(k, _)| key_order(k, key)).ok()?;
        Some(&self.0[at].1)
    }

    /// Removes `key`, returning its value.
    pub(crate) fn remove(&mut self, key: &str) -> Option<Json<'a>> {
        let at = self.0.binary_search_by(|(k, _)| key_order(k, key)).ok()?;
        Some(self.0.remove(at).1)
    }
}

/// The order of keys, which is `str`'s: settled by the first byte where it can be, as it
/// mostly is, without a call to compare the rest.
fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.as_bytes()
        .first()
        .cmp(&b.as_bytes().first())
        .then_with(|| a.cmp(b))
}

impl<'a> From<&'a str> for Json<'a> {
    fn from(s: &'a str) -> Json<'a> {
        Json::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Json<'_> {
    fn from(s: String) -> Self {
        Json::Str(Cow::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Json<'a> {
    fn from(s: Cow<'a, str>) -> Json<'a> {
        Json::Str(s)
    }
}

impl From<u64> for Json<'_> {
    fn from(n: u64) -> Self {
        Json::Uint(n)
    }
}

impl From<u32> for Json<'_> {
    fn from(n: u32) -> Self {
        Json::Uint(u64::from(n))
    }
}

impl<'a> From<Object<'a>> for Json<'a> {
    fn from(o: Object<'a>) -> Json<'a> {
        Json::Object(o)
    }
}

impl<'a> From<Vec<Json<'a>>> for Json<'a> {
    fn from(items: Vec<Json<'a>>) -> Json<'a> {
        Json::Array(items)
    }
}

impl Json<'_> {
    /// The document, laid out as [`to_json_bytes`] lays out the same value.
    pub(crate) fn to_text(&self) -> String {
        // Sized once from the tree, so the text is never moved to a larger buffer.
        let mut out = String::with_capacity(self.size_hint(0) + 1);
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    /// The document as a `serde_json` value, every string filtered.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Json::Str(s) => Value::String(clean(s).into_owned()),
            Json::Uint(n) => Value::from(*n),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(object) => Value::Object(
                object
                    .0
                    .iter()
                    .map(|(k, v)| (clean(k).into_owned(), v.to_value()))
                    .collect(),
            ),
        }
    }

    /// About how many bytes [`Json::write`] writes at nesting depth `indent`: exact but for
    /// the escapes in strings, allowed for at one byte in sixteen.
    fn size_hint(&self, indent: usize) -> usize {
        // A line break, the indent and, after all but the last item, a comma.
        let line = 2 * (indent + 1) + 2;
        match self {
            Json::Str(s) => s.len() + s.len() / 16 + 2,
            Json::Uint(_) => 20,
            Json::Array(items) => {
                let inner: usize = items.iter().map(|item| item.size_hint(indent + 1)).sum();
                inner + items.len() * line + 2 * indent + 3
            }
            Json::Object(object) => {
                let inner: usize = object
                    .0
                    .iter()
                    .map(|(key, value)| key.len() + 4 + value.size_hint(indent + 1))
                    .sum();
                inner + object.0.len() * line + 2 * indent + 3
            }
        }
    }

    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Json::Str(s) => write_str(out, s),
            // Writing to a `String` cannot fail.
            Json::Uint(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Array(items) => write_seq(out, indent, '[', items, |out, item, indent| {
                item.write(out, indent);
            }),
            Json::Object(object) => {
                write_seq(out, indent, '{', &object.0, |out, (key, value), indent| {
                    write_key(out, key);
                    value.write(out, indent);
                });
            }
        }
    }
}

/// Writes one of the formats' own keys and the `: ` after it. Keys are names the exporters
/// spell out, none of which needs escaping or filtering, so they are copied as they are.
fn write_key(out: &mut String, key: &'static str) {
    debug_assert!(
        key.bytes()
            .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'),
        "{key:?} is written unescaped"
    );
    out.reserve(key.len() + 4);
    out.push('"');
    out.push_str(key);
    out.push_str("\": ");
}

/// Writes `value` at nesting depth `indent`, its object keys sorted.
fn write_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_str(out, s),
        Value::Array(items) => write_seq(out, indent, '[', items, |out, item, indent| {
            write_value(out, item, indent);
        }),
        Value::Object(map) => {
            // `serde_json`'s map keeps its keys sorted unless its `preserve_order` feature is
            // on; sort only when they are not.
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
                entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            }
            write_seq(out, indent, '{', &entries, |out, (key, value), indent| {
                write_str(out, key);
                out.push_str(": ");
                write_value(out, value, indent);
            });
        }
    }
}

/// Writes an array (`open` is `[`) or object (`{`) of `items`, one per line, indented by two
/// spaces per level; an empty one on one line.
fn write_seq<T>(
    out: &mut String,
    indent: usize,
    open: char,
    items: &[T],
    mut write_item: impl FnMut(&mut String, &T, usize),
) {
    let close = if open == '[' { ']' } else { '}' };
    out.push(open);
    if items.is_empty() {
        out.push(close);
        return;
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_line_break(out, indent + 1);
        write_item(out, item, indent + 1);
    }
    push_line_break(out, indent);
    out.push(close);
}

/// A line feed and the indent of nesting depth `depth`, two spaces a level.
fn push_line_break(out: &mut String, depth: usize) {
    const BREAK: &str = "\n                                ";
    let mut spaces = 2 * depth;
    let first = spaces.min(BREAK.len() - 1);
    out.push_str(&BREAK[..1 + first]);
    spaces -= first;
    while spaces > 0 {
        let piece = spaces.min(BREAK.len() - 1);
        out.push_str(&BREAK[1..1 + piece]);
        spaces -= piece;
    }
}

/// Writes `s` as a JSON string: `"` and `\` escaped, tab, line feed and carriage return as
/// `\t`, `\n` and `\r`, the characters XML 1.0 forbids left out, everything else as it is.
/// Runs of text that need nothing are copied whole.
fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let special = |b: u8| (b == b'"') | (b == b'\\') | (b < 0x20) | (b == 0xEF);
    let rewrite = |bytes: &[u8], at: usize| match bytes[at] {
        b'"' => Some(("\\\"", 1)),
        b'\\' => Some(("\\\\", 1)),
        b'\t' => Some(("\\t", 1)),
        b'\n' => Some(("\\n", 1)),
        b'\r' => Some(("\\r", 1)),
        b if is_forbidden_control(b) => Some(("", 1)),
        // U+FFFE and U+FFFF are left out; other characters led by 0xEF are kept.
        _ if is_noncharacter_at(bytes, at) => Some(("", 3)),
        _ => None,
    };
    rewrite_runs(s, special, rewrite, |piece| out.push_str(piece));
    out.push('"');
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
        // Once filtered, the layout is `serde_json`'s own pretty printing.
        let mut pretty = serde_json::to_vec_pretty(&cleaned).expect("a value is JSON");
        pretty.push(b'\n');
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            String::from_utf8_lossy(&pretty)
        );
    }

    #[track_caller]
    fn check_tree(tree: Json<'_>, expect: &str) {
        assert_eq!(tree.to_text(), expect);
        assert!(
            tree.size_hint(0) + 1 >= expect.len(),
            "the size hint {} is below the {} bytes written",
            tree.size_hint(0) + 1,
            expect.len()
        );
        assert_eq!(
            String::from_utf8_lossy(&to_json_bytes(&tree.to_value())),
            expect,
            "the tree's value has the same bytes"
        );
    }

    #[test]
    fn trees_write_as_their_values() {
        let nested = Object::new()
            .with("z", Json::from(vec![]))
            .with("a", Object::new())
            .with(
                "m",
                vec![Json::from(7_u32), Json::from("x\u{0}\u{FFFF}y\"\n")],
            );
        for (tree, expect) in [
            (Json::from(Object::new()), "{}\n"),
            (Json::from(vec![]), "[]\n"),
            (Json::from("\u{1}"), "\"\"\n"),
            (
                Json::from(nested),
                "{\n  \"a\": {},\n  \"m\": [\n    7,\n    \"xy\\\"\\n\"\n  ],\n  \"z\": []\n}\n",
            ),
            (
                Json::from(Object::new().with("k", "old").with("k", "new")),
                "{\n  \"k\": \"new\"\n}\n",
            ),
        ] {
            check_tree(tree, expect);
        }
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
            (
                json!({"t": "tab\there\r\nquote\" back\\ \u{8}\u{C}\u{7F}\u{FFFE}\u{FFFF}\u{FFFD}"}),
                "{\n  \"t\": \"tab\\there\\r\\nquote\\\" back\\\\ \u{7F}\u{FFFD}\"\n}\n",
            ),
        ] {
            check(value, expect);
        }
    }

    #[test]
    fn deep_nesting_is_indented_like_serde_json() {
        // Deeper than the indent the writer keeps at hand (16 levels).
        let mut value = json!("leaf");
        for depth in 0..40 {
            value = if depth % 2 == 0 {
                json!([value])
            } else {
                json!({ "k": value })
            };
        }
        let mut pretty = serde_json::to_vec_pretty(&value).expect("a value is JSON");
        pretty.push(b'\n');
        check(value, &String::from_utf8_lossy(&pretty));
    }
}
