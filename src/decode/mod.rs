//! From JSON text or values to the typed model, with every problem reported
//! at its JSON Pointer rather than just the first.

mod reader;
mod records;

use crate::issue::{Code, Issue, Issues, Pointer};
use crate::json::{self, Json, ParseError, Pull, ToJson};
use crate::limits::{MAX_INPUT_BYTES, MAX_JSON_VALUES};
use crate::model::{GuidedChecklist, UserProperties};
use reader::{Read, Reader};

/// Parses JSON text, refusing texts over the size limit before reading them.
pub fn parse_json(text: &str) -> Result<Json, Issue> {
    guard(text)?;
    json::parse(text).map_err(not_json)
}

/// The issue for a text that is not JSON.
fn not_json(error: ParseError) -> Issue {
    let root = Pointer::at("");
    match error {
        ParseError::TooDeep => root.issue(Code::TooLarge, "the JSON nests deeper than 127 levels"),
        _ => root.issue(Code::InvalidJson, format!("not valid JSON: {error}")),
    }
}

/// Reads a `guidedChecklist` from JSON text, with every problem at its JSON Pointer.
pub fn checklist_text(text: &str) -> Result<GuidedChecklist, Issues> {
    guard(text)?;
    run("", text, records::checklist)
}

/// Reads a user-properties record from JSON text, as `checklist_text` does.
pub fn user_properties_text(text: &str) -> Result<UserProperties, Issues> {
    guard(text)?;
    run("", text, records::user_properties)
}

/// Refuses texts over the size limit or holding too many values, before anything is built.
fn guard(text: &str) -> Result<(), Issue> {
    let root = Pointer::at("");
    if text.len() > MAX_INPUT_BYTES {
        return Err(root.issue(
            Code::TooLarge,
            format!("the JSON text is {} bytes; at most {MAX_INPUT_BYTES} are allowed", text.len()),
        ));
    }
    // A value takes at least a byte: only a text longer than the budget needs counting.
    let values = if text.len() > MAX_JSON_VALUES { count_values(text) } else { 0 };
    if values > MAX_JSON_VALUES {
        return Err(root.issue(
            Code::TooLarge,
            format!("the JSON text holds at least {values} values; at most {MAX_JSON_VALUES} are allowed"),
        ));
    }
    Ok(())
}

/// How many JSON values `text` holds, counted in one pass without building any (object
/// keys are not values). For invalid JSON it is an estimate: the parser refuses that anyway.
fn count_values(text: &str) -> usize {
    // Which open containers are objects, for the first 256 levels (deeper texts are refused
    // by the parser's nesting limit).
    let mut objects = [false; 256];
    let (mut depth, mut count) = (0usize, 0usize);
    let (mut in_string, mut escaped, mut expecting) = (false, false, true);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b'{' | b'[' => {
                count += usize::from(expecting);
                depth += 1;
                if let Some(level) = objects.get_mut(depth) {
                    *level = byte == b'{';
                }
                // In an object a key comes first, and keys are not values.
                expecting = byte == b'[';
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                expecting = false;
            }
            b',' => expecting = !objects.get(depth).copied().unwrap_or(false),
            b':' => expecting = true,
            _ => {
                count += usize::from(expecting);
                expecting = false;
                in_string = byte == b'"';
            }
        }
    }
    count
}

/// Reads a `guidedChecklist` value; `prefix` is the pointer where it sits.
pub fn checklist(value: Json, prefix: &str) -> Result<GuidedChecklist, Issues> {
    // The reader reads text: a tree is read as the text it writes.
    run(prefix, &value.to_json_string(), records::checklist)
}

/// Reads a user-properties record.
pub fn user_properties(value: Json) -> Result<UserProperties, Issues> {
    run("", &value.to_json_string(), records::user_properties)
}

/// Reads `text` with `read`: fast, and when that gives up, again collecting every problem.
fn run<T>(prefix: &str, text: &str, read: Read<T>) -> Result<T, Issues> {
    let mut value = None;
    read_twice(prefix, text, &mut |r, p| {
        value = read(r, p);
        value.is_some()
    })?;
    // `read_twice` is `Ok` only when the last reading gave a value.
    value.ok_or_else(Issues::default)
}

