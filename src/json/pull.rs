//! JSON text read value by value, for a reader that builds its own types instead of a
//! tree. It accepts exactly what `parse` accepts, nesting counted alike. The first
//! syntax error stops it: from then on every step reads nothing, and `finish` gives that
//! error, the one `parse` gives for the same text.

use super::read::{ParseError, Parser};
use super::Json;
use std::borrow::Cow;

/// The JSON types, as a value's first character tells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    /// The type, for messages ("must be a string, not a number").
    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

pub struct Pull<'a> {
    parser: Parser<'a>,
    failed: Option<ParseError>,
    stopped: bool,
}

impl<'a> Pull<'a> {
    pub fn new(text: &'a str) -> Self {
        Pull { parser: Parser::new(text), failed: None, stopped: false }
    }

    /// Reads nothing more: the caller has seen enough.
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    fn fail(&mut self, error: ParseError) {
        self.failed.get_or_insert(error);
        self.stopped = true;
    }

    /// The type of the next value; `None` when there is no value there (the text is not
    /// JSON) or reading has stopped.
    pub fn kind(&mut self) -> Option<Kind> {
        if self.stopped {
            return None;
        }
        self.parser.skip_space();
        Some(match self.parser.peek() {
            Some(b'"') => Kind::String,
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') => Kind::Null,
            Some(b'-' | b'0'..=b'9') => Kind::Number,
            _ => {
                // Not a value: `skip` finds the error `parse` reports here.
                self.skip();
                return None;
            }
        })
    }

    /// One step of the parser, unless reading has stopped; a syntax error stops it.
    fn step<T>(&mut self, read: impl FnOnce(&mut Parser<'a>) -> Result<T, ParseError>) -> Option<T> {
        if self.stopped {
            return None;
        }
        read(&mut self.parser).map_err(|e| self.fail(e)).ok()
    }

    /// Enters the object or array that `kind` announced.
    pub fn open(&mut self) -> bool {
        self.step(Parser::enter).is_some()
    }

    /// The next key of the open object (`first` right after `open`); `None` when it closes.
    /// `expected`, the key most likely next, is matched where it stands when it is there.
    pub fn key(&mut self, first: bool, expected: &'static str) -> Option<Cow<'a, str>> {
        self.step(|p| p.next_key(first, expected)).flatten()
    }

    /// Whether another item of the open array follows (`first` right after `open`).
    pub fn item(&mut self, first: bool) -> bool {
        self.step(|p| p.next_item(first)).unwrap_or(false)
    }

    /// The string that `kind` announced.
    pub fn string(&mut self) -> Option<String> {
        self.text().map(Cow::into_owned)
    }

    /// The string that `kind` announced, borrowed from the input when it has no escapes.
    pub fn text(&mut self) -> Option<Cow<'a, str>> {
        self.step(|p| {
            p.at += 1;
            p.text_of_string()
        })
    }

    /// The text of the number that `kind` announced.
    pub fn number(&mut self) -> Option<&'a str> {
        self.step(Parser::number)
    }

    /// The next value, as a tree.
    pub fn value(&mut self) -> Option<Json> {
        self.step(Parser::value)
    }

    /// Reads past the next value, building nothing.
    pub fn skip(&mut self) {
        self.step(Parser::skip_value);
    }

    /// Where the reading is, for `revisit`.
    pub fn position(&self) -> usize {
        self.parser.at
    }

    /// Goes back to `at`, inside the object that was just read (`resume` comes back).
    pub fn revisit(&mut self, at: usize) {
        self.parser.at = at;
        self.parser.depth += 1;
    }

    /// Goes on from `at`, after the object `revisit` went back into.
    pub fn resume(&mut self, at: usize) {
        self.parser.at = at;
        self.parser.depth = self.parser.depth.saturating_sub(1);
    }

    /// The first syntax error, or an error when more than whitespace follows the value.
    pub fn finish(mut self) -> Result<(), ParseError> {
        match self.failed.take() {
            Some(error) => Err(error),
            None => self.parser.end(),
        }
    }
}
