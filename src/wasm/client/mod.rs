//! `ChecklistClient`: the checklist of one user, edited at once in the page,
//! kept in storage and synced to the user-management API in the background.

mod browser;
mod http;
mod options;
mod snapshot;
mod state;
mod storage;
mod sync;

use super::convert::now;
use super::edits::{self, Edit};
use super::types::{ClientOptions, CompleteOptions, TimeOptions};
use crate::error::ChecklistError;
use crate::json::Quoted;
use crate::ops::Operation;
use crate::sync::failure::{Failure, FailureCode};
use crate::sync::replica::Replica;
use browser::Listeners;
use http::Api;
use js_sys::{Function, Promise};
use options::{invalid, Options};
use state::{
    update, Attached, Browser, Config, Event, Inner, LoopState, Neighbours, Out, Shared, Status, CHANGE, EVENT_TYPES,
};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use storage::{Storage, Stored};
use wasm_bindgen::prelude::*;
use web_sys::EventTarget;

/// One user's checklist, synced with the API; create with `new ChecklistClient(options)`, call `destroy()` when done.
#[wasm_bindgen]
pub struct ChecklistClient {
    shared: Shared,
}

#[wasm_bindgen]
impl ChecklistClient {
    /// Restores the cached state and outbox from storage at once; call `load()` to read the server.
    #[wasm_bindgen(constructor)]
    pub fn new(options: ClientOptions) -> Result<ChecklistClient, ChecklistError> {
        Self::build(options.into(), Kept { listeners: Listeners::new(), memory: None })
    }

    fn build(options: JsValue, kept: Kept) -> Result<ChecklistClient, ChecklistError> {
        let options = Options::read(&options)?;
        let key = options.storage_key();
        let local = options.local;
        let (mut storage, unavailable) = Storage::open(key.clone(), local, kept.memory);
        // Told once, with the first change (`load()` or an edit), so that handlers added
        // right after construction hear it; `sync.storage` says "memory" from the start.
        let mut queue: Vec<Event> = unavailable
            .map(|why| {
                let message = format!(
                    "{}: pending edits are kept in memory only, and a reload before they sync loses them",
                    why.0
                );
                Event::Error(Failure::local(FailureCode::StorageUnavailable, message))
            })
            .into_iter()
            .collect();
        let mut replica = match storage.read() {
            Stored::Readable(replica) => *replica,
            Stored::Empty => Replica::default(),
            Stored::Unreadable { aside } => {
                queue.push(Event::Error(unreadable(aside)));
                Replica::default()
            }
        };
        // A base from an earlier session may be out of date: read before writing on it.
        replica.stale = replica.loaded;
        replica.order = options.order;
        let initial = options.initial.is_some();
        if let Some((record, etag)) = options.initial {
            // The server's record, handed over by the page (server-side rendering): the
            // snapshot is ready at once, and without its ETag the first write reads first.
            let known = etag.is_some();
            let conflicts = replica.rebase(Some(record), etag, now());
            replica.stale = !known;
            queue.extend(conflicts.into_iter().map(Event::Conflict));
            let _ = storage.write(&replica);
        }
        let properties_url = format!(
            "{}/api/usermanagement/v1/users/{}/properties",
            options.base_url.trim_end_matches('/'),
            String::from(js_sys::encode_uri_component(&options.user_id))
        );
        let query = options
            .organization
            .map(|o| format!("?organization={}", String::from(js_sys::encode_uri_component(&o))))
            .unwrap_or_default();
        let view = replica.view().0;
        let inner = Inner {
            config: Config {
                api: Api {
                    properties_url,
                    query,
                    get_access_token: options.get_access_token,
                    timeout_ms: options.timeout_ms,
                    credentials: options.credentials,
                    headers: options.headers,
                },
                actor: options.actor,
                backoff: options.backoff,
                retry_after_cap_ms: options.retry_after_cap_ms,
                order: options.order,
                refresh: options.refresh,
                lock_name: format!("guided-checklist:{key}"),
            },
            replica,
            view,
            browser: Browser { storage, neighbours: None, attached: Vec::new(), interval: None },
            loop_state: LoopState {
                status: if initial { Status::Idle } else { Status::Loading },
                last_error: None,
                running: false,
                stopped: false,
                destroyed: false,
                waiters: Vec::new(),
                end_wait: None,
                refresh_due: false,
                last_read_ms: 0.0,
            },
            out: Out {
                view_events: Vec::new(),
                queue,
                view_changed: false,
                snapshot: None,
                snapshots: Default::default(),
                listeners: kept.listeners,
            },
        };
        let shared = Rc::new(RefCell::new(inner));
        attach_listeners(&shared, &key);
        Ok(ChecklistClient { shared })
    }

