//! Loading and flushing: one loop per client sends the outbox, rebases on the
//! server's answers and retries what can be retried. No borrow of the state is
//! held across an `.await`.

use super::browser::{promise, sleep, with_lock};
use super::http::{Failed, Read};
use super::state::{update, Event, Shared, Status};
use crate::model::GuidedChecklist;
use crate::sort::ByKey;
use crate::sync::failure::{Failure, FailureCode};
use crate::sync::retry::{classify, Attempt, Next};
use crate::wasm::convert::now;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// What one round of syncing came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Round {
    /// Wrote or had nothing to write.
    Done,
    /// The base was out of date (412): read it and write again at once.
    Reread,
    /// Failed in a way worth retrying after a delay (`Retry-After`, when the server sent one).
    Retry(Option<u64>),
    /// Stopped until `resume()`.
    Stop,
}

/// Starts the sync loop unless one is running, syncing stopped or the client is gone.
pub fn kick(shared: &Shared) {
    let start = {
        let mut inner = shared.borrow_mut();
        let start = !inner.loop_state.running && !inner.loop_state.stopped && !inner.loop_state.destroyed;
        inner.loop_state.running |= start;
        start
    };
    if start {
        let shared = shared.clone();
        // The promise is not needed: the loop reports through the client's state.
        let _ = promise(Box::pin(async move {
            run(shared).await;
            Ok(JsValue::UNDEFINED)
        }));
    }
}

/// Has the loop read the record again soon (focus, visibility, interval), unless one was
/// read less than `refresh.minIntervalMs` ago. The read happens inside the loop, under the
/// Web Lock and never beside a write, and the outbox is replayed on what it finds.
pub fn refresh(shared: &Shared) {
    let due = {
        let i = shared.borrow();
        let quiet = js_sys::Date::now() - i.loop_state.last_read_ms >= f64::from(i.config.refresh.min_interval_ms);
        i.replica.loaded && quiet && !i.loop_state.destroyed && !i.loop_state.stopped
    };
    if due {
        shared.borrow_mut().loop_state.refresh_due = true;
        kick(shared);
    }
}

/// Reads the record once and makes it the base (what `load()` does).
pub async fn load(shared: &Shared) {
    update(shared, |i| {
        i.take_stored_changes();
        if i.view.is_none() {
            i.loop_state.status = Status::Loading;
        }
    });
    let api = shared.borrow().config.api.clone();
    match api.get().await {
        Ok(read) => rebase(shared, read),
        Err(failed) => {
            let next = classify(&failed.failure, Attempt::Read, 0);
            fail(shared, failed, next);
        }
    }
}

async fn run(shared: Shared) {
    let mut attempt = 0u32;
    let mut rereads = 0u32;
    loop {
        let outcome = Rc::new(Cell::new(Round::Stop));
        let lock_name = shared.borrow().config.lock_name.clone();
        let (task_shared, task_outcome) = (shared.clone(), outcome.clone());
        let task = async move {
            task_outcome.set(round(&task_shared, rereads).await);
            Ok(JsValue::UNDEFINED)
        };
        with_lock(&lock_name, Box::pin(task)).await;
        let delay = match outcome.get() {
            Round::Done => {
                attempt = 0;
                rereads = 0;
                let inner = shared.borrow();
                let more =
                    !inner.loop_state.destroyed && !inner.loop_state.stopped && inner.replica.outgoing().is_some();
                if more {
                    continue;
                }
                break;
            }
            Round::Reread => {
                rereads += 1;
                continue;
            }
            Round::Retry(after) => after,
            Round::Stop => break,
        };
        let (backoff, cap) = {
            let config = &shared.borrow().config;
            (config.backoff, config.retry_after_cap_ms)
        };
        // A server's `Retry-After` is honoured up to the cap: a day-long one parks nothing.
        let ms =
            delay.map_or_else(|| backoff.delay_ms(attempt, js_sys::Math::random()), |d| d.min(u64::from(cap)) as u32);
        attempt = attempt.saturating_add(1);
        let parked = shared.clone();
        sleep(ms, move |wake| parked.borrow_mut().loop_state.end_wait = Some(wake)).await;
        let mut inner = shared.borrow_mut();
        inner.loop_state.end_wait = None;
        if inner.loop_state.destroyed || inner.loop_state.stopped {
            break;
        }
    }
    finish(&shared);
}

