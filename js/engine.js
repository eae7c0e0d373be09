// The engine's own JS, imported by the WASM module (wasm-bindgen copies this file into the
// package under snippets/): one module, so that loading the package costs one request for it.

export function recordPanic(message) {
  const count = Symbol.for('guided-checklist.panics');
  globalThis[count] = (globalThis[count] ?? 0) + 1;
  globalThis[Symbol.for('guided-checklist.panic')] = message;
  console.error('guided-checklist panicked:', message);
  // Start the fresh instance as soon as the trap has unwound, before old objects are used.
  const reset = globalThis[Symbol.for('guided-checklist.reset')];
  if (reset) queueMicrotask(reset);
}

// An ISO 8601 text with milliseconds in UTC, as the API's date-times are written; undefined
// for an invalid Date. Years outside 0000-9999 get six digits and a sign, which the module refuses.
export function isoString(date = new Date()) {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const encoder = new TextEncoder();
// Writes `text` from UTF-16 unit `from` on into `bytes` (a view of WASM memory) and returns
// `read * 2 ** 24 + written`: both fit, as texts over 4 MiB units are refused before this.
export function encodeInto(text, from, bytes) {
  const { read, written } = encoder.encodeInto(from === 0 ? text : text.slice(from), bytes);
  return read * 2 ** 24 + written;
}

function freeze(value) {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(freeze);
    Object.freeze(value);
  }
  return value;
}
export function parseFrozen(text) {
  return freeze(JSON.parse(text));
}
export function stepObjects(full, changed, cache) {
  if (!full && changed === '') return cache.objects;
  return updateSteps(cache, full, changed === '' ? [] : changed.split('\n'), 0);
}
// `lines` from `from` on: every step's JSON when `full`, else pairs of an index and the
// step's `[status, completedAt, completedBy]`, the only fields an edit in place changes.
function updateSteps(cache, full, lines, from) {
  if (full) {
    // A step whose text is unchanged keeps its object; a patched one's text is made again.
    const old = new Map((cache.list ?? []).map((step, i) => [cache.texts[i] ?? JSON.stringify(step), step]));
    cache.texts = lines.slice(from);
    cache.list = cache.texts.map((text) => old.get(text) ?? parseFrozen(text));
  } else {
    for (let i = from; i + 1 < lines.length; i += 2) {
      const index = Number(lines[i]);
      const step = cache.list[index];
      const [status, completedAt, completedBy] = JSON.parse(lines[i + 1]);
      if (step.status !== status || (step.completedAt ?? null) !== completedAt
        || (step.completedBy ?? null) !== completedBy) {
        cache.texts[index] = undefined;
        cache.list[index] = patched(step, status, completedAt, completedBy);
      }
    }
  }
  // The frozen array is a copy of the mutable `list`: V8 freezes a fresh copy of a plain
  // array in well under a microsecond, but a copy of a frozen array about forty times slower.
  cache.objects = Object.freeze(cache.list.slice());
  return cache.objects;
}
// A copy of `step` with the fields an edit changes, in the order the module writes a step:
// `completedAt` and `completedBy` follow `sortOrder`. Every other value is the old one,
// already frozen.
function patched(step, status, completedAt, completedBy) {
  const next = {};
  for (const key of Object.keys(step)) {
    if (key === 'completedAt' || key === 'completedBy') continue;
    next[key] = key === 'status' ? status : step[key];
    if (key === 'sortOrder') {
      if (completedAt !== null) next.completedAt = completedAt;
      if (completedBy !== null) next.completedBy = completedBy;
    }
  }
  return Object.freeze(next);
}
const lockedViews = new WeakMap();
function withLocked(step, locked) {
  let views = lockedViews.get(step);
  if (!views) { views = []; lockedViews.set(step, views); }
  return views[+locked] ??= Object.freeze({ ...step, locked });
}
// Status in src/wasm/client/state.rs, in its order: a snapshot sends the index.
const STATUSES = ['loading', 'idle', 'syncing', 'offline', 'paused', 'error'];
export function clientSnapshot(cache, full, text, f) {
  const lines = text.split('\n');
  const steps = full || lines.length > 2 ? updateSteps(cache, full, lines, 2) : cache.objects;
  // The checklist's own fields and the texts beside them are parsed and frozen once, and
  // shared by the snapshots until they change.
  if (lines[0] !== '') cache.head = parseFrozen(lines[0]);
  if (lines[1] !== '') cache.strings = parseFrozen(lines[1]);
  const [nextStepId, lastSyncedAt, lastError] = cache.strings;
  let checklist = null;
  if (cache.head !== null) {
    checklist = { ...cache.head };
    if (f[1]) checklist.steps = steps;
    Object.freeze(checklist);
  }
  return Object.freeze({
    checklist,
    progress: f[0]
      ? Object.freeze({ total: f[2], completed: f[3], skipped: f[4], inProgress: f[5], remaining: f[6], percent: f[7],
        nextStepId, complete: !!f[8], dismissed: !!f[9] })
      : null,
    sync: Object.freeze({ status: STATUSES[f[10]], pending: f[11], storage: f[12] ? 'local' : 'memory', lastSyncedAt,
      lastError }),
    visibleSteps: shownObjects(steps, f.subarray(13), true),
  });
}
export function shownObjects(steps, shown, frozen) {
  const out = new Array(shown.length);
  for (let i = 0; i < shown.length; i += 1) {
    const step = steps[shown[i] >>> 2];
    const locked = shown[i] & 3;
    out[i] = locked === 0 ? step : withLocked(step, locked === 2);
  }
  return frozen ? Object.freeze(out) : out;
}
