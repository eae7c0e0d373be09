//! Conversions between JS values and the core's types. Values cross as JSON
//! text: one `JSON.stringify` or `JSON.parse` in the engine beats walking an
//! object property by property across the boundary.

use crate::error::ChecklistError;
use crate::issue::{Code, Issue, Pointer};
use crate::json::ToJson;
use crate::limits::MAX_INPUT_BYTES;
use crate::ops::{parse_at, parse_by, Order};
use crate::timestamp::Timestamp;
use js_sys::{Array, Date, Error, JsString, Reflect, JSON};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The names made into JS strings so far; see `js_name`.
    static NAMES: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// `name` as a JS string, made once: a string made from WASM memory costs a `TextDecoder`
/// call, and option keys and event kinds cross on every edit.
pub fn js_name(name: &'static str) -> JsValue {
    NAMES.with_borrow_mut(|names| {
        if let Some((_, value)) = names.iter().find(|(known, _)| *known == name) {
            return value.clone();
        }
        let value = JsValue::from_str(name);
        names.push((name, value.clone()));
        value
    })
}

/// JSON text for a value given either as a JSON string or as a JS value. A text longer
/// than the input limit is refused before it is copied into WASM memory, which never
/// shrinks: every UTF-16 unit is at least one byte of UTF-8.
pub fn json_text(value: &JsValue) -> Result<String, Issue> {
    let root = Pointer::at("");
    let text = if value.is_string() {
        value.clone()
    } else if value.is_undefined() || value.is_function() || value.is_symbol() {
        return Err(root.issue(Code::Type, "expected an object or a JSON string"));
    } else {
        JSON::stringify(value)
            .map_err(|e| {
                root.issue(Code::InvalidJson, format!("the value cannot be written as JSON: {}", describe(&e)))
            })?
            .into()
    };
    let Some(text) = text.dyn_ref::<JsString>() else {
        return Err(root.issue(Code::Type, "expected an object or a JSON string"));
    };
    let units = text.length() as usize;
    if units > MAX_INPUT_BYTES {
        return Err(root.issue(
            Code::TooLarge,
            format!("the JSON text is at least {units} bytes; at most {MAX_INPUT_BYTES} are allowed"),
        ));
    }
    Ok(utf8(text))
}

#[wasm_bindgen(module = "/js/engine.js")]
extern "C" {
    /// Writes `text` from UTF-16 unit `from` on as UTF-8 into `bytes`, as far as whole
    /// characters fit (a lone surrogate becomes U+FFFD); returns `read * 2^24 + written`.
    /// `date.toISOString()` (the time now when `date` is undefined); `None` for an invalid Date.
    #[wasm_bindgen(js_name = isoString)]
    fn iso_string(date: Option<&Date>) -> Option<String>;

    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &JsString, from: u32, bytes: &mut [u8]) -> f64;
}

/// A JS string as Rust text, written by the engine's `TextEncoder.encodeInto` straight into
/// WASM memory: `encode` plus a copy cost about three times as much for a long text, and
/// the glue's own copy loops over the characters in JS. A byte per UTF-16 unit is tried
/// first, which is all an ASCII text needs; the rest, if any, gets three per unit, the most
/// UTF-8 takes.
fn utf8(text: &JsString) -> String {
    let units = text.length() as usize;
    let mut bytes = vec![0; units];
    let (mut read, mut written) = (0, 0);
    while read < units {
        let Some(free) = bytes.get_mut(written..) else { break };
        let done = encode_into(text, read as u32, free) as u64;
        let (more_read, more_written) = ((done >> 24) as usize, (done & 0xff_ffff) as usize);
        read += more_read;
        written += more_written;
        if more_read == 0 && more_written == 0 && free.len() >= 3 * (units - read) {
            // Nothing could be written where everything fits: not a case TextEncoder has.
            break;
        }
        bytes.resize(written + 3 * (units - read), 0);
    }
    bytes.truncate(written);
    // The encoder writes UTF-8, so this holds.
    String::from_utf8(bytes).unwrap_or_else(|_| String::from(text))
}

/// A plain JS value for something serializable, built by the engine's `JSON.parse`.
pub fn to_js(value: &dyn ToJson) -> JsValue {
    parse_json_text(&crate::json::text_of(value))
}

