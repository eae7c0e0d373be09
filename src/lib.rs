//! guided-checklist: the rules of a user's guided onboarding checklist (model,
//! validation, operations, visibility, progress, merge patch) as plain Rust,
//! with a WebAssembly boundary for browsers in `wasm`.

mod codes;
pub mod consistency;
mod decode;
pub mod document;
pub mod error;
pub mod issue;
pub mod json;
pub mod limits;
pub mod merge_patch;
pub mod model;
pub mod ops;
pub mod route;
mod sort;
pub mod sync;
pub mod timestamp;
pub mod uuid;
pub mod visibility;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

// Talc instead of the standard dlmalloc: a fraction of its bytes in the module, and faster
// (the engine allocates a string per field it reads).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use document::{
    validate_checklist_text, validate_checklist_value, validate_user_properties_text, validate_user_properties_value,
};
pub use error::ChecklistError;
pub use issue::{Code, Issue, Report};
pub use json::{Json, ToJson};
pub use model::{GuidedChecklist, Step, StepStatus, Track, UserProperties};
pub use ops::Operation;
pub use timestamp::Timestamp;
pub use visibility::Progress;
