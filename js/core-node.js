// The engine-only entry for Node (SSR, unit tests): the module is read from disk and
// instantiated synchronously on import, so every export works at once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync } from './guided_checklist.js';

export * from './guided_checklist.js';
export { ChecklistError } from '../errors.js';

// Computed, so that server builds of bundlers leave the file name alone (see ../node.js).
const file = ['guided_checklist_bg', 'wasm'].join('.');
initSync({ module: readFileSync(fileURLToPath(new URL(file, import.meta.url).href)) });

/** Already initialised in Node; resolves at once. */
export function init() {
  return Promise.resolve();
}
