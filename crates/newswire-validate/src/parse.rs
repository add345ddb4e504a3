//! Reading a record from JSON text: syntax, then both validation layers, then the model.

use newswire_model::{Code, Diagnostic, Record};
use serde::Deserialize;
use serde_json::Value;

use crate::Validator;

/// Reads a record from JSON `text` (the file `file`) and validates it.
///
/// A JSON syntax error is a [`Code::RecordSyntax`] error at its line and column, and nothing
/// else is checked. Otherwise the record is checked against the record schema and the rules,
/// all problems reported at once, and read into a [`Record`] when it has the model's form.
/// The record is returned even when a rule reports an error (a date out of order, say):
/// whether to use it is the caller's call, through the diagnostics' severities.
pub fn parse_record(file: &str, text: &str, v: &Validator) -> (Option<Record>, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        let diagnostic = Diagnostic::error(Code::EmptyInput, "the record file is empty")
            .in_file(file)
            .with_hint("write the record as one JSON object, as `newswire parse` prints it");
        return (None, vec![diagnostic]);
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return (None, vec![syntax_error(file, text, &e)]),
    };

    let mut diagnostics = v.record_value(file, &value);
    let record = match Record::deserialize(&value) {
        Ok(record) => Some(record),
        Err(e) => {
            // Usually the schema layer has said why already; if not, say it here.
            if !diagnostics.iter().any(Diagnostic::is_error) {
                diagnostics.push(
                    Diagnostic::error(Code::RecordSyntax, format!("the record cannot be read: {e}"))
                        .in_file(file)
                        .with_hint("compare the record with the record schema: https://newswire.dev/schemas/v1/record.schema.json"),
                );
            }
            None
        }
    };
    (record, diagnostics)
}

fn syntax_error(file: &str, text: &str, e: &serde_json::Error) -> Diagnostic {
    let mut message = e.to_string();
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    let line = e.line().max(1);
    let column = char_column(text, line, e.column());
    Diagnostic::error(
        Code::RecordSyntax,
        format!("the record is not valid JSON: {message}"),
    )
    .in_file(file)
    .at(u32::try_from(line).unwrap_or(u32::MAX), column, 0)
    .with_hint("fix the JSON syntax at this place; a record is one JSON object")
}

/// The 1-based column in characters of the byte column `byte_column` on line `line`.
fn char_column(text: &str, line: usize, byte_column: usize) -> u32 {
    let line_text = text.lines().nth(line - 1).unwrap_or_default();
    let cut = line_text.floor_char_boundary(byte_column.min(line_text.len()));
    let chars = line_text[..cut].chars().count().max(1);
    u32::try_from(chars).unwrap_or(u32::MAX)
}
