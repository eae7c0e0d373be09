// The package entry for Node (SSR, unit tests): the WASM module is read from
// disk and instantiated synchronously on import, so every export works at once.
import { readFileSync } from 'node:fs';
import { initSync, ChecklistClient } from './guided_checklist.js';

export * from './guided_checklist.js';

initSync({ module: readFileSync(new URL('./guided_checklist_bg.wasm', import.meta.url)) });

/** Already initialised in Node; resolves at once. */
export function init() {
  return Promise.resolve();
}

/** A `ChecklistClient`, with `subscribe` and `getSnapshot` bound for `useSyncExternalStore`. */
export async function createChecklistClient(options) {
  const client = new ChecklistClient(options);
  client.subscribe = client.subscribe.bind(client);
  client.getSnapshot = client.getSnapshot.bind(client);
  return client;
}
