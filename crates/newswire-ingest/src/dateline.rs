//! Datelines that open a lead: `PLACE —`, `PLACE, Region (AGENCY) —`,
//! `PLACE, Mon DD (AGENCY) -`.

use newswire_model::Dateline;

use crate::text::{split_spaces, split_where};

/// The longest dateline considered, in bytes, before its dash.
const MAX_DATELINE: usize = 120;

/// Splits a lead into its dateline and the text after it, which is the end of `lead` (a test
/// checks): a caller may cut the lead down to it in place. `None` when the lead does not open
/// with a dateline.
pub(crate) fn split(lead: &str) -> Option<(Dateline, &str)> {
    let (head, rest) = find_separator(lead)?;
    let head = head.trim_end();
    let rest = rest.trim_start();
    let opens = rest.chars().next()?;
    if !(opens.is_uppercase()
        || opens.is_ascii_digit()
        || matches!(opens, '"' | '\'' | '“' | '‘' | '(' | '«'))
    {
        return None;
    }
    Some((parse_head(head)?, rest))
}

/// Finds the first dash that could close a dateline: an em or en dash, or a spaced hyphen.
/// The dashes are found by a byte search: `-` is one byte, and `—` (E2 80 94) and `–`
/// (E2 80 93) open with a byte that only ever opens a character.
fn find_separator(lead: &str) -> Option<(&str, &str)> {
    let bytes = lead.as_bytes();
    // A dash that starts past the longest dateline is not looked at.
    let searched = bytes.get(..=MAX_DATELINE).unwrap_or(bytes);
    for i in memchr::memchr2_iter(b'-', 0xE2, searched) {
        if bytes[i] == b'-' {
            if lead[..i].ends_with(' ') {
                let after = &lead[i + 1..];
                if let Some(after) = after.strip_prefix("- ").or_else(|| after.strip_prefix(' ')) {
                    return Some((&lead[..i], after));
                }
            }
        } else if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])) {
            return Some((&lead[..i], &lead[i + 3..]));
        }
    }
    None
}

fn parse_head(head: &str) -> Option<Dateline> {
    if head.is_empty() {
        return None;
    }
    let (rest, agency) = match head.strip_suffix(')') {
        Some(inner) => {
            let open = inner.rfind('(')?;
            let agency = inner[open + 1..].trim();
            if agency.is_empty() || agency.len() > 60 {
                return None;
            }
            (inner[..open].trim_end(), Some(agency.to_owned()))
        }
        None => (head, None),
    };
    let mut parts = split_where(rest, |b| b == b',').map(str::trim);
    let place = parts.next()?;
    if !is_place(place) {
        return None;
    }
    let mut region: Vec<&str> = Vec::new();
    let mut date: Option<String> = None;
    for part in parts {
        if part.is_empty() {
            return None;
        }
        if is_date(part) && date.is_none() {
            date = Some(part.to_owned());
        } else if let Some(d) = &mut date
            && is_year(part)
        {
            d.push_str(", ");
            d.push_str(part);
        } else if part.chars().next().is_some_and(char::is_uppercase) && part.len() <= 60 {
            region.push(part);
        } else {
            return None;
        }
    }
    if region.len() > 3 {
        return None;
    }
    Some(Dateline {
        text: head.to_owned(),
        place: place.to_owned(),
        region: (!region.is_empty()).then(|| region.join(", ")),
        date,
        agency,
    })
}

/// Whether `s` is a place as datelines print it: capitals, with spaces, dots, apostrophes and
/// hyphens, at least two letters, at most five words.
fn is_place(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !matches!(c, ' ' | '.' | '\'' | '’' | '-') {
            return false;
        }
    }
    letters >= 2
        && s.chars().next().is_some_and(char::is_alphabetic)
        && split_spaces(s).count() <= 5
}

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december",
];

