//! JSON text to a `Json` tree, in one pass over the bytes.

use super::{Json, Object};
use crate::limits::chars_in;
use std::borrow::Cow;
use std::fmt;

/// Why a text is not JSON this library reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Arrays and objects nest deeper than 127 levels (serde_json's limit, which earlier
    /// versions had, so that what they stored still reads).
    TooDeep,
    /// Not JSON: what was wrong, and where (1-based line and column, in characters).
    Syntax { what: &'static str, line: usize, column: usize },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ParseError::TooDeep => f.write_str("nested deeper than 127 levels"),
            ParseError::Syntax { what, line, column } => write!(f, "{what} at line {line} column {column}"),
        }
    }
}

/// Parses `text`, which holds one JSON value and optional whitespace around it.
pub fn parse(text: &str) -> Result<Json, ParseError> {
    let mut parser = Parser::new(text);
    let value = parser.value()?;
    parser.end()?;
    Ok(value)
}

/// How deep arrays and objects may nest.
const MAX_DEPTH: usize = 127;

pub(super) struct Parser<'a> {
    text: &'a str,
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
    pub(super) depth: usize,
    /// The fields of the objects being read, innermost last: each object's are moved out
    /// into a vector of their exact size, instead of growing one per object.
    fields: Vec<(String, Json)>,
    /// The same for the items of arrays.
    items: Vec<Json>,
}

