//! Where a client keeps its replica between page loads: `localStorage`, or memory for
//! sessions that must leave nothing behind. The layout, and what each write touches, is
//! `sync::persist`; this module is the browser's side of it. A stored text that cannot
//! be read is never dropped: it is kept aside under another key and reported.

use crate::sync::persist::{Area, Slot, Stored as Read, Taken};
use crate::sync::replica::Replica;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// The texts themselves: `localStorage`, shared by the tabs of an origin and kept across
/// reloads, or a JS object, which outlives the WASM instance, so that the client rebuilt
/// after a panic finds the outbox in it.
pub enum Texts {
    Local(web_sys::Storage),
    Memory(Object),
}

impl Area for Texts {
    fn get(&self, key: &str) -> Option<String> {
        match self {
            Texts::Local(store) => store.get_item(key).ok().flatten(),
            Texts::Memory(slot) => Reflect::get(slot, &key.into()).ok().and_then(|t| t.as_string()),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> bool {
        match self {
            Texts::Local(store) => store.set_item(key, value).is_ok(),
            Texts::Memory(slot) => Reflect::set(slot, &key.into(), &JsValue::from_str(value)).unwrap_or(false),
        }
    }

    fn remove(&mut self, key: &str) {
        match self {
            Texts::Local(store) => {
                let _ = store.remove_item(key);
            }
            Texts::Memory(slot) => {
                let _ = Reflect::delete_property(slot, &key.into());
            }
        }
    }
}

/// A replica's storage slot, keyed by user and organization.
pub struct Storage {
    slot: Slot<Texts>,
}

/// Why `localStorage` could not be used when it was asked for.
pub struct Unavailable(pub &'static str);

/// What a slot held.
pub enum Stored {
    Empty,
    Readable(Box<Replica>),
    /// Texts this version cannot read (corrupt, or written by another version), now kept
    /// under `aside` (when the browser let them be kept).
    Unreadable {
        aside: Option<String>,
    },
}

impl Storage {
    /// `localStorage` under `key`, or memory (in `slot`, or a new one) when `local` is
    /// false; when `local` is true and the browser denies `localStorage` (a `SecurityError`
    /// in sandboxed frames and some private modes) or has none, memory and the reason.
    pub fn open(key: String, local: bool, slot: Option<Object>) -> (Self, Option<Unavailable>) {
        let memory =
            |why: Option<&'static str>| (Texts::Memory(slot.clone().unwrap_or_default()), why.map(Unavailable));
        let (texts, unavailable) = match (local, web_sys::window().map(|w| w.local_storage())) {
            (true, Some(Ok(Some(store)))) => (Texts::Local(store), None),
            (true, Some(Err(_))) => memory(Some("the browser denies localStorage")),
            (true, _) => memory(Some("this environment has no localStorage")),
            (false, _) => memory(None),
        };
        (Storage { slot: Slot::new(texts, key) }, unavailable)
    }

    /// The stored replica.
    pub fn read(&mut self) -> Stored {
        match self.slot.read() {
            Read::Empty => Stored::Empty,
            Read::Readable(replica) => Stored::Readable(replica),
            Read::Unreadable(texts) => Stored::Unreadable { aside: self.keep_aside(&texts) },
        }
    }

    /// Takes another tab's changes into `replica`; true when there were any.
    pub fn take_changes(&mut self, replica: &mut Replica) -> Result<bool, Option<String>> {
        if !self.is_shared() {
            return Ok(false);
        }
        match self.slot.take_changes(replica) {
            Taken::Same => Ok(false),
            Taken::Changed => Ok(true),
            Taken::Unreadable(texts) => Err(self.keep_aside(&texts)),
        }
    }

    /// Keeps unreadable texts under `{key}:unreadable:{time}`; returns that key.
    fn keep_aside(&mut self, texts: &str) -> Option<String> {
        if !self.is_shared() {
            return None;
        }
        let aside = format!("{}:unreadable:{}", self.slot.key(), js_sys::Date::now() as u64);
        self.slot.area.set(&aside, texts).then_some(aside)
    }

    /// Writes what changed in the replica; fails when the browser refuses (quota, privacy mode).
    pub fn write(&mut self, replica: &Replica) -> Result<(), &'static str> {
        self.slot.write(replica)
    }

    /// Forgets the replica.
    pub fn clear(&mut self) {
        self.slot.clear();
    }

    /// The memory slot, which the wrapper hands on to a rebuilt client.
    pub fn memory_slot(&self) -> Option<&Object> {
        match &self.slot.area {
            Texts::Memory(slot) => Some(slot),
            Texts::Local(_) => None,
        }
    }

    /// True when other tabs share this storage.
    pub fn is_shared(&self) -> bool {
        matches!(self.slot.area, Texts::Local(_))
    }
}