fn is_month(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

fn is_day(word: &str) -> bool {
    (1..=2).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_digit())
        && word.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `s` is a date as datelines print it: `Nov 3`, `Nov. 3`, `March 14`, `14 March`.
fn is_date(s: &str) -> bool {
    let mut words = split_spaces(s);
    match (words.next(), words.next(), words.next()) {
        (Some(a), Some(b), None) => (is_month(a) && is_day(b)) || (is_day(a) && is_month(b)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Expect<'a> = Option<(
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        &'a str,
    )>;

    /// Expects `(place, region, date, agency, rest)`, or `None` for "no dateline".
    #[track_caller]
    fn check(lead: &str, expect: Expect<'_>) {
        let got = split(lead).map(|(d, rest)| {
            // The text is the dateline as printed: all of the lead before the closing dash,
            // without that dash or the space around it.
            let dash = lead
                .strip_prefix(d.text.as_str())
                .and_then(|after| after.strip_suffix(rest))
                .map(str::trim);
            assert!(
                d.text.trim() == d.text && matches!(dash, Some("—" | "–" | "-" | "--")),
                "text {:?} of {lead:?}",
                d.text
            );
            (d.place, d.region, d.date, d.agency, rest)
        });
        let got = got.as_ref().map(|(p, r, d, a, rest)| {
            (p.as_str(), r.as_deref(), d.as_deref(), a.as_deref(), *rest)
        });
        assert_eq!(got, expect, "{lead:?}");
    }

    /// [`find_separator`] as a walk over every character.
    fn plain_find_separator(lead: &str) -> Option<(&str, &str)> {
        for (i, c) in lead.char_indices() {
            if i > MAX_DATELINE {
                return None;
            }
            match c {
                '—' | '–' => return Some((&lead[..i], &lead[i + c.len_utf8()..])),
                '-' if lead[..i].ends_with(' ') => {
                    let after = &lead[i + 1..];
                    if let Some(after) =
                        after.strip_prefix("- ").or_else(|| after.strip_prefix(' '))
                    {
                        return Some((&lead[..i], after));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Every dash, and characters that share bytes with the dashes (`‒`, `’`, `…`), at every
    /// place around the longest dateline, after text with and without characters beyond ASCII.
    #[test]
    fn separators_found_as_by_a_walk_over_the_characters() {
        let mut found = 0;
        for lead in ["A", "é", "“Ş”", "AB CD"] {
            for dash in [
                " — ", "—", " – ", " - ", " -- ", "-", " -x", " ‒ ", "’", "…", " —",
            ] {
                for len in 0..MAX_DATELINE + 8 {
                    let head: String = lead.chars().cycle().take(len).collect();
                    let text = format!("{head}{dash}Rain fell.");
                    let expect = plain_find_separator(&text);
                    assert_eq!(find_separator(&text), expect, "{text:?}");
                    found += usize::from(expect.is_some());
                }
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn datelines() {
        for (lead, expect) in [
            (
                "PORT WREN — The lamps were lit.",
                Some(("PORT WREN", None, None, None, "The lamps were lit.")),
            ),
            (
                "PORT WREN—The lamps were lit.",
                Some(("PORT WREN", None, None, None, "The lamps were lit.")),
            ),
            (
                "PORT WREN – The lamps were lit.",
                Some(("PORT WREN", None, None, None, "The lamps were lit.")),
            ),
            (
                "PORT WREN - The lamps were lit.",
                Some(("PORT WREN", None, None, None, "The lamps were lit.")),
            ),
            (
                "PORT WREN -- The lamps were lit.",
                Some(("PORT WREN", None, None, None, "The lamps were lit.")),
            ),
            (
                "ST. ELMO — Rain fell.",
                Some(("ST. ELMO", None, None, None, "Rain fell.")),
            ),
            (
                "L’ANSE-AUX-PINS — Rain fell.",
                Some(("L’ANSE-AUX-PINS", None, None, None, "Rain fell.")),
            ),
            (
                "SÃO TOMÉ — Rain fell.",
                Some(("SÃO TOMÉ", None, None, None, "Rain fell.")),
            ),
            (
                "KESTREL BAY, Norland (Coastwire) — Rain fell.",
                Some((
                    "KESTREL BAY",
                    Some("Norland"),
                    None,
                    Some("Coastwire"),
                    "Rain fell.",
                )),
            ),
            (
                "KESTREL BAY, Nov 3 (Coastwire) - Rain fell.",
                Some((
                    "KESTREL BAY",
                    None,
                    Some("Nov 3"),
                    Some("Coastwire"),
                    "Rain fell.",
                )),
            ),
            (
                "KESTREL BAY, Norland, March 14, 2026 (CW) — Rain fell.",
                Some((
                    "KESTREL BAY",
                    Some("Norland"),
                    Some("March 14, 2026"),
                    Some("CW"),
                    "Rain fell.",
                )),
            ),
            (
                "KESTREL BAY (CW) — “Rain,” he said.",
                Some(("KESTREL BAY", None, None, Some("CW"), "“Rain,” he said.")),
            ),
            (
                "OSLOV — 40 boats sailed.",
                Some(("OSLOV", None, None, None, "40 boats sailed.")),
            ),
            // Not datelines.
            ("US — the capital of nowhere.", None),
            ("us — and others agreed.", None),
            ("I - think so, she said.", None),
            ("Officials in the US — and abroad — agreed.", None),
            ("The port — long closed — reopened.", None),
            ("KESTREL BAY, norland — Rain fell.", None),
            ("PORT WREN said - nothing.", None),
            ("PORT-WREN-FERRY timetable", None),
            ("A — B", None),
            ("— Rain fell.", None),
            ("PORT WREN —", None),
            ("PORT WREN () — Rain.", None),
        ] {
            check(lead, expect);
        }
    }
}
