//! Date formatting: RFC 822 for RSS, RFC 3339 for everything else.
//!
//! Both keep the record's own UTC offset, so a story filed at 09:30 in New York reads
//! `09:30 -0500`, not `14:30 +0000`. An offset with seconds (which neither format can write)
//! is rendered in UTC instead, which names the same instant.

use std::fmt::Write;

use chrono::{Datelike, Timelike, Utc, Weekday};
use newswire_model::Timestamp;

/// The English month abbreviations RFC 822 uses, January first.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `t` with an offset both formats can write: its own, or UTC when the offset has seconds.
fn writable(t: &Timestamp) -> Timestamp {
    if t.offset().local_minus_utc() % 60 == 0 {
        *t
    } else {
        t.with_timezone(&Utc).fixed_offset()
    }
}

/// RFC 822 (as updated by RFC 1123 for four-digit years) with a numeric zone, as RSS 2.0
/// wants: `Tue, 03 Nov 2026 09:30:00 -0500`. Fractions of a second are dropped.
pub(crate) fn rfc822(t: &Timestamp) -> String {
    let t = writable(t);
    let day = match t.weekday() {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    };
    let month = MONTHS[t.month0() as usize % 12];
    let offset = t.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.unsigned_abs() / 60;
    let mut out = String::with_capacity(31);
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "{day}, {:02} {month} {:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        t.day(),
        t.year(),
        t.hour(),
        t.minute(),
        t.second(),
        minutes / 60,
        minutes % 60,
    );
    out
}

/// RFC 3339 with the numeric offset (never `Z`), and a fraction of a second only when there
/// is one: `2026-11-03T09:30:00-05:00`.
pub(crate) fn rfc3339(t: &Timestamp) -> String {
    newswire_model::rfc3339(&writable(t), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expect_822: &str, expect_3339: &str) {
        let t = Timestamp::parse_from_rfc3339(input).expect("test timestamps are valid");
        assert_eq!(rfc822(&t), expect_822, "rfc822 of {input}");
        assert_eq!(rfc3339(&t), expect_3339, "rfc3339 of {input}");
    }

    #[test]
    fn formats() {
        for (input, rfc822, rfc3339) in [
            (
                "2026-11-03T09:30:00+00:00",
                "Tue, 03 Nov 2026 09:30:00 +0000",
                "2026-11-03T09:30:00+00:00",
            ),
            (
                "2026-11-03T09:30:00Z",
                "Tue, 03 Nov 2026 09:30:00 +0000",
                "2026-11-03T09:30:00+00:00",
            ),
            (
                "2026-11-03T09:30:00-05:00",
                "Tue, 03 Nov 2026 09:30:00 -0500",
                "2026-11-03T09:30:00-05:00",
            ),
            (
                "2027-01-01T00:05:09+05:30",
                "Fri, 01 Jan 2027 00:05:09 +0530",
                "2027-01-01T00:05:09+05:30",
            ),
            (
                "2026-03-08T23:59:59-09:30",
                "Sun, 08 Mar 2026 23:59:59 -0930",
                "2026-03-08T23:59:59-09:30",
            ),
            (
                "2028-02-29T12:00:00.250+14:00",
                "Tue, 29 Feb 2028 12:00:00 +1400",
                "2028-02-29T12:00:00.250+14:00",
            ),
            (
                "2026-05-16T07:00:00-12:00",
                "Sat, 16 May 2026 07:00:00 -1200",
                "2026-05-16T07:00:00-12:00",
            ),
            (
                "2026-12-31T20:00:00+00:45",
                "Thu, 31 Dec 2026 20:00:00 +0045",
                "2026-12-31T20:00:00+00:45",
            ),
            (
                "2026-06-17T10:00:00-00:30",
                "Wed, 17 Jun 2026 10:00:00 -0030",
                "2026-06-17T10:00:00-00:30",
            ),
        ] {
            check(input, rfc822, rfc3339);
        }
    }

    /// The edges of the field-by-field path (`newswire_model::rfc3339`, tested over many
    /// instants there) are written as chrono writes them: years outside 0–9999, fractions of
    /// a second and leap seconds.
    #[test]
    fn edges_are_written_as_chrono_writes_them() {
        let chrono_rfc3339 =
            |t: &Timestamp| writable(t).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false);
        for input in [
            "0000-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59-23:59",
            "9999-12-31T23:59:59+23:59",
            "-0001-12-31T23:59:59+00:00",
            "+10000-01-01T00:00:00+00:00",
            "2016-12-31T23:59:60+00:00",
            "2016-12-31T23:59:60.5+00:00",
            "2026-11-03T09:30:00.000000001+01:00",
            "2026-11-03T09:30:00.000001-01:00",
        ] {
            let Ok(t) = Timestamp::parse_from_rfc3339(input) else {
                continue;
            };
            assert_eq!(rfc3339(&t), chrono_rfc3339(&t), "{input}");
        }
        let leap = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_000_000_000))
            .expect("a leap second")
            .and_utc()
            .fixed_offset();
        assert_eq!(rfc3339(&leap), "2016-12-31T23:59:60+00:00");
        let far = chrono::NaiveDate::from_ymd_opt(-12345, 6, 7)
            .and_then(|d| d.and_hms_opt(1, 2, 3))
            .expect("a far year")
            .and_utc()
            .fixed_offset();
        assert_eq!(rfc3339(&far), "-12345-06-07T01:02:03+00:00");
        let late = chrono::NaiveDate::from_ymd_opt(12345, 6, 7)
            .and_then(|d| d.and_hms_opt(1, 2, 3))
            .expect("a late year")
            .and_utc()
            .fixed_offset();
        assert_eq!(rfc3339(&late), "+12345-06-07T01:02:03+00:00");
    }

    #[test]
    fn offset_with_seconds_becomes_utc() {
        let offset = chrono::FixedOffset::east_opt(3600 + 30).expect("valid offset");
        let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 3)
            .and_then(|d| d.and_hms_opt(10, 30, 30))
            .and_then(|dt| dt.and_local_timezone(offset).single())
            .expect("valid time");
        assert_eq!(rfc822(&t), "Tue, 03 Nov 2026 09:30:00 +0000");
        assert_eq!(rfc3339(&t), "2026-11-03T09:30:00+00:00");
    }
}
