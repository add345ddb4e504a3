//! Trailer lines: credits (`Written by A for ORG, analysis.`, `Reporting by A; Editing by B`,
//! `A contributed to this report.`), sources and picture credits.

use newswire_model::{Credit, Genre, Person};

use crate::names::{is_name, normalize_name, people, split_list};
use crate::text::{
    is_shouting, more_words_than, split_spaces, split_where, strip_prefix_ci, strip_suffix_ci,
};

/// What one trailer line says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Line {
    /// `Written by A and B for ORG, description.`
    Written {
        authors: Vec<Person>,
        publisher: Option<String>,
        description: Option<String>,
    },
    /// `Reporting by A; Additional reporting by B; Editing by C`.
    Roles(Vec<(Role, Vec<Person>)>),
    /// `A and B contributed to this report.`
    Contributed(Vec<Person>),
    /// A byline printed at the end: `By A`.
    Byline(Vec<Person>),
    /// `Sources: A, B, C.`
    Sources(Vec<String>),
    /// A line that is plainly a credit or source line but names nobody.
    Unreadable(&'static str),
}

/// The part a person had, from a `… by` credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// `Writing by`: an author.
    Writing,
    /// `Reporting by`: an author when no byline names one, else a contributor.
    Reporting,
    /// `Additional reporting by`, `Compiled by`: a contributor.
    Contributing,
    /// `Editing by`: an editor.
    Editing,
}

const ROLE_PREFIXES: &[(&str, Role)] = &[
    ("additional reporting by ", Role::Contributing),
    ("additional writing by ", Role::Contributing),
    ("reporting by ", Role::Reporting),
    ("reported by ", Role::Reporting),
    ("writing by ", Role::Writing),
    ("editing by ", Role::Editing),
    ("edited by ", Role::Editing),
    ("compiled by ", Role::Contributing),
    ("research by ", Role::Contributing),
];

const CONTRIBUTED: &[&str] = &[
    " contributed to this report",
    " contributed to this story",
    " contributed to this article",
    " contributed reporting",
    " contributed additional reporting",
    " also contributed",
    " contributed",
];

/// Reads `line` as a trailer line other than a picture credit; `None` when it is article text.
pub(crate) fn parse(line: &str) -> Option<Line> {
    if line.len() > 400 || more_words_than(line, 60) {
        return None;
    }
    let text = line.trim_end_matches(['.', ' ']);
    if let Some(rest) =
        strip_prefix_ci(text, "sources:").or_else(|| strip_prefix_ci(text, "source:"))
    {
        return Some(sources(rest));
    }
    if let Some(rest) = strip_prefix_ci(text, "written by ") {
        return written(rest);
    }
    if let Some(people) = crate::byline::parse(line) {
        return Some(Line::Byline(people));
    }
    if let Some(line) = roles(text) {
        return Some(line);
    }
    contributed(text)
}

/// The sources named after `Sources:`, whose closing full stop is already gone. A full stop
/// inside the list belongs to a name (`Harbour Towage Co., Coastwire`) and is kept.
fn sources(rest: &str) -> Line {
    let sep = if rest.contains(';') { b';' } else { b',' };
    let list: Vec<String> = split_where(rest, |b| b == sep)
        .map(|s| {
            let s = s.trim();
            s.strip_prefix("and ").unwrap_or(s).trim().to_owned()
        })
        .filter(|s| !s.is_empty())
        .collect();
    if list.is_empty() {
        Line::Unreadable("a sources line that names no source")
    } else {
        Line::Sources(list)
    }
}

fn written(rest: &str) -> Option<Line> {
    let (names, org) = match split_ci(rest, " for ") {
        Some((names, org)) => (names, Some(org.trim())),
        None => (rest, None),
    };
    let authors = people(names.trim())?;
    let (publisher, description) = match org {
        Some(org) => match org.split_once(',') {
            Some((o, d)) => (o.trim(), Some(d.trim())),
            None => (org, None),
        },
        None => {
            return Some(Line::Written {
                authors,
                publisher: None,
                description: None,
            });
        }
    };
    if publisher.is_empty() {
        return Some(Line::Unreadable(
            "a credit line that names no organisation after \"for\"",
        ));
    }
    Some(Line::Written {
        authors,
        publisher: Some(publisher.to_owned()),
        description: description.filter(|d| !d.is_empty()).map(str::to_owned),
    })
}

