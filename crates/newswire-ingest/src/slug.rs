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
    // A title in ASCII is read as it is, without a copy.
    let ascii = deunicode::deunicode_with_tofu_cow(title, "[?]");
    let bytes = ascii.as_bytes();
    // Each run goes straight into the slug, after a hyphen when it is not the first; a run
    // that does not fit is taken back out, and the slug is then full. The slug never holds
    // more than the limit, and never more bytes than the title has.
    let mut slug = String::with_capacity(bytes.len().min(MAX_DERIVED));
    // Where the slug ended before the current run and its hyphen, while a run is open.
    let mut run_start: Option<usize> = None;
    // Whether some of the current run did not fit.
    let mut overflow = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            if run_start.is_none() {
                run_start = Some(slug.len());
                if !slug.is_empty() {
                    put(&mut slug, '-', &mut overflow);
                }
            }
            put(&mut slug, char::from(b.to_ascii_lowercase()), &mut overflow);
        } else if b != b'\''
            && !joins_initials(bytes, i)
            // The run, if one was open, ends here.
            && let Some(start) = run_start.take()
            && overflow
        {
            end_full(&mut slug, start);
            break;
        }
    }
    if let Some(start) = run_start
        && overflow
    {
        end_full(&mut slug, start);
    }
    Slug::new(&slug).ok()
}

/// Adds `c` to the slug while it is shorter than the limit; otherwise notes the overflow.
fn put(slug: &mut String, c: char, overflow: &mut bool) {
    if slug.len() < MAX_DERIVED {
        slug.push(c);
    } else {
        *overflow = true;
    }
}

/// Takes the run that did not fit, which started at byte `start` of the slug, back out; a
/// first run longer than the limit is cut at the limit instead, as there is nothing else to
/// cut at.
fn end_full(slug: &mut String, start: usize) {
    if start > 0 {
        slug.truncate(start);
    }
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

    /// [`slugify`] as each run collected on its own and then added to the slug if it fits.
    fn plain_slugify(title: &str) -> Option<Slug> {
        let ascii = deunicode::deunicode(title);
        let mut slug = String::new();
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

    /// Titles of every length around the limit, with runs ending on every kind of separator,
    /// give the slug the plain definition gives.
    #[test]
    fn slugs_agree_with_the_plain_definition() {
        let words = [
            "a", "Ab", "abc", "U.S.", "it's", "São", "—", "!!", "x.y", "1", "12.5", "北京", "Łódź",
        ];
        let mut checked = 0;
        for seed in 0u32..3000 {
            // A small linear congruential generator: the same titles on every run.
            let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(12_345);
            let mut next = |n: u32| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (state >> 16) % n
            };
            let mut title = String::new();
            let target = usize::try_from(next(130)).unwrap_or_default();
            while title.len() < target {
                let word = words[usize::try_from(next(13)).unwrap_or_default()];
                match next(6) {
                    0 => title.push_str(&"q".repeat(usize::try_from(next(90)).unwrap_or(1))),
                    1 => title.push_str(word),
                    2 => title.push(' '),
                    3 => title.push('-'),
                    _ => {
                        title.push_str(word);
                        title.push(' ');
                    }
                }
            }
            let expect = plain_slugify(&title);
            assert_eq!(slugify(&title), expect, "{title:?}");
            checked += usize::from(expect.is_some());
        }
        assert!(checked > 2000);
    }
}
