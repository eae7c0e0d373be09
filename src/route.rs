//! `ctaRoute` ends up in an `href`: only in-app routes may pass, never a scheme
//! (`javascript:`, `data:`, ...) or a protocol-relative `//host`.

/// Why a route is unsafe, or `None` when it is an in-app route.
pub fn route_problem(route: &str) -> Option<&'static str> {
    // Byte scans: every character looked for is ASCII, and a route is read with every step.
    let bytes = route.as_bytes();
    // Browsers drop tabs and newlines anywhere in a URL and trim controls and
    // spaces at its ends, so "java\tscript:" or " //host" would slip past the
    // checks below: refuse such characters outright. Controls are C0 and DEL (one byte
    // each) and C1, U+0080 to U+009F, which UTF-8 writes as 0xC2 then 0x80 to 0x9F.
    // Nearly every route is ASCII: one scan for anything below space or from DEL on
    // settles it, and only a route that has such a byte is looked at closely.
    let controls =
        || bytes.iter().any(|&b| b < 0x20 || b == 0x7f) || bytes.windows(2).any(|w| matches!(w, [0xc2, 0x80..=0x9f]));
    if bytes.iter().any(|&b| !(0x20..0x7f).contains(&b)) && controls() {
        return Some("must not contain control characters");
    }
    if route.starts_with(char::is_whitespace) || route.ends_with(char::is_whitespace) {
        return Some("must not start or end with white space");
    }
    // Browsers read a backslash as a slash in http(s) URLs.
    if matches!(bytes, [b'/' | b'\\', b'/' | b'\\', ..]) {
        return Some("must not be protocol-relative (`//host`)");
    }
    if bytes.first() == Some(&b'\\') {
        return Some("must not start with a backslash");
    }
    // A colon before the first `/`, `?` or `#` makes the start a URL scheme.
    let first_segment = bytes.split(|&b| matches!(b, b'/' | b'?' | b'#')).next().unwrap_or_default();
    if first_segment.contains(&b':') {
        return Some("must be an in-app route, not a URL with a scheme");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::route_problem;
    // proptest is a native dev-dependency: the module's own tests also build for wasm32.
    #[cfg(not(target_arch = "wasm32"))]
    mod by_characters {
        use super::route_problem;
        use proptest::prelude::*;

        /// The rules read character by character, as they were written first.
        fn by_chars(route: &str) -> bool {
            let mut leading = route.chars().take(2).map(|c| matches!(c, '/' | '\\'));
            route.chars().any(char::is_control)
                || route.starts_with(char::is_whitespace)
                || route.ends_with(char::is_whitespace)
                || (leading.next() == Some(true) && leading.next() == Some(true))
                || route.starts_with('\\')
                || route.split(['/', '?', '#']).next().unwrap_or_default().contains(':')
        }

        proptest! {
            #[test]
            fn the_byte_scans_agree_with_the_rules_read_by_characters(
                route in "[a-z/\\\\:?# \\t\\x00-\\x1f\\x7f\\u{80}-\\u{a0}\\u{c2}\\u{2028}\\u{3000}]{0,8}|.{0,12}"
            ) {
                prop_assert_eq!(route_problem(&route).is_some(), by_chars(&route), "{:?}", route);
            }
        }
    }

    #[test]
    fn in_app_routes_pass() {
        for ok in [
            "/settings/profile",
            "/a?b=c:d",
            "#top",
            "projects/new",
            "/x#y:z",
            "?tab=1",
            "/javascript:x",
            "/caf\u{e9}/\u{c2}\u{a0}x/\u{a0}\u{2028}y",
            "/",
        ] {
            assert_eq!(route_problem(ok), None, "expected {ok:?} to pass");
        }
    }

    #[test]
    fn schemes_protocol_relative_and_hidden_characters_are_unsafe() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "https://evil.example",
            "mailto:a@b.c",
            "//evil.example",
            "\\\\evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/ok ",
            "/a\u{85}b",
            "/a\u{9f}",
            "\u{7f}/a",
            "\u{a0}/a",
        ] {
            assert!(route_problem(bad).is_some(), "expected {bad:?} to be unsafe");
        }
    }
}
