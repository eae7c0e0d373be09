//! From JSON text or values to the typed model, with every problem reported
//! at its JSON Pointer rather than just the first.

mod reader;
mod records;

use crate::issue::{Code, Issue, Issues, Pointer};
use crate::limits::MAX_INPUT_BYTES;
use crate::model::{GuidedChecklist, UserProperties};
use reader::Reader;
use serde_json::Value;

/// Parses JSON text, refusing texts over the size limit before reading them.
pub fn parse_json(text: &str) -> Result<Value, Issue> {
    let root = Pointer::at("");
    if text.len() > MAX_INPUT_BYTES {
        return Err(root.issue(
            Code::TooLarge,
            format!("the JSON text is {} bytes; at most {MAX_INPUT_BYTES} are allowed", text.len()),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        if e.to_string().starts_with("recursion limit exceeded") {
            root.issue(Code::TooLarge, "the JSON nests deeper than 128 levels")
        } else {
            root.issue(Code::InvalidJson, format!("not valid JSON: {e}"))
        }
    })
}

/// Reads a `guidedChecklist` value; `prefix` is the pointer where it sits.
pub fn checklist(value: Value, prefix: &str) -> Result<GuidedChecklist, Issues> {
    run(prefix, |r| records::checklist(r, value))
}

/// Reads a user-properties record.
pub fn user_properties(value: Value) -> Result<UserProperties, Issues> {
    run("", |r| records::user_properties(r, value))
}

fn run<T>(prefix: &str, read: impl FnOnce(&mut Reader) -> Option<T>) -> Result<T, Issues> {
    let mut reader = Reader::new(prefix);
    match read(&mut reader) {
        Some(v) if reader.errors.is_empty() => Ok(v),
        _ => Err(reader.errors),
    }
}
