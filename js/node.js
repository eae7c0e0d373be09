// The package entry for Node (SSR, unit tests): the WASM module is read from
// disk and instantiated synchronously on import, so every export works at once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync } from './guided_checklist.js';
import { ResilientClient, installReset } from './resilient.js';

export * from './guided_checklist.js';
export { GuidedChecklistPanic } from './resilient.js';
export { ChecklistError, ChecklistSyncError } from './errors.js';

// The file name is computed so that server builds of bundlers (Next.js, webpack) leave
// it alone: they rewrite `new URL('./x.wasm', import.meta.url)` into a URL of the
// browser's assets, which no file on the server has.
const file = ['guided_checklist_bg', 'wasm'].join('.');
initSync({ module: readFileSync(fileURLToPath(new URL(file, import.meta.url).href)) });
installReset();

/** Already initialised in Node; resolves at once. */
export function init() {
  return Promise.resolve();
}

/** A client that survives a panic in the module; `subscribe` and `getSnapshot` are bound. */
export async function createChecklistClient(options) {
  return new ResilientClient(options);
}
