//! What changed between two views of a checklist, as events for analytics and UI.

use crate::json::{Fields, ToJson};
use crate::model::{GuidedChecklist, Step, StepStatus};
use crate::sort::ByKey;

/// A step's status moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepChange {
    pub step_id: String,
    pub from: StepStatus,
    pub to: StepStatus,
    /// When: the step's `completedAt` for a completion; otherwise empty, for the client to
    /// date with the time the change was seen when it tells a listener (and only then).
    pub at: String,
}

impl StepChange {
    /// Writes the fields, after the `type` of the event it is.
    pub fn write_fields(&self, f: &mut Fields) {
        f.put("stepId", &self.step_id).put("from", &self.from).put("to", &self.to).put("at", &self.at);
    }
}

impl ToJson for StepChange {
    fn write_json(&self, out: &mut String) {
        let mut f = Fields::new(out);
        self.write_fields(&mut f);
        f.close();
    }
}

/// Everything that changed between `before` and `after`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub steps: Vec<StepChange>,
    pub completed: bool,
    pub dismissed: bool,
    pub restored: bool,
}

/// Compares two views.
pub fn changes(before: Option<&GuidedChecklist>, after: Option<&GuidedChecklist>) -> Changes {
    let (Some(before), Some(after)) = (before, after) else { return Changes::default() };
    // By id, so that comparing two views of n steps costs n lookups, not n² comparisons.
    let was_by_id = ByKey::new(before.steps(), |s: &Step| s.step_id.as_str());
    let steps = after
        .steps()
        .iter()
        .filter_map(|now| {
            let was = was_by_id.get(now.step_id.as_str())?;
            (was.status != now.status).then(|| step_change(was.status, now))
        })
        .collect();
    Changes::of(steps, before.completed_at.is_some(), before.dismissed_at.is_some(), after)
}

impl Changes {
    /// `steps`, and the checklist's own events from whether it was completed and dismissed
    /// before to how `after` stands.
    fn of(steps: Vec<StepChange>, was_completed: bool, was_dismissed: bool, after: &GuidedChecklist) -> Self {
        Changes {
            steps,
            completed: !was_completed && after.completed_at.is_some(),
            dismissed: !was_dismissed && after.dismissed_at.is_some(),
            restored: was_dismissed && after.dismissed_at.is_none(),
        }
    }
}

/// What an edit in place may change, taken before it: the steps' statuses and whether the
/// checklist is completed and dismissed. An edit never adds, removes or moves a step, so
/// comparing these with the view after it finds every event without a copy of the view.
pub struct Before {
    statuses: Vec<StepStatus>,
    completed: bool,
    dismissed: bool,
}

impl Before {
    pub fn of(view: &GuidedChecklist) -> Self {
        Before {
            statuses: view.steps().iter().map(|s| s.status).collect(),
            completed: view.completed_at.is_some(),
            dismissed: view.dismissed_at.is_some(),
        }
    }

    /// The changes from this to `after`, and the indices of the steps whose status moved.
    pub fn changes(&self, after: &GuidedChecklist) -> (Changes, Vec<usize>) {
        let mut moved = Vec::new();
        let mut steps = Vec::new();
        for (index, (was, now)) in self.statuses.iter().zip(after.steps()).enumerate() {
            if *was != now.status {
                moved.push(index);
                steps.push(step_change(*was, now));
            }
        }
        (Changes::of(steps, self.completed, self.dismissed, after), moved)
    }
}

fn step_change(was: StepStatus, now: &Step) -> StepChange {
    StepChange {
        step_id: now.step_id.clone(),
        from: was,
        to: now.status,
        at: match (&now.completed_at, now.status) {
            (Some(t), StepStatus::Completed) => t.as_str().to_owned(),
            _ => String::new(),
        },
    }
}