/// A plain JS value for JSON text the core wrote.
pub fn parse_json_text(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or(JsValue::NULL)
}

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = ChecklistError)]
    type JsChecklistError;
    #[wasm_bindgen(constructor, js_class = "ChecklistError")]
    fn new(message: &str, code: &str, errors: JsValue) -> JsChecklistError;

    #[cfg(feature = "client")]
    #[wasm_bindgen(js_name = ChecklistSyncError)]
    type JsSyncError;
    #[cfg(feature = "client")]
    #[wasm_bindgen(constructor, js_class = "ChecklistSyncError")]
    fn new(message: &str, code: &str, status: u16, errors: JsValue) -> JsSyncError;
}

/// A thrown `ChecklistError` (the class of `js/errors.js`): an `Error` with a stable
/// `code`, and the validation issues in `errors` when validation caused it. This lets
/// every export return `Result<_, ChecklistError>` and use `?`.
impl From<ChecklistError> for JsValue {
    fn from(err: ChecklistError) -> JsValue {
        JsChecklistError::new(&err.to_string(), err.code(), to_js(&err.issues())).into()
    }
}

/// What `flush()` rejects with when syncing stops: a `ChecklistSyncError` from the failure.
#[cfg(feature = "client")]
pub fn sync_error(failure: &crate::sync::failure::Failure) -> JsValue {
    JsSyncError::new(&failure.message, failure.code.as_str(), failure.status, to_js(&failure.errors)).into()
}

/// The browser's clock, as the core's timestamp.
pub fn now() -> Timestamp {
    iso_string(None).and_then(|text| Timestamp::parse(&text).ok()).unwrap_or_else(Timestamp::epoch)
}

/// The `at` option: an RFC 3339 string or a `Date`; the browser's clock when absent.
pub fn at_option(options: Option<&JsValue>) -> Result<Timestamp, ChecklistError> {
    match option(options, "at")? {
        None => Ok(now()),
        Some(value) => {
            if let Some(date) = value.dyn_ref::<Date>() {
                // The API's date-time has four-digit years: a Date outside them has no text.
                let written = iso_string(Some(date)).and_then(|text| Timestamp::parse(&text).ok());
                return written.ok_or_else(|| ChecklistError::InvalidArgument {
                    name: "at",
                    reason: "is an invalid Date, or one outside the years 0000 to 9999".to_owned(),
                });
            }
            match value.as_string() {
                Some(text) => parse_at(&text),
                None => {
                    Err(ChecklistError::InvalidArgument { name: "at", reason: "must be a string or a Date".into() })
                }
            }
        }
    }
}

/// The `by` option of `completeStep`: a hyphenated UUID.
pub fn by_option(options: Option<&JsValue>) -> Result<Option<String>, ChecklistError> {
    match option(options, "by")? {
        None => Ok(None),
        Some(value) => match value.as_string() {
            Some(text) => parse_by("by", text).map(Some),
            None => Err(ChecklistError::InvalidArgument { name: "by", reason: "must be a string".into() }),
        },
    }
}

/// The optional `roles` argument: an array of strings.
pub fn roles_arg(roles: Option<&JsValue>) -> Result<Option<Vec<String>>, ChecklistError> {
    string_list("roles", roles)
}

/// An optional argument `name` that must be an array of strings.
pub fn string_list(name: &'static str, value: Option<&JsValue>) -> Result<Option<Vec<String>>, ChecklistError> {
    let Some(value) = value.filter(|r| !r.is_undefined() && !r.is_null()) else { return Ok(None) };
    let Some(list) = value.dyn_ref::<Array>() else {
        return Err(ChecklistError::InvalidArgument { name, reason: "must be an array of strings".into() });
    };
    list.iter()
        .map(|r| {
            r.as_string()
                .ok_or_else(|| ChecklistError::InvalidArgument { name, reason: "must hold only strings".into() })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// The `order` option: "any" (default) or "ordered".
pub fn order_option(options: Option<&JsValue>) -> Result<Order, ChecklistError> {
    match option(options, "order")? {
        None => Ok(Order::Any),
        Some(value) => match value.as_string() {
            Some(text) => Order::parse(&text),
            None => {
                Err(ChecklistError::InvalidArgument { name: "order", reason: "must be \"any\" or \"ordered\"".into() })
            }
        },
    }
}

fn option(options: Option<&JsValue>, key: &'static str) -> Result<Option<JsValue>, ChecklistError> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else { return Ok(None) };
    if !options.is_object() {
        return Err(ChecklistError::InvalidArgument { name: "options", reason: "must be an object".into() });
    }
    let value = Reflect::get(options, &js_name(key))
        .map_err(|e| ChecklistError::InvalidArgument { name: "options", reason: describe(&e) })?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

/// The message of a thrown JS value: an `Error`'s, a string's, or "unknown error".
pub fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}
