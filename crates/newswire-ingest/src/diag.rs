//! Collecting the diagnostics of one input file, and the positions they point at.

use newswire_model::{Code, Diagnostic, Severity};

/// A place in the input: 1-based line and column (characters), and a length in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) length: u32,
}

impl Pos {
    /// The start of `line`.
    pub(crate) fn line(line: u32) -> Pos {
        Pos {
            line,
            column: 1,
            length: 0,
        }
    }

    /// A span of `length` characters at `line`, `column`.
    pub(crate) fn new(line: u32, column: u32, length: u32) -> Pos {
        Pos {
            line,
            column,
            length,
        }
    }
}

/// A value and where in the input it came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct At<T> {
    pub(crate) value: T,
    pub(crate) pos: Pos,
}

impl<T> At<T> {
    pub(crate) fn new(value: T, pos: Pos) -> At<T> {
        At { value, pos }
    }
}

/// Converts a count to `u32`, saturating.
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The diagnostics of one file.
#[derive(Debug)]
pub(crate) struct Sink<'f> {
    file: &'f str,
    list: Vec<Diagnostic>,
}

/// A diagnostic just added, to which a hint may be attached.
#[derive(Debug)]
pub(crate) struct Added<'a>(&'a mut Diagnostic);

impl Added<'_> {
    /// Sets the diagnostic's hint.
    pub(crate) fn hint(self, hint: impl Into<String>) {
        self.0.hint = Some(hint.into());
    }
}

impl<'f> Sink<'f> {
    /// What the sink holds, as `code line:column` per diagnostic, for table-driven tests.
    #[cfg(test)]
    pub(crate) fn located_codes(self) -> Vec<String> {
        self.finish()
            .iter()
            .map(|d| {
                let l = d.location.expect("a located diagnostic");
                format!("{} {}:{}", d.code, l.line, l.column)
            })
            .collect()
    }

    pub(crate) fn new(file: &'f str) -> Sink<'f> {
        Sink {
            file,
            list: Vec::new(),
        }
    }

    fn add(
        &mut self,
        severity: Severity,
        code: Code,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) -> Added<'_> {
        let mut d = Diagnostic::new(code, severity, message).in_file(self.file);
        if let Some(p) = pos {
            d = d.at(p.line, p.column, p.length);
        }
        self.list.push(d);
        let last = self.list.len() - 1;
        Added(&mut self.list[last])
    }

    pub(crate) fn error(&mut self, code: Code, pos: Pos, message: impl Into<String>) -> Added<'_> {
        self.add(Severity::Error, code, Some(pos), message)
    }

    pub(crate) fn warning(
        &mut self,
        code: Code,
        pos: Pos,
        message: impl Into<String>,
    ) -> Added<'_> {
        self.add(Severity::Warning, code, Some(pos), message)
    }

    pub(crate) fn note(&mut self, code: Code, pos: Pos, message: impl Into<String>) -> Added<'_> {
        self.add(Severity::Note, code, Some(pos), message)
    }

    /// The diagnostics, sorted by position, then code; those without a position last.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        self.list.sort_by_key(|d| {
            let (line, column) = d
                .location
                .map_or((u32::MAX, u32::MAX), |l| (l.line, l.column));
            (line, column, d.code)
        });
        self.list
    }
}
