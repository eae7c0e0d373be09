//! `ChecklistClient`: the checklist of one user, edited at once in the page,
//! kept in storage and synced to the user-management API in the background.

mod browser;
mod http;
mod state;
mod storage;
mod sync;

use super::edits::{self, StepEdit};
use super::types::{ClientOptions, CompleteOptions, TimeOptions};
use crate::error::ChecklistError;
use crate::ops::{parse_by, Operation};
use crate::sync::failure::{Failure, FailureCode};
use crate::sync::replica::Replica;
use crate::sync::retry::Backoff;
use crate::visibility::DEFAULT_ORGANIZATION;
use browser::Listeners;
use http::Api;
use js_sys::{Function, Promise, Reflect};
use state::{update, Attached, Browser, Config, Event, Inner, LoopState, Out, Shared, Status, CHANGE, EVENT_TYPES};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use storage::Storage;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, EventTarget};

/// One user's checklist, synced with the API; create with `new ChecklistClient(options)`, call `destroy()` when done.
#[wasm_bindgen]
pub struct ChecklistClient {
    shared: Shared,
}

fn invalid(name: &'static str, reason: &str) -> ChecklistError {
    ChecklistError::InvalidArgument { name, reason: reason.to_owned() }
}

fn field(options: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(options, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn string_field(options: &JsValue, key: &'static str) -> Result<Option<String>, ChecklistError> {
    match field(options, key) {
        None => Ok(None),
        Some(v) => v.as_string().map(Some).ok_or_else(|| invalid(key, "must be a string")),
    }
}

fn number_field(options: &JsValue, key: &'static str) -> Result<Option<u32>, ChecklistError> {
    match field(options, key) {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n) if n >= 0.0 && n <= f64::from(u32::MAX) => Ok(Some(n as u32)),
            _ => Err(invalid(key, "must be a non-negative number of milliseconds")),
        },
    }
}

#[wasm_bindgen]
impl ChecklistClient {
    /// Restores the cached state and outbox from storage at once; call `load()` to read the server.
    #[wasm_bindgen(constructor)]
    pub fn new(options: ClientOptions) -> Result<ChecklistClient, ChecklistError> {
        Self::build(options.into(), Listeners::new())
    }

    fn build(options: JsValue, listeners: Listeners) -> Result<ChecklistClient, ChecklistError> {
        if !options.is_object() {
            return Err(invalid("options", "must be an object"));
        }
        let base_url = string_field(&options, "baseUrl")?.ok_or_else(|| invalid("baseUrl", "is required"))?;
        let user_id = string_field(&options, "userId")?
            .filter(|u| !u.is_empty())
            .ok_or_else(|| invalid("userId", "is required"))?;
        let organization = string_field(&options, "organization")?;
        let actor = string_field(&options, "actorId")?.map(|id| parse_by("actorId", id)).transpose()?;
        let local = match string_field(&options, "storage")?.as_deref() {
            None | Some("local") => true,
            Some("memory") => false,
            Some(_) => return Err(invalid("storage", "must be \"local\" or \"memory\"")),
        };
        let storage_key = string_field(&options, "storageKey")?.unwrap_or_else(|| "guided-checklist".to_owned());
        let get_access_token = match field(&options, "getAccessToken") {
            None => None,
            Some(f) => Some(f.dyn_into::<Function>().map_err(|_| invalid("getAccessToken", "must be a function"))?),
        };
        let mut backoff = Backoff::default();
        if let Some(retry) = field(&options, "retry") {
            backoff.base_ms = number_field(&retry, "baseMs")?.unwrap_or(backoff.base_ms);
            backoff.max_ms = number_field(&retry, "maxMs")?.unwrap_or(backoff.max_ms);
        }
        let org = organization.clone().unwrap_or_else(|| DEFAULT_ORGANIZATION.to_owned());
        let key = format!("{storage_key}:{org}:{user_id}");
        let (mut storage, unavailable) = Storage::open(key.clone(), local);
        // Told once, with the first change (`load()` or an edit), so that handlers added
        // right after construction hear it; `sync.storage` says "memory" from the start.
        let queue = unavailable
            .map(|why| {
                let message = format!(
                    "{}: pending edits are kept in memory only, and a reload before they sync loses them",
                    why.0
                );
                Event::Error(Failure::local(FailureCode::StorageUnavailable, message))
            })
            .into_iter()
            .collect();
        let mut replica = storage.read().unwrap_or_default();
        // A base from an earlier session may be out of date: read before writing on it.
        replica.stale = replica.loaded;
        let properties_url = format!(
            "{}/api/usermanagement/v1/users/{}/properties",
            base_url.trim_end_matches('/'),
            String::from(js_sys::encode_uri_component(&user_id))
        );
        let query = organization
            .map(|o| format!("?organization={}", String::from(js_sys::encode_uri_component(&o))))
            .unwrap_or_default();
        let channel = if storage.is_shared() { BroadcastChannel::new(&key).ok() } else { None };
        let view = replica.view().0;
        let inner = Inner {
            config: Config {
                api: Api { properties_url, query, get_access_token },
                actor,
                backoff,
                lock_name: format!("guided-checklist:{key}"),
            },
            replica,
            view,
            browser: Browser { storage, channel, attached: Vec::new() },
            loop_state: LoopState {
                status: Status::Loading,
                last_error: None,
                running: false,
                stopped: false,
                destroyed: false,
                waiters: Vec::new(),
                end_wait: None,
            },
            out: Out { queue, snapshot: None, listeners },
        };
        let shared = Rc::new(RefCell::new(inner));
        attach_listeners(&shared, &key);
        Ok(ChecklistClient { shared })
    }

