//! Where a client keeps its replica between page loads: `localStorage`, or memory for
//! sessions that must leave nothing behind. The layout, and what each write touches, is
//! `sync::persist`; this module is the browser's side of it. A stored text that cannot
//! be read is never dropped: it is kept aside under another key and reported.

use crate::sync::persist::{Area, Part, Slot, Stored as Read, Taken};
use crate::sync::replica::Replica;
use js_sys::Object;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/client.js")]
extern "C" {
    /// The texts themselves, in `localStorage` (shared by the tabs of an origin and kept
    /// across reloads) or in a JS object, which outlives the WASM instance, so that the
    /// client rebuilt after a panic finds the outbox in it. The JS side keeps the keys
    /// (`Part::key`'s, given once) and the head's text last read or written: an edit's check
    /// and write copy no key and no head across.
    type JsTexts;

    /// `head` and `base` are those parts' keys; an edit's key is `op` and its id.
    #[wasm_bindgen(constructor, js_class = "Texts")]
    fn new(head: &str, base: &str, op: &str, store: &JsValue, local: bool) -> JsTexts;

    #[wasm_bindgen(method, js_class = "Texts")]
    fn get(this: &JsTexts, part: u8, id: u64) -> Option<String>;

    #[wasm_bindgen(method, js_class = "Texts")]
    fn set(this: &JsTexts, part: u8, id: u64, text: &str) -> bool;

    #[wasm_bindgen(method, js_class = "Texts")]
    fn remove(this: &JsTexts, part: u8, id: u64);

    /// True when the head is still the text last read or written and nothing is stored
    /// under edit `next`.
    #[wasm_bindgen(method, js_class = "Texts")]
    fn unchanged(this: &JsTexts, next: u64) -> bool;

    /// Keeps `text` under `{key}:unreadable:{time}`; returns that key unless refused.
    #[wasm_bindgen(method, js_class = "Texts")]
    fn aside(this: &JsTexts, text: &str) -> Option<String>;
}

/// A replica's texts, and the head's text the JS side holds (what it compares with).
struct Texts {
    js: JsTexts,
    /// The head's text last read or written through `js`, which the JS side holds too.
    head: Option<String>,
}

fn split(part: Part) -> (u8, u64) {
    match part {
        Part::Head => (0, 0),
        Part::Base => (1, 0),
        Part::Op(id) => (2, id),
    }
}

impl Area for Texts {
    fn get(&mut self, part: Part) -> Option<String> {
        let (code, id) = split(part);
        let text = self.js.get(code, id);
        if part == Part::Head {
            self.head.clone_from(&text);
        }
        text
    }

    fn set(&mut self, part: Part, value: &str) -> bool {
        let (code, id) = split(part);
        let stored = self.js.set(code, id, value);
        if stored && part == Part::Head {
            self.head = Some(value.to_owned());
        }
        stored
    }

    fn remove(&mut self, part: Part) {
        let (code, id) = split(part);
        self.js.remove(code, id);
        if part == Part::Head {
            self.head = None;
        }
    }

    /// The JS side compares the stored head with its own copy of the last one, which is
    /// `seen` when this side's copy is.
    fn unchanged(&mut self, seen: &str, next: u64) -> bool {
        self.head.as_deref() == Some(seen) && self.js.unchanged(next)
    }
}

/// A replica's storage slot, keyed by user and organization.
pub struct Storage {
    slot: Slot<Texts>,
    /// The object the texts are in when they are kept in memory.
    memory: Option<Object>,
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
        let (store, unavailable) = match (local, web_sys::window().map(|w| w.local_storage())) {
            (true, Some(Ok(Some(store)))) => (Ok(store), None),
            (true, Some(Err(_))) => (Err(slot), Some(Unavailable("the browser denies localStorage"))),
            (true, _) => (Err(slot), Some(Unavailable("this environment has no localStorage"))),
            (false, _) => (Err(slot), None),
        };
        let (store, memory): (JsValue, _) = match store {
            Ok(store) => (store.into(), None),
            Err(slot) => {
                let slot = slot.unwrap_or_default();
                (slot.clone().into(), Some(slot))
            }
        };
        let js = JsTexts::new(&key, &Part::Base.key(&key), &Part::op_prefix(&key), &store, memory.is_none());
        let texts = Texts { js, head: None };
        (Storage { slot: Slot::new(texts, key), memory }, unavailable)
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
        self.slot.area.js.aside(texts)
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
        self.memory.as_ref()
    }

    /// True when other tabs share this storage.
    pub fn is_shared(&self) -> bool {
        self.memory.is_none()
    }
}