// The steps that run per byte are `#[inline(always)]`: the crate is built for size
// (opt-level "z"), which would otherwise make each of them a call, and ingest measured
// 1.4-1.7x slower without them (2026-12-02, 10 to 1,000 steps). The per-key steps
// (`next_key`, `next_item`, `closes`) are left as calls: inlined into their many callers
// they cost 0.9 KB gzip for 1-4% of ingest.
impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Parser { text, bytes: text.as_bytes(), at: 0, depth: 0, fields: Vec::new(), items: Vec::new() }
    }

    /// Checks that only whitespace is left.
    pub(super) fn end(&mut self) -> Result<(), ParseError> {
        self.skip_space();
        if self.at < self.bytes.len() {
            return Err(self.error("trailing characters"));
        }
        Ok(())
    }

    fn error(&self, what: &'static str) -> ParseError {
        let before = self.text.get(..self.at.min(self.text.len())).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
        let column = chars_in(before.get(line_start..).unwrap_or_default()) + 1;
        ParseError::Syntax { what, line, column }
    }

    #[inline(always)]
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    pub(super) fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Skips whitespace, then takes `byte` if it comes next.
    #[inline(always)]
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    /// Enters the object or array whose bracket is next, one level deeper (`next_key` and
    /// `next_item` come back up when it closes).
    pub(super) fn enter(&mut self) -> Result<(), ParseError> {
        if self.depth == MAX_DEPTH {
            return Err(ParseError::TooDeep);
        }
        self.depth += 1;
        self.at += 1;
        Ok(())
    }

    pub(super) fn value(&mut self) -> Result<Json, ParseError> {
        self.walk(true)
    }

    /// Reads past a value, checking it as `value` does but building nothing.
    pub(super) fn skip_value(&mut self) -> Result<(), ParseError> {
        self.walk(false).map(drop)
    }

    /// The next value: as a tree when `build`, else only read and checked (`Json::Null`).
    /// One walk for both, so that skipping and building cannot disagree on what is JSON.
    fn walk(&mut self, build: bool) -> Result<Json, ParseError> {
        self.skip_space();
        let Some(byte) = self.peek() else { return Err(self.error("EOF while parsing a value")) };
        match byte {
            b'{' => {
                self.enter()?;
                let start = self.fields.len();
                let mut first = true;
                while let Some(key) = self.next_key(first, "")? {
                    first = false;
                    let value = self.walk(build)?;
                    if build {
                        self.fields.push((key.into_owned(), value));
                    }
                }
                let fields = self.fields.drain(start..).collect();
                Ok(if build { Json::Object(Object::of_fields(fields)) } else { Json::Null })
            }
            b'[' => {
                self.enter()?;
                let start = self.items.len();
                let mut first = true;
                while self.next_item(first)? {
                    first = false;
                    let item = self.walk(build)?;
                    if build {
                        self.items.push(item);
                    }
                }
                Ok(if build { Json::Array(self.items.drain(start..).collect()) } else { Json::Null })
            }
            b'"' => {
                self.at += 1;
                let text = self.text_of_string()?;
                Ok(if build { Json::String(text.into_owned()) } else { Json::Null })
            }
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            b'-' | b'0'..=b'9' => {
                let number = self.number()?;
                Ok(if build { Json::Number(number.to_owned()) } else { Json::Null })
            }
            _ => Err(self.error("expected value")),
        }
    }

    fn word(&mut self, word: &'static str, value: Json) -> Result<Json, ParseError> {
        if self.bytes.get(self.at..).is_some_and(|rest| rest.starts_with(word.as_bytes())) {
            self.at += word.len();
            return Ok(value);
        }
        Err(self.error("expected value"))
    }

    /// The next key of an object that `enter` entered (`first` right after it), up to its
    /// `:`; `None` when the object closes, one level up. A key written exactly as `expected` (which has
    /// no quote or backslash) is matched where it stands, without reading it as a string.
    pub(super) fn next_key(&mut self, first: bool, expected: &'static str) -> Result<Option<Cow<'a, str>>, ParseError> {
        if self.closes(first, b'}', "expected `,` or `}`")? {
            return Ok(None);
        }
        if !self.eat(b'"') {
            return Err(self.error(self.end_or("key must be a string")));
        }
        let end = self.at + expected.len();
        let key = if !expected.is_empty()
            && self.bytes.get(self.at..end) == Some(expected.as_bytes())
            && self.bytes.get(end) == Some(&b'"')
        {
            self.at = end + 1;
            Cow::Borrowed(expected)
        } else {
            self.text_of_string()?
        };
        if !self.eat(b':') {
            return Err(self.error(self.end_or("expected `:`")));
        }
        Ok(Some(key))
    }

    /// Whether another item follows in an array that `enter` entered (`first` right after
    /// it); false when the array closes, one level up.
    pub(super) fn next_item(&mut self, first: bool) -> Result<bool, ParseError> {
        Ok(!self.closes(first, b']', "expected `,` or `]`")?)
    }

    /// Whether the container closes with `close` here, one level up, rather than going on:
    /// after its opening (`first`) or, after an entry, past the `,` that separates the next.
    fn closes(&mut self, first: bool, close: u8, expected: &'static str) -> Result<bool, ParseError> {
        let closes = if first {
            self.eat(close)
        } else if self.eat(b',') {
            false
        } else if self.eat(close) {
            true
        } else {
            return Err(self.error(self.end_or(expected)));
        };
        if closes {
            self.depth = self.depth.saturating_sub(1);
        }
        Ok(closes)
    }

    /// `what`, or that the text ended, when it did.
    fn end_or(&self, what: &'static str) -> &'static str {
        if self.at < self.bytes.len() {
            what
        } else {
            "EOF while parsing"
        }
    }

    #[inline(always)]
    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// A number's text, as it stands.
    pub(super) fn number(&mut self) -> Result<&'a str, ParseError> {
        let start = self.at;
        self.at += usize::from(self.peek() == Some(b'-'));
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        Ok(self.text.get(start..self.at).unwrap_or_default())
    }

    /// The rest of a string whose opening quote was read, borrowed when it has no escapes.
    pub(super) fn text_of_string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        let plain = self.plain();
        if self.peek() == Some(b'"') {
            self.at += 1;
            return Ok(Cow::Borrowed(plain));
        }
        let mut out = String::with_capacity(plain.len() + 16);
        out.push_str(plain);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                None => return Err(self.error("EOF while parsing a string")),
                Some(_) => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
            }
            out.push_str(self.plain());
        }
    }

    /// The characters from here to the next quote, backslash or control character.
    #[inline(always)]
    fn plain(&mut self) -> &'a str {
        let start = self.at;
        // Eight bytes at a time while none of them ends the run, then byte by byte.
        while let Some(chunk) = self.bytes.get(self.at..self.at + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            if ends_run(u64::from_le_bytes(word)) {
                break;
            }
            self.at += 8;
        }
        while let Some(byte) = self.peek() {
            if byte == b'"' || byte == b'\\' || byte < 0x20 {
                break;
            }
            self.at += 1;
        }
        // The run stops before an ASCII byte or at the end: on a character boundary.
        self.text.get(start..self.at).unwrap_or_default()
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(byte) = self.peek() else { return Err(self.error("EOF while parsing a string")) };
        self.at += 1;
        let c = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex()?;
                match unit {
                    0xD800..=0xDBFF => {
                        if !(self.peek() == Some(b'\\') && self.bytes.get(self.at + 1) == Some(&b'u')) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.at += 2;
                        let low = self.hex()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        let code = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))?
                    }
                    _ => char::from_u32(u32::from(unit)).ok_or_else(|| self.error("invalid unicode code point"))?,
                }
            }
            _ => {
                // Where the bad escape letter is.
                self.at -= 1;
                return Err(self.error("invalid escape"));
            }
        };
        out.push(c);
        Ok(())
    }

    /// Four hex digits of a `\u` escape.
    fn hex(&mut self) -> Result<u16, ParseError> {
        let digits = self.text.get(self.at..self.at + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(unit) = digits.and_then(|d| u16::from_str_radix(d, 16).ok()) else {
            return Err(self.error(self.end_or("invalid escape")));
        };
        self.at += 4;
        Ok(unit)
    }
}

