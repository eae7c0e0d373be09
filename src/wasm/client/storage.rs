//! Where a client keeps its replica between page loads: `localStorage`, or
//! memory for sessions that must leave nothing behind.

use crate::sync::replica::Replica;

/// A replica's storage slot, keyed by user and organization.
pub enum Storage {
    /// `localStorage`, shared by the tabs of an origin and kept across reloads.
    Local { key: String, store: web_sys::Storage },
    /// This client's memory only.
    Memory { text: Option<String> },
}

impl Storage {
    /// `localStorage` under `key`, or memory when `local` is false or the browser has none.
    pub fn open(key: String, local: bool) -> Self {
        let store = local.then(|| web_sys::window()?.local_storage().ok().flatten()).flatten();
        match store {
            Some(store) => Storage::Local { key, store },
            None => Storage::Memory { text: None },
        }
    }

    /// The stored replica, if there is a readable one.
    pub fn read(&self) -> Option<Replica> {
        let text = match self {
            Storage::Local { key, store } => store.get_item(key).ok().flatten()?,
            Storage::Memory { text } => text.clone()?,
        };
        Replica::from_json_str(&text)
    }

    /// Writes the replica; fails when the browser refuses (quota, privacy mode).
    pub fn write(&mut self, replica: &Replica) -> Result<(), String> {
        let text = replica.to_json_string();
        match self {
            Storage::Local { key, store } => {
                store.set_item(key, &text).map_err(|_| "the browser refused to store the outbox".to_owned())
            }
            Storage::Memory { text: slot } => {
                *slot = Some(text);
                Ok(())
            }
        }
    }

    /// Forgets the replica.
    pub fn clear(&mut self) {
        match self {
            Storage::Local { key, store } => {
                let _ = store.remove_item(key);
            }
            Storage::Memory { text } => *text = None,
        }
    }

    /// True when other tabs share this storage.
    pub fn is_shared(&self) -> bool {
        matches!(self, Storage::Local { .. })
    }
}
