//! `new ChecklistClient(options)`: the JS options object, read and checked once.

use crate::error::ChecklistError;
use crate::model::UserProperties;
use crate::ops::{parse_by, Order};
use crate::sync::retry::Backoff;
use crate::visibility::DEFAULT_ORGANIZATION;
use crate::wasm::convert::{json_text, order_option};
use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// What a client is made with.
pub struct Options {
    pub base_url: String,
    pub user_id: String,
    /// Sent as `?organization=` when given.
    pub organization: Option<String>,
    pub actor: Option<String>,
    /// `localStorage` (true) or memory.
    pub local: bool,
    pub storage_key: String,
    pub get_access_token: Option<Function>,
    pub backoff: Backoff,
    /// The longest wait a server's `Retry-After` may ask for.
    pub retry_after_cap_ms: u32,
    /// The longest a request (headers and body) or `getAccessToken` may take.
    pub timeout_ms: u32,
    pub order: Order,
    pub refresh: Refresh,
    /// `fetch`'s `credentials` ("include" for cookie sessions).
    pub credentials: Option<&'static str>,
    /// Extra request headers: an object, or a function that returns one (called per request).
    pub headers: Option<JsValue>,
    /// A record as the GET returns it, to start from without a GET, and its ETag if known.
    pub initial: Option<(UserProperties, Option<String>)>,
}

/// When the client re-reads the record on its own.
#[derive(Clone, Copy, Debug)]
pub struct Refresh {
    /// When the window gets focus.
    pub on_focus: bool,
    /// When the page becomes visible.
    pub on_visible: bool,
    /// Every so often while the page is visible (0: never).
    pub interval_ms: u32,
    /// At most one refresh this often (a focus right after a read reads nothing).
    pub min_interval_ms: u32,
}

impl Options {
    /// Reads and checks the JS options object.
    pub fn read(options: &JsValue) -> Result<Options, ChecklistError> {
        if !options.is_object() {
            return Err(invalid("options", "must be an object"));
        }
        // The defaults, then each option in the order its problems are reported: a refusal
        // drops one value instead of a ladder of the fields read so far.
        let mut o = Options {
            base_url: String::new(),
            user_id: String::new(),
            organization: None,
            actor: None,
            local: true,
            storage_key: String::new(),
            get_access_token: None,
            backoff: Backoff::default(),
            retry_after_cap_ms: 60_000,
            timeout_ms: 30_000,
            order: Order::default(),
            refresh: Refresh { on_focus: true, on_visible: true, interval_ms: 0, min_interval_ms: 5_000 },
            credentials: None,
            headers: None,
            initial: None,
        };
        o.local = match string_field(options, "storage")?.as_deref() {
            None | Some("local") => true,
            Some("memory") => false,
            Some(_) => return Err(invalid("storage", "must be \"local\" or \"memory\"")),
        };
        if let Some(f) = field(options, "getAccessToken") {
            o.get_access_token =
                Some(f.dyn_into::<Function>().map_err(|_| invalid("getAccessToken", "must be a function"))?);
        }
        if let Some(retry) = field(options, "retry") {
            o.backoff.base_ms = number_field(&retry, "baseMs")?.unwrap_or(o.backoff.base_ms);
            o.backoff.max_ms = number_field(&retry, "maxMs")?.unwrap_or(o.backoff.max_ms);
            o.retry_after_cap_ms = number_field(&retry, "retryAfterCapMs")?.unwrap_or(o.retry_after_cap_ms);
        }
        o.base_url = string_field(options, "baseUrl")?.ok_or_else(|| invalid("baseUrl", "is required"))?;
        o.user_id = string_field(options, "userId")?
            .filter(|u| !u.is_empty())
            .ok_or_else(|| invalid("userId", "is required"))?;
        o.organization = string_field(options, "organization")?;
        o.actor = string_field(options, "actorId")?.map(|id| parse_by("actorId", id)).transpose()?;
        o.storage_key = string_field(options, "storageKey")?.unwrap_or_else(|| "guided-checklist".to_owned());
        o.timeout_ms = number_field(options, "timeoutMs")?.unwrap_or(o.timeout_ms).max(1);
        o.order = order_option(Some(options))?;
        if let Some(given) = field(options, "refresh") {
            let r = &mut o.refresh;
            r.on_focus = bool_field(&given, "onFocus")?.unwrap_or(r.on_focus);
            r.on_visible = bool_field(&given, "onVisible")?.unwrap_or(r.on_visible);
            r.interval_ms = number_field(&given, "intervalMs")?.unwrap_or(r.interval_ms);
            r.min_interval_ms = number_field(&given, "minIntervalMs")?.unwrap_or(r.min_interval_ms);
        }
        o.credentials = credentials(options)?;
        o.headers = request_headers(options)?;
        o.initial = initial_record(options)?;
        Ok(o)
    }

