import type { ChecklistClient, ClientOptions, InitInput } from './guided_checklist.js';

export * from './guided_checklist.js';
export { ChecklistError, ChecklistSyncError } from './errors.js';

/**
 * Loads and instantiates the WASM module once; later calls return the same promise, and a call
 * after a failed load tries again. A module fetched by `init` (no argument, a URL or a path) is
 * given up after `timeoutMs` (default 30 000) where the engine has `AbortSignal.timeout`, and
 * refused when it answers with a web page (a captive portal's, say). In Node it is already done.
 */
export function init(moduleOrPath?: InitInput | Promise<InitInput>, options?: { timeoutMs?: number }): Promise<void>;

/** What `createChecklistClient` gives: a `ChecklistClient` that rebuilds itself from storage after a panic. */
export type SyncedChecklist = Omit<ChecklistClient, never>;

/**
 * A ready client. `subscribe` and `getSnapshot` are bound, so they can be passed to `useSyncExternalStore`.
 * If the WASM module panics, the call that hit it throws `GuidedChecklistPanic` and the client carries on
 * from its stored state and outbox.
 */
export function createChecklistClient(options: ClientOptions): Promise<SyncedChecklist>;

/** Thrown by the call during which the WASM module panicked. */
export class GuidedChecklistPanic extends Error {
  name: 'GuidedChecklistPanic';
}
