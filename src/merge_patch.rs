//! RFC 7386 JSON Merge Patch.

use crate::json::{Json, Object};

/// Applies `patch` to `target`: objects merge key by key, `null` removes a key,
/// anything else (arrays included) replaces the target whole.
pub fn merge_patch(target: &mut Json, patch: Json) {
    let Json::Object(patch) = patch else {
        *target = patch;
        return;
    };
    if !matches!(target, Json::Object(_)) {
        *target = Json::Object(Object::new());
    }
    if let Json::Object(map) = target {
        for (key, value) in patch {
            if value.is_null() {
                map.remove(&key);
            } else if let Some(field) = map.get_mut(&key) {
                merge_patch(field, value);
            } else {
                let mut field = Json::Null;
                merge_patch(&mut field, value);
                map.insert(key, field);
            }
        }
    }
}
