//! Date formatting: RFC 822 for RSS, RFC 3339 for everything else.
//!
//! Both keep the record's own UTC offset, so a story filed at 09:30 in New York reads
//! `09:30 -0500`, not `14:30 +0000`. An offset with seconds (which neither format can write)
//! is rendered in UTC instead, which names the same instant.

use std::fmt::Write;

use chrono::{Datelike, SecondsFormat, Timelike, Utc, Weekday};
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
    let t = writable(t);
    fast_rfc3339(&t).unwrap_or_else(|| t.to_rfc3339_opts(SecondsFormat::AutoSi, false))
}

/// The numbers 0 to 99 as two digits each, one after another: a field's two digits found
/// by looking them up rather than by dividing, and copied as text already known to be text.
const DIGIT_PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// [`rfc3339`] of a writable `t` written field by field, for the common case: a four-digit
/// year and whole seconds (no leap second). chrono's formatter goes through `fmt` for every
/// field, which costs more than the date is long; anything else is left to it (`None`).
fn fast_rfc3339(t: &Timestamp) -> Option<String> {
    let local = t.naive_local();
    let year = local.year();
    if !(0..=9999).contains(&year) || local.nanosecond() != 0 {
        return None;
    }
    let offset = t.offset().local_minus_utc();
    let minutes = offset.unsigned_abs() / 60;
    let year = year as u32;
    let mut out = String::with_capacity(25);
    let two = |out: &mut String, n: u32| {
        let at = 2 * (n % 100) as usize;
        out.push_str(&DIGIT_PAIRS[at..at + 2]);
    };
    two(&mut out, year / 100);
    two(&mut out, year);
    out.push('-');
    two(&mut out, local.month());
    out.push('-');
    two(&mut out, local.day());
    out.push('T');
    two(&mut out, local.hour());
    out.push(':');
    two(&mut out, local.minute());
    out.push(':');
    two(&mut out, local.second());
    out.push(if offset < 0 { '-' } else { '+' });
    two(&mut out, minutes / 60);
    out.push(':');
    two(&mut out, minutes % 60);
    Some(out)
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

    /// The field-by-field path writes what chrono writes, over many instants and offsets, and
    /// leaves to chrono what it does not write: years outside 0–9999, fractions of a second
    /// and leap seconds.
    #[test]
    fn fast_path_writes_what_chrono_writes() {
        let chrono_rfc3339 =
            |t: &Timestamp| writable(t).to_rfc3339_opts(SecondsFormat::AutoSi, false);
        // A fixed pseudo-random sequence, so that every run checks the same instants.
        let mut next = crate::tests::numbers(0x9E37_79B9_7F4A_7C15);
        let mut fast = 0;
        for i in 0..20_000u64 {
            // Seconds from before year 0 to after 9999, and a run around today's dates.
            let secs = match i % 3 {
                0 => next() as i64 % 400_000_000_000 - 200_000_000_000,
                1 => 1_700_000_000 + (next() % 200_000_000) as i64,
                _ => next() as i64 % 330_000_000_000 - 62_200_000_000,
            };
            let nanos = match i % 7 {
                0 => (next() % 1_000_000_000) as u32,
                1 => (next() % 1_000) as u32 * 1_000_000,
                2 => 1_000_000_000 + (next() % 1_000_000_000) as u32,
                _ => 0,
            };
            let offset = match i % 5 {
                0 => (next() % 86_399) as i32 - 86_399 / 2,
                1 => 0,
                _ => ((next() % (2 * 1_439 + 1)) as i32 - 1_439) * 60,
            };
            let Some(offset) = chrono::FixedOffset::east_opt(offset) else {
                continue;
            };
            let Some(utc) = chrono::DateTime::from_timestamp(secs, nanos) else {
                continue;
            };
            let t = utc.with_timezone(&offset);
            assert_eq!(rfc3339(&t), chrono_rfc3339(&t), "{t:?}");
            fast += usize::from(fast_rfc3339(&writable(&t)).is_some());
        }
        assert!(fast > 5_000, "the fast path was taken {fast} times");
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
