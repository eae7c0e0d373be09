//! What a reader sees and what a writer may not lose: `roles` resolved from
//! membership at read time, and steps filtered by those roles (seed 000).

use crate::problem::Problem;
use guided_checklist::issue::{Code, Issue};
use guided_checklist::limits::MAX_STEPS;
use guided_checklist::visibility::is_visible;
use guided_checklist::{GuidedChecklist, Step, UserProperties};
use std::collections::HashSet;

/// The record as a reader with `roles` sees it.
pub fn present(mut record: UserProperties, roles: &[String]) -> UserProperties {
    if let Some(checklist) = record.guided_checklist.as_mut() {
        checklist.roles = Some(roles.to_vec());
        if let Some(steps) = checklist.steps.as_mut() {
            steps.retain(|s| is_visible(s, roles));
        }
    }
    record
}

/// Who writes: the user's roles, and whether an admin token speaks for them.
pub struct Writer<'a> {
    pub roles: &'a [String],
    pub admin: bool,
}

/// `incoming` plus the stored steps its writer could not see: nobody loses steps they
/// could not see, and a user may not write one (403, naming each such step of the body);
/// an admin may.
pub fn keep_hidden(
    stored: Option<&GuidedChecklist>,
    mut incoming: GuidedChecklist,
    writer: Writer<'_>,
    pointer: &str,
) -> Result<GuidedChecklist, Problem> {
    let Some(stored) = stored else { return Ok(incoming) };
    let hidden: Vec<&Step> = stored.steps().iter().filter(|s| !is_visible(s, writer.roles)).collect();
    let hidden_ids: HashSet<&str> = hidden.iter().map(|s| s.step_id.as_str()).collect();
    let named: Vec<Issue> = incoming
        .steps()
        .iter()
        .enumerate()
        .filter(|(_, s)| !writer.admin && hidden_ids.contains(s.step_id.as_str()))
        .map(|(i, s)| Issue {
            path: format!("{pointer}/steps/{i}/stepId"),
            code: Code::Forbidden,
            message: format!("step {:?} is hidden from this user's roles, so this user may not write it", s.step_id),
        })
        .collect();
    if !named.is_empty() {
        return Err(Problem::forbidden(named));
    }
    // What the body names replaces the stored step (only an admin can name a hidden one).
    let sent: HashSet<&str> = incoming.steps().iter().map(|s| s.step_id.as_str()).collect();
    let hidden: Vec<Step> = hidden.into_iter().filter(|s| !sent.contains(s.step_id.as_str())).cloned().collect();
    if hidden.is_empty() {
        return Ok(incoming);
    }
    let steps = incoming.steps.get_or_insert_with(Vec::new);
    steps.extend(hidden);
    if steps.len() > MAX_STEPS {
        return Err(Problem::invalid(vec![Issue {
            path: format!("{pointer}/steps"),
            code: Code::TooLarge,
            message: format!("with the steps hidden from this user, the checklist would exceed {MAX_STEPS} steps"),
        }]));
    }
    Ok(incoming)
}
