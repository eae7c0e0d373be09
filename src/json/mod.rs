//! JSON of this library's own: a tree, a reader and a writer. Numbers keep the text they
//! were written with, so unknown fields come back exactly as they came, with no float
//! parsing or formatting in the module; objects keep their keys in the order they came.
//! serde and serde_json did this for about half the module's bytes.

mod object;
mod pull;
mod read;
mod write;

pub use object::Object;
pub(crate) use pull::{Kind, Pull};
pub use read::{parse, ParseError};
pub use write::{text_of, write_str, Fields, Quoted, ToJson};

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number as its JSON text, e.g. `-1.50e3`.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Object),
}

impl Json {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A whole number in `u64`, written without fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(text) => decimal(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The field `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?.get(key)
    }

    /// The JSON type, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => Kind::Null,
            Json::Bool(_) => Kind::Bool,
            Json::Number(_) => Kind::Number,
            Json::String(_) => Kind::String,
            Json::Array(_) => Kind::Array,
            Json::Object(_) => Kind::Object,
        }
        .name()
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::String(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::String(s)
    }
}

/// What an integer written in JSON is, decided on its decimal digits (`2.0` and `2e3` are
/// integers, `2.5` is not), without going through a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Integer {
    /// Within ±`max`.
    Within(i64),
    /// Has a fractional part.
    Fraction,
    /// An integer beyond ±`max`.
    Beyond,
}

/// The value of `text` when it is decimal digits only and fits a `u64`. The module's one
/// integer parser: `str::parse` would add a generic one per type.
fn decimal(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |n, b| {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// Reads the JSON number `text` as an integer of magnitude at most `max` (below 10^18).
pub fn integer(text: &str, max: u64) -> Integer {
    // Nearly every integer is written plainly: its digits are its value.
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    if (1..=15).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit) {
        // At most 15 digits: below 10^15, well within an i64.
        let value = digits.iter().fold(0, |n, &b| n * 10 + u64::from(b - b'0'));
        if value > max {
            return Integer::Beyond;
        }
        let value = value as i64;
        return Integer::Within(if negative { -value } else { value });
    }
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (rest.get(..at).unwrap_or_default(), rest.get(at + 1..).unwrap_or_default()),
        None => (rest, ""),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // An exponent beyond ±10^6 is beyond any digits a text under the size limit holds.
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let exponent: i64 = match exponent.strip_prefix('-') {
        Some(digits) => -(decimal(digits).unwrap_or(1_000_000).min(1_000_000) as i64),
        None if exponent.is_empty() => 0,
        None => decimal(exponent).unwrap_or(1_000_000).min(1_000_000) as i64,
    };
    // The digits as one integer times 10^scale, without leading or trailing zeros.
    let digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).skip_while(|&b| b == b'0').collect();
    let zeros = digits.iter().rev().take_while(|&&b| b == b'0').count();
    let significant = digits.get(..digits.len() - zeros).unwrap_or_default();
    let scale = exponent - fraction.len() as i64 + zeros as i64;
    if significant.is_empty() {
        return Integer::Within(0);
    }
    if scale < 0 {
        return Integer::Fraction;
    }
    if significant.len() as i64 + scale > 18 {
        return Integer::Beyond;
    }
    let mut value: u64 = significant.iter().fold(0, |n, &b| n * 10 + u64::from(b - b'0'));
    for _ in 0..scale {
        value *= 10;
    }
    if value > max {
        return Integer::Beyond;
    }
    let value = value as i64;
    Integer::Within(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::{integer, Integer, Json};

    #[test]
    fn whole_numbers_read_as_u64_are_plain_digits_within_range() {
        let number = |text: &str| Json::Number(text.into()).as_u64();
        assert_eq!(number("0"), Some(0));
        assert_eq!(number("18446744073709551615"), Some(u64::MAX));
        for text in ["18446744073709551616", "-1", "1.0", "1e3", "", "+1"] {
            assert_eq!(number(text), None, "{text}");
        }
        assert_eq!(Json::String("3".into()).as_u64(), None);
    }

    #[test]
    fn integers_are_read_from_their_digits() {
        let max = 9_007_199_254_740_991;
        for (text, expected) in [
            ("0", Integer::Within(0)),
            ("-0", Integer::Within(0)),
            ("0.000", Integer::Within(0)),
            ("0e-5", Integer::Within(0)),
            ("12", Integer::Within(12)),
            ("-12", Integer::Within(-12)),
            ("2.0", Integer::Within(2)),
            ("2.50e1", Integer::Within(25)),
            ("1E+2", Integer::Within(100)),
            ("120e-1", Integer::Within(12)),
            ("2.5", Integer::Fraction),
            ("1e-400", Integer::Fraction),
            ("125e-2", Integer::Fraction),
            ("9007199254740991", Integer::Within(9_007_199_254_740_991)),
            ("-9007199254740991", Integer::Within(-9_007_199_254_740_991)),
            ("9007199254740992", Integer::Beyond),
            ("1e300", Integer::Beyond),
            ("1e99999999999999999999", Integer::Beyond),
            ("123456789012345678901234567890", Integer::Beyond),
        ] {
            assert_eq!(integer(text, max), expected, "{text}");
        }
        // The bound holds on both paths: plain digits, and digits with an exponent.
        assert_eq!(integer("1000", 999), Integer::Beyond);
        assert_eq!(integer("-999", 999), Integer::Within(-999));
        assert_eq!(integer("1e3", 999), Integer::Beyond);
        assert_eq!(integer("999999999999999", u64::MAX >> 1), Integer::Within(999_999_999_999_999));
    }
}
