//! People's names in credits: splitting `A, B and C`, telling a name from a role such as
//! `Staff Writer`, and writing names printed in capitals normally.

use newswire_model::Person;

use crate::text::{is_particle, is_shouting, split_spaces, split_where, title_case};

/// Words that make a credit part a role, title or affiliation rather than a name, in
/// byte order (a test checks), so that a word is looked up by binary search.
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "affairs", "agency", "analyst", "analysts", "associated", "bureau", "business", "chief",
    "chronicle", "climate", "columnist", "columnists", "contributing", "contributor",
    "contributors", "correspondent", "correspondents", "courier", "critic", "critics", "culture",
    "data", "defence", "defense", "deputy", "desk", "digital", "diplomatic", "director",
    "economics", "editor", "editors", "education", "environment", "executive", "fellow",
    "freelance", "gazette", "group", "head", "health", "herald", "intern", "international",
    "investigations", "investigative", "journalist", "journalists", "ledger", "managing", "media",
    "news", "photographer", "photographers", "political", "post", "press", "producer", "producers",
    "reporter", "reporters", "science", "security", "senior", "service", "special", "sports",
    "staff", "technology", "times", "tribune", "video", "visual", "wire", "writer", "writers",
];

/// The longest of [`ROLE_WORDS`], in bytes.
const ROLE_WORD_MAX: usize = 14;

/// [`ROLE_WORDS`] as numbers: each word's bytes, padded with zeros to 16, read big-endian.
/// No word holds a zero byte, so the numbers are in the words' order, and a lookup compares
/// two numbers at each step rather than two strings.
const ROLE_KEYS: [u128; ROLE_WORDS.len()] = {
    let mut keys = [0; ROLE_WORDS.len()];
    let mut i = 0;
    while i < ROLE_WORDS.len() {
        let word = ROLE_WORDS[i].as_bytes();
        let mut bytes = [0u8; 16];
        let mut j = 0;
        while j < word.len() {
            bytes[j] = word[j];
            j += 1;
        }
        keys[i] = u128::from_be_bytes(bytes);
        i += 1;
    }
    keys
};

fn is_role_word(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    // Role words are short and ASCII: a word that could be one is put in lower case on the
    // stack and looked up.
    if word.len() > ROLE_WORD_MAX || !word.is_ascii() {
        return false;
    }
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word.as_bytes());
    bytes.make_ascii_lowercase();
    ROLE_KEYS.binary_search(&u128::from_be_bytes(bytes)).is_ok()
}

/// Splits a list of names: `A, B and C`, `A & B`, `A, B, and C`.
pub(crate) fn split_list(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in split_where(s, |b| b == b',' || b == b';') {
        let part = part.trim();
        let part = part
            .strip_prefix("and ")
            .or_else(|| part.strip_prefix("& "))
            .unwrap_or(part);
        for piece in split_at(part, " and ").flat_map(|p| split_at(p, " & ")) {
            let piece = piece.trim();
            if !piece.is_empty() {
                out.push(piece);
            }
        }
    }
    out
}

