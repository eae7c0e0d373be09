// The built npm package as a user imports it, in Node 20.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const pkg = new URL('../../pkg/', import.meta.url);
// The package's Node entry initialises the module on import: no init call needed.
const mod = await import(new URL('node.js', pkg));
const fixture = readFileSync(new URL('../fixtures/checklist.json', import.meta.url), 'utf8');

test('the package exports the documented JS API', async () => {
  assert.equal(typeof mod.init, 'function');
  await mod.init();
  assert.equal(typeof mod.createChecklistClient, 'function');
  assert.equal(typeof mod.ChecklistClient, 'function');
  assert.equal(typeof mod.validateGuidedChecklist, 'function');
  assert.equal(typeof mod.validateUserProperties, 'function');
  assert.equal(typeof mod.Checklist.fromJSON, 'function');
  const methods = ['completeStep', 'startStep', 'skipStep', 'reopenStep', 'dismiss', 'restore', 'mergePatch',
    'visibleSteps', 'progress', 'validate', 'toJSON', 'free'];
  for (const m of methods) assert.equal(typeof mod.Checklist.prototype[m], 'function', m);
});

test('guided-checklist/core is the engine alone, with the same error class', async () => {
  const manifest = JSON.parse(readFileSync(new URL('package.json', pkg), 'utf8'));
  assert.deepEqual(manifest.exports['./core'],
    { types: './core/index.d.ts', node: './core/node.js', default: './core/index.js' });
  const core = await import(new URL(manifest.exports['./core'].node, pkg));
  await core.init();
  assert.equal(core.ChecklistClient, undefined, 'no sync client in the engine-only module');
  assert.equal(core.ChecklistError, mod.ChecklistError, 'one error class for both entries');
  const c = core.Checklist.fromJSON(fixture);
  c.completeStep('invite-team', { at: '2024-05-01T00:00:00Z' });
  assert.equal(c.progress().completed, 2);
  assert.equal(core.validateGuidedChecklist(fixture).ok, true);
  assert.throws(() => c.startStep('missing'), (e) => e instanceof mod.ChecklistError && e.code === 'step_not_found');
  c.free();
  const dts = readFileSync(new URL('core/index.d.ts', pkg), 'utf8');
  assert.match(dts, /export function init/);
  const wasm = (path) => readFileSync(new URL(path, pkg)).length;
  assert.ok(wasm('core/guided_checklist_bg.wasm') < wasm('guided_checklist_bg.wasm') * 0.7, 'the core module is smaller');
});

test('the declarations type every export without any', () => {
  const dts = readFileSync(new URL('guided_checklist.d.ts', pkg), 'utf8');
  for (const name of ['GuidedChecklist', 'Step', 'StepStatus', 'Track', 'UserProperties', 'ValidationIssue',
    'ValidationResult', 'Progress', 'ChecklistErrorCode', 'SyncErrorCode']) {
    assert.match(dts, new RegExp(`export (interface|type) ${name}\\b`), name);
  }
  assert.match(dts, /completeStep\(stepId: string, options\?: CompleteOptions \| null\): void;/);
  assert.match(dts, /visibleSteps\(roles\?: string\[\] \| null\): Readonly<ShownStep>\[\];/);
  // The type `any`, not the string "any" (a value of `order`).
  const apiPart = dts.slice(0, dts.indexOf('export type InitInput')).replace(/"[^"\n]*"/g, '""');
  assert.doesNotMatch(apiPart, /\bany\b/);
});

test('a checklist works end to end from JS', () => {
  const c = mod.Checklist.fromJSON(JSON.parse(fixture));
  c.completeStep('invite-team', { at: new Date('2024-05-01T00:00:00Z') });
  assert.equal(c.progress().completed, 2);
  assert.deepEqual(c.visibleSteps().map((s) => s.stepId), ['profile', 'connect-data', 'invite-team']);
  assert.equal(c.toJSON().steps[0].completedAt, '2024-05-01T00:00:00.000Z');
  assert.deepEqual(c.toJSON().experiment, JSON.parse(fixture).experiment);
  c.free();
});

