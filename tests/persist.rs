//! The stored layout of a replica (`sync::persist`): what each write touches, what a
//! second writer (another tab) sees, old versions and unreadable texts.

mod common;

use common::{CHECKLIST, USER_PROPERTIES};
use guided_checklist::ops::parse_at;
use guided_checklist::sync::persist::{Area, Part, Slot, Stored, Taken};
use guided_checklist::sync::replica::Replica;
use guided_checklist::{GuidedChecklist, Operation, Timestamp, UserProperties};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The slot's key in `Texts`.
const KEY: &str = "k";

/// A `localStorage` shared by the slots made from it, which logs every write.
#[derive(Clone, Default)]
struct Texts {
    map: Rc<RefCell<BTreeMap<String, String>>>,
    writes: Rc<RefCell<Vec<String>>>,
    refuse: Rc<RefCell<bool>>,
}

impl Area for Texts {
    fn get(&mut self, part: Part) -> Option<String> {
        self.map.borrow().get(&part.key(KEY)).cloned()
    }
    fn set(&mut self, part: Part, value: &str) -> bool {
        if *self.refuse.borrow() {
            return false;
        }
        let key = part.key(KEY);
        self.writes.borrow_mut().push(key.clone());
        self.map.borrow_mut().insert(key, value.to_owned());
        true
    }
    fn remove(&mut self, part: Part) {
        let key = part.key(KEY);
        self.writes.borrow_mut().push(format!("-{key}"));
        self.map.borrow_mut().remove(&key);
    }
}

impl Texts {
    fn slot(&self) -> Slot<Texts> {
        Slot::new(self.clone(), KEY.into())
    }
    fn take_writes(&self) -> Vec<String> {
        std::mem::take(&mut self.writes.borrow_mut())
    }
    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}

fn at() -> Timestamp {
    parse_at("2024-05-01T12:00:00Z").unwrap()
}

fn record() -> UserProperties {
    let mut r = UserProperties::from_json_str(USER_PROPERTIES).unwrap();
    r.guided_checklist = Some(GuidedChecklist::from_json_str(CHECKLIST).unwrap());
    r
}

fn complete(id: &str) -> Operation {
    Operation::CompleteStep { step_id: id.into(), at: at(), by: None }
}

fn read(texts: &Texts) -> Replica {
    match texts.slot().read() {
        Stored::Readable(replica) => *replica,
        Stored::Empty => panic!("nothing stored"),
        Stored::Unreadable(t) => panic!("unreadable: {t}"),
    }
}

#[test]
fn an_edit_writes_its_own_entry_and_the_head_and_the_base_only_when_it_changes() {
    let texts = Texts::default();
    let mut slot = texts.slot();
    let mut r = Replica::default();
    r.rebase(Some(record()), Some("\"7\"".into()), at());
    slot.write(&r).unwrap();
    assert_eq!(texts.take_writes(), ["k:base", "k"]);
    r.push(complete("invite-team"));
    slot.write(&r).unwrap();
    assert_eq!(texts.take_writes(), ["k:op:0"], "an edit writes its own key, one setItem");
    assert_eq!(read(&texts), r, "a reload finds the edit after the head");
    r.push(Operation::Restore);
    r.stale = true;
    slot.write(&r).unwrap();
    assert_eq!(texts.take_writes(), ["k:op:1", "k"], "a flag changed: the head is written too");
    assert_eq!(read(&texts), r, "a reload finds everything");

    let outgoing = r.outgoing().unwrap();
    r.acknowledge(&outgoing.sent, record(), Some("\"8\"".into()), parse_at("2024-05-01T12:00:01Z").unwrap());
    slot.write(&r).unwrap();
    assert_eq!(texts.take_writes(), ["k:base", "k", "-k:op:0", "-k:op:1"], "the new base, then the sent edits leave");
    assert_eq!(read(&texts), r);
    slot.clear();
    assert!(texts.keys().is_empty(), "{:?}", texts.keys());
}

