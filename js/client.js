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
// A replica's texts in `localStorage` or in a plain object (memory, which outlives the
// WASM instance), by the parts sync/persist.rs names: 0 the head, 1 the base, 2 an edit by
// id. The keys (given once: the head's, the base's and what an edit's starts with) and the
// head's text last read or written are kept here, so the check every edit makes
// (`unchanged`) copies no text across, and an edit crosses as its id and its text.
export class Texts {
  constructor(head, base, op, store, local) {
    this.store = store;
    this.local = local;
    this.keys = [head, base, op];
    this.head = null;
  }
  key(part, id) { return part === 2 ? this.keys[2] + id : this.keys[part]; }
  // A store that throws on a read (a browser that revoked storage) reads as empty.
  read(key) {
    try {
      const text = this.local ? this.store.getItem(key) : this.store[key];
      return typeof text === 'string' ? text : null;
    } catch {
      return null;
    }
  }
  get(part, id) {
    const text = this.read(this.key(part, id));
    if (part === 0) this.head = text;
    return text;
  }
  // False when the store refused (quota, privacy mode, a frozen object).
  set(part, id, text) {
    const key = this.key(part, id);
    try {
      if (this.local) this.store.setItem(key, text); else this.store[key] = text;
    } catch {
      return false;
    }
    if (part === 0) this.head = text;
    return true;
  }
  remove(part, id) {
    const key = this.key(part, id);
    try {
      if (this.local) this.store.removeItem(key); else delete this.store[key];
    } catch {
      // A frozen object keeps it; it is read as before.
    }
    if (part === 0) this.head = null;
  }
  unchanged(next) {
    return this.head !== null && this.read(this.keys[0]) === this.head && this.read(this.keys[2] + next) === null;
  }
  // Keeps `text` under `{key}:unreadable:{time}`; that key, or undefined when refused.
  aside(text) {
    const key = `${this.keys[0]}:unreadable:${Date.now()}`;
    try {
      this.store.setItem(key, text);
    } catch {
      return undefined;
    }
    return key;
  }
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
export function withTimeout(promise, ms) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const describe = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

// One request to the API, in one piece: the token, the headers, `fetch` and the body's text.
// It never rejects: a failure is an answer with `failed` ("token", "headers" or "network")
// and `why`. The deadline (`AbortSignal.timeout`, where the engine has it) covers the body
// too, so a server that stops sending mid-answer holds nothing for good.
export async function exchange(...request) {
  try {
    return await send(...request);
  } catch (error) {
    return { failed: 'network', why: `the request could not be sent: ${describe(error)}` };
  }
}

async function send(method, url, extra, conditionName, conditionValue, body, credentials, getToken, refresh, ms) {
  const headers = new Headers();
  try {
    for (const [name, value] of Object.entries(extra ?? {})) if (typeof value === 'string') headers.set(name, value);
  } catch (error) {
    return { failed: 'headers', why: `request.headers gave a header fetch refuses: ${describe(error)}` };
  }
  if (conditionName !== undefined) headers.set(conditionName, conditionValue);
  if (getToken) {
    let token;
    try {
      token = getToken({ refresh });
    } catch {
      return { failed: 'token', why: 'getAccessToken threw' };
    }
    if (token instanceof Promise) {
      try {
        token = await withTimeout(token, ms);
      } catch {
        return { failed: 'token', why: 'getAccessToken rejected or did not settle in time' };
      }
    }
    if (typeof token !== 'string') return { failed: 'token', why: 'getAccessToken did not give a string' };
    headers.set('Authorization', `Bearer ${token}`);
  }
  const init = { method, headers };
  if (body !== undefined) {
    headers.set('Content-Type', 'application/json');
    init.body = body;
  }
  if (credentials !== undefined) init.credentials = credentials;
  if (typeof AbortSignal === 'function' && AbortSignal.timeout) init.signal = AbortSignal.timeout(ms);
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    return { failed: 'network', why: `no answer from the server: ${describe(error)}` };
  }
  const h = response.headers;
  const answer = { status: response.status, etag: h.get('ETag'), retryAfterMs: retryAfterMs(h.get('Retry-After'), h.get('Date')) };
  try {
    answer.text = await response.text();
  } catch (error) {
    answer.cut = `the answer was cut off: ${describe(error)}`;
  }
  return answer;
}

// `Retry-After` (RFC 9110) as milliseconds from now: delay seconds, or an HTTP date in any
// of the three forms a recipient must accept, which `Date.parse` reads. A date counts from
// the server's own `Date` when it sent one, so a skewed clock here neither stretches nor
// cuts the wait. Undefined when there is none or it cannot be read.
export function retryAfterMs(value, date) {
  if (value === null || value === undefined) return undefined;
  const given = value.trim();
  if (/^\d+$/.test(given)) return Number(given) * 1000;
  // HTTP dates are GMT; asctime's form does not say so, and would be read as local time.
  const at = Date.parse(/GMT$/.test(given) ? given : `${given} GMT`);
  if (Number.isNaN(at)) return undefined;
  const serverNow = date ? Date.parse(date) : NaN;
  return Math.max(0, at - (Number.isNaN(serverNow) ? Date.now() : serverNow));
}
