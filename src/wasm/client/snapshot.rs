//! A client's snapshot, built in one call into JS: the steps that changed cross the
//! boundary, the other steps keep their frozen objects, the checklist's own fields and the
//! few texts beside them cross again only when they changed, and the figures cross as
//! numbers, which JS reads without parsing.

use crate::json::ToJson;
use crate::model::{ChecklistHead, GuidedChecklist};
use crate::ops::Order;
use crate::wasm::objects::StepObjects;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/engine.js")]
extern "C" {
    /// A client's snapshot, all frozen. `text` holds lines: the checklist without its
    /// steps as JSON (empty when it is the one of the last call, `null` when there is
    /// none), the JSON array of `texts` (empty when it is the last one), then the step
    /// lines of `stepObjects`; `numbers` are those of `Figures`, then the visible steps as
    /// `shownObjects` takes them.
    #[wasm_bindgen(js_name = clientSnapshot)]
    fn client_snapshot(cache: &JsValue, full: bool, text: &str, numbers: &[u32]) -> JsValue;
}

/// The numbers of a snapshot, in the order `clientSnapshot` (js/engine.js) reads them:
/// whether there is a checklist, whether it has steps, then the progress (`total`,
/// `completed`, `skipped`, `inProgress`, `remaining`, `percent`, `complete`, `dismissed`),
/// then the sync status's index in `Status`, the edits pending and whether the storage is
/// `localStorage`.
pub type Figures = [u32; 13];

/// The parts of the last snapshot that the next one may reuse.
#[derive(Default)]
pub struct Snapshots {
    /// The view's step objects, which snapshots share while a step is unchanged.
    pub objects: StepObjects,
    /// The checklist-without-steps JSON of the last snapshot, which JS keeps parsed.
    head: Option<String>,
    /// The texts of the last snapshot (`nextStepId`, `lastSyncedAt`, `lastError`), as JSON.
    texts: Option<String>,
}

impl Snapshots {
    /// The frozen snapshot of `view`: its steps, its visible steps (with `locked` under
    /// `order`), `figures` and `texts`, the JSON array of `progress.nextStepId`,
    /// `sync.lastSyncedAt` and `sync.lastError`.
    pub fn of(&mut self, view: Option<&GuidedChecklist>, figures: &Figures, texts: String, order: Order) -> JsValue {
        let mut text = String::new();
        push_changed(&mut text, &mut self.head, view.map(ChecklistHead).to_json_string());
        text.push('\n');
        push_changed(&mut text, &mut self.texts, texts);
        let mut steps = String::new();
        let mut numbers = figures.to_vec();
        let full = match view {
            Some(view) => {
                self.objects.shown_codes(view, None, order, &mut numbers);
                self.objects.step_lines(view, &mut steps)
            }
            None => {
                // JS drops its steps: the next view's are all sent.
                self.objects.replaced();
                true
            }
        };
        if !steps.is_empty() {
            text.push('\n');
            text.push_str(&steps);
        }
        client_snapshot(&self.objects.cache, full, &text, &numbers)
    }
}

/// Writes `new` to `text` when it differs from `last` (JS keeps the last one parsed), and
/// keeps it as the last.
fn push_changed(text: &mut String, last: &mut Option<String>, new: String) {
    if last.as_ref() != Some(&new) {
        text.push_str(&new);
        *last = Some(new);
    }
}
