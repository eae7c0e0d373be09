//! JSON builders for steps, checklists and records, shared by the sync tests in the browser
//! and the reference server's tests (which include this file by path).

use serde_json::{json, Value};

/// An UP_NEXT step `id` with sort order 1, visible to `roles` (empty: to everyone).
pub fn step(id: &str, roles: &[&str]) -> Value {
    json!({
        "stepId": id, "title": format!("Step {id}"), "description": "Do it.", "ctaLabel": "Go",
        "ctaRoute": format!("/{id}"), "status": "UP_NEXT", "sortOrder": 1, "sourceRoles": roles
    })
}

/// A checklist of track A holding `steps`, with stale `roles` the server replaces on read.
pub fn checklist(steps: Vec<Value>) -> Value {
    json!({ "track": "A", "roles": ["stale"], "steps": steps, "computedAt": "2024-01-01T00:00:00Z" })
}

/// The record of `user` holding `checklist`.
pub fn record(user: &str, checklist: Value) -> Value {
    json!({
        "userId": user, "guidedChecklist": checklist,
        "createdDate": "2000-01-01T00:00:00Z", "modifiedDate": "2000-01-01T00:00:00Z"
    })
}
