//! Bylines: `By NAME`, `By A, B and C`, `By NAME, Staff Writer`, `BY JANE DOE`.

use newswire_model::Person;

use crate::names::{is_name, is_role, normalize_name, normalize_role, split_list};
use crate::text::{after_last_space, more_words_than, split_where, strip_prefix_ci};

/// Reads `line` as a byline: one person per name, each with the role printed after it.
/// `None` when the line is not a byline.
pub(crate) fn parse(line: &str) -> Option<Vec<Person>> {
    if line.len() > 200 || more_words_than(line, 20) {
        return None;
    }
    let rest = strip_prefix_ci(line, "by:")
        .or_else(|| strip_prefix_ci(line, "by "))?
        .trim_start();
    if !rest.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // A sentence such as "By Tuesday the quay was dry." is not a byline; a name may still end
    // with an abbreviation such as "Jr.".
    if let Some(head) = rest.strip_suffix('.') {
        let last = after_last_space(head);
        if last.chars().count() > 3 {
            return None;
        }
    }
    let mut people: Vec<Person> = Vec::new();
    // Index in `people` where the names of the latest group start: a role after a group
    // (`A and B, Staff Writers`) belongs to each of them.
    let mut group = 0;
    for part in split_where(rest, |b| b == b',') {
        let part = part.trim();
        if part.is_empty() {
            return None;
        }
        let names = split_list(part);
        if !people.is_empty() && is_role(part) && !names.iter().all(|n| is_name(n)) {
            let role = normalize_role(part);
            for p in &mut people[group..] {
                if p.role.is_none() {
                    p.role = Some(role.clone());
                }
            }
            continue;
        }
        if names.is_empty() || !names.iter().all(|n| is_name(n)) {
            return None;
        }
        group = people.len();
        people.extend(names.into_iter().map(|n| Person::named(normalize_name(n))));
    }
    (!people.is_empty()).then_some(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expects the people as `Name` or `Name (Role)`; an empty list means "not a byline".
    #[track_caller]
    fn check(line: &str, expect: &[&str]) {
        let got: Vec<String> = parse(line)
            .unwrap_or_default()
            .into_iter()
            .map(|p| match p.role {
                Some(r) => format!("{} ({r})", p.name),
                None => p.name,
            })
            .collect();
        assert_eq!(got, expect, "{line:?}");
    }

    #[test]
    fn bylines() {
        for (line, expect) in [
            ("By Ada Quill", &["Ada Quill"][..]),
            ("by Ada Quill", &["Ada Quill"]),
            ("By: Ada Quill", &["Ada Quill"]),
            ("By Ada Quill and Bo Renn", &["Ada Quill", "Bo Renn"]),
            (
                "By Ada Quill, Bo Renn and Cy Tarn",
                &["Ada Quill", "Bo Renn", "Cy Tarn"],
            ),
            (
                "By Ada Quill, Bo Renn, and Cy Tarn",
                &["Ada Quill", "Bo Renn", "Cy Tarn"],
            ),
            ("By Ada Quill, Staff Writer", &["Ada Quill (Staff Writer)"]),
            (
                "By Ada Quill and Bo Renn, Staff Writers",
                &["Ada Quill (Staff Writers)", "Bo Renn (Staff Writers)"],
            ),
            (
                "By Ada Quill, Harbour Correspondent, and Bo Renn",
                &["Ada Quill (Harbour Correspondent)", "Bo Renn"],
            ),
            (
                "By Ada Quill, Staff Writer, and Bo Renn, Data Editor",
                &["Ada Quill (Staff Writer)", "Bo Renn (Data Editor)"],
            ),
            ("BY JANE DOE", &["Jane Doe"]),
            (
                "BY SEAN O'NEILL-MCCARTHY, STAFF WRITER",
                &["Sean O'Neill-McCarthy (Staff Writer)"],
            ),
            ("By Anna van der Berg", &["Anna van der Berg"]),
            ("By J.R. Quill Jr.", &["J.R. Quill Jr."]),
            (
                "By Ada Quill, Special to the Ledger",
                &["Ada Quill (Special to the Ledger)"],
            ),
            ("By Tuesday the quay was dry.", &[]),
            ("By the time the ferry docked, the crowd had gone.", &[]),
            ("By 2030 the port will double", &[]),
            ("Byron Quill spoke first", &[]),
            ("By", &[]),
            ("By ,", &[]),
            ("Ada Quill, Staff Writer", &[]),
        ] {
            check(line, expect);
        }
    }
}
