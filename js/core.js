// The engine-only entry, `guided-checklist/core`: validators and `Checklist` from a module
// built without the sync client, for pages that only validate or render. The module is
// initialised once, lazily, on the first `init()`; importing this file does nothing.
import initWasm from './guided_checklist.js';

export * from './guided_checklist.js';
export { ChecklistError } from '../errors.js';

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
  })().then(() => undefined, (error) => {
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
