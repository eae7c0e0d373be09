#![cfg(not(target_arch = "wasm32"))]
//! Properties that hold for every valid checklist and every sequence of operations.

mod common;

use common::arbitrary::{checklist, ROLES};
use guided_checklist::merge_patch::merge_patch;
use guided_checklist::ops::parse_at;
use guided_checklist::ops::Order;
use guided_checklist::{validate_checklist_text, GuidedChecklist, Operation, ToJson, UserProperties};
use proptest::prelude::*;
use serde_json::Value;

#[derive(Clone, Debug)]
enum Edit {
    Complete(usize, Option<usize>),
    Start(usize),
    Skip(usize),
    Reopen(usize),
    Dismiss,
    Restore,
    Reset,
    Interests(Vec<usize>),
    Roles(Vec<usize>),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..10, proptest::option::of(0usize..2)).prop_map(|(s, b)| Edit::Complete(s, b)),
        (0usize..10).prop_map(Edit::Start),
        (0usize..10).prop_map(Edit::Skip),
        (0usize..10).prop_map(Edit::Reopen),
        Just(Edit::Dismiss),
        Just(Edit::Restore),
        Just(Edit::Reset),
        proptest::collection::vec(0usize..3, 0..4).prop_map(Edit::Interests),
        proptest::collection::vec(0usize..3, 0..3).prop_map(Edit::Roles),
    ]
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn from_json_then_to_json_is_the_identity(value in checklist()) {
        let text = value.to_string();
        let report = validate_checklist_text(&text);
        prop_assert!(report.ok, "generated checklists are valid: {:?}", report.errors);
        let written = GuidedChecklist::from_json_str(&text).unwrap().to_json_string();
        prop_assert_eq!(serde_json::from_str::<Value>(&written).unwrap(), value);
    }

    #[test]
    fn any_sequence_of_operations_keeps_the_checklist_valid_and_its_unknown_fields(
        value in checklist(),
        edits in proptest::collection::vec(edit(), 0..24),
        ordered in proptest::bool::ANY,
    ) {
        let order = if ordered { Order::Ordered } else { Order::Any };
        let mut c = GuidedChecklist::from_json_str(&value.to_string()).unwrap();
        let extra = c.extra.clone();
        let step_extras: Vec<_> = c.steps().iter().map(|s| (s.step_id.clone(), s.extra.clone())).collect();
        let ids: Vec<String> = c.steps().iter().map(|s| s.step_id.clone()).chain(["ghost".to_owned()]).collect();
        let at = parse_at("2024-06-01T10:00:00Z").unwrap();
        for e in edits {
            let id = |i: usize| ids.get(i % ids.len()).cloned().unwrap_or_default();
            let op = match e {
                Edit::Complete(s, by) => Operation::CompleteStep {
                    step_id: id(s), at: at.clone(),
                    by: by.map(|b| ["0f8fad5b-d9cb-469f-a165-70867728950e", "nope"][b].to_owned()),
                },
                Edit::Start(s) => Operation::StartStep { step_id: id(s), at: at.clone() },
                Edit::Skip(s) => Operation::SkipStep { step_id: id(s), at: at.clone() },
                Edit::Reopen(s) => Operation::ReopenStep { step_id: id(s), at: at.clone() },
                Edit::Dismiss => Operation::Dismiss { at: at.clone() },
                Edit::Restore => Operation::Restore,
                Edit::Reset => Operation::Reset { at: at.clone() },
                Edit::Interests(list) => Operation::SetProductInterests {
                    product_interests: list.into_iter().map(|i| ["ai", "billing", ""][i].to_owned()).collect(),
                },
                Edit::Roles(r) => {
                    c.roles = Some(r.into_iter().map(|i| ROLES[i].to_owned()).collect());
                    continue;
                }
            };
            let before = c.clone();
            let locked = c.locked_step_ids();
            match c.apply_in(&op, order) {
                Err(_) => prop_assert_eq!(&c, &before, "a refused operation changes nothing"),
                Ok(()) => if let (Order::Ordered, Operation::CompleteStep { step_id, .. }) = (order, &op) {
                    prop_assert!(!locked.contains(step_id), "ordered mode completed the locked step {}", step_id);
                },
            }
            let report = validate_checklist_text(&c.to_json_string());
            prop_assert!(report.ok, "{:?} left {:?}", op, report.errors);
        }
        prop_assert_eq!(&c.extra, &extra);
        let now: Vec<_> = c.steps().iter().map(|s| (s.step_id.clone(), s.extra.clone())).collect();
        prop_assert_eq!(now, step_extras, "step order, ids and unknown fields are kept");
        let visible = c.visible_steps(None);
        let order: Vec<_> = visible.iter().map(|s| (s.sort_order, s.step_id.clone())).collect();
        let mut sorted = order.clone();
        sorted.sort();
        prop_assert_eq!(order, sorted, "visible steps are ordered by sortOrder, then stepId");
    }
}

