import type { ChecklistClient, ClientOptions, InitInput } from './guided_checklist.js';

export * from './guided_checklist.js';

/** Loads and instantiates the WASM module once; later calls return the same promise. In Node it is already done. */
export function init(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;

/** A ready `ChecklistClient`; `subscribe` and `getSnapshot` are bound, so they can be passed to `useSyncExternalStore`. */
export function createChecklistClient(options: ClientOptions): Promise<ChecklistClient>;
