import type { InitInput } from './guided_checklist.js';

export * from './guided_checklist.js';
export { ChecklistError } from '../errors.js';

/** Loads and instantiates the WASM module once; later calls return the same promise. In Node it is already done. */
export function init(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;