    /// Reads the record from the server and replays pending edits on it; offline, keeps the cached state. Resolves with the snapshot.
    #[wasm_bindgen(unchecked_return_type = "Promise<Snapshot>")]
    pub fn load(&self) -> Promise {
        let shared = self.shared.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            sync::load(&shared).await;
            sync::kick(&shared);
            Ok(shared.borrow_mut().snapshot())
        })
    }

    /// Completes a step (by `by` or the client's `actorId`) locally at once and queues it for the server.
    #[wasm_bindgen(js_name = completeStep)]
    pub fn complete_step(
        &self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<CompleteOptions>,
    ) -> Result<(), ChecklistError> {
        self.step_edit(StepEdit::Complete, step_id, options.as_deref())
    }

    /// Starts a step locally at once and queues it for the server.
    #[wasm_bindgen(js_name = startStep)]
    pub fn start_step(
        &self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), ChecklistError> {
        self.step_edit(StepEdit::Start, step_id, options.as_deref())
    }

    /// Skips a step locally at once and queues it for the server.
    #[wasm_bindgen(js_name = skipStep)]
    pub fn skip_step(
        &self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), ChecklistError> {
        self.step_edit(StepEdit::Skip, step_id, options.as_deref())
    }

    /// Reopens a step locally at once and queues it for the server.
    #[wasm_bindgen(js_name = reopenStep)]
    pub fn reopen_step(
        &self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), ChecklistError> {
        self.step_edit(StepEdit::Reopen, step_id, options.as_deref())
    }

    /// Dismisses the checklist locally at once and queues it for the server.
    pub fn dismiss(&self, options: Option<TimeOptions>) -> Result<(), ChecklistError> {
        self.edit(edits::dismiss(options.as_deref())?)
    }

    /// Restores a dismissed checklist locally at once and queues it for the server.
    pub fn restore(&self) -> Result<(), ChecklistError> {
        self.edit(Operation::Restore)
    }

    /// Sends pending edits now; resolves when the outbox is empty, rejects when syncing stops on an error.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn flush(&self) -> Promise {
        let shared = self.shared.clone();
        let promise = Promise::new(&mut |resolve, reject| {
            let mut inner = shared.borrow_mut();
            if inner.loop_state.stopped || inner.loop_state.destroyed {
                let _ = reject.call1(&JsValue::NULL, &inner.stopped_error());
            } else if inner.replica.outbox.is_empty() && !inner.loop_state.running {
                let _ = resolve.call0(&JsValue::NULL);
            } else {
                inner.loop_state.waiters.push((resolve, reject));
            }
        });
        wake(&self.shared);
        sync::kick(&self.shared);
        promise
    }

    /// Restarts syncing after a 401/403 or another stop (for instance with a new token).
    pub fn resume(&self) {
        update(&self.shared, |i| {
            i.loop_state.stopped = false;
            i.loop_state.last_error = None;
            i.loop_state.status = if i.replica.outbox.is_empty() { Status::Idle } else { Status::Syncing };
        });
        sync::kick(&self.shared);
    }

    /// Calls `listener` after every change; returns the function that unsubscribes it.
    #[wasm_bindgen(unchecked_return_type = "() => void")]
    pub fn subscribe(&self, #[wasm_bindgen(unchecked_param_type = "() => void")] listener: Function) -> JsValue {
        self.shared.borrow().out.listeners.add(CHANGE, &listener)
    }

    /// An immutable snapshot; the same object until something changes.
    #[wasm_bindgen(js_name = getSnapshot, unchecked_return_type = "Snapshot")]
    pub fn get_snapshot(&self) -> JsValue {
        self.shared.borrow_mut().snapshot()
    }

    /// Calls `handler` for each event of `type`; returns the function that removes it.
    #[wasm_bindgen(unchecked_return_type = "() => void")]
    pub fn on(
        &self,
        #[wasm_bindgen(js_name = type, unchecked_param_type = "ClientEventType")] kind: String,
        #[wasm_bindgen(unchecked_param_type = "(event: ClientEvent) => void")] handler: Function,
    ) -> Result<JsValue, ChecklistError> {
        if !EVENT_TYPES.contains(&kind.as_str()) {
            return Err(invalid("type", &format!("must be one of {} (got {kind:?})", EVENT_TYPES.join(", "))));
        }
        Ok(self.shared.borrow().out.listeners.add(&kind, &handler))
    }

    /// The client's listener registry, for `__withListeners` (the panic-surviving wrapper).
    #[doc(hidden)]
    #[wasm_bindgen(js_name = __listeners, skip_typescript)]
    pub fn listeners(&self) -> Listeners {
        self.shared.borrow().out.listeners.clone()
    }

    /// A client that uses `listeners` as its registry: the wrapper of `createChecklistClient`
    /// rebuilds its client after a panic this way, and every listener carries over.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = __withListeners, skip_typescript)]
    pub fn with_listeners(options: ClientOptions, listeners: Listeners) -> Result<ChecklistClient, ChecklistError> {
        Self::build(options.into(), listeners)
    }

    /// Forgets this user's cached state and outbox, here and in storage (for sign-out).
    #[wasm_bindgen(js_name = clearStorage)]
    pub fn clear_storage(&self) {
        update(&self.shared, |i| {
            i.browser.storage.clear();
            i.replica = Replica::default();
            i.refresh_view();
            if let Some(channel) = &i.browser.channel {
                let _ = channel.post_message(&JsValue::from_str("changed"));
            }
        });
    }

    /// Stops timers and listeners; the client does nothing afterwards.
    pub fn destroy(&self) {
        {
            let mut inner = self.shared.borrow_mut();
            inner.loop_state.destroyed = true;
            inner.out.listeners.clear();
            inner.detach();
        }
        wake(&self.shared);
    }

    fn step_edit(&self, edit: StepEdit, step_id: String, options: Option<&JsValue>) -> Result<(), ChecklistError> {
        let actor = self.shared.borrow().config.actor.clone();
        self.edit(edits::step_edit(edit, step_id, options, actor.as_deref())?)
    }

    fn edit(&self, op: Operation) -> Result<(), ChecklistError> {
        let loaded = update(&self.shared, |i| {
            if i.loop_state.destroyed {
                return Err(ChecklistError::Destroyed);
            }
            i.take_stored_changes();
            if let Some(view) = i.view.as_mut() {
                view.apply(&op)?;
            }
            i.replica.push(op);
            i.save();
            Ok(i.replica.loaded)
        })?;
        if loaded {
            sync::kick(&self.shared);
        }
        Ok(())
    }
}

