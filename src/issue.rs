//! Validation findings: a JSON Pointer, a stable code and a sentence for developers.

use crate::codes::codes;
use serde::Serialize;

codes! {
    /// The stable machine word of a finding; JS code may switch on it.
    pub enum Code {
        /// A required field is absent.
        Required = "required",
        /// A value has the wrong JSON type.
        Type = "type",
        /// A value is not one of the allowed values.
        Enum = "enum",
        /// A string does not have the required format (date-time, UUID).
        Format = "format",
        /// A value that must be unique is repeated.
        Duplicate = "duplicate",
        /// A `ctaRoute` that is not an in-app route.
        UnsafeRoute = "unsafe_route",
        /// Over a documented size limit.
        TooLarge = "too_large",
        /// A number outside the allowed range.
        Range = "range",
        /// A string that must not be empty is empty.
        Empty = "empty",
        /// The input is not JSON.
        InvalidJson = "invalid_json",
        /// A value that must equal another (the `userId` of a body and of its URL) does not.
        Mismatch = "mismatch",
        /// A COMPLETED step without `completedAt` (warning).
        CompletedWithoutTime = "completed_without_time",
        /// `completedAt` or `completedBy` on a step that is not COMPLETED (warning).
        TimeWithoutCompletion = "time_without_completion",
        /// The checklist has `completedAt` while visible steps are still open (warning).
        CompletedWithOpenSteps = "completed_with_open_steps",
    }
}

/// One finding about one place in the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// RFC 6901 JSON Pointer to the offending value ("" is the whole document).
    pub path: String,
    /// Stable machine word.
    pub code: Code,
    /// A sentence a developer can act on.
    pub message: String,
}

/// Everything validation found: errors make the input invalid, warnings do not.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// True when there are no errors.
    pub ok: bool,
    /// Violations of the API's schema or of our documented limits.
    pub errors: Vec<Issue>,
    /// Consistency findings the API does not forbid.
    pub warnings: Vec<Issue>,
}

impl Report {
    /// A report from its two lists; `ok` follows from `errors`.
    pub fn new(errors: Vec<Issue>, warnings: Vec<Issue>) -> Self {
        Report { ok: errors.is_empty(), errors, warnings }
    }
}

/// A JSON Pointer that grows and shrinks while a document is walked, so that
/// building one costs no allocation per level.
#[derive(Clone, Debug, Default)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the document root, or to where an embedded document sits.
    pub fn at(prefix: &str) -> Self {
        Pointer(prefix.to_owned())
    }

    /// Extends the pointer by one object key; returns the length to `restore` to.
    pub fn push_key(&mut self, key: &str) -> usize {
        let len = self.0.len();
        self.0.push('/');
        for c in key.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        len
    }

    /// Extends the pointer by one array index; returns the length to `restore` to.
    pub fn push_index(&mut self, index: usize) -> usize {
        let len = self.0.len();
        self.0.push('/');
        self.0.push_str(&index.to_string());
        len
    }

    /// Shrinks the pointer back to what it was before a push.
    pub fn restore(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// The pointer as RFC 6901 text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A finding at this pointer.
    pub fn issue(&self, code: Code, message: impl Into<String>) -> Issue {
        Issue { path: self.0.clone(), code, message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_tilde_and_slash_per_rfc6901() {
        let mut p = Pointer::at("");
        let mark = p.push_key("a/b~c");
        p.push_index(3);
        assert_eq!(p.as_str(), "/a~1b~0c/3");
        p.restore(mark);
        assert_eq!(p.as_str(), "", "pointer must shrink back on restore");
    }

    #[test]
    fn report_is_ok_only_without_errors() {
        let w = Pointer::at("").issue(Code::CompletedWithOpenSteps, "w");
        assert!(Report::new(vec![], vec![w.clone()]).ok);
        assert!(!Report::new(vec![w], vec![]).ok);
    }
}
