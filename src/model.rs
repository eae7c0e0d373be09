//! The user-properties record and the guided checklist, as the API documents them.
//! Fields the API does not name are kept in `extra` and written back unchanged.

use crate::timestamp::Timestamp;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

/// Fields a newer server may send that this library does not know.
pub type Extra = Map<String, Value>;

/// The checklist's track.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// Where a step stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
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

/// Writes known fields in the API's order, absent ones left out, then the unknown ones.
struct Fields<M: SerializeMap>(M);

impl<M: SerializeMap> Fields<M> {
    fn put<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }

    fn opt<T: Serialize>(&mut self, key: &str, value: &Option<T>) -> Result<(), M::Error> {
        match value {
            Some(v) => self.0.serialize_entry(key, v),
            None => Ok(()),
        }
    }

    fn end(mut self, extra: &Extra) -> Result<M::Ok, M::Error> {
        for (k, v) in extra {
            self.0.serialize_entry(k, v)?;
        }
        self.0.end()
    }
}

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut f = Fields(serializer.serialize_map(None)?);
        f.put("stepId", &self.step_id)?;
        f.put("title", &self.title)?;
        f.put("description", &self.description)?;
        f.put("ctaLabel", &self.cta_label)?;
        f.put("ctaRoute", &self.cta_route)?;
        f.put("status", self.status.as_str())?;
        f.put("sortOrder", &self.sort_order)?;
        f.opt("completedAt", &self.completed_at)?;
        f.opt("completedBy", &self.completed_by)?;
        f.opt("sourceRoles", &self.source_roles)?;
        f.end(&self.extra)
    }
}

impl Serialize for GuidedChecklist {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.write(serializer, true)
    }
}

/// A checklist written without its `steps`: the client's snapshot sends those one by one,
/// so that an unchanged step keeps its object.
pub struct ChecklistHead<'a>(pub &'a GuidedChecklist);

impl Serialize for ChecklistHead<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer, false)
    }
}

impl GuidedChecklist {
    fn write<S: Serializer>(&self, serializer: S, steps: bool) -> Result<S::Ok, S::Error> {
        let mut f = Fields(serializer.serialize_map(None)?);
        f.put("track", &self.track)?;
        f.opt("roles", &self.roles)?;
        f.opt("productInterests", &self.product_interests)?;
        if steps {
            f.opt("steps", &self.steps)?;
        }
        f.put("computedAt", &self.computed_at)?;
        f.opt("completedAt", &self.completed_at)?;
        f.opt("dismissedAt", &self.dismissed_at)?;
        f.end(&self.extra)
    }
}

impl Serialize for UserProperties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut f = Fields(serializer.serialize_map(None)?);
        f.put("userId", &self.user_id)?;
        f.opt("guidedChecklist", &self.guided_checklist)?;
        f.put("createdDate", &self.created_date)?;
        f.put("modifiedDate", &self.modified_date)?;
        f.end(&self.extra)
    }
}
