//! A client's state, and the one place that turns its changes into events,
//! subscriber calls and a new snapshot.

use super::browser::{assemble_snapshot, parse_frozen, Listeners};
use super::http::Api;
use super::options::Refresh;
use super::storage::{Storage, Stored};
use crate::error::ChecklistError;
use crate::model::{ChecklistHead, GuidedChecklist};
use crate::ops::Order;
use crate::sync::changes::{changes, StepChange};
use crate::sync::failure::{Failure, FailureCode};
use crate::sync::replica::{Conflict, Replica};
use crate::sync::retry::Backoff;
use crate::wasm::convert::{now, sync_error};
use js_sys::Function;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, EventTarget};

pub type Shared = Rc<RefCell<Inner>>;

/// The kind under which `subscribe` listeners are kept beside the event types.
pub const CHANGE: &str = "change";

/// Where syncing stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Loading,
    Idle,
    Syncing,
    Offline,
    Paused,
    Error,
}

/// What `on(type, handler)` handlers receive; `type` names the event.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
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
    /// Tells the other tabs of this user that the stored replica changed.
    pub channel: Option<BroadcastChannel>,
    /// Browser listeners (`online`, `storage`, `focus`, `visibilitychange`, the channel's
    /// `message`) to remove on `destroy()`.
    pub attached: Vec<Attached>,
    /// The refresh timer (`refresh.intervalMs`), cleared on `destroy()`.
    pub interval: Option<(i32, Closure<dyn FnMut()>)>,
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
    pub queue: Vec<Event>,
    pub snapshot: Option<JsValue>,
    /// The last snapshot's frozen step objects by their JSON text (a JS `Map`), so that an
    /// unchanged step keeps its identity from one snapshot to the next.
    pub step_objects: JsValue,
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
    /// Removes browser listeners and closes the channel, so that no event reaches a dropped closure.
    pub fn detach(&mut self) {
        if let Some(channel) = self.browser.channel.take() {
            channel.close();
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
        match self.browser.storage.read_changed() {
            Stored::Readable(mut replica) => {
                // The order is the client's configuration, not stored: a replica read back
                // replays under it too.
                replica.order = self.replica.order;
                if *replica != self.replica {
                    self.replica = *replica;
                    self.refresh_view();
                }
            }
            Stored::Unreadable { aside } => self.out.queue.push(Event::Error(super::unreadable(aside))),
            _ => {}
        }
    }

    /// Writes the replica and tells the other tabs; a refusal becomes an `error` event.
    pub fn save(&mut self) {
        match self.browser.storage.write(&self.replica) {
            Ok(()) => {
                if let Some(channel) = &self.browser.channel {
                    let _ = channel.post_message(&JsValue::from_str("changed"));
                }
            }
            Err(message) => self.out.queue.push(Event::Error(Failure::local(FailureCode::StorageRefused, message))),
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

    /// Recomputes the view from the replica.
    pub fn refresh_view(&mut self) {
        self.view = self.replica.view().0;
    }

    /// Records conflicts as events.
    pub fn report(&mut self, conflicts: Vec<Conflict>) {
        self.out.queue.extend(conflicts.into_iter().map(Event::Conflict));
    }

    /// The snapshot, built once per change and shared until the next one.
    pub fn snapshot(&mut self) -> JsValue {
        if let Some(snapshot) = &self.out.snapshot {
            return snapshot.clone();
        }
        let view = self.view.as_ref();
        let head = SnapshotHead {
            checklist: view.map(ChecklistHead),
            has_steps: view.is_some_and(|c| c.steps.is_some()),
            progress: view.map(|c| c.progress(None)),
            sync: SyncOut {
                status: self.loop_state.status,
                pending: self.replica.outbox.len(),
                storage: self.browser.storage.kind(),
                last_synced_at: self.replica.last_synced_at.as_ref().map(|t| t.as_str()),
                last_error: self.loop_state.last_error.as_ref(),
            },
        };
        let steps = view.map(|c| c.steps()).unwrap_or_default();
        let texts: Vec<String> = steps.iter().map(|s| serde_json::to_string(s).unwrap_or_default()).collect();
        let shown = view.map(|c| c.shown_indices(None, self.config.order)).unwrap_or_default();
        let parts = assemble_snapshot(
            &serde_json::to_string(&head).unwrap_or_default(),
            &texts.join("\n"),
            &serde_json::to_string(&shown).unwrap_or_default(),
            &self.out.step_objects,
        );
        let snapshot = parts.get(0);
        self.out.step_objects = parts.get(1);
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

/// Everything a snapshot shows but the steps, which `assemble_snapshot` adds.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SnapshotHead<'a> {
    checklist: Option<ChecklistHead<'a>>,
    has_steps: bool,
    progress: Option<crate::visibility::Progress>,
    sync: SyncOut<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SyncOut<'a> {
    status: Status,
    pending: usize,
    storage: &'static str,
    last_synced_at: Option<&'a str>,
    last_error: Option<&'a Failure>,
}

#[derive(PartialEq)]
struct Observed {
    view: Option<GuidedChecklist>,
    status: Status,
    pending: usize,
    last_synced_at: Option<String>,
    last_error: Option<Failure>,
}

impl Observed {
    fn of(inner: &Inner) -> Self {
        Observed {
            view: inner.view.clone(),
            status: inner.loop_state.status,
            pending: inner.replica.outbox.len(),
            last_synced_at: inner.replica.last_synced_at.as_ref().map(|t| t.as_str().to_owned()),
            last_error: inner.loop_state.last_error.clone(),
        }
    }
}

/// Changes the state with `f`, then emits what changed: step and checklist
/// events from the view's difference, queued events, and one call to each
/// subscriber when anything a snapshot shows has changed. JS is called only
/// after the state is released, so handlers may call back into the client.
pub fn update<R>(shared: &Shared, f: impl FnOnce(&mut Inner) -> R) -> R {
    let (result, calls, listeners) = {
        let mut inner = shared.borrow_mut();
        let before = Observed::of(&inner);
        let result = f(&mut inner);
        let after = Observed::of(&inner);
        let seen_at = now().as_str().to_owned();
        let found = changes(before.view.as_ref(), after.view.as_ref(), &seen_at);
        let mut events: Vec<Event> = found.steps.into_iter().map(Event::Step).collect();
        let completed_at = || after.view.as_ref().and_then(|c| c.completed_at.as_ref()).map(|t| t.as_str().to_owned());
        if found.completed {
            events.push(Event::ChecklistCompleted { at: completed_at().unwrap_or_else(|| seen_at.clone()) });
        }
        let dismissed_at = after.view.as_ref().and_then(|c| c.dismissed_at.as_ref()).map(|t| t.as_str().to_owned());
        if found.dismissed {
            events.push(Event::Dismissed { at: dismissed_at.unwrap_or_else(|| seen_at.clone()) });
        }
        if found.restored {
            events.push(Event::Restored { at: seen_at.clone() });
        }
        events.append(&mut inner.out.queue);
        let changed = before != after;
        if changed {
            inner.out.snapshot = None;
        }
        let mut calls: Vec<(&'static str, JsValue)> = Vec::new();
        for event in &events {
            if inner.out.listeners.has(event.kind()) {
                calls.push((event.kind(), parse_frozen(&serde_json::to_string(event).unwrap_or_default())));
            }
        }
        if changed {
            calls.push((CHANGE, JsValue::UNDEFINED));
        }
        (result, calls, inner.out.listeners.clone())
    };
    for (kind, payload) in calls {
        listeners.emit(kind, &payload);
    }
    result
}
