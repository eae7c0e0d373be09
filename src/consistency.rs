//! Findings the API does not forbid but that usually mean a bug somewhere:
//! reported as warnings, never as errors.

use crate::issue::{Code, Issue};
use crate::model::{GuidedChecklist, StepStatus};

/// Warnings for a checklist sitting at pointer `prefix`.
pub fn warnings(checklist: &GuidedChecklist, prefix: &str) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut warn =
        |path: String, code: Code, message: &str| out.push(Issue { path, code, message: message.to_owned() });
    for (i, step) in checklist.steps().iter().enumerate() {
        let at = |field: &str| format!("{prefix}/steps/{i}/{field}");
        let completed = step.status == StepStatus::Completed;
        if completed && step.completed_at.is_none() {
            warn(at("status"), Code::CompletedWithoutTime, "the step is COMPLETED but has no completedAt");
        }
        if !completed && step.completed_at.is_some() {
            warn(at("completedAt"), Code::TimeWithoutCompletion, "the step has completedAt but is not COMPLETED");
        }
        if !completed && step.completed_by.is_some() {
            warn(at("completedBy"), Code::TimeWithoutCompletion, "the step has completedBy but is not COMPLETED");
        }
    }
    if checklist.completed_at.is_some() && !checklist.all_visible_done() {
        warn(
            format!("{prefix}/completedAt"),
            Code::CompletedWithOpenSteps,
            "the checklist has completedAt but not every visible step is COMPLETED or SKIPPED",
        );
    }
    out
}
