//! Typed reads of JSON values that record every problem at its JSON Pointer.

use crate::issue::{Code, Issues, Pointer};
use crate::json::{integer, Integer, Json, Object, Quoted};
use crate::limits::{MAX_ARRAY_ITEMS, MAX_SAFE_INTEGER, MAX_STRING_CHARS};
use crate::route::route_problem;
use crate::timestamp::{Timestamp, TimestampError};
use crate::uuid::is_hyphenated_uuid;

/// Walks a document, collecting errors instead of stopping at the first.
pub struct Reader {
    pub path: Pointer,
    pub errors: Issues,
}

/// A field reader: `None` when the value was refused (the reason is recorded).
pub type Read<T> = fn(&mut Reader, Json) -> Option<T>;

impl Reader {
    pub fn new(prefix: &str) -> Self {
        Reader { path: Pointer::at(prefix), errors: Issues::default() }
    }

    pub fn fail<T>(&mut self, code: Code, message: impl Into<String>) -> Option<T> {
        self.errors.push(self.path.issue(code, message));
        None
    }

    /// Takes a required field out of `map`, reading it with `read`.
    pub fn required<T>(&mut self, map: &mut Object, key: &str, read: Read<T>) -> Option<T> {
        let mark = self.path.push_key(key);
        let result = match map.remove(key) {
            Some(value) => read(self, value),
            None => self.fail(Code::Required, format!("`{key}` is required")),
        };
        self.path.restore(mark);
        result
    }

    /// Takes an optional field out of `map`: `Some(None)` when absent, `None` when refused.
    pub fn optional<T>(&mut self, map: &mut Object, key: &str, read: Read<T>) -> Option<Option<T>> {
        let Some(value) = map.remove(key) else { return Some(None) };
        let mark = self.path.push_key(key);
        let result = read(self, value);
        self.path.restore(mark);
        result.map(Some)
    }

    pub fn object(&mut self, value: Json) -> Option<Object> {
        match value {
            Json::Object(map) => Some(map),
            other => self.fail(Code::Type, format!("must be an object, not {}", other.kind())),
        }
    }

    pub fn array(&mut self, value: Json, max: usize) -> Option<Vec<Json>> {
        match value {
            Json::Array(items) if items.len() > max => {
                self.fail(Code::TooLarge, format!("has {} entries; at most {max} are allowed", items.len()))
            }
            Json::Array(items) => Some(items),
            other => self.fail(Code::Type, format!("must be an array, not {}", other.kind())),
        }
    }

    pub fn string(&mut self, value: Json) -> Option<String> {
        match value {
            Json::String(s) => self.text(s),
            other => self.fail(Code::Type, format!("must be a string, not {}", other.kind())),
        }
    }

    /// A string within the length limit.
    pub fn text(&mut self, s: String) -> Option<String> {
        // UTF-8 takes at least a byte per character: only a long text needs counting.
        if s.len() > MAX_STRING_CHARS && s.chars().nth(MAX_STRING_CHARS).is_some() {
            return self.fail(Code::TooLarge, format!("is longer than {MAX_STRING_CHARS} characters"));
        }
        Some(s)
    }

    pub fn non_empty_string(&mut self, value: Json) -> Option<String> {
        let s = self.string(value)?;
        self.non_empty(s)
    }

    pub fn non_empty(&mut self, s: String) -> Option<String> {
        if s.is_empty() {
            return self.fail(Code::Empty, "must not be empty");
        }
        Some(s)
    }

    pub fn string_array(&mut self, value: Json) -> Option<Vec<String>> {
        let items = self.array(value, MAX_ARRAY_ITEMS)?;
        self.each(items, Reader::string)
    }

    /// Reads every item, so that one bad item does not hide another.
    pub fn each<T>(&mut self, items: Vec<Json>, read: Read<T>) -> Option<Vec<T>> {
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.into_iter().enumerate() {
            let mark = self.path.push_index(i);
            match read(self, item) {
                Some(v) => out.push(v),
                None => ok = false,
            }
            self.path.restore(mark);
        }
        ok.then_some(out)
    }

    pub fn timestamp(&mut self, value: Json) -> Option<Timestamp> {
        let s = self.string(value)?;
        self.timestamp_text(&s)
    }

    pub fn timestamp_text(&mut self, s: &str) -> Option<Timestamp> {
        match Timestamp::parse(s) {
            Ok(t) => Some(t),
            Err(TimestampError::Shape) => self.fail(
                Code::Format,
                format!("must be an RFC 3339 date-time with an offset, like 2024-01-31T09:30:00Z (got {})", Quoted(s)),
            ),
            Err(TimestampError::Value) => {
                self.fail(Code::Format, format!("is not a real date and time (got {})", Quoted(s)))
            }
        }
    }

    pub fn uuid(&mut self, value: Json) -> Option<String> {
        let s = self.string(value)?;
        self.uuid_text(s)
    }

    pub fn uuid_text(&mut self, s: String) -> Option<String> {
        if is_hyphenated_uuid(&s) {
            return Some(s);
        }
        self.fail(
            Code::Format,
            format!("must be a hyphenated UUID like 123e4567-e89b-12d3-a456-426614174000 (got {})", Quoted(&s)),
        )
    }

    pub fn route(&mut self, value: Json) -> Option<String> {
        let s = self.non_empty_string(value)?;
        self.route_text(s)
    }

    /// A non-empty string that is a safe in-app route.
    pub fn route_text(&mut self, s: String) -> Option<String> {
        match route_problem(&s) {
            None => Some(s),
            Some(why) => self.fail(Code::UnsafeRoute, format!("{why} (got {})", Quoted(&s))),
        }
    }

    /// An integer a JS number holds exactly; `2.0` counts, `2.5` and `"2"` do not.
    pub fn integer(&mut self, value: Json) -> Option<i64> {
        let Json::Number(n) = value else {
            return self.fail(Code::Type, format!("must be an integer, not {}", value.kind()));
        };
        match integer(&n, MAX_SAFE_INTEGER.unsigned_abs()) {
            Integer::Within(i) => Some(i),
            Integer::Fraction => self.fail(Code::Type, format!("must be an integer, not the fraction {n}")),
            Integer::Beyond => {
                self.fail(Code::Range, format!("must be between -{MAX_SAFE_INTEGER} and {MAX_SAFE_INTEGER} (got {n})"))
            }
        }
    }

    /// One of a fixed set of strings, matched exactly.
    pub fn one_of<T>(&mut self, value: Json, parse: fn(&str) -> Option<T>, allowed: &[&str]) -> Option<T> {
        let s = self.string(value)?;
        self.one_of_text(&s, parse, allowed)
    }

    pub fn one_of_text<T>(&mut self, s: &str, parse: fn(&str) -> Option<T>, allowed: &[&str]) -> Option<T> {
        if let Some(v) = parse(s) {
            return Some(v);
        }
        self.fail(Code::Enum, format!("must be one of {} (got {})", allowed.join(", "), Quoted(s)))
    }
}
