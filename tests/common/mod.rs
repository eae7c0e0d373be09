//! Fixtures shared by the native tests and the browser tests.
#![allow(dead_code)]

#[cfg(not(target_arch = "wasm32"))]
pub mod arbitrary;
pub mod builders;

/// A valid checklist with unknown fields at every level, a step hidden from its
/// roles (`billing`), a COMPLETED step and a tie in `sortOrder`.
pub const CHECKLIST: &str = include_str!("../fixtures/checklist.json");

/// A valid user-properties record with an unknown field.
pub const USER_PROPERTIES: &str = include_str!("../fixtures/user_properties.json");

/// The fixture checklist with `edit` applied to its JSON value.
pub fn checklist_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(CHECKLIST).expect("fixture is JSON");
    edit(&mut value);
    value.to_string()
}

/// A serde_json value as the library's own `Json`, through its text.
pub fn json(value: &serde_json::Value) -> guided_checklist::Json {
    guided_checklist::json::parse(&value.to_string()).expect("serde_json writes JSON")
}

/// The library's own `Json` as a serde_json value, to compare and index in tests.
pub fn value(json: &impl guided_checklist::ToJson) -> serde_json::Value {
    serde_json::from_str(&json.to_json_string()).expect("the library writes JSON")
}
