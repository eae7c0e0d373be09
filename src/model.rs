//! The user-properties record and the guided checklist, as the API documents them.
//! Fields the API does not name are kept in `extra` and written back unchanged.

use crate::json::{write_str, Fields, Object, ToJson};
use crate::timestamp::Timestamp;

/// Fields a newer server may send that this library does not know.
pub type Extra = Object;

/// The checklist's track.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Track {
    /// Track "A".
    A,
    /// Track "B".
    B,
}

impl Track {
    /// Allowed values, as the API spells them.
    pub const ALLOWED: [&'static str; 2] = ["A", "B"];

    /// The track named exactly (case-sensitive) by `s`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "A" => Some(Track::A),
            "B" => Some(Track::B),
            _ => None,
        }
    }

    /// The track as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Track::A => "A",
            Track::B => "B",
        }
    }
}

/// Where a step stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepStatus {
    /// Not started.
    UpNext,
    /// Started.
    InProgress,
    /// Done.
    Completed,
    /// Passed over by the user.
    Skipped,
}

impl StepStatus {
    /// Allowed values, as the API spells them.
    pub const ALLOWED: [&'static str; 4] = ["UP_NEXT", "IN_PROGRESS", "COMPLETED", "SKIPPED"];

    /// The status named exactly (case-sensitive) by `s`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "UP_NEXT" => Some(StepStatus::UpNext),
            "IN_PROGRESS" => Some(StepStatus::InProgress),
            "COMPLETED" => Some(StepStatus::Completed),
            "SKIPPED" => Some(StepStatus::Skipped),
            _ => None,
        }
    }

    /// The status as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::UpNext => "UP_NEXT",
            StepStatus::InProgress => "IN_PROGRESS",
            StepStatus::Completed => "COMPLETED",
            StepStatus::Skipped => "SKIPPED",
        }
    }

    /// COMPLETED and SKIPPED both close a step for progress.
    pub fn is_done(self) -> bool {
        matches!(self, StepStatus::Completed | StepStatus::Skipped)
    }
}

/// One step of the checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Unique within the checklist, non-empty.
    pub step_id: String,
    /// Display title.
    pub title: String,
    /// Step description.
    pub description: String,
    /// Call-to-action label.
    pub cta_label: String,
    /// In-app route of the call to action.
    pub cta_route: String,
    /// Where the step stands.
    pub status: StepStatus,
    /// Display order.
    pub sort_order: i64,
    /// When the step was completed.
    pub completed_at: Option<Timestamp>,
    /// Hyphenated UUID of who completed it.
    pub completed_by: Option<String>,
    /// Roles that make the step visible; absent or empty means everyone.
    pub source_roles: Option<Vec<String>>,
    /// Fields this library does not know.
    pub extra: Extra,
}

/// The `guidedChecklist` property.
#[derive(Clone, Debug, PartialEq)]
pub struct GuidedChecklist {
    /// The checklist's track.
    pub track: Track,
    /// The user's roles as the server resolved them on read.
    pub roles: Option<Vec<String>>,
    /// The user's product interests.
    pub product_interests: Option<Vec<String>>,
    /// The steps, in the order the server sent them.
    pub steps: Option<Vec<Step>>,
    /// When the server computed the checklist; operations never touch it.
    pub computed_at: Timestamp,
    /// When every visible step was closed.
    pub completed_at: Option<Timestamp>,
    /// When the user dismissed the checklist.
    pub dismissed_at: Option<Timestamp>,
    /// Fields this library does not know.
    pub extra: Extra,
}

impl GuidedChecklist {
    /// The steps, empty when the field is absent.
    pub fn steps(&self) -> &[Step] {
        self.steps.as_deref().unwrap_or_default()
    }

    /// The roles, empty when the field is absent.
    pub fn roles(&self) -> &[String] {
        self.roles.as_deref().unwrap_or_default()
    }
}

/// The user-properties record.
#[derive(Clone, Debug, PartialEq)]
pub struct UserProperties {
    /// External user ID.
    pub user_id: String,
    /// The checklist, when the user has one.
    pub guided_checklist: Option<GuidedChecklist>,
    /// When the record was created (owned by the server).
    pub created_date: Timestamp,
    /// When the record was last modified (owned by the server).
    pub modified_date: Timestamp,
    /// Fields this library does not know.
    pub extra: Extra,
}

impl ToJson for Track {
    fn write_json(&self, out: &mut String) {
        write_str(out, self.as_str());
    }
}

impl ToJson for StepStatus {
    fn write_json(&self, out: &mut String) {
        write_str(out, self.as_str());
    }
}

/// Known fields are written in the API's order, absent ones left out, then the unknown ones.
impl ToJson for Step {
    fn write_json(&self, out: &mut String) {
        Fields::new(out)
            .put("stepId", &self.step_id)
            .put("title", &self.title)
            .put("description", &self.description)
            .put("ctaLabel", &self.cta_label)
            .put("ctaRoute", &self.cta_route)
            .put("status", &self.status)
            .put("sortOrder", &self.sort_order)
            .opt("completedAt", &self.completed_at)
            .opt("completedBy", &self.completed_by)
            .opt("sourceRoles", &self.source_roles)
            .end(&self.extra);
    }
}

impl ToJson for GuidedChecklist {
    fn write_json(&self, out: &mut String) {
        self.write(out, true);
    }
}

/// A checklist written without its `steps`: the client's snapshot sends those one by one,
/// so that an unchanged step keeps its object.
pub struct ChecklistHead<'a>(pub &'a GuidedChecklist);

impl ToJson for ChecklistHead<'_> {
    fn write_json(&self, out: &mut String) {
        self.0.write(out, false);
    }
}

impl GuidedChecklist {
    fn write(&self, out: &mut String, steps: bool) {
        let mut f = Fields::new(out);
        f.put("track", &self.track).opt("roles", &self.roles).opt("productInterests", &self.product_interests);
        if steps {
            f.opt("steps", &self.steps);
        }
        f.put("computedAt", &self.computed_at)
            .opt("completedAt", &self.completed_at)
            .opt("dismissedAt", &self.dismissed_at)
            .end(&self.extra);
    }
}

impl ToJson for UserProperties {
    fn write_json(&self, out: &mut String) {
        Fields::new(out)
            .put("userId", &self.user_id)
            .opt("guidedChecklist", &self.guided_checklist)
            .put("createdDate", &self.created_date)
            .put("modifiedDate", &self.modified_date)
            .end(&self.extra);
    }
}
