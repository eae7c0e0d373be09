// The sync client's own JS, imported by the WASM module built with the `client` feature
// (wasm-bindgen copies this file into the package under snippets/).

export function withLock(name, task) {
  const locks = globalThis.navigator && globalThis.navigator.locks;
  return locks ? locks.request(name, task) : task();
}
export class Listeners {
  constructor() { this.kinds = new Map(); }
  add(kind, listener) {
    let set = this.kinds.get(kind);
    if (!set) { set = new Set(); this.kinds.set(kind, set); }
    const entry = { listener };
    set.add(entry);
    return () => { set.delete(entry); };
  }
  has(kind) { const set = this.kinds.get(kind); return set !== undefined && set.size > 0; }
  emit(kind, payload) {
    const set = this.kinds.get(kind);
    if (!set) return;
    for (const { listener } of [...set]) {
      try { listener(payload); } catch (error) { console.error('guided-checklist: a listener threw', error); }
    }
  }
  clear() { this.kinds.clear(); }
}
const neighbours = new Map();
export function joinNeighbours(key, callback) {
  let set = neighbours.get(key);
  if (!set) { set = new Set(); neighbours.set(key, set); }
  set.add(callback);
  return () => { set.delete(callback); if (set.size === 0) neighbours.delete(key); };
}
export function tellNeighbours(key, self) {
  const set = neighbours.get(key);
  if (set === undefined || set.size < 2) return;
  queueMicrotask(() => { for (const callback of set) if (callback !== self) callback(); });
}
export function timeoutSignal(ms) {
  return typeof AbortSignal === 'function' && AbortSignal.timeout ? AbortSignal.timeout(ms) : undefined;
}
export function withTimeout(promise, ms) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