test('errors are ChecklistError instances of Error with a code', () => {
  const c = mod.Checklist.fromJSON(fixture);
  assert.throws(() => c.startStep('missing'), (e) => e instanceof mod.ChecklistError && e instanceof Error
    && e.name === 'ChecklistError' && e.code === 'step_not_found' && Array.isArray(e.errors)
    && typeof e.stack === 'string');
  assert.throws(() => new mod.ChecklistClient({ baseUrl: 'http://x', userId: 'u', actorId: 'not-a-uuid' }),
    (e) => e instanceof mod.ChecklistError && e.code === 'invalid_argument' && e.message.includes('`actorId`'));
  assert.throws(() => mod.Checklist.fromJSON('{"track":"A"}'), (e) => e.code === 'invalid'
    && e.errors[0].path === '/computedAt' && e.errors[0].code === 'required');
  c.free();
});

test('the published package has no test hook, and the wrapper client has every method of ChecklistClient', async () => {
  assert.equal(mod.__guidedChecklistTrap, undefined, 'the trap export is only in test builds');
  const client = await mod.createChecklistClient({ baseUrl: 'http://127.0.0.1:9', userId: 'u', storage: 'memory' });
  const own = Object.getOwnPropertyNames(mod.ChecklistClient.prototype)
    .filter((name) => name !== 'constructor' && !name.startsWith('__'));
  for (const name of own) assert.equal(typeof client[name], 'function', `the wrapper has ${name}`);
  assert.ok(own.includes('completeStep') && own.includes('flush'), own.join());
  client.destroy();
  assert.throws(() => client.completeStep('a'), (e) => e instanceof mod.ChecklistError && e.code === 'destroyed');
  await assert.rejects(client.flush(), (e) => e instanceof mod.ChecklistError && e.code === 'destroyed');
  client.free();
});

test('one listener registry: each registration counts, a throwing listener does not stop the others', async () => {
  // Node has no localStorage: the client falls back to memory and says so once, with an
  // `error` event at its first change, which is what these listeners hear.
  const client = await mod.createChecklistClient({ baseUrl: 'http://127.0.0.1:9', userId: 'u',
    getAccessToken: () => { throw new Error('signed out'); } });
  const heard = [];
  const twice = (event) => heard.push(`twice:${event.code}`);
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args.join(' '));
  try {
    client.on('error', () => { throw new Error('a broken listener'); });
    client.on('error', twice);
    client.on('error', twice);
    const removed = client.on('error', () => heard.push('removed'));
    removed();
    removed();
    assert.throws(() => client.on('errors', () => {}), (e) => e instanceof mod.ChecklistError
      && e.code === 'invalid_argument' && e.message.includes('`type`'));
    await client.load();
  } finally {
    console.error = original;
  }
  assert.deepEqual(heard.slice(0, 2), ['twice:storage_unavailable', 'twice:storage_unavailable']);
  assert.ok(!heard.includes('removed'), 'a removed listener is not called');
  assert.ok(logged.some((line) => line.includes('a listener threw')), 'the throwing listener is logged');
  assert.equal(client.getSnapshot().sync.storage, 'memory');
  assert.equal(client.getSnapshot().sync.lastError.code, 'token', 'no token: syncing waits for resume()');
  await assert.rejects(client.flush(), (e) => e instanceof mod.ChecklistSyncError && e instanceof Error
    && e.code === 'token' && e.status === 0 && e.name === 'ChecklistSyncError');
  client.destroy();
  client.free();
});

test('validation reports bad input without throwing', () => {
  const r = mod.validateGuidedChecklist({ track: 'A', computedAt: '2024-01-01T00:00:00Z', steps: [{ stepId: 'x' }] });
  assert.equal(r.ok, false);
  assert.deepEqual(r.errors.map((e) => e.path), ['/steps/0/title', '/steps/0/description', '/steps/0/ctaLabel',
    '/steps/0/ctaRoute', '/steps/0/status', '/steps/0/sortOrder']);
  assert.equal(mod.validateUserProperties(undefined).ok, false);
});

