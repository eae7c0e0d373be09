//! `ctaRoute` ends up in an `href`: only in-app routes may pass, never a scheme
//! (`javascript:`, `data:`, ...) or a protocol-relative `//host`.

/// Why a route is unsafe, or `None` when it is an in-app route.
pub fn route_problem(route: &str) -> Option<&'static str> {
    // Browsers drop tabs and newlines anywhere in a URL and trim controls and
    // spaces at its ends, so "java\tscript:" or " //host" would slip past the
    // checks below: refuse such characters outright.
    if route.chars().any(char::is_control) {
        return Some("must not contain control characters");
    }
    if route.starts_with(char::is_whitespace) || route.ends_with(char::is_whitespace) {
        return Some("must not start or end with white space");
    }
    // Browsers read a backslash as a slash in http(s) URLs.
    let mut leading = route.chars().take(2).map(|c| matches!(c, '/' | '\\'));
    if leading.next() == Some(true) && leading.next() == Some(true) {
        return Some("must not be protocol-relative (`//host`)");
    }
    if route.starts_with('\\') {
        return Some("must not start with a backslash");
    }
    // A colon before the first `/`, `?` or `#` makes the start a URL scheme.
    let first_segment = route.split(['/', '?', '#']).next().unwrap_or_default();
    if first_segment.contains(':') {
        return Some("must be an in-app route, not a URL with a scheme");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::route_problem;

    #[test]
    fn in_app_routes_pass() {
        for ok in ["/settings/profile", "/a?b=c:d", "#top", "projects/new", "/x#y:z", "?tab=1", "/javascript:x"] {
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
        ] {
            assert!(route_problem(bad).is_some(), "expected {bad:?} to be unsafe");
        }
    }
}
