//! When to try again: exponential backoff with full jitter, capped, and the
//! server's `Retry-After` when it sends one.

use crate::sync::failure::{Failure, FailureCode};

/// How many times in a row a write refused with 412 is re-read and replayed at once;
/// past that, the loop backs off as for any retriable failure.
pub const MAX_REREADS: u32 = 3;

/// The request that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// `GET` of the record.
    Read,
    /// `PATCH` of the checklist.
    Patch,
    /// `PUT` of the whole record (after a 404 to the `PATCH`).
    Put,
}

/// What the sync loop does next about a failed request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// The record changed on the server (412): read it, replay the outbox, write again.
    Reread,
    /// The record does not exist (404 to a `PATCH`): `PUT` the whole record.
    Put,
    /// The server refused the body (400, 422): drop the edits its problem blames, keep the rest.
    Blame,
    /// Wait (the server's `Retry-After`, else the backoff) and try again; `offline` when
    /// nothing answered.
    Retry { offline: bool },
    /// Stop until `resume()`; `auth` for 401 and 403.
    Stop { auth: bool },
}

/// The whole retry policy: what to do when `attempt` ended in `failure`, after `rereads`
/// re-reads in a row.
pub fn classify(failure: &Failure, attempt: Attempt, rereads: u32) -> Next {
    match (failure.status, attempt) {
        // No token, no request: like a refused one, it waits for the app (`resume()`).
        _ if failure.code == FailureCode::Token => Next::Stop { auth: true },
        // A `request.headers` that throws is the app's to mend; retrying would only repeat it.
        _ if failure.code == FailureCode::NoEtag || failure.code == FailureCode::Headers => Next::Stop { auth: false },
        // No answer, or one that is not the API's (a captive portal's 200): as if offline.
        _ if failure.code == FailureCode::Network => Next::Retry { offline: true },
        (404, Attempt::Patch) => Next::Put,
        (412, _) if rereads < MAX_REREADS => Next::Reread,
        (400 | 422, Attempt::Patch | Attempt::Put) => Next::Blame,
        (401 | 403, _) => Next::Stop { auth: true },
        (408 | 412 | 429 | 500..=599, _) => Next::Retry { offline: false },
        _ => Next::Stop { auth: false },
    }
}

/// Backoff settings, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// The ceiling of the first retry's delay.
    pub base_ms: u32,
    /// The ceiling no delay exceeds.
    pub max_ms: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { base_ms: 500, max_ms: 30_000 }
    }
}

impl Backoff {
    /// The delay before retry number `attempt` (0 first): uniform in
    /// `[0, min(max, base·2^attempt)]`, with `random` uniform in `[0, 1)`.
    pub fn delay_ms(&self, attempt: u32, random: f64) -> u32 {
        let ceiling = (u64::from(self.base_ms) << attempt.min(20)).min(u64::from(self.max_ms));
        (random.clamp(0.0, 1.0) * ceiling as f64) as u32
    }
}

/// A `Retry-After` value (delay seconds or an HTTP date) as milliseconds from `now_ms`
/// (milliseconds since 1970 UTC).
pub fn retry_after_ms(value: &str, now_ms: i64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = http_date(value)?;
    Some(u64::try_from(at.saturating_sub(now_ms)).unwrap_or(0))
}