/// A JSON value that often breaks a field: wrong types, fractions, empty and long texts,
/// bad dates, unknown enum values.
fn odd_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(serde_json::json!(2.5)),
        Just(serde_json::json!(3.0)),
        Just(serde_json::json!(9_007_199_254_740_993_i64)),
        Just(serde_json::json!("")),
        Just(serde_json::json!("x".repeat(8_193))),
        Just(serde_json::json!("2024-02-30T10:00:00Z")),
        Just(serde_json::json!("COMPLETED")),
        Just(serde_json::json!("B")),
        Just(serde_json::json!("/ok")),
        Just(serde_json::json!("javascript:alert(1)")),
        Just(serde_json::json!("0f8fad5b-d9cb-469f-a165-70867728950e")),
        Just(serde_json::json!(["a", 1])),
        Just(serde_json::json!({"nested": [1, {"deep": null}]})),
    ]
}

const FIELDS: [&str; 14] = [
    "stepId",
    "title",
    "description",
    "ctaLabel",
    "ctaRoute",
    "status",
    "sortOrder",
    "completedAt",
    "completedBy",
    "sourceRoles",
    "track",
    "roles",
    "computedAt",
    "x-unknown",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..config() })]

    /// The library reads JSON on its own: whatever the document, it must see what serde_json
    /// sees, write back what it read, and read text and parsed value alike, errors included.
    #[test]
    fn the_library_reads_documents_as_serde_json_does(
        value in checklist(),
        changes in proptest::collection::vec((0usize..12, 0usize..FIELDS.len(), odd_value(), any::<bool>()), 0..6),
    ) {
        let mut value = value;
        for (step, field, odd, remove) in changes {
            let target = match value["steps"].as_array_mut().and_then(|s| { let n = s.len(); s.get_mut(step % n.max(1)) }) {
                Some(step) if FIELDS[field] != "track" && FIELDS[field] != "roles" && FIELDS[field] != "computedAt" => step,
                _ => &mut value,
            };
            if let Some(map) = target.as_object_mut() {
                if remove { map.remove(FIELDS[field]); } else { map.insert(FIELDS[field].to_owned(), odd); }
            }
        }
        let text = value.to_string();
        let parsed = guided_checklist::json::parse(&text).expect("serde_json writes JSON");
        prop_assert_eq!(&common::value(&parsed), &value);
        prop_assert_eq!(parsed.to_json_string(), text.clone(), "numbers and keys are written back as they came");
        let collected = GuidedChecklist::from_value(parsed).map_err(|e| e.issues().to_vec());
        let read = GuidedChecklist::from_json_str(&text).map_err(|e| e.issues().to_vec());
        prop_assert_eq!(&read, &collected);
        let report = validate_checklist_text(&text);
        prop_assert_eq!(report.ok, collected.is_ok());
        let record = serde_json::json!({"userId": "u", "createdDate": "2024-01-01T00:00:00Z",
            "modifiedDate": "2024-01-01T00:00:00Z", "guidedChecklist": value, "x-extra": [1]});
        let collected = UserProperties::from_value(common::json(&record)).map_err(|e| e.issues().to_vec());
        let read = UserProperties::from_json_str(&record.to_string()).map_err(|e| e.issues().to_vec());
        prop_assert_eq!(read, collected);
    }
}