async fn round(shared: &Shared, rereads: u32) -> Round {
    let needs_read = update(shared, |i| {
        i.take_stored_changes();
        // A retry does not hide an outage: offline and error stay until a request succeeds.
        let busy = i.replica.outgoing().is_some() || !i.replica.loaded || i.replica.stale;
        if busy && !matches!(i.loop_state.status, Status::Offline | Status::Error) {
            i.loop_state.status = Status::Syncing;
        }
        !i.replica.loaded || i.replica.stale || i.loop_state.refresh_due
    });
    let api = shared.borrow().config.api.clone();
    if needs_read {
        match api.get().await {
            Ok(read) => rebase(shared, read),
            Err(failed) => {
                let next = classify(&failed.failure, Attempt::Read, rereads);
                return fail(shared, failed, next);
            }
        }
    }
    let (outgoing, etag) = {
        let inner = shared.borrow();
        (inner.replica.outgoing(), inner.replica.etag.clone())
    };
    let Some(outgoing) = outgoing else { return Round::Done };
    if etag.is_none() && shared.borrow().replica.base.is_some() {
        // Without a tag the PATCH would overwrite whatever the server holds now.
        let message =
            "the API's answer carried no ETag this page can read (Access-Control-Expose-Headers must name it), \
                       so edits are kept and not written without a precondition";
        let failure = Failure::local(FailureCode::NoEtag, message);
        let next = classify(&failure, Attempt::Patch, rereads);
        return fail(shared, Failed { failure, retry_after_ms: None }, next);
    }
    let mut attempt = Attempt::Patch;
    let mut written = api.patch(&outgoing.checklist, etag.as_deref()).await;
    if let Err(failed) = &written {
        let record = shared.borrow().replica.record_for_put(outgoing.checklist.clone());
        if let (Next::Put, Some(record)) = (classify(&failed.failure, attempt, rereads), record) {
            attempt = Attempt::Put;
            written = api.put(&record).await;
        }
    }
    let failed = match written {
        Ok((record, etag)) => {
            update(shared, |i| {
                i.take_stored_changes();
                let conflicts = i.replica.acknowledge(&outgoing.sent, record, etag, now());
                i.report(conflicts);
                i.save();
                i.refresh_view();
                i.loop_state.last_error = None;
                i.loop_state.status = Status::Syncing;
                let at = now().as_str().to_owned();
                i.out.queue.push(Event::Synced { at, pending: i.replica.outbox.len() });
            });
            return Round::Done;
        }
        Err(failed) => failed,
    };
    if failed.failure.status == 412 {
        // The base is out of date whether the policy re-reads at once or after a wait.
        update(shared, |i| {
            // Another tab may have stored an edit meanwhile: take it before writing.
            i.take_stored_changes();
            i.replica.stale = true;
            i.save();
        });
    }
    let next = classify(&failed.failure, attempt, rereads);
    match next {
        Next::Reread => Round::Reread,
        Next::Blame => {
            update(shared, |i| {
                i.take_stored_changes();
                let blamed = i.replica.blame(&outgoing, failed.failure.errors.iter().map(|e| e.path.as_str()));
                i.replica.drop_ops(&blamed);
                i.save();
                i.refresh_view();
                i.loop_state.last_error = Some(failed.failure.clone());
                i.out.queue.push(Event::Error(failed.failure));
            });
            Round::Done
        }
        _ => fail(shared, failed, next),
    }
}

