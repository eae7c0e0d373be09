//! Arbitrary bytes as a user-properties record: never a panic; valid ones round-trip.
#![no_main]

use guided_checklist::{validate_user_properties_text, UserProperties};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = validate_user_properties_text(text);
    match UserProperties::from_json_str(text) {
        Ok(record) => {
            assert!(report.ok);
            let written = record.to_json_string();
            let original: serde_json::Value = serde_json::from_str(text).expect("valid records are JSON");
            let round: serde_json::Value = serde_json::from_str(&written).expect("written JSON parses");
            assert!(same_json(&original, &round), "a field was lost or changed: {text}");
        }
        Err(_) => assert!(!report.ok),
    }
});

/// JSON equality with numbers compared by value, as JS sees them (`2.0` is `2`).
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
