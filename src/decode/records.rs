//! The API's three object shapes: record, checklist and step, each with the fields the
//! model knows, in the order problems are reported.

use super::reader::Reader;
use crate::issue::Code;
use crate::json::{Pull, Quoted};
use crate::limits::MAX_STEPS;
use crate::model::{GuidedChecklist, Step, StepStatus, Track, UserProperties};
use crate::sort::sort_indices;

const USER_PROPERTIES: [(&str, bool); 4] =
    [("userId", true), ("guidedChecklist", false), ("createdDate", true), ("modifiedDate", true)];

pub fn user_properties(r: &mut Reader, p: &mut Pull) -> Option<UserProperties> {
    let (mut user_id, mut guided_checklist, mut created_date, mut modified_date) = (None, None, None, None);
    let extra = r.fields(p, &USER_PROPERTIES, &mut |r, p, field| match field {
        0 => user_id = r.non_empty_string(p),
        1 => guided_checklist = checklist(r, p),
        2 => created_date = r.timestamp(p),
        _ => modified_date = r.timestamp(p),
    })?;
    Some(UserProperties {
        user_id: user_id?,
        guided_checklist,
        created_date: created_date?,
        modified_date: modified_date?,
        extra,
    })
}

const CHECKLIST: [(&str, bool); 7] = [
    ("track", true),
    ("roles", false),
    ("productInterests", false),
    ("steps", false),
    ("computedAt", true),
    ("completedAt", false),
    ("dismissedAt", false),
];

pub fn checklist(r: &mut Reader, p: &mut Pull) -> Option<GuidedChecklist> {
    let (mut track, mut roles, mut product_interests, mut steps_read) = (None, None, None, None);
    let (mut computed_at, mut completed_at, mut dismissed_at) = (None, None, None);
    let extra = r.fields(p, &CHECKLIST, &mut |r, p, field| match field {
        0 => track = r.one_of(p, Track::parse, &Track::ALLOWED),
        1 => roles = r.string_array(p),
        2 => product_interests = r.string_array(p),
        3 => steps_read = steps(r, p),
        4 => computed_at = r.timestamp(p),
        5 => completed_at = r.timestamp(p),
        _ => dismissed_at = r.timestamp(p),
    })?;
    Some(GuidedChecklist {
        track: track?,
        roles,
        product_interests,
        steps: steps_read,
        computed_at: computed_at?,
        completed_at,
        dismissed_at,
        extra,
    })
}

fn steps(r: &mut Reader, p: &mut Pull) -> Option<Vec<Step>> {
    let steps = r.array(p, MAX_STEPS, step)?;
    let first_uses = first_uses(&steps);
    if first_uses.is_empty() {
        return Some(steps);
    }
    let duplicates = first_uses.into_iter().enumerate().filter_map(|(i, first)| Some((i, first?)));
    for (i, first) in duplicates {
        let id = steps.get(i).map(|s| s.step_id.as_str()).unwrap_or_default();
        let mark = r.path.push_index(i);
        let inner = r.path.push_key("stepId");
        r.fail::<()>(Code::Duplicate, format!("stepId {} is already used by step {first}", Quoted(id)));
        r.path.restore(inner);
        r.path.restore(mark);
    }
    None
}

/// For each step whose id an earlier step has, the place of the first: empty when every id
/// is unique.
fn first_uses(steps: &[Step]) -> Vec<Option<usize>> {
    // Sorted by id (stably, so by place among equals), a repeated id follows its first use.
    let id = |i: usize| steps.get(i).map(|s| s.step_id.as_str());
    let mut order: Vec<usize> = (0..steps.len()).collect();
    sort_indices(&mut order, &|a, b| id(a).cmp(&id(b)));
    let mut first_uses = Vec::new();
    let mut first = None;
    for &i in &order {
        match first {
            Some(at) if id(at) == id(i) => {
                first_uses.resize(steps.len(), None);
                if let Some(slot) = first_uses.get_mut(i) {
                    *slot = Some(at);
                }
            }
            _ => first = Some(i),
        }
    }
    first_uses
}

const STEP: [(&str, bool); 10] = [
    ("stepId", true),
    ("title", true),
    ("description", true),
    ("ctaLabel", true),
    ("ctaRoute", true),
    ("status", true),
    ("sortOrder", true),
    ("completedAt", false),
    ("completedBy", false),
    ("sourceRoles", false),
];

fn step(r: &mut Reader, p: &mut Pull) -> Option<Step> {
    let (mut step_id, mut title, mut description, mut cta_label, mut cta_route) = (None, None, None, None, None);
    let (mut status, mut sort_order, mut completed_at, mut completed_by, mut source_roles) =
        (None, None, None, None, None);
    let extra = r.fields(p, &STEP, &mut |r, p, field| match field {
        0 => step_id = r.non_empty_string(p),
        1 => title = r.string(p),
        2 => description = r.string(p),
        3 => cta_label = r.string(p),
        4 => cta_route = r.route(p),
        5 => status = r.one_of(p, StepStatus::parse, &StepStatus::ALLOWED),
        6 => sort_order = r.integer(p),
        7 => completed_at = r.timestamp(p),
        8 => completed_by = r.uuid(p),
        _ => source_roles = r.string_array(p),
    })?;
    Some(Step {
        step_id: step_id?,
        title: title?,
        description: description?,
        cta_label: cta_label?,
        cta_route: cta_route?,
        status: status?,
        sort_order: sort_order?,
        completed_at,
        completed_by,
        source_roles,
        extra,
    })
}
