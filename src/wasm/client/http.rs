//! Requests to the user-management API, through gloo-net.

use super::browser::{timeout_signal, with_timeout};
use crate::model::{GuidedChecklist, UserProperties};
use crate::sync::failure::{Failure, FailureCode};
use crate::sync::retry::{http_date, retry_after_ms};
use crate::wasm::convert::{describe, now};
use gloo_net::http::{Method, RequestBuilder, Response};
use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestCredentials;

/// How the API was reached and who speaks to it.
#[derive(Clone)]
pub struct Api {
    /// `{baseUrl}/api/usermanagement/v1/users/{userId}/properties`.
    pub properties_url: String,
    /// `?organization=...` or empty.
    pub query: String,
    /// Gives the bearer token; it is asked before every request and never stored.
    pub get_access_token: Option<Function>,
    /// The longest a request (headers and body) or `getAccessToken` may take.
    pub timeout_ms: u32,
    /// `fetch`'s `credentials`.
    pub credentials: Option<RequestCredentials>,
    /// The `request.headers` option: an object, or a function that returns one.
    pub headers: Option<JsValue>,
}

/// A request that did not succeed.
#[derive(Clone, Debug)]
pub struct Failed {
    pub failure: Failure,
    /// What `Retry-After` asked for, in milliseconds.
    pub retry_after_ms: Option<u64>,
}

/// What a successful read found.
pub enum Read {
    Found(Box<UserProperties>, Option<String>),
    Missing,
}

impl Api {
    /// `GET` the record; 404 is `Read::Missing`.
    pub async fn get(&self) -> Result<Read, Failed> {
        let url = format!("{}{}", self.properties_url, self.query);
        let response = self.send(Method::GET, &url, None, None).await?;
        if response.status() == 404 {
            return Ok(Read::Missing);
        }
        let (record, etag) = record_of(response).await?;
        Ok(Read::Found(Box::new(record), etag))
    }

    /// `PATCH` the checklist, with `If-Match` when an ETag is known.
    pub async fn patch(
        &self,
        checklist: &GuidedChecklist,
        etag: Option<&str>,
    ) -> Result<(UserProperties, Option<String>), Failed> {
        let url = format!("{}/guided-checklist{}", self.properties_url, self.query);
        let condition = etag.map(|etag| ("If-Match", etag));
        let response = self.send(Method::PATCH, &url, condition, Some(checklist.to_json_string())).await?;
        record_of(response).await
    }

    /// `PUT` the whole record (the server had none), only if there still is none.
    pub async fn put(&self, record: &UserProperties) -> Result<(UserProperties, Option<String>), Failed> {
        let url = format!("{}{}", self.properties_url, self.query);
        let condition = Some(("If-None-Match", "*"));
        let response = self.send(Method::PUT, &url, condition, Some(record.to_json_string())).await?;
        record_of(response).await
    }

    /// Sends a request with its token, the page's `request` options and `condition` (a
    /// precondition header). The whole exchange, body included, is aborted after
    /// `timeout_ms`, so a server that never answers stops nothing for good. A 401 asks
    /// `getAccessToken({ refresh: true })` once and sends again before it counts.
    async fn send(
        &self,
        method: Method,
        url: &str,
        condition: Option<(&str, &str)>,
        body: Option<String>,
    ) -> Result<Response, Failed> {
        let mut refreshed = false;
        loop {
            let response = self.send_once(method.clone(), url, condition, body.clone(), refreshed).await?;
            if response.status() == 401 && !refreshed && self.get_access_token.is_some() {
                refreshed = true;
                continue;
            }
            return self.answer(response).await;
        }
    }

