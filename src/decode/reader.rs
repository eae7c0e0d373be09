//! Typed reads of JSON text that record every problem at its JSON Pointer.
//!
//! A text is read in one of two modes. The first reads each field where it stands and gives
//! up at the first problem or repeated key: a valid text is then read once, with no tree and
//! no key copied. Only when it gives up is the text read again, collecting: each object's
//! fields are first located, then read in the model's order (the last of a repeated key
//! counts, as `JSON.parse` has it), so that problems are reported in a fixed order,
//! wherever they stand in the text.

use crate::issue::{Code, Issues, Pointer};
use crate::json::{integer, Integer, Kind, Object, Pull, Quoted};
use crate::limits::{MAX_ARRAY_ITEMS, MAX_SAFE_INTEGER, MAX_STRING_CHARS};
use crate::route::route_problem;
use crate::timestamp::{Timestamp, TimestampError};
use crate::uuid::is_hyphenated_uuid;

/// Walks a document, collecting errors instead of stopping at the first.
pub struct Reader {
    pub path: Pointer,
    pub errors: Issues,
    /// Reading to collect every problem, rather than to read a valid text fast.
    collecting: bool,
    /// The fast reading met a problem: the text must be read again, collecting.
    pub gave_up: bool,
}

/// A value reader: `None` when the value was refused (the reason is recorded when collecting).
pub type Read<T> = fn(&mut Reader, &mut Pull) -> Option<T>;

