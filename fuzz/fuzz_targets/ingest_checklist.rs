//! Arbitrary bytes as a checklist: never a panic; a valid one writes back what it read.
#![no_main]

use guided_checklist::{validate_checklist_text, GuidedChecklist};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = validate_checklist_text(text);
    match GuidedChecklist::from_json_str(text) {
        Ok(checklist) => {
            assert!(report.ok, "validation and reading disagree on {text:?}");
            let written = checklist.to_json_string();
            let again = GuidedChecklist::from_json_str(&written).expect("what was written reads back");
            assert_eq!(again, checklist, "the round trip changed the checklist");
            let original: serde_json::Value = serde_json::from_str(text).expect("valid checklists are JSON");
            let round: serde_json::Value = serde_json::from_str(&written).expect("written JSON parses");
            assert!(same_json(&original, &round), "a field was lost or changed: {text}");
        }
        Err(err) => assert!(!report.ok && !err.issues().is_empty(), "a refusal carries its issues"),
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