    /// The storage key: `{storageKey}:{organization}:{userId}`, each part URI-encoded so
    /// that no two users share a key (organization `a:b` with user `c`, organization `a`
    /// with user `b:c`).
    pub fn storage_key(&self) -> String {
        let org = self.organization.as_deref().unwrap_or(DEFAULT_ORGANIZATION);
        let part = |part: &str| String::from(js_sys::encode_uri_component(part));
        format!("{}:{}:{}", part(&self.storage_key), part(org), part(&self.user_id))
    }
}

fn request(options: &JsValue) -> Option<JsValue> {
    field(options, "request")
}

fn credentials(options: &JsValue) -> Result<Option<&'static str>, ChecklistError> {
    const ALLOWED: [&str; 3] = ["include", "same-origin", "omit"];
    let Some(request) = request(options) else { return Ok(None) };
    let Some(given) = string_field(&request, "credentials")? else { return Ok(None) };
    match ALLOWED.into_iter().find(|allowed| *allowed == given) {
        Some(allowed) => Ok(Some(allowed)),
        None => Err(invalid("credentials", "must be \"include\", \"same-origin\" or \"omit\"")),
    }
}

fn request_headers(options: &JsValue) -> Result<Option<JsValue>, ChecklistError> {
    let Some(headers) = request(options).and_then(|r| field(&r, "headers")) else { return Ok(None) };
    if headers.is_object() || headers.is_function() {
        Ok(Some(headers))
    } else {
        Err(invalid("headers", "must be an object of header values, or a function that returns one"))
    }
}

fn initial_record(options: &JsValue) -> Result<Option<(UserProperties, Option<String>)>, ChecklistError> {
    let Some(record) = field(options, "initialRecord") else { return Ok(None) };
    let text = json_text(&record).map_err(|issue| ChecklistError::Invalid(issue.into()))?;
    // Checked as a server's answer is: a record that is not valid is refused here.
    let record = UserProperties::from_json_str(&text)?;
    Ok(Some((record, string_field(options, "initialEtag")?)))
}

fn bool_field(options: &JsValue, key: &'static str) -> Result<Option<bool>, ChecklistError> {
    match field(options, key) {
        None => Ok(None),
        Some(v) => v.as_bool().map(Some).ok_or_else(|| invalid(key, "must be true or false")),
    }
}

pub fn invalid(name: &'static str, reason: &str) -> ChecklistError {
    ChecklistError::InvalidArgument { name, reason: reason.to_owned() }
}

fn field(options: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(options, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn string_field(options: &JsValue, key: &'static str) -> Result<Option<String>, ChecklistError> {
    match field(options, key) {
        None => Ok(None),
        Some(v) => v.as_string().map(Some).ok_or_else(|| invalid(key, "must be a string")),
    }
}

fn number_field(options: &JsValue, key: &'static str) -> Result<Option<u32>, ChecklistError> {
    match field(options, key) {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n) if n >= 0.0 && n <= f64::from(u32::MAX) => Ok(Some(n as u32)),
            _ => Err(invalid(key, "must be a non-negative number of milliseconds")),
        },
    }
}
