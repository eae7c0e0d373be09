//! The JS face of the crate: every `#[wasm_bindgen]` export lives here, and
//! each one converts its input, calls the core and converts the result.

mod checklist;
#[cfg(feature = "client")]
mod client;
mod convert;
mod edits;
mod objects;
mod panic;
mod types;
mod validate;

pub use checklist::Checklist;
#[cfg(feature = "client")]
pub use client::ChecklistClient;
pub use validate::{validate_guided_checklist, validate_user_properties};
