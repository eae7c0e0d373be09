//! Values to JSON text, written straight into one `String`.

use super::{Json, Object};

/// A value that writes itself as JSON.
pub trait ToJson {
    fn write_json(&self, out: &mut String);

    fn to_json_string(&self) -> String
    where
        Self: Sized,
    {
        text_of(self)
    }
}

/// The JSON text of `value`: one function for every type, not a copy per type.
pub fn text_of(value: &dyn ToJson) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// A string shown in a message as its JSON text (`"a\"b"`). Messages quote input this way
/// rather than with `{:?}`, whose escaping code is a kilobyte and a half of the module.
pub struct Quoted<'a>(pub &'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut text = String::new();
        write_str(&mut text, self.0);
        f.write_str(&text)
    }
}

/// Writes `s` as a JSON string, escaped as serde_json and `JSON.stringify` do.
pub fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut start = 0;
    for (i, byte) in s.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Writes an object's fields one by one: `put` and `opt` for known fields, in the API's
/// order, then `end` with the unknown ones, or `close`.
pub struct Fields<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Fields<'a> {
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Fields { out, first: true }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(':');
    }

    pub fn put(&mut self, key: &str, value: &dyn ToJson) -> &mut Self {
        self.key(key);
        value.write_json(self.out);
        self
    }

    /// A field that is left out when it is `None`.
    pub fn opt<T: ToJson>(&mut self, key: &str, value: &Option<T>) -> &mut Self {
        if let Some(value) = value {
            self.put(key, value);
        }
        self
    }

    /// Ends the object after the fields of `extra`.
    pub fn end(&mut self, extra: &Object) {
        for (key, value) in extra.iter() {
            self.put(key, value);
        }
        self.close();
    }

    /// Ends the object.
    pub fn close(&mut self) {
        self.out.push('}');
    }
}

impl ToJson for Json {
    fn write_json(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => b.write_json(out),
            Json::Number(text) => out.push_str(text),
            Json::String(s) => write_str(out, s),
            Json::Array(items) => items.write_json(out),
            Json::Object(object) => object.write_json(out),
        }
    }
}

impl ToJson for Object {
    fn write_json(&self, out: &mut String) {
        Fields::new(out).end(self);
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for u64 {
    fn write_json(&self, out: &mut String) {
        let mut digits = [0u8; 20];
        let mut n = *self;
        let mut at = digits.len();
        loop {
            at -= 1;
            if let Some(d) = digits.get_mut(at) {
                *d = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || at == 0 {
                break;
            }
        }
        digits.get(at..).unwrap_or_default().iter().for_each(|&d| out.push(char::from(d)));
    }
}

impl ToJson for i64 {
    fn write_json(&self, out: &mut String) {
        if *self < 0 {
            out.push('-');
        }
        self.unsigned_abs().write_json(out);
    }
}

impl ToJson for usize {
    fn write_json(&self, out: &mut String) {
        (*self as u64).write_json(out);
    }
}

impl ToJson for u16 {
    fn write_json(&self, out: &mut String) {
        u64::from(*self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use super::{write_str, ToJson};
    use crate::json::parse;

    #[test]
    fn strings_are_escaped_as_json_stringify_does() {
        let mut out = String::new();
        write_str(&mut out, "a\"\\\n\r\t\u{8}\u{c}\u{1}\u{1f}é😀/");
        assert_eq!(out, r#""a\"\\\n\r\t\b\f\u0001\u001fé😀/""#);
    }

    #[test]
    fn values_write_back_as_they_read() {
        let text = r#"{"b":[1,-2.50e+3,true,null,{}],"a":"x\u0001","c":[],"d":0.1}"#;
        assert_eq!(parse(text).unwrap().to_json_string(), text);
        for n in [0u64, 7, 10, 1234567890, u64::MAX] {
            assert_eq!(n.to_json_string(), n.to_string());
        }
        assert_eq!(i64::MIN.to_json_string(), i64::MIN.to_string());
        assert_eq!((-5i64).to_json_string(), "-5");
    }
}
