//! The schema layer: JSON documents checked against the committed JSON Schemas.

use std::fmt;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::json::{Json, SerdeJson};
use jsonschema::{ValidationError, Validator as Compiled};
use newswire_model::{BodyScan, Code, Diagnostic, Genre, Record, scan_body};
use serde_json::Value;

use crate::view::{RecordJson, View};
use crate::{form, rules};

/// The committed record schema: the bytes partners validate against.
const RECORD_SCHEMA: &str = include_str!("../../../schemas/record.schema.json");
/// The committed channel schema.
const CHANNEL_SCHEMA: &str = include_str!("../../../schemas/channel.schema.json");

/// Checks records and channels. Build one with [`Validator::new`] and share it: it compiles
/// the schemas once, and it is `Send + Sync`, so parallel workers can use it at once.
pub struct Validator {
    record: Compiled,
    channel: Compiled,
    /// The record schema for typed records read in place (`view`), when it accepts every
    /// typed body and reads nothing else from it (`form`), so that a typed record is checked
    /// as its JSON form without the body, with no form made. `None` otherwise: typed records
    /// are then checked in their whole JSON form.
    typed: Option<jsonschema::Validator<RecordJson>>,
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator").finish_non_exhaustive()
    }
}

impl Default for Validator {
    fn default() -> Validator {
        Validator::new()
    }
}

/// Which document a schema check is about, for messages and hints.
#[derive(Clone, Copy)]
struct Document {
    code: Code,
    what: &'static str,
    id: &'static str,
}

const RECORD: Document = Document {
    code: Code::SchemaViolation,
    what: "record",
    id: "https://newswire.dev/schemas/v1/record.schema.json",
};

const CHANNEL: Document = Document {
    code: Code::ChannelInvalid,
    what: "channel",
    id: "https://newswire.dev/schemas/v1/channel.schema.json",
};

impl Validator {
    /// Compiles the committed record and channel schemas (draft 2020-12, formats asserted).
    ///
    /// # Panics
    ///
    /// Only if a committed schema does not compile. The schemas are constants built into
    /// the crate and its tests compile them, so this is a bug in newswire, never a
    /// consequence of input.
    pub fn new() -> Validator {
        let record_schema = parse_schema(RECORD_SCHEMA, RECORD.what);
        Validator {
            record: compile(&record_schema, RECORD.what),
            channel: compile(&parse_schema(CHANNEL_SCHEMA, CHANNEL.what), CHANNEL.what),
            typed: form::body_is_form_only(&record_schema)
                .then(|| compile_for::<RecordJson>(&record_schema, RECORD.what)),
        }
    }

    /// The schema layer on a record as raw JSON: every violation of the record schema, each
    /// as a [`Code::SchemaViolation`] error with the JSON pointer of the offending value.
    pub fn record_json(&self, file: &str, value: &Value) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        schema_diagnostics(&self.record, RECORD, file, value, &mut out);
        out
    }

    /// The schema layer on a channel (`channel.toml` read into JSON): every violation of the
    /// channel schema, each as a [`Code::ChannelInvalid`] error, and every text that holds a
    /// character XML 1.0 forbids, as a [`Code::ForbiddenCharacter`] error.
    pub fn channel_json(&self, file: &str, value: &Value) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        schema_diagnostics(&self.channel, CHANNEL, file, value, &mut out);
        rules::check_channel(file, value, &mut out);
        rules::check_characters(file, value, &mut out);
        out
    }

    /// Every problem with a typed record: the rules layer, and the schema layer on the
    /// record's JSON form, so a record that passes is valid against the published schema.
    pub fn record(&self, file: &str, record: &Record) -> Vec<Diagnostic> {
        self.record_scanned(file, record, scan_body(&record.body))
    }

    /// [`record`](Validator::record) for a record whose body has been read already: `body`
    /// must be what [`scan_body`] finds in `record.body` (as ingest keeps it for the records it
    /// makes), and the body is not read again for its words.
    pub fn record_scanned(&self, file: &str, record: &Record, body: BodyScan) -> Vec<Diagnostic> {
        debug_assert_eq!(body, scan_body(&record.body), "a scan of another body");
        // The schema layer on the JSON form, without the body when the schema cannot reject
        // a typed body (see `form`), read in place (see `view`); the rules on the fields
        // themselves. Both find what `record_value` finds in the whole JSON form, in the same
        // order.
        let mut out = Vec::new();
        match &self.typed {
            Some(typed) => schema_diagnostics(typed, RECORD, file, View::Record(record), &mut out),
            None => match serde_json::to_value(record) {
                Ok(value) => schema_diagnostics(&self.record, RECORD, file, &value, &mut out),
                Err(e) => {
                    return vec![
                        Diagnostic::error(
                            Code::RecordSyntax,
                            format!("the record cannot be written as JSON: {e}"),
                        )
                        .in_file(file)
                        .with_hint("this is a bug in newswire; please report it with the input"),
                    ];
                }
            },
        }
        rules::check_record(file, record, body, !language_reported(&out), &mut out);
        out
    }

    /// Both layers on a record as raw JSON; rules run even when the schema fails, on every
    /// field they can read, so all problems are reported at once.
    pub(crate) fn record_value(&self, file: &str, value: &Value) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        schema_diagnostics(&self.record, RECORD, file, value, &mut out);
        rules::check(file, value, !language_reported(&out), &mut out);
        out
    }
}

