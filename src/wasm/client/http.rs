//! Requests to the user-management API. Each is one call of the client's JS `exchange`
//! (token, headers, `fetch`, the body's text), so that the module holds one small future
//! per request instead of a chain of them; what the answer means is decided here.

use crate::model::{GuidedChecklist, UserProperties};
use crate::sync::failure::{Failure, FailureCode};
use crate::wasm::convert::describe;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/js/client.js")]
extern "C" {
    /// Sends one request and reads its answer; the promise never rejects.
    #[allow(clippy::too_many_arguments)]
    fn exchange(
        method: &str,
        url: &str,
        extra: &JsValue,
        condition_name: Option<&str>,
        condition_value: Option<&str>,
        body: Option<&str>,
        credentials: Option<&str>,
        get_token: Option<&Function>,
        refresh: bool,
        ms: u32,
    ) -> Promise;

    /// What `exchange` gives.
    type Answer;
    /// "token", "headers" or "network" when no answer came; `why` says why.
    #[wasm_bindgen(method, getter)]
    fn failed(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn why(this: &Answer) -> String;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Answer) -> u16;
    #[wasm_bindgen(method, getter)]
    fn etag(this: &Answer) -> Option<String>;
    /// What `Retry-After` asks for, in milliseconds, read in JS (`Date.parse` reads every
    /// HTTP-date form).
    #[wasm_bindgen(method, getter, js_name = retryAfterMs)]
    fn retry_after_ms(this: &Answer) -> Option<f64>;
    /// The body, unless it was cut off.
    #[wasm_bindgen(method, getter)]
    fn text(this: &Answer) -> Option<String>;
    /// Why the body was cut off.
    #[wasm_bindgen(method, getter)]
    fn cut(this: &Answer) -> Option<String>;
}

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
    /// `fetch`'s `credentials`: "include", "same-origin" or "omit".
    pub credentials: Option<&'static str>,
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

/// A written record and its ETag.
pub type Written = (UserProperties, Option<String>);

impl Api {
    /// `GET` the record; 404 is `Read::Missing`.
    pub async fn get(&self) -> Result<Read, Failed> {
        let answer = self.send("GET", "", None, None).await?;
        if answer.status() == 404 {
            return Ok(Read::Missing);
        }
        let (record, etag) = record_of(&answer)?;
        Ok(Read::Found(Box::new(record), etag))
    }

    /// `PATCH` the checklist, with `If-Match` when an ETag is known.
    pub async fn patch(&self, checklist: &GuidedChecklist, etag: Option<&str>) -> Result<Written, Failed> {
        let condition = etag.map(|etag| ("If-Match", etag));
        record_of(&self.send("PATCH", "/guided-checklist", condition, Some(checklist.to_json_string())).await?)
    }

    /// `PUT` the whole record (the server had none), only if there still is none.
    pub async fn put(&self, record: &UserProperties) -> Result<Written, Failed> {
        let condition = Some(("If-None-Match", "*"));
        record_of(&self.send("PUT", "", condition, Some(record.to_json_string())).await?)
    }

    /// Sends a request to the properties URL with `path` after it, with its token, the
    /// page's `request` options and `condition` (a precondition header). The whole exchange,
    /// body included, is aborted after `timeout_ms`, so a server that never answers stops
    /// nothing for good. A 401 asks `getAccessToken({ refresh: true })` once and sends again
    /// before it counts. A 404 or a 2xx is an answer to read; anything else fails.
    async fn send(
        &self,
        method: &str,
        path: &str,
        condition: Option<(&str, &str)>,
        body: Option<String>,
    ) -> Result<Answer, Failed> {
        let url = format!("{}{path}{}", self.properties_url, self.query);
        let mut refresh = false;
        loop {
            let extra = self.extra_headers()?;
            let sent = exchange(
                method,
                &url,
                &extra,
                condition.map(|c| c.0),
                condition.map(|c| c.1),
                body.as_deref(),
                self.credentials,
                self.get_access_token.as_ref(),
                refresh,
                self.timeout_ms,
            );
            let answer: Answer = match JsFuture::from(sent).await {
                Ok(answer) => answer.unchecked_into(),
                Err(e) => return Err(failed(Failure::network(describe(&e)))),
            };
            if let Some(kind) = answer.failed() {
                let failure = match kind.as_str() {
                    "token" => Failure::local(FailureCode::Token, answer.why()),
                    "headers" => Failure::local(FailureCode::Headers, answer.why()),
                    _ => Failure::network(answer.why()),
                };
                return Err(failed(failure));
            }
            let status = answer.status();
            if status == 401 && !refresh && self.get_access_token.is_some() {
                refresh = true;
                continue;
            }
            if status == 404 || (200..300).contains(&status) {
                return Ok(answer);
            }
            // A float to an integer saturates: a huge delay is the longest, then capped.
            let retry_after_ms = answer.retry_after_ms().map(|ms| ms as u64);
            let body = answer.text().unwrap_or_default();
            return Err(Failed { failure: Failure::from_response(status, &body), retry_after_ms });
        }
    }

    /// The `request.headers` option's object, or what its function returns; `undefined`
    /// when there is none. Its string values are sent.
    fn extra_headers(&self) -> Result<JsValue, Failed> {
        let Some(headers) = &self.headers else { return Ok(JsValue::UNDEFINED) };
        let refused = |why: String| failed(Failure::local(FailureCode::Headers, format!("request.headers {why}")));
        let object = match headers.dyn_ref::<Function>() {
            Some(function) => {
                function.call0(&JsValue::NULL).map_err(|e| refused(format!("threw: {}", describe(&e))))?
            }
            None => headers.clone(),
        };
        if object.is_object() {
            Ok(object)
        } else {
            Err(refused("gave no object".to_owned()))
        }
    }
}

fn failed(failure: Failure) -> Failed {
    Failed { failure, retry_after_ms: None }
}

/// The record a 2xx answer holds.
fn record_of(answer: &Answer) -> Result<Written, Failed> {
    let status = answer.status();
    let text = answer.text().ok_or_else(|| failed(Failure::network(answer.cut().unwrap_or_default())))?;
    // A 2xx that is not a record (a captive portal's page, a cut or oversized body) is
    // not the API answering: retried like a network failure, never a reason to stop.
    let record = UserProperties::from_json_str(&text).map_err(|e| {
        if !(200..300).contains(&status) {
            return failed(Failure::from_response(status, &text));
        }
        let shown = u32::from(status);
        let mut failure = Failure::network(format!("the answer to this request is not a record ({shown}): {e}"));
        failure.status = status;
        failed(failure)
    })?;
    Ok((record, answer.etag()))
}