/// `s` split around the first `needle` (ASCII), ignoring ASCII case.
fn split_ci<'a>(s: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let i = find_ci(s, needle)?;
    Some((&s[..i], &s[i + needle.len()..]))
}

/// The byte index of the first `needle` (ASCII) in `s`, ignoring ASCII case.
fn find_ci(s: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (s.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    let last = hay.len().checked_sub(needle.len())?;
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    // Bytes of an ASCII needle match only ASCII bytes, so a match starts and ends on
    // character boundaries. The places the first byte is, in either case, are found many bytes
    // at a time.
    memchr::memchr2_iter(lower, upper, &hay[..=last])
        .find(|&i| hay[i + 1..i + needle.len()].eq_ignore_ascii_case(rest))
}

fn roles(text: &str) -> Option<Line> {
    let mut found = Vec::new();
    for segment in split_where(text, |b| b == b';') {
        let segment = segment.trim().trim_end_matches('.');
        if segment.is_empty() {
            continue;
        }
        let (rest, role) = ROLE_PREFIXES
            .iter()
            .find_map(|(p, r)| strip_prefix_ci(segment, p).map(|rest| (rest, *r)))?;
        let names: Option<Vec<Person>> = split_list(rest)
            .into_iter()
            .map(|n| {
                let n = without_place(n);
                is_name(n).then(|| Person::named(normalize_name(n)))
            })
            .collect();
        match names {
            Some(names) if !names.is_empty() => found.push((role, names)),
            // A long line that merely opens like a credit is article text.
            _ if more_words_than(text, 12) => return None,
            _ => {
                return Some(Line::Unreadable(
                    "a credit line whose names could not be read",
                ));
            }
        }
    }
    (!found.is_empty()).then_some(Line::Roles(found))
}

/// A name without the place printed after it: `Ada Quill in Port Wren` is `Ada Quill`.
fn without_place(name: &str) -> &str {
    match name.find(" in ") {
        Some(i) if name[i + 4..].chars().next().is_some_and(char::is_uppercase) => &name[..i],
        _ => name,
    }
}

fn contributed(text: &str) -> Option<Line> {
    // Every ending holds the word, so most lines are ruled out in one pass.
    find_ci(text, "contributed")?;
    let names = CONTRIBUTED
        .iter()
        .find_map(|suffix| {
            let i = find_ci(text, suffix)?;
            // Only a place may follow: "… contributed to this report from Port Wren".
            let after = &text[i + suffix.len()..];
            (after.is_empty() || strip_prefix_ci(after, " from ").is_some()).then(|| &text[..i])
        })?
        .trim();
    // "Harbour Ledger writer Ada Quill contributed…": the names follow the last lower-case word.
    let start = split_spaces(names)
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| {
            w.chars().next().is_some_and(char::is_lowercase)
                && !matches!(*w, "and")
                && !crate::text::is_particle(w)
        })
        .last()
        .map_or(0, |(start, w)| start + w.len() + 1);
    let names = names.get(start..).unwrap_or_default();
    let list: Option<Vec<Person>> = split_list(names)
        .into_iter()
        .map(|n| {
            let n = without_place(n);
            is_name(n).then(|| Person::named(normalize_name(n)))
        })
        .collect();
    match list {
        Some(list) if !list.is_empty() => Some(Line::Contributed(list)),
        _ => None,
    }
}

/// Openings of a picture credit line, each followed by a colon.
#[rustfmt::skip]
const PICTURE_PREFIXES: &[&str] = &[
    "photo credits", "photo credit", "photos", "photo", "photographs", "photograph", "photography",
    "image credit", "image", "images", "picture credit", "pictures", "picture", "main image",
    "top image", "lead image", "header image", "cover photo", "illustration", "credit",
];

