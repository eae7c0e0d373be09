//! What only a browser has: Web Locks, timers, the page's registry of clients.

use js_sys::{Function, Promise};
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/js/client.js")]
extern "C" {
    /// Runs `task` (which returns a promise) holding the origin-wide lock `name`.
    #[wasm_bindgen(js_name = withLock)]
    fn with_lock_js(name: &str, task: &Function) -> Promise;

    /// Listeners by kind, kept on the JS side: the function that removes one holds no Rust
    /// memory, so a remover that is never called leaks nothing. Each registration is its
    /// own (the same function added twice is called twice), a listener that throws is
    /// logged and the others still run, and a listener added during an emit waits for the next.
    #[derive(Clone)]
    pub type Listeners;

    #[wasm_bindgen(constructor)]
    pub fn new() -> Listeners;

    /// Registers `listener` for `kind`; returns the function that removes it (idempotent).
    #[wasm_bindgen(method)]
    pub fn add(this: &Listeners, kind: &str, listener: &Function) -> JsValue;

    /// True when any listener of `kind` (a JS string) is registered.
    #[wasm_bindgen(method)]
    pub fn has(this: &Listeners, kind: &JsValue) -> bool;

    /// Calls every listener of `kind` (a JS string) with `payload`.
    #[wasm_bindgen(method)]
    pub fn emit(this: &Listeners, kind: &JsValue, payload: &JsValue);

    /// Removes every listener.
    #[wasm_bindgen(method)]
    pub fn clear(this: &Listeners);

    /// Registers `callback` as a client of this page using storage `key`; returns the
    /// function that removes it. Other pages hear of a change through the `storage` event,
    /// which a page never receives for its own writes.
    #[wasm_bindgen(js_name = joinNeighbours)]
    pub fn join_neighbours(key: &str, callback: &Function) -> Function;

    /// Calls, in a microtask, every callback registered under `key` but `me`: a direct call
    /// costs a fraction of a `BroadcastChannel` message on every edit.
    #[wasm_bindgen(js_name = tellNeighbours)]
    pub fn tell_neighbours(key: &JsValue, me: &Function);
}

/// Work for the JS event loop.
pub type Task = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// A promise of `task`. Every async path of the client goes through this one instance of
/// `future_to_promise`: each future type of its own would instantiate its state machine
/// again, kilobytes each.
pub fn promise(task: Task) -> Promise {
    wasm_bindgen_futures::future_to_promise(task)
}

/// Runs `task` while holding the Web Lock `name`, so that one tab at a time does it.
pub async fn with_lock(name: &str, task: Task) {
    let task = Closure::once_into_js(move || promise(task));
    let _ = JsFuture::from(with_lock_js(name, task.unchecked_ref())).await;
}

/// Waits `ms` milliseconds, or until `wake` (handed to `park`) is called.
pub async fn sleep(ms: u32, park: impl FnOnce(Function)) {
    let mut wake = None;
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.min(i32::MAX as u32) as i32);
        }
        wake = Some(resolve);
    });
    if let Some(wake) = wake {
        park(wake);
    }
    let _ = JsFuture::from(promise).await;
}
