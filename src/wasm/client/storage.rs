//! Where a client keeps its replica between page loads: `localStorage`, or
//! memory for sessions that must leave nothing behind.

use crate::sync::replica::Replica;

/// A replica's storage slot, keyed by user and organization.
pub enum Storage {
    /// `localStorage`, shared by the tabs of an origin and kept across reloads;
    /// `seen` is the text this client last read or wrote there.
    Local { key: String, store: web_sys::Storage, seen: Option<String> },
    /// This client's memory only.
    Memory { text: Option<String> },
}

/// Why `localStorage` could not be used when it was asked for.
pub struct Unavailable(pub &'static str);

impl Storage {
    /// `localStorage` under `key`, or memory when `local` is false; when `local` is true and
    /// the browser denies `localStorage` (a `SecurityError` in sandboxed frames and some
    /// private modes) or has none, memory and the reason.
    pub fn open(key: String, local: bool) -> (Self, Option<Unavailable>) {
        if !local {
            return (Storage::Memory { text: None }, None);
        }
        let store = match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(store))) => store,
            Some(Err(_)) => {
                return (Storage::Memory { text: None }, Some(Unavailable("the browser denies localStorage")))
            }
            _ => return (Storage::Memory { text: None }, Some(Unavailable("this environment has no localStorage"))),
        };
        (Storage::Local { key, store, seen: None }, None)
    }

    /// The stored replica, if there is a readable one.
    pub fn read(&mut self) -> Option<Replica> {
        let text = match self {
            Storage::Local { key, store, seen } => {
                let text = store.get_item(key).ok().flatten()?;
                *seen = Some(text.clone());
                text
            }
            Storage::Memory { text } => text.clone()?,
        };
        Replica::from_json_str(&text)
    }

    /// The stored replica if another tab changed it since this client last read or
    /// wrote it: comparing the text is far cheaper than reading it again.
    pub fn read_changed(&mut self) -> Option<Replica> {
        let Storage::Local { key, store, seen } = self else { return None };
        let text = store.get_item(key).ok().flatten()?;
        if seen.as_deref() == Some(text.as_str()) {
            return None;
        }
        let replica = Replica::from_json_str(&text);
        *seen = Some(text);
        replica
    }

    /// Writes the replica; fails when the browser refuses (quota, privacy mode).
    pub fn write(&mut self, replica: &Replica) -> Result<(), String> {
        let text = replica.to_json_string();
        match self {
            Storage::Local { key, store, seen } => {
                store
                    .set_item(key, &text)
                    .map_err(|_| "the browser refused to store the replica (base and outbox)".to_owned())?;
                *seen = Some(text);
                Ok(())
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
            Storage::Local { key, store, seen } => {
                let _ = store.remove_item(key);
                *seen = None;
            }
            Storage::Memory { text } => *text = None,
        }
    }

    /// True when other tabs share this storage.
    pub fn is_shared(&self) -> bool {
        matches!(self, Storage::Local { .. })
    }

    /// What the snapshot's `sync.storage` says: "local" or "memory".
    pub fn kind(&self) -> &'static str {
        if self.is_shared() {
            "local"
        } else {
            "memory"
        }
    }
}