/// Reads `line` as a picture credit: `Some(Some(credit))`, or `Some(None)` for a picture credit
/// line that names nobody; `None` when the line is not a picture credit.
pub(crate) fn picture(line: &str) -> Option<Option<Credit>> {
    // A long line is ruled out by its length alone, before its text is read: of a long body,
    // most lines, whose text is no longer in the processor's caches when picture credits are
    // looked for.
    if line.len() > 200 {
        return None;
    }
    // Every opening, `photo by ` too, starts with a letter some prefix starts with: any other
    // line is ruled out before its words are counted.
    let first = line.as_bytes().first()?.to_ascii_lowercase();
    if !PICTURE_PREFIXES
        .iter()
        .any(|p| p.as_bytes().first() == Some(&first))
        || more_words_than(line, 20)
    {
        return None;
    }
    for prefix in PICTURE_PREFIXES {
        if let Some(rest) = strip_prefix_ci(line, prefix)
            && let Some(rest) = rest.trim_start().strip_prefix(':')
        {
            // "Image: the brand suffered." is a sentence, not a credit.
            let rest = rest.trim();
            if rest.starts_with(char::is_lowercase)
                || crate::text::has_several_sentences(rest)
                || more_words_than(rest, 12)
            {
                return None;
            }
            return Some(parse_credit(rest));
        }
    }
    // "Photo by Ada Quill on Lumen", as picture libraries ask to be credited.
    let rest = strip_prefix_ci(line, "photo by ")?;
    let rest = rest.trim().trim_end_matches('.');
    let (creator, provider) = match split_ci(rest, " on ").or_else(|| split_ci(rest, " via ")) {
        Some((creator, provider)) => (creator.trim(), Some(provider.trim())),
        None => (rest, None),
    };
    if !is_name(creator) {
        return None;
    }
    Some(Some(Credit {
        text: line.trim_end_matches('.').to_owned(),
        creator: Some(creator.to_owned()),
        provider: provider.filter(|p| !p.is_empty()).map(str::to_owned),
    }))
}

/// Words that make a credit without a separator an agency rather than a person.
#[rustfmt::skip]
const PROVIDER_WORDS: &[&str] = &[
    "images", "image", "photo", "photos", "pictures", "press", "agency", "news", "media", "stock",
    "archive", "archives", "library", "collection", "museum", "handout", "pool", "commons",
    "studio", "studios",
];

/// Splits a picture credit as printed (`Ada Quill / Lumen`, `Lumen Photo/Ada Quill`,
/// `LUMEN/Ada Quill`, `Ada Quill via Lumen`, `Ada Quill (Lumen)`) into creator and provider.
/// `None` when the credit is empty.
pub(crate) fn parse_credit(text: &str) -> Option<Credit> {
    let text = text.trim();
    let text = text.strip_suffix('.').unwrap_or(text).trim();
    if text.is_empty() {
        return None;
    }
    let some = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    };
    let (creator, provider) = if let Some((left, right)) = text.split_once('/') {
        let left = left.trim();
        let agency = strip_suffix_ci(left, " pool photo")
            .or_else(|| strip_suffix_ci(left, " photos"))
            .or_else(|| strip_suffix_ci(left, " photo"));
        match agency {
            Some(agency) => (some(right), some(agency)),
            None if is_shouting(left) && !is_shouting(right) => (some(right), some(left)),
            None => (some(left), some(right)),
        }
    } else if let Some((creator, provider)) =
        split_ci(text, " via ").or_else(|| split_ci(text, " for "))
    {
        (some(creator), some(provider))
    } else if let Some(inner) = text.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        (some(&inner[..open]), some(&inner[open + 1..]))
    } else {
        let words: Vec<&str> = split_spaces(text).collect();
        let agency = words.len() == 1
            || is_shouting(text)
            || words.iter().any(|w| {
                PROVIDER_WORDS
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(w.trim_matches(|c: char| !c.is_alphanumeric())))
            });
        if agency {
            (None, some(text))
        } else {
            (some(text), None)
        }
    };
    Some(Credit {
        text: text.to_owned(),
        creator,
        provider,
    })
}

