//! The module's one sort: a stable merge sort of indices under a comparison given as a
//! trait object. Every ordering the library needs (steps for display, step ids and object
//! keys for repeats, changed steps) is an order of indices into a slice, so one small
//! function serves them all. The standard library's sorts are monomorphized per element
//! type and comparison: five of them were a sixth of the engine-only module.

use std::cmp::Ordering;

/// Sorts `indices` by `cmp`, stably: indices that compare equal keep their order.
pub fn sort_indices(indices: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    let mut from = indices.to_vec();
    let mut to = vec![0; indices.len()];
    let mut width = 1;
    while width < indices.len() {
        for (run, out) in from.chunks(2 * width).zip(to.chunks_mut(2 * width)) {
            let (left, right) = run.split_at(width.min(run.len()));
            merge(left, right, out, cmp);
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    indices.copy_from_slice(&from);
}

/// Merges two sorted runs into `out` (as long as both), the left one first among equals.
fn merge(left: &[usize], right: &[usize], out: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    // Runs already in order (common: fields and steps usually come sorted) are copied whole.
    if let (Some(&last), Some(&first)) = (left.last(), right.first()) {
        if cmp(last, first) != Ordering::Greater {
            for (slot, &index) in out.iter_mut().zip(left.iter().chain(right)) {
                *slot = index;
            }
            return;
        }
    }
    let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
    for slot in out.iter_mut() {
        let right_first = match (left.peek(), right.peek()) {
            (Some(&&a), Some(&&b)) => cmp(b, a) == Ordering::Less,
            (None, _) => true,
            (Some(_), None) => false,
        };
        let next = if right_first { right.next() } else { left.next() };
        if let Some(&index) = next {
            *slot = index;
        }
    }
}

/// Lookups by a string key into a slice, in log n each: its indices sorted by key. One
/// sort serves where a hash map would bring its own code into the module.
pub struct ByKey<'a, T> {
    items: &'a [T],
    key: fn(&T) -> &str,
    order: Vec<usize>,
}

impl<'a, T> ByKey<'a, T> {
    pub fn new(items: &'a [T], key: fn(&T) -> &str) -> Self {
        let mut order: Vec<usize> = (0..items.len()).collect();
        let of = |i: usize| items.get(i).map(key);
        sort_indices(&mut order, &|a, b| of(a).cmp(&of(b)));
        ByKey { items, key, order }
    }

    /// An item whose key is `wanted`.
    pub fn get(&self, wanted: &str) -> Option<&'a T> {
        let at = self.order.binary_search_by(|&i| self.items.get(i).map(self.key).cmp(&Some(wanted))).ok()?;
        self.items.get(*self.order.get(at)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_key() {
        let words = ["pear", "apple", "fig", "kiwi"];
        let by_word = ByKey::new(&words, |w| w);
        for w in words {
            assert_eq!(by_word.get(w), Some(&w));
        }
        assert_eq!(by_word.get("plum"), None);
        assert_eq!(ByKey::new(&[] as &[&str], |w| w).get("fig"), None);
    }

    /// Every length up to 40 with keys from a small range (so many are equal), against the
    /// standard library's stable sort.
    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut seed = 0x2545_f491_u64;
        for len in 0..40 {
            for _ in 0..20 {
                let keys: Vec<u64> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        seed % 5
                    })
                    .collect();
                let mut ours: Vec<usize> = (0..len).collect();
                sort_indices(&mut ours, &|a, b| keys.get(a).cmp(&keys.get(b)));
                let mut expected: Vec<usize> = (0..len).collect();
                expected.sort_by_key(|&i| keys.get(i));
                assert_eq!(ours, expected, "keys {keys:?}");
            }
        }
    }
}
