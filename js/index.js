// The package entry for browsers and bundlers. The WASM module is initialised
// once, lazily, on the first `init()` or `createChecklistClient()`; importing
// this file does nothing, so it is safe in SSR builds and needs no top-level await.
import initWasm, { ChecklistClient } from './guided_checklist.js';

export * from './guided_checklist.js';

let ready;

/** Loads and instantiates the WASM module once; later calls return the same promise. */
export function init(moduleOrPath) {
  ready ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(() => undefined);
  return ready;
}

/** A ready `ChecklistClient`, with `subscribe` and `getSnapshot` bound for `useSyncExternalStore`. */
export async function createChecklistClient(options) {
  await init();
  return bind(new ChecklistClient(options));
}

function bind(client) {
  client.subscribe = client.subscribe.bind(client);
  client.getSnapshot = client.getSnapshot.bind(client);
  return client;
}