fn wake(shared: &Shared) {
    let wake = shared.borrow_mut().loop_state.end_wait.take();
    if let Some(wake) = wake {
        let _ = wake.call0(&JsValue::NULL);
    }
}

fn attach_listeners(shared: &Shared, key: &str) {
    let Some(window) = web_sys::window() else { return };
    let weak = Rc::downgrade(shared);
    let online = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        if let Some(shared) = weak.upgrade() {
            wake(&shared);
            sync::kick(&shared);
        }
    });
    let mut attached = vec![listen(window.clone().into(), "online", online)];
    let refresh = |weak: Weak<RefCell<Inner>>| {
        move || {
            if let Some(shared) = weak.upgrade() {
                update(&shared, |i| i.take_stored_changes());
            }
        }
    };
    let on_message = refresh(Rc::downgrade(shared));
    let channel = shared.borrow().browser.channel.clone();
    if let Some(channel) = channel {
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |_| on_message());
        attached.push(listen(channel.into(), "message", callback));
    }
    let on_storage = refresh(Rc::downgrade(shared));
    let key = key.to_owned();
    let storage = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let event: web_sys::StorageEvent = event.unchecked_into();
        if event.key().as_deref() == Some(key.as_str()) {
            on_storage();
        }
    });
    if shared.borrow().browser.storage.is_shared() {
        attached.push(listen(window.into(), "storage", storage));
    }
    shared.borrow_mut().browser.attached = attached;
}

fn listen(target: EventTarget, kind: &'static str, callback: Closure<dyn FnMut(JsValue)>) -> Attached {
    let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
    Attached { target, kind, callback }
}
