//! Operations: their effect, their idempotence, and no change when refused.

mod common;

use common::{checklist_with, CHECKLIST};
use guided_checklist::ops::{parse_at, parse_by};
use guided_checklist::{ChecklistError, GuidedChecklist, Operation, StepStatus, Timestamp};
use serde_json::json;

fn fixture() -> GuidedChecklist {
    GuidedChecklist::from_json_str(CHECKLIST).expect("fixture is valid")
}

fn at(text: &str) -> Timestamp {
    parse_at(text).expect("test time is valid")
}

fn step<'a>(c: &'a GuidedChecklist, id: &str) -> &'a guided_checklist::Step {
    c.steps().iter().find(|s| s.step_id == id).expect("step exists")
}

const ACTOR: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

#[test]
fn complete_step_sets_status_time_and_actor() {
    let mut c = fixture();
    let op = Operation::CompleteStep {
        step_id: "invite-team".into(),
        at: at("2024-05-01T12:00:00Z"),
        by: Some(ACTOR.into()),
    };
    c.apply(&op).unwrap();
    let s = step(&c, "invite-team");
    assert_eq!(s.status, StepStatus::Completed);
    assert_eq!(s.completed_at.as_ref().map(Timestamp::as_str), Some("2024-05-01T12:00:00Z"));
    assert_eq!(s.completed_by.as_deref(), Some(ACTOR));
}

#[test]
fn completing_a_completed_step_keeps_the_first_completion() {
    let mut c = fixture();
    let before = c.clone();
    let op =
        Operation::CompleteStep { step_id: "profile".into(), at: at("2030-01-01T00:00:00Z"), by: Some(ACTOR.into()) };
    c.apply(&op).unwrap();
    assert_eq!(c, before);
}

#[test]
fn start_skip_and_reopen_set_status_and_clear_completion() {
    for (op, status) in [
        (Operation::StartStep { step_id: "profile".into(), at: at("2024-05-01T12:00:00Z") }, StepStatus::InProgress),
        (Operation::SkipStep { step_id: "profile".into(), at: at("2024-05-01T12:00:00Z") }, StepStatus::Skipped),
        (Operation::ReopenStep { step_id: "profile".into(), at: at("2024-05-01T12:00:00Z") }, StepStatus::UpNext),
    ] {
        let mut c = fixture();
        c.apply(&op).unwrap();
        let s = step(&c, "profile");
        assert_eq!(s.status, status);
        assert!(s.completed_at.is_none() && s.completed_by.is_none(), "{op:?} must clear the completion");
    }
}

#[test]
fn unknown_and_hidden_steps_are_refused_without_change() {
    let mut c = fixture();
    let before = c.clone();
    let missing = Operation::StartStep { step_id: "nope".into(), at: at("2024-05-01T12:00:00Z") };
    assert_eq!(c.apply(&missing), Err(ChecklistError::StepNotFound("nope".into())));
    let hidden = Operation::CompleteStep { step_id: "billing".into(), at: at("2024-05-01T12:00:00Z"), by: None };
    assert_eq!(c.apply(&hidden), Err(ChecklistError::StepNotVisible("billing".into())));
    assert_eq!(c, before);
    assert_eq!(c.apply(&missing).unwrap_err().code(), "step_not_found");
    assert_eq!(c.apply(&hidden).unwrap_err().code(), "step_not_visible");
}

#[test]
fn a_bad_actor_is_refused_without_change() {
    let mut c = fixture();
    let before = c.clone();
    let op = Operation::CompleteStep {
        step_id: "invite-team".into(),
        at: at("2024-05-01T12:00:00Z"),
        by: Some("me".into()),
    };
    assert_eq!(c.apply(&op).unwrap_err().code(), "invalid_argument");
    assert_eq!(c, before);
}

#[test]
fn arguments_are_checked() {
    assert!(parse_at("2024-05-01T12:00:00+02:00").is_ok());
    assert_eq!(parse_at("2024-05-01").unwrap_err().code(), "invalid_argument");
    assert!(parse_by("by", ACTOR.into()).is_ok());
    let refused = parse_by("actorId", "x".into()).unwrap_err();
    assert_eq!(refused.code(), "invalid_argument");
    assert!(refused.to_string().contains("`actorId`"), "names the argument it was given as: {refused}");
}

#[test]
fn the_checklist_completes_when_every_visible_step_is_closed_and_reopens() {
    let mut c = fixture();
    c.apply(&Operation::SkipStep { step_id: "connect-data".into(), at: at("2024-05-01T12:00:00Z") }).unwrap();
    assert!(c.completed_at.is_none(), "invite-team is still open");
    let done = at("2024-05-02T12:00:00Z");
    c.apply(&Operation::CompleteStep { step_id: "invite-team".into(), at: done.clone(), by: None }).unwrap();
    assert_eq!(c.completed_at, Some(done.clone()), "hidden billing step does not hold completion back");
    c.apply(&Operation::CompleteStep { step_id: "profile".into(), at: at("2024-06-01T00:00:00Z"), by: None }).unwrap();
    assert_eq!(c.completed_at, Some(done), "a replayed or no-op edit keeps the first completion time");
    c.apply(&Operation::ReopenStep { step_id: "profile".into(), at: at("2024-06-02T00:00:00Z") }).unwrap();
    assert!(c.completed_at.is_none(), "reopening a step removes the checklist's completion");
}

