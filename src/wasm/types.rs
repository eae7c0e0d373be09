//! TypeScript declarations of the values that cross the boundary as plain objects.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** The checklist's track. */
export type Track = "A" | "B";
/** Where a step stands. */
export type StepStatus = "UP_NEXT" | "IN_PROGRESS" | "COMPLETED" | "SKIPPED";

/** One step of the checklist; unknown fields are kept. */
export interface Step {
  stepId: string;
  title: string;
  description: string;
  ctaLabel: string;
  /** An in-app route: never a URL with a scheme, never `//host`. */
  ctaRoute: string;
  status: StepStatus;
  sortOrder: number;
  /** RFC 3339 date-time. */
  completedAt?: string;
  /** Hyphenated UUID. */
  completedBy?: string;
  sourceRoles?: string[];
  [unknown: string]: unknown;
}

/** The `guidedChecklist` property; unknown fields are kept. */
export interface GuidedChecklist {
  track: Track;
  roles?: string[];
  productInterests?: string[];
  steps?: Step[];
  computedAt: string;
  completedAt?: string;
  dismissedAt?: string;
  [unknown: string]: unknown;
}

/** The user-properties record; unknown fields are kept. */
export interface UserProperties {
  userId: string;
  guidedChecklist?: GuidedChecklist;
  createdDate: string;
  modifiedDate: string;
  [unknown: string]: unknown;
}

/** Stable codes of validation findings. */
export type IssueCode =
  | "required" | "type" | "enum" | "format" | "duplicate" | "unsafe_route" | "too_large" | "range"
  | "empty" | "invalid_json" | "mismatch" | "forbidden"
  | "completed_without_time" | "time_without_completion" | "completed_with_open_steps";

/** One finding: where (an RFC 6901 JSON Pointer), what (a stable code) and why. */
export interface ValidationIssue {
  path: string;
  code: IssueCode;
  message: string;
}

/** What validation found; `ok` is true when `errors` is empty. */
export interface ValidationResult {
  ok: boolean;
  /** The first 100 errors at most, in the order found. */
  errors: ValidationIssue[];
  /** How many errors there were, listed or not. */
  errorCount: number;
  warnings: ValidationIssue[];
}

/** Progress over the visible steps. */
export interface Progress {
  total: number;
  completed: number;
  skipped: number;
  inProgress: number;
  remaining: number;
  /** Whole percent of closed (COMPLETED or SKIPPED) steps, rounded down. */
  percent: number;
  nextStepId: string | null;
  complete: boolean;
  dismissed: boolean;
}

/** When an edit happened: an RFC 3339 string or a Date; now when absent. */
export interface TimeOptions {
  at?: string | Date;
}

/** A visible step as shown: in ordered mode, `locked` says it waits for an earlier open step. */
export type ShownStep = Step & { locked?: boolean };

/** `Checklist.fromJSON` options. */
export interface ChecklistOptions {
  /** "ordered": a step after the first open one is `locked`, and completing it throws code "step_locked". */
  order?: "any" | "ordered";
}

/** `completeStep` options: when, and who (a hyphenated UUID). */
export interface CompleteOptions extends TimeOptions {
  by?: string;
}

/** Codes of a thrown `ChecklistError` ("destroyed": a call on a client after `destroy()`). */
export type ChecklistErrorCode =
  | "invalid" | "step_not_found" | "step_not_visible" | "step_locked" | "invalid_argument" | "destroyed";
"#;

