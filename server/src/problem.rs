//! Error responses as RFC 9457 `application/problem+json`, carrying the same
//! `{ path, code, message }` issues the engine reports.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use guided_checklist::{ChecklistError, Issue};
use serde::Serialize;

/// One problem response.
#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    errors: Vec<Issue>,
    #[serde(skip)]
    headers: Vec<(header::HeaderName, HeaderValue)>,
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
            headers: Vec::new(),
        }
    }

    /// A 400 listing every issue with the body.
    pub fn invalid(errors: Vec<Issue>) -> Self {
        let detail = match errors.first() {
            Some(first) => {
                format!("{} problem(s) with the body; first at \"{}\": {}", errors.len(), first.path, first.message)
            }
            None => "the body is invalid".to_owned(),
        };
        Problem { errors, ..Problem::new(StatusCode::BAD_REQUEST, detail) }
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
