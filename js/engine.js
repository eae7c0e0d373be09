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

const encoder = new TextEncoder();
export function encodeUtf8(text) { return encoder.encode(text); }

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
  const lines = changed === '' ? [] : changed.split('\n');
  let objects;
  if (full) {
    const old = new Map((cache.texts ?? []).map((text, i) => [text, cache.objects[i]]));
    cache.texts = lines;
    objects = lines.map((text) => old.get(text) ?? parseFrozen(text));
  } else {
    objects = cache.objects.slice();
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const index = Number(lines[i]);
      if (cache.texts[index] !== lines[i + 1]) {
        cache.texts[index] = lines[i + 1];
        objects[index] = parseFrozen(lines[i + 1]);
      }
    }
  }
  cache.objects = Object.freeze(objects);
  return cache.objects;
}
const lockedViews = new WeakMap();
function withLocked(step, locked) {
  let views = lockedViews.get(step);
  if (!views) { views = []; lockedViews.set(step, views); }
  return views[+locked] ??= Object.freeze({ ...step, locked });
}
export function assembleSnapshot(head, steps, visibleSteps) {
  const snapshot = JSON.parse(head);
  if (snapshot.checklist !== null && snapshot.hasSteps) snapshot.checklist.steps = steps;
  delete snapshot.hasSteps;
  snapshot.visibleSteps = visibleSteps;
  return freeze(snapshot);
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
