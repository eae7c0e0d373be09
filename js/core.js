// The engine-only entry, `guided-checklist/core`: validators and `Checklist` from a module
// built without the sync client, for pages that only validate or render. The module is
// initialised once, lazily, on the first `init()`; importing this file does nothing.
import initWasm from './guided_checklist.js';
import { loader } from '../load.js';

export * from './guided_checklist.js';
export { ChecklistError } from '../errors.js';

/** Loads and instantiates the WASM module once (see load.js for how). */
export const init = loader(initWasm, () => new URL('guided_checklist_bg.wasm', import.meta.url), () => undefined);
