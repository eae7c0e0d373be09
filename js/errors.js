// The errors the package throws and rejects with: real Error subclasses, so `instanceof`,
// `name`, a stack and a stable `code` all work. The WASM module imports this file, and the
// package entries re-export the same module, so there is one class of each per page.

/** Thrown by `Checklist` and `ChecklistClient` calls; `errors` lists validation issues when they caused it. */
export class ChecklistError extends Error {
  constructor(message, code, errors) {
    super(message);
    this.name = 'ChecklistError';
    this.code = code;
    this.errors = errors ?? [];
  }
}

/** What `flush()` rejects with when syncing stops: the failure's `code`, HTTP `status` (0: none) and issues. */
export class ChecklistSyncError extends Error {
  constructor(message, code, status, errors) {
    super(message);
    this.name = 'ChecklistSyncError';
    this.code = code;
    this.status = status;
    this.errors = errors ?? [];
  }
}