/// `s.split(joiner)` for a joiner that starts with a space: the spaces are found by a byte
/// search and the joiner compared where they are, rather than a searcher built for each
/// string (which cost more than the search, on strings as short as credits).
fn split_at<'a>(s: &'a str, joiner: &'static str) -> impl Iterator<Item = &'a str> {
    debug_assert!(joiner.starts_with(' '));
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let text = rest?;
        let bytes = text.as_bytes();
        let found =
            memchr::memchr_iter(b' ', bytes).find(|&i| bytes[i..].starts_with(joiner.as_bytes()));
        match found {
            Some(i) => {
                rest = text.get(i + joiner.len()..);
                text.get(..i)
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// Whether `s` reads as one person's name: one to six words, each capitalised (particles such
/// as `van` aside), letters with dots, hyphens and apostrophes only, and no role words.
pub(crate) fn is_name(s: &str) -> bool {
    if s.is_empty() || s.len() > 80 {
        return false;
    }
    let mut words = 0;
    let mut capitalised = 0;
    for word in split_spaces(s) {
        words += 1;
        if words > 6 || word.is_empty() || is_role_word(word) {
            return false;
        }
        if !word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        {
            return false;
        }
        if words == 1 && matches!(word, "The" | "A" | "An" | "THE") {
            return false;
        }
        if word.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        } else if !is_particle(word) {
            return false;
        }
    }
    capitalised > 0
}

/// Whether `s` reads as a role or affiliation after a name: `Staff Writer`,
/// `Correspondent in Kyiv`, `Special to the Ledger`.
pub(crate) fn is_role(s: &str) -> bool {
    if s.is_empty() || s.len() > 80 || split_spaces(s).count() > 8 {
        return false;
    }
    if split_spaces(s).any(is_role_word) {
        return true;
    }
    split_spaces(s).any(|w| w.chars().next().is_some_and(char::is_lowercase) && !is_particle(w))
        || s.starts_with("The ")
}

/// A name as people write it: capitals normalised, stray punctuation around it removed.
pub(crate) fn normalize_name(s: &str) -> String {
    let s = s.trim().trim_end_matches([',', ';', ':']);
    if is_shouting(s) {
        title_case(s)
    } else {
        s.to_owned()
    }
}

/// A role as printed, capitals normalised.
pub(crate) fn normalize_role(s: &str) -> String {
    normalize_name(s)
}

/// Parses a list of names into people, or `None` when some part is not a name.
pub(crate) fn people(s: &str) -> Option<Vec<Person>> {
    let parts = split_list(s);
    if parts.is_empty() {
        return None;
    }
    parts
        .into_iter()
        .map(|p| is_name(p).then(|| Person::named(normalize_name(p))))
        .collect()
}

/// Whether two names are the same person's, ignoring case and spacing.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let mut x = a.split_whitespace();
    let mut y = b.split_whitespace();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if same_word(p, q) => {}
            _ => return false,
        }
    }
}

/// Whether two words are the same in lower case; ASCII words are compared without copies.
fn same_word(p: &str, q: &str) -> bool {
    if p.is_ascii() && q.is_ascii() {
        p.eq_ignore_ascii_case(q)
    } else {
        p.to_lowercase() == q.to_lowercase()
    }
}

/// Appends the people in `more` that are not in `list` yet.
pub(crate) fn merge(list: &mut Vec<Person>, more: Vec<Person>) {
    if list.is_empty() {
        // Into an empty list, `more` itself becomes the list, less the people it names twice:
        // no allocation, where pushing would make one.
        *list = more;
        let mut kept = 0;
        for i in 0..list.len() {
            if !list[..kept]
                .iter()
                .any(|q| same_name(&q.name, &list[i].name))
            {
                list.swap(kept, i);
                kept += 1;
            }
        }
        list.truncate(kept);
        return;
    }
    for p in more {
        if !list.iter().any(|q| same_name(&q.name, &p.name)) {
            list.push(p);
        }
    }
}

