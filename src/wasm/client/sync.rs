//! Loading and flushing: one loop per client sends the outbox, rebases on the
//! server's answers and retries what can be retried. No borrow of the state is
//! held across an `.await`.

use super::browser::{sleep, with_lock};
use super::http::{Failed, Read};
use super::state::{update, Event, Shared, Status};
use crate::sync::retry::is_retriable;
use crate::wasm::convert::now;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// What one round of syncing came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Round {
    /// Wrote or had nothing to write.
    Done,
    /// The base was out of date (412): read it and write again.
    Reread,
    /// Failed in a way worth retrying after a delay.
    Retry(Option<u64>),
    /// Stopped until `resume()`.
    Stop,
}

/// Starts the sync loop unless one is running, syncing is paused or the client is gone.
pub fn kick(shared: &Shared) {
    let start = {
        let mut inner = shared.borrow_mut();
        let start = !inner.flushing && !inner.paused && !inner.destroyed;
        inner.flushing |= start;
        start
    };
    if start {
        wasm_bindgen_futures::spawn_local(run(shared.clone()));
    }
}

/// Reads the record once and makes it the base (what `load()` does).
pub async fn load(shared: &Shared) {
    update(shared, |i| {
        i.reload();
        if i.view.is_none() {
            i.status = Status::Loading;
        }
    });
    let api = shared.borrow().api.clone();
    match api.get().await {
        Ok(read) => rebase(shared, read),
        Err(failed) => {
            fail(shared, failed);
        }
    }
}

async fn run(shared: Shared) {
    let mut attempt = 0u32;
    let mut rereads = 0u32;
    loop {
        let outcome = Rc::new(Cell::new(Round::Stop));
        let lock_name = shared.borrow().lock_name.clone();
        let (task_shared, task_outcome) = (shared.clone(), outcome.clone());
        with_lock(&lock_name, async move { task_outcome.set(round(&task_shared).await) }).await;
        let delay = match outcome.get() {
            Round::Done => {
                attempt = 0;
                rereads = 0;
                let inner = shared.borrow();
                let more = !inner.destroyed && !inner.paused && inner.replica.outgoing().is_some();
                if more {
                    continue;
                }
                break;
            }
            Round::Reread if rereads < 3 => {
                rereads += 1;
                continue;
            }
            Round::Reread => None,
            Round::Retry(after) => after,
            Round::Stop => break,
        };
        let backoff = shared.borrow().backoff;
        let ms = delay
            .map_or_else(|| backoff.delay_ms(attempt, js_sys::Math::random()), |d| d.min(u64::from(u32::MAX)) as u32);
        attempt = attempt.saturating_add(1);
        let parked = shared.clone();
        sleep(ms, move |wake| parked.borrow_mut().wake = Some(wake)).await;
        let mut inner = shared.borrow_mut();
        inner.wake = None;
        if inner.destroyed || inner.paused {
            break;
        }
    }
    finish(&shared);
}

async fn round(shared: &Shared) -> Round {
    let needs_read = update(shared, |i| {
        i.reload();
        // A retry does not hide an outage: offline and error stay until a request succeeds.
        let busy = i.replica.outgoing().is_some() || !i.replica.loaded || i.replica.stale;
        if busy && !matches!(i.status, Status::Offline | Status::Error) {
            i.status = Status::Syncing;
        }
        !i.replica.loaded || i.replica.stale
    });
    let api = shared.borrow().api.clone();
    if needs_read {
        match api.get().await {
            Ok(read) => rebase(shared, read),
            Err(failed) => return fail(shared, failed),
        }
    }
    let (outgoing, etag) = {
        let inner = shared.borrow();
        (inner.replica.outgoing(), inner.replica.etag.clone())
    };
    let Some(outgoing) = outgoing else { return Round::Done };
    let written = match api.patch(&outgoing.checklist, etag.as_deref()).await {
        Err(failed) if failed.failure.status == 404 => {
            let record = shared.borrow().replica.record_for_put(outgoing.checklist.clone());
            match record {
                Some(record) => api.put(&record).await,
                None => Err(failed),
            }
        }
        other => other,
    };
    match written {
        Ok((record, etag)) => {
            update(shared, |i| {
                i.reload();
                let conflicts = i.replica.acknowledge(&outgoing.sent, record, etag, now());
                i.report(conflicts);
                i.save();
                i.refresh_view();
                i.last_error = None;
                i.status = Status::Syncing;
                let at = now().as_str().to_owned();
                i.queue.push(Event::Synced { at, pending: i.replica.outbox.len() });
            });
            Round::Done
        }
        Err(failed) if failed.failure.status == 412 => {
            update(shared, |i| {
                i.replica.stale = true;
                i.save();
            });
            Round::Reread
        }
        Err(failed) if matches!(failed.failure.status, 400 | 422) => {
            update(shared, |i| {
                i.reload();
                let blamed = i.replica.blame(&outgoing, failed.failure.errors.iter().map(|e| e.path.as_str()));
                i.replica.drop_ops(&blamed);
                i.save();
                i.refresh_view();
                i.last_error = Some(failed.failure.clone());
                i.queue.push(Event::Error(failed.failure));
            });
            Round::Done
        }
        Err(failed) => fail(shared, failed),
    }
}

fn rebase(shared: &Shared, read: Read) {
    update(shared, |i| {
        i.reload();
        let (record, etag) = match read {
            Read::Found(record, etag) => (Some(*record), etag),
            Read::Missing => (None, None),
        };
        let conflicts = i.replica.rebase(record, etag, now());
        i.report(conflicts);
        i.save();
        i.refresh_view();
        i.last_error = None;
        i.status = if i.flushing && !i.replica.outbox.is_empty() { Status::Syncing } else { Status::Idle };
    });
}

/// Records a failed request and says what the loop should do about it.
fn fail(shared: &Shared, failed: Failed) -> Round {
    let status = failed.failure.status;
    update(shared, |i| {
        i.last_error = Some(failed.failure.clone());
        if status == 0 {
            // Whatever changed on the server while we could not reach it, the
            // next write must see first.
            i.replica.stale = true;
            i.save();
            i.status = Status::Offline;
            Round::Retry(None)
        } else if is_retriable(status) {
            i.status = Status::Error;
            Round::Retry(failed.retry_after_ms)
        } else {
            i.paused = true;
            i.status = if matches!(status, 401 | 403) { Status::Paused } else { Status::Error };
            i.queue.push(Event::Error(failed.failure));
            Round::Stop
        }
    })
}

fn finish(shared: &Shared) {
    let (waiters, settled) = update(shared, |i| {
        i.flushing = false;
        let empty = i.replica.outbox.is_empty();
        if empty && i.status == Status::Syncing {
            i.status = Status::Idle;
        }
        let settle = empty || i.paused || i.destroyed;
        let waiters = if settle { std::mem::take(&mut i.waiters) } else { Vec::new() };
        let message = i.last_error.as_ref().map_or_else(|| "syncing stopped".to_owned(), |e| e.message.clone());
        (waiters, (empty, message))
    });
    let (empty, message) = settled;
    for (resolve, reject) in waiters {
        let _ = if empty {
            resolve.call0(&JsValue::NULL)
        } else {
            reject.call1(&JsValue::NULL, &js_sys::Error::new(&message))
        };
    }
}
