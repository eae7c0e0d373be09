//! Every validation rule, with an input that passes and one that fails.

mod common;

use common::{checklist_with, CHECKLIST, USER_PROPERTIES};
use guided_checklist::{validate_checklist_text, validate_user_properties_text, Code, Report};
use serde_json::{json, Value};

fn findings(report: &[guided_checklist::Issue]) -> Vec<(String, Code)> {
    report.iter().map(|i| (i.path.clone(), i.code)).collect()
}

fn errors_of(text: &str) -> Vec<(String, Code)> {
    findings(&validate_checklist_text(text).errors)
}

fn with(edit: impl FnOnce(&mut Value)) -> Vec<(String, Code)> {
    errors_of(&checklist_with(edit))
}

fn one(path: &str, code: Code) -> Vec<(String, Code)> {
    vec![(path.to_owned(), code)]
}

#[test]
fn the_fixture_is_valid() {
    let report = validate_checklist_text(CHECKLIST);
    assert_eq!(report, Report::new(vec![], vec![]), "fixture should be valid without warnings");
}

#[test]
fn missing_required_fields_are_reported_each_at_its_path() {
    let errors = with(|v| {
        v.as_object_mut().unwrap().remove("track");
        v.as_object_mut().unwrap().remove("computedAt");
        v["steps"][1].as_object_mut().unwrap().remove("title");
        v["steps"][3].as_object_mut().unwrap().remove("sortOrder");
    });
    assert_eq!(
        errors,
        vec![
            ("/track".to_owned(), Code::Required),
            ("/steps/1/title".to_owned(), Code::Required),
            ("/steps/3/sortOrder".to_owned(), Code::Required),
            ("/computedAt".to_owned(), Code::Required),
        ]
    );
}

#[test]
fn every_required_step_field_is_required() {
    for field in ["stepId", "title", "description", "ctaLabel", "ctaRoute", "status", "sortOrder"] {
        let errors = with(|v| {
            v["steps"][0].as_object_mut().unwrap().remove(field);
        });
        assert_eq!(errors, one(&format!("/steps/0/{field}"), Code::Required), "removing {field}");
    }
}

#[test]
fn optional_fields_may_be_absent() {
    let errors = with(|v| {
        let o = v.as_object_mut().unwrap();
        for k in ["roles", "productInterests", "steps"] {
            o.remove(k);
        }
    });
    assert_eq!(errors, vec![]);
}

#[test]
fn types_are_exact() {
    assert_eq!(with(|v| v["steps"][0]["sortOrder"] = json!(2.5)), one("/steps/0/sortOrder", Code::Type));
    assert_eq!(with(|v| v["steps"][0]["sortOrder"] = json!("2")), one("/steps/0/sortOrder", Code::Type));
    assert_eq!(with(|v| v["steps"][0]["sortOrder"] = json!(2.0)), vec![], "2.0 is an integer");
    assert_eq!(with(|v| v["steps"][0]["sortOrder"] = json!(-7)), vec![]);
    assert_eq!(with(|v| v["steps"][0]["sortOrder"] = json!(1e300)), one("/steps/0/sortOrder", Code::Range));
    assert_eq!(
        with(|v| v["steps"][0]["sortOrder"] = json!(9_007_199_254_740_992_i64)),
        one("/steps/0/sortOrder", Code::Range)
    );
    assert_eq!(
        with(|v| v["steps"][0]["sortOrder"] = json!(i64::MIN)),
        one("/steps/0/sortOrder", Code::Range),
        "i64::MIN is out of range, not wrapped into it"
    );
    assert_eq!(with(|v| v["steps"][0]["sortOrder"] = json!(-9_007_199_254_740_991_i64)), vec![], "the lower bound");
    assert_eq!(with(|v| v["steps"][0]["title"] = json!(5)), one("/steps/0/title", Code::Type));
    assert_eq!(with(|v| v["steps"][0]["title"] = Value::Null), one("/steps/0/title", Code::Type));
    assert_eq!(with(|v| v["roles"] = json!(["a", 1, "b", null])), {
        vec![("/roles/1".to_owned(), Code::Type), ("/roles/3".to_owned(), Code::Type)]
    });
    assert_eq!(with(|v| v["roles"] = json!("admin")), one("/roles", Code::Type));
    assert_eq!(with(|v| v["steps"] = json!({})), one("/steps", Code::Type));
    assert_eq!(with(|v| v["steps"][2] = json!("step")), one("/steps/2", Code::Type));
    assert_eq!(with(|v| v["steps"][0]["sourceRoles"] = json!([true])), one("/steps/0/sourceRoles/0", Code::Type));
    assert_eq!(with(|v| v["productInterests"] = json!([[]])), one("/productInterests/0", Code::Type));
    assert_eq!(errors_of("[]"), one("", Code::Type));
    assert_eq!(errors_of("null"), one("", Code::Type));
}

