//! The server's last word (the base, with its ETag) and the edits made since (the outbox).

use crate::error::ChecklistError;
use crate::json::Fields;
use crate::model::{GuidedChecklist, UserProperties};
use crate::ops::{Operation, Order};
use crate::timestamp::Timestamp;

/// An edit waiting to reach the server.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingOp {
    /// Unique within the replica, increasing.
    pub id: u64,
    /// The edit itself.
    pub op: Operation,
}

/// An edit dropped because it no longer applies to the server's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The dropped edit.
    pub op: Operation,
    /// `step_not_found`, `step_not_visible`, `no_checklist` or `invalid` (the edit would
    /// make the checklist invalid).
    pub code: &'static str,
    /// Why, for people.
    pub message: String,
}

impl Conflict {
    /// Writes the fields, after the `type` of the event it is.
    pub fn write_fields(&self, f: &mut Fields) {
        f.put("op", &self.op).put("code", &self.code).put("message", &self.message);
    }
}

/// What a write sends: the base with the outbox replayed.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    /// The `guidedChecklist` to PATCH.
    pub checklist: GuidedChecklist,
    /// The ids of the edits it carries.
    pub sent: Vec<u64>,
}

/// The state a client keeps, and persists, between sessions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Replica {
    /// The record as the server last returned it; `None` before the first read.
    pub base: Option<UserProperties>,
    /// True once the server has been asked, even when it had no record.
    pub loaded: bool,
    /// The ETag of `base`.
    pub etag: Option<String>,
    /// True when `base` must be read again before the next write: after a network failure,
    /// a 412, or a restart from storage.
    pub stale: bool,
    /// Edits not yet confirmed by the server, oldest first.
    pub outbox: Vec<PendingOp>,
    /// The id the next edit gets.
    pub next_id: u64,
    /// When the server last confirmed a write or a read.
    pub last_synced_at: Option<Timestamp>,
    /// How edits are replayed: in ordered mode a queued completion of a step that is locked
    /// on the server's state is a conflict. Client configuration, not stored.
    pub order: Order,
}

impl Replica {
    /// Appends an edit to the outbox; returns its id.
    pub fn push(&mut self, op: Operation) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.outbox.push(PendingOp { id, op });
        id
    }

    /// The base with every pending edit replayed; edits that no longer apply are
    /// skipped and listed with the reason.
    pub fn view(&self) -> (Option<GuidedChecklist>, Vec<(u64, ChecklistError)>) {
        let Some(mut checklist) = self.base.as_ref().and_then(|b| b.guided_checklist.clone()) else {
            return (None, Vec::new());
        };
        let mut refused = Vec::new();
        for pending in &self.outbox {
            if let Err(e) = checklist.apply_in(&pending.op, self.order) {
                refused.push((pending.id, e));
            }
        }
        (Some(checklist), refused)
    }

    /// Takes a fresh read of the server's state as the base and drops the edits
    /// that no longer apply to it, returning them as conflicts.
    pub fn rebase(&mut self, record: Option<UserProperties>, etag: Option<String>, now: Timestamp) -> Vec<Conflict> {
        self.base = record;
        self.etag = etag;
        self.loaded = true;
        self.stale = false;
        self.last_synced_at = Some(now);
        let has_checklist = self.base.as_ref().is_some_and(|b| b.guided_checklist.is_some());
        let refused: Vec<(u64, Conflict)> = if has_checklist {
            self.view().1.into_iter().filter_map(|(id, e)| self.conflict(id, &e).map(|c| (id, c))).collect()
        } else {
            self.outbox
                .iter()
                .map(|p| {
                    let message = "the server has no checklist for this user".to_owned();
                    (p.id, Conflict { op: p.op.clone(), code: "no_checklist", message })
                })
                .collect()
        };
        let ids: Vec<u64> = refused.iter().map(|(id, _)| *id).collect();
        self.drop_ops(&ids);
        refused.into_iter().map(|(_, c)| c).collect()
    }

    /// The server confirmed a write carrying `sent`: those edits leave the outbox
    /// and its answer becomes the base.
    pub fn acknowledge(
        &mut self,
        sent: &[u64],
        record: UserProperties,
        etag: Option<String>,
        now: Timestamp,
    ) -> Vec<Conflict> {
        self.drop_ops(sent);
        self.rebase(Some(record), etag, now)
    }

    /// Removes edits from the outbox.
    pub fn drop_ops(&mut self, ids: &[u64]) {
        self.outbox.retain(|p| !ids.contains(&p.id));
    }

    /// What to write, or `None` when nothing is pending or there is no base to write on.
    pub fn outgoing(&self) -> Option<Outgoing> {
        if self.outbox.is_empty() {
            return None;
        }
        let (checklist, _) = self.view();
        Some(Outgoing { checklist: checklist?, sent: self.outbox.iter().map(|p| p.id).collect() })
    }

    /// The record to PUT when the server has lost it: the base with `checklist`.
    pub fn record_for_put(&self, checklist: GuidedChecklist) -> Option<UserProperties> {
        let mut record = self.base.clone()?;
        record.guided_checklist = Some(checklist);
        Some(record)
    }

    /// The pending edits a 400 blames, from the JSON Pointers of its issues: those
    /// on the steps they point at, dismiss/restore for checklist-level paths, and
    /// all of `sent` when they name nothing an edit touched. Pointers into a PATCH
    /// body and into a PUT body (under `/guidedChecklist`) are both understood.
    pub fn blame<'p>(&self, outgoing: &Outgoing, paths: impl IntoIterator<Item = &'p str>) -> Vec<u64> {
        let steps = outgoing.checklist.steps();
        let mut blamed_steps = Vec::new();
        let mut blames_checklist = false;
        for path in paths {
            let rest = path.strip_prefix("/guidedChecklist").unwrap_or(path);
            let mut parts = rest.split('/').skip(1);
            match (parts.next(), parts.next().and_then(|i| i.parse::<usize>().ok())) {
                (Some("steps"), Some(index)) => {
                    if let Some(step) = steps.get(index) {
                        blamed_steps.push(step.step_id.as_str());
                    }
                }
                _ => blames_checklist = true,
            }
        }
        let blamed: Vec<u64> = self
            .outbox
            .iter()
            .filter(|p| outgoing.sent.contains(&p.id))
            .filter(|p| match p.op.step_id() {
                Some(id) => blamed_steps.contains(&id),
                None => blames_checklist,
            })
            .map(|p| p.id)
            .collect();
        if blamed.is_empty() {
            outgoing.sent.clone()
        } else {
            blamed
        }
    }

    fn conflict(&self, id: u64, error: &ChecklistError) -> Option<Conflict> {
        let op = self.outbox.iter().find(|p| p.id == id)?.op.clone();
        let code = match error {
            ChecklistError::StepNotFound(_) => "step_not_found",
            ChecklistError::StepNotVisible(_) => "step_not_visible",
            ChecklistError::StepLocked(_) => "step_locked",
            _ => "invalid",
        };
        Some(Conflict { op, code, message: error.to_string() })
    }
}
