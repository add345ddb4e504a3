//! Diagnostics: every problem any layer finds, with a stable code, a place and a hint.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How bad a problem is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Note,
    /// Output is made, but something is probably not what the author meant.
    Warning,
    /// The input cannot be published as it is.
    Error,
}

impl Severity {
    /// The severity's name, as in the JSON form.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, )+) => {
        /// A diagnostic's stable code. Codes are never renumbered or reused; CI scripts may
        /// match on them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[doc = $doc])+ #[serde(rename = $name)] $variant, )+
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The code as written in diagnostics, such as `NW0101`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)+ }
            }
        }
    };
}

codes! {
    // NW00xx: reading input.
    /// A file could not be read or written.
    Io = "NW0001",
    /// The input is not valid UTF-8.
    InvalidUtf8 = "NW0002",
    /// The input holds a character XML 1.0 forbids (NUL, most C0 controls); it was removed.
    ForbiddenCharacter = "NW0003",
    /// The input is empty or holds only white space.
    EmptyInput = "NW0004",
    /// The input is larger than the size limit.
    TooLarge = "NW0005",
    /// The file's extension is not one newswire reads.
    UnknownFileKind = "NW0006",

    // NW01xx: front matter.
    /// The front matter is not valid TOML or YAML, or is never closed.
    FrontMatterSyntax = "NW0101",
    /// The front matter has a key newswire does not know.
    FrontMatterUnknownKey = "NW0102",
    /// A front matter value has the wrong type or form.
    FrontMatterValue = "NW0103",
    /// Front matter and the text disagree; front matter wins.
    FrontMatterConflict = "NW0104",

    // NW02xx: wire text.
    /// The article has no body text.
    EmptyBody = "NW0201",
    /// No headline was given; one was derived from the lead.
    DerivedHeadline = "NW0202",
    /// Page residue left by scraping (comment counters, share prompts) was dropped.
    DroppedResidue = "NW0203",
    /// A picture credit names no image URL.
    CreditWithoutImage = "NW0204",
    /// A trailer line looks like a credit or source line but could not be read.
    UnreadableTrailer = "NW0205",
    /// The headline was too long and was shortened at a word boundary.
    HeadlineShortened = "NW0206",

    // NW03xx: the record.
    /// The article has no publication date.
    MissingPublished = "NW0301",
    /// `modified` is earlier than `published`.
    DatesOutOfOrder = "NW0302",
    /// A URL is not an absolute http(s) URL.
    InvalidUrl = "NW0303",
    /// A slug is not well formed, or none could be derived.
    InvalidSlug = "NW0304",
    /// Two articles of one channel share a slug.
    DuplicateSlug = "NW0305",
    /// Two articles of one channel share an id.
    DuplicateId = "NW0306",
    /// The headline is empty or longer than the limit.
    HeadlineLength = "NW0307",
    /// The description is empty or longer than the limit.
    DescriptionLength = "NW0308",
    /// The record does not match the published record schema.
    SchemaViolation = "NW0309",
    /// The stored word count does not match the body.
    WordCountMismatch = "NW0310",
    /// The language tag is not well-formed BCP 47.
    InvalidLanguage = "NW0311",
    /// The article credits no author and the channel names no default author.
    NoAuthor = "NW0312",
    /// The record JSON cannot be read.
    RecordSyntax = "NW0313",
    /// A person or organisation is credited without a name: the name is empty or only white
    /// space.
    EmptyName = "NW0314",

    // NW04xx: the channel.
    /// `channel.toml` is missing, not valid TOML, or does not match the channel schema.
    ChannelInvalid = "NW0401",
    /// The channel has no articles.
    ChannelEmpty = "NW0402",

    // NW05xx: outputs.
    /// An output document does not meet its format's rules.
    OutputInvalid = "NW0501",
    /// An id the previous build published is gone from this build: partners will drop the item.
    IdDisappeared = "NW0502",
    /// An article's content changed since the previous build but its `modified` date did not:
    /// partners that look at the date would miss the update.
    ChangedWithoutModified = "NW0503",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in a text file a problem is: 1-based line and column (in characters), and how many
/// characters the problem spans.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// The line, counting from 1.
    pub line: u32,
    /// The column in characters, counting from 1.
    pub column: u32,
    /// How many characters the problem spans on that line; 0 when it is a point.
    #[serde(default)]
    pub length: u32,
}

/// One problem found in an input or an output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// The stable code, such as `NW0301`.
    pub code: Code,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, starting lower-case, without a closing full stop.
    pub message: String,
    /// The file the problem is in, as given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Where in the file, when the file is text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Where in the document, as a JSON pointer (RFC 6901), when the file is a record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no place and no hint yet.
    pub fn new(code: Code, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            file: None,
            location: None,
            pointer: None,
            hint: None,
        }
    }

    /// An error.
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, message)
    }

    /// A warning.
    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, message)
    }

    /// A note.
    pub fn note(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Note, message)
    }

    /// Sets the file.
    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }

    /// Sets the place in a text file.
    pub fn at(mut self, line: u32, column: u32, length: u32) -> Diagnostic {
        self.location = Some(Location {
            line,
            column,
            length,
        });
        self
    }

    /// Sets the place in a JSON document.
    pub fn at_pointer(mut self, pointer: impl Into<String>) -> Diagnostic {
        self.pointer = Some(pointer.into());
        self
    }

    /// Sets the hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic stops the input from being published.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// One line, `file:line:column: severity[code]: message`, as compilers print.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            f.write_str(file)?;
            if let Some(loc) = &self.location {
                write!(f, ":{}:{}", loc.line, loc.column)?;
            }
            if let Some(pointer) = &self.pointer {
                write!(f, "#{pointer}")?;
            }
            f.write_str(": ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(s.len() == 6 && s.starts_with("NW"), "{s}");
            assert!(seen.insert(s), "duplicate code {s}");
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{s}\""));
        }
    }

    #[test]
    fn display_is_compiler_style() {
        let d = Diagnostic::error(
            Code::MissingPublished,
            "the article has no publication date",
        )
        .in_file("a.txt")
        .at(3, 1, 0);
        assert_eq!(
            d.to_string(),
            "a.txt:3:1: error[NW0301]: the article has no publication date"
        );
    }
}
