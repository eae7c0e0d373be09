//! Frozen JS objects for a checklist's steps, kept from one call to the next: a step that
//! did not change keeps its object (so `Object.is` holds and React can skip it), and only
//! the steps an edit touched cross the boundary again.

use crate::error::ChecklistError;
use crate::json::ToJson;
use crate::model::GuidedChecklist;
use crate::ops::{Operation, Order};
use crate::sort::sort_indices;
use crate::sync::changes::{Before, Changes};
use js_sys::Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/engine.js")]
extern "C" {
    /// `JSON.parse` that freezes every object and array it makes.
    #[wasm_bindgen(js_name = parseFrozen)]
    pub fn parse_frozen(text: &str) -> JsValue;

    /// The frozen array of step objects: every step's JSON text when `full`, else pairs of
    /// the index of a changed step and the JSON of its `[status, completedAt, completedBy]`
    /// (see `step_lines`), joined by newlines (which compact JSON never holds). `cache` (an
    /// object this function owns) keeps the last texts and objects; a step that did not
    /// change keeps its object, and with nothing changed the array itself is the last one.
    #[wasm_bindgen(js_name = stepObjects)]
    fn step_objects(full: bool, changed: &str, cache: &JsValue) -> Array;

    /// The array of the shown steps, frozen when `frozen`: `shown` holds `index * 4 + locked`, where locked
    /// is 0 (none), 1 (false) or 2 (true); a locked step is a frozen copy with `locked`,
    /// itself kept while its step object lives.
    #[wasm_bindgen(js_name = shownObjects)]
    fn shown_objects(steps: &Array, shown: &[u32], frozen: bool) -> Array;
}

/// Which steps changed since their objects were last made.
enum Stale {
    /// Those at these indices (an edit in place).
    Steps(Vec<usize>),
    /// Any of them: the checklist was replaced or patched.
    All,
}

/// The step objects of one checklist, and its visible steps' display order.
pub struct StepObjects {
    /// The object `stepObjects` (and a client's snapshot) keeps its texts and objects in.
    pub cache: JsValue,
    stale: Stale,
    /// The visible steps' indices under the checklist's own roles, in display order; edits
    /// change statuses only, so this is kept until the checklist is replaced.
    order: Option<Vec<usize>>,
}

impl Default for StepObjects {
    fn default() -> Self {
        StepObjects { cache: js_sys::Object::new().into(), stale: Stale::All, order: None }
    }
}

impl StepObjects {
    /// The checklist was replaced or patched: every step may have changed.
    pub fn replaced(&mut self) {
        self.stale = Stale::All;
        self.order = None;
    }

    /// The checklist's own fields were patched and its steps left alone: the objects stay,
    /// and the display order, which follows the checklist's roles, is made again.
    pub fn fields_patched(&mut self) {
        self.order = None;
    }

    /// Applies `op` to `view` in place and notes the steps it touched; returns what changed.
    pub fn apply(
        &mut self,
        view: &mut GuidedChecklist,
        op: &Operation,
        order: Order,
    ) -> Result<Changes, ChecklistError> {
        let before = Before::of(view);
        view.apply_in(op, order)?;
        let (changes, mut touched) = before.changes(view);
        // An edit may change a step's fields (its completion) without moving its status.
        if let Some(index) = op.step_id().and_then(|id| view.steps().iter().position(|s| s.step_id == id)) {
            touched.push(index);
        }
        if let Stale::Steps(stale) = &mut self.stale {
            stale.extend(touched);
        }
        Ok(changes)
    }

    /// The visible steps' indices under the checklist's own roles, in display order.
    pub fn order(&mut self, view: &GuidedChecklist) -> &[usize] {
        self.order.get_or_insert_with(|| view.shown_order(None))
    }

    /// The frozen step objects of `view`, in its order.
    pub fn steps(&mut self, view: &GuidedChecklist) -> Array {
        let mut lines = String::new();
        let full = self.step_lines(view, &mut lines);
        step_objects(full, &lines, &self.cache)
    }

    /// Writes the step lines of `stepObjects`: every step's JSON (then returns true), or,
    /// for the steps edits changed since the last call, the fields an edit in place changes
    /// (`Operation::apply_in` touches no other field of a step), which JS sets on a copy of
    /// the step's object instead of parsing the whole step again.
    pub fn step_lines(&mut self, view: &GuidedChecklist, lines: &mut String) -> bool {
        let steps = view.steps();
        match std::mem::replace(&mut self.stale, Stale::Steps(Vec::new())) {
            Stale::All => {
                for step in steps {
                    if !lines.is_empty() {
                        lines.push('\n');
                    }
                    step.write_json(lines);
                }
                true
            }
            Stale::Steps(mut indices) => {
                sort_indices(&mut indices, &|a, b| a.cmp(&b));
                indices.dedup();
                for (index, step) in indices.iter().filter_map(|&i| Some((i, steps.get(i)?))) {
                    if !lines.is_empty() {
                        lines.push('\n');
                    }
                    lines.push_str(&index.to_string());
                    lines.push_str("\n[");
                    step.status.write_json(lines);
                    lines.push(',');
                    step.completed_at.write_json(lines);
                    lines.push(',');
                    step.completed_by.write_json(lines);
                    lines.push(']');
                }
                false
            }
        }
    }

    /// The frozen objects of the visible steps in display order, picked from `steps` (from
    /// `steps()`), each with `locked` in ordered mode; `roles` defaults to the checklist's
    /// own. The array itself is frozen when `frozen` (a snapshot's), else the caller's own.
    pub fn shown(
        &mut self,
        steps: &Array,
        view: &GuidedChecklist,
        roles: Option<&[String]>,
        order: Order,
        frozen: bool,
    ) -> Array {
        let mut codes = Vec::new();
        self.shown_codes(view, roles, order, &mut codes);
        shown_objects(steps, &codes, frozen)
    }

    /// Appends the visible steps to `codes` as `shownObjects` takes them.
    pub fn shown_codes(
        &mut self,
        view: &GuidedChecklist,
        roles: Option<&[String]>,
        order: Order,
        codes: &mut Vec<u32>,
    ) {
        let other;
        let shown = match roles {
            Some(roles) => {
                other = view.shown_order(Some(roles));
                &other
            }
            None => self.order(view),
        };
        // Indices fit: the input limits keep a checklist far below 2^30 steps.
        let code = |index: usize| (index as u32) << 2;
        match order {
            // Nothing is locked: the display order is all there is. A snapshot sends it after
            // every edit, and going through `locks` (a status read per step) measured 5% of a
            // sync edit's time (bench/ab.mjs --memory, both orders).
            Order::Any => codes.extend(shown.iter().map(|&index| code(index))),
            Order::Ordered => codes.extend(
                view.locks(shown, order).map(|(index, locked)| code(index) | locked.map_or(0, |l| 1 + u32::from(l))),
            ),
        }
    }
}
