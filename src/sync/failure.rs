//! What a failed response says, whichever way the server wrote it: RFC 9457
//! problem details, `{"meta": {"error", "detail"}}` bodies, or plain text.

use crate::codes::codes;
use crate::json::{self, Fields, Json, ToJson};

/// One issue as a server reported it (its code may be one this library does not know).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteIssue {
    /// JSON Pointer into the request body.
    pub path: String,
    /// The server's code.
    pub code: String,
    /// The server's explanation.
    pub message: String,
}

codes! {
    /// What kind of failure a `Failure` is: a stable code for apps to branch on.
    pub enum FailureCode {
        /// The server answered with an error status.
        Http = "http",
        /// No answer: offline, refused, dropped or cut off.
        Network = "network",
        /// The browser's storage cannot be used at all; the client keeps its outbox in memory,
        /// so edits pending at a reload are lost.
        StorageUnavailable = "storage_unavailable",
        /// The browser refused to store a change (quota, privacy mode): the edit is applied and
        /// queued in memory, and is lost if the page closes before it syncs.
        StorageRefused = "storage_refused",
        /// The stored state could not be read (corrupt, or written by another version): it was
        /// kept aside under another key, and the client started from the server.
        StorageCorrupt = "storage_corrupt",
        /// `getAccessToken` threw, rejected or gave no string: no request was sent.
        Token = "token",
        /// The `request.headers` function threw, or gave no object: no request was sent.
        Headers = "headers",
        /// The API's answers carry no `ETag` the page can read (CORS must expose it), so a
        /// write could not be conditional: edits are kept, and not written blindly.
        NoEtag = "no_etag",
    }
}

impl ToJson for RemoteIssue {
    fn write_json(&self, out: &mut String) {
        Fields::new(out).put("path", &self.path).put("code", &self.code).put("message", &self.message).close();
    }
}

/// A failed response, described.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What kind of failure this is.
    pub code: FailureCode,
    /// The HTTP status; 0 when there was no answer.
    pub status: u16,
    /// A sentence for developers.
    pub message: String,
    /// The validation issues the server listed.
    pub errors: Vec<RemoteIssue>,
}

impl ToJson for Failure {
    fn write_json(&self, out: &mut String) {
        let mut f = Fields::new(out);
        self.write_fields(&mut f);
        f.close();
    }
}

impl Failure {
    /// Writes the fields, after the `type` of the event it is.
    pub fn write_fields(&self, f: &mut Fields) {
        f.put("code", &self.code).put("status", &self.status).put("message", &self.message).put("errors", &self.errors);
    }

    /// Reads a failed response's body.
    pub fn from_response(status: u16, body: &str) -> Self {
        let fallback = || {
            // As a u32: the formatter that std's own messages need anyway, not one more.
            let status = u32::from(status);
            let text = body.trim();
            if text.is_empty() {
                format!("the server answered {status}")
            } else {
                // The first 500 characters, cut where the 501st starts.
                let end = text.char_indices().nth(500).map_or(text.len(), |(at, _)| at);
                format!("the server answered {status}: {}", text.get(..end).unwrap_or(text))
            }
        };
        let Ok(json @ Json::Object(_)) = json::parse(body) else {
            return Failure::http(status, fallback());
        };
        let text = |v: Option<&Json>| v.and_then(Json::as_str).map(str::to_owned);
        let issue = |e: &Json| {
            let field = |key| text(e.get(key));
            Some(RemoteIssue { path: field("path")?, code: field("code")?, message: field("message")? })
        };
        let errors: Vec<RemoteIssue> = json
            .get("errors")
            .and_then(Json::as_array)
            .map(|list| list.iter().filter_map(issue).collect())
            .unwrap_or_default();
        let meta = json.get("meta");
        let message = text(json.get("detail"))
            .or_else(|| text(json.get("title")))
            .or_else(|| {
                let error = text(meta.and_then(|m| m.get("error")));
                let detail = text(meta.and_then(|m| m.get("detail")));
                match (error, detail) {
                    (Some(e), Some(d)) => Some(format!("{e}: {d}")),
                    (e, d) => e.or(d),
                }
            })
            .unwrap_or_else(fallback);
        Failure { errors, ..Failure::http(status, message) }
    }

    /// An error status with a message.
    pub fn http(status: u16, message: impl Into<String>) -> Self {
        Failure { code: FailureCode::Http, status, message: message.into(), errors: Vec::new() }
    }

    /// A request that got no answer.
    pub fn network(message: impl Into<String>) -> Self {
        Failure { code: FailureCode::Network, status: 0, message: message.into(), errors: Vec::new() }
    }

    /// A failure of the page itself (storage, the token callback), not of the network.
    pub fn local(code: FailureCode, message: impl Into<String>) -> Self {
        Failure { code, status: 0, message: message.into(), errors: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_details_give_detail_and_issues() {
        let body = r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"1 problem","errors":[{"path":"/steps/0/status","code":"enum","message":"bad"}]}"#;
        let f = Failure::from_response(400, body);
        assert_eq!(f.message, "1 problem");
        assert_eq!(
            f.errors,
            vec![RemoteIssue { path: "/steps/0/status".into(), code: "enum".into(), message: "bad".into() }]
        );
    }

    #[test]
    fn meta_error_bodies_are_read() {
        let f = Failure::from_response(401, r#"{"meta": {"error": "unauthorized", "detail": "token expired"}}"#);
        assert_eq!(f.message, "unauthorized: token expired");
        assert!(f.errors.is_empty());
    }

    #[test]
    fn plain_text_and_empty_bodies_still_say_something() {
        assert_eq!(Failure::from_response(502, "Bad gateway\n").message, "the server answered 502: Bad gateway");
        assert_eq!(Failure::from_response(503, "").message, "the server answered 503");
        assert_eq!(Failure::from_response(500, "[1,2]").message, "the server answered 500: [1,2]");
        let long = "é".repeat(600);
        let expected = format!("the server answered 502: {}", "é".repeat(500));
        assert_eq!(Failure::from_response(502, &long).message, expected, "cut after 500 characters");
    }
}
