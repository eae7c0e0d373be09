//! The API's three object shapes: record, checklist and step.

use super::reader::Reader;
use crate::issue::Code;
use crate::json::{Json, Quoted};
use crate::limits::MAX_STEPS;
use crate::model::{GuidedChecklist, Step, StepStatus, Track, UserProperties};
use crate::sort::sort_indices;

pub fn user_properties(r: &mut Reader, value: Json) -> Option<UserProperties> {
    let mut map = r.object(value)?;
    let user_id = r.required(&mut map, "userId", Reader::non_empty_string);
    let guided_checklist = r.optional(&mut map, "guidedChecklist", checklist);
    let created_date = r.required(&mut map, "createdDate", Reader::timestamp);
    let modified_date = r.required(&mut map, "modifiedDate", Reader::timestamp);
    Some(UserProperties {
        user_id: user_id?,
        guided_checklist: guided_checklist?,
        created_date: created_date?,
        modified_date: modified_date?,
        extra: map,
    })
}

pub fn checklist(r: &mut Reader, value: Json) -> Option<GuidedChecklist> {
    let mut map = r.object(value)?;
    let track = r.required(&mut map, "track", |r, v| r.one_of(v, Track::parse, &Track::ALLOWED));
    let roles = r.optional(&mut map, "roles", Reader::string_array);
    let product_interests = r.optional(&mut map, "productInterests", Reader::string_array);
    let steps = r.optional(&mut map, "steps", steps);
    let computed_at = r.required(&mut map, "computedAt", Reader::timestamp);
    let completed_at = r.optional(&mut map, "completedAt", Reader::timestamp);
    let dismissed_at = r.optional(&mut map, "dismissedAt", Reader::timestamp);
    Some(GuidedChecklist {
        track: track?,
        roles: roles?,
        product_interests: product_interests?,
        steps: steps?,
        computed_at: computed_at?,
        completed_at: completed_at?,
        dismissed_at: dismissed_at?,
        extra: map,
    })
}

fn steps(r: &mut Reader, value: Json) -> Option<Vec<Step>> {
    let items = r.array(value, MAX_STEPS)?;
    let steps = r.each(items, step)?;
    // Sorted by id (stably, so by place among equals), a repeated id follows its first use.
    let id = |i: usize| steps.get(i).map(|s| s.step_id.as_str());
    let mut order: Vec<usize> = (0..steps.len()).collect();
    sort_indices(&mut order, &|a, b| id(a).cmp(&id(b)));
    // For each step whose id an earlier step has, that earlier step.
    let mut first_use: Vec<Option<usize>> = Vec::new();
    let mut first = None;
    for &i in &order {
        match first {
            Some(at) if id(at) == id(i) => {
                first_use.resize(steps.len(), None);
                if let Some(slot) = first_use.get_mut(i) {
                    *slot = Some(at);
                }
            }
            _ => first = Some(i),
        }
    }
    if first_use.is_empty() {
        return Some(steps);
    }
    let duplicates = first_use.into_iter().enumerate().filter_map(|(i, first)| Some((i, first?)));
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

fn step(r: &mut Reader, value: Json) -> Option<Step> {
    let mut map = r.object(value)?;
    let step_id = r.required(&mut map, "stepId", Reader::non_empty_string);
    let title = r.required(&mut map, "title", Reader::string);
    let description = r.required(&mut map, "description", Reader::string);
    let cta_label = r.required(&mut map, "ctaLabel", Reader::string);
    let cta_route = r.required(&mut map, "ctaRoute", Reader::route);
    let status = r.required(&mut map, "status", |r, v| r.one_of(v, StepStatus::parse, &StepStatus::ALLOWED));
    let sort_order = r.required(&mut map, "sortOrder", Reader::integer);
    let completed_at = r.optional(&mut map, "completedAt", Reader::timestamp);
    let completed_by = r.optional(&mut map, "completedBy", Reader::uuid);
    let source_roles = r.optional(&mut map, "sourceRoles", Reader::string_array);
    Some(Step {
        step_id: step_id?,
        title: title?,
        description: description?,
        cta_label: cta_label?,
        cta_route: cta_route?,
        status: status?,
        sort_order: sort_order?,
        completed_at: completed_at?,
        completed_by: completed_by?,
        source_roles: source_roles?,
        extra: map,
    })
}
