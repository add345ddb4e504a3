//! A typed record read by the schema layer where it lies, as the JSON form serde writes of it
//! with `"body": []` (see `form`), without building that form.
//!
//! `jsonschema` validates any representation of JSON that implements its `Json` traits; this
//! one is a view of a [`Record`]: each node is a part of the record (the record, a person, an
//! organisation, a dateline, a picture, a credit, a list of them, a string, a count) and each
//! object's members are its fields as serde names and omits them. `tests` hold the view to
//! serde's form of every kind of record, member by member.

use std::borrow::Cow;

use jsonschema::JsonType;
use jsonschema::json::{Array, Json, JsonNumber, Node, NodeIdentity, Object};
use newswire_model::{Credit, Dateline, Image, Organization, Person, Record, Timestamp};
use serde_json::{Map, Number, Value};

/// The representation: typed records, read in place.
pub(crate) struct RecordJson;

impl Json for RecordJson {
    type Node<'a> = View<'a>;
    type PreparedKey = Box<str>;
    type StringBuffer = ();
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> Box<str> {
        key.into()
    }

    fn with_string_node<T>(_: &mut (), string: &str, f: impl FnOnce(View<'_>) -> T) -> T {
        f(View::Str(string))
    }
}

/// One value of a record's JSON form.
#[derive(Debug, Clone, Copy)]
pub(crate) enum View<'a> {
    Record(&'a Record),
    Person(&'a Person),
    Organization(&'a Organization),
    Dateline(&'a Dateline),
    Image(&'a Image),
    Credit(&'a Credit),
    People(&'a [Person]),
    Organizations(&'a [Organization]),
    Strings(&'a [String]),
    /// The body, as the schema layer sees it (see `form`).
    NoBlocks,
    Str(&'a str),
    Time(&'a Timestamp),
    Count(u64),
}

impl<'a> View<'a> {
    /// The names of an object's fields, in serde's order; `None` for what is not an object.
    fn field_names(self) -> Option<&'static [&'static str]> {
        Some(match self {
            View::Record(_) => &[
                "id",
                "slug",
                "url",
                "headline",
                "description",
                "published",
                "modified",
                "language",
                "authors",
                "contributors",
                "editors",
                "publisher",
                "dateline",
                "genre",
                "sources",
                "image",
                "keywords",
                "section",
                "body",
                "word_count",
            ],
            View::Person(_) => &["name", "role", "url"],
            View::Organization(_) => &["name", "url", "logo"],
            View::Dateline(_) => &["text", "place", "region", "date", "agency"],
            View::Image(_) => &["url", "alt", "caption", "credit"],
            View::Credit(_) => &["text", "creator", "provider"],
            _ => return None,
        })
    }

    /// The member `key` of an object, `None` when serde leaves it out (or it is no field).
    fn field(self, key: &str) -> Option<View<'a>> {
        let str = |s: &'a Option<String>| s.as_deref().map(View::Str);
        let url =
            |u: &'a Option<newswire_model::AbsoluteUrl>| u.as_ref().map(|u| View::Str(u.as_str()));
        match self {
            View::Record(r) => match key {
                "id" => Some(View::Str(&r.id)),
                "slug" => Some(View::Str(r.slug.as_str())),
                "url" => Some(View::Str(r.url.as_str())),
                "headline" => Some(View::Str(&r.headline)),
                "description" => Some(View::Str(&r.description)),
                "published" => Some(View::Time(&r.published)),
                "modified" => r.modified.as_ref().map(View::Time),
                "language" => Some(View::Str(r.language.as_str())),
                "authors" => (!r.authors.is_empty()).then_some(View::People(&r.authors)),
                "contributors" => {
                    (!r.contributors.is_empty()).then_some(View::People(&r.contributors))
                }
                "editors" => (!r.editors.is_empty()).then_some(View::People(&r.editors)),
                "publisher" => r.publisher.as_ref().map(View::Organization),
                "dateline" => r.dateline.as_ref().map(View::Dateline),
                "genre" => r.genre.map(|g| View::Str(g.as_str())),
                "sources" => (!r.sources.is_empty()).then_some(View::Organizations(&r.sources)),
                "image" => r.image.as_ref().map(View::Image),
                "keywords" => (!r.keywords.is_empty()).then_some(View::Strings(&r.keywords)),
                "section" => str(&r.section),
                "body" => Some(View::NoBlocks),
                "word_count" => Some(View::Count(u64::from(r.word_count))),
                _ => None,
            },
            View::Person(p) => match key {
                "name" => Some(View::Str(&p.name)),
                "role" => str(&p.role),
                "url" => url(&p.url),
                _ => None,
            },
            View::Organization(o) => match key {
                "name" => Some(View::Str(&o.name)),
                "url" => url(&o.url),
                "logo" => url(&o.logo),
                _ => None,
            },
            View::Dateline(d) => match key {
                "text" => Some(View::Str(&d.text)),
                "place" => Some(View::Str(&d.place)),
                "region" => str(&d.region),
                "date" => str(&d.date),
                "agency" => str(&d.agency),
                _ => None,
            },
            View::Image(i) => match key {
                "url" => url(&i.url),
                "alt" => str(&i.alt),
                "caption" => str(&i.caption),
                "credit" => i.credit.as_ref().map(View::Credit),
                _ => None,
            },
            View::Credit(c) => match key {
                "text" => Some(View::Str(&c.text)),
                "creator" => str(&c.creator),
                "provider" => str(&c.provider),
                _ => None,
            },
            _ => None,
        }
    }

    /// The elements of an array; `None` for what is not an array.
    fn items(self) -> Option<Items<'a>> {
        Some(match self {
            View::People(p) => Items::People(p.iter()),
            View::Organizations(o) => Items::Organizations(o.iter()),
            View::Strings(s) => Items::Strings(s.iter()),
            View::NoBlocks => Items::Strings([].iter()),
            _ => return None,
        })
    }
}

impl<'a> Node<'a, RecordJson> for View<'a> {
    type Object = Fields<'a>;
    type Array = List<'a>;
    type Number = Count;

    fn as_object(&self) -> Option<Fields<'a>> {
        self.field_names().map(|names| Fields { of: *self, names })
    }

    fn as_array(&self) -> Option<List<'a>> {
        self.items().map(|_| List(*self))
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match *self {
            View::Str(s) => Some(Cow::Borrowed(s)),
            View::Time(t) => Some(Cow::Owned(time_text(t))),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<Count> {
        match *self {
            View::Count(n) => Some(Count(n)),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        None
    }

    fn is_null(&self) -> bool {
        false
    }

    fn json_type(&self) -> JsonType {
        match self {
            View::Record(_)
            | View::Person(_)
            | View::Organization(_)
            | View::Dateline(_)
            | View::Image(_)
            | View::Credit(_) => JsonType::Object,
            View::People(_) | View::Organizations(_) | View::Strings(_) | View::NoBlocks => {
                JsonType::Array
            }
            View::Str(_) | View::Time(_) => JsonType::String,
            View::Count(_) => JsonType::Number,
        }
    }

    fn equals_value(&self, expected: &Value) -> bool {
        match *self {
            // `const` and `enum` of strings (the genre) without making a value.
            View::Str(s) => expected.as_str() == Some(s),
            _ => jsonschema::json::cmp::equal(&self.to_value(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(value_of(*self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        // Views are made afresh and hold no cycle (`ACYCLIC`): nothing to track.
        None
    }
}

/// The JSON value `view` stands for, made from the view alone.
fn value_of(view: View<'_>) -> Value {
    if let Some(names) = view.field_names() {
        let map: Map<String, Value> = names
            .iter()
            .filter_map(|&name| Some((name.to_owned(), value_of(view.field(name)?))))
            .collect();
        return Value::Object(map);
    }
    if let Some(items) = view.items() {
        return Value::Array(items.map(value_of).collect());
    }
    match view {
        View::Str(s) => Value::String(s.to_owned()),
        View::Time(t) => Value::String(time_text(t)),
        View::Count(n) => Value::Number(n.into()),
        _ => Value::Null,
    }
}

/// A timestamp as serde writes it: RFC 3339 with `Z` for UTC and a fraction of a second
/// only when there is one (chrono's `Serialize`, which is `to_rfc3339_opts` with `AutoSi`
/// and `Z` allowed, written through a formatter that grows its string as it goes).
fn time_text(t: &Timestamp) -> String {
    newswire_model::rfc3339(t, true)
}

/// An object of the view: a record or a part of one, with its field names.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'a> {
    of: View<'a>,
    names: &'static [&'static str],
}

impl<'a> Object<'a, RecordJson> for Fields<'a> {
    type Node = View<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        self.members().count()
    }

    fn get(&self, key: &Box<str>) -> Option<View<'a>> {
        self.of.field(key)
    }

    fn members(&self) -> Members<'a> {
        Members {
            of: self.of,
            names: self.names.iter(),
        }
    }
}

/// The fields serde writes of an object, in its order.
pub(crate) struct Members<'a> {
    of: View<'a>,
    names: std::slice::Iter<'static, &'static str>,
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, View<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.names
            .by_ref()
            .find_map(|&name| self.of.field(name).map(|value| (name, value)))
    }
}

/// An array of the view.
#[derive(Debug, Clone, Copy)]
pub(crate) struct List<'a>(View<'a>);

impl<'a> Array<'a, RecordJson> for List<'a> {
    type Node = View<'a>;
    type ElementsIter = Items<'a>;

    fn len(&self) -> usize {
        self.elements().len()
    }

    fn elements(&self) -> Items<'a> {
        self.0.items().unwrap_or(Items::Strings([].iter()))
    }
}

/// The elements of an array of the view.
pub(crate) enum Items<'a> {
    People(std::slice::Iter<'a, Person>),
    Organizations(std::slice::Iter<'a, Organization>),
    Strings(std::slice::Iter<'a, String>),
}

impl<'a> Iterator for Items<'a> {
    type Item = View<'a>;

    fn next(&mut self) -> Option<View<'a>> {
        match self {
            Items::People(i) => i.next().map(View::Person),
            Items::Organizations(i) => i.next().map(View::Organization),
            Items::Strings(i) => i.next().map(|s| View::Str(s)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Items::People(i) => i.size_hint(),
            Items::Organizations(i) => i.size_hint(),
            Items::Strings(i) => i.size_hint(),
        }
    }
}

impl ExactSizeIterator for Items<'_> {}

/// A record's one number, its word count.
pub(crate) struct Count(u64);

impl JsonNumber for Count {
    fn as_u64(&self) -> Option<u64> {
        Some(self.0)
    }

    fn as_i64(&self) -> Option<i64> {
        i64::try_from(self.0).ok()
    }

    fn as_f64(&self) -> Option<f64> {
        // Word counts fit a `u32`, which an `f64` holds exactly.
        #[allow(clippy::cast_precision_loss)]
        Some(self.0 as f64)
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Owned(self.0.to_string())
    }

    fn to_number(&self) -> Cow<'_, Number> {
        Cow::Owned(Number::from(self.0))
    }

    fn is_integer(&self) -> bool {
        true
    }

    fn is_written_as_integer(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A record with every field: each optional one there, each list with an entry.
    fn full_record() -> Record {
        serde_json::from_value(json!({
            "id": "tag:ledger.example,2026:tide-gauge",
            "slug": "tide-gauge",
            "url": "https://ledger.example/articles/tide-gauge",
            "headline": "Kelmsby installs a new tide gauge",
            "description": "The harbour board fitted the gauge on Monday.",
            "published": "2026-03-10T08:30:00.250+01:00",
            "modified": "2026-03-10T09:30:00Z",
            "language": "en-GB",
            "authors": [{ "name": "Mara Quell", "role": "Reporter", "url": "https://ledger.example/mara" }],
            "contributors": [{ "name": "Tobin Fairweather" }],
            "editors": [{ "name": "Ilse Marrow" }],
            "publisher": { "name": "Ledger", "url": "https://ledger.example/", "logo": "https://ledger.example/l.png" },
            "dateline": { "text": "KELMSBY, May 3 (HTL)", "place": "KELMSBY", "region": "Northshire", "date": "May 3", "agency": "HTL" },
            "genre": "analysis",
            "sources": [{ "name": "Harbour Board" }, { "name": "Tide Office", "url": "https://tides.example/" }],
            "image": {
                "url": "https://ledger.example/g.jpg",
                "alt": "A gauge",
                "caption": "The gauge.",
                "credit": { "text": "Anja Holt / Northlight", "creator": "Anja Holt", "provider": "Northlight" }
            },
            "keywords": ["tides", "Kelmsby"],
            "section": "Local",
            "body": [
                { "type": "paragraph", "text": "The board fitted the gauge." },
                { "type": "heading", "text": "Why" }
            ],
            "word_count": 6
        }))
        .unwrap()
    }

    /// The full record; with each optional field left out in turn, and all of them out; and
    /// with optional parts of its parts left out, and other values.
    fn records() -> Vec<Record> {
        type Edit = fn(&mut Record);
        let full = full_record();
        let leave_out: [Edit; 12] = [
            |r| r.modified = None,
            |r| r.authors.clear(),
            |r| r.contributors.clear(),
            |r| r.editors.clear(),
            |r| r.publisher = None,
            |r| r.dateline = None,
            |r| r.genre = None,
            |r| r.sources.clear(),
            |r| r.image = None,
            |r| r.keywords.clear(),
            |r| r.section = None,
            |r| r.body.clear(),
        ];
        let change: [Edit; 8] = [
            |r| r.authors[0] = Person::named("Mara Quell"),
            |r| r.publisher = Some(Organization::named("Ledger")),
            |r| {
                let d = r.dateline.as_mut().unwrap();
                (d.region, d.date, d.agency) = (None, None, None);
            },
            |r| {
                let i = r.image.as_mut().unwrap();
                (i.url, i.alt, i.caption, i.credit) = (None, None, None, None);
            },
            |r| {
                let c = r.image.as_mut().unwrap().credit.as_mut().unwrap();
                (c.creator, c.provider) = (None, None);
            },
            |r| r.word_count = 0,
            |r| r.published = r.modified.unwrap(),
            |r| r.headline = "Ünïcode ☃ \u{1F6A2} \"quoted\"".into(),
        ];
        let mut out = vec![full.clone()];
        let mut bare = full.clone();
        for edit in leave_out {
            edit(&mut bare);
        }
        out.push(bare);
        for edit in leave_out.into_iter().chain(change) {
            let mut one = full.clone();
            edit(&mut one);
            out.push(one);
        }
        out
    }

    /// Serde's JSON form of `record`, with `"body": []`.
    fn serde_form(record: &Record) -> Value {
        let mut form = serde_json::to_value(record).unwrap();
        form["body"] = json!([]);
        form
    }

    /// Every accessor of `view` agrees with `value`, down to every member and element.
    #[track_caller]
    fn check_node(view: View<'_>, value: &Value, at: &str) {
        assert_eq!(view.json_type(), JsonType::from(value), "{at}");
        assert_eq!(view.as_string().as_deref(), value.as_str(), "{at}");
        assert_eq!(view.as_boolean(), value.as_bool(), "{at}");
        assert_eq!(view.is_null(), value.is_null(), "{at}");
        assert_eq!(
            view.as_number().and_then(|n| n.as_u64()),
            value.as_u64(),
            "{at}"
        );
        assert!(view.equals_value(value), "{at}");
        assert_eq!(*view.to_value(), *value, "{at}");
        match (view.as_object(), value.as_object()) {
            (Some(object), Some(map)) => {
                assert_eq!(object.len(), map.len(), "{at}");
                let names: Vec<&str> = object.members().map(|(name, _)| name).collect();
                let mut sorted = names.clone();
                sorted.sort_unstable();
                let expect: Vec<&str> = map.keys().map(String::as_str).collect();
                assert_eq!(sorted, expect, "{at}");
                for (name, member) in object.members() {
                    check_node(member, &map[name], &format!("{at}/{name}"));
                    let key = RecordJson::prepare_key(name);
                    assert!(object.get(&key).is_some(), "{at}/{name}");
                }
                assert!(object.get(&RecordJson::prepare_key("unknown")).is_none());
            }
            (None, None) => {}
            _ => panic!("{at}: an object in one and not the other"),
        }
        match (view.as_array(), value.as_array()) {
            (Some(array), Some(items)) => {
                assert_eq!(array.len(), items.len(), "{at}");
                for (i, (element, item)) in array.elements().zip(items).enumerate() {
                    check_node(element, item, &format!("{at}/{i}"));
                }
            }
            (None, None) => {}
            _ => panic!("{at}: an array in one and not the other"),
        }
    }

    #[test]
    fn the_view_is_serde_s_form_without_the_body() {
        for record in records() {
            check_node(View::Record(&record), &serde_form(&record), "");
        }
    }

    /// Every object of the view has the fields the committed schema names, so that a field
    /// added to the model (and so to the schema) cannot be missed here.
    #[test]
    fn each_object_has_the_schema_s_fields() {
        let schema: Value =
            serde_json::from_str(include_str!("../../../schemas/record.schema.json")).unwrap();
        let record = full_record();
        let image = record.image.as_ref().unwrap();
        let objects = [
            ("", View::Record(&record)),
            ("/$defs/Person", View::Person(&record.authors[0])),
            (
                "/$defs/Organization",
                View::Organization(&record.sources[0]),
            ),
            (
                "/$defs/Dateline",
                View::Dateline(record.dateline.as_ref().unwrap()),
            ),
            ("/$defs/Image", View::Image(image)),
            (
                "/$defs/Credit",
                View::Credit(image.credit.as_ref().unwrap()),
            ),
        ];
        for (at, view) in objects {
            let mut names = view.field_names().unwrap().to_vec();
            names.sort_unstable();
            let properties = schema.pointer(&format!("{at}/properties")).unwrap();
            let expect: Vec<&str> = properties
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(names, expect, "{at}");
        }
    }

    /// What the schema layer finds in a view is what it finds in serde's form, for records
    /// the schema rejects in each way a typed record can be wrong.
    #[test]
    fn the_schema_finds_in_the_view_what_it_finds_in_the_form() {
        let schema: Value =
            serde_json::from_str(include_str!("../../../schemas/record.schema.json")).unwrap();
        let on_view = crate::schema::compile_for::<RecordJson>(&schema, "record");
        let on_form = crate::schema::compile_for::<jsonschema::json::SerdeJson>(&schema, "record");
        let mut cases = records();
        type Break = fn(&mut Record);
        // What a typed record can hold and the schema refuse: times the `date-time` format
        // does not allow.
        let breaks: [Break; 3] = [
            |r| r.published = at(10_000, 1, 1, 0, 0, 0),
            |r| r.modified = Some(at(-1, 1, 1, 0, 0, 0)),
            |r| r.published = at(2026, 3, 10, 8, 30, 60),
        ];
        for broken in breaks {
            let mut record = full_record();
            broken(&mut record);
            cases.push(record);
        }
        let mut invalid = 0;
        for record in &cases {
            let form = serde_form(record);
            let errors = |e: jsonschema::ValidationError<'_>| {
                format!(
                    "{} at {}: {e}",
                    e.schema_path().as_str(),
                    e.instance_path().as_str()
                )
            };
            let found: Vec<String> = on_view
                .iter_errors(View::Record(record))
                .map(errors)
                .collect();
            let expect: Vec<String> = on_form.iter_errors(&form).map(errors).collect();
            assert_eq!(found, expect, "{form:#}");
            assert_eq!(on_view.is_valid(View::Record(record)), expect.is_empty());
            invalid += usize::from(!expect.is_empty());
        }
        assert_eq!(invalid, breaks.len(), "the broken records are invalid");
    }

    /// The text the schema layer reads of a time is serde's, at the edges of the field-by-field
    /// path (`newswire_model::rfc3339`, tested over many instants there): years outside
    /// 0–9999, fractions of a second, leap seconds and offsets with seconds.
    #[test]
    fn time_text_is_serde_s() {
        let serde_text = |t: &Timestamp| match serde_json::to_value(t).unwrap() {
            Value::String(s) => s,
            other => panic!("{other:?}"),
        };
        let leap = at(2016, 12, 31, 23, 59, 60);
        let edges = [
            at(0, 1, 1, 0, 0, 0),
            at(9999, 12, 31, 23, 59, 59),
            at(-1, 12, 31, 23, 59, 59),
            at(10_000, 1, 1, 0, 0, 0),
            at(-12_345, 6, 7, 1, 2, 3),
            leap,
        ];
        for t in edges {
            for offset in [0, 1, -1, 30, -30, 60, -60, 86_399, -86_399, 86_340, -86_340] {
                let t = t.with_timezone(&chrono::FixedOffset::east_opt(offset).unwrap());
                assert_eq!(time_text(&t), serde_text(&t), "{t:?}");
            }
        }
        assert_eq!(time_text(&leap), "2016-12-31T23:59:60.500Z");
        assert_eq!(
            time_text(
                &at(2026, 3, 10, 8, 30, 0)
                    .with_timezone(&chrono::FixedOffset::west_opt(5 * 3600 + 30 * 60).unwrap())
            ),
            "2026-03-10T03:00:00-05:30"
        );
    }

    /// A time at UTC; a second of 60 is a leap second.
    fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Timestamp {
        let date = chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap();
        let time = match second {
            60 => date.and_hms_milli_opt(hour, minute, 59, 1_500),
            _ => date.and_hms_opt(hour, minute, second),
        };
        time.unwrap().and_utc().fixed_offset()
    }
}
