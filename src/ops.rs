//! The edits a user makes to a checklist. Each carries absolute values (a status
//! and its time), so applying the same edit twice has the effect of once.

use crate::error::ChecklistError;
use crate::json::{self, Fields, Json, Object, Quoted, ToJson};
use crate::limits::{chars_in, MAX_ARRAY_ITEMS, MAX_STRING_CHARS};
use crate::model::{GuidedChecklist, StepStatus};
use crate::timestamp::Timestamp;
use crate::uuid::is_hyphenated_uuid;
use crate::visibility::is_visible;

/// One edit to a checklist; persisted in the sync outbox as `{"type": "completeStep", ...}`.
#[derive(Clone, Debug, PartialEq)]
pub enum Operation {
    /// COMPLETED at `at`, by `by`; a step already COMPLETED keeps its first completion.
    CompleteStep { step_id: String, at: Timestamp, by: Option<String> },
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
    /// Starts over: every visible step back to UP_NEXT with its completion cleared, and the
    /// checklist's `dismissedAt` and `completedAt` cleared. Hidden steps are left as they are.
    Reset { at: Timestamp },
    /// Replaces `productInterests`.
    SetProductInterests { product_interests: Vec<String> },
}

/// Whether steps may be done in any order, or only in display order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Any step may be completed at any time (the API's own rule).
    #[default]
    Any,
    /// A step after the first open visible step is locked: completing it is refused
    /// (`step_locked`). Skipped steps count as done.
    Ordered,
}

impl Order {
    /// Reads `"any"` or `"ordered"`.
    pub fn parse(text: &str) -> Result<Order, ChecklistError> {
        match text {
            "any" => Ok(Order::Any),
            "ordered" => Ok(Order::Ordered),
            _ => Err(ChecklistError::InvalidArgument {
                name: "order",
                reason: format!("must be \"any\" or \"ordered\" (got {})", Quoted(text)),
            }),
        }
    }
}

/// Checks the list of `setProductInterests` against the limits of `productInterests`.
pub fn check_product_interests(list: &[String]) -> Result<(), ChecklistError> {
    let refuse = |reason: String| Err(ChecklistError::InvalidArgument { name: "productInterests", reason });
    if list.len() > MAX_ARRAY_ITEMS {
        return refuse(format!("holds {} entries; at most {MAX_ARRAY_ITEMS} are allowed", list.len()));
    }
    match list.iter().position(|s| chars_in(s) > MAX_STRING_CHARS) {
        Some(i) => refuse(format!("entry {i} is over {MAX_STRING_CHARS} characters")),
        None => Ok(()),
    }
}

/// Parses the `at` argument of an operation.
pub fn parse_at(text: &str) -> Result<Timestamp, ChecklistError> {
    Timestamp::parse(text).map_err(|_| ChecklistError::InvalidArgument {
        name: "at",
        reason: format!(
            "must be an RFC 3339 date-time with an offset, like 2024-01-31T09:30:00Z (got {})",
            Quoted(text)
        ),
    })
}

/// Checks a user id given as argument `name` (`by` of `completeStep`, a client's `actorId`).
pub fn parse_by(name: &'static str, text: String) -> Result<String, ChecklistError> {
    if is_hyphenated_uuid(&text) {
        return Ok(text);
    }
    Err(ChecklistError::InvalidArgument { name, reason: format!("must be a hyphenated UUID (got {})", Quoted(&text)) })
}

impl ToJson for Operation {
    /// One flat object: `type` first, then the fields, camelCased.
    fn write_json(&self, out: &mut String) {
        let mut f = Fields::new(out);
        f.put("type", &self.kind());
        match self {
            Operation::CompleteStep { step_id, at, by } => f.put("stepId", step_id).put("at", at).opt("by", by),
            Operation::StartStep { step_id, at }
            | Operation::SkipStep { step_id, at }
            | Operation::ReopenStep { step_id, at } => f.put("stepId", step_id).put("at", at),
            Operation::Dismiss { at } | Operation::Reset { at } => f.put("at", at),
            Operation::Restore => &mut f,
            Operation::SetProductInterests { product_interests } => f.put("productInterests", product_interests),
        }
        .close();
    }
}

