//! A panic must not leave the page with a dead module: its message goes to the
//! console and to the JS wrapper, and the next call into the module runs on a
//! fresh instance (the wrapper then rebuilds clients from storage).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/engine.js")]
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
