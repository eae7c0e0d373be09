// React bindings: one client per user shared by every component that asks for it,
// snapshots through useSyncExternalStore, and events with a handler that may change
// on every render. React is a peer dependency; nothing here runs at import.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createChecklistClient } from './index.js';

/** What `useChecklist` gives before a client is ready, and during a server render. */
export const LOADING_SNAPSHOT = Object.freeze({
  checklist: null,
  visibleSteps: Object.freeze([]),
  progress: null,
  sync: Object.freeze({ status: 'loading', pending: 0, storage: 'local', lastSyncedAt: null, lastError: null }),
});

// Clients by identity, counted by the components that use them. The last release waits
// one task before destroying, so StrictMode's unmount-and-mount keeps the same client.
const clients = new Map();

function identity(options) {
  const { baseUrl, userId, organization, storageKey } = options;
  return JSON.stringify([baseUrl, userId, organization ?? null, storageKey ?? null]);
}

function acquire(key, options) {
  let entry = clients.get(key);
  if (!entry) {
    entry = { users: 0, timer: undefined, client: undefined };
    entry.ready = createChecklistClient(options).then((client) => {
      entry.client = client;
      client.load().catch(() => {});
      return client;
    }, (error) => {
      // A failure is not shared for good: the next component to ask (once an error
      // boundary resets, say) makes the client again, and init() loads the module again.
      if (clients.get(key) === entry) clients.delete(key);
      throw error;
    });
    clients.set(key, entry);
  }
  entry.users += 1;
  clearTimeout(entry.timer);
  return entry;
}

function release(key, entry) {
  entry.users -= 1;
  if (entry.users > 0) return;
  entry.timer = setTimeout(() => {
    if (entry.users > 0 || clients.get(key) !== entry) return;
    clients.delete(key);
    entry.ready.then((client) => {
      client.destroy();
      client.free();
    }, () => {});
  }, 0);
}

/**
 * The client for `options`, shared by every component that passes the same `baseUrl`, `userId`,
 * `organization` and `storageKey`; loaded once, destroyed when the last of them unmounts, and
 * replaced when those change. `null` until the WASM module is ready, and when `options` is null.
 * When the client cannot be made (the module did not load, or `options` are refused), the error
 * is thrown during render, for the nearest error boundary; mounting again tries again.
 */
export function useChecklistClient(options) {
  const key = options ? identity(options) : null;
  const latest = useRef(options);
  latest.current = options;
  const [ready, setReady] = useState({ key: null, client: null, error: null });
  useEffect(() => {
    if (key === null) return undefined;
    const entry = acquire(key, latest.current);
    let mounted = true;
    const show = (client, error = null) => {
      if (mounted) setReady({ key, client, error });
    };
    if (entry.client) show(entry.client);
    else entry.ready.then(show, (error) => show(null, error));
    return () => {
      mounted = false;
      release(key, entry);
    };
  }, [key]);
  if (ready.key !== key) return null;
  if (ready.error) throw ready.error;
  return ready.client;
}

const subscribeNothing = () => () => {};
const loading = () => LOADING_SNAPSHOT;

/** The client's snapshot, re-rendering when it changes; `LOADING_SNAPSHOT` without a client and on the server. */
export function useChecklist(client) {
  return useSyncExternalStore(
    client ? client.subscribe : subscribeNothing,
    client ? client.getSnapshot : loading,
    loading,
  );
}

/** Calls the latest `handler` for each event of `type` while the component is mounted. */
export function useChecklistEvent(client, type, handler) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => (client ? client.on(type, (event) => latest.current(event)) : undefined), [client, type]);
}