#[test]
fn enums_are_exact_and_case_sensitive() {
    assert_eq!(with(|v| v["track"] = json!("a")), one("/track", Code::Enum));
    assert_eq!(with(|v| v["track"] = json!("C")), one("/track", Code::Enum));
    assert_eq!(with(|v| v["track"] = json!("B")), vec![]);
    assert_eq!(with(|v| v["steps"][0]["status"] = json!("completed")), one("/steps/0/status", Code::Enum));
    assert_eq!(with(|v| v["steps"][0]["status"] = json!("DONE")), one("/steps/0/status", Code::Enum));
    assert_eq!(with(|v| v["steps"][0]["status"] = json!("SKIPPED")), vec![]);
}

#[test]
fn date_times_need_rfc3339_with_an_offset() {
    for (bad, field) in [("2024-13-01T00:00:00Z", "computedAt"), ("2024-01-01 00:00:00", "dismissedAt")] {
        assert_eq!(with(|v| v[field] = json!(bad)), one(&format!("/{field}"), Code::Format), "{bad}");
    }
    assert_eq!(with(|v| v["completedAt"] = json!("2024-02-30T00:00:00Z")), one("/completedAt", Code::Format));
    assert_eq!(
        with(|v| v["steps"][1]["completedAt"] = json!("2024-03-01T10:00:00")),
        one("/steps/1/completedAt", Code::Format)
    );
    assert_eq!(with(|v| v["dismissedAt"] = json!("2024-03-01T10:00:00-05:00")), vec![]);
}

#[test]
fn completed_by_is_a_hyphenated_uuid() {
    assert_eq!(
        with(|v| v["steps"][1]["completedBy"] = json!("123e4567e89b12d3a456426614174000")),
        one("/steps/1/completedBy", Code::Format)
    );
    assert_eq!(with(|v| v["steps"][1]["completedBy"] = json!("user-42")), one("/steps/1/completedBy", Code::Format));
}

#[test]
fn step_ids_are_non_empty_and_unique() {
    assert_eq!(with(|v| v["steps"][0]["stepId"] = json!("")), one("/steps/0/stepId", Code::Empty));
    assert_eq!(with(|v| v["steps"][3]["stepId"] = json!("profile")), one("/steps/3/stepId", Code::Duplicate));
}

#[test]
fn cta_routes_must_be_in_app() {
    for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " /x", "data:text/html,x", "vbscript:x", "//evil.example"]
    {
        assert_eq!(
            with(|v| v["steps"][0]["ctaRoute"] = json!(bad)),
            one("/steps/0/ctaRoute", Code::UnsafeRoute),
            "{bad}"
        );
    }
    assert_eq!(with(|v| v["steps"][0]["ctaRoute"] = json!("")), one("/steps/0/ctaRoute", Code::Empty));
}

#[test]
fn size_limits_give_too_large() {
    use guided_checklist::limits::{MAX_ARRAY_ITEMS, MAX_INPUT_BYTES, MAX_STEPS, MAX_STRING_CHARS};
    assert_eq!(
        with(|v| v["steps"][0]["description"] = json!("x".repeat(MAX_STRING_CHARS + 1))),
        one("/steps/0/description", Code::TooLarge)
    );
    assert_eq!(with(|v| v["steps"][0]["description"] = json!("é".repeat(MAX_STRING_CHARS))), vec![]);
    assert_eq!(with(|v| v["roles"] = json!(vec!["r"; MAX_ARRAY_ITEMS + 1])), one("/roles", Code::TooLarge));
    assert_eq!(with(|v| v["steps"] = json!(vec![0; MAX_STEPS + 1])), one("/steps", Code::TooLarge));
    let padding = " ".repeat(MAX_INPUT_BYTES);
    assert_eq!(errors_of(&format!("{CHECKLIST}{padding}")), one("", Code::TooLarge));
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(with(|v| v["extra"] = serde_json::from_str("[[[]]]").unwrap()), vec![]);
    assert_eq!(errors_of(&deep), one("", Code::TooLarge));
}

#[test]
fn invalid_json_is_reported_not_thrown() {
    let errors = validate_checklist_text("{\"track\": ").errors;
    assert_eq!(findings(&errors), one("", Code::InvalidJson));
    assert!(errors[0].message.contains("line 1"), "message should locate the problem: {}", errors[0].message);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let errors = with(|v| {
        v["track"] = json!("Z");
        v["steps"][0]["status"] = json!(1);
        v["steps"][2]["ctaRoute"] = json!("javascript:void(0)");
        v["computedAt"] = json!("yesterday");
    });
    assert_eq!(errors.len(), 4, "{errors:?}");
}