/// Whether two lists name the same people, in any order.
pub(crate) fn same_people(a: &[Person], b: &[Person]) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|p| b.iter().any(|q| same_name(&p.name, &q.name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The role words are in byte order and no longer than the lookup's buffer, and a word is
    /// one exactly when it equals one ignoring ASCII case, once trimmed of what is not a letter
    /// or digit.
    #[test]
    fn role_words_are_looked_up_by_binary_search() {
        assert!(ROLE_WORDS.is_sorted(), "ROLE_WORDS in byte order");
        assert!(
            ROLE_KEYS.windows(2).all(|w| w[0] < w[1]),
            "ROLE_KEYS in the words' order, each once"
        );
        assert_eq!(
            ROLE_WORDS.iter().map(|w| w.len()).max(),
            Some(ROLE_WORD_MAX)
        );
        let linear = |word: &str| {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            ROLE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(word))
        };
        let mut words: Vec<String> = Vec::new();
        for role in ROLE_WORDS {
            words.push((*role).to_owned());
            words.push(role.to_ascii_uppercase());
            words.push(format!("({role}),"));
            words.push(format!("{role}s"));
            words.push(role[..role.len() - 1].to_owned());
            words.push(format!("{role}é"));
        }
        words.extend(
            [
                "",
                "Ada",
                "Quill",
                "é",
                "ÉDITOR",
                "investigationss",
                "Wire’s",
                "Ståff",
                "a-b",
            ]
            .map(str::to_owned),
        );
        for word in &words {
            assert_eq!(is_role_word(word), linear(word), "{word:?}");
        }
        assert!(is_role_word("Correspondent"));
        assert!(!is_role_word("Quill"));
    }

    #[track_caller]
    fn check(s: &str, name: bool, role: bool) {
        assert_eq!((is_name(s), is_role(s)), (name, role), "{s:?}");
    }

    #[test]
    fn names_and_roles() {
        for (s, name, role) in [
            ("Jane Doe", true, false),
            ("JANE DOE", true, false),
            ("Anna van der Berg", true, false),
            ("J.R. Quill", true, false),
            ("Mary-Kate O'Neill", true, false),
            ("Staff Writer", false, true),
            ("STAFF WRITER", false, true),
            ("Correspondent in Port Wren", false, true),
            ("Special to the Ledger", false, true),
            ("The Harbour Ledger", false, true),
            ("Associated Press", false, true),
            ("officials said", false, true),
            ("R2D2", false, false),
            ("", false, false),
        ] {
            check(s, name, role);
        }
    }

    /// [`split_at`] cuts where `str::split` does: the leftmost joiner first, never two that
    /// overlap, empty pieces kept.
    #[test]
    fn split_at_is_split() {
        let pieces = ["A", " ", "and", " and ", "&", " & ", "  ", "é", "B", "and "];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        assert!(texts.len() > 5000);
        for text in &texts {
            for joiner in [" and ", " & "] {
                let ours: Vec<&str> = split_at(text, joiner).collect();
                let std: Vec<&str> = text.split(joiner).collect();
                assert_eq!(ours, std, "{text:?} at {joiner:?}");
            }
        }
    }

    /// [`merge`] into an empty list, which takes the new list over, and into a list with
    /// people, which pushes: both as pushing each person not in the list yet does.
    #[test]
    fn merge_keeps_the_first_of_each_name() {
        let plain = |list: &[Person], more: &[Person]| {
            let mut out = list.to_vec();
            for p in more {
                if !out.iter().any(|q| same_name(&q.name, &p.name)) {
                    out.push(p.clone());
                }
            }
            out
        };
        let person = |name: &str, role: &str| Person {
            role: Some(role.to_owned()),
            ..Person::named(name)
        };
        let lists = [
            vec![],
            vec![person("Ada Quill", "a")],
            vec![person("Ada Quill", "a"), person("ADA  QUILL", "b")],
            vec![
                person("Bo Renn", "a"),
                person("Ada Quill", "b"),
                person("bo renn", "c"),
                person("Cy Tarn", "d"),
                person("Ada Quill", "e"),
                person("Di Moss", "f"),
            ],
            vec![person("Cy Tarn", "g"), person("Éa Vale", "h")],
        ];
        for list in &lists {
            for more in &lists {
                let mut got = list.clone();
                merge(&mut got, more.clone());
                assert_eq!(got, plain(list, more), "{list:?} + {more:?}");
            }
        }
    }

    #[track_caller]
    fn check_list(s: &str, expect: &[&str]) {
        assert_eq!(split_list(s), expect, "{s:?}");
    }

    #[test]
    fn lists() {
        for (s, expect) in [
            ("Ada Quill", &["Ada Quill"][..]),
            ("Ada Quill and Bo Renn", &["Ada Quill", "Bo Renn"]),
            ("A, B and C", &["A", "B", "C"]),
            ("A, B, and C", &["A", "B", "C"]),
            ("A & B", &["A", "B"]),
            ("A; B", &["A", "B"]),
        ] {
            check_list(s, expect);
        }
    }
}
