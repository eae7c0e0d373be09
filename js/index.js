// The package entry for browsers and bundlers. The WASM module is initialised
// once, lazily, on the first `init()` or `createChecklistClient()`; importing
// this file does nothing, so it is safe in SSR builds and needs no top-level await.
import initWasm from './guided_checklist.js';
import { loader } from './load.js';
import { ResilientClient, installReset } from './resilient.js';

export * from './guided_checklist.js';
export { GuidedChecklistPanic } from './resilient.js';
export { ChecklistError, ChecklistSyncError } from './errors.js';

/** Loads and instantiates the WASM module once (see load.js for how). */
export const init = loader(initWasm, () => new URL('guided_checklist_bg.wasm', import.meta.url), installReset);

/** A ready client that survives a panic in the module; `subscribe` and `getSnapshot` are bound. */
export async function createChecklistClient(options) {
  await init();
  return new ResilientClient(options);
}
