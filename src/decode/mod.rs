//! From JSON text or values to the typed model, with every problem reported
//! at its JSON Pointer rather than just the first.

mod reader;
mod records;

use crate::issue::{Code, Issue, Issues, Pointer};
use crate::json::{self, Json, ParseError};
use crate::limits::{MAX_INPUT_BYTES, MAX_JSON_VALUES};
use crate::model::{GuidedChecklist, UserProperties};
use reader::Reader;

/// Parses JSON text, refusing texts over the size limit before reading them.
pub fn parse_json(text: &str) -> Result<Json, Issue> {
    guard(text)?;
    json::parse(text).map_err(|e| {
        let root = Pointer::at("");
        match e {
            ParseError::TooDeep => root.issue(Code::TooLarge, "the JSON nests deeper than 127 levels"),
            _ => root.issue(Code::InvalidJson, format!("not valid JSON: {e}")),
        }
    })
}

/// Reads a `guidedChecklist` from JSON text, with every problem at its JSON Pointer.
pub fn checklist_text(text: &str) -> Result<GuidedChecklist, Issues> {
    checklist(parse_json(text)?, "")
}

/// Reads a user-properties record from JSON text, as `checklist_text` does.
pub fn user_properties_text(text: &str) -> Result<UserProperties, Issues> {
    user_properties(parse_json(text)?)
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
    run(prefix, |r| records::checklist(r, value))
}

/// Reads a user-properties record.
pub fn user_properties(value: Json) -> Result<UserProperties, Issues> {
    run("", |r| records::user_properties(r, value))
}

fn run<T>(prefix: &str, read: impl FnOnce(&mut Reader) -> Option<T>) -> Result<T, Issues> {
    let mut reader = Reader::new(prefix);
    match read(&mut reader) {
        Some(v) if reader.errors.is_empty() => Ok(v),
        _ => Err(reader.errors),
    }
}

#[cfg(test)]
mod tests {
    use super::count_values;

    #[test]
    fn values_are_counted_without_keys() {
        assert_eq!(count_values("{}"), 1);
        assert_eq!(count_values("[]"), 1);
        assert_eq!(count_values(r#"{"a": 1, "b": [true, null, "x,\"y"], "c": {"d": -1.5e3}}"#), 8);
        assert_eq!(count_values("[[], [[]], 12345, \"[,]\"]"), 6);
        assert_eq!(count_values(&format!("[{}0]", "0,".repeat(999_999))), 1_000_001);
    }
}
