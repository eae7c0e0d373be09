//! Role filtering, display order and progress.

mod common;

use common::{checklist_with, CHECKLIST};
use guided_checklist::{GuidedChecklist, Progress};
use serde_json::json;

fn ids(c: &GuidedChecklist, roles: Option<&[String]>) -> Vec<String> {
    c.visible_steps(roles).iter().map(|s| s.step_id.clone()).collect()
}

#[test]
fn steps_are_visible_without_source_roles_or_with_a_shared_role() {
    let c = GuidedChecklist::from_json_str(CHECKLIST).unwrap();
    assert_eq!(ids(&c, None), ["profile", "connect-data", "invite-team"], "billing is hidden; ties by stepId");
    let billing = vec!["billing".to_owned()];
    assert_eq!(ids(&c, Some(&billing)), ["billing", "profile", "connect-data"]);
    let case = vec!["Admin".to_owned()];
    assert_eq!(ids(&c, Some(&case)), ["profile", "connect-data"], "roles match exactly, case included");
}

#[test]
fn progress_counts_visible_steps_only() {
    let c = GuidedChecklist::from_json_str(CHECKLIST).unwrap();
    assert_eq!(
        c.progress(None),
        Progress {
            total: 3,
            completed: 1,
            skipped: 0,
            in_progress: 1,
            remaining: 2,
            percent: 33,
            next_step_id: Some("connect-data".into()),
            complete: false,
            dismissed: false,
        }
    );
}

#[test]
fn next_step_is_first_up_next_when_nothing_is_in_progress() {
    let c = GuidedChecklist::from_json_str(&checklist_with(|v| v["steps"][3]["status"] = json!("SKIPPED"))).unwrap();
    let p = c.progress(None);
    assert_eq!(p.next_step_id.as_deref(), Some("invite-team"));
    assert_eq!((p.skipped, p.percent), (1, 66), "percent rounds down");
}

#[test]
fn progress_of_an_empty_or_finished_checklist() {
    let empty = GuidedChecklist::from_json_str(&checklist_with(|v| v["steps"] = json!([]))).unwrap();
    let p = empty.progress(None);
    assert_eq!((p.total, p.percent, p.complete, p.next_step_id), (0, 0, false, None));
    let done = GuidedChecklist::from_json_str(&checklist_with(|v| {
        v["steps"][0]["status"] = json!("SKIPPED");
        v["steps"][3]["status"] = json!("SKIPPED");
        v["dismissedAt"] = json!("2024-03-01T09:00:00Z");
    }))
    .unwrap();
    let p = done.progress(None);
    assert_eq!((p.percent, p.complete, p.dismissed, p.next_step_id), (100, true, true, None));
}
