//! RFC 3339 date-times: parsed strictly, compared as instants, written back as they came.

use crate::json::{write_str, ToJson};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};
use std::cmp::Ordering;

/// A date-time with its original text, so that a round trip never rewrites a
/// value the user or server wrote (`+00:00` stays `+00:00`, `.5` stays `.5`).
#[derive(Clone, Debug)]
pub struct Timestamp {
    instant: DateTime<FixedOffset>,
    text: Box<str>,
}

/// Why a string is not an RFC 3339 date-time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampError {
    /// Not of the shape `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`.
    Shape,
    /// The shape is right but the date or time does not exist.
    Value,
}

impl Timestamp {
    /// Parses `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`, the API's `date-time` (no space for
    /// `T`). The fields are read by hand once the shape is checked, and chrono's calendar
    /// types say whether the date and time exist: its general parser would cost kilobytes.
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        let b = text.as_bytes();
        if !has_rfc3339_shape(b) {
            return Err(TimestampError::Shape);
        }
        let number = |range: std::ops::Range<usize>| {
            b.get(range).map_or(0, |d| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')))
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let (hour, minute, second) = (number(11..13), number(14..16), number(17..19));
        // Nanoseconds from the first nine digits of the fraction; more are dropped.
        let fraction: &[u8] = match b.get(19..) {
            Some([b'.', rest @ ..]) => rest,
            _ => &[],
        };
        let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        let fraction = fraction.get(..digits).unwrap_or_default();
        let nano = (0..9).fold(0u32, |n, i| n * 10 + fraction.get(i).map_or(0, |c| u32::from(c - b'0')));
        let offset = match b.get(b.len().saturating_sub(6)..) {
            Some([sign @ (b'+' | b'-'), ..]) => {
                let seconds =
                    i32::try_from(number(b.len() - 5..b.len() - 3) * 3600 + number(b.len() - 2..b.len()) * 60)
                        .unwrap_or(i32::MAX);
                if *sign == b'-' {
                    -seconds
                } else {
                    seconds
                }
            }
            _ => 0,
        };
        // A leap second is second 59 with a nanosecond past one billion, as chrono keeps it,
        // and only ever ends a UTC day.
        let (second, nano) = if second == 60 { (59, nano + 1_000_000_000) } else { (second, nano) };
        let instant = NaiveDate::from_ymd_opt(i32::try_from(year).unwrap_or(0), month, day)
            .and_then(|date| date.and_hms_nano_opt(hour, minute, second, nano))
            .zip(FixedOffset::east_opt(offset))
            .and_then(|(local, zone)| zone.from_local_datetime(&local).single())
            .ok_or(TimestampError::Value)?;
        let utc = instant.with_timezone(&Utc);
        if instant.nanosecond() >= 1_000_000_000 && !(utc.hour() == 23 && utc.minute() == 59) {
            return Err(TimestampError::Value);
        }
        Ok(Timestamp { instant, text: text.into() })
    }

    /// A timestamp for an instant, written in UTC with milliseconds, like JS `toISOString`:
    /// the reference server's clock (the browser's is read from `toISOString` itself).
    /// Written digit by digit, without `format!`. A year outside 0000–9999 gets more digits
    /// or a sign, which `parse` refuses.
    pub fn from_instant(instant: DateTime<Utc>) -> Self {
        let mut text = String::with_capacity(24);
        let year = instant.year();
        if year < 0 {
            text.push('-');
        }
        let fields = [
            (year.unsigned_abs(), 4, '-'),
            (instant.month(), 2, '-'),
            (instant.day(), 2, 'T'),
            (instant.hour(), 2, ':'),
            (instant.minute(), 2, ':'),
            (instant.second(), 2, '.'),
            (instant.timestamp_subsec_millis().min(999), 3, 'Z'),
        ];
        for (value, width, after) in fields {
            push_digits(&mut text, value, width);
            text.push(after);
        }
        Timestamp { instant: instant.fixed_offset(), text: text.into() }
    }

    /// 1970-01-01T00:00:00.000Z: the time a clock outside the years 0000 to 9999 stamps,
    /// as such a time has no RFC 3339 text.
    pub fn epoch() -> Self {
        Timestamp { instant: DateTime::UNIX_EPOCH.fixed_offset(), text: "1970-01-01T00:00:00.000Z".into() }
    }

    /// The instant this timestamp names.
    pub fn instant(&self) -> DateTime<FixedOffset> {
        self.instant
    }

    /// The text as it was given.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Writes `value` in decimal, with leading zeros up to `width` digits.
fn push_digits(text: &mut String, value: u32, width: u32) {
    let digits = value.checked_ilog10().unwrap_or(0) + 1;
    for _ in digits..width {
        text.push('0');
    }
    for place in (0..digits).rev() {
        let digit = value / 10u32.pow(place) % 10;
        text.push(char::from(b'0' + digit as u8));
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.instant == other.instant
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant.cmp(&other.instant)
    }
}

impl ToJson for Timestamp {
    fn write_json(&self, out: &mut String) {
        write_str(out, &self.text);
    }
}

fn has_rfc3339_shape(b: &[u8]) -> bool {
    let digits = |range: std::ops::Range<usize>| b.get(range).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    let date_time = digits(0..4)
        && at(4, b"-")
        && digits(5..7)
        && at(7, b"-")
        && digits(8..10)
        && at(10, b"Tt")
        && digits(11..13)
        && at(13, b":")
        && digits(14..16)
        && at(16, b":")
        && digits(17..19);
    if !date_time {
        return false;
    }
    let mut i = 19;
    if at(i, b".") {
        let start = i + 1;
        i = start;
        while at(i, b"0123456789") {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => digits(i + 1..i + 3) && at(i + 3, b":") && digits(i + 4..i + 6) && i + 6 == b.len(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc3339_with_z_offset_fraction_and_lowercase() {
        for ok in [
            "2024-01-01T00:00:00Z",
            "2024-01-01t00:00:00z",
            "2024-01-01T00:00:00+05:30",
            "2024-01-01T00:00:00.5-00:00",
            "2024-02-29T12:00:00.123456789Z",
            "2016-12-31T23:59:60Z",
            "2017-01-01T00:59:60+01:00",
        ] {
            assert!(Timestamp::parse(ok).is_ok(), "expected {ok} to be accepted");
        }
    }

    #[test]
    fn rejects_missing_offset_space_separator_and_impossible_dates() {
        for (bad, why) in [
            ("2024-01-01 00:00:00Z", TimestampError::Shape),
            ("2024-01-01T00:00:00", TimestampError::Shape),
            ("2024-01-01 00:00:00", TimestampError::Shape),
            ("2024-1-01T00:00:00Z", TimestampError::Shape),
            ("2024-01-01T00:00:00.Z", TimestampError::Shape),
            ("2024-01-01T00:00:00+0100", TimestampError::Shape),
            ("2024-01-01T00:00:00Z ", TimestampError::Shape),
            ("2024-13-01T00:00:00Z", TimestampError::Value),
            ("2024-02-30T00:00:00Z", TimestampError::Value),
            ("2023-02-29T00:00:00Z", TimestampError::Value),
            ("2024-01-01T24:00:00Z", TimestampError::Value),
            ("2024-01-01T12:30:60Z", TimestampError::Value),
            ("2024-01-01T00:00:00+24:00", TimestampError::Value),
        ] {
            assert_eq!(Timestamp::parse(bad).err(), Some(why), "expected {bad} to be refused");
        }
    }

    #[test]
    fn keeps_original_text_and_compares_by_instant() {
        let a = Timestamp::parse("2024-01-01T01:00:00+01:00").unwrap();
        let b = Timestamp::parse("2024-01-01T00:00:00.000Z").unwrap();
        assert_eq!(a.as_str(), "2024-01-01T01:00:00+01:00");
        assert_eq!(a, b);
    }

    #[test]
    fn reads_the_same_instant_as_chrono_s_parser() {
        for text in [
            "2024-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999999999-23:59",
            "2024-02-29T12:00:00.1234567891234+05:30",
            "0000-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59.5Z",
            "2016-12-31T23:59:60.25Z",
            "2024-06-01T10:00:00.000-00:00",
        ] {
            let ours = Timestamp::parse(text).map(|t| t.instant());
            assert_eq!(ours.ok(), DateTime::parse_from_rfc3339(text).ok(), "{text}");
        }
    }

    #[test]
    fn the_epoch_is_a_timestamp_its_text_reads_back_as() {
        let epoch = Timestamp::epoch();
        let read = Timestamp::parse(epoch.as_str()).unwrap();
        assert_eq!((read.instant(), read.as_str()), (epoch.instant(), "1970-01-01T00:00:00.000Z"));
        assert_eq!(epoch.instant().timestamp_millis(), 0);
    }

    #[test]
    fn from_instant_writes_utc_millis() {
        let t = Timestamp::from_instant(DateTime::from_timestamp(0, 5_000_000).unwrap());
        assert_eq!(t.as_str(), "1970-01-01T00:00:00.005Z");
        let t = Timestamp::from_instant(DateTime::from_timestamp_millis(253_402_300_799_999).unwrap());
        assert_eq!(t.as_str(), "9999-12-31T23:59:59.999Z");
        let t = Timestamp::from_instant(DateTime::from_timestamp_millis(1_717_236_000_123).unwrap());
        assert_eq!(t.as_str(), "2024-06-01T10:00:00.123Z");
    }

    #[test]
    fn from_instant_outside_four_digit_years_is_refused_by_parse() {
        for millis in [253_402_300_800_000, -62_167_219_200_001, -100_000_000_000_000] {
            let t = Timestamp::from_instant(DateTime::from_timestamp_millis(millis).unwrap());
            assert!(Timestamp::parse(t.as_str()).is_err(), "{}", t.as_str());
        }
        let t = Timestamp::from_instant(DateTime::from_timestamp_millis(-62_167_219_200_000).unwrap());
        assert_eq!(t.as_str(), "0000-01-01T00:00:00.000Z");
    }
}