/// The body of `run`, compiled once for every type read: `read` says whether it read a value.
fn read_twice(prefix: &str, text: &str, read: &mut dyn FnMut(&mut Reader, &mut Pull) -> bool) -> Result<(), Issues> {
    let mut reader = Reader::new(prefix, false);
    let mut pull = Pull::new(text);
    let fast = read(&mut reader, &mut pull);
    if !reader.gave_up {
        // A text that is not JSON is only that, whatever else is wrong with it.
        pull.finish().map_err(not_json)?;
        if fast {
            return Ok(());
        }
    }
    let mut reader = Reader::new(prefix, true);
    let mut pull = Pull::new(text);
    let collected = read(&mut reader, &mut pull);
    pull.finish().map_err(not_json)?;
    match collected && reader.errors.is_empty() {
        true => Ok(()),
        false => Err(reader.errors),
    }
}

#[cfg(test)]
mod tests {
    use super::{checklist_text, count_values, records, Pull, Reader};
    use crate::model::GuidedChecklist;

    const STEP: &str = r#"{"stepId":"s1","title":"T","description":"D","ctaLabel":"Go","ctaRoute":"/a","status":"COMPLETED","sortOrder":2.0,"completedAt":"2024-01-01T00:00:00Z","completedBy":"123e4567-e89b-12d3-a456-426614174000","sourceRoles":["admin"],"x":{"y":[1]}}"#;

    fn document(steps: &str, more: &str) -> String {
        format!(
            r#"{{ "track" : "A", "steps": [{steps}], "computedAt": "2024-01-01T00:00:00Z"{more}, "z\u0041": null }}"#
        )
    }

    /// The collecting reading alone, as when the fast one gives up.
    fn collected(text: &str) -> Option<GuidedChecklist> {
        records::checklist(&mut Reader::new("", true), &mut Pull::new(text))
    }

    /// Whether the fast reading takes the text, without the collecting one.
    fn fast(text: &str) -> bool {
        let mut reader = Reader::new("", false);
        records::checklist(&mut reader, &mut Pull::new(text)).is_some() && !reader.gave_up
    }

    fn paths(text: &str) -> Vec<String> {
        checklist_text(text).err().map(|e| e.list.into_iter().map(|i| i.path).collect()).unwrap_or_default()
    }

    #[test]
    fn both_readings_read_a_valid_text_alike() {
        let text = document(STEP, r#", "roles": [], "future": [{"a": "\n"}], "future": 1"#);
        assert!(fast(&text));
        assert_eq!(checklist_text(&text).ok(), collected(&text));
    }

    #[test]
    fn a_repeated_key_counts_with_its_last_value_only() {
        let twice = |first: &str, last: &str| document(STEP, &format!(r#", "track": {first}, "track": {last}"#));
        assert!(!fast(&twice("\"A\"", "\"B\"")));
        let read = checklist_text(&twice("\"nope\"", "\"B\"")).map(|c| c.track.as_str());
        assert_eq!(read, Ok("B"), "the first value is not even checked");
        assert_eq!(paths(&twice("\"A\"", "7")), ["/track"]);
    }

    #[test]
    fn problems_come_in_the_model_s_order_wherever_they_stand() {
        let bad_step = STEP.replace(r#""title":"T","#, "").replace("2.0", "2.5");
        let forward = format!(r#"{{"track":"C","steps":[{bad_step},{STEP}],"completedAt":"soon"}}"#);
        let backward = format!(r#"{{"completedAt":"soon","steps":[{bad_step},{STEP}],"track":"C"}}"#);
        let expected = ["/track", "/steps/0/title", "/steps/0/sortOrder", "/computedAt", "/completedAt"];
        assert_eq!(paths(&forward), expected);
        assert_eq!(paths(&backward), expected);
    }

    #[test]
    fn an_array_too_long_is_one_problem_and_syntax_errors_come_first() {
        let roles = format!(r#", "roles": [{}]"#, vec!["1"; crate::limits::MAX_ARRAY_ITEMS + 1].join(","));
        assert_eq!(paths(&document(STEP, &roles)), ["/roles"]);
        let text = document(STEP, r#", "track": 1, "roles": ["a",]"#);
        let issues = checklist_text(&text).err().map(|e| e.list).unwrap_or_default();
        assert_eq!(issues.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(), ["invalid_json"]);
    }

    #[test]
    fn values_are_counted_without_keys() {
        assert_eq!(count_values("{}"), 1);
        assert_eq!(count_values("[]"), 1);
        assert_eq!(count_values(r#"{"a": 1, "b": [true, null, "x,\"y"], "c": {"d": -1.5e3}}"#), 8);
        assert_eq!(count_values("[[], [[]], 12345, \"[,]\"]"), 6);
        assert_eq!(count_values(&format!("[{}0]", "0,".repeat(999_999))), 1_000_001);
    }
}
