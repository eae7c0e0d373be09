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
  | "empty" | "invalid_json" | "mismatch"
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
  errors: ValidationIssue[];
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

/** `completeStep` options: when, and who (a hyphenated UUID). */
export interface CompleteOptions extends TimeOptions {
  by?: string;
}

/** Codes of a thrown `ChecklistError`. */
export type ChecklistErrorCode = "invalid" | "step_not_found" | "step_not_visible" | "invalid_argument";

/** What `Checklist` methods throw: an `Error` named "ChecklistError". */
export interface ChecklistError extends Error {
  name: "ChecklistError";
  code: ChecklistErrorCode;
  errors: ValidationIssue[];
}
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
}