#[test]
fn consistency_findings_are_warnings_not_errors() {
    let report = validate_checklist_text(&checklist_with(|v| {
        v["steps"][1].as_object_mut().unwrap().remove("completedAt");
        v["steps"][0]["completedAt"] = json!("2024-03-01T10:00:00Z");
        v["steps"][3]["completedBy"] = json!("123e4567-e89b-12d3-a456-426614174000");
        v["completedAt"] = json!("2024-03-02T10:00:00Z");
    }));
    assert!(report.ok && report.errors.is_empty());
    assert_eq!(
        findings(&report.warnings),
        vec![
            ("/steps/0/completedAt".to_owned(), Code::TimeWithoutCompletion),
            ("/steps/1/status".to_owned(), Code::CompletedWithoutTime),
            ("/steps/3/completedBy".to_owned(), Code::TimeWithoutCompletion),
            ("/completedAt".to_owned(), Code::CompletedWithOpenSteps),
        ]
    );
}

#[test]
fn checklist_completed_at_is_not_a_warning_when_hidden_steps_are_open() {
    let report = validate_checklist_text(&checklist_with(|v| {
        v["steps"][0]["status"] = json!("SKIPPED");
        v["steps"][3]["status"] = json!("SKIPPED");
        v["completedAt"] = json!("2024-03-02T10:00:00Z");
    }));
    assert_eq!(report, Report::new(vec![], vec![]), "the open step is hidden from the roles");
}

#[test]
fn user_properties_are_validated_with_nested_pointers() {
    assert!(validate_user_properties_text(USER_PROPERTIES).ok);
    let mut v: Value = serde_json::from_str(USER_PROPERTIES).unwrap();
    v.as_object_mut().unwrap().remove("createdDate");
    v["userId"] = json!(42);
    v["guidedChecklist"]["steps"][0]["status"] = json!("NOPE");
    v["modifiedDate"] = json!("2024-03-01");
    let report = validate_user_properties_text(&v.to_string());
    assert_eq!(
        findings(&report.errors),
        vec![
            ("/userId".to_owned(), Code::Type),
            ("/guidedChecklist/steps/0/status".to_owned(), Code::Enum),
            ("/createdDate".to_owned(), Code::Required),
            ("/modifiedDate".to_owned(), Code::Format),
        ]
    );
    let no_checklist =
        json!({"userId": "u", "createdDate": "2024-01-01T00:00:00Z", "modifiedDate": "2024-01-01T00:00:00Z"});
    assert!(validate_user_properties_text(&no_checklist.to_string()).ok, "guidedChecklist is optional");
}

#[test]
fn user_properties_warnings_point_into_the_checklist() {
    let mut v: Value = serde_json::from_str(USER_PROPERTIES).unwrap();
    v["guidedChecklist"]["completedAt"] = json!("2024-03-02T10:00:00Z");
    let report = validate_user_properties_text(&v.to_string());
    assert_eq!(findings(&report.warnings), one("/guidedChecklist/completedAt", Code::CompletedWithOpenSteps));
}

#[test]
fn pointers_escape_unusual_keys() {
    let errors =
        validate_user_properties_text(r#"{"userId":"u","createdDate":"x","modifiedDate":"2024-01-01T00:00:00Z"}"#);
    assert_eq!(findings(&errors.errors), one("/createdDate", Code::Format));
}

#[test]
fn errors_are_listed_up_to_a_hundred_and_counted_beyond() {
    let bad_roles: Vec<Value> = (0..256).map(Value::from).collect();
    let steps: Vec<Value> = (0..300)
        .map(|i| {
            json!({"stepId": format!("s{i}"), "title": "T", "description": "D", "ctaLabel": "Go", "ctaRoute": "/go",
                   "status": "UP_NEXT", "sortOrder": i, "sourceRoles": bad_roles})
        })
        .collect();
    let text = json!({"track": "A", "computedAt": "2024-01-01T00:00:00Z", "steps": steps}).to_string();
    let report = guided_checklist::validate_checklist_text(&text);
    assert!(!report.ok);
    assert_eq!(report.errors.len(), guided_checklist::limits::MAX_LISTED_ISSUES, "the first hundred are listed");
    assert_eq!(report.error_count, 300 * 256, "every error is counted");
    assert_eq!(report.errors[0].path, "/steps/0/sourceRoles/0");
    let refused = guided_checklist::GuidedChecklist::from_json_str(&text).unwrap_err();
    assert_eq!(refused.issues().len(), 100);
    assert!(refused.to_string().starts_with("invalid guided checklist: 76800 problem(s)"), "{refused}");
}

#[test]
fn a_text_of_too_many_values_is_refused_before_it_is_parsed() {
    use guided_checklist::limits::MAX_JSON_VALUES;
    let values = |n: usize| format!("[{}0]", "0,".repeat(n - 2));
    let at = validate_checklist_text(&values(MAX_JSON_VALUES));
    assert_eq!(
        at.errors.first().map(|e| e.code),
        Some(Code::Type),
        "at the limit the text is parsed (and is no checklist)"
    );
    let over = validate_checklist_text(&values(MAX_JSON_VALUES + 1));
    assert_eq!(findings(&over.errors), vec![("".to_owned(), Code::TooLarge)]);
    assert!(over.errors[0].message.contains("1000001 values"), "{}", over.errors[0].message);
}
