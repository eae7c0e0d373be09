//! proptest strategies for valid checklists, with unknown fields at every level.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

pub const ROLES: [&str; 3] = ["admin", "billing", "editor"];

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.!é漢-]{0,24}"
}

fn time() -> impl Strategy<Value = String> {
    (2000u32..2030, 1u32..13, 1u32..29, 0u32..24, 0u32..60, prop_oneof![Just("Z"), Just("+02:00"), Just(".5Z")])
        .prop_map(|(y, mo, d, h, mi, tail)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00{tail}"))
}

fn roles() -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(ROLES.to_vec(), 0..=ROLES.len())
        .prop_map(|r| r.into_iter().map(String::from).collect())
}

/// Unknown fields: keys the API does not name, with nested values.
fn unknown() -> impl Strategy<Value = Map<String, Value>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    let value = leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    proptest::collection::btree_map("x-[a-z]{1,8}|__proto__|constructor", value, 0..3)
        .prop_map(|m| m.into_iter().collect())
}

fn step(id: String) -> impl Strategy<Value = Value> {
    let status = prop_oneof![Just("UP_NEXT"), Just("IN_PROGRESS"), Just("COMPLETED"), Just("SKIPPED")];
    (
        text(),
        text(),
        text(),
        "/([a-z]{1,8}(/[a-z0-9]{1,5})?)?",
        status,
        -5i64..5,
        proptest::option::of(roles()),
        unknown(),
        time(),
    )
        .prop_map(move |(title, description, label, route, status, order, source, extra, at)| {
            let mut step = json!({"stepId": id, "title": title, "description": description, "ctaLabel": label,
                "ctaRoute": route, "status": status, "sortOrder": order});
            if status == "COMPLETED" {
                step["completedAt"] = json!(at);
                step["completedBy"] = json!("0f8fad5b-d9cb-469f-a165-70867728950e");
            }
            if let Some(source) = source {
                step["sourceRoles"] = json!(source);
            }
            if let Value::Object(map) = &mut step {
                map.extend(extra);
            }
            step
        })
}

/// A valid `guidedChecklist` as JSON.
pub fn checklist() -> impl Strategy<Value = Value> {
    proptest::collection::btree_set("[a-z]{1,6}", 0..8)
        .prop_flat_map(|ids| ids.into_iter().map(step).collect::<Vec<_>>())
        .prop_flat_map(|steps| {
            (Just(steps), prop_oneof![Just("A"), Just("B")], roles(), proptest::option::of(time()), unknown(), time())
        })
        .prop_map(|(steps, track, roles, dismissed, extra, computed)| {
            let mut checklist = json!({"track": track, "roles": roles, "productInterests": ["analytics"],
                "steps": steps, "computedAt": computed});
            if let Some(at) = dismissed {
                checklist["dismissedAt"] = json!(at);
            }
            if let Value::Object(map) = &mut checklist {
                map.extend(extra);
            }
            checklist
        })
}
