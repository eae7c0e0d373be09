// The engine-only entry, `guided-checklist/core`: validators and `Checklist` from a module
// built without the sync client, for pages that only validate or render. The module is
// initialised once, lazily, on the first `init()`; importing this file does nothing.
import initWasm from './guided_checklist.js';

export * from './guided_checklist.js';
export { ChecklistError } from '../errors.js';

let ready;

/** Loads and instantiates the WASM module once; later calls return the same promise. */
export function init(moduleOrPath) {
  ready ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(() => undefined);
  return ready;
}
