//! How a replica is laid out in a key-value store such as `localStorage`, so that an edit
//! writes what changed and not the whole checklist:
//!
//! - `{key}`: a small JSON head (version 3) naming the base's ETag and time, the flags, the
//!   ids of the pending edits it knows and the id the next edit gets. Other tabs compare this
//!   text to see that something changed.
//! - `{key}:base`: the record as the server last returned it, as its JSON text; rewritten
//!   only when the base changes (a read, an acknowledged write).
//! - `{key}:op:{id}`: one pending edit; written once, removed once the server has it.
//!
//! An edit writes its own key and nothing else: edits made since the head was written are
//! found by reading `{key}:op:{nextId}`, `{nextId + 1}`, ... until one is missing, so one
//! `setItem` persists it. The head is rewritten when anything else changes. Writers put the
//! base and the edits first and the head last, and remove edits only after the head stops
//! naming them, so a reader that starts from the head finds all it names.

use crate::json::{self, Fields, Json, Object, ToJson};
use crate::model::UserProperties;
use crate::ops::Operation;
use crate::sync::replica::{PendingOp, Replica};
use crate::timestamp::Timestamp;

/// Which of a slot's texts. The area makes their keys from the slot's key (`Part::key`), so
/// one that keeps keys as strings of its own (the browser's) does not make them on every edit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Part {
    Head,
    Base,
    Op(u64),
}

impl Part {
    /// This part's key in the slot `slot`: `{slot}`, `{slot}:base` or `{slot}:op:{id}`.
    pub fn key(self, slot: &str) -> String {
        match self {
            Part::Head => slot.to_owned(),
            Part::Base => format!("{slot}:base"),
            Part::Op(id) => format!("{}{id}", Part::op_prefix(slot)),
        }
    }

    /// What the key of every edit in the slot `slot` starts with, for an area that appends
    /// the ids itself.
    pub fn op_prefix(slot: &str) -> String {
        format!("{slot}:op:")
    }
}

/// One slot's texts in a store of texts by key: `localStorage`, a JS object, or a map in tests.
pub trait Area {
    fn get(&mut self, part: Part) -> Option<String>;
    /// False when the store refused (quota, privacy mode).
    fn set(&mut self, part: Part, value: &str) -> bool;
    fn remove(&mut self, part: Part);

    /// True when the head's text is `seen` and no edit is stored under `Op(next)`: the check
    /// every edit makes first, which an area may answer without copying texts out.
    fn unchanged(&mut self, seen: &str, next: u64) -> bool {
        self.get(Part::Head).as_deref() == Some(seen) && self.get(Part::Op(next)).is_none()
    }
}

/// What a slot held.
pub enum Stored {
    Empty,
    Readable(Box<Replica>),
    /// Texts this version cannot read (corrupt, or written by another version).
    Unreadable(String),
}

/// What `take_changes` found.
pub enum Taken {
    /// Nothing changed since this client last read or wrote.
    Same,
    /// Another writer changed the replica; it now holds their state.
    Changed,
    /// The stored texts cannot be read; the replica is untouched.
    Unreadable(String),
}

/// The head: everything but the base and the edits themselves.
#[derive(Clone, PartialEq)]
struct Head {
    v: u32,
    loaded: bool,
    etag: Option<String>,
    stale: bool,
    next_id: u64,
    last_synced_at: Option<Timestamp>,
    /// `{key}:base` holds a record.
    base: bool,
    ops: Vec<u64>,
}

/// What identifies a base without reading it: every change of the base is a server
/// answer, which sets the time of the last sync (and its ETag).
#[derive(Clone, PartialEq)]
struct Mark {
    etag: Option<String>,
    synced: Option<String>,
    present: bool,
}

impl Mark {
    fn of(replica: &Replica) -> Mark {
        Mark {
            etag: replica.etag.clone(),
            synced: replica.last_synced_at.as_ref().map(|t| t.as_str().to_owned()),
            present: replica.base.is_some(),
        }
    }

