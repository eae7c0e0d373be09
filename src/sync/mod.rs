//! The rules of offline sync, without the browser: a replica holds the last
//! state the server confirmed and the outbox of edits made since; replaying the
//! outbox on the base gives what the user sees.

pub mod changes;
pub mod failure;
pub mod persist;
pub mod replica;
pub mod retry;
