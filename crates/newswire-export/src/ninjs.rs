//! IPTC ninjs 3.1 documents.

use newswire_model::Record;

/// One article as an IPTC ninjs 3.1 document.
pub fn ninjs(record: &Record) -> serde_json::Value {
    let _ = record;
    serde_json::Value::Null
}
