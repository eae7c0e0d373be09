//! Reading, writing, validating and merge-patching whole documents.

use crate::consistency::warnings;
use crate::decode;
use crate::error::ChecklistError;
use crate::issue::Report;
use crate::json::{self, Json, ToJson};
use crate::merge_patch::merge_patch;
use crate::model::{ChecklistHead, GuidedChecklist, UserProperties};

impl GuidedChecklist {
    /// Reads a checklist from JSON text.
    pub fn from_json_str(text: &str) -> Result<Self, ChecklistError> {
        decode::checklist_text(text).map_err(ChecklistError::Invalid)
    }

    /// Reads a checklist from a JSON value.
    pub fn from_value(value: Json) -> Result<Self, ChecklistError> {
        decode::checklist(value, "").map_err(ChecklistError::Invalid)
    }

    /// The checklist as JSON text, unknown fields included.
    pub fn to_json_string(&self) -> String {
        ToJson::to_json_string(self)
    }

    /// A valid checklist has no errors; this reports its warnings.
    pub fn validate(&self) -> Report {
        Report::new(Vec::new(), warnings(self, ""))
    }

    /// Applies an RFC 7386 merge patch (arrays replaced whole), keeping the
    /// result only if it is a valid checklist.
    pub fn merge_patch(&mut self, patch: Json) -> Result<(), ChecklistError> {
        // When the patch leaves the steps alone (and they are valid), only the checklist's own
        // fields are written out, patched and read again, and the steps move across. Reading
        // a checklist checks no step against its other fields, so the result and the errors
        // are those of the whole document's round trip, in a fraction of it.
        let steps_kept = leaves_steps(&patch);
        let written = if steps_kept { ChecklistHead(self).to_json_string() } else { self.to_json_string() };
        // What this library writes, it reads.
        let mut value = json::parse(&written).unwrap_or(Json::Null);
        merge_patch(&mut value, patch);
        let mut patched = Self::from_value(value)?;
        if steps_kept {
            patched.steps = self.steps.take();
        }
        *self = patched;
        Ok(())
    }
}

/// True when a merge patch leaves a checklist's steps as they are: an object without `steps`.
pub fn leaves_steps(patch: &Json) -> bool {
    patch.as_object().is_some_and(|fields| !fields.contains_key("steps"))
}

/// Parses JSON text within the size and nesting limits.
pub fn parse_json(text: &str) -> Result<Json, ChecklistError> {
    decode::parse_json(text).map_err(|issue| ChecklistError::Invalid(issue.into()))
}

/// Validates a `guidedChecklist` given as JSON text.
pub fn validate_checklist_text(text: &str) -> Report {
    match decode::checklist_text(text) {
        Ok(checklist) => checklist.validate(),
        Err(errors) => Report::new(errors, Vec::new()),
    }
}

/// Validates a `guidedChecklist` given as a JSON value.
pub fn validate_checklist_value(value: Json) -> Report {
    match decode::checklist(value, "") {
        Ok(checklist) => checklist.validate(),
        Err(errors) => Report::new(errors, Vec::new()),
    }
}

/// Validates a user-properties record given as JSON text.
pub fn validate_user_properties_text(text: &str) -> Report {
    match decode::user_properties_text(text) {
        Ok(record) => record_report(&record),
        Err(errors) => Report::new(errors, Vec::new()),
    }
}

/// Validates a user-properties record given as a JSON value.
pub fn validate_user_properties_value(value: Json) -> Report {
    match decode::user_properties(value) {
        Ok(record) => record_report(&record),
        Err(errors) => Report::new(errors, Vec::new()),
    }
}

/// The warnings of a valid record.
fn record_report(record: &UserProperties) -> Report {
    let found = record.guided_checklist.as_ref().map(|c| warnings(c, "/guidedChecklist"));
    Report::new(Vec::new(), found.unwrap_or_default())
}

impl UserProperties {
    /// Reads a record from JSON text.
    pub fn from_json_str(text: &str) -> Result<Self, ChecklistError> {
        decode::user_properties_text(text).map_err(ChecklistError::Invalid)
    }

    /// Reads a record from a JSON value.
    pub fn from_value(value: Json) -> Result<Self, ChecklistError> {
        decode::user_properties(value).map_err(ChecklistError::Invalid)
    }

    /// The record as JSON text, unknown fields included.
    pub fn to_json_string(&self) -> String {
        ToJson::to_json_string(self)
    }
}
