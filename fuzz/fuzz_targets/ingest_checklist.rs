//! Arbitrary bytes as a checklist: never a panic; a valid one writes back what it read.
#![no_main]

use guided_checklist::{validate_checklist_text, GuidedChecklist};
use libfuzzer_sys::fuzz_target;

mod same_json;
use same_json::same_json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The library's own JSON reader sees what serde_json sees, and writes it back.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let ours = guided_checklist::json::parse(text).expect("what serde_json reads is JSON");
        let written = guided_checklist::ToJson::to_json_string(&ours);
        let round: serde_json::Value = serde_json::from_str(&written).expect("written JSON parses");
        assert!(same_json(&value, &round), "the reader or the writer changed {text}");
    }
    // The text, and the text its tree writes (each key once, in other spacing and escapes),
    // read alike: problems, their order and the last value of a repeated key included.
    if let Ok(tree) = guided_checklist::json::parse(text) {
        let issues = |e: guided_checklist::ChecklistError| e.issues().to_vec();
        let from_tree = GuidedChecklist::from_value(tree).map_err(issues);
        assert_eq!(GuidedChecklist::from_json_str(text).map_err(issues), from_tree, "{text:?}");
    }
    let report = validate_checklist_text(text);
    match GuidedChecklist::from_json_str(text) {
        Ok(checklist) => {
            assert!(report.ok, "validation and reading disagree on {text:?}");
            let written = checklist.to_json_string();
            let again = GuidedChecklist::from_json_str(&written).expect("what was written reads back");
            assert_eq!(again, checklist, "the round trip changed the checklist");
            // serde_json refuses numbers beyond a float (`1e400`), which JSON allows and
            // `JSON.parse` reads as Infinity; where it reads the text, it must see no change.
            if let Ok(original) = serde_json::from_str::<serde_json::Value>(text) {
                let round: serde_json::Value = serde_json::from_str(&written).expect("written JSON parses");
                assert!(same_json(&original, &round), "a field was lost or changed: {text}");
            }
        }
        Err(err) => assert!(!report.ok && !err.issues().is_empty(), "a refusal carries its issues"),
    }
});
