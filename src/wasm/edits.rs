//! The six edits as `Checklist` and `ChecklistClient` both take them from JS: one place
//! reads their arguments into an `Operation`.

use super::convert::{at_option, by_option, string_list};
use crate::error::ChecklistError;
use crate::ops::{check_product_interests, Operation};
use wasm_bindgen::JsValue;

/// Which step edit a call asks for.
#[derive(Clone, Copy)]
pub enum StepEdit {
    Complete,
    Start,
    Skip,
    Reopen,
}

/// The operation for a step edit of `step_id` with `{ at?, by? }`; `actor` is who completes
/// when `by` is absent.
pub fn step_edit(
    edit: StepEdit,
    step_id: String,
    options: Option<&JsValue>,
    actor: Option<&str>,
) -> Result<Operation, ChecklistError> {
    let at = at_option(options)?;
    Ok(match edit {
        StepEdit::Complete => {
            let by = by_option(options)?.or_else(|| actor.map(str::to_owned));
            Operation::CompleteStep { step_id, at, by }
        }
        StepEdit::Start => Operation::StartStep { step_id, at },
        StepEdit::Skip => Operation::SkipStep { step_id, at },
        StepEdit::Reopen => Operation::ReopenStep { step_id, at },
    })
}

/// The operation of `dismiss({ at? })`.
pub fn dismiss(options: Option<&JsValue>) -> Result<Operation, ChecklistError> {
    Ok(Operation::Dismiss { at: at_option(options)? })
}

/// The operation of `reset({ at? })`.
pub fn reset(options: Option<&JsValue>) -> Result<Operation, ChecklistError> {
    Ok(Operation::Reset { at: at_option(options)? })
}

/// The operation of `setProductInterests(list)`.
pub fn set_product_interests(list: &JsValue) -> Result<Operation, ChecklistError> {
    let product_interests = string_list("productInterests", Some(list))?
        .ok_or_else(|| ChecklistError::InvalidArgument { name: "productInterests", reason: "is required".into() })?;
    check_product_interests(&product_interests)?;
    Ok(Operation::SetProductInterests { product_interests })
}
