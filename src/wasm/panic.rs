//! A panic must not leave the page with a dead module: its message goes to the
//! console and to the JS wrapper, and the next call into the module runs on a
//! fresh instance (the wrapper then rebuilds clients from storage).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export function recordPanic(message) {
  const count = Symbol.for('guided-checklist.panics');
  globalThis[count] = (globalThis[count] ?? 0) + 1;
  globalThis[Symbol.for('guided-checklist.panic')] = message;
  console.error('guided-checklist panicked:', message);
  // Start the fresh instance as soon as the trap has unwound, before old objects are used.
  const reset = globalThis[Symbol.for('guided-checklist.reset')];
  if (reset) queueMicrotask(reset);
}
")]
extern "C" {
    #[wasm_bindgen(js_name = recordPanic)]
    fn record_panic(message: &str);
}

#[wasm_bindgen(start)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        record_panic(&info.to_string());
        wasm_bindgen::handler::schedule_reinit();
    }));
}

/// Test hook: panics on purpose, to show that the page survives a trap.
#[cfg(feature = "test-trap")]
#[doc(hidden)]
#[wasm_bindgen(js_name = __guidedChecklistTrap)]
pub fn trap() {
    panic!("deliberate trap requested by a test");
}
