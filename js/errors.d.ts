import type { ChecklistErrorCode, SyncErrorCode, ValidationIssue } from './guided_checklist.js';

/** Thrown by `Checklist` and `ChecklistClient` calls; `errors` lists validation issues when they caused it. */
export class ChecklistError extends Error {
  name: 'ChecklistError';
  code: ChecklistErrorCode;
  errors: ValidationIssue[];
}

/** What `flush()` rejects with when syncing stops: the failure's `code`, HTTP `status` (0: none) and issues. */
export class ChecklistSyncError extends Error {
  name: 'ChecklistSyncError';
  code: SyncErrorCode;
  status: number;
  errors: { path: string; code: string; message: string }[];
}
