//! The sync replica: replay, rebase, acknowledgement, blame and persistence.

mod common;

use common::{value, CHECKLIST, USER_PROPERTIES};
use guided_checklist::ops::parse_at;
use guided_checklist::sync::replica::Replica;
use guided_checklist::{GuidedChecklist, Operation, StepStatus, Timestamp, ToJson, UserProperties};
use serde_json::json;

fn record() -> UserProperties {
    let mut r = UserProperties::from_json_str(USER_PROPERTIES).unwrap();
    r.guided_checklist = Some(GuidedChecklist::from_json_str(CHECKLIST).unwrap());
    r
}

fn at() -> Timestamp {
    parse_at("2024-05-01T12:00:00Z").unwrap()
}

fn complete(id: &str) -> Operation {
    Operation::CompleteStep { step_id: id.into(), at: at(), by: None }
}

fn status_of(c: &GuidedChecklist, id: &str) -> StepStatus {
    c.steps().iter().find(|s| s.step_id == id).unwrap().status
}

#[test]
fn edits_made_before_the_first_load_wait_and_then_replay() {
    let mut r = Replica::default();
    r.push(complete("invite-team"));
    assert_eq!(r.view().0, None, "nothing to show before a base exists");
    assert!(r.outgoing().is_none(), "nothing to write on");
    let conflicts = r.rebase(Some(record()), Some("\"1\"".into()), at());
    assert!(conflicts.is_empty());
    assert_eq!(status_of(&r.view().0.unwrap(), "invite-team"), StepStatus::Completed);
    assert_eq!(r.outgoing().unwrap().sent, vec![0]);
}

#[test]
fn rebase_drops_edits_to_missing_or_hidden_steps_as_conflicts() {
    let mut r = Replica::default();
    r.rebase(Some(record()), None, at());
    r.push(complete("invite-team"));
    r.push(complete("connect-data"));
    r.push(complete("ghost"));
    let mut fresh = record();
    fresh.guided_checklist.as_mut().unwrap().roles = Some(vec!["editor".into()]);
    let conflicts = r.rebase(Some(fresh), Some("\"2\"".into()), at());
    let codes: Vec<_> = conflicts.iter().map(|c| (c.op.step_id().unwrap().to_owned(), c.code)).collect();
    assert_eq!(codes, [("invite-team".to_owned(), "step_not_visible"), ("ghost".to_owned(), "step_not_found")]);
    assert_eq!(r.outbox.len(), 1, "only the edit that still applies stays");
    assert_eq!(r.etag.as_deref(), Some("\"2\""));
}

#[test]
fn a_missing_checklist_turns_every_waiting_edit_into_a_conflict() {
    let mut r = Replica::default();
    r.push(Operation::Dismiss { at: at() });
    let conflicts = r.rebase(None, None, at());
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].code, "no_checklist");
    assert!(r.outbox.is_empty() && r.loaded);
}

#[test]
fn acknowledging_a_write_keeps_edits_made_while_it_was_in_flight() {
    let mut r = Replica::default();
    r.rebase(Some(record()), None, at());
    r.push(complete("invite-team"));
    let outgoing = r.outgoing().unwrap();
    r.push(Operation::SkipStep { step_id: "connect-data".into(), at: at() });
    let mut answer = record();
    *answer.guided_checklist.as_mut().unwrap() = outgoing.checklist.clone();
    r.acknowledge(&outgoing.sent, answer, Some("\"3\"".into()), at());
    assert_eq!(r.outbox.len(), 1);
    let view = r.view().0.unwrap();
    assert_eq!(status_of(&view, "invite-team"), StepStatus::Completed);
    assert_eq!(status_of(&view, "connect-data"), StepStatus::Skipped);
}

#[test]
fn replaying_is_harmless() {
    let mut r = Replica::default();
    r.rebase(Some(record()), None, at());
    r.push(complete("invite-team"));
    let once = r.view().0.unwrap();
    let mut twice = once.clone();
    twice.apply(&complete("invite-team")).unwrap();
    assert_eq!(once, twice, "an edit carries absolute values: applying it again changes nothing");
}

#[test]
fn a_400_blames_the_edits_on_the_steps_it_points_at() {
    let mut r = Replica::default();
    r.rebase(Some(record()), None, at());
    let a = r.push(complete("invite-team"));
    let b = r.push(complete("connect-data"));
    let d = r.push(Operation::Dismiss { at: at() });
    let outgoing = r.outgoing().unwrap();
    assert_eq!(r.blame(&outgoing, ["/steps/3/status"]), vec![b], "steps[3] is connect-data");
    assert_eq!(r.blame(&outgoing, ["/guidedChecklist/steps/0/completedBy"]), vec![a], "a PUT body's pointer");
    assert_eq!(r.blame(&outgoing, ["/dismissedAt"]), vec![d]);
    assert_eq!(r.blame(&outgoing, []), vec![a, b, d], "no usable path: every sent edit");
}

#[test]
fn every_operation_reads_back_from_its_stored_form() {
    let ops = [
        Operation::CompleteStep {
            step_id: "a".into(),
            at: at(),
            by: Some("0f8fad5b-d9cb-469f-a165-70867728950e".into()),
        },
        Operation::CompleteStep { step_id: "a".into(), at: at(), by: None },
        Operation::StartStep { step_id: "b".into(), at: at() },
        Operation::SkipStep { step_id: "c".into(), at: at() },
        Operation::ReopenStep { step_id: "d".into(), at: at() },
        Operation::Dismiss { at: at() },
        Operation::Restore,
        Operation::Reset { at: at() },
        Operation::SetProductInterests { product_interests: vec!["ai".into()] },
    ];
    for op in ops {
        let text = op.to_json_string();
        assert_eq!(Operation::from_json_str(&text), Some(op), "{text}");
    }
    for bad in [
        r#"{"type":"completeStep","at":"2024-05-01T12:00:00Z"}"#,
        r#"{"type":"completeStep","stepId":"a","at":"2024-05-01T12:00:00Z","by":"me\nyou"}"#,
        r#"{"type":"dismiss"}"#,
        r#"{"type":"fly"}"#,
        "{}",
    ] {
        assert_eq!(Operation::from_json_str(bad), None, "{bad}");
    }
}

#[test]
fn operations_are_stored_as_tagged_objects() {
    let op = Operation::CompleteStep { step_id: "a".into(), at: at(), by: None };
    assert_eq!(value(&op), json!({"type": "completeStep", "stepId": "a", "at": "2024-05-01T12:00:00Z"}));
    assert_eq!(Operation::Restore.to_json_string(), r#"{"type":"restore"}"#);
}
