//! The fast path for documents that are valid, as most are: typed straight from the text,
//! with the same checks as the collecting path (`Reader`), and no JSON tree but for the
//! fields this library does not know. Any problem ends it; the caller then reads the text
//! again on the collecting path, which reports every problem at its JSON Pointer.

use super::reader::Reader;
use crate::limits::{MAX_ARRAY_ITEMS, MAX_STEPS};
use crate::model::{Extra, GuidedChecklist, Step, StepStatus, Track, UserProperties};
use crate::timestamp::Timestamp;
use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Number, Value};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

/// A checklist from valid JSON text; `None` when anything is wrong with it.
pub fn checklist(text: &str) -> Option<GuidedChecklist> {
    read(text, Kind::Checklist)?.into_checklist()
}

/// A user-properties record from valid JSON text; `None` when anything is wrong with it.
pub fn user_properties(text: &str) -> Option<UserProperties> {
    match read(text, Kind::Record)? {
        Read::Record(record) => Some(*record),
        _ => None,
    }
}

fn read(text: &str, kind: Kind) -> Option<Read> {
    let mut reader = Reader::new("");
    let mut de = serde_json::Deserializer::from_str(text);
    let read = Seed(&mut reader, kind).deserialize(&mut de).ok()?;
    de.end().ok()?;
    reader.errors.is_empty().then_some(read)
}

/// What a seed reads.
#[derive(Clone, Copy)]
enum Kind {
    Record,
    Checklist,
    Steps,
    Step,
    Strings,
}

enum Read {
    Record(Box<UserProperties>),
    Checklist(GuidedChecklist),
    Steps(Vec<Step>),
    Step(Step),
    Strings(Vec<String>),
}

impl Read {
    fn into_checklist(self) -> Option<GuidedChecklist> {
        match self {
            Read::Checklist(c) => Some(c),
            _ => None,
        }
    }
}

/// Reads a `Kind` of value, checking it with the `Reader`'s rules. One seed type for every
/// kind means one instance of serde_json's map and sequence readers in the module, where a
/// type per kind would instantiate them again for each.
struct Seed<'r>(&'r mut Reader, Kind);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Read;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Read, D::Error> {
        match self.1 {
            Kind::Steps | Kind::Strings => de.deserialize_seq(self),
            _ => de.deserialize_map(self),
        }
    }
}

/// A map key or a short string, borrowed from the text when it has no escapes.
struct Text<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Of;
        impl<'de> Visitor<'de> for Of {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        de.deserialize_str(Of)
    }
}

/// Ends the fast path; the message is never shown.
fn stop<T, E: Error>() -> Result<T, E> {
    Err(E::custom("not on the fast path"))
}

/// A checked value, or the end of the fast path.
fn checked<T, E: Error>(value: Option<T>) -> Result<T, E> {
    value.map_or_else(stop, Ok)
}