    async fn send_once(
        &self,
        method: Method,
        url: &str,
        condition: Option<(&str, &str)>,
        body: Option<String>,
        refresh: bool,
    ) -> Result<Response, Failed> {
        let mut builder = RequestBuilder::new(url).method(method);
        for (name, value) in self.extra_headers()? {
            builder = builder.header(&name, &value);
        }
        if let Some(credentials) = self.credentials {
            builder = builder.credentials(credentials);
        }
        if let Some((name, value)) = condition {
            builder = builder.header(name, value);
        }
        if let Some(token) = self.token(refresh).await? {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(signal) = timeout_signal(self.timeout_ms) {
            builder = builder.abort_signal(Some(&signal));
        }
        let request = match body {
            Some(body) => builder.header("Content-Type", "application/json").body(body),
            None => builder.build(),
        }
        .map_err(|e| failed(Failure::network(e.to_string())))?;
        request.send().await.map_err(|e| failed(Failure::network(format!("no answer from the server: {e}"))))
    }

    /// The `request.headers` option's headers: its object, or what its function returns.
    fn extra_headers(&self) -> Result<Vec<(String, String)>, Failed> {
        let Some(headers) = &self.headers else { return Ok(Vec::new()) };
        let refused = |why: String| failed(Failure::local(FailureCode::Headers, format!("request.headers {why}")));
        let object = match headers.dyn_ref::<Function>() {
            Some(function) => {
                function.call0(&JsValue::NULL).map_err(|e| refused(format!("threw: {}", describe(&e))))?
            }
            None => headers.clone(),
        };
        let entries = js_sys::Object::entries(
            object.dyn_ref::<js_sys::Object>().ok_or_else(|| refused("gave no object".to_owned()))?,
        );
        Ok(entries
            .iter()
            .filter_map(|entry| {
                let pair: js_sys::Array = entry.unchecked_into();
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect())
    }

    /// A response that is not a record's: a failure (with `Retry-After`), or a 404 or 2xx to read.
    async fn answer(&self, response: Response) -> Result<Response, Failed> {
        let status = response.status();
        if status == 404 || (200..300).contains(&status) {
            return Ok(response);
        }
        // An HTTP date in `Retry-After` is measured against the server's own `Date`, so a
        // skewed clock here does not stretch or cut the wait.
        let headers = response.headers();
        let server_now = headers.get("Date").and_then(|d| http_date(&d));
        let reference = server_now.unwrap_or_else(|| now().instant().timestamp_millis());
        let retry_after_ms = headers.get("Retry-After").and_then(|v| retry_after_ms(&v, reference));
        let body = response.text().await.unwrap_or_default();
        Err(Failed { failure: Failure::from_response(status, &body), retry_after_ms })
    }

    async fn token(&self, refresh: bool) -> Result<Option<String>, Failed> {
        let Some(get) = &self.get_access_token else { return Ok(None) };
        let refused = |why: &str| failed(Failure::local(FailureCode::Token, format!("getAccessToken {why}")));
        let context = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&context, &"refresh".into(), &JsValue::from_bool(refresh));
        let mut value = get.call1(&JsValue::NULL, &context).map_err(|_| refused("threw"))?;
        if let Some(promise) = value.dyn_ref::<Promise>() {
            let bounded = with_timeout(promise, self.timeout_ms);
            value = JsFuture::from(bounded).await.map_err(|_| refused("rejected or did not settle in time"))?;
        }
        value.as_string().map(Some).ok_or_else(|| refused("did not give a string"))
    }
}

fn failed(failure: Failure) -> Failed {
    Failed { failure, retry_after_ms: None }
}

async fn record_of(response: Response) -> Result<(UserProperties, Option<String>), Failed> {
    let status = response.status();
    let etag = response.headers().get("ETag");
    let text = response.text().await.map_err(|e| failed(Failure::network(format!("the answer was cut off: {e}"))))?;
    // A 2xx that is not a record (a captive portal's page, a cut or oversized body) is
    // not the API answering: retried like a network failure, never a reason to stop.
    let record = UserProperties::from_json_str(&text).map_err(|e| {
        if !(200..300).contains(&status) {
            return failed(Failure::from_response(status, &text));
        }
        let mut failure = Failure::network(format!("the answer to this request is not a record ({status}): {e}"));
        failure.status = status;
        failed(failure)
    })?;
    Ok((record, etag))
}
