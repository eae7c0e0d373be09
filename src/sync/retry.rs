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
