//! The edits as `Checklist` and `ChecklistClient` both take them from JS: one place reads
//! their arguments into an `Operation`.

use super::convert::{at_option, by_option, string_list};
use crate::error::ChecklistError;
use crate::ops::{check_product_interests, Operation};
use wasm_bindgen::JsValue;

/// Which edit a call asks for, with its arguments.
pub enum Edit {
    Complete(String),
    Start(String),
    Skip(String),
    Reopen(String),
    Dismiss,
    Restore,
    Reset,
    /// `setProductInterests(list)`: the list as JS gave it.
    ProductInterests(JsValue),
}

/// The operation for `edit` with `{ at?, by? }`; `actor` is who completes when `by` is
/// absent. One function for every edit, so that each export is a call and not a copy.
pub fn operation(edit: Edit, options: Option<&JsValue>, actor: Option<&str>) -> Result<Operation, ChecklistError> {
    let at = || at_option(options);
    Ok(match edit {
        Edit::Complete(step_id) => {
            let by = by_option(options)?.or_else(|| actor.map(str::to_owned));
            Operation::CompleteStep { step_id, at: at()?, by }
        }
        Edit::Start(step_id) => Operation::StartStep { step_id, at: at()? },
        Edit::Skip(step_id) => Operation::SkipStep { step_id, at: at()? },
        Edit::Reopen(step_id) => Operation::ReopenStep { step_id, at: at()? },
        Edit::Dismiss => Operation::Dismiss { at: at()? },
        Edit::Restore => Operation::Restore,
        Edit::Reset => Operation::Reset { at: at()? },
        Edit::ProductInterests(list) => {
            let product_interests = string_list("productInterests", Some(&list))?.ok_or_else(|| {
                ChecklistError::InvalidArgument { name: "productInterests", reason: "is required".into() }
            })?;
            check_product_interests(&product_interests)?;
            Operation::SetProductInterests { product_interests }
        }
    })
}
