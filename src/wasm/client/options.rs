//! `new ChecklistClient(options)`: the JS options object, read and checked once.

use crate::error::ChecklistError;
use crate::ops::parse_by;
use crate::sync::retry::Backoff;
use crate::visibility::DEFAULT_ORGANIZATION;
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
}

impl Options {
    /// Reads and checks the JS options object.
    pub fn read(options: &JsValue) -> Result<Options, ChecklistError> {
        if !options.is_object() {
            return Err(invalid("options", "must be an object"));
        }
        let local = match string_field(options, "storage")?.as_deref() {
            None | Some("local") => true,
            Some("memory") => false,
            Some(_) => return Err(invalid("storage", "must be \"local\" or \"memory\"")),
        };
        let get_access_token = match field(options, "getAccessToken") {
            None => None,
            Some(f) => Some(f.dyn_into::<Function>().map_err(|_| invalid("getAccessToken", "must be a function"))?),
        };
        let mut backoff = Backoff::default();
        let mut retry_after_cap_ms = 60_000;
        if let Some(retry) = field(options, "retry") {
            backoff.base_ms = number_field(&retry, "baseMs")?.unwrap_or(backoff.base_ms);
            backoff.max_ms = number_field(&retry, "maxMs")?.unwrap_or(backoff.max_ms);
            retry_after_cap_ms = number_field(&retry, "retryAfterCapMs")?.unwrap_or(retry_after_cap_ms);
        }
        Ok(Options {
            base_url: string_field(options, "baseUrl")?.ok_or_else(|| invalid("baseUrl", "is required"))?,
            user_id: string_field(options, "userId")?
                .filter(|u| !u.is_empty())
                .ok_or_else(|| invalid("userId", "is required"))?,
            organization: string_field(options, "organization")?,
            actor: string_field(options, "actorId")?.map(|id| parse_by("actorId", id)).transpose()?,
            local,
            storage_key: string_field(options, "storageKey")?.unwrap_or_else(|| "guided-checklist".to_owned()),
            get_access_token,
            backoff,
            retry_after_cap_ms,
            timeout_ms: number_field(options, "timeoutMs")?.unwrap_or(30_000).max(1),
        })
    }

    /// The storage key: `{storageKey}:{organization}:{userId}`, each part URI-encoded so
    /// that no two users share a key (organization `a:b` with user `c`, organization `a`
    /// with user `b:c`).
    pub fn storage_key(&self) -> String {
        let org = self.organization.as_deref().unwrap_or(DEFAULT_ORGANIZATION);
        [self.storage_key.as_str(), org, self.user_id.as_str()]
            .map(|part| String::from(js_sys::encode_uri_component(part)))
            .join(":")
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
