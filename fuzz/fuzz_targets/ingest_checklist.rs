//! Arbitrary bytes as a checklist: never a panic; a valid one writes back what it read.
#![no_main]

use guided_checklist::{validate_checklist_text, GuidedChecklist};
use libfuzzer_sys::fuzz_target;

mod same_json;
use same_json::same_json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The fast path (typed from the text) must agree with the collecting path, errors included.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let issues = |e: guided_checklist::ChecklistError| e.issues().to_vec();
        assert_eq!(
            GuidedChecklist::from_json_str(text).map_err(issues),
            GuidedChecklist::from_value(value).map_err(issues)
        );
    }
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