test('the manifest is complete and the browser entry has no top-level await', () => {
  const manifest = JSON.parse(readFileSync(new URL('package.json', pkg), 'utf8'));
  assert.equal(manifest.name, 'guided-checklist');
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.types, './index.d.ts');
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', node: './node.js', default: './index.js' });
  assert.ok(manifest.files.includes('guided_checklist_bg.wasm'));
  assert.deepEqual(manifest.sideEffects, ['./node.js', './core/node.js']);
  for (const file of ['index.js', 'guided_checklist.js', 'core/index.js', 'core/guided_checklist.js']) {
    const source = readFileSync(new URL(file, pkg), 'utf8');
    assert.doesNotMatch(source, /^await /m, `${file} must not await at top level`);
  }
  assert.match(readFileSync(new URL('guided_checklist.js', pkg), 'utf8'), /FinalizationRegistry/);
});

test('a page loading the package as separate files finds every module within two levels of imports', () => {
  // Each level is a round trip before init() can ask for the module (an import map, no bundler).
  for (const entry of ['index.js', 'core/index.js']) {
    const depth = new Map([[entry, 1]]);
    const queue = [entry];
    while (queue.length > 0) {
      const file = queue.shift();
      for (const [, specifier] of readFileSync(new URL(file, pkg), 'utf8').matchAll(/(?:from|import)\s*['"](\.\.?\/[^'"]+)['"]/g)) {
        const next = new URL(specifier, new URL(file, pkg)).href.slice(pkg.href.length);
        if (!depth.has(next)) {
          depth.set(next, depth.get(file) + 1);
          queue.push(next);
        }
      }
    }
    assert.ok(depth.size > 4, `${entry}: the import graph was read (${[...depth.keys()]})`);
    assert.ok(Math.max(...depth.values()) <= 2, `${entry}: ${JSON.stringify([...depth])}`);
  }
});

test('a strict TypeScript consumer of the whole API compiles', () => {
  const tsc = fileURLToPath(new URL('../../node_modules/.bin/tsc', import.meta.url));
  const project = fileURLToPath(new URL('../consumer', import.meta.url));
  const run = spawnSync(tsc, ['-p', project], { encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc reported:\n${run.stdout}${run.stderr}`);
});

test("Retry-After is read as seconds or as any HTTP-date form, counted from the server's Date", async () => {
  // The client's own JS, as the package ships it (wasm-bindgen copies it under snippets/).
  const [dir] = readdirSync(new URL('snippets/', pkg));
  const { retryAfterMs } = await import(new URL(`snippets/${dir}/js/client.js`, pkg));
  const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
  assert.equal(retryAfterMs('3', date), 3000);
  assert.equal(retryAfterMs(' 120 ', null), 120000);
  assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', date), 5000, 'IMF-fixdate');
  assert.equal(retryAfterMs('Wednesday, 21-Oct-15 07:28:05 GMT', date), 5000, 'RFC 850');
  const zone = process.env.TZ;
  process.env.TZ = 'America/New_York'; // Node reads a changed TZ at once
  try {
    assert.equal(retryAfterMs('Wed Oct 21 07:28:05 2015', date), 5000, 'asctime, GMT though it does not say so');
  } finally {
    if (zone === undefined) delete process.env.TZ; else process.env.TZ = zone;
  }
  assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', date), 0, 'a past date means now');
  const ahead = new Date(Date.now() + 60_000).toUTCString();
  const fromHere = retryAfterMs(ahead, null);
  assert.ok(fromHere > 55_000 && fromHere <= 60_000, `no server Date: counted from this clock (${fromHere})`);
  assert.equal(retryAfterMs('soon', date), undefined);
  assert.equal(retryAfterMs(null, date), undefined);
});