#[wasm_bindgen]
extern "C" {
    /// `{ at?, by? }` of `completeStep`.
    #[wasm_bindgen(typescript_type = "CompleteOptions")]
    pub type CompleteOptions;

    /// `{ at? }` of the other operations.
    #[wasm_bindgen(typescript_type = "TimeOptions")]
    pub type TimeOptions;

    /// A list of role names.
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type Roles;

    /// `{ order? }` of `Checklist.fromJSON`.
    #[wasm_bindgen(typescript_type = "ChecklistOptions")]
    pub type ChecklistOptions;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT_TYPES: &'static str = r#"
/** Options of `new ChecklistClient(options)`. */
export interface ClientOptions {
  /** Origin (and path prefix) of the API, e.g. "https://api.example.com". */
  baseUrl: string;
  userId: string;
  /** The organization whose roles resolve visibility; sent as `?organization=`. */
  organization?: string;
  /** Gives a bearer token before each request; never stored. After a 401 it is asked once with `{ refresh: true }`. */
  getAccessToken?: (context: { refresh: boolean }) => string | Promise<string>;
  /** Hyphenated UUID written to `completedBy` when `completeStep` names no `by`. */
  actorId?: string;
  /** "local" (default): localStorage, shared by tabs, kept across reloads; "memory": this client only. */
  storage?: "local" | "memory";
  /** Prefix of the storage key (default "guided-checklist"); the key adds organization and user. */
  storageKey?: string;
  /**
   * Retry backoff: delays are uniform in [0, min(maxMs, baseMs·2^attempt)]; a server's `Retry-After` wins, up to
   * `retryAfterCapMs` (default 60000).
   */
  retry?: { baseMs?: number; maxMs?: number; retryAfterCapMs?: number };
  /** The longest a request (its body included) or a `getAccessToken` call may take, in ms (default 30000). */
  timeoutMs?: number;
  /** "ordered": a step after the first open one is `locked`, and completing it throws code "step_locked". */
  order?: "any" | "ordered";
  /**
   * When the client re-reads the record on its own: on window focus and when the page becomes visible (both on by
   * default), every `intervalMs` while visible (0: never, the default), at most once per `minIntervalMs` (5000).
   */
  refresh?: { onFocus?: boolean; onVisible?: boolean; intervalMs?: number; minIntervalMs?: number };
  /** `fetch` options for every request: `credentials` ("include" for cookie sessions) and extra `headers`. */
  request?: {
    credentials?: "include" | "same-origin" | "omit";
    headers?: Record<string, string> | (() => Record<string, string>);
  };
  /** A record as the GET returns it (server-side rendering): the client starts from it without a GET. */
  initialRecord?: UserProperties;
  /** The `ETag` of `initialRecord`; without it the first write reads the record first. */
  initialEtag?: string;
}

/** Where syncing stands. */
export type SyncStatus = "loading" | "idle" | "syncing" | "offline" | "paused" | "error";

/**
 * A failure as the client understood it. `code`: "http" (the server answered `status`),
 * "network" (no answer; `status` 0), "token" (`getAccessToken` threw, rejected or gave no
 * string; syncing waits for `resume()`), "storage_unavailable" (localStorage cannot be used:
 * the outbox lives in memory, told once), "storage_refused" (the browser refused to store an
 * edit: it is applied and queued in memory, and lost if the page closes before it syncs).
 */
export type SyncErrorCode =
  | "http" | "network" | "token" | "headers" | "no_etag" | "storage_unavailable" | "storage_refused" | "storage_corrupt";

/** A failure as an `error` event and `sync.lastError` carry it. */
export interface SyncError {
  code: SyncErrorCode;
  status: number;
  message: string;
  errors: { path: string; code: string; message: string }[];
}

/** What `getSnapshot()` returns: frozen, and the same object until something changes. */
export interface Snapshot {
  readonly checklist: GuidedChecklist | null;
  readonly visibleSteps: readonly ShownStep[];
  readonly progress: Progress | null;
  readonly sync: {
    readonly status: SyncStatus;
    readonly pending: number;
    /** Where pending edits are kept: "local" survives reloads, "memory" does not. */
    readonly storage: "local" | "memory";
    readonly lastSyncedAt: string | null;
    readonly lastError: SyncError | null;
  };
}

/** An edit in the outbox. */
export type Operation =
  | { type: "completeStep"; stepId: string; at: string; by?: string }
  | { type: "startStep" | "skipStep" | "reopenStep"; stepId: string; at: string }
  | { type: "dismiss"; at: string }
  | { type: "restore" }
  | { type: "reset"; at: string }
  | { type: "setProductInterests"; productInterests: string[] };

/** Events of `on(type, handler)`. */
export type ClientEvent =
  | { type: "step"; stepId: string; from: StepStatus; to: StepStatus; at: string }
  | { type: "checklistCompleted"; at: string }
  | { type: "dismissed"; at: string }
  | { type: "restored"; at: string }
  | { type: "synced"; at: string; pending: number }
  | {
      type: "conflict";
      op: Operation;
      code: "step_not_found" | "step_not_visible" | "step_locked" | "no_checklist" | "invalid";
      message: string;
    }
  | { type: "refreshed"; added: string[]; removed: string[]; roles: string[] | null }
  | ({ type: "error" } & SyncError);

/** The event types. */
export type ClientEventType = ClientEvent["type"];
"#;

#[wasm_bindgen]
extern "C" {
    /// Options of `new ChecklistClient(options)`.
    #[wasm_bindgen(typescript_type = "ClientOptions")]
    pub type ClientOptions;
}
