//! Slugs derived from headlines.

use newswire_model::Slug;

/// Longest derived slug, in bytes.
const MAX_DERIVED: usize = 80;

/// The slug of `title`: transliterated to ASCII, lower-case, runs of letters and digits
/// joined by single hyphens, cut at a word boundary to at most 80 bytes. Apostrophes join
/// rather than split (`Harbour’s` gives `harbours`). `None` when nothing is left.
///
/// ```
/// use newswire_ingest::slugify;
///
/// let slug = slugify("Ferry fares rise 12% in São Tomé’s harbour").unwrap();
/// assert_eq!(slug.as_str(), "ferry-fares-rise-12-in-sao-tomes-harbour");
/// assert!(slugify("— ! —").is_none());
/// ```
pub fn slugify(title: &str) -> Option<Slug> {
    let ascii = deunicode::deunicode(title);
    let mut slug = String::with_capacity(ascii.len().min(MAX_DERIVED));
    let mut run = String::new();
    let mut full = false;
    let mut push_run = |run: &mut String, slug: &mut String| {
        if run.is_empty() || full {
            run.clear();
            return;
        }
        let sep = usize::from(!slug.is_empty());
        if slug.len() + sep + run.len() <= MAX_DERIVED {
            if sep == 1 {
                slug.push('-');
            }
            slug.push_str(run);
        } else {
            if slug.is_empty() {
                // One word longer than the limit: nothing else to cut at.
                slug.push_str(&run[..MAX_DERIVED]);
            }
            full = true;
        }
        run.clear();
    };
    let bytes = ascii.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            run.push(char::from(b.to_ascii_lowercase()));
        } else if b != b'\'' && !joins_initials(bytes, i) {
            push_run(&mut run, &mut slug);
        }
    }
    push_run(&mut run, &mut slug);
    Slug::new(&slug).ok()
}

/// Whether the byte at `i` is a full stop inside initials such as `U.S.A`, which join.
fn joins_initials(bytes: &[u8], i: usize) -> bool {
    let letter = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_alphabetic);
    if bytes.get(i) != Some(&b'.') || i == 0 || !letter(i - 1) || !letter(i + 1) {
        return false;
    }
    // The letter before the stop stands alone: it opens the text or follows a non-letter,
    // such as the stop of the initial before it.
    i < 2 || !bytes[i - 2].is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(title: &str, expect: Option<&str>) {
        let got = slugify(title);
        assert_eq!(got.as_ref().map(Slug::as_str), expect, "{title:?}");
    }

    #[test]
    fn slugs() {
        let long = "word ".repeat(30);
        let expect_long = vec!["word"; 16].join("-");
        let giant = "x".repeat(200);
        let expect_giant = "x".repeat(80);
        for (title, expect) in [
            ("Harbour lights return", Some("harbour-lights-return")),
            (
                "U.S. envoys meet N.A.T.O. staff",
                Some("us-envoys-meet-nato-staff"),
            ),
            (
                "St.Elmo costs 3.5 million",
                Some("st-elmo-costs-3-5-million"),
            ),
            ("  Harbour -- lights!!  ", Some("harbour-lights")),
            ("Port Wren’s “new” quay", Some("port-wrens-new-quay")),
            ("Ça va, Zürich? Ærø & Łódź", Some("ca-va-zurich-aero-lodz")),
            (
                "2026: a year in 10 charts",
                Some("2026-a-year-in-10-charts"),
            ),
            ("北京", Some("bei-jing")),
            ("", None),
            ("— ! —", None),
            (long.as_str(), Some(expect_long.as_str())),
            (giant.as_str(), Some(expect_giant.as_str())),
        ] {
            check(title, expect);
        }
    }
}
