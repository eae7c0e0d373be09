//! The edits a user makes to a checklist. Each carries absolute values (a status
//! and its time), so applying the same edit twice has the effect of once.

use crate::error::ChecklistError;
use crate::model::{GuidedChecklist, StepStatus};
use crate::timestamp::Timestamp;
use crate::uuid::is_hyphenated_uuid;
use crate::visibility::is_visible;
use serde::{Deserialize, Serialize};

/// One edit to a checklist; persisted in the sync outbox as `{"type": "completeStep", ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Operation {
    /// COMPLETED at `at`, by `by`; a step already COMPLETED keeps its first completion.
    CompleteStep {
        step_id: String,
        at: Timestamp,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// IN_PROGRESS; clears the completion.
    StartStep { step_id: String, at: Timestamp },
    /// SKIPPED; clears the completion.
    SkipStep { step_id: String, at: Timestamp },
    /// Back to UP_NEXT; clears the completion.
    ReopenStep { step_id: String, at: Timestamp },
    /// Sets `dismissedAt` unless the checklist is already dismissed.
    Dismiss { at: Timestamp },
    /// Clears `dismissedAt`.
    Restore,
}

/// Parses the `at` argument of an operation.
pub fn parse_at(text: &str) -> Result<Timestamp, ChecklistError> {
    Timestamp::parse(text).map_err(|_| ChecklistError::InvalidArgument {
        name: "at",
        reason: format!("must be an RFC 3339 date-time with an offset, like 2024-01-31T09:30:00Z (got {text:?})"),
    })
}

/// Checks a user id given as argument `name` (`by` of `completeStep`, a client's `actorId`).
pub fn parse_by(name: &'static str, text: String) -> Result<String, ChecklistError> {
    if is_hyphenated_uuid(&text) {
        return Ok(text);
    }
    Err(ChecklistError::InvalidArgument { name, reason: format!("must be a hyphenated UUID (got {text:?})") })
}

impl Operation {
    /// The step the operation edits, if it edits one.
    pub fn step_id(&self) -> Option<&str> {
        match self {
            Operation::CompleteStep { step_id, .. }
            | Operation::StartStep { step_id, .. }
            | Operation::SkipStep { step_id, .. }
            | Operation::ReopenStep { step_id, .. } => Some(step_id),
            Operation::Dismiss { .. } | Operation::Restore => None,
        }
    }
}

impl GuidedChecklist {
    /// Applies `op`, or refuses it and leaves the checklist exactly as it was.
    pub fn apply(&mut self, op: &Operation) -> Result<(), ChecklistError> {
        let (step_id, status, at, by) = match op {
            Operation::CompleteStep { step_id, at, by } => (step_id, StepStatus::Completed, at, by.as_ref()),
            Operation::StartStep { step_id, at } => (step_id, StepStatus::InProgress, at, None),
            Operation::SkipStep { step_id, at } => (step_id, StepStatus::Skipped, at, None),
            Operation::ReopenStep { step_id, at } => (step_id, StepStatus::UpNext, at, None),
            Operation::Dismiss { at } => {
                self.dismissed_at.get_or_insert_with(|| at.clone());
                return Ok(());
            }
            Operation::Restore => {
                self.dismissed_at = None;
                return Ok(());
            }
        };
        if let Some(by) = by {
            parse_by("by", by.clone())?;
        }
        let index = self.visible_step_index(step_id)?;
        if let Some(step) = self.steps.as_mut().and_then(|steps| steps.get_mut(index)) {
            if status == StepStatus::Completed {
                if step.status != StepStatus::Completed {
                    step.status = status;
                    step.completed_at = Some(at.clone());
                    step.completed_by = by.cloned();
                }
            } else {
                step.status = status;
                step.completed_at = None;
                step.completed_by = None;
            }
        }
        self.settle_completion(at);
        Ok(())
    }

    fn visible_step_index(&self, step_id: &str) -> Result<usize, ChecklistError> {
        let steps = self.steps();
        let index = steps
            .iter()
            .position(|s| s.step_id == step_id)
            .ok_or_else(|| ChecklistError::StepNotFound(step_id.to_owned()))?;
        match steps.get(index) {
            Some(step) if is_visible(step, self.roles()) => Ok(index),
            _ => Err(ChecklistError::StepNotVisible(step_id.to_owned())),
        }
    }

    /// The checklist is complete while every visible step is closed; the first
    /// completion time stands, so replaying an edit does not move it.
    fn settle_completion(&mut self, at: &Timestamp) {
        if self.all_visible_done() {
            self.completed_at.get_or_insert_with(|| at.clone());
        } else {
            self.completed_at = None;
        }
    }
}
