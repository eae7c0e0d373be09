//! Arbitrary bytes as a user-properties record: never a panic; valid ones round-trip.
#![no_main]

use guided_checklist::{validate_user_properties_text, UserProperties};
use libfuzzer_sys::fuzz_target;

mod same_json;
use same_json::same_json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The fast path (typed from the text) must agree with the collecting path, errors included.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let issues = |e: guided_checklist::ChecklistError| e.issues().to_vec();
        assert_eq!(
            UserProperties::from_json_str(text).map_err(issues),
            UserProperties::from_value(value).map_err(issues)
        );
    }
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
