//! When to try again: exponential backoff with full jitter, capped, and the
//! server's `Retry-After` when it sends one.

use chrono::{DateTime, Utc};

/// Statuses worth retrying: timeouts, rate limits and server errors.
pub fn is_retriable(status: u16) -> bool {
    matches!(status, 408 | 429 | 500..=599)
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

/// A `Retry-After` value (delay seconds or an HTTP date) as milliseconds from `now`.
pub fn retry_after_ms(value: &str, now: DateTime<Utc>) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = DateTime::parse_from_rfc2822(value).ok()?;
    Some(u64::try_from((at.with_timezone(&Utc) - now).num_milliseconds()).unwrap_or(0))
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
        let now = DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(retry_after_ms("3", now), Some(3_000));
        assert_eq!(retry_after_ms("Wed, 21 Oct 2015 07:28:05 GMT", now), Some(5_000));
        assert_eq!(retry_after_ms("Wed, 21 Oct 2015 07:27:00 GMT", now), Some(0), "a past date means now");
        assert_eq!(retry_after_ms("soon", now), None);
    }

    #[test]
    fn retriable_statuses() {
        for s in [408, 429, 500, 502, 503, 599] {
            assert!(is_retriable(s), "{s}");
        }
        for s in [200, 400, 401, 403, 404, 409, 412, 413] {
            assert!(!is_retriable(s), "{s}");
        }
    }
}
