import type { InitInput } from './guided_checklist.js';

export * from './guided_checklist.js';
export { ChecklistError } from '../errors.js';

/**
 * Loads and instantiates the WASM module once; later calls return the same promise, and a call
 * after a failed load tries again. A module fetched by `init` (no argument, a URL or a path) is
 * given up after `timeoutMs` (default 30 000) where the engine has `AbortSignal.timeout`, and
 * refused when it answers with a web page (a captive portal's, say). In Node it is already done.
 */
export function init(moduleOrPath?: InitInput | Promise<InitInput>, options?: { timeoutMs?: number }): Promise<void>;