fn rebase(shared: &Shared, read: Read) {
    update(shared, |i| {
        i.take_stored_changes();
        let (record, etag) = match read {
            Read::Found(record, etag) => (Some(*record), etag),
            Read::Missing => (None, None),
        };
        let before = i.view.as_ref().map(outline);
        let conflicts = i.replica.rebase(record, etag, now());
        i.report(conflicts);
        i.loop_state.refresh_due = false;
        i.loop_state.last_read_ms = js_sys::Date::now();
        i.save();
        i.refresh_view();
        if let (Some(before), Some(after)) = (before, i.view.as_ref().map(outline)) {
            if let Some(event) = refreshed(before, after) {
                i.out.queue.push(event);
            }
        }
        // A read does not lift a stop: the failure that stopped syncing stays in view until `resume()`.
        if !i.loop_state.stopped {
            i.loop_state.last_error = None;
            i.loop_state.status =
                if i.loop_state.running && !i.replica.outbox.is_empty() { Status::Syncing } else { Status::Idle };
        }
    });
}

/// What a refresh compares: the visible steps' ids and the roles.
fn outline(view: &GuidedChecklist) -> (Vec<String>, Vec<String>) {
    let ids = view.visible_steps(None).into_iter().map(|s| s.step_id.clone()).collect();
    (ids, view.roles().to_vec())
}

/// The `refreshed` event when the server's view changed between two reads.
fn refreshed(before: (Vec<String>, Vec<String>), after: (Vec<String>, Vec<String>)) -> Option<Event> {
    let (was, now) = (ByKey::new(&before.0, String::as_str), ByKey::new(&after.0, String::as_str));
    let added: Vec<String> = after.0.iter().filter(|id| was.get(id).is_none()).cloned().collect();
    let removed: Vec<String> = before.0.iter().filter(|id| now.get(id).is_none()).cloned().collect();
    let roles = (before.1 != after.1).then_some(after.1);
    (!added.is_empty() || !removed.is_empty() || roles.is_some()).then_some(Event::Refreshed { added, removed, roles })
}

/// Records a failed request and turns the policy's answer, `next`, into what the loop does.
fn fail(shared: &Shared, failed: Failed, next: Next) -> Round {
    update(shared, |i| {
        i.loop_state.last_error = Some(failed.failure.clone());
        match next {
            Next::Retry { offline: true } => {
                // Whatever changed on the server while we could not reach it, the
                // next write must see first; and what another tab stored, this save keeps.
                i.take_stored_changes();
                i.replica.stale = true;
                i.save();
                i.loop_state.status = Status::Offline;
                Round::Retry(None)
            }
            Next::Retry { offline: false } => {
                i.loop_state.status = Status::Error;
                Round::Retry(failed.retry_after_ms)
            }
            // A stop; and a read has nothing to re-read, put or blame, so such an answer
            // stops like any other refusal.
            Next::Stop { .. } | Next::Reread | Next::Put | Next::Blame => {
                i.loop_state.stopped = true;
                let auth = matches!(next, Next::Stop { auth: true });
                i.loop_state.status = if auth { Status::Paused } else { Status::Error };
                i.out.queue.push(Event::Error(failed.failure));
                Round::Stop
            }
        }
    })
}

fn finish(shared: &Shared) {
    let (waiters, outcome) = update(shared, |i| {
        i.loop_state.running = false;
        let empty = i.replica.outbox.is_empty();
        if empty && i.loop_state.status == Status::Syncing {
            i.loop_state.status = Status::Idle;
        }
        let settle = empty || i.loop_state.stopped || i.loop_state.destroyed;
        let waiters = if settle { std::mem::take(&mut i.loop_state.waiters) } else { Vec::new() };
        (waiters, if empty { Ok(()) } else { Err(i.stopped_error()) })
    });
    for (resolve, reject) in waiters {
        let _ = match &outcome {
            Ok(()) => resolve.call0(&JsValue::NULL),
            Err(error) => reject.call1(&JsValue::NULL, error),
        };
    }
}