    fn of_head(head: &Head) -> Mark {
        Mark {
            etag: head.etag.clone(),
            synced: head.last_synced_at.as_ref().map(|t| t.as_str().to_owned()),
            present: head.base,
        }
    }
}

/// One replica's slot in an `Area`.
pub struct Slot<A> {
    pub area: A,
    /// The head's key, which names the parts of the texts an unreadable slot keeps aside.
    key: String,
    /// The head text this client last read or wrote.
    seen: Option<String>,
    /// The head as it is in the area and the ids of the edits there (the head's and those
    /// added after it), so a write adds only what is new.
    written: Option<(Head, Vec<u64>)>,
}

impl<A: Area> Slot<A> {
    pub fn new(area: A, key: String) -> Self {
        Slot { area, key, seen: None, written: None }
    }

    /// The stored replica.
    pub fn read(&mut self) -> Stored {
        let Some(text) = self.area.get(Part::Head) else { return Stored::Empty };
        self.seen = Some(text.clone());
        let Some(head) = parse_head(&text) else { return Stored::Unreadable(text) };
        let mut replica = Replica::default();
        match self.read_into(&text, head, &mut replica) {
            Ok(()) => Stored::Readable(Box::new(replica)),
            Err(texts) => Stored::Unreadable(texts),
        }
    }

    /// Takes another writer's changes into `replica`: edits added after the head this client
    /// last read or wrote, or everything when the head is another. Every edit asks this first,
    /// and nearly always nothing changed: `Area::unchanged` answers that without a text read.
    /// The base is read again only when it changed, and edits already held are kept.
    pub fn take_changes(&mut self, replica: &mut Replica) -> Taken {
        if self.seen.as_deref().is_some_and(|seen| self.area.unchanged(seen, replica.next_id)) {
            return Taken::Same;
        }
        let Some(text) = self.area.get(Part::Head) else { return Taken::Same };
        if self.seen.as_deref() == Some(text.as_str()) {
            return match self.added_since(replica.next_id) {
                Ok(added) if added.is_empty() => Taken::Same,
                Ok(added) => {
                    replica.next_id = added.last().map_or(replica.next_id, |p| p.id + 1);
                    if let Some((_, known)) = &mut self.written {
                        known.extend(added.iter().map(|p| p.id));
                    }
                    replica.outbox.extend(added);
                    Taken::Changed
                }
                Err(texts) => Taken::Unreadable(texts),
            };
        }
        self.seen = Some(text.clone());
        let Some(head) = parse_head(&text) else { return Taken::Unreadable(text) };
        let mut next = Replica { order: replica.order, ..Replica::default() };
        if Mark::of_head(&head) == Mark::of(replica) {
            next.base = replica.base.take();
        }
        // Edits are never changed once written: those this client holds need no reading.
        next.outbox = replica.outbox.iter().filter(|p| head.ops.binary_search(&p.id).is_ok()).cloned().collect();
        match self.read_into(&text, head, &mut next) {
            Ok(()) if next == *replica => Taken::Same,
            Ok(()) => {
                *replica = next;
                Taken::Changed
            }
            Err(texts) => {
                if replica.base.is_none() {
                    replica.base = next.base;
                }
                Taken::Unreadable(texts)
            }
        }
    }