/// Fills a field once: a key given twice leaves the fast path (the collecting path keeps
/// the last, as a JSON object does).
fn put<T, E: Error>(slot: &mut Option<T>, value: Option<T>) -> Result<(), E> {
    if slot.is_some() {
        return stop();
    }
    *slot = Some(checked(value)?);
    Ok(())
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a guided checklist document")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Read, A::Error> {
        let r = self.0;
        match self.1 {
            Kind::Strings => {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    if out.len() == MAX_ARRAY_ITEMS {
                        return stop();
                    }
                    out.push(checked(r.text(s))?);
                }
                Ok(Read::Strings(out))
            }
            Kind::Steps => {
                let mut out = Vec::new();
                while let Some(step) = seq.next_element_seed(Seed(r, Kind::Step))? {
                    let Read::Step(step) = step else { return stop() };
                    if out.len() == MAX_STEPS {
                        return stop();
                    }
                    out.push(step);
                }
                let mut ids = HashSet::with_capacity(out.len());
                if !out.iter().all(|s: &Step| ids.insert(s.step_id.as_str())) {
                    return stop();
                }
                Ok(Read::Steps(out))
            }
            _ => stop(),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        let r = self.0;
        let mut extra = Extra::new();
        match self.1 {
            Kind::Step => {
                let mut f = StepFields::default();
                while let Some(Text(key)) = map.next_key()? {
                    match key.as_ref() {
                        "stepId" => {
                            let s = map.next_value::<String>()?;
                            put(&mut f.step_id, r.text(s).and_then(|s| r.non_empty(s)))?
                        }
                        "title" => put(&mut f.title, r.text(map.next_value()?))?,
                        "description" => put(&mut f.description, r.text(map.next_value()?))?,
                        "ctaLabel" => put(&mut f.cta_label, r.text(map.next_value()?))?,
                        "ctaRoute" => {
                            let s = map.next_value::<String>()?;
                            put(&mut f.cta_route, r.text(s).and_then(|s| r.non_empty(s)).and_then(|s| r.route_text(s)))?
                        }
                        "status" => {
                            let Text(s) = map.next_value()?;
                            put(&mut f.status, r.one_of_text(&s, StepStatus::parse, &StepStatus::ALLOWED))?
                        }
                        "sortOrder" => put(&mut f.sort_order, r.integer_number(&map.next_value::<Number>()?))?,
                        "completedAt" => put(&mut f.completed_at, timestamp(r, map.next_value()?))?,
                        "completedBy" => {
                            let s = map.next_value::<String>()?;
                            put(&mut f.completed_by, r.text(s).and_then(|s| r.uuid_text(s)))?
                        }
                        "sourceRoles" => {
                            put(&mut f.source_roles, strings(map.next_value_seed(Seed(r, Kind::Strings))?))?
                        }
                        _ => {
                            extra.insert(key.into_owned(), map.next_value::<Value>()?);
                        }
                    }
                }
                Ok(Read::Step(checked(f.finish(extra))?))
            }
            Kind::Checklist => {
                let mut f = ChecklistFields::default();
                while let Some(Text(key)) = map.next_key()? {
                    match key.as_ref() {
                        "track" => {
                            let Text(s) = map.next_value()?;
                            put(&mut f.track, r.one_of_text(&s, Track::parse, &Track::ALLOWED))?
                        }
                        "roles" => put(&mut f.roles, strings(map.next_value_seed(Seed(r, Kind::Strings))?))?,
                        "productInterests" => {
                            put(&mut f.product_interests, strings(map.next_value_seed(Seed(r, Kind::Strings))?))?
                        }
                        "steps" => {
                            let steps = match map.next_value_seed(Seed(r, Kind::Steps))? {
                                Read::Steps(steps) => Some(steps),
                                _ => None,
                            };
                            put(&mut f.steps, steps)?
                        }
                        "computedAt" => put(&mut f.computed_at, timestamp(r, map.next_value()?))?,
                        "completedAt" => put(&mut f.completed_at, timestamp(r, map.next_value()?))?,
                        "dismissedAt" => put(&mut f.dismissed_at, timestamp(r, map.next_value()?))?,
                        _ => {
                            extra.insert(key.into_owned(), map.next_value::<Value>()?);
                        }
                    }
                }
                Ok(Read::Checklist(checked(f.finish(extra))?))
            }
            Kind::Record => {
                let (mut user_id, mut checklist, mut created, mut modified) = (None, None, None, None);
                while let Some(Text(key)) = map.next_key()? {
                    match key.as_ref() {
                        "userId" => {
                            let s = map.next_value::<String>()?;
                            put(&mut user_id, r.text(s).and_then(|s| r.non_empty(s)))?
                        }
                        "guidedChecklist" => {
                            let read = map.next_value_seed(Seed(r, Kind::Checklist))?;
                            put(&mut checklist, read.into_checklist())?
                        }
                        "createdDate" => put(&mut created, timestamp(r, map.next_value()?))?,
                        "modifiedDate" => put(&mut modified, timestamp(r, map.next_value()?))?,
                        _ => {
                            extra.insert(key.into_owned(), map.next_value::<Value>()?);
                        }
                    }
                }
                let (Some(user_id), Some(created_date), Some(modified_date)) = (user_id, created, modified) else {
                    return stop();
                };
                Ok(Read::Record(Box::new(UserProperties {
                    user_id,
                    guided_checklist: checklist,
                    created_date,
                    modified_date,
                    extra,
                })))
            }
            _ => stop(),
        }
    }
}

fn timestamp(r: &mut Reader, Text(s): Text<'_>) -> Option<Timestamp> {
    r.timestamp_text(&s)
}

fn strings(read: Read) -> Option<Vec<String>> {
    match read {
        Read::Strings(list) => Some(list),
        _ => None,
    }
}

#[derive(Default)]
struct StepFields {
    step_id: Option<String>,
    title: Option<String>,
    description: Option<String>,
    cta_label: Option<String>,
    cta_route: Option<String>,
    status: Option<StepStatus>,
    sort_order: Option<i64>,
    completed_at: Option<Timestamp>,
    completed_by: Option<String>,
    source_roles: Option<Vec<String>>,
}

impl StepFields {
    fn finish(self, extra: Extra) -> Option<Step> {
        Some(Step {
            step_id: self.step_id?,
            title: self.title?,
            description: self.description?,
            cta_label: self.cta_label?,
            cta_route: self.cta_route?,
            status: self.status?,
            sort_order: self.sort_order?,
            completed_at: self.completed_at,
            completed_by: self.completed_by,
            source_roles: self.source_roles,
            extra,
        })
    }
}

#[derive(Default)]
struct ChecklistFields {
    track: Option<Track>,
    roles: Option<Vec<String>>,
    product_interests: Option<Vec<String>>,
    steps: Option<Vec<Step>>,
    computed_at: Option<Timestamp>,
    completed_at: Option<Timestamp>,
    dismissed_at: Option<Timestamp>,
}

impl ChecklistFields {
    fn finish(self, extra: Extra) -> Option<GuidedChecklist> {
        Some(GuidedChecklist {
            track: self.track?,
            roles: self.roles,
            product_interests: self.product_interests,
            steps: self.steps,
            computed_at: self.computed_at?,
            completed_at: self.completed_at,
            dismissed_at: self.dismissed_at,
            extra,
        })
    }
}