/// The fields of an object that the model knows: each name, and whether it is required.
pub type Known = [(&'static str, bool)];

impl Reader {
    pub fn new(prefix: &str, collecting: bool) -> Self {
        Reader { path: Pointer::at(prefix), errors: Issues::default(), collecting, gave_up: false }
    }

    /// Records a problem where the reader is (collecting), or gives up (fast).
    pub fn fail<T>(&mut self, code: Code, message: impl Into<String>) -> Option<T> {
        if self.collecting {
            self.errors.push(self.path.issue(code, message));
        } else {
            self.gave_up = true;
        }
        None
    }

    /// Reads an object: each field of `known` with `read(reader, text, index in known)`,
    /// which keeps the value; the other fields are returned as they are. `None` when the
    /// value is not an object or a field was refused.
    pub fn fields(
        &mut self,
        p: &mut Pull,
        known: &Known,
        read: &mut dyn FnMut(&mut Reader, &mut Pull, usize),
    ) -> Option<Object> {
        if !self.open(p, Kind::Object) {
            return None;
        }
        let errors = self.errors.total;
        // Where each known field's value starts (collecting), or which were read (not).
        let mut starts = vec![None; if self.collecting { known.len() } else { 0 }];
        let mut seen = 0u64;
        let mut extra = Vec::new();
        let mut first = true;
        // Fields mostly come in the model's order: the search starts after the last one found.
        let mut next = 0;
        while let Some(key) = p.key(first, known.get(next).map_or("", |k| k.0)) {
            first = false;
            let (earlier, later) = known.split_at(next.min(known.len()));
            // The expected key comes back as the name itself, found without comparing bytes.
            let same = |name: &str| (name.as_ptr(), name.len()) == (key.as_ptr(), key.len()) || name == key;
            let found = match later.iter().position(|(name, _)| same(name)) {
                Some(i) => Some(i + earlier.len()),
                None => earlier.iter().position(|(name, _)| same(name)),
            };
            next = found.map_or(next, |i| i + 1);
            match found {
                Some(i) if self.collecting => {
                    if let Some(start) = starts.get_mut(i) {
                        *start = Some(p.position());
                    }
                    p.skip();
                }
                Some(i) => {
                    if seen & (1 << i) != 0 {
                        // A repeated key: the collecting reading takes its last value.
                        self.gave_up = true;
                    } else {
                        seen |= 1 << i;
                        read(self, p, i);
                    }
                    if self.gave_up {
                        p.stop();
                        return None;
                    }
                }
                None => {
                    if let Some(value) = p.value() {
                        extra.push((key.into_owned(), value));
                    }
                }
            }
        }
        let end = p.position();
        for (i, &(name, required)) in known.iter().enumerate() {
            let start = starts.get(i).copied().flatten();
            let present = start.is_some() || seen & (1 << i) != 0;
            if start.is_none() && (present || !required) {
                continue;
            }
            let mark = self.path.push_key(name);
            match start {
                Some(at) => {
                    p.revisit(at);
                    read(self, p, i);
                    p.resume(end);
                }
                None => {
                    self.fail::<()>(Code::Required, format!("`{name}` is required"));
                }
            }
            self.path.restore(mark);
        }
        (self.errors.total == errors && !self.gave_up).then(|| Object::of_fields(extra))
    }

    /// Reads an array of at most `max` items, every item, so that one bad item does not
    /// hide another.
    pub fn array<T>(&mut self, p: &mut Pull, max: usize, read: Read<T>) -> Option<Vec<T>> {
        if !self.open(p, Kind::Array) {
            return None;
        }
        let (listed, total) = (self.errors.list.len(), self.errors.total);
        let mut items = Vec::new();
        let mut count = 0;
        let mut first = true;
        while p.item(first) {
            first = false;
            if count < max {
                // Only problems that are kept need to say where they are.
                let mark = self.collecting.then(|| self.path.push_index(count));
                if let Some(item) = read(self, p) {
                    items.push(item);
                }
                if let Some(mark) = mark {
                    self.path.restore(mark);
                }
            } else {
                p.skip();
            }
            count += 1;
            if self.gave_up {
                p.stop();
                return None;
            }
        }
        if count > max {
            // An array too long is one problem, whatever its items.
            self.errors.list.truncate(listed);
            self.errors.total = total;
            return self.fail(Code::TooLarge, format!("has {count} entries; at most {max} are allowed"));
        }
        (items.len() == count).then_some(items)
    }

    /// Whether the next value is of type `want`; when it is not, reads past it and records
    /// that it must be `what` ("a string", "an integer"). `None` when there is no value.
    fn check_kind(&mut self, p: &mut Pull, want: Kind, what: &str) -> Option<()> {
        let kind = p.kind()?;
        if kind == want {
            return Some(());
        }
        p.skip();
        self.fail(Code::Type, format!("must be {what}, not {}", kind.name()))
    }

    /// Enters an object or an array, or records that the value is something else.
    fn open(&mut self, p: &mut Pull, want: Kind) -> bool {
        self.check_kind(p, want, want.name()).is_some() && p.open()
    }

    /// A string within the length limit.
    pub fn string(&mut self, p: &mut Pull) -> Option<String> {
        self.check_kind(p, Kind::String, Kind::String.name())?;
        let s = p.string()?;
        // UTF-8 takes at least a byte per character: only a long text needs counting.
        if s.len() > MAX_STRING_CHARS && s.chars().nth(MAX_STRING_CHARS).is_some() {
            return self.fail(Code::TooLarge, format!("is longer than {MAX_STRING_CHARS} characters"));
        }
        Some(s)
    }

    pub fn non_empty_string(&mut self, p: &mut Pull) -> Option<String> {
        let s = self.string(p)?;
        if s.is_empty() {
            return self.fail(Code::Empty, "must not be empty");
        }
        Some(s)
    }

    pub fn string_array(&mut self, p: &mut Pull) -> Option<Vec<String>> {
        self.array(p, MAX_ARRAY_ITEMS, Reader::string)
    }

    pub fn timestamp(&mut self, p: &mut Pull) -> Option<Timestamp> {
        let s = self.string(p)?;
        match Timestamp::parse(&s) {
            Ok(t) => Some(t),
            Err(TimestampError::Shape) => self.fail(
                Code::Format,
                format!("must be an RFC 3339 date-time with an offset, like 2024-01-31T09:30:00Z (got {})", Quoted(&s)),
            ),
            Err(TimestampError::Value) => {
                self.fail(Code::Format, format!("is not a real date and time (got {})", Quoted(&s)))
            }
        }
    }

    pub fn uuid(&mut self, p: &mut Pull) -> Option<String> {
        let s = self.string(p)?;
        if is_hyphenated_uuid(&s) {
            return Some(s);
        }
        self.fail(
            Code::Format,
            format!("must be a hyphenated UUID like 123e4567-e89b-12d3-a456-426614174000 (got {})", Quoted(&s)),
        )
    }

    /// A non-empty string that is a safe in-app route.
    pub fn route(&mut self, p: &mut Pull) -> Option<String> {
        let s = self.non_empty_string(p)?;
        match route_problem(&s) {
            None => Some(s),
            Some(why) => self.fail(Code::UnsafeRoute, format!("{why} (got {})", Quoted(&s))),
        }
    }

    /// An integer a JS number holds exactly; `2.0` counts, `2.5` and `"2"` do not.
    pub fn integer(&mut self, p: &mut Pull) -> Option<i64> {
        self.check_kind(p, Kind::Number, "an integer")?;
        let n = p.number()?;
        match integer(n, MAX_SAFE_INTEGER.unsigned_abs()) {
            Integer::Within(i) => Some(i),
            Integer::Fraction => self.fail(Code::Type, format!("must be an integer, not the fraction {n}")),
            Integer::Beyond => {
                // Written as a u64, the module's one wide integer formatter.
                let max = MAX_SAFE_INTEGER.unsigned_abs();
                self.fail(Code::Range, format!("must be between -{max} and {max} (got {n})"))
            }
        }
    }

    /// One of a fixed set of strings, matched exactly.
    pub fn one_of<T>(&mut self, p: &mut Pull, parse: fn(&str) -> Option<T>, allowed: &[&str]) -> Option<T> {
        // Read where it stands: the text is only matched (or quoted in an error), not kept.
        self.check_kind(p, Kind::String, Kind::String.name())?;
        let s = p.text()?;
        if let Some(v) = parse(&s) {
            return Some(v);
        }
        self.fail(Code::Enum, format!("must be one of {} (got {})", allowed.join(", "), Quoted(&s)))
    }
}
