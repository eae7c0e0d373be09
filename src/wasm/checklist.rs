//! `Checklist`: a checklist held in WASM memory, edited in place.

use super::convert::{at_option, by_option, json_text, parse_json_text, roles_arg, to_js, to_js_error};
use super::types::{CompleteOptions, Roles, TimeOptions};
use crate::document::parse_json;
use crate::error::ChecklistError;
use crate::model::GuidedChecklist;
use crate::ops::Operation;
use wasm_bindgen::prelude::*;

/// A guided checklist held in WASM memory; call `free()` when done with it.
#[wasm_bindgen]
pub struct Checklist {
    inner: GuidedChecklist,
}

fn input(value: &JsValue) -> Result<String, JsValue> {
    json_text(value).map_err(|issue| to_js_error(ChecklistError::Invalid(vec![issue])))
}

#[wasm_bindgen]
impl Checklist {
    /// Reads a checklist (an object or JSON text); throws a `ChecklistError` with code "invalid".
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "GuidedChecklist | string")] value: JsValue,
    ) -> Result<Checklist, JsValue> {
        let inner = GuidedChecklist::from_json_str(&input(&value)?).map_err(to_js_error)?;
        Ok(Checklist { inner })
    }

    /// Marks a step COMPLETED at `at` (default now) by `by`; a COMPLETED step keeps its first completion.
    #[wasm_bindgen(js_name = completeStep)]
    pub fn complete_step(
        &mut self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<CompleteOptions>,
    ) -> Result<(), JsValue> {
        let at = at_option(options.as_deref()).map_err(to_js_error)?;
        let by = by_option(options.as_deref()).map_err(to_js_error)?;
        self.apply(Operation::CompleteStep { step_id, at, by })
    }

    /// Marks a step IN_PROGRESS and clears its completion.
    #[wasm_bindgen(js_name = startStep)]
    pub fn start_step(
        &mut self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), JsValue> {
        let at = at_option(options.as_deref()).map_err(to_js_error)?;
        self.apply(Operation::StartStep { step_id, at })
    }

    /// Marks a step SKIPPED and clears its completion.
    #[wasm_bindgen(js_name = skipStep)]
    pub fn skip_step(
        &mut self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), JsValue> {
        let at = at_option(options.as_deref()).map_err(to_js_error)?;
        self.apply(Operation::SkipStep { step_id, at })
    }

    /// Puts a step back to UP_NEXT and clears its completion.
    #[wasm_bindgen(js_name = reopenStep)]
    pub fn reopen_step(
        &mut self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), JsValue> {
        let at = at_option(options.as_deref()).map_err(to_js_error)?;
        self.apply(Operation::ReopenStep { step_id, at })
    }

    /// Sets `dismissedAt` to `at` (default now) unless already dismissed.
    pub fn dismiss(&mut self, options: Option<TimeOptions>) -> Result<(), JsValue> {
        let at = at_option(options.as_deref()).map_err(to_js_error)?;
        self.apply(Operation::Dismiss { at })
    }

    /// Clears `dismissedAt`.
    pub fn restore(&mut self) -> Result<(), JsValue> {
        self.apply(Operation::Restore)
    }

    /// Applies an RFC 7386 merge patch (an object or JSON text); keeps the result only if it is valid.
    #[wasm_bindgen(js_name = mergePatch)]
    pub fn merge_patch(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string")] patch: JsValue,
    ) -> Result<(), JsValue> {
        let text = input(&patch)?;
        let value = parse_json(&text).map_err(to_js_error)?;
        self.inner.merge_patch(value).map_err(to_js_error)
    }

    /// The visible steps in display order; `roles` defaults to the checklist's roles.
    #[wasm_bindgen(js_name = visibleSteps, unchecked_return_type = "Step[]")]
    pub fn visible_steps(&self, roles: Option<Roles>) -> Result<JsValue, JsValue> {
        let roles = roles_arg(roles.as_deref()).map_err(to_js_error)?;
        Ok(to_js(&self.inner.visible_steps(roles.as_deref())))
    }

    /// Progress over the visible steps; `roles` defaults to the checklist's roles.
    #[wasm_bindgen(unchecked_return_type = "Progress")]
    pub fn progress(&self, roles: Option<Roles>) -> Result<JsValue, JsValue> {
        let roles = roles_arg(roles.as_deref()).map_err(to_js_error)?;
        Ok(to_js(&self.inner.progress(roles.as_deref())))
    }

    /// Consistency warnings; a `Checklist` is always free of errors.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(&self) -> JsValue {
        to_js(&self.inner.validate())
    }

    /// The checklist as a plain object, unknown fields intact.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "GuidedChecklist")]
    pub fn to_json(&self) -> JsValue {
        parse_json_text(&self.inner.to_json_string())
    }

    fn apply(&mut self, op: Operation) -> Result<(), JsValue> {
        self.inner.apply(&op).map_err(to_js_error)
    }
}