/// `value` as JSON text with every object's keys in reverse order, and, where `repeat`
/// names a key, that key written first with `decoy` and again, last, with its own value.
fn reordered(value: &Value, repeat: &str, decoy: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut fields: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), reordered(v, repeat, decoy)))
                .collect();
            let own = format!("{}:", Value::from(repeat));
            if let Some(at) = fields.iter().position(|f| f.starts_with(&own)) {
                let field = fields.remove(at);
                fields.insert(0, format!("{own}{decoy}"));
                fields.push(field);
            }
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => {
            format!("[{}]", items.iter().map(|v| reordered(v, repeat, decoy)).collect::<Vec<_>>().join(","))
        }
        other => other.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..config() })]

    /// Where fields stand in the text changes nothing: the same checklist, or the same
    /// problems in the same order; and a key given twice counts with its last value only.
    #[test]
    fn key_order_and_repeated_keys_change_nothing(
        value in checklist(),
        changes in proptest::collection::vec((0usize..12, 0usize..FIELDS.len(), odd_value()), 0..4),
        repeat in 0usize..FIELDS.len(),
        decoy in odd_value(),
    ) {
        let mut value = value;
        for (step, field, odd) in changes {
            let target = match value["steps"].as_array_mut().and_then(|s| { let n = s.len(); s.get_mut(step % n.max(1)) }) {
                Some(step) if step.get(FIELDS[field]).is_some() => step,
                _ => &mut value,
            };
            if let Some(map) = target.as_object_mut() {
                map.insert(FIELDS[field].to_owned(), odd);
            }
        }
        let read = |text: &str| GuidedChecklist::from_json_str(text).map_err(|e| e.issues().to_vec());
        let expected = read(&value.to_string());
        prop_assert_eq!(read(&reordered(&value, "", &decoy)), expected.clone(), "keys reversed");
        prop_assert_eq!(read(&reordered(&value, FIELDS[repeat], &decoy)), expected, "{} repeated", FIELDS[repeat]);
    }
}

/// A value for a checklist's own field: valid ones, and the odd ones.
fn head_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        odd_value(),
        Just(serde_json::json!("A")),
        Just(serde_json::json!(["member"])),
        Just(serde_json::json!([])),
        Just(serde_json::json!("2024-01-01T00:00:00Z")),
        Just(serde_json::json!({"arm": null, "new": 1})),
    ]
}

const HEAD_FIELDS: [&str; 9] = [
    "track",
    "roles",
    "productInterests",
    "computedAt",
    "completedAt",
    "dismissedAt",
    "experiment",
    "x-unknown",
    "steps",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..config() })]

    /// A merge patch that leaves `steps` alone patches the checklist's own fields only; it
    /// must give what patching the whole document and reading it again gives, errors included.
    #[test]
    fn a_patch_of_the_checklist_fields_agrees_with_the_whole_document(
        value in checklist(),
        fields in proptest::collection::vec((0usize..HEAD_FIELDS.len(), head_value()), 0..5),
    ) {
        let Ok(c) = GuidedChecklist::from_value(common::json(&value)) else { return Ok(()) };
        let patch = common::json(&Value::Object(fields.into_iter().map(|(f, v)| (HEAD_FIELDS[f].to_owned(), v)).collect()));
        let mut whole = guided_checklist::json::parse(&c.to_json_string()).expect("what the library writes, it reads");
        merge_patch(&mut whole, patch.clone());
        let expected = GuidedChecklist::from_value(whole).map_err(|e| e.issues().to_vec());
        let mut patched = c.clone();
        let result = patched.merge_patch(patch).map_err(|e| e.issues().to_vec());
        match (result, expected) {
            (Ok(()), Ok(expected)) => prop_assert_eq!(patched, expected),
            (Err(errors), Err(expected)) => {
                prop_assert_eq!(errors, expected);
                prop_assert_eq!(patched, c, "a refused patch changes nothing");
            }
            (result, expected) => prop_assert!(false, "{:?} but the whole document gave {:?}", result, expected),
        }
    }
}
