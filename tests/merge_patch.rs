//! RFC 7386 merge patch: the RFC's Appendix A vectors, and patches of a checklist.

mod common;

use common::{json as j, value, CHECKLIST};
use guided_checklist::merge_patch::merge_patch;
use guided_checklist::{Code, GuidedChecklist};
use serde_json::{json, Value};

#[test]
fn rfc7386_appendix_a_examples() {
    let cases: [(Value, Value, Value); 15] = [
        (json!({"a":"b"}), json!({"a":"c"}), json!({"a":"c"})),
        (json!({"a":"b"}), json!({"b":"c"}), json!({"a":"b","b":"c"})),
        (json!({"a":"b"}), json!({"a":null}), json!({})),
        (json!({"a":"b","b":"c"}), json!({"a":null}), json!({"b":"c"})),
        (json!({"a":["b"]}), json!({"a":"c"}), json!({"a":"c"})),
        (json!({"a":"c"}), json!({"a":["b"]}), json!({"a":["b"]})),
        (json!({"a":{"b":"c"}}), json!({"a":{"b":"d","c":null}}), json!({"a":{"b":"d"}})),
        (json!({"a":[{"b":"c"}]}), json!({"a":[1]}), json!({"a":[1]})),
        (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
        (json!({"a":"b"}), json!(["c"]), json!(["c"])),
        (json!({"a":"foo"}), json!(null), json!(null)),
        (json!({"a":"foo"}), json!("bar"), json!("bar")),
        (json!({"e":null}), json!({"a":1}), json!({"e":null,"a":1})),
        (json!([1, 2]), json!({"a":"b","c":null}), json!({"a":"b"})),
        (json!({}), json!({"a":{"bb":{"ccc":null}}}), json!({"a":{"bb":{}}})),
    ];
    for (target, patch, expected) in cases {
        let mut result = j(&target);
        merge_patch(&mut result, j(&patch));
        assert_eq!(value(&result), expected, "target {target} patched with {patch}");
    }
}

#[test]
fn a_checklist_patch_replaces_arrays_and_keeps_unknown_fields() {
    let mut c = GuidedChecklist::from_json_str(CHECKLIST).unwrap();
    c.merge_patch(j(&json!({"roles": ["billing"], "dismissedAt": "2024-04-01T00:00:00Z", "newField": {"x": 1}})))
        .unwrap();
    assert_eq!(c.roles(), ["billing"]);
    assert_eq!(c.dismissed_at.as_ref().map(|t| t.as_str()), Some("2024-04-01T00:00:00Z"));
    assert_eq!(c.extra.get("newField"), Some(&j(&json!({"x": 1}))));
    assert_eq!(c.extra.get("experiment"), Some(&j(&json!({"arm": "b", "nested": [1, {"deep": null}]}))));
    c.merge_patch(j(&json!({"dismissedAt": null}))).unwrap();
    assert!(c.dismissed_at.is_none(), "null removes a field");
}

#[test]
fn an_invalid_result_is_refused_and_nothing_changes() {
    let mut c = GuidedChecklist::from_json_str(CHECKLIST).unwrap();
    let before = c.clone();
    let err = c.merge_patch(j(&json!({"track": null, "steps": [{"stepId": ""}]}))).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let paths: Vec<_> = err.issues().iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert!(paths.contains(&("/track", Code::Required)), "{paths:?}");
    assert!(paths.contains(&("/steps/0/stepId", Code::Empty)), "{paths:?}");
    assert_eq!(c, before);
}