/// Whether any of the eight bytes in `word` is a quote, a backslash or a control character
/// (the bit tricks of "Bit Twiddling Hacks": a byte below n, a byte equal to zero).
#[inline(always)]
fn ends_run(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGH;
    let zero = |w: u64| below(w, 1);
    below(word, 0x20) | zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\'))) != 0
}

#[cfg(test)]
mod tests {
    use super::{parse, Json, ParseError};

    fn number(text: &str) -> Json {
        Json::Number(text.to_owned())
    }

    #[test]
    fn runs_end_at_quotes_backslashes_and_control_characters() {
        let word = |bytes: &[u8; 8]| super::ends_run(u64::from_le_bytes(*bytes));
        assert!(!word(b"abcdefgh"));
        assert!(!word(&[0x20, 0x7f, 0x80, 0xff, b'~', b'!', b'#', b'[']));
        for special in [b'"', b'\\', 0, 0x1f, b'\n'] {
            for at in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[at] = special;
                assert!(word(&bytes), "{special} at {at}");
            }
        }
    }

    #[test]
    fn values_read_as_written() {
        assert_eq!(parse(" null ").unwrap(), Json::Null);
        assert_eq!(
            parse("[true,false, -0.5e+3 ,1E2]").unwrap(),
            Json::Array(vec![Json::Bool(true), Json::Bool(false), number("-0.5e+3"), number("1E2")])
        );
        assert_eq!(
            parse(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00z""#).unwrap(),
            Json::from("a\"\\/\u{8}\u{c}\n\r\té😀z")
        );
        assert_eq!(parse(r#""é😀""#).unwrap(), Json::from("é😀"));
        let object = parse(r#"{"b": 1, "a": {"c": []}, "b": 2}"#).unwrap();
        let keys: Vec<_> = object.as_object().unwrap().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a"], "a repeated key keeps its first place");
        assert_eq!(object.get("b"), Some(&number("2")), "and its last value");
    }

    #[test]
    fn a_repeated_key_among_many_keeps_its_first_place_and_last_value() {
        let fields: Vec<String> = (0..40).map(|i| format!("\"k{}\": {i}", i % 30)).collect();
        let object = parse(&format!("{{{}}}", fields.join(","))).unwrap();
        let object = object.as_object().unwrap();
        assert_eq!(object.len(), 30);
        let keys: Vec<String> = object.iter().map(|(k, _)| k.clone()).collect();
        assert_eq!(keys, (0..30).map(|i| format!("k{i}")).collect::<Vec<_>>());
        assert_eq!(object.get("k3"), Some(&number("33")));
        assert_eq!(object.get("k29"), Some(&number("29")));
    }

    #[test]
    fn bad_texts_are_refused_with_where() {
        for (text, what, line, column) in [
            ("", "EOF while parsing a value", 1, 1),
            ("{\"a\": 1,\n \"b\" 2}", "expected `:`", 2, 6),
            ("[1 2]", "expected `,` or `]`", 1, 4),
            ("[1,", "EOF while parsing a value", 1, 4),
            ("{\"a\": 1", "EOF while parsing", 1, 8),
            ("{1: 2}", "key must be a string", 1, 2),
            ("01", "trailing characters", 1, 2),
            ("-", "invalid number", 1, 2),
            ("1.", "invalid number", 1, 3),
            ("1e+", "invalid number", 1, 4),
            ("tru", "expected value", 1, 1),
            ("\"a\u{1}\"", "control character (\\u0000-\\u001F) found while parsing a string", 1, 3),
            ("\"a\\x\"", "invalid escape", 1, 4),
            ("\"\\ud800\"", "lone leading surrogate in hex escape", 1, 8),
            ("\"\\ud800\\u0041\"", "lone leading surrogate in hex escape", 1, 14),
            ("\"\\u12\"", "invalid escape", 1, 4),
            ("\"é", "EOF while parsing a string", 1, 3),
        ] {
            assert_eq!(parse(text), Err(ParseError::Syntax { what, line, column }), "{text:?}");
        }
    }

    #[test]
    fn nesting_stops_at_127_levels() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(127)).is_ok());
        assert_eq!(parse(&deep(128)), Err(ParseError::TooDeep));
        assert_eq!(parse(&format!("{}1{}", "{\"a\":".repeat(128), "}".repeat(128))), Err(ParseError::TooDeep));
    }
}