#[test]
fn a_checklist_without_visible_steps_never_completes() {
    let mut c = GuidedChecklist::from_json_str(&checklist_with(|v| {
        v["roles"] = json!(["billing"]);
        v["steps"] = json!([v["steps"][2].clone()]);
    }))
    .unwrap();
    c.apply(&Operation::SkipStep { step_id: "billing".into(), at: at("2024-05-01T12:00:00Z") }).unwrap();
    assert!(c.completed_at.is_some());
    c.roles = Some(vec![]);
    c.apply(&Operation::Dismiss { at: at("2024-05-01T12:00:00Z") }).unwrap();
    assert!(!c.all_visible_done(), "no visible step: not complete");
}

#[test]
fn computed_at_is_never_touched() {
    let mut c = fixture();
    let computed = c.computed_at.clone();
    c.apply(&Operation::StartStep { step_id: "invite-team".into(), at: at("2031-01-01T00:00:00Z") }).unwrap();
    c.apply(&Operation::Dismiss { at: at("2031-01-01T00:00:00Z") }).unwrap();
    assert_eq!(c.computed_at.as_str(), computed.as_str());
}

#[test]
fn dismiss_keeps_the_first_time_and_restore_clears_it() {
    let mut c = fixture();
    let first = at("2024-05-01T12:00:00Z");
    c.apply(&Operation::Dismiss { at: first.clone() }).unwrap();
    c.apply(&Operation::Dismiss { at: at("2024-06-01T12:00:00Z") }).unwrap();
    assert_eq!(c.dismissed_at, Some(first));
    c.apply(&Operation::Restore).unwrap();
    assert_eq!(c.dismissed_at, None);
}

#[test]
fn operations_keep_the_checklist_valid() {
    let mut c = fixture();
    c.apply(&Operation::CompleteStep {
        step_id: "connect-data".into(),
        at: at("2024-05-01T12:00:00Z"),
        by: Some(ACTOR.into()),
    })
    .unwrap();
    c.apply(&Operation::SkipStep { step_id: "invite-team".into(), at: at("2024-05-01T12:00:00Z") }).unwrap();
    let report = guided_checklist::validate_checklist_text(&c.to_json_string());
    assert!(report.ok && report.warnings.is_empty(), "{report:?}");
}

#[test]
fn reset_starts_over_for_the_visible_steps_only() {
    let mut c = fixture();
    c.apply(&Operation::Dismiss { at: at("2024-05-01T00:00:00Z") }).unwrap();
    c.apply(&Operation::SkipStep { step_id: "connect-data".into(), at: at("2024-05-01T00:00:00Z") }).unwrap();
    let hidden_before = c.steps().iter().find(|s| s.step_id == "billing").cloned();
    c.apply(&Operation::Reset { at: at("2024-06-01T00:00:00Z") }).unwrap();
    for step in c.visible_steps(None) {
        assert_eq!(step.status, guided_checklist::StepStatus::UpNext, "{}", step.step_id);
        assert!(step.completed_at.is_none() && step.completed_by.is_none());
    }
    assert!(c.dismissed_at.is_none() && c.completed_at.is_none());
    assert_eq!(c.steps().iter().find(|s| s.step_id == "billing").cloned(), hidden_before, "a hidden step is untouched");
}

#[test]
fn product_interests_are_replaced_within_the_limits() {
    let mut c = fixture();
    let list = vec!["ai".to_owned(), "reporting".to_owned()];
    c.apply(&Operation::SetProductInterests { product_interests: list.clone() }).unwrap();
    assert_eq!(c.product_interests, Some(list));
    let before = c.clone();
    let too_many = (0..257).map(|i| i.to_string()).collect();
    let refused = c.apply(&Operation::SetProductInterests { product_interests: too_many }).unwrap_err();
    assert_eq!(refused.code(), "invalid_argument");
    assert_eq!(c, before, "a refused list changes nothing");
}

#[test]
fn ordered_mode_locks_the_steps_after_the_first_open_one() {
    use guided_checklist::ops::Order;
    let mut c = fixture();
    let order: Vec<_> = c.visible_steps(None).iter().map(|s| (s.step_id.clone(), s.status)).collect();
    let open: Vec<String> = order.iter().filter(|(_, s)| !s.is_done()).map(|(id, _)| id.clone()).collect();
    let (first, later) = open.split_first().expect("the fixture has open steps");
    assert_eq!(c.locked_step_ids(), later.to_vec());
    let shown = c.shown_steps(None, Order::Ordered);
    assert!(shown.iter().all(|s| s.locked == Some(later.contains(&s.step.step_id))));
    assert!(c.shown_steps(None, Order::Any).iter().all(|s| s.locked.is_none()), "no `locked` in any-order mode");
    let Some(second) = later.first() else { return };
    let before = c.clone();
    let refused = c.apply_in(
        &Operation::CompleteStep { step_id: second.clone(), at: at("2024-05-01T00:00:00Z"), by: None },
        Order::Ordered,
    );
    assert_eq!(refused.unwrap_err().code(), "step_locked");
    assert_eq!(c, before);
    c.apply_in(&Operation::SkipStep { step_id: first.clone(), at: at("2024-05-01T00:00:00Z") }, Order::Ordered)
        .unwrap();
    c.apply_in(
        &Operation::CompleteStep { step_id: second.clone(), at: at("2024-05-01T00:00:00Z"), by: None },
        Order::Ordered,
    )
    .expect("a skipped step counts as done, so the next one is open");
}
