//! Which steps a user sees, in what order, and how far along they are.

use crate::json::{Fields, ToJson};
use crate::model::{GuidedChecklist, Step, StepStatus};
use crate::ops::Order;
use crate::sort::sort_indices;

/// The organization whose role memberships resolve `roles` when a request names none.
pub const DEFAULT_ORGANIZATION: &str = "default";

/// A step is visible when it names no roles or shares one (exactly) with `roles`.
pub fn is_visible(step: &Step, roles: &[String]) -> bool {
    match step.source_roles.as_deref() {
        None | Some([]) => true,
        Some(source) => source.iter().any(|r| roles.contains(r)),
    }
}

/// A visible step as shown: the step's own fields, and `locked` in ordered mode.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownStep<'a> {
    pub step: &'a Step,
    pub locked: Option<bool>,
}

/// Progress over the visible steps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Visible steps.
    pub total: usize,
    /// Visible COMPLETED steps.
    pub completed: usize,
    /// Visible SKIPPED steps.
    pub skipped: usize,
    /// Visible IN_PROGRESS steps.
    pub in_progress: usize,
    /// Visible steps neither COMPLETED nor SKIPPED.
    pub remaining: usize,
    /// (completed + skipped) / total as a whole percent, rounded down so that
    /// 100 means done; 0 when nothing is visible.
    pub percent: u8,
    /// The first IN_PROGRESS step, else the first UP_NEXT step, in display order.
    pub next_step_id: Option<String>,
    /// At least one step is visible and none is open.
    pub complete: bool,
    /// The checklist has been dismissed.
    pub dismissed: bool,
}

impl ToJson for Progress {
    fn write_json(&self, out: &mut String) {
        Fields::new(out)
            .put("total", &self.total)
            .put("completed", &self.completed)
            .put("skipped", &self.skipped)
            .put("inProgress", &self.in_progress)
            .put("remaining", &self.remaining)
            .put("percent", &u64::from(self.percent))
            .put("nextStepId", &self.next_step_id)
            .put("complete", &self.complete)
            .put("dismissed", &self.dismissed)
            .close();
    }
}

impl GuidedChecklist {
    /// The visible steps ordered by `sortOrder`, ties by `stepId`. `roles`
    /// defaults to the checklist's own roles, which the server resolves on read.
    pub fn visible_steps(&self, roles: Option<&[String]>) -> Vec<&Step> {
        let steps = self.steps();
        self.shown_order(roles).into_iter().filter_map(|i| steps.get(i)).collect()
    }

    /// The visible steps as shown under `order`: in ordered mode each says whether it is
    /// `locked` (an open step after the first open one).
    pub fn shown_steps(&self, roles: Option<&[String]>, order: Order) -> Vec<ShownStep<'_>> {
        let steps = self.steps();
        self.locks(&self.shown_order(roles), order)
            .filter_map(|(index, locked)| Some(ShownStep { step: steps.get(index)?, locked }))
            .collect()
    }

    /// The indices into `steps` of the visible steps, in display order (`sortOrder`, ties by
    /// `stepId`). Edits change statuses only, so a client keeps this from one edit to the next.
    pub fn shown_order(&self, roles: Option<&[String]>) -> Vec<usize> {
        let roles = roles.unwrap_or(self.roles());
        let steps = self.steps();
        let mut visible: Vec<usize> =
            (0..steps.len()).filter(|&i| steps.get(i).is_some_and(|s| is_visible(s, roles))).collect();
        let key = |i: usize| steps.get(i).map(|s| (s.sort_order, s.step_id.as_str()));
        sort_indices(&mut visible, &|a, b| key(a).cmp(&key(b)));
        visible
    }

    /// Each step of `shown` (from `shown_order`) with its `locked` under `order`, as they
    /// are read: a client's snapshot takes them after every edit, with nothing collected.
    pub fn locks<'a>(&'a self, shown: &'a [usize], order: Order) -> impl Iterator<Item = (usize, Option<bool>)> + 'a {
        let steps = self.steps();
        let mut seen_open = false;
        shown.iter().filter_map(move |&index| {
            let open = !steps.get(index)?.status.is_done();
            let locked = (order == Order::Ordered).then_some(open && seen_open);
            seen_open |= open;
            Some((index, locked))
        })
    }

    /// Progress over the visible steps; `roles` as for `visible_steps`.
    pub fn progress(&self, roles: Option<&[String]>) -> Progress {
        self.progress_of(&self.shown_order(roles))
    }

    /// Progress over the steps of `shown` (from `shown_order`), in one pass: a client's
    /// snapshot reckons it after every edit.
    pub fn progress_of(&self, shown: &[usize]) -> Progress {
        let all = self.steps();
        let (mut total, mut completed, mut skipped, mut in_progress) = (0, 0, 0, 0);
        let (mut started, mut up_next) = (None, None);
        for step in shown.iter().filter_map(|&i| all.get(i)) {
            total += 1;
            match step.status {
                StepStatus::Completed => completed += 1,
                StepStatus::Skipped => skipped += 1,
                StepStatus::InProgress => {
                    in_progress += 1;
                    started = started.or(Some(step));
                }
                StepStatus::UpNext => up_next = up_next.or(Some(step)),
            }
        }
        let done = completed + skipped;
        Progress {
            total,
            completed,
            skipped,
            in_progress,
            remaining: total - done,
            percent: (done * 100).checked_div(total).and_then(|p| u8::try_from(p).ok()).unwrap_or(0),
            next_step_id: started.or(up_next).map(|s| s.step_id.clone()),
            complete: total > 0 && done == total,
            dismissed: self.dismissed_at.is_some(),
        }
    }

    /// True when at least one step is visible and every visible step is closed.
    pub fn all_visible_done(&self) -> bool {
        let roles = self.roles();
        let mut visible = self.steps().iter().filter(|s| is_visible(s, roles)).peekable();
        visible.peek().is_some() && visible.all(|s| s.status.is_done())
    }
}
