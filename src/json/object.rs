//! A JSON object: its fields in the order they came, each key once.

use super::Json;
use crate::sort::sort_indices;

/// A JSON object. A key given twice keeps its first place and its last value, as
/// `JSON.parse` does.
#[derive(Clone, Debug, Default)]
pub struct Object(Vec<(String, Json)>);

impl Object {
    pub fn new() -> Self {
        Object(Vec::new())
    }

    /// An object of `fields` that may name a key more than once.
    pub(crate) fn of_fields(mut fields: Vec<(String, Json)>) -> Self {
        if fields.len() <= 16 {
            // Few fields: comparing each with those before it is the cheapest.
            let mut i = 1;
            while i < fields.len() {
                let (before, rest) = fields.split_at(i);
                let key = rest.first().map(|(k, _)| k);
                if let Some(first) = before.iter().position(|(k, _)| Some(k) == key) {
                    let (_, value) = fields.remove(i);
                    if let Some(slot) = fields.get_mut(first) {
                        slot.1 = value;
                    }
                } else {
                    i += 1;
                }
            }
            return Object(fields);
        }
        // Many fields: sorted by key, a repeated key is next to its first.
        let mut order: Vec<usize> = (0..fields.len()).collect();
        let key = |at: usize| fields.get(at).map(|(k, _)| k.as_str());
        sort_indices(&mut order, &|a, b| key(a).cmp(&key(b)));
        let mut dropped = vec![false; fields.len()];
        // Each group of equal keys, earliest first: the earliest place takes each later
        // value in turn, and the later places go.
        let mut first = None;
        for &at in &order {
            match first {
                Some(place) if same_key(&fields, place, at) => {
                    fields.swap(place, at);
                    if let Some(flag) = dropped.get_mut(at) {
                        *flag = true;
                    }
                }
                _ => first = Some(at),
            }
        }
        let mut flags = dropped.into_iter();
        fields.retain(|_| !flags.next().unwrap_or(false));
        Object(fields)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A string field that may be absent or `null`; `None` when it is something else.
    pub fn optional_str(&self, key: &str) -> Option<Option<&str>> {
        match self.get(key) {
            None | Some(Json::Null) => Some(None),
            Some(value) => value.as_str().map(Some),
        }
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Takes out the field `key`; the others keep their order.
    pub fn remove(&mut self, key: &str) -> Option<Json> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets the field `key`, in its place when it is there, else last.
    pub fn insert(&mut self, key: String, value: Json) {
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Json)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// Whether the fields at `a` and `b` have one key.
fn same_key(fields: &[(String, Json)], a: usize, b: usize) -> bool {
    matches!((fields.get(a), fields.get(b)), (Some((x, _)), Some((y, _))) if x == y)
}

impl IntoIterator for Object {
    type Item = (String, Json);
    type IntoIter = std::vec::IntoIter<(String, Json)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Objects are equal when they have the same fields, in any order, as in JSON.
impl PartialEq for Object {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}
