//! The exported API as JS sees it, in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{checklist_with, CHECKLIST, USER_PROPERTIES};
use guided_checklist::wasm::{validate_guided_checklist, validate_user_properties, Checklist};
use js_sys::{Array, Date, Error, Object, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).expect("property read")
}

fn to_json(value: &JsValue) -> Value {
    let text: String = JSON::stringify(value).expect("stringify").into();
    serde_json::from_str(&text).expect("JSON")
}

fn js_object(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

fn fixture() -> Checklist {
    Checklist::from_json(js_object(CHECKLIST), None).expect("fixture is valid")
}

fn options<T: JsCast>(value: Value) -> Option<T> {
    Some(js_object(&value.to_string()).unchecked_into())
}

fn roles<T: JsCast>(names: &[&str]) -> Option<T> {
    Some(names.iter().map(|n| JsValue::from_str(n)).collect::<Array>().unchecked_into())
}

#[wasm_bindgen_test]
fn thrown_errors_are_checklist_errors_with_code_and_pointer_paths() {
    let err = Checklist::from_json(JsValue::from_str(r#"{"track":"C","steps":[]}"#), None)
        .err()
        .map(JsValue::from)
        .expect("must throw");
    let error = err.dyn_ref::<Error>().expect("an Error instance");
    assert_eq!(String::from(error.name()), "ChecklistError");
    assert!(String::from(error.message()).contains("/track"), "message names the path");
    assert!(get(&err, "stack").is_string(), "carries a stack");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid"));
    assert_eq!(
        to_json(&get(&err, "errors")),
        json!([
            {"path": "/track", "code": "enum", "message": "must be one of A, B (got \"C\")"},
            {"path": "/computedAt", "code": "required", "message": "`computedAt` is required"}
        ])
    );
}

#[wasm_bindgen_test]
fn unknown_fields_survive_a_round_trip_from_an_object() {
    let c = fixture();
    let out = c.to_json();
    assert_eq!(to_json(&out), serde_json::from_str::<Value>(CHECKLIST).unwrap());
    let proto = Object::get_prototype_of(&out);
    assert_eq!(proto, Object::get_prototype_of(&Object::new()), "__proto__ key must not replace the prototype");
    assert!(get(&Object::new().into(), "polluted").is_undefined(), "no prototype pollution");
}

#[wasm_bindgen_test]
fn json_stringify_of_a_checklist_uses_to_json() {
    let c = fixture();
    let text: String = JSON::stringify(&JsValue::from(c)).unwrap().into();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), serde_json::from_str::<Value>(CHECKLIST).unwrap());
}

#[wasm_bindgen_test]
fn times_may_be_strings_or_dates_and_default_to_now() {
    let mut c = fixture();
    c.complete_step("invite-team".into(), options(json!({"at": "2024-05-01T12:00:00+02:00"}))).unwrap();
    let date = Date::new(&JsValue::from_str("2024-06-01T08:30:00.250Z"));
    let opts = Object::new();
    Reflect::set(&opts, &"at".into(), &date).unwrap();
    c.skip_step("connect-data".into(), Some(opts.unchecked_into())).unwrap();
    c.dismiss(options(json!({"at": "2024-06-02T00:00:00Z"}))).unwrap();
    let before = Date::now();
    c.reopen_step("profile".into(), None).unwrap();
    c.complete_step("profile".into(), options(json!({"by": "0f8fad5b-d9cb-469f-a165-70867728950e"}))).unwrap();
    let out = to_json(&c.to_json());
    assert_eq!(out["steps"][0]["completedAt"], "2024-05-01T12:00:00+02:00");
    assert_eq!(out["steps"][3]["status"], "SKIPPED");
    assert_eq!(out["dismissedAt"], "2024-06-02T00:00:00Z");
    let now = out["steps"][1]["completedAt"].as_str().unwrap();
    let millis = Date::parse(now);
    assert!(millis >= before && millis <= Date::now() + 1.0, "{now} should be the browser clock");
    assert_eq!(out["steps"][1]["completedBy"], "0f8fad5b-d9cb-469f-a165-70867728950e");
    assert_eq!(out["completedAt"], json!(now), "every visible step closed at the last edit");
}

#[wasm_bindgen_test]
fn failed_operations_change_nothing() {
    let mut c = fixture();
    let before = to_json(&c.to_json());
    let fails = [
        c.complete_step("nope".into(), None).err().map(JsValue::from),
        c.complete_step("billing".into(), None).err().map(JsValue::from),
        c.start_step("invite-team".into(), options(json!({"at": "2024-05-01"}))).err().map(JsValue::from),
        c.start_step("invite-team".into(), Some(JsValue::from_str("2024-05-01T00:00:00Z").unchecked_into()))
            .err()
            .map(JsValue::from),
        c.complete_step("invite-team".into(), options(json!({"by": "me"}))).err().map(JsValue::from),
        c.merge_patch(js_object(r#"{"steps": [{"stepId": 1}]}"#)).err().map(JsValue::from),
        c.merge_patch(JsValue::from_str("{not json")).err().map(JsValue::from),
    ];
    let codes: Vec<_> = fails.iter().map(|e| e.as_ref().map(|e| get(e, "code").as_string().unwrap())).collect();
    let expected = [
        "step_not_found",
        "step_not_visible",
        "invalid_argument",
        "invalid_argument",
        "invalid_argument",
        "invalid",
        "invalid",
    ];
    assert_eq!(codes, expected.map(|c| Some(c.to_owned())));
    assert_eq!(to_json(&c.to_json()), before);
}

#[wasm_bindgen_test]
fn an_invalid_date_object_is_an_invalid_argument() {
    let mut c = fixture();
    let opts = Object::new();
    Reflect::set(&opts, &"at".into(), &Date::new(&JsValue::from_str("not a date"))).unwrap();
    let err = JsValue::from(c.start_step("invite-team".into(), Some(opts.unchecked_into())).expect_err("must throw"));
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid_argument"));
    // Year 12024: a real Date, but the API's date-time has four-digit years.
    let far = Object::new();
    Reflect::set(&far, &"at".into(), &Date::new(&JsValue::from_f64(317_321_347_200_000.0))).unwrap();
    let err = JsValue::from(c.start_step("invite-team".into(), Some(far.unchecked_into())).expect_err("must throw"));
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid_argument"));
    assert_eq!(to_json(&c.to_json()), to_json(&fixture().to_json()), "nothing changed");
}

#[wasm_bindgen_test]
fn visible_steps_and_progress_follow_roles() {
    let mut c = fixture();
    let ids = |steps: JsValue| -> Vec<String> {
        Array::from(&steps).iter().map(|s| get(&s, "stepId").as_string().unwrap()).collect()
    };
    assert_eq!(ids(c.visible_steps(None).unwrap()), ["profile", "connect-data", "invite-team"]);
    assert_eq!(ids(c.visible_steps(roles(&["billing"])).unwrap()), ["billing", "profile", "connect-data"]);
    assert_eq!(
        to_json(&c.progress(None).unwrap()),
        json!({"total": 3, "completed": 1, "skipped": 0, "inProgress": 1, "remaining": 2, "percent": 33,
               "nextStepId": "connect-data", "complete": false, "dismissed": false})
    );
    let progress = to_json(&c.progress(roles(&["nobody"])).unwrap());
    assert_eq!((progress["total"].clone(), progress["percent"].clone()), (json!(2), json!(50)));
    let bad = Array::of1(&JsValue::from_f64(1.0));
    assert_eq!(
        get(&c.progress(Some(bad.unchecked_into())).err().map(JsValue::from).unwrap(), "code").as_string().as_deref(),
        Some("invalid_argument")
    );
    let not_array = JsValue::from_str("admin").unchecked_into();
    assert_eq!(
        get(&c.visible_steps(Some(not_array)).err().map(JsValue::from).unwrap(), "code").as_string().as_deref(),
        Some("invalid_argument")
    );
    let first = Array::from(&c.visible_steps(None).unwrap()).get(2);
    assert_eq!(to_json(&get(&first, "badge")), json!({"color": "green", "weight": 3}), "unknown step fields too");
}

#[wasm_bindgen_test]
fn visible_steps_keep_the_objects_of_unchanged_steps_which_are_frozen() {
    let mut c = fixture();
    let before: Array = c.visible_steps(None).unwrap().unchecked_into();
    assert!(js_sys::Object::is_frozen::<JsValue>(before.get(0).unchecked_ref()), "a step is frozen");
    assert!(!js_sys::Object::is_frozen(&before), "the array is the caller's, to sort or filter");
    c.complete_step("connect-data".into(), None).unwrap();
    let after: Array = c.visible_steps(None).unwrap().unchecked_into();
    let same: Vec<bool> = (0..after.length()).map(|i| js_sys::Object::is(&before.get(i), &after.get(i))).collect();
    assert_eq!(same, [true, false, true], "only connect-data, the edited step, is a new object");
    assert_eq!(get(&after.get(1), "status").as_string().as_deref(), Some("COMPLETED"));
    c.merge_patch(js_object(r#"{"experiment": 1}"#)).unwrap();
    let patched: Array = c.visible_steps(None).unwrap().unchecked_into();
    assert!(js_sys::Object::is(&patched.get(1), &after.get(1)), "a patch that leaves a step alone keeps its object");
    // The display order follows the checklist's roles, so a patch of them makes it again.
    let ids = |c: &mut Checklist| -> Vec<String> {
        let shown: Array = c.visible_steps(None).unwrap().unchecked_into();
        shown.iter().map(|s| get(&s, "stepId").as_string().unwrap_or_default()).collect()
    };
    c.merge_patch(js_object(r#"{"roles": ["billing"]}"#)).unwrap();
    assert_eq!(ids(&mut c), ["billing", "profile", "connect-data"]);
    c.merge_patch(js_object(r#"{"roles": ["admin"]}"#)).unwrap();
    assert_eq!(ids(&mut c), ["profile", "connect-data", "invite-team"]);
}

#[wasm_bindgen_test]
fn non_ascii_text_reads_exactly() {
    // Text crosses into WASM through `TextEncoder.encodeInto`: ASCII in one pass, anything
    // else in a second one with room for three bytes a unit.
    let title = "Ünïcødé 🎉 中文 \u{0}";
    let text = CHECKLIST.replacen(
        "\"title\": \"",
        &format!("\"title\": {}, \"x\": \"", serde_json::to_string(title).unwrap()),
        1,
    );
    let c = Checklist::from_json(JsValue::from_str(&text), None).expect("valid");
    assert_eq!(to_json(&c.to_json())["steps"][0]["title"], json!(title));
    let report = to_json(&guided_checklist::wasm::validate_guided_checklist(JsValue::from_str(&text)));
    assert_eq!(report["ok"], json!(true));
    // Non-ASCII at the very end: the first pass runs out of room inside it, between the
    // halves of a surrogate pair or not, and the second writes the rest.
    for tail in ["🎉".repeat(300), format!("a{}", "🎉".repeat(300)), "é中🎉".repeat(200)] {
        let text = format!(
            "{}, \"zz\": {}}}",
            CHECKLIST.trim_end().trim_end_matches('}'),
            serde_json::to_string(&tail).unwrap()
        );
        let c = Checklist::from_json(JsValue::from_str(&text), None).expect("valid");
        assert_eq!(to_json(&c.to_json())["zz"], json!(tail));
    }
}

#[wasm_bindgen_test]
fn merge_patch_accepts_objects_and_strings() {
    let mut c = fixture();
    c.merge_patch(js_object(r#"{"roles": ["billing"], "productInterests": null}"#)).unwrap();
    c.merge_patch(JsValue::from_str(r#"{"experiment": {"arm": "c"}}"#)).unwrap();
    let out = to_json(&c.to_json());
    assert_eq!(out["roles"], json!(["billing"]));
    assert!(out.get("productInterests").is_none());
    assert_eq!(out["experiment"], json!({"arm": "c", "nested": [1, {"deep": null}]}));
}

#[wasm_bindgen_test]
fn validation_reports_and_never_throws() {
    let ok = to_json(&validate_guided_checklist(JsValue::from_str(CHECKLIST)));
    assert_eq!(ok, json!({"ok": true, "errors": [], "errorCount": 0, "warnings": []}));
    let record = to_json(&validate_user_properties(js_object(USER_PROPERTIES)));
    assert_eq!(record["ok"], true);
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    for (input, code) in [
        (JsValue::UNDEFINED, "type"),
        (JsValue::NULL, "type"),
        (JsValue::from_f64(4.0), "type"),
        (JsValue::from_str("{"), "invalid_json"),
        (cyclic.into(), "invalid_json"),
        (js_sys::BigInt::from(5u32).into(), "invalid_json"),
    ] {
        let report = to_json(&validate_guided_checklist(input));
        assert_eq!(report["ok"], false);
        assert_eq!(report["errors"][0]["code"], code, "{report}");
        assert_eq!(report["errors"][0]["path"], "");
    }
    let warn = checklist_with(|v| v["completedAt"] = json!("2024-03-02T10:00:00Z"));
    let report = to_json(&validate_guided_checklist(JsValue::from_str(&warn)));
    assert_eq!(report["ok"], true);
    assert_eq!(report["warnings"][0]["code"], "completed_with_open_steps");
}

#[wasm_bindgen_test]
fn a_date_inside_an_object_is_read_as_its_iso_text() {
    let value = js_object(CHECKLIST);
    Reflect::set(&value, &"dismissedAt".into(), &Date::new(&JsValue::from_f64(0.0))).unwrap();
    let c = Checklist::from_json(value, None).unwrap();
    assert_eq!(to_json(&c.to_json())["dismissedAt"], "1970-01-01T00:00:00.000Z");
}