#[test]
fn another_writer_s_edits_and_base_are_taken_and_the_same_head_costs_nothing() {
    let texts = Texts::default();
    let (mut tab_a, mut tab_b) = (texts.slot(), texts.slot());
    let mut a = Replica::default();
    a.rebase(Some(record()), Some("\"7\"".into()), at());
    a.push(complete("invite-team"));
    tab_a.write(&a).unwrap();
    let Stored::Readable(b) = tab_b.read() else { panic!("tab b reads") };
    let mut b = *b;
    assert_eq!(b, a);
    assert!(matches!(tab_b.take_changes(&mut b), Taken::Same));

    a.push(Operation::Restore);
    tab_a.write(&a).unwrap();
    assert!(matches!(tab_b.take_changes(&mut b), Taken::Changed));
    assert_eq!(b, a, "tab b holds tab a's new edit");

    texts.take_writes();
    b.push(complete("connect-data"));
    tab_b.write(&b).unwrap();
    assert_eq!(texts.take_writes(), ["k:op:2"]);
    assert!(matches!(tab_a.take_changes(&mut a), Taken::Changed), "an edit added after the head is found");
    assert_eq!(a, b);
    a.push(Operation::Restore);
    tab_a.write(&a).unwrap();
    assert!(matches!(tab_b.take_changes(&mut b), Taken::Changed));
    assert_eq!((b.outbox.len(), b.next_id), (4, 4));

    let outgoing = a.outgoing().unwrap();
    a.acknowledge(&outgoing.sent, record(), Some("\"8\"".into()), at());
    tab_a.write(&a).unwrap();
    assert!(matches!(tab_b.take_changes(&mut b), Taken::Changed));
    assert_eq!(b, a, "the new base and the empty outbox reach tab b");
    assert!(texts.keys().iter().all(|k| !k.contains(":op:")), "{:?}", texts.keys());
}

#[test]
fn a_base_at_the_nesting_limit_reads_back_from_storage() {
    // 127 levels in all, the engine's limit: the record, its checklist, 125 nested arrays.
    let deep = format!("{}{}", "[".repeat(125), "]".repeat(125));
    let text = format!(
        r#"{{"userId":"u","createdDate":"2024-01-01T00:00:00Z","modifiedDate":"2024-01-01T00:00:00Z",
            "guidedChecklist":{{"track":"A","computedAt":"2024-01-01T00:00:00Z","x-deep":{deep}}}}}"#
    );
    let record = UserProperties::from_json_str(&text).expect("the record is within the limits");
    let replica = Replica { base: Some(record), loaded: true, ..Replica::default() };
    let texts = Texts::default();
    texts.slot().write(&replica).unwrap();
    assert_eq!(read(&texts), replica, "storing adds no nesting");
}

#[test]
fn a_version_two_text_is_not_read_but_returned_whole_to_be_kept_aside() {
    // Versions 1 and 2 were written only by development builds before the first release.
    let texts = Texts::default();
    let v2 = r#"{"v":2,"base":null,"loaded":true,"etag":null,"stale":false,
                 "outbox":[{"id":4,"op":{"type":"restore"}}],"nextId":5,"lastSyncedAt":null}"#;
    texts.map.borrow_mut().insert("k".into(), v2.into());
    assert!(matches!(texts.slot().read(), Stored::Unreadable(t) if t == v2));
    let mut changed = Replica::default();
    assert!(matches!(texts.slot().take_changes(&mut changed), Taken::Unreadable(t) if t == v2));
    assert_eq!(changed, Replica::default(), "the replica is untouched");
}

#[test]
fn unreadable_texts_are_returned_whole_and_a_refusal_is_an_error() {
    let texts = Texts::default();
    texts.map.borrow_mut().insert("k".into(), "{\"v\":1,\"outbox\":[".into());
    assert!(matches!(texts.slot().read(), Stored::Unreadable(t) if t == "{\"v\":1,\"outbox\":["));

    let mut r = Replica::default();
    r.push(Operation::Restore);
    texts.slot().write(&r).unwrap();
    texts.map.borrow_mut().insert("k:op:0".into(), "{\"type\":".into());
    let Stored::Unreadable(t) = texts.slot().read() else { panic!("a corrupt edit makes the slot unreadable") };
    assert!(t.contains("k:op:0") && t.contains("\\\"type\\\":"), "{t}");

    *texts.refuse.borrow_mut() = true;
    assert!(texts.slot().write(&r).is_err());
}

#[test]
fn an_edit_after_a_dropped_one_rewrites_the_head_so_a_reload_still_finds_it() {
    let texts = Texts::default();
    let mut slot = texts.slot();
    let mut r = Replica::default();
    r.push(Operation::Restore);
    slot.write(&r).unwrap();
    r.push(complete("a"));
    slot.write(&r).unwrap();
    texts.take_writes();
    r.drop_ops(&[1]);
    r.push(complete("b"));
    slot.write(&r).unwrap();
    assert_eq!(texts.take_writes(), ["k:op:2", "k", "-k:op:1"]);
    assert_eq!(read(&texts), r);
    r.stale = true;
    r.push(complete("c"));
    slot.write(&r).unwrap();
    assert_eq!(read(&texts), r);
}
