//! TOML front matter (`+++`) into the position-carrying tree.

use newswire_model::Code;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::flat_toml;
use super::tree::{Entry, LineIndex, Node, Place, Value};
use crate::diag::Sink;

/// Parses `content`, whose file positions `index` finds (the values keep it, to find theirs
/// when asked). Syntax errors are reported; what could be read is still returned, so that
/// every problem shows at once, with whether there were syntax errors. The front matter most
/// articles hold is read without the parser ([`flat_toml`]), to the same entries.
pub(crate) fn parse<'a>(
    content: &'a str,
    index: &'a LineIndex<'a>,
    sink: &mut Sink<'_>,
) -> (Vec<Entry<'a>>, bool) {
    match flat_toml::read(content, index) {
        Some(entries) => (entries, false),
        None => by_parser(content, index, sink),
    }
}

/// [`parse`] with the TOML parser, whatever the front matter holds.
pub(super) fn by_parser<'a>(
    content: &'a str,
    index: &'a LineIndex<'a>,
    sink: &mut Sink<'_>,
) -> (Vec<Entry<'a>>, bool) {
    let (table, errors) = DeTable::parse_recoverable(content);
    for e in &errors {
        let pos = e.span().map_or_else(
            || crate::diag::Pos::line(index.first_line()),
            |s| index.pos(s),
        );
        sink.error(Code::FrontMatterSyntax, pos, tidy(e.message()))
            .hint("the front matter between `+++` lines must be valid TOML, such as `headline = \"Harbour lights return\"`");
    }
    (entries(table.into_inner(), index), !errors.is_empty())
}

/// A parser message as a diagnostic message: lower-case start, no closing full stop, one line.
pub(crate) fn tidy(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default().trim();
    let line = line.trim_end_matches('.');
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let rest = chars.as_str();
    if first.is_uppercase() && !rest.starts_with(char::is_uppercase) {
        first.to_lowercase().chain(rest.chars()).collect()
    } else {
        line.to_owned()
    }
}

fn entries<'a>(table: DeTable<'a>, index: &'a LineIndex<'a>) -> Vec<Entry<'a>> {
    let mut out: Vec<Entry<'a>> = table
        .into_iter()
        // A date-time the parser could not read is a placeholder with neither date nor time;
        // the syntax error says what is wrong with it, so the key is left out.
        .filter(|(_, value)| !is_placeholder(value.get_ref()))
        .map(|(key, value)| Entry {
            key_pos: index.pos(key.span()),
            key: key.into_inner(),
            value: node(value, index),
        })
        .collect();
    // Tables come sorted by key; keep the order of the file instead.
    out.sort_by_key(|e| (e.key_pos.line, e.key_pos.column));
    out
}

/// Whether `value` stands in for a date-time that was reported as a syntax error.
fn is_placeholder(value: &DeValue<'_>) -> bool {
    matches!(value, DeValue::Datetime(d) if d.date.is_none() && d.time.is_none())
}

fn node<'a>(value: Spanned<DeValue<'a>>, index: &'a LineIndex<'a>) -> Node<'a> {
    let span = value.span();
    let place = Place::Span(index, span.start, span.end);
    let value = match value.into_inner() {
        DeValue::String(s) => Value::Str(s),
        DeValue::Integer(i) => Value::Number(i.as_str().to_owned()),
        DeValue::Float(f) => Value::Number(f.as_str().to_owned()),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::DateTime(d),
        DeValue::Array(items) => Value::Array(items.into_iter().map(|v| node(v, index)).collect()),
        DeValue::Table(t) => Value::Table(entries(t, index)),
    };
    Node { value, place }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `content` (from line 2); expects the keys read and the diagnostics as
    /// `code line:column`.
    #[track_caller]
    fn check(content: &str, keys: &[&str], diagnostics: &[&str]) {
        let mut sink = Sink::new("t.txt");
        let index = LineIndex::new(content, 2);
        let (entries, _) = parse(content, &index, &mut sink);
        let got: Vec<&str> = entries.iter().map(|e| &*e.key).collect();
        assert_eq!(got, keys, "keys of {content:?}");
        assert_eq!(
            sink.located_codes(),
            diagnostics,
            "diagnostics of {content:?}"
        );
    }

    #[test]
    fn unreadable_dates_are_reported_once() {
        check(
            "published = 2026-02-30T10:00:00Z\nslug = \"a\"\n",
            &["slug"],
            &["NW0101 2:13"],
        );
        check(
            "modified = 2026-05-01T10:00:00+24:00\n",
            &[],
            &["NW0101 2:12"],
        );
        check("published = 2026-05-01T10:00:00Z\n", &["published"], &[]);
    }

    #[test]
    fn tidy_messages() {
        for (raw, expect) in [
            ("Invalid string.", "invalid string"),
            ("TOML parse error", "TOML parse error"),
            ("expected `=`\nmore", "expected `=`"),
        ] {
            assert_eq!(tidy(raw), expect);
        }
    }
}
