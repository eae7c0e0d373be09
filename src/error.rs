//! Why an operation was refused. Every refusal leaves the checklist as it was.

use crate::issue::{Issue, Issues};
use crate::json::Quoted;
use std::fmt;

/// An operation or a read that could not be carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChecklistError {
    /// The input is not a valid checklist; `errors` says where and why.
    Invalid(Issues),
    /// No step has this `stepId`.
    StepNotFound(String),
    /// The step exists but the checklist's roles do not make it visible.
    StepNotVisible(String),
    /// An argument of the call itself is wrong (named, with the reason).
    InvalidArgument { name: &'static str, reason: String },
    /// In ordered mode, the step comes after an open one.
    StepLocked(String),
    /// The object was destroyed (`destroy()`), so it takes no more calls.
    Destroyed,
}

impl ChecklistError {
    /// The stable code JS sees on the thrown error.
    pub fn code(&self) -> &'static str {
        match self {
            ChecklistError::Invalid(_) => "invalid",
            ChecklistError::StepNotFound(_) => "step_not_found",
            ChecklistError::StepNotVisible(_) => "step_not_visible",
            ChecklistError::InvalidArgument { .. } => "invalid_argument",
            ChecklistError::StepLocked(_) => "step_locked",
            ChecklistError::Destroyed => "destroyed",
        }
    }

    /// The validation findings behind an `Invalid` error; empty otherwise.
    pub fn issues(&self) -> &[Issue] {
        match self {
            ChecklistError::Invalid(issues) => &issues.list,
            _ => &[],
        }
    }
}

impl fmt::Display for ChecklistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChecklistError::Invalid(issues) => {
                write!(f, "invalid guided checklist: {} problem(s)", issues.total)?;
                if let Some(first) = issues.list.first() {
                    write!(f, "; first at \"{}\": {}", first.path, first.message)?;
                }
                Ok(())
            }
            ChecklistError::StepNotFound(id) => write!(f, "no step has stepId {}", Quoted(id)),
            ChecklistError::StepNotVisible(id) => {
                write!(f, "step {} is not visible to the checklist's roles", Quoted(id))
            }
            ChecklistError::InvalidArgument { name, reason } => write!(f, "invalid `{name}`: {reason}"),
            ChecklistError::StepLocked(id) => {
                write!(f, "step {} comes after a step still open (ordered mode)", Quoted(id))
            }
            ChecklistError::Destroyed => f.write_str("the client was destroyed"),
        }
    }
}

impl std::error::Error for ChecklistError {}
