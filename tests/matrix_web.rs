//! The bad-input matrix through the JS API in Chromium: every case gets its
//! documented code at its JSON Pointer, and a checklist refusing it is unchanged.
#![cfg(target_arch = "wasm32")]

mod common;

use common::CHECKLIST;
use guided_checklist::wasm::{validate_guided_checklist, Checklist};
use js_sys::{Object, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn step_with(field: &str, value: Value) -> Value {
    let mut step = json!({"stepId": "s", "title": "t", "description": "d", "ctaLabel": "c", "ctaRoute": "/r",
        "status": "UP_NEXT", "sortOrder": 1});
    if value.is_null() {
        step.as_object_mut().map(|o| o.remove(field));
    } else {
        step[field] = value;
    }
    json!({"steps": [step]})
}

fn nested(depth: usize) -> Value {
    (0..depth).fold(json!(1), |inner, _| json!([inner]))
}

/// (name, merge patch applied to the fixture, expected path, expected code)
fn cases() -> Vec<(&'static str, Value, &'static str, &'static str)> {
    let long = "x".repeat(8193);
    vec![
        ("track is a number", json!({"track": 1}), "/track", "type"),
        ("track in lower case", json!({"track": "a"}), "/track", "enum"),
        ("track removed", json!({"track": null}), "/track", "required"),
        ("computedAt removed", json!({"computedAt": null}), "/computedAt", "required"),
        ("computedAt is a number", json!({"computedAt": 1700000000}), "/computedAt", "type"),
        ("dismissedAt is prose", json!({"dismissedAt": "yesterday"}), "/dismissedAt", "format"),
        ("roles is a string", json!({"roles": "admin"}), "/roles", "type"),
        ("a role is a number", json!({"roles": ["a", 3]}), "/roles/1", "type"),
        ("productInterests is an object", json!({"productInterests": {}}), "/productInterests", "type"),
        ("steps is an object", json!({"steps": {}}), "/steps", "type"),
        ("a step is a string", json!({"steps": ["x"]}), "/steps/0", "type"),
        ("stepId missing", step_with("stepId", Value::Null), "/steps/0/stepId", "required"),
        ("stepId empty", step_with("stepId", json!("")), "/steps/0/stepId", "empty"),
        ("stepId a number", step_with("stepId", json!(7)), "/steps/0/stepId", "type"),
        ("title missing", step_with("title", Value::Null), "/steps/0/title", "required"),
        ("description an array", step_with("description", json!([])), "/steps/0/description", "type"),
        ("status in lower case", step_with("status", json!("completed")), "/steps/0/status", "enum"),
        ("status unknown", step_with("status", json!("DONE")), "/steps/0/status", "enum"),
        ("sortOrder a fraction", step_with("sortOrder", json!(2.5)), "/steps/0/sortOrder", "type"),
        ("sortOrder a string", step_with("sortOrder", json!("2")), "/steps/0/sortOrder", "type"),
        ("sortOrder beyond 2^53", step_with("sortOrder", json!(1e20)), "/steps/0/sortOrder", "range"),
        (
            "completedAt without offset",
            step_with("completedAt", json!("2024-01-01T00:00:00")),
            "/steps/0/completedAt",
            "format",
        ),
        (
            "completedAt with a space",
            step_with("completedAt", json!("2024-01-01 00:00:00Z")),
            "/steps/0/completedAt",
            "format",
        ),
        (
            "completedAt on 30 February",
            step_with("completedAt", json!("2024-02-30T00:00:00Z")),
            "/steps/0/completedAt",
            "format",
        ),
        (
            "completedAt in month 13",
            step_with("completedAt", json!("2024-13-01T00:00:00Z")),
            "/steps/0/completedAt",
            "format",
        ),
        (
            "leap second not at a day's end",
            step_with("completedAt", json!("2024-01-01T12:30:60Z")),
            "/steps/0/completedAt",
            "format",
        ),
        ("completedBy not a UUID", step_with("completedBy", json!("someone")), "/steps/0/completedBy", "format"),
        (
            "completedBy a braced UUID",
            step_with("completedBy", json!("{0f8fad5b-d9cb-469f-a165-70867728950e}")),
            "/steps/0/completedBy",
            "format",
        ),
        ("completedBy a number", step_with("completedBy", json!(42)), "/steps/0/completedBy", "type"),
        ("a source role is a boolean", step_with("sourceRoles", json!([true])), "/steps/0/sourceRoles/0", "type"),
        (
            "duplicate stepIds",
            json!({"steps": [step_with("x", json!(1))["steps"][0], step_with("x", json!(2))["steps"][0]]}),
            "/steps/1/stepId",
            "duplicate",
        ),
        ("javascript: route", step_with("ctaRoute", json!("javascript:alert(1)")), "/steps/0/ctaRoute", "unsafe_route"),
        ("JaVaScRiPt: route", step_with("ctaRoute", json!("JaVaScRiPt:alert(1)")), "/steps/0/ctaRoute", "unsafe_route"),
        (
            "route with leading spaces",
            step_with("ctaRoute", json!("   javascript:alert(1)")),
            "/steps/0/ctaRoute",
            "unsafe_route",
        ),
        (
            "route with a control character",
            step_with("ctaRoute", json!("\u{1}javascript:alert(1)")),
            "/steps/0/ctaRoute",
            "unsafe_route",
        ),
        (
            "route with a tab inside the scheme",
            step_with("ctaRoute", json!("java\tscript:alert(1)")),
            "/steps/0/ctaRoute",
            "unsafe_route",
        ),
        (
            "data: route",
            step_with("ctaRoute", json!("data:text/html,<script>alert(1)</script>")),
            "/steps/0/ctaRoute",
            "unsafe_route",
        ),
        ("vbscript: route", step_with("ctaRoute", json!("vbscript:msgbox(1)")), "/steps/0/ctaRoute", "unsafe_route"),
        (
            "protocol-relative route",
            step_with("ctaRoute", json!("//evil.example")),
            "/steps/0/ctaRoute",
            "unsafe_route",
        ),
        ("backslash route", step_with("ctaRoute", json!("\\\\evil.example")), "/steps/0/ctaRoute", "unsafe_route"),
        (
            "absolute URL route",
            step_with("ctaRoute", json!("https://evil.example")),
            "/steps/0/ctaRoute",
            "unsafe_route",
        ),
        ("empty route", step_with("ctaRoute", json!("")), "/steps/0/ctaRoute", "empty"),
        ("huge title", step_with("title", json!(long)), "/steps/0/title", "too_large"),
        ("huge roles array", json!({"roles": vec!["r"; 257]}), "/roles", "too_large"),
        ("too many steps", json!({"steps": vec![0; 2001]}), "/steps", "too_large"),
        ("deep nesting in an unknown field", json!({"x-deep": nested(200)}), "", "too_large"),
    ]
}

fn js(value: &Value) -> JsValue {
    JSON::parse(&value.to_string()).expect("case JSON parses in JS")
}

fn findings(value: &JsValue, key: &str) -> Vec<(String, String)> {
    let list = Reflect::get(value, &key.into()).unwrap();
    js_sys::Array::from(&list)
        .iter()
        .map(|i| {
            let get = |k: &str| Reflect::get(&i, &k.into()).unwrap().as_string().unwrap();
            (get("path"), get("code"))
        })
        .collect()
}

#[wasm_bindgen_test]
fn every_matrix_case_gets_its_code_at_its_path_and_changes_nothing() {
    let fixture: Value = serde_json::from_str(CHECKLIST).unwrap();
    let cases = cases();
    assert!(cases.len() >= 40, "the matrix has {} cases", cases.len());
    for (name, patch, path, code) in cases {
        // Every case patches fields of the checklist itself: setting or removing them is
        // the merge (and a case nests deeper than the library reads).
        let mut whole = fixture.clone();
        let fields = whole.as_object_mut().expect("the fixture is an object");
        for (key, value) in patch.as_object().expect("a case patches fields") {
            match value {
                Value::Null => fields.remove(key),
                _ => fields.insert(key.clone(), value.clone()),
            };
        }
        let expected = (path.to_owned(), code.to_owned());
        let report = validate_guided_checklist(js(&whole));
        assert_eq!(Reflect::get(&report, &"ok".into()).unwrap(), false, "{name}: must be refused");
        assert!(
            findings(&report, "errors").contains(&expected),
            "{name}: {:?} lacks {expected:?}",
            findings(&report, "errors")
        );

        let thrown = Checklist::from_json(js(&whole), None)
            .err()
            .map(JsValue::from)
            .unwrap_or_else(|| panic!("{name}: fromJSON must throw"));
        assert!(thrown.is_instance_of::<js_sys::Error>(), "{name}: an Error");
        assert_eq!(Reflect::get(&thrown, &"code".into()).unwrap(), "invalid", "{name}");
        assert!(findings(&thrown, "errors").contains(&expected), "{name}: thrown errors");

        let mut c = Checklist::from_json(js(&fixture), None).unwrap();
        let before = JSON::stringify(&c.to_json()).unwrap();
        let refused = c
            .merge_patch(js(&patch))
            .err()
            .map(JsValue::from)
            .unwrap_or_else(|| panic!("{name}: mergePatch must throw"));
        assert!(findings(&refused, "errors").contains(&expected), "{name}: mergePatch errors");
        assert_eq!(JSON::stringify(&c.to_json()).unwrap(), before, "{name}: the checklist is unchanged");
    }
}

fn first_error(input: JsValue) -> (String, String) {
    findings(&validate_guided_checklist(input), "errors").into_iter().next().expect("an error")
}

#[wasm_bindgen_test]
fn values_only_js_can_make_are_refused_at_the_root() {
    let fixture = js(&serde_json::from_str(CHECKLIST).unwrap());
    let lone = fixture.clone();
    Reflect::set(&lone, &"title".into(), &JSON::parse("\"\\ud800\"").unwrap()).unwrap();
    assert_eq!(first_error(lone), ("".to_owned(), "invalid_json".to_owned()), "a lone surrogate");
    let big = fixture.clone();
    Reflect::set(&big, &"n".into(), &js_sys::BigInt::from(1u8).into()).unwrap();
    assert_eq!(first_error(big).1, "invalid_json", "a BigInt");
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    assert_eq!(first_error(cyclic.into()).1, "invalid_json", "a cycle");
    for (name, value) in [
        ("undefined", JsValue::UNDEFINED),
        ("null", JsValue::NULL),
        ("a number", JsValue::from_f64(3.0)),
        ("an array", js_sys::Array::new().into()),
        ("a function", js_sys::Function::new_no_args("").into()),
    ] {
        assert_eq!(first_error(value), ("".to_owned(), "type".to_owned()), "{name}");
    }
    assert_eq!(first_error(JsValue::from_str("{\"track\":")).1, "invalid_json");
    let huge = format!("{{\"x\":\"{}\"}}", "y".repeat(4 * 1024 * 1024));
    assert_eq!(first_error(JsValue::from_str(&huge)), ("".to_owned(), "too_large".to_owned()));
}

#[wasm_bindgen_test]
fn proto_and_constructor_keys_are_kept_as_data_without_pollution() {
    let input = JSON::parse(r#"{"track":"A","computedAt":"2024-01-01T00:00:00Z","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"steps":[{"stepId":"s","title":"t","description":"d","ctaLabel":"c","ctaRoute":"/r","status":"UP_NEXT","sortOrder":1,"__proto__":{"polluted":3}}]}"#).unwrap();
    let c = Checklist::from_json(input, None).unwrap();
    let out = c.to_json();
    assert!(Object::has_own(out.unchecked_ref::<Object>(), &"__proto__".into()), "an own data property");
    assert_eq!(Object::get_prototype_of(&out), Object::get_prototype_of(&Object::new()), "the prototype is untouched");
    let text: String = JSON::stringify(&out).unwrap().into();
    assert!(
        text.contains(r#""__proto__":{"polluted":1}"#)
            && text.contains(r#""constructor":{"prototype":{"polluted":2}}"#),
        "{text}"
    );
    assert!(Reflect::get(&Object::new(), &"polluted".into()).unwrap().is_undefined(), "Object.prototype untouched");
}