    /// Reads the replica whose head is `head` (its text `text`) into `replica`; a base or an
    /// edit already there (from `take_changes`) is kept. On failure, the texts that could not
    /// be read.
    fn read_into(&mut self, text: &str, head: Head, replica: &mut Replica) -> Result<(), String> {
        let mut unreadable = Vec::new();
        if head.base && replica.base.is_none() {
            let base = self.area.get(Part::Base);
            match base.as_deref().map(UserProperties::from_json_str) {
                Some(Ok(record)) => replica.base = Some(record),
                _ => unreadable.push((Part::Base, base)),
            }
        } else if !head.base {
            replica.base = None;
        }
        let mut outbox = Vec::with_capacity(head.ops.len());
        let held = std::mem::take(&mut replica.outbox);
        let mut held = held.into_iter().peekable();
        for &id in &head.ops {
            while held.next_if(|p| p.id < id).is_some() {}
            if let Some(pending) = held.next_if(|p| p.id == id) {
                outbox.push(pending);
                continue;
            }
            let op = self.area.get(Part::Op(id));
            match op.as_deref().and_then(Operation::from_json_str) {
                Some(op) => outbox.push(PendingOp { id, op }),
                None => unreadable.push((Part::Op(id), op)),
            }
        }
        let added = self.added_since(head.next_id)?;
        if !unreadable.is_empty() {
            return Err(self.gather(text, unreadable));
        }
        let mut known = head.ops.clone();
        known.extend(added.iter().map(|p| p.id));
        replica.loaded = head.loaded;
        replica.etag = head.etag.clone();
        replica.stale = head.stale;
        replica.next_id = added.last().map_or(head.next_id, |p| p.id + 1);
        replica.last_synced_at = head.last_synced_at.clone();
        outbox.extend(added);
        replica.outbox = outbox;
        self.written = Some((head, known));
        Ok(())
    }

    /// The edits added after the head was written, from `id` on: `{key}:op:{id}`,
    /// `{id + 1}`, ... until one is missing. On failure, the texts that could not be read.
    fn added_since(&mut self, mut id: u64) -> Result<Vec<PendingOp>, String> {
        let mut added = Vec::new();
        while let Some(text) = self.area.get(Part::Op(id)) {
            match Operation::from_json_str(&text) {
                Some(op) => added.push(PendingOp { id, op }),
                None => return Err(self.gather("", vec![(Part::Op(id), Some(text))])),
            }
            id += 1;
        }
        Ok(added)
    }

    /// The texts of an unreadable slot, as one JSON object by key (the head's under `key`
    /// unless `head` is empty), to keep aside.
    fn gather(&self, head: &str, parts: Vec<(Part, Option<String>)>) -> String {
        let mut texts = Object::new();
        if !head.is_empty() {
            texts.insert(self.key.clone(), head.into());
        }
        for (part, value) in parts {
            texts.insert(part.key(&self.key), value.map_or(Json::Null, Json::String));
        }
        texts.to_json_string()
    }

