//! Size limits of this library (the API documents none): inputs over them are
//! refused with `too_large` instead of being processed slowly. Nesting deeper than
//! 127 levels (the limit of the serde_json that earlier versions used) is refused the same way.

/// Largest JSON text accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// Most steps one checklist may hold.
pub const MAX_STEPS: usize = 2_000;
/// Longest known string field (`title`, `description`, `ctaRoute`, a role, ...), in characters.
pub const MAX_STRING_CHARS: usize = 8_192;
/// Most entries in `roles`, `productInterests` or `sourceRoles`.
pub const MAX_ARRAY_ITEMS: usize = 256;
/// Most JSON values (objects, arrays, strings, numbers, literals) in one text: twice what
/// the largest valid checklist holds (2,000 steps with 256 `sourceRoles` each), so that a
/// 4 MiB text of tiny values is refused before a tree of millions of values is built.
pub const MAX_JSON_VALUES: usize = 1_000_000;
/// Most validation errors listed in a result, an error or a problem body; the rest are
/// counted (`errorCount`), so that a hostile body cannot make a huge answer.
pub const MAX_LISTED_ISSUES: usize = 100;
/// Largest `sortOrder` magnitude: the largest integer a JS number holds exactly.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// The characters (Unicode scalar values) in `text`: its bytes that do not continue one.
/// Smaller in the module than `chars().count()`, whose vectorised counter is set up at each
/// call (0.1 KB gzip for the two places that count).
pub fn chars_in(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn chars_are_counted_as_str_counts_them() {
        for text in ["", "ascii", "é", "日本語", "a😀b", "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}"]
        {
            assert_eq!(super::chars_in(text), text.chars().count(), "{text:?}");
        }
    }
}
