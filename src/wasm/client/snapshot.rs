//! A client's snapshot, built in one call into JS: the steps that changed cross the
//! boundary, the other steps keep their frozen objects, and the checklist's own fields
//! cross again only when they changed.

use crate::json::ToJson;
use crate::model::{ChecklistHead, GuidedChecklist};
use crate::ops::Order;
use crate::wasm::objects::StepObjects;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/engine.js")]
extern "C" {
    /// A client's snapshot, all frozen. `text` holds lines: the checklist without its
    /// steps as JSON (empty when it is the one of the last call, `null` when there is
    /// none), `{"hasSteps":…,"progress":…,"sync":…}`, then the step lines of
    /// `stepObjects`; `shown` is the visible steps as for `shownObjects`.
    #[wasm_bindgen(js_name = clientSnapshot)]
    fn client_snapshot(cache: &JsValue, full: bool, text: &str, shown: &[u32]) -> JsValue;
}

/// The parts of the last snapshot that the next one may reuse.
#[derive(Default)]
pub struct Snapshots {
    /// The view's step objects, which snapshots share while a step is unchanged.
    pub objects: StepObjects,
    /// The checklist-without-steps JSON of the last snapshot, which JS keeps parsed.
    head: Option<String>,
}

impl Snapshots {
    /// The frozen snapshot of `view`: its steps, its visible steps (with `locked` under
    /// `order`) and `rest`, the JSON of its `hasSteps`, `progress` and `sync`.
    pub fn of(&mut self, view: Option<&GuidedChecklist>, rest: &str, order: Order) -> JsValue {
        let head = view.map(ChecklistHead).to_json_string();
        let mut text = String::new();
        if self.head.as_ref() != Some(&head) {
            text.push_str(&head);
            self.head = Some(head);
        }
        text.push('\n');
        text.push_str(rest);
        let mut steps = String::new();
        let (full, shown) = match view {
            Some(view) => (self.objects.step_lines(view, &mut steps), self.objects.shown_codes(view, None, order)),
            None => {
                // JS drops its steps: the next view's are all sent.
                self.objects.replaced();
                (true, Vec::new())
            }
        };
        if !steps.is_empty() {
            text.push('\n');
            text.push_str(&steps);
        }
        client_snapshot(&self.objects.cache, full, &text, &shown)
    }
}