/// The genre a credit's description names: "original article and analysis" is analysis.
pub(crate) fn genre_of(description: &str) -> Option<Genre> {
    const KEYWORDS: &[(&str, Genre)] = &[
        ("analysis", Genre::Analysis),
        ("opinion", Genre::Opinion),
        ("commentary", Genre::Opinion),
        ("column", Genre::Opinion),
        ("editorial", Genre::Opinion),
        ("op-ed", Genre::Opinion),
        ("review", Genre::Review),
        ("background", Genre::Background),
        ("explainer", Genre::Background),
        ("feature", Genre::Feature),
        ("interview", Genre::Interview),
        ("obituary", Genre::Obituary),
        ("report", Genre::Reportage),
        ("reporting", Genre::Reportage),
        ("reportage", Genre::Reportage),
        ("news", Genre::Reportage),
    ];
    let words: Vec<String> = description
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    KEYWORDS
        .iter()
        .find(|(k, _)| words.iter().any(|w| w == k))
        .map(|(_, g)| *g)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[Person]) -> String {
        list.iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("|")
    }

    /// Expects a short rendering of the line, or `None` for "not a trailer line".
    #[track_caller]
    fn check(line: &str, expect: Option<&str>) {
        let got = parse(line).map(|l| match l {
            Line::Written {
                authors,
                publisher,
                description,
            } => format!(
                "written {} for {} ({})",
                names(&authors),
                publisher.unwrap_or_default(),
                description.unwrap_or_default()
            ),
            Line::Roles(roles) => roles
                .iter()
                .map(|(r, p)| format!("{r:?} {}", names(p)))
                .collect::<Vec<_>>()
                .join("; "),
            Line::Contributed(p) => format!("contributed {}", names(&p)),
            Line::Byline(p) => format!("byline {}", names(&p)),
            Line::Sources(s) => format!("sources {}", s.join("|")),
            Line::Unreadable(why) => format!("unreadable: {why}"),
        });
        assert_eq!(got.as_deref(), expect, "{line:?}");
    }

    #[test]
    fn case_blind_search() {
        for (s, needle, expect) in [
            ("Ada CONTRIBUTED", "contributed", Some(4)),
            ("Ünsere contributed", " contributed", Some(7)),
            ("é é", "e", None),
            ("", "", Some(0)),
            ("abc", "", Some(0)),
            ("ab", "abc", None),
            ("xx FoR yy", " for ", Some(2)),
        ] {
            assert_eq!(find_ci(s, needle), expect, "{s:?} {needle:?}");
        }
        // Needles at every place of texts with near misses, in every case, agree with a search
        // of both put in lower case.
        let words = [
            "contributed",
            "CONTRIBUTED",
            "Contrib",
            "c",
            "C",
            " for ",
            "FOR",
            "é",
            "x",
        ];
        for a in words {
            for b in words {
                for pad in 0..40 {
                    let s = format!("{}{a} {b}", "ç".repeat(pad % 3) + &"y".repeat(pad));
                    for needle in ["contributed", " for ", "c", "contributed to this report"] {
                        assert_eq!(
                            find_ci(&s, needle),
                            s.to_ascii_lowercase().find(needle),
                            "{s:?} {needle:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn trailer_lines() {
        for (line, expect) in [
            (
                "Written by Ada Quill for Harbour Ledger Group, original reporting and analysis.",
                Some(
                    "written Ada Quill for Harbour Ledger Group (original reporting and analysis)",
                ),
            ),
            (
                "Written by Ada Quill and Bo Renn for The Kestrel Courier.",
                Some("written Ada Quill|Bo Renn for The Kestrel Courier ()"),
            ),
            ("Written by Ada Quill.", Some("written Ada Quill for  ()")),
            ("Written by hand in 1890, the letter survived.", None),
            (
                "Reporting by Ada Quill and Bo Renn; Editing by Cy Tarn",
                Some("Reporting Ada Quill|Bo Renn; Editing Cy Tarn"),
            ),
            (
                "Reporting by Ada Quill in Port Wren; Additional reporting by Bo Renn; Editing by Cy Tarn and Di Moss",
                Some("Reporting Ada Quill; Contributing Bo Renn; Editing Cy Tarn|Di Moss"),
            ),
            (
                "Reporting by the harbour desk",
                Some("unreadable: a credit line whose names could not be read"),
            ),
            (
                "Ada Quill contributed to this report.",
                Some("contributed Ada Quill"),
            ),
            (
                "Ada Quill and Bo Renn contributed reporting.",
                Some("contributed Ada Quill|Bo Renn"),
            ),
            (
                "Ledger writer Ada Quill contributed to this report from Port Wren.",
                Some("contributed Ada Quill"),
            ),
            ("Everyone in the village contributed.", None),
            (
                "Sources: Port Wren Harbour Authority, Coastwire, Norland Weather Office.",
                Some("sources Port Wren Harbour Authority|Coastwire|Norland Weather Office"),
            ),
            (
                "Sources: Ministry of Tides, Norland; Coastwire.",
                Some("sources Ministry of Tides, Norland|Coastwire"),
            ),
            ("Source: Coastwire.", Some("sources Coastwire")),
            (
                "Sources: Harbour Towage Co., Port Wren Pilots, and Coastwire.",
                Some("sources Harbour Towage Co.|Port Wren Pilots|Coastwire"),
            ),
            (
                "Sources: Harbour Towage Co.; Norland Weather Office.",
                Some("sources Harbour Towage Co.|Norland Weather Office"),
            ),
            (
                "Sources:",
                Some("unreadable: a sources line that names no source"),
            ),
            ("By Ada Quill", Some("byline Ada Quill")),
            ("The ferry sailed at dawn.", None),
        ] {
            check(line, expect);
        }
    }

    type Parts<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

    /// Expects `(text, creator, provider)`, or `None` for "not a picture credit".
    #[track_caller]
    fn check_picture(line: &str, expect: Option<Option<Parts<'_>>>) {
        let got = picture(line);
        let got = got.as_ref().map(|c| {
            c.as_ref()
                .map(|c| (c.text.as_str(), c.creator.as_deref(), c.provider.as_deref()))
        });
        assert_eq!(got, expect, "{line:?}");
    }

    #[test]
    fn picture_credits() {
        for (line, expect) in [
            (
                "Photo: Ada Quill / Lumen",
                Some(Some((
                    "Ada Quill / Lumen",
                    Some("Ada Quill"),
                    Some("Lumen"),
                ))),
            ),
            (
                "Photo credit: Ada Quill/Lumen",
                Some(Some(("Ada Quill/Lumen", Some("Ada Quill"), Some("Lumen")))),
            ),
            (
                "Photo: CW Photo/Ada Quill",
                Some(Some(("CW Photo/Ada Quill", Some("Ada Quill"), Some("CW")))),
            ),
            (
                "Photo: COASTWIRE/Ada Quill",
                Some(Some((
                    "COASTWIRE/Ada Quill",
                    Some("Ada Quill"),
                    Some("COASTWIRE"),
                ))),
            ),
            (
                "Photograph: Ada Quill",
                Some(Some(("Ada Quill", Some("Ada Quill"), None))),
            ),
            ("Image: Lumen", Some(Some(("Lumen", None, Some("Lumen"))))),
            (
                "Picture: Harbour Images",
                Some(Some(("Harbour Images", None, Some("Harbour Images")))),
            ),
            (
                "Photo: Ada Quill via Lumen.",
                Some(Some((
                    "Ada Quill via Lumen",
                    Some("Ada Quill"),
                    Some("Lumen"),
                ))),
            ),
            (
                "Photo: Ada Quill (Lumen)",
                Some(Some((
                    "Ada Quill (Lumen)",
                    Some("Ada Quill"),
                    Some("Lumen"),
                ))),
            ),
            (
                "PHOTO : Ada Quill / Lumen",
                Some(Some((
                    "Ada Quill / Lumen",
                    Some("Ada Quill"),
                    Some("Lumen"),
                ))),
            ),
            (
                "Photo by Ada Quill on Lumen",
                Some(Some((
                    "Photo by Ada Quill on Lumen",
                    Some("Ada Quill"),
                    Some("Lumen"),
                ))),
            ),
            ("Photo:", Some(None)),
            ("Image: the brand suffered for years.", None),
            ("Picture: Rain fell. Roads closed.", None),
            ("Photographers gathered at the quay.", None),
            ("Photo by the quay, the lamps glowed.", None),
        ] {
            check_picture(line, expect);
        }
    }

    #[track_caller]
    fn check_genre(description: &str, expect: Option<Genre>) {
        assert_eq!(genre_of(description), expect, "{description:?}");
    }

    #[test]
    fn genres() {
        for (description, expect) in [
            ("original article and analysis", Some(Genre::Analysis)),
            ("an opinion column", Some(Genre::Opinion)),
            ("commentary", Some(Genre::Opinion)),
            ("film review", Some(Genre::Review)),
            ("explainer", Some(Genre::Background)),
            ("weekend feature", Some(Genre::Feature)),
            ("interview", Some(Genre::Interview)),
            ("obituary", Some(Genre::Obituary)),
            ("original reporting", Some(Genre::Reportage)),
            ("news", Some(Genre::Reportage)),
            ("original article", None),
        ] {
            check_genre(description, expect);
        }
    }
}
