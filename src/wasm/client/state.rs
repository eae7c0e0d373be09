//! A client's state, and the one place that turns its changes into events,
//! subscriber calls and a new snapshot.

use super::browser::{tell_neighbours, Listeners};
use super::http::Api;
use super::options::Refresh;
use super::snapshot::Snapshots;
use super::storage::Storage;
use crate::error::ChecklistError;
use crate::json::{Fields, ToJson};
use crate::model::GuidedChecklist;
use crate::ops::{Operation, Order};
use crate::sync::changes::{changes, Changes, StepChange};
use crate::sync::failure::{Failure, FailureCode};
use crate::sync::replica::{Conflict, Replica};
use crate::sync::retry::Backoff;
use crate::wasm::convert::{js_name, now, sync_error};
use crate::wasm::objects::parse_frozen;
use js_sys::Function;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::EventTarget;

pub type Shared = Rc<RefCell<Inner>>;

/// The kind under which `subscribe` listeners are kept beside the event types.
pub const CHANGE: &str = "change";

/// Where syncing stands. A snapshot sends it as its index here: `clientSnapshot` in
/// js/engine.js names them in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Loading,
    Idle,
    Syncing,
    Offline,
    Paused,
    Error,
}

/// What `on(type, handler)` handlers receive; `type` names the event.
#[derive(Clone, Debug)]
pub enum Event {
    Step(StepChange),
    ChecklistCompleted {
        at: String,
    },
    Dismissed {
        at: String,
    },
    Restored {
        at: String,
    },
    Synced {
        at: String,
        pending: usize,
    },
    Conflict(Conflict),
    Error(Failure),
    /// A read found the server's view changed: steps added or removed, or other roles.
    Refreshed {
        added: Vec<String>,
        removed: Vec<String>,
        roles: Option<Vec<String>>,
    },
}

/// The event types `on(type, handler)` accepts.
pub const EVENT_TYPES: [&str; 8] =
    ["step", "checklistCompleted", "dismissed", "restored", "synced", "conflict", "error", "refreshed"];

impl Event {
    fn kind(&self) -> &'static str {
        EVENT_TYPES[match self {
            Event::Step(_) => 0,
            Event::ChecklistCompleted { .. } => 1,
            Event::Dismissed { .. } => 2,
            Event::Restored { .. } => 3,
            Event::Synced { .. } => 4,
            Event::Conflict(_) => 5,
            Event::Error(_) => 6,
            Event::Refreshed { .. } => 7,
        }]
    }

    /// Gives an event that has no time of its own yet (an empty `at`) the time `seen` reads:
    /// the clock is read only for an event a listener hears.
    fn date(&mut self, seen: &mut impl FnMut() -> String) {
        let at = match self {
            Event::Step(change) => &mut change.at,
            Event::ChecklistCompleted { at } | Event::Dismissed { at } | Event::Restored { at } => at,
            _ => return,
        };
        if at.is_empty() {
            *at = seen();
        }
    }
}

/// An event is one object: its `type`, then its fields.
impl ToJson for Event {
    fn write_json(&self, out: &mut String) {
        let mut f = Fields::new(out);
        f.put("type", &self.kind());
        match self {
            Event::Step(change) => change.write_fields(&mut f),
            Event::ChecklistCompleted { at } | Event::Dismissed { at } | Event::Restored { at } => {
                f.put("at", at);
            }
            Event::Synced { at, pending } => {
                f.put("at", at).put("pending", pending);
            }
            Event::Conflict(conflict) => conflict.write_fields(&mut f),
            Event::Error(failure) => failure.write_fields(&mut f),
            Event::Refreshed { added, removed, roles } => {
                f.put("added", added).put("removed", removed).put("roles", roles);
            }
        }
        f.close();
    }
}

/// A browser event listener to remove on `destroy()`.
pub struct Attached {
    pub target: EventTarget,
    pub kind: &'static str,
    pub callback: Closure<dyn FnMut(JsValue)>,
}

/// What a client was made with; fixed for its life.
pub struct Config {
    pub api: Api,
    /// Written to `completedBy` when `completeStep` names no `by`.
    pub actor: Option<String>,
    pub backoff: Backoff,
    /// The longest wait a server's `Retry-After` may ask for.
    pub retry_after_cap_ms: u32,
    pub order: Order,
    pub refresh: Refresh,
    /// The Web Lock that lets one tab of this user sync at a time.
    pub lock_name: String,
}

/// Where the replica is kept and how this client hears of other tabs and the network.
pub struct Browser {
    pub storage: Storage,
    /// Tells the other clients of this user in this page that the stored replica changed.
    pub neighbours: Option<Neighbours>,
    /// Browser listeners (`online`, `storage`, `focus`, `visibilitychange`) to remove on
    /// `destroy()`.
    pub attached: Vec<Attached>,
    /// The refresh timer (`refresh.intervalMs`), cleared on `destroy()`.
    pub interval: Option<(i32, Closure<dyn FnMut()>)>,
}