impl Operation {
    /// The operation's `type`, as stored.
    pub fn kind(&self) -> &'static str {
        match self {
            Operation::CompleteStep { .. } => "completeStep",
            Operation::StartStep { .. } => "startStep",
            Operation::SkipStep { .. } => "skipStep",
            Operation::ReopenStep { .. } => "reopenStep",
            Operation::Dismiss { .. } => "dismiss",
            Operation::Restore => "restore",
            Operation::Reset { .. } => "reset",
            Operation::SetProductInterests { .. } => "setProductInterests",
        }
    }

    /// An operation as `to_json_string` writes it; `None` when the text is not one.
    pub fn from_json_str(text: &str) -> Option<Operation> {
        Operation::from_json(json::parse(text).ok()?.as_object()?)
    }

    /// An operation from its stored object; `None` when the object is not one.
    pub fn from_json(fields: &Object) -> Option<Operation> {
        let step_id = || fields.get("stepId")?.as_str().map(str::to_owned);
        let at = || Timestamp::parse(fields.get("at")?.as_str()?).ok();
        Some(match fields.get("type")?.as_str()? {
            "completeStep" => {
                // Who completed is a UUID wherever it comes from (`actorId`, `{ by }`), here too:
                // a stored edit that says otherwise was not written by this module.
                let by = match fields.get("by") {
                    None | Some(Json::Null) => None,
                    Some(by) => Some(by.as_str().filter(|by| is_hyphenated_uuid(by))?.to_owned()),
                };
                Operation::CompleteStep { step_id: step_id()?, at: at()?, by }
            }
            "startStep" => Operation::StartStep { step_id: step_id()?, at: at()? },
            "skipStep" => Operation::SkipStep { step_id: step_id()?, at: at()? },
            "reopenStep" => Operation::ReopenStep { step_id: step_id()?, at: at()? },
            "dismiss" => Operation::Dismiss { at: at()? },
            "restore" => Operation::Restore,
            "reset" => Operation::Reset { at: at()? },
            "setProductInterests" => {
                let list = fields.get("productInterests")?.as_array()?;
                let list = list.iter().map(|s| s.as_str().map(str::to_owned)).collect::<Option<_>>()?;
                Operation::SetProductInterests { product_interests: list }
            }
            _ => return None,
        })
    }

    /// The step the operation edits, if it edits one.
    pub fn step_id(&self) -> Option<&str> {
        match self {
            Operation::CompleteStep { step_id, .. }
            | Operation::StartStep { step_id, .. }
            | Operation::SkipStep { step_id, .. }
            | Operation::ReopenStep { step_id, .. } => Some(step_id),
            Operation::Dismiss { .. }
            | Operation::Restore
            | Operation::Reset { .. }
            | Operation::SetProductInterests { .. } => None,
        }
    }
}

impl GuidedChecklist {
    /// Applies `op`, or refuses it and leaves the checklist exactly as it was.
    pub fn apply(&mut self, op: &Operation) -> Result<(), ChecklistError> {
        self.apply_in(op, Order::Any)
    }

    /// Applies `op` under `order`: in ordered mode completing a locked step is refused.
    pub fn apply_in(&mut self, op: &Operation, order: Order) -> Result<(), ChecklistError> {
        if let (Order::Ordered, Operation::CompleteStep { step_id, .. }) = (order, op) {
            if self.locked_step_ids().iter().any(|id| id == step_id) {
                return Err(ChecklistError::StepLocked(step_id.clone()));
            }
        }
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
            Operation::Reset { at } => {
                self.reset(at);
                return Ok(());
            }
            Operation::SetProductInterests { product_interests } => {
                check_product_interests(product_interests)?;
                self.product_interests = Some(product_interests.clone());
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

    fn reset(&mut self, at: &Timestamp) {
        let roles = self.roles.clone().unwrap_or_default();
        for step in self.steps.iter_mut().flatten().filter(|s| is_visible(s, &roles)) {
            step.status = StepStatus::UpNext;
            step.completed_at = None;
            step.completed_by = None;
        }
        self.dismissed_at = None;
        self.completed_at = None;
        self.settle_completion(at);
    }

    /// In ordered mode, the visible steps that may not be completed yet: the open ones after
    /// the first open visible step, in display order.
    pub fn locked_step_ids(&self) -> Vec<String> {
        let shown = self.shown_steps(None, Order::Ordered);
        shown.into_iter().filter(|s| s.locked == Some(true)).map(|s| s.step.step_id.clone()).collect()
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
