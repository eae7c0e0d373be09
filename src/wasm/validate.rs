//! Validation exports: they report, and never throw on bad input.

use super::convert::{json_text, to_js};
use crate::document::{validate_checklist_text, validate_user_properties_text};
use crate::issue::Report;
use wasm_bindgen::prelude::*;

/// Validates a `guidedChecklist` (an object or JSON text); never throws.
#[wasm_bindgen(js_name = validateGuidedChecklist, unchecked_return_type = "ValidationResult")]
pub fn validate_guided_checklist(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> JsValue {
    report(&value, validate_checklist_text)
}

/// Validates a user-properties record (an object or JSON text); never throws.
#[wasm_bindgen(js_name = validateUserProperties, unchecked_return_type = "ValidationResult")]
pub fn validate_user_properties(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> JsValue {
    report(&value, validate_user_properties_text)
}

fn report(value: &JsValue, validate: fn(&str) -> Report) -> JsValue {
    let report = match json_text(value) {
        Ok(text) => validate(&text),
        Err(issue) => Report::new(vec![issue], Vec::new()),
    };
    to_js(&report)
}