/// This client's place among the clients of the same storage key in this page.
pub struct Neighbours {
    /// The storage key, as a JS string made once: it is passed on every edit.
    pub key: JsValue,
    /// Takes the stored changes; what the others call.
    pub callback: Closure<dyn FnMut()>,
    /// Removes `callback` from the page's registry.
    pub leave: Function,
}

/// Where syncing stands, and who waits for it.
pub struct LoopState {
    pub status: Status,
    pub last_error: Option<Failure>,
    /// The sync loop is running (at most one per client).
    pub running: bool,
    /// Syncing stopped on a failure that waits for `resume()` (401/403 and other refusals).
    pub stopped: bool,
    pub destroyed: bool,
    /// `flush()` promises, as (resolve, reject), settled when the loop ends.
    pub waiters: Vec<(Function, Function)>,
    /// Ends the loop's current wait early (`flush()`, the `online` event).
    pub end_wait: Option<Function>,
    /// A refresh (focus, visibility, interval) asked the loop to read the record.
    pub refresh_due: bool,
    /// When the record was last read (`Date.now()`), for the refresh throttle.
    pub last_read_ms: f64,
}

/// What JS hears: events waiting to be emitted, the cached snapshot and the listeners.
pub struct Out {
    /// Step and checklist events found when the view changed; emitted before `queue`.
    pub view_events: Vec<Event>,
    pub queue: Vec<Event>,
    /// The view changed since the last `update`: subscribers are called.
    pub view_changed: bool,
    pub snapshot: Option<JsValue>,
    /// What the next snapshot may reuse of the last one.
    pub snapshots: Snapshots,
    /// `subscribe` listeners (kind `CHANGE`) and `on(type, handler)` handlers (by event
    /// type): the client's one registry, which the wrapper of `createChecklistClient` hands
    /// on to the client it rebuilds after a panic.
    pub listeners: Listeners,
}

/// Everything a `ChecklistClient` holds: the replica and its view, and the parts around them.
pub struct Inner {
    pub config: Config,
    pub replica: Replica,
    /// The base with the outbox replayed: what the page shows.
    pub view: Option<GuidedChecklist>,
    pub browser: Browser,
    pub loop_state: LoopState,
    pub out: Out,
}

impl Inner {
    /// Removes browser listeners and leaves the page's registry, so that no event reaches a
    /// dropped closure.
    pub fn detach(&mut self) {
        if let Some(neighbours) = self.browser.neighbours.take() {
            let _ = neighbours.leave.call0(&JsValue::NULL);
        }
        for a in self.browser.attached.drain(..) {
            let _ = a.target.remove_event_listener_with_callback(a.kind, a.callback.as_ref().unchecked_ref());
        }
        if let (Some((id, _)), Some(window)) = (self.browser.interval.take(), web_sys::window()) {
            window.clear_interval_with_handle(id);
        }
    }

    /// Takes the replica from storage: another tab may have changed it.
    pub fn take_stored_changes(&mut self) {
        match self.browser.storage.take_changes(&mut self.replica) {
            Ok(true) => self.refresh_view(),
            Ok(false) => {}
            Err(aside) => self.out.queue.push(Event::Error(super::unreadable(aside))),
        }
    }

    /// Writes what changed of the replica and tells the other tabs; a refusal becomes an
    /// `error` event.
    pub fn save(&mut self) {
        match self.browser.storage.write(&self.replica) {
            Ok(()) => self.tell_neighbours(),
            Err(message) => {
                self.out.queue.push(Event::Error(Failure::local(FailureCode::StorageRefused, message.to_owned())))
            }
        }
    }

    /// Tells the other clients of this storage in this page to take the stored changes.
    pub fn tell_neighbours(&self) {
        if let Some(neighbours) = &self.browser.neighbours {
            tell_neighbours(&neighbours.key, neighbours.callback.as_ref().unchecked_ref());
        }
    }

    /// What `flush()` rejects with once syncing stopped: the failure that stopped it, or
    /// `ChecklistError` "destroyed".
    pub fn stopped_error(&self) -> JsValue {
        match (&self.loop_state.last_error, self.loop_state.destroyed) {
            (Some(failure), false) => sync_error(failure),
            _ => ChecklistError::Destroyed.into(),
        }
    }

    /// Recomputes the view from the replica; when it differs, its events are queued and
    /// the next snapshot rebuilds every step (keeping the objects of unchanged ones).
    pub fn refresh_view(&mut self) {
        let view = self.replica.view().0;
        if view == self.view {
            return;
        }
        let found = changes(self.view.as_ref(), view.as_ref());
        self.view = view;
        self.view_changed(found);
        self.out.snapshots.objects.replaced();
    }

    /// Applies `op` to the view in place; its events come from the statuses before and
    /// after, and the next snapshot rebuilds only the steps it touched.
    pub fn apply(&mut self, op: &Operation) -> Result<(), ChecklistError> {
        let Some(view) = self.view.as_mut() else { return Ok(()) };
        let found = self.out.snapshots.objects.apply(view, op, self.config.order)?;
        self.view_changed(found);
        Ok(())
    }

