//! Validation findings: a JSON Pointer, a stable code and a sentence for developers.

use crate::codes::codes;
use crate::json::{Fields, ToJson};
use crate::limits::MAX_LISTED_ISSUES;

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
        /// A write names something its writer may not change: a step hidden from the writer's
        /// roles (the reference server answers 403).
        Forbidden = "forbidden",
        /// A COMPLETED step without `completedAt` (warning).
        CompletedWithoutTime = "completed_without_time",
        /// `completedAt` or `completedBy` on a step that is not COMPLETED (warning).
        TimeWithoutCompletion = "time_without_completion",
        /// The checklist has `completedAt` while visible steps are still open (warning).
        CompletedWithOpenSteps = "completed_with_open_steps",
    }
}

/// Validation errors as reported: the first `MAX_LISTED_ISSUES` of them, and how many there were.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Issues {
    /// The errors listed, in the order found.
    pub list: Vec<Issue>,
    /// How many errors there were, listed or not.
    pub total: usize,
}

impl Issues {
    /// Counts an error, and lists it while fewer than `MAX_LISTED_ISSUES` are.
    pub fn push(&mut self, issue: Issue) {
        if self.list.len() < MAX_LISTED_ISSUES {
            self.list.push(issue);
        }
        self.total += 1;
    }

    /// True when no error was found.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

impl From<Vec<Issue>> for Issues {
    fn from(list: Vec<Issue>) -> Self {
        let mut issues = Issues::default();
        list.into_iter().for_each(|issue| issues.push(issue));
        issues
    }
}

impl From<Issue> for Issues {
    fn from(issue: Issue) -> Self {
        Issues { list: vec![issue], total: 1 }
    }
}

/// One finding about one place in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// RFC 6901 JSON Pointer to the offending value ("" is the whole document).
    pub path: String,
    /// Stable machine word.
    pub code: Code,
    /// A sentence a developer can act on.
    pub message: String,
}

/// Everything validation found: errors make the input invalid, warnings do not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// True when there are no errors.
    pub ok: bool,
    /// Violations of the API's schema or of our documented limits (the first `MAX_LISTED_ISSUES`).
    pub errors: Vec<Issue>,
    /// How many errors there were, listed or not.
    pub error_count: usize,
    /// Consistency findings the API does not forbid.
    pub warnings: Vec<Issue>,
}

impl Report {
    /// A report from its two lists; `ok` follows from `errors`.
    pub fn new(errors: impl Into<Issues>, warnings: Vec<Issue>) -> Self {
        let errors = errors.into();
        Report { ok: errors.is_empty(), errors: errors.list, error_count: errors.total, warnings }
    }
}

impl ToJson for Issue {
    fn write_json(&self, out: &mut String) {
        Fields::new(out).put("path", &self.path).put("code", &self.code).put("message", &self.message).close();
    }
}

impl ToJson for Report {
    fn write_json(&self, out: &mut String) {
        Fields::new(out)
            .put("ok", &self.ok)
            .put("errors", &self.errors)
            .put("errorCount", &self.error_count)
            .put("warnings", &self.warnings)
            .close();
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
        if !key.bytes().any(|b| b == b'~' || b == b'/') {
            self.0.push_str(key);
            return len;
        }
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
        index.write_json(&mut self.0);
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