/// Whether the schema layer has reported the language, so the rules need not.
fn language_reported(schema_diagnostics: &[Diagnostic]) -> bool {
    schema_diagnostics
        .iter()
        .any(|d| d.pointer.as_deref() == Some("/language"))
}

fn parse_schema(text: &str, what: &str) -> Value {
    serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("the committed {what} schema is not JSON: {e}"))
}

fn compile(schema: &Value, what: &str) -> Compiled {
    compile_for::<SerdeJson>(schema, what)
}

/// `schema` compiled for instances in the representation `F` (draft 2020-12, formats
/// asserted).
pub(crate) fn compile_for<F: Json>(schema: &Value, what: &str) -> jsonschema::Validator<F> {
    jsonschema::options_for::<F>()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .build(schema)
        .unwrap_or_else(|e| panic!("the committed {what} schema does not compile: {e}"))
}

fn schema_diagnostics<'i, F: Json>(
    compiled: &'i jsonschema::Validator<F>,
    doc: Document,
    file: &str,
    instance: F::Node<'i>,
    out: &mut Vec<Diagnostic>,
) {
    // Most documents are valid, and saying so is cheaper than collecting no errors.
    if compiled.is_valid(instance.clone()) {
        return;
    }
    for error in compiled.iter_errors(instance) {
        push_error(&error, doc, file, out);
    }
}

fn push_error(error: &ValidationError<'_>, doc: Document, file: &str, out: &mut Vec<Diagnostic>) {
    let pointer = error.instance_path().as_str();
    let instance: &Value = error.instance();
    let def = definition(error.schema_path().as_str());
    let diagnostic = |message: String, pointer: String, hint: String| {
        Diagnostic::error(doc.code, message)
            .in_file(file)
            .at_pointer(pointer)
            .with_hint(hint)
    };
    let see_schema = format!(
        "the {} schema says what each field holds: {}",
        doc.what, doc.id
    );

    let (message, hint) = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            for name in unexpected {
                out.push(diagnostic(
                    format!("unknown field `{name}`"),
                    format!("{pointer}/{}", escape_pointer(name)),
                    format!(
                        "remove it or correct its spelling; the {} schema lists the known fields: {}",
                        doc.what, doc.id
                    ),
                ));
            }
            return;
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            // For a tagged form (a body block, an id scheme), report what is wrong inside
            // the one branch whose tag matched rather than "matches no form".
            let mut tagged = context.iter().filter(|branch| {
                !branch
                    .iter()
                    .any(|e| matches!(e.kind(), ValidationErrorKind::Constant { .. }))
            });
            if let (Some(branch), None) = (tagged.next(), tagged.next())
                && !branch.is_empty()
            {
                for inner in branch {
                    push_error(inner, doc, file, out);
                }
                return;
            }
            match def {
                Some("Genre") => (
                    format!("{} is not a known genre", describe(instance)),
                    format!("use one of: {}", genre_names()),
                ),
                Some("Block") => (
                    format!("{} is not a paragraph or heading block", describe(instance)),
                    "write a block as {\"type\": \"paragraph\" or \"heading\", \"text\": \"...\"}"
                        .to_owned(),
                ),
                Some("IdScheme") => (
                    format!("{} is not an id scheme", describe(instance)),
                    "use { kind = \"url\" }, or { kind = \"tag\", authority = \"news.example\", date = \"2026\" }"
                        .to_owned(),
                ),
                _ => (
                    format!("{} matches none of the allowed forms", describe(instance)),
                    see_schema,
                ),
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let hint = if name == "published" {
                "add `published`, an RFC 3339 date-time with its UTC offset, such as \
                 2026-03-14T09:30:00+01:00"
                    .to_owned()
            } else {
                format!("add `{name}`; {see_schema}")
            };
            (format!("missing required field `{name}`"), hint)
        }
        ValidationErrorKind::Format { format } => match format.as_str() {
            "date-time" => (
                format!(
                    "{} is not an RFC 3339 date-time with a UTC offset",
                    describe(instance)
                ),
                "write the date, the time and the offset, such as 2026-03-14T09:30:00+01:00 or \
                 2026-03-14T08:30:00Z"
                    .to_owned(),
            ),
            "uri" => (
                format!("{} is not a valid URL", describe(instance)),
                URL_HINT.to_owned(),
            ),
            other => (
                format!("{} is not a valid `{other}`", describe(instance)),
                see_schema,
            ),
        },
        ValidationErrorKind::Pattern { .. }
        | ValidationErrorKind::MinLength { .. }
        | ValidationErrorKind::MaxLength { .. }
            if def.is_some_and(|d| matches!(d, "Slug" | "AbsoluteUrl" | "LanguageTag")) =>
        {
            match def {
                Some("Slug") => (
                    format!("{} is not a valid slug", describe(instance)),
                    "use 1 to 100 lower-case ASCII letters and digits in runs joined by single \
                     hyphens, such as `harbour-lights-return`"
                        .to_owned(),
                ),
                Some("AbsoluteUrl") => (
                    format!("{} is not an absolute http(s) URL", describe(instance)),
                    URL_HINT.to_owned(),
                ),
                _ => (
                    format!("{} is not a BCP 47 language tag", describe(instance)),
                    "use a language tag such as `en` or `en-GB`".to_owned(),
                ),
            }
        }
        ValidationErrorKind::Type { .. } if instance.is_null() => (
            "`null` is not allowed here".to_owned(),
            format!("leave the field out when it has no value; {see_schema}"),
        ),
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            (
                format!("expected {expected}, found {}", describe(instance)),
                see_schema,
            )
        }
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => (
            format!("{} is not one of the allowed values", describe(instance)),
            see_schema,
        ),
        _ => (lower_first(&shorten(&error.to_string(), 200)), see_schema),
    };
    out.push(diagnostic(message, pointer.to_owned(), hint));
}

