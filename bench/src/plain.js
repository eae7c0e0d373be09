// A plain JS implementation of the same rules and operations, written to be fast:
// what a team would write by hand instead of using the library.
import { ROUTE } from './route.js';

const STATUS = new Set(['UP_NEXT', 'IN_PROGRESS', 'COMPLETED', 'SKIPPED']);
const DATE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const isDate = (v) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v));
const isStrings = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string');

export function validate(c) {
  const errors = [];
  const fail = (path, code) => errors.push({ path, code });
  if (c === null || typeof c !== 'object' || Array.isArray(c)) return [{ path: '', code: 'type' }];
  if (c.track !== 'A' && c.track !== 'B') fail('/track', 'enum');
  if (!isDate(c.computedAt)) fail('/computedAt', 'format');
  for (const k of ['completedAt', 'dismissedAt']) if (c[k] !== undefined && !isDate(c[k])) fail(`/${k}`, 'format');
  for (const k of ['roles', 'productInterests']) if (c[k] !== undefined && !isStrings(c[k])) fail(`/${k}`, 'type');
  if (c.steps !== undefined) {
    if (!Array.isArray(c.steps)) return [...errors, { path: '/steps', code: 'type' }];
    const ids = new Set();
    c.steps.forEach((s, i) => {
      const at = `/steps/${i}`;
      if (s === null || typeof s !== 'object') return fail(at, 'type');
      for (const k of ['stepId', 'title', 'description', 'ctaLabel', 'ctaRoute']) {
        if (typeof s[k] !== 'string') fail(`${at}/${k}`, 'type');
      }
      if (ids.has(s.stepId)) fail(`${at}/stepId`, 'duplicate');
      ids.add(s.stepId);
      if (typeof s.ctaRoute === 'string' && !ROUTE.test(s.ctaRoute)) fail(`${at}/ctaRoute`, 'unsafe_route');
      if (!STATUS.has(s.status)) fail(`${at}/status`, 'enum');
      if (!Number.isSafeInteger(s.sortOrder)) fail(`${at}/sortOrder`, 'type');
      if (s.completedAt !== undefined && !isDate(s.completedAt)) fail(`${at}/completedAt`, 'format');
      if (s.completedBy !== undefined && !(typeof s.completedBy === 'string' && UUID.test(s.completedBy))) {
        fail(`${at}/completedBy`, 'format');
      }
      if (s.sourceRoles !== undefined && !isStrings(s.sourceRoles)) fail(`${at}/sourceRoles`, 'type');
    });
  }
  return errors;
}

const visible = (s, roles) => !s.sourceRoles || s.sourceRoles.length === 0 || s.sourceRoles.some((r) => roles.includes(r));

export function visibleSteps(c, roles = c.roles ?? []) {
  return c.steps.filter((s) => visible(s, roles))
    .sort((a, b) => a.sortOrder - b.sortOrder || (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0));
}

export function progress(c, roles) {
  const steps = visibleSteps(c, roles);
  let completed = 0; let skipped = 0; let inProgress = 0; let next = null; let firstUpNext = null;
  for (const s of steps) {
    if (s.status === 'COMPLETED') completed += 1;
    else if (s.status === 'SKIPPED') skipped += 1;
    else if (s.status === 'IN_PROGRESS') { inProgress += 1; next ??= s.stepId; } else firstUpNext ??= s.stepId;
  }
  const total = steps.length;
  const done = completed + skipped;
  return { total, completed, skipped, inProgress, remaining: total - done,
    percent: total ? Math.floor((done * 100) / total) : 0, nextStepId: next ?? firstUpNext,
    complete: total > 0 && done === total, dismissed: c.dismissedAt !== undefined };
}

/** Sets a step's status as the engine does; returns false for a missing or hidden step. */
export function setStatus(c, stepId, status, at) {
  const step = c.steps.find((s) => s.stepId === stepId);
  if (!step || !visible(step, c.roles ?? [])) return false;
  if (status === 'COMPLETED') {
    if (step.status !== 'COMPLETED') { step.status = status; step.completedAt = at; }
  } else {
    step.status = status; delete step.completedAt; delete step.completedBy;
  }
  const shown = c.steps.filter((s) => visible(s, c.roles ?? []));
  if (shown.length > 0 && shown.every((s) => s.status === 'COMPLETED' || s.status === 'SKIPPED')) c.completedAt ??= at;
  else delete c.completedAt;
  return true;
}

export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The sync store a team would write: edit, persist base and outbox, make a snapshot. */
export class Store {
  constructor(checklist, key, check) {
    this.base = checklist; this.outbox = []; this.key = key; this.check = check;
    this.view = structuredClone(checklist);
  }

  edit(stepId, status, at) {
    const op = { type: status, stepId, at };
    if (!setStatus(this.view, stepId, status, at)) throw new Error('step not found');
    if (this.check) this.check(this.view);
    this.outbox.push(op);
    localStorage.setItem(this.key, JSON.stringify({ base: this.base, outbox: this.outbox }));
    this.snapshot = Object.freeze({ checklist: this.view, visibleSteps: visibleSteps(this.view), progress: progress(this.view) });
    return this.snapshot;
  }
}
