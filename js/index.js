// The package entry for browsers and bundlers. The WASM module is initialised
// once, lazily, on the first `init()` or `createChecklistClient()`; importing
// this file does nothing, so it is safe in SSR builds and needs no top-level await.
import initWasm from './guided_checklist.js';
import { ResilientClient, installReset } from './resilient.js';

export * from './guided_checklist.js';
export { GuidedChecklistPanic } from './resilient.js';
export { ChecklistError, ChecklistSyncError } from './errors.js';

let ready;

/**
 * Loads and instantiates the WASM module once; later calls return the same promise. A load
 * that fails (offline on a first visit, say) is not kept: the next call tries again. A module
 * fetched here is given up after `timeoutMs`, as the client's requests are, so a hung
 * network cannot hold `init()` for good.
 */
export function init(moduleOrPath, options) {
  // The request goes out first: the glue then builds its imports while the module is on its
  // way, not before asking for it. Whatever fails (a refused `timeoutMs` too) rejects.
  ready ??= (async () => {
    const where = moduleOrPath ?? new URL('guided_checklist_bg.wasm', import.meta.url);
    return initWasm({ module_or_path: requested(where, options?.timeoutMs ?? 30_000) });
  })().then(installReset, (error) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

/**
 * A request for the module at `where` (a URL), with its bound where the engine has
 * `AbortSignal.timeout` (as the client's requests: Safari before 16 has not); anything else
 * as it is.
 */
function requested(where, timeoutMs) {
  return typeof where === 'string' || where instanceof URL ? fetch(where, { signal: globalThis.AbortSignal?.timeout?.(timeoutMs) }) : where;
}

/** A ready client that survives a panic in the module; `subscribe` and `getSnapshot` are bound. */
export async function createChecklistClient(options) {
  await init();
  return new ResilientClient(options);
}