const URL_HINT: &str = "use an absolute http:// or https:// URL, with spaces and other special \
                        characters percent-encoded";

/// The `$defs` entry a keyword location lies in, such as `Slug` for `/$defs/Slug/pattern`.
fn definition(schema_path: &str) -> Option<&str> {
    schema_path
        .strip_prefix("/$defs/")
        .map(|rest| rest.split('/').next().unwrap_or(rest))
}

fn genre_names() -> String {
    Genre::ALL
        .iter()
        .map(|g| g.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value as a message shows it: strings quoted and shortened, containers by kind.
fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{}\"", shorten(s, 60)),
        Value::Object(_) => "an object".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    }
}

fn shorten(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s.to_owned(),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(s[first.len_utf8()..].chars())
            .collect(),
        _ => s.to_owned(),
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub(crate) fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validator_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Validator>();
    }

    /// The committed record schema lets a typed record be checked without its body, read in
    /// place: if a change to the schema turns this off, validation stays right but gets
    /// slower.
    #[test]
    fn typed_records_are_checked_without_the_body() {
        assert!(Validator::new().typed.is_some());
    }

    /// Read in place without the body, or written whole as JSON, a typed record gets the same
    /// findings.
    #[test]
    fn the_body_changes_nothing_for_a_typed_record() {
        let without = Validator::new();
        let with = Validator {
            typed: None,
            ..Validator::new()
        };
        let mut record: Record = serde_json::from_value(serde_json::json!({
            "id": "https://ledger.example/articles/tide-gauge",
            "slug": "tide-gauge",
            "url": "https://ledger.example/articles/tide-gauge",
            "headline": "Kelmsby installs a new tide gauge",
            "description": "The harbour board fitted the gauge on Monday.",
            "published": "2026-03-10T08:30:00+00:00",
            "language": "en",
            "authors": [{ "name": "Mara Quell" }],
            "body": [
                { "type": "heading", "text": "The gauge" },
                { "type": "paragraph", "text": "The harbour board fitted the gauge on Monday." }
            ],
            "word_count": 10
        }))
        .unwrap();
        assert_eq!(without.record("x.json", &record), []);
        assert_eq!(with.record("x.json", &record), []);
        record.body.push(newswire_model::Block::Paragraph {
            text: "A bell\u{7} rang.".to_owned(),
        });
        record.body.push(newswire_model::Block::Heading {
            text: String::new(),
        });
        let found = without.record("x.json", &record);
        let codes: Vec<Code> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::WordCountMismatch, Code::ForbiddenCharacter]);
        assert_eq!(with.record("x.json", &record), found);
    }

    #[test]
    fn hints_name_the_committed_schema_ids() {
        for (doc, text) in [(RECORD, RECORD_SCHEMA), (CHANNEL, CHANNEL_SCHEMA)] {
            let schema: Value = serde_json::from_str(text).unwrap();
            assert_eq!(schema["$id"], doc.id);
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(definition("/$defs/Slug/pattern"), Some("Slug"));
        assert_eq!(definition("/properties/id/type"), None);
        assert_eq!(escape_pointer("a/b~c"), "a~1b~0c");
        assert_eq!(lower_first("Additional items"), "additional items");
        assert_eq!(lower_first("URL is bad"), "URL is bad");
        assert_eq!(shorten("abcdef", 3), "abc...");
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(describe(&Value::from("x")), "\"x\"");
    }
}
