//! Printing diagnostics: compiler-style text, JSON lines, or GitHub Actions annotations.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use newswire_model::Diagnostic;

use crate::cli::DiagnosticFormat;

/// Writes `diagnostics` to `out` in `format`. Text snippets are read from the files the
/// diagnostics name, when they can be; `sources` holds texts that are not files (stdin).
pub(crate) fn write(
    out: &mut dyn Write,
    format: DiagnosticFormat,
    diagnostics: &[Diagnostic],
    sources: &HashMap<String, String>,
) -> io::Result<()> {
    let mut cache: HashMap<String, Option<String>> = HashMap::new();
    for d in diagnostics {
        let line = match format {
            DiagnosticFormat::Json => serde_json::to_string(d).map_err(io::Error::other)? + "\n",
            DiagnosticFormat::Github => github(d),
            DiagnosticFormat::Text => {
                let source = d.file.as_ref().and_then(|file| {
                    if let Some(text) = sources.get(file) {
                        return Some(text.as_str());
                    }
                    cache
                        .entry(file.clone())
                        .or_insert_with(|| std::fs::read_to_string(file).ok())
                        .as_deref()
                });
                text(d, source)
            }
        };
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// rustc-style: the headline, the place, the source line with the span underlined, the hint.
pub(crate) fn text(d: &Diagnostic, source: Option<&str>) -> String {
    let mut s = format!("{}[{}]: {}\n", d.severity, d.code, d.message);
    let Some(file) = &d.file else {
        if let Some(hint) = &d.hint {
            let _ = writeln!(s, "  = help: {hint}");
        }
        return s;
    };
    let snippet = d.location.and_then(|loc| {
        let line = source?
            .lines()
            .nth(usize::try_from(loc.line).ok()?.checked_sub(1)?)?;
        Some((loc, line.trim_end_matches('\r')))
    });
    let gutter = d.location.map_or(1, |loc| loc.line.to_string().len());
    let pad = " ".repeat(gutter);
    match (&d.location, &d.pointer) {
        (Some(loc), _) => {
            let _ = writeln!(s, "{pad}--> {file}:{}:{}", loc.line, loc.column);
        }
        (None, Some(pointer)) => {
            let _ = writeln!(
                s,
                "{pad}--> {file} at {}",
                if pointer.is_empty() { "/" } else { pointer }
            );
        }
        (None, None) => {
            let _ = writeln!(s, "{pad}--> {file}");
        }
    }
    if let Some((loc, line)) = snippet {
        let shown: String = line.chars().take(200).collect();
        let column = usize::try_from(loc.column.saturating_sub(1)).unwrap_or(0);
        let width = usize::try_from(loc.length.max(1))
            .unwrap_or(1)
            .min(200usize.saturating_sub(column).max(1));
        let _ = writeln!(s, "{pad} |");
        let _ = writeln!(s, "{} | {shown}", loc.line);
        let _ = writeln!(
            s,
            "{pad} | {}{}",
            " ".repeat(column.min(200)),
            "^".repeat(width)
        );
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(s, "{pad} = help: {hint}");
    }
    s
}

/// A GitHub Actions workflow command: `::error file=F,line=L,col=C,title=CODE::message`.
pub(crate) fn github(d: &Diagnostic) -> String {
    let level = match d.severity {
        newswire_model::Severity::Error => "error",
        newswire_model::Severity::Warning => "warning",
        newswire_model::Severity::Note => "notice",
    };
    let mut props = Vec::new();
    if let Some(file) = &d.file {
        props.push(format!("file={}", escape_property(file)));
    }
    if let Some(loc) = &d.location {
        props.push(format!("line={}", loc.line));
        props.push(format!("col={}", loc.column));
    }
    props.push(format!("title={}", d.code));
    let mut message = d.message.clone();
    if let Some(pointer) = &d.pointer {
        let _ = write!(
            message,
            " (at {})",
            if pointer.is_empty() { "/" } else { pointer }
        );
    }
    if let Some(hint) = &d.hint {
        let _ = write!(message, "\nhelp: {hint}");
    }
    format!("::{level} {}::{}\n", props.join(","), escape_data(&message))
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use newswire_model::{Code, Diagnostic};

    use super::*;

    #[track_caller]
    fn check(d: &Diagnostic, source: Option<&str>, expect_text: &str, expect_github: &str) {
        assert_eq!(text(d, source), expect_text);
        assert_eq!(github(d), expect_github);
    }

    #[test]
    fn renderings() {
        let located = Diagnostic::error(Code::FrontMatterUnknownKey, "unknown key `titel`")
            .in_file("a.txt")
            .at(2, 1, 5)
            .with_hint("known keys: headline, slug");
        check(
            &located,
            Some("+++\ntitel = \"x\"\n+++\n"),
            "error[NW0102]: unknown key `titel`\n --> a.txt:2:1\n  |\n2 | titel = \"x\"\n  | ^^^^^\n  = help: known keys: headline, slug\n",
            "::error file=a.txt,line=2,col=1,title=NW0102::unknown key `titel`%0Ahelp: known keys: headline, slug\n",
        );
        let pointed = Diagnostic::warning(
            Code::HeadlineLength,
            "the headline is 130 characters, over 110",
        )
        .in_file("r,1.json")
        .at_pointer("/headline");
        check(
            &pointed,
            None,
            "warning[NW0307]: the headline is 130 characters, over 110\n --> r,1.json at /headline\n",
            "::warning file=r%2C1.json,title=NW0307::the headline is 130 characters, over 110 (at /headline)\n",
        );
        let bare = Diagnostic::note(Code::DroppedResidue, "100% dropped");
        check(
            &bare,
            None,
            "note[NW0203]: 100% dropped\n",
            "::notice title=NW0203::100%25 dropped\n",
        );
    }
}
