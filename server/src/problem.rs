//! Error responses as RFC 9457 `application/problem+json`, carrying the same
//! `{ path, code, message }` issues the engine reports.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use guided_checklist::issue::Issues;
use guided_checklist::{ChecklistError, Issue};
use serde::{Serialize, Serializer};

/// One problem response.
#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    #[serde(serialize_with = "issues")]
    errors: Vec<Issue>,
    /// How many issues there were when `errors` lists only the first ones.
    #[serde(rename = "errorCount", skip_serializing_if = "Option::is_none")]
    error_count: Option<u32>,
    #[serde(skip)]
    headers: Vec<(header::HeaderName, HeaderValue)>,
}

/// Issues as the engine writes them to JS: `{ path, code, message }`.
fn issues<S: Serializer>(list: &[Issue], serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Out<'a> {
        path: &'a str,
        code: &'static str,
        message: &'a str,
    }
    serializer.collect_seq(list.iter().map(|i| Out { path: &i.path, code: i.code.as_str(), message: &i.message }))
}

impl Problem {
    /// A problem with a status and an explanation.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
            error_count: None,
            headers: Vec::new(),
        }
    }

    /// A 400 listing the issues with the body (the first `MAX_LISTED_ISSUES`) and their count.
    pub fn invalid(issues: impl Into<Issues>) -> Self {
        let Issues { list, total } = issues.into();
        let detail = match list.first() {
            Some(first) => format!("{total} problem(s) with the body; first at \"{}\": {}", first.path, first.message),
            None => "the body is invalid".to_owned(),
        };
        let error_count = Some(u32::try_from(total).unwrap_or(u32::MAX));
        Problem { errors: list, error_count, ..Problem::new(StatusCode::BAD_REQUEST, detail) }
    }

    /// A 403 naming the parts of the body its writer may not write.
    pub fn forbidden(errors: Vec<Issue>) -> Self {
        let detail = format!("{} part(s) of the body may not be written by this user", errors.len());
        Problem { errors, ..Problem::new(StatusCode::FORBIDDEN, detail) }
    }

    /// Adds a response header.
    pub fn with_header(mut self, name: header::HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }
}

impl From<ChecklistError> for Problem {
    fn from(err: ChecklistError) -> Self {
        match err {
            ChecklistError::Invalid(issues) => Problem::invalid(issues),
            other => Problem::new(StatusCode::BAD_REQUEST, other.to_string()),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        for (name, value) in self.headers {
            headers.insert(name, value);
        }
        response
    }
}
