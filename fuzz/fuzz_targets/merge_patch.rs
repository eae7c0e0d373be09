//! Arbitrary merge patches on a valid checklist: never a panic; the result is valid
//! or refused with the checklist unchanged.
#![no_main]

use guided_checklist::{validate_checklist_text, GuidedChecklist};
use libfuzzer_sys::fuzz_target;

const FIXTURE: &str = include_str!("../../tests/fixtures/checklist.json");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(patch) = guided_checklist::json::parse(text) else { return };
    let mut checklist = GuidedChecklist::from_json_str(FIXTURE).expect("fixture is valid");
    let before = checklist.clone();
    match checklist.merge_patch(patch) {
        Ok(()) => assert!(validate_checklist_text(&checklist.to_json_string()).ok, "a patch left an invalid checklist"),
        Err(_) => assert_eq!(checklist, before, "a refused patch changed the checklist"),
    }
});
