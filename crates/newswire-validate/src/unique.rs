//! Rules across a set of records: ids and slugs are unique.

use std::collections::HashMap;

use newswire_model::{Code, Diagnostic, Record};

/// Reports every record whose id or slug an earlier record in `records` already uses, as a
/// [`Code::DuplicateId`] or [`Code::DuplicateSlug`] error in the later file, naming the earlier
/// one. `records` pairs each record with its file.
pub fn check_unique<'a>(
    records: impl IntoIterator<Item = (&'a str, &'a Record)>,
) -> Vec<Diagnostic> {
    let mut ids: HashMap<&str, &str> = HashMap::new();
    let mut slugs: HashMap<&str, &str> = HashMap::new();
    let mut out = Vec::new();
    for (file, record) in records {
        if let Some(first) = ids.get(record.id.as_str()) {
            out.push(duplicate_id(file, &record.id, first));
        } else {
            ids.insert(&record.id, file);
        }
        if let Some(first) = slugs.get(record.slug.as_str()) {
            out.push(duplicate_slug(file, record.slug.as_str(), first));
        } else {
            slugs.insert(record.slug.as_str(), file);
        }
    }
    out
}

/// The error for the record in `file` whose id `first`, an earlier file, already uses.
pub fn duplicate_id(file: &str, id: &str, first: &str) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateId,
        format!("the id \"{id}\" is already used by `{first}`"),
    )
    .in_file(file)
    .at_pointer("/id")
    .with_hint(
        "every article needs its own id, or partners will drop one as a duplicate; give one of \
         the two another slug or URL",
    )
}

/// The error for the record in `file` whose slug `first`, an earlier file, already uses.
pub fn duplicate_slug(file: &str, slug: &str, first: &str) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateSlug,
        format!("the slug \"{slug}\" is already used by `{first}`"),
    )
    .in_file(file)
    .at_pointer("/slug")
    .with_hint(
        "slugs name the output files and must be unique in a channel; set another `slug` in \
         one article's front matter",
    )
}