    /// Writes what changed since the last read or write. An edit alone writes its own key;
    /// otherwise the base when it is another, the new edits, then the head; then the edits
    /// that left the outbox are removed.
    pub fn write(&mut self, replica: &Replica) -> Result<(), &'static str> {
        let refused = "the browser refused to store the replica (base and outbox)";
        if let Some(from) = self.appended_from(replica) {
            let new = replica.outbox.get(from..).unwrap_or_default();
            for pending in new {
                let text = pending.op.to_json_string();
                if !self.area.set(Part::Op(pending.id), &text) {
                    return Err(refused);
                }
                if let Some((_, known)) = &mut self.written {
                    known.push(pending.id);
                }
            }
            return Ok(());
        }
        let head = Head::of(replica);
        let (written, known) = match self.written.take() {
            Some((h, known)) => (Some(h), known),
            None => (None, Vec::new()),
        };
        if written.as_ref().map(Mark::of_head) != Some(Mark::of_head(&head)) {
            match &replica.base {
                Some(base) => {
                    if !self.area.set(Part::Base, &base.to_json_string()) {
                        return Err(refused);
                    }
                }
                None => self.area.remove(Part::Base),
            }
        }
        for pending in replica.outbox.iter().filter(|p| known.binary_search(&p.id).is_err()) {
            let text = pending.op.to_json_string();
            if !self.area.set(Part::Op(pending.id), &text) {
                return Err(refused);
            }
        }
        let text = head.to_json_string();
        if !self.area.set(Part::Head, &text) {
            return Err(refused);
        }
        for id in known.iter().filter(|id| head.ops.binary_search(id).is_err()) {
            self.area.remove(Part::Op(*id));
        }
        self.seen = Some(text);
        let ops = head.ops.clone();
        self.written = Some((head, ops));
        Ok(())
    }

    /// When the replica differs from what is stored only by edits added at the end (with
    /// ids from the head's `nextId` on), the index of the first of them: those edits are
    /// all there is to write.
    fn appended_from(&self, replica: &Replica) -> Option<usize> {
        let (head, known) = self.written.as_ref()?;
        let same = head.loaded == replica.loaded
            && head.stale == replica.stale
            && head.etag == replica.etag
            && head.base == replica.base.is_some()
            && head.last_synced_at.as_ref().map(Timestamp::as_str)
                == replica.last_synced_at.as_ref().map(Timestamp::as_str)
            && replica.outbox.len() >= known.len()
            && replica.outbox.iter().zip(known).all(|(p, id)| p.id == *id);
        // Readers find added edits by reading on from the head's `nextId` until a key is
        // missing, so the new ones must follow the known ones without a gap.
        let first = known.last().map_or(head.next_id, |k| (k + 1).max(head.next_id));
        let new = replica.outbox.get(known.len()..).unwrap_or_default();
        let gapless = new.iter().zip(first..).all(|(p, id)| p.id == id);
        (same && gapless).then_some(known.len())
    }

    /// Removes the replica: the head, the base and every edit the head names or follows.
    pub fn clear(&mut self) {
        let head = self.area.get(Part::Head).as_deref().and_then(parse_head);
        let mut ids: Vec<u64> = self.written.take().map(|(_, known)| known).unwrap_or_default();
        if let Some(head) = head {
            ids.extend(head.ops);
            let mut id = head.next_id;
            while self.area.get(Part::Op(id)).is_some() {
                ids.push(id);
                id += 1;
            }
        }
        for id in ids {
            self.area.remove(Part::Op(id));
        }
        self.area.remove(Part::Base);
        self.area.remove(Part::Head);
        self.seen = None;
    }
}

/// The head in `text`, when it is a version 3 one. Versions 1 and 2, which kept everything
/// under the one key, were written only by development builds before the first release:
/// such a text is not read but kept aside and reported, as any text this version cannot read
/// (reading them cost 1 KB gzip).
fn parse_head(text: &str) -> Option<Head> {
    let json = json::parse(text).ok()?;
    let json = json.as_object()?;
    let number = |key| json.get(key)?.as_u64();
    let flag = |key| json.get(key)?.as_bool();
    if number("v")? != 3 {
        return None;
    }
    let ops = json.get("ops")?.as_array()?.iter().map(Json::as_u64).collect::<Option<_>>()?;
    Some(Head {
        v: 3,
        loaded: flag("loaded")?,
        etag: json.optional_str("etag")?.map(str::to_owned),
        stale: flag("stale")?,
        next_id: number("nextId")?,
        last_synced_at: json.optional_str("lastSyncedAt")?.map(Timestamp::parse).transpose().ok()?,
        base: flag("base")?,
        ops,
    })
}

impl ToJson for Head {
    fn write_json(&self, out: &mut String) {
        Fields::new(out)
            .put("v", &u64::from(self.v))
            .put("loaded", &self.loaded)
            .put("etag", &self.etag)
            .put("stale", &self.stale)
            .put("nextId", &self.next_id)
            .put("lastSyncedAt", &self.last_synced_at)
            .put("base", &self.base)
            .put("ops", &self.ops)
            .close();
    }
}

impl Head {
    fn of(replica: &Replica) -> Head {
        Head {
            v: 3,
            loaded: replica.loaded,
            etag: replica.etag.clone(),
            stale: replica.stale,
            next_id: replica.next_id,
            last_synced_at: replica.last_synced_at.clone(),
            base: replica.base.is_some(),
            ops: replica.outbox.iter().map(|p| p.id).collect(),
        }
    }
}