    /// Reads the record from the server and replays pending edits on it; offline, keeps the cached state. Resolves with the snapshot.
    #[wasm_bindgen(unchecked_return_type = "Promise<Snapshot>")]
    pub fn load(&self) -> Promise {
        let shared = self.shared.clone();
        browser::promise(Box::pin(async move {
            sync::load(&shared).await;
            sync::kick(&shared);
            Ok(shared.borrow_mut().snapshot())
        }))
    }

    /// Completes a step (by `by` or the client's `actorId`) locally at once and queues it for the server.
    #[wasm_bindgen(js_name = completeStep)]
    pub fn complete_step(
        &self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<CompleteOptions>,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::Complete(step_id), options.as_deref())
    }

    /// Starts a step locally at once and queues it for the server.
    #[wasm_bindgen(js_name = startStep)]
    pub fn start_step(
        &self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::Start(step_id), options.as_deref())
    }

    /// Skips a step locally at once and queues it for the server.
    #[wasm_bindgen(js_name = skipStep)]
    pub fn skip_step(
        &self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::Skip(step_id), options.as_deref())
    }

    /// Reopens a step locally at once and queues it for the server.
    #[wasm_bindgen(js_name = reopenStep)]
    pub fn reopen_step(
        &self,
        #[wasm_bindgen(js_name = stepId)] step_id: String,
        options: Option<TimeOptions>,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::Reopen(step_id), options.as_deref())
    }

    /// Dismisses the checklist locally at once and queues it for the server.
    pub fn dismiss(&self, options: Option<TimeOptions>) -> Result<(), ChecklistError> {
        self.edit(Edit::Dismiss, options.as_deref())
    }

    /// Restores a dismissed checklist locally at once and queues it for the server.
    pub fn restore(&self) -> Result<(), ChecklistError> {
        self.edit(Edit::Restore, None)
    }

    /// Starts over ("restart my onboarding"): every visible step UP_NEXT, `dismissedAt` and
    /// `completedAt` cleared; locally at once, queued for the server.
    pub fn reset(&self, options: Option<TimeOptions>) -> Result<(), ChecklistError> {
        self.edit(Edit::Reset, options.as_deref())
    }

    /// Replaces the checklist's `productInterests`; locally at once, queued for the server.
    #[wasm_bindgen(js_name = setProductInterests)]
    pub fn set_product_interests(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] list: JsValue,
    ) -> Result<(), ChecklistError> {
        self.edit(Edit::ProductInterests(list), None)
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
            return Err(invalid("type", &format!("must be one of {} (got {})", EVENT_TYPES.join(", "), Quoted(&kind))));
        }
        Ok(self.shared.borrow().out.listeners.add(&kind, &handler))
    }

    /// What this client hands on to the client that replaces it after a panic: its
    /// listener registry and its memory storage, JS objects that outlive the WASM instance.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = __keep, skip_typescript)]
    pub fn keep(&self) -> JsValue {
        let inner = self.shared.borrow();
        let kept = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&kept, &"listeners".into(), &inner.out.listeners);
        if let Some(slot) = inner.browser.storage.memory_slot() {
            let _ = js_sys::Reflect::set(&kept, &"memory".into(), slot);
        }
        kept.into()
    }

    /// A client that carries on with what `__keep()` of the client it replaces gave: the
    /// wrapper of `createChecklistClient` rebuilds its client after a panic this way.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = __fromKept, skip_typescript)]
    pub fn from_kept(options: ClientOptions, kept: JsValue) -> Result<ChecklistClient, ChecklistError> {
        let get = |name: &str| js_sys::Reflect::get(&kept, &name.into()).ok().filter(|v| v.is_object());
        let listeners = get("listeners").map_or_else(Listeners::new, JsCast::unchecked_into);
        let memory = get("memory").map(JsCast::unchecked_into);
        Self::build(options.into(), Kept { listeners, memory })
    }

    /// Forgets this user's cached state and outbox, here and in storage (for sign-out).
    #[wasm_bindgen(js_name = clearStorage)]
    pub fn clear_storage(&self) {
        update(&self.shared, |i| {
            i.browser.storage.clear();
            i.replica = Replica { order: i.replica.order, ..Replica::default() };
            i.refresh_view();
            i.tell_neighbours();
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

    fn edit(&self, edit: Edit, options: Option<&JsValue>) -> Result<(), ChecklistError> {
        let actor = self.shared.borrow().config.actor.clone();
        self.apply(edits::operation(edit, options, actor.as_deref())?)
    }

    fn apply(&self, op: Operation) -> Result<(), ChecklistError> {
        let loaded = update(&self.shared, |i| {
            if i.loop_state.destroyed {
                return Err(ChecklistError::Destroyed);
            }
            i.take_stored_changes();
            i.apply(&op)?;
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

/// What a rebuilt client takes over from the one it replaces.
struct Kept {
    listeners: Listeners,
    memory: Option<js_sys::Object>,
}

/// The `error` event for a stored state that could not be read.
fn unreadable(aside: Option<String>) -> Failure {
    let kept = aside
        .map_or_else(|| "it could not be kept aside".to_owned(), |key| format!("it was kept under {}", Quoted(&key)));
    let message = format!("the stored state could not be read (corrupt, or from another version): {kept}");
    Failure::local(FailureCode::StorageCorrupt, message)
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
    let refresh = shared.borrow().config.refresh;
    let read_again = |weak: Weak<RefCell<Inner>>| {
        move |_: JsValue| {
            if let Some(shared) = weak.upgrade() {
                sync::refresh(&shared);
            }
        }
    };
    if refresh.on_focus {
        let callback = Closure::<dyn FnMut(JsValue)>::new(read_again(Rc::downgrade(shared)));
        attached.push(listen(window.clone().into(), "focus", callback));
    }
    if let (true, Some(document)) = (refresh.on_visible, window.document()) {
        let read = read_again(Rc::downgrade(shared));
        let page = document.clone();
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if page.visibility_state() == web_sys::VisibilityState::Visible {
                read(event);
            }
        });
        attached.push(listen(document.into(), "visibilitychange", callback));
    }
    if refresh.interval_ms > 0 {
        let read = read_again(Rc::downgrade(shared));
        let page = window.document();
        // Only a visible page polls: one tab at a time, the one the user looks at.
        let tick = Closure::<dyn FnMut()>::new(move || {
            if page.as_ref().is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible) {
                read(JsValue::UNDEFINED);
            }
        });
        let every = i32::try_from(refresh.interval_ms).unwrap_or(i32::MAX);
        if let Ok(id) =
            window.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), every)
        {
            shared.borrow_mut().browser.interval = Some((id, tick));
        }
    }
    let refresh = |weak: Weak<RefCell<Inner>>| {
        move || {
            if let Some(shared) = weak.upgrade() {
                update(&shared, |i| i.take_stored_changes());
            }
        }
    };
    let on_storage = refresh(Rc::downgrade(shared));
    let own = key.to_owned();
    let parts = format!("{key}:");
    let storage = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let event: web_sys::StorageEvent = event.unchecked_into();
        // `None` is `localStorage.clear()`; `{key}:…` are the base and the edits.
        if event.key().map_or(true, |k| k == own || k.starts_with(&parts)) {
            on_storage();
        }
    });
    if shared.borrow().browser.storage.is_shared() {
        attached.push(listen(window.into(), "storage", storage));
        let callback = Closure::<dyn FnMut()>::new(refresh(Rc::downgrade(shared)));
        let leave = browser::join_neighbours(key, callback.as_ref().unchecked_ref());
        shared.borrow_mut().browser.neighbours = Some(Neighbours { key: key.into(), callback, leave });
    }
    shared.borrow_mut().browser.attached = attached;
}

fn listen(target: EventTarget, kind: &'static str, callback: Closure<dyn FnMut(JsValue)>) -> Attached {
    let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
    Attached { target, kind, callback }
}
