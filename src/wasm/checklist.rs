//! `Checklist`: a checklist held in WASM memory, edited in place.

use super::convert::{json_text, order_option, parse_json_text, roles_arg, to_js};
use super::edits::{operation, Edit};
use super::objects::StepObjects;
use super::types::{ChecklistOptions, CompleteOptions, Roles, TimeOptions};
use crate::document::{leaves_steps, parse_json};
use crate::error::ChecklistError;
use crate::model::GuidedChecklist;
use crate::ops::{Operation, Order};
use wasm_bindgen::prelude::*;

/// A guided checklist held in WASM memory; call `free()` when done with it.
#[wasm_bindgen]
pub struct Checklist {
    inner: GuidedChecklist,
    order: Order,
    /// The steps' frozen objects, which `visibleSteps()` hands out while a step is unchanged.
    objects: StepObjects,
}

fn input(value: &JsValue) -> Result<String, ChecklistError> {
    json_text(value).map_err(|issue| ChecklistError::Invalid(issue.into()))
}

#[wasm_bindgen]
impl Checklist {
    /// Reads a checklist (an object or JSON text); throws a `ChecklistError` with code "invalid".
    /// `{ order: "ordered" }` requires the steps in display order (default "any").
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "GuidedChecklist | string")] value: JsValue,
        options: Option<ChecklistOptions>,
    ) -> Result<Checklist, ChecklistError> {
        let order = order_option(options.as_deref())?;
        let inner = GuidedChecklist::from_json_str(&input(&value)?)?;
        Ok(Checklist { inner, order, objects: StepObjects::default() })
    }

    /// Marks a step COMPLETED at `at` (default now) by `by`; a COMPLETED step keeps its first completion.
    #[wasm_bindgen(js_name = completeStep)]
    pub fn complete_step(
        &mut self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<CompleteOptions>,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::Complete(step_id), options.as_deref())
    }

    /// Marks a step IN_PROGRESS and clears its completion.
    #[wasm_bindgen(js_name = startStep)]
    pub fn start_step(
        &mut self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::Start(step_id), options.as_deref())
    }

    /// Marks a step SKIPPED and clears its completion.
    #[wasm_bindgen(js_name = skipStep)]
    pub fn skip_step(
        &mut self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::Skip(step_id), options.as_deref())
    }

    /// Puts a step back to UP_NEXT and clears its completion.
    #[wasm_bindgen(js_name = reopenStep)]
    pub fn reopen_step(
        &mut self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::Reopen(step_id), options.as_deref())
    }

    /// Sets `dismissedAt` to `at` (default now) unless already dismissed.
    pub fn dismiss(&mut self, options: Option<TimeOptions>) -> Result<(), ChecklistError> {
        self.edit(Edit::Dismiss, options.as_deref())
    }

    /// Clears `dismissedAt`.
    pub fn restore(&mut self) -> Result<(), ChecklistError> {
        self.edit(Edit::Restore, None)
    }

    /// Starts over: every visible step UP_NEXT, `dismissedAt` and `completedAt` cleared.
    pub fn reset(&mut self, options: Option<TimeOptions>) -> Result<(), ChecklistError> {
        self.edit(Edit::Reset, options.as_deref())
    }

    /// Replaces `productInterests`.
    #[wasm_bindgen(js_name = setProductInterests)]
    pub fn set_product_interests(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] list: JsValue,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::ProductInterests(list), None)
    }

    /// Applies an RFC 7386 merge patch (an object or JSON text); keeps the result only if it is valid.
    #[wasm_bindgen(js_name = mergePatch)]
    pub fn merge_patch(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string")] patch: JsValue,
    ) -> Result<(), ChecklistError> {
        let value = parse_json(&input(&patch)?)?;
        let steps_kept = leaves_steps(&value);
        self.inner.merge_patch(value)?;
        if steps_kept {
            self.objects.fields_patched();
        } else {
            self.objects.replaced();
        }
        Ok(())
    }

    /// The visible steps in display order; `roles` defaults to the checklist's roles. The
    /// array is the caller's; the steps are frozen, and a step that did not change keeps its
    /// object from one call to the next.
    #[wasm_bindgen(js_name = visibleSteps, unchecked_return_type = "Readonly<ShownStep>[]")]
    pub fn visible_steps(&mut self, roles: Option<Roles>) -> Result<JsValue, ChecklistError> {
        let roles = roles_arg(roles.as_deref())?;
        let steps = self.objects.steps(&self.inner);
        Ok(self.objects.shown(&steps, &self.inner, roles.as_deref(), self.order, false).into())
    }

    /// Progress over the visible steps; `roles` defaults to the checklist's roles.
    #[wasm_bindgen(unchecked_return_type = "Progress")]
    pub fn progress(&mut self, roles: Option<Roles>) -> Result<JsValue, ChecklistError> {
        let progress = match roles_arg(roles.as_deref())? {
            Some(roles) => self.inner.progress(Some(&roles)),
            None => self.inner.progress_of(self.objects.order(&self.inner)),
        };
        Ok(to_js(&progress))
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

    fn edit(&mut self, edit: Edit, options: Option<&JsValue>) -> Result<(), ChecklistError> {
        self.apply(&operation(edit, options, None)?)
    }

    fn apply(&mut self, op: &Operation) -> Result<(), ChecklistError> {
        self.objects.apply(&mut self.inner, op, self.order).map(drop)
    }
}