/// An HTTP date in its one current form (IMF-fixdate, RFC 9110), like
/// `Sun, 06 Nov 1994 08:49:37 GMT`, as milliseconds since 1970 UTC. Read by hand and
/// counted with the civil-calendar formula: a header's date needs no date library.
pub fn http_date(value: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut parts = value.split_ascii_whitespace();
    let (_weekday, day, month, year, time, zone) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if zone != "GMT" || parts.next().is_some() {
        return None;
    }
    let month = i64::try_from(MONTHS.iter().position(|m| *m == month)?).ok()? + 1;
    let (year, day) = (year.parse::<i64>().ok()?, day.parse::<i64>().ok()?);
    let mut hms = time.split(':').map(|n| n.parse::<u32>().ok().map(i64::from));
    let (hour, minute, second) = (hms.next()??, hms.next()??, hms.next()??);
    // The years chrono's calendar has, which this reading kept; they also keep the sums
    // below far from overflowing.
    if !(-262_144..=262_143).contains(&year) {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if hms.next().is_some() || !(1..=month_days).contains(&day) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    // Days from 1970-01-01 (H. Hinnant's `days_from_civil`: years start in March, so
    // that February's leap day ends them).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_exponentially_up_to_the_cap_with_full_jitter() {
        let b = Backoff { base_ms: 100, max_ms: 1_000 };
        assert_eq!(b.delay_ms(0, 0.999_999), 99);
        assert_eq!(b.delay_ms(2, 0.5), 200);
        assert_eq!(b.delay_ms(10, 0.5), 500, "capped at max");
        assert_eq!(b.delay_ms(40, 0.0), 0, "full jitter reaches zero; huge attempts do not overflow");
    }

    #[test]
    fn retry_after_takes_seconds_or_an_http_date() {
        let now = 1_445_412_480_000; // 2015-10-21T07:28:00Z
        assert_eq!(retry_after_ms("3", now), Some(3_000));
        assert_eq!(retry_after_ms("Wed, 21 Oct 2015 07:28:05 GMT", now), Some(5_000));
        assert_eq!(retry_after_ms("Wed, 21 Oct 2015 07:27:00 GMT", now), Some(0), "a past date means now");
        assert_eq!(retry_after_ms("soon", now), None);
        assert_eq!(retry_after_ms("Wed, 21 Oct 2015 25:28:05 GMT", now), None, "no such hour");
        assert_eq!(retry_after_ms("Wed, 31 Feb 2015 07:28:05 GMT", now), None, "no such day");
        assert_eq!(retry_after_ms("Wed, 21 Oct 2015 07:28:05 CET", now), None, "HTTP dates are in GMT");
        assert_eq!(http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777_000));
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date("Tue, 29 Feb 2000 23:59:59 GMT"), Some(951_868_799_000), "2000 is a leap year");
        assert_eq!(http_date("Thu, 29 Feb 2100 00:00:00 GMT"), None, "2100 is not");
        assert_eq!(http_date("Wed, 31 Dec 1969 23:59:59 GMT"), Some(-1000));
        assert_eq!(http_date("Wed, 21 Oct 2015 -1:28:05 GMT"), None, "no negative hour");
        assert_eq!(http_date("Wed, 21 Oct 2015 07:-28:05 GMT"), None, "no negative minute");
        assert_eq!(http_date("Wed, 21 Oct 99999999999999999 07:28:05 GMT"), None, "no year beyond the calendar");
    }

    #[test]
    fn http_dates_count_days_as_chrono_does() {
        use chrono::Datelike;
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        // Every 997th day from the year 53 to 9,900, at 12:34:56.
        for days in (-700_000..2_900_000).step_by(997) {
            let date = chrono::DateTime::from_timestamp(days * 86_400 + 45_296, 0).unwrap();
            let month = MONTHS[date.month0() as usize];
            let text = format!("Mon, {:02} {month} {:04} 12:34:56 GMT", date.day(), date.year());
            assert_eq!(http_date(&text), Some(date.timestamp_millis()), "{text}");
        }
    }

    #[test]
    fn the_policy_table() {
        use Attempt::{Patch, Put, Read};
        let retry = Next::Retry { offline: false };
        let table = [
            (0, Read, 0, Next::Retry { offline: true }),
            (0, Patch, 0, Next::Retry { offline: true }),
            (0, Put, 0, Next::Retry { offline: true }),
            (404, Patch, 0, Next::Put),
            (404, Put, 0, Next::Stop { auth: false }),
            (404, Read, 0, Next::Stop { auth: false }),
            (412, Patch, 0, Next::Reread),
            (412, Put, 2, Next::Reread),
            (412, Patch, MAX_REREADS, retry),
            (400, Patch, 0, Next::Blame),
            (422, Put, 0, Next::Blame),
            (400, Read, 0, Next::Stop { auth: false }),
            (401, Read, 0, Next::Stop { auth: true }),
            (403, Patch, 0, Next::Stop { auth: true }),
            (408, Read, 0, retry),
            (429, Patch, 0, retry),
            (500, Put, 0, retry),
            (503, Read, 0, retry),
            (599, Patch, 0, retry),
            (409, Patch, 0, Next::Stop { auth: false }),
            (413, Patch, 0, Next::Stop { auth: false }),
            (415, Patch, 0, Next::Stop { auth: false }),
        ];
        for (status, attempt, rereads, expected) in table {
            let failure = if status == 0 { Failure::network("no answer") } else { Failure::http(status, "") };
            assert_eq!(
                classify(&failure, attempt, rereads),
                expected,
                "{status} after {attempt:?}, {rereads} re-reads"
            );
        }
        let mut portal = Failure::network("a 2xx answer that is not a record");
        portal.status = 200;
        assert_eq!(classify(&portal, Read, 0), Next::Retry { offline: true }, "a captive portal is not the API");
        let token = Failure::local(FailureCode::Token, "getAccessToken threw");
        assert_eq!(classify(&token, Read, 0), Next::Stop { auth: true }, "no token waits for resume()");
        let headers = Failure::local(FailureCode::Headers, "request.headers threw");
        assert_eq!(classify(&headers, Patch, 0), Next::Stop { auth: false }, "a throwing request.headers stops");
    }
}
