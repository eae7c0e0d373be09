//! `completedBy` is a UUID in its hyphenated 8-4-4-4-12 form.

/// True for `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` with hex digits of either case.
pub fn is_hyphenated_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::is_hyphenated_uuid;

    #[test]
    fn hyphenated_uuids_pass_other_forms_fail() {
        assert!(is_hyphenated_uuid("123e4567-e89b-12d3-a456-426614174000"));
        assert!(is_hyphenated_uuid("123E4567-E89B-12D3-A456-426614174000"));
        for bad in [
            "123e4567e89b12d3a456426614174000",
            "{123e4567-e89b-12d3-a456-426614174000}",
            "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
            "123e4567-e89b-12d3-a456-42661417400g",
            "123e4567-e89b-12d3-a456_426614174000",
            "",
        ] {
            assert!(!is_hyphenated_uuid(bad), "expected {bad:?} to fail");
        }
    }
}
