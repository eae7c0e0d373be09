//! Where a client keeps its replica between page loads: `localStorage`, or memory for
//! sessions that must leave nothing behind. A stored text that cannot be read is never
//! dropped: it is kept aside under another key and reported.

use crate::sync::replica::Replica;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// A replica's storage slot, keyed by user and organization.
pub enum Storage {
    /// `localStorage`, shared by the tabs of an origin and kept across reloads;
    /// `seen` is the text this client last read or wrote there.
    Local { key: String, store: web_sys::Storage, seen: Option<String> },
    /// This client's memory: a JS object (`{ text }`), which outlives the WASM instance, so
    /// the client rebuilt after a panic finds the outbox in it.
    Memory { slot: Object },
}

/// Why `localStorage` could not be used when it was asked for.
pub struct Unavailable(pub &'static str);

/// What a slot held.
pub enum Stored {
    Empty,
    Readable(Box<Replica>),
    /// A text this version cannot read (corrupt, or written by another version), now kept
    /// under `aside` (when the browser let it be kept).
    Unreadable {
        aside: Option<String>,
    },
}

impl Storage {
    /// `localStorage` under `key`, or memory (in `slot`, or a new one) when `local` is
    /// false; when `local` is true and the browser denies `localStorage` (a `SecurityError`
    /// in sandboxed frames and some private modes) or has none, memory and the reason.
    pub fn open(key: String, local: bool, slot: Option<Object>) -> (Self, Option<Unavailable>) {
        let memory = || Storage::Memory { slot: slot.clone().unwrap_or_default() };
        if !local {
            return (memory(), None);
        }
        match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(store))) => (Storage::Local { key, store, seen: None }, None),
            Some(Err(_)) => (memory(), Some(Unavailable("the browser denies localStorage"))),
            _ => (memory(), Some(Unavailable("this environment has no localStorage"))),
        }
    }

    /// The stored replica.
    pub fn read(&mut self) -> Stored {
        let text = match self {
            Storage::Local { key, store, seen } => {
                let Some(text) = store.get_item(key).ok().flatten() else { return Stored::Empty };
                *seen = Some(text.clone());
                text
            }
            Storage::Memory { slot } => match Reflect::get(slot, &"text".into()).ok().and_then(|t| t.as_string()) {
                Some(text) => text,
                None => return Stored::Empty,
            },
        };
        self.parse(text)
    }

    /// The stored replica if another tab changed it since this client last read or
    /// wrote it: comparing the text is far cheaper than reading it again.
    pub fn read_changed(&mut self) -> Stored {
        let Storage::Local { key, store, seen } = self else { return Stored::Empty };
        let Some(text) = store.get_item(key).ok().flatten() else { return Stored::Empty };
        if seen.as_deref() == Some(text.as_str()) {
            return Stored::Empty;
        }
        *seen = Some(text.clone());
        self.parse(text)
    }

    fn parse(&mut self, text: String) -> Stored {
        match Replica::from_json_str(&text) {
            Some(replica) => Stored::Readable(Box::new(replica)),
            None => Stored::Unreadable { aside: self.keep_aside(&text) },
        }
    }

    /// Keeps an unreadable text under `{key}:unreadable:{time}`; returns that key.
    fn keep_aside(&self, text: &str) -> Option<String> {
        let Storage::Local { key, store, .. } = self else { return None };
        let aside = format!("{key}:unreadable:{}", js_sys::Date::now() as u64);
        store.set_item(&aside, text).ok().map(|()| aside)
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
            Storage::Memory { slot } => {
                let _ = Reflect::set(slot, &"text".into(), &JsValue::from_str(&text));
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
            Storage::Memory { slot } => {
                let _ = Reflect::delete_property(slot, &"text".into());
            }
        }
    }

    /// The memory slot, which the wrapper hands on to a rebuilt client.
    pub fn memory_slot(&self) -> Option<&Object> {
        match self {
            Storage::Memory { slot } => Some(slot),
            Storage::Local { .. } => None,
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
