import type { ClientEvent, ClientEventType, ClientOptions, Snapshot } from './guided_checklist.js';
import type { SyncedChecklist } from './index.js';

/** What `useChecklist` gives before a client is ready, and during a server render. */
export const LOADING_SNAPSHOT: Snapshot;

/**
 * The client for `options`, shared by every component that passes the same `baseUrl`, `userId`,
 * `organization` and `storageKey`; loaded once, destroyed when the last of them unmounts, and
 * replaced when those change. Other options are read when the client is made. `null` until the
 * WASM module is ready, and when `options` is null. When the client cannot be made (the module
 * did not load, or `options` are refused), the error is thrown during render, for the nearest
 * error boundary; mounting again tries again.
 */
export function useChecklistClient(options: ClientOptions | null | undefined): SyncedChecklist | null;

/** The client's snapshot, re-rendering when it changes; `LOADING_SNAPSHOT` without a client and on the server. */
export function useChecklist(client: SyncedChecklist | null | undefined): Snapshot;

/** Calls the latest `handler` for each event of `type` while the component is mounted. */
export function useChecklistEvent<T extends ClientEventType>(
  client: SyncedChecklist | null | undefined,
  type: T,
  handler: (event: Extract<ClientEvent, { type: T }>) => void,
): void;
