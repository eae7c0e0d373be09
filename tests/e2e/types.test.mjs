// The TypeScript declarations are hand-written beside the Rust types that produce the values;
// this keeps them from drifting: real values (a snapshot, every event type, validation
// results, progress), produced by the package in Chromium against the reference server, are
// written into a TypeScript file as literals of their declared types, and strict `tsc` must
// accept them. A field the code adds or drops is an excess or missing property.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, root, seedUser, startServer } from './support.mjs';

const TOKEN = 'types-token';
let server;
let browser;

before(async () => {
  server = await startServer(['--static-dir', 'target/www', '--admin-token', TOKEN, '--test-controls']);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function produceValues(api) {
  const user = 'types-user';
  await seedUser(api, TOKEN, user, ['a', 'b', 'c']);
  const page = await browser.newPage();
  try {
    await page.goto(`${api}/index.html`);
    return await page.evaluate(async ({ api, user, token }) => {
      const mod = await import('/pkg/index.js');
      const control = (path, method, body) => fetch(`${api}/__test/${path}`, {
        method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: body && JSON.stringify(body) });
      const userPath = `/api/usermanagement/v1/users/${user}/`;
      const client = await mod.createChecklistClient({ baseUrl: api, userId: user, getAccessToken: () => token,
        storage: 'memory', retry: { baseMs: 10, maxMs: 50 }, refresh: { minIntervalMs: 0 } });
      const events = [];
      for (const type of ['step', 'checklistCompleted', 'dismissed', 'restored', 'synced', 'conflict', 'error',
        'refreshed']) {
        client.on(type, (event) => events.push(event));
      }
      const snapshots = [await client.load()];
      client.completeStep('a', { by: '0f8fad5b-d9cb-469f-a165-70867728950e' });
      client.skipStep('b');
      client.completeStep('c');
      client.dismiss();
      client.restore();
      await client.flush();
      snapshots.push(client.getSnapshot());
      // A refused write: an `error` event with the server's issues, and `lastError` in the snapshot.
      await control('faults', 'POST', { path: userPath, method: 'PATCH', status: 400, body: {
        type: 'about:blank', title: 'Bad Request', status: 400, detail: 'refused',
        errors: [{ path: '/steps/0/status', code: 'enum', message: 'refused' }] } });
      client.reopenStep('a');
      await client.flush();
      snapshots.push(client.getSnapshot());
      // An edit whose step is gone after a re-read: a `conflict` event.
      await control('faults', 'POST', { path: userPath, drop: true, count: 100000 });
      client.reopenStep('b');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await control(`records/${user}`, 'PUT', { userId: user, createdDate: '2024-01-01T00:00:00Z',
        modifiedDate: '2024-01-01T00:00:00Z', guidedChecklist: { track: 'A', computedAt: '2024-01-01T00:00:00Z',
          steps: [] } });
      await control(`faults?path=${encodeURIComponent(userPath)}`, 'DELETE');
      window.dispatchEvent(new Event('online'));
      await client.flush();
      snapshots.push(client.getSnapshot());
      // A role change seen by a focus refresh: a `refreshed` event.
      await control(`records/${user}`, 'PUT', { userId: user, createdDate: '2024-01-01T00:00:00Z',
        modifiedDate: '2024-01-01T00:00:00Z', guidedChecklist: { track: 'A', computedAt: '2024-01-01T00:00:00Z',
          steps: [{ stepId: 'x', title: 'X', description: 'x', ctaLabel: 'Go', ctaRoute: '/x', status: 'UP_NEXT',
            sortOrder: 1 }, { stepId: 'y', title: 'Y', description: 'y', ctaLabel: 'Go', ctaRoute: '/y',
            status: 'UP_NEXT', sortOrder: 2 }] } });
      await control(`memberships/${user}`, 'PUT', { roles: ['admin'] });
      window.dispatchEvent(new Event('focus'));
      for (let i = 0; i < 100 && !events.some((e) => e.type === 'refreshed'); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      client.reset();
      client.setProductInterests(['ai']);
      snapshots.push(client.getSnapshot());
      client.destroy();
      const ordered = await mod.createChecklistClient({ baseUrl: api, userId: user, getAccessToken: () => token,
        storage: 'memory', order: 'ordered' });
      snapshots.push(await ordered.load());
      ordered.destroy();

      const checklist = mod.Checklist.fromJSON({ track: 'B', computedAt: '2024-01-01T00:00:00Z', roles: ['admin'],
        steps: [{ stepId: 's', title: 'S', description: 'd', ctaLabel: 'Go', ctaRoute: '/s', status: 'COMPLETED',
          sortOrder: 1, sourceRoles: ['admin'] }] });
      const values = {
        snapshots, events,
        progress: checklist.progress(), visibleSteps: checklist.visibleSteps(), checklist: checklist.toJSON(),
        warnings: checklist.validate(),
        invalid: mod.validateGuidedChecklist({ track: 'Z', computedAt: 'x', steps: [{ stepId: 1 }] }),
      };
      checklist.free();
      return JSON.parse(JSON.stringify(values));
    }, { api, user, token: TOKEN });
  } finally {
    await page.close();
  }
}

test('every declared shape accepts the values the code produces, and nothing more', async () => {
  const values = await produceValues(server.url);
  const types = new Set(values.events.map((e) => e.type));
  for (const type of ['step', 'checklistCompleted', 'dismissed', 'restored', 'synced', 'conflict', 'error',
    'refreshed']) {
    assert.ok(types.has(type), `an event of type ${type} was produced: ${[...types]}`);
  }
  assert.ok(values.snapshots.some((s) => s.visibleSteps.some((step) => step.locked === true)), 'an ordered snapshot');
  assert.ok(values.snapshots.some((s) => s.sync.lastError), 'a snapshot with lastError was produced');
  const literal = (value) => JSON.stringify(value, null, 1);
  const source = `// Generated by tests/e2e/types.test.mjs from values the package produced.
import type { ClientEvent, GuidedChecklist, Progress, Snapshot, Step, ValidationResult } from 'guided-checklist';
export const snapshots: Snapshot[] = ${literal(values.snapshots)};
export const events: ClientEvent[] = ${literal(values.events)};
export const progress: Progress = ${literal(values.progress)};
export const visibleSteps: Step[] = ${literal(values.visibleSteps)};
export const checklist: GuidedChecklist = ${literal(values.checklist)};
export const warnings: ValidationResult = ${literal(values.warnings)};
export const invalid: ValidationResult = ${literal(values.invalid)};
`;
  const dir = join(root, 'target/types-check');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'values.ts'), source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: '../../tests/consumer/tsconfig.json', files: ['values.ts'],
  }));
  const run = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
  assert.equal(run.status, 0, `the declarations disagree with real values:\n${run.stdout}${run.stderr}`);
});
