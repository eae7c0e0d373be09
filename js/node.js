// The package entry for Node (SSR, unit tests): the WASM module is read from
// disk and instantiated synchronously on import, so every export works at once.
import { readFileSync } from 'node:fs';
import { initSync } from './guided_checklist.js';
import { ResilientClient, installReset } from './resilient.js';

export * from './guided_checklist.js';
export { GuidedChecklistPanic } from './resilient.js';

initSync({ module: readFileSync(new URL('./guided_checklist_bg.wasm', import.meta.url)) });
installReset();

/** Already initialised in Node; resolves at once. */
export function init() {
  return Promise.resolve();
}

/** A client that survives a panic in the module; `subscribe` and `getSnapshot` are bound. */
export async function createChecklistClient(options) {
  return new ResilientClient(options);
}