    /// Queues the events of a change of the view; those without a time of their own are
    /// dated when they are told (`emit`).
    fn view_changed(&mut self, found: Changes) {
        let view = self.view.as_ref();
        let at = |t: Option<&crate::timestamp::Timestamp>| t.map_or_else(String::new, |t| t.as_str().to_owned());
        let events = &mut self.out.view_events;
        events.extend(found.steps.into_iter().map(Event::Step));
        if found.completed {
            events.push(Event::ChecklistCompleted { at: at(view.and_then(|c| c.completed_at.as_ref())) });
        }
        if found.dismissed {
            events.push(Event::Dismissed { at: at(view.and_then(|c| c.dismissed_at.as_ref())) });
        }
        if found.restored {
            events.push(Event::Restored { at: String::new() });
        }
        self.out.view_changed = true;
    }

    /// Records conflicts as events.
    pub fn report(&mut self, conflicts: Vec<Conflict>) {
        self.out.queue.extend(conflicts.into_iter().map(Event::Conflict));
    }

    /// The snapshot, built once per change and shared until the next one. Only the steps
    /// that changed cross the boundary; the others keep their frozen objects.
    pub fn snapshot(&mut self) -> JsValue {
        if let Some(snapshot) = &self.out.snapshot {
            return snapshot.clone();
        }
        let view = self.view.as_ref();
        let snapshots = &mut self.out.snapshots;
        // Counts are of steps, which the input limits keep far below `u32::MAX`.
        let p = view.map(|c| c.progress_of(snapshots.objects.order(c))).unwrap_or_default();
        let figures = [
            u32::from(view.is_some()),
            u32::from(view.is_some_and(|c| c.steps.is_some())),
            p.total as u32,
            p.completed as u32,
            p.skipped as u32,
            p.in_progress as u32,
            p.remaining as u32,
            u32::from(p.percent),
            u32::from(p.complete),
            u32::from(p.dismissed),
            self.loop_state.status as u32,
            self.replica.outbox.len() as u32,
            u32::from(self.browser.storage.is_shared()),
        ];
        let mut texts = String::from("[");
        p.next_step_id.write_json(&mut texts);
        texts.push(',');
        self.replica.last_synced_at.as_ref().map(|t| t.as_str()).write_json(&mut texts);
        texts.push(',');
        self.loop_state.last_error.as_ref().write_json(&mut texts);
        texts.push(']');
        let snapshot = snapshots.of(view, &figures, texts, self.config.order);
        self.out.snapshot = Some(snapshot.clone());
        snapshot
    }
}

impl Drop for Inner {
    // `free()`, or the garbage collector through wasm-bindgen's FinalizationRegistry.
    fn drop(&mut self) {
        self.detach();
    }
}

/// What a snapshot shows besides the view, compared before and after each `update`.
#[derive(PartialEq)]
struct Observed {
    status: Status,
    pending: usize,
    last_synced_at: Option<String>,
    last_error: Option<Failure>,
}

impl Observed {
    fn of(inner: &Inner) -> Self {
        Observed {
            status: inner.loop_state.status,
            pending: inner.replica.outbox.len(),
            last_synced_at: inner.replica.last_synced_at.as_ref().map(|t| t.as_str().to_owned()),
            last_error: inner.loop_state.last_error.clone(),
        }
    }
}

/// Changes the state with `f`, then emits what changed: the view's step and checklist
/// events, queued events, and one call to each subscriber when anything a snapshot shows
/// has changed. JS is called only after the state is released, so handlers may call back
/// into the client.
pub fn update<R>(shared: &Shared, f: impl FnOnce(&mut Inner) -> R) -> R {
    // Only `f` is generic: what comes before and after it is one function each, not a copy
    // per caller.
    let before = observe(shared);
    let result = f(&mut shared.borrow_mut());
    emit(shared, &before);
    result
}

#[inline(never)]
fn observe(shared: &Shared) -> Observed {
    Observed::of(&shared.borrow())
}

#[inline(never)]
fn emit(shared: &Shared, before: &Observed) {
    let (calls, listeners) = {
        let mut inner = shared.borrow_mut();
        let changed = std::mem::take(&mut inner.out.view_changed) || *before != Observed::of(&inner);
        let mut events = std::mem::take(&mut inner.out.view_events);
        events.append(&mut inner.out.queue);
        if changed {
            inner.out.snapshot = None;
        }
        let mut calls: Vec<(&'static str, JsValue)> = Vec::new();
        // When the changes were seen: now, read once for all the events told.
        let mut seen_at: Option<String> = None;
        let mut seen = || seen_at.get_or_insert_with(|| now().as_str().to_owned()).clone();
        for event in &mut events {
            if inner.out.listeners.has(&js_name(event.kind())) {
                event.date(&mut seen);
                calls.push((event.kind(), parse_frozen(&event.to_json_string())));
            }
        }
        if changed {
            calls.push((CHANGE, JsValue::UNDEFINED));
        }
        (calls, inner.out.listeners.clone())
    };
    for (kind, payload) in calls {
        listeners.emit(&js_name(kind), &payload);
    }
}
