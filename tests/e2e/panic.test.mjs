// A deliberate trap in the WASM module: the page keeps working and no edit is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, seedUser, startServer } from './support.mjs';

const TOKEN = 'panic-token';
const USER = 'panic-user';
let server;
let browser;

before(async () => {
  server = await startServer(['--static-dir', 'target/www', '--admin-token', TOKEN, '--test-controls']);
  await seedUser(server.url, TOKEN, USER, ['a', 'b']);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('after a trap the module is re-instantiated, the client rebuilt from storage, and no edit is lost', async () => {
  const page = await browser.newPage();
  const console = [];
  page.on('console', (message) => console.push(message.text()));
  await page.goto(`${server.url}/index.html`);
  const result = await page.evaluate(async ({ token, user, api }) => {
    // The test build of the package (cargo feature test-trap), beside the published one.
    const mod = await import('/pkg-trap/index.js');
    const client = await mod.createChecklistClient({ baseUrl: api, userId: user, getAccessToken: () => token,
      storageKey: 'panic-test', retry: { baseMs: 20, maxMs: 100 } });
    await client.load();
    let changes = 0;
    client.subscribe(() => { changes += 1; });
    await fetch(`${api}/__test/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json',
      Authorization: `Bearer ${token}` },
      body: JSON.stringify({ drop: true, count: 100000, path: `/api/usermanagement/v1/users/${user}/` }) });
    client.completeStep('a');
    const checklist = mod.Checklist.fromJSON({ track: 'A', computedAt: '2024-01-01T00:00:00Z' });
    let thrown;
    try {
      mod.__guidedChecklistTrap();
    } catch (error) {
      thrown = `${error.constructor.name}: ${error.message}`;
    }
    // A client call after the trap: the module is fresh and the client rebuilt from storage.
    let panic;
    try {
      client.getSnapshot();
    } catch (error) {
      panic = { name: error.name, message: error.message };
    }
    const afterTrap = client.getSnapshot();
    let stale;
    try {
      checklist.toJSON();
    } catch (error) {
      stale = error.message;
    }
    const validation = mod.validateGuidedChecklist({ track: 'Z', computedAt: '2024-01-01T00:00:00Z' });
    client.completeStep('b');
    await fetch(`${api}/__test/faults?path=${encodeURIComponent(`/api/usermanagement/v1/users/${user}/`)}`,
      { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    window.dispatchEvent(new Event('online'));
    await client.flush();
    return { thrown, panic, stale, pendingAfterTrap: afterTrap.sync.pending,
      aAfterTrap: afterTrap.checklist.steps.find((s) => s.stepId === 'a').status,
      validation: validation.errors.map((e) => `${e.path}:${e.code}`), changes };
  }, { token: TOKEN, user: USER, api: server.url });
  assert.match(result.thrown, /RuntimeError/, 'the trapping call itself fails');
  assert.equal(result.panic, undefined, 'the next client call works on the rebuilt client');
  assert.equal(result.pendingAfterTrap, 1, 'the outbox came back from storage');
  assert.equal(result.aAfterTrap, 'COMPLETED', 'the edit made before the trap is still shown');
  assert.match(result.stale, /previous Wasm instance/, 'objects of the dead instance say so');
  assert.deepEqual(result.validation, ['/track:enum'], 'pure functions work on the fresh instance');
  assert.ok(console.some((line) => line.includes('guided-checklist panicked') && line.includes('deliberate trap')),
    `the panic message reaches the console: ${console.join('\n')}`);
  const response = await fetch(`${server.url}/api/usermanagement/v1/users/${USER}/properties`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const record = await response.json();
  assert.deepEqual(record.guidedChecklist.steps.map((s) => s.status), ['COMPLETED', 'COMPLETED'], 'no edit lost');
});

test('after a trap, on() as the first call registers its handler once, and listeners carry over', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  const result = await page.evaluate(async ({ token, user, api }) => {
    const mod = await import('/pkg-trap/index.js');
    const client = await mod.createChecklistClient({ baseUrl: api, userId: user, getAccessToken: () => token,
      storageKey: 'panic-on-test' });
    await client.load();
    let before = 0;
    client.on('step', () => { before += 1; });
    try {
      mod.__guidedChecklistTrap();
    } catch {
      // the trap itself
    }
    let dismissed = 0;
    // The first call after the trap, for a type not seen before: it rebuilds the client.
    client.on('dismissed', () => { dismissed += 1; });
    client.reopenStep('a');
    client.dismiss();
    client.destroy();
    return { before, dismissed };
  }, { token: TOKEN, user: USER, api: server.url });
  assert.deepEqual(result, { before: 1, dismissed: 1 }, 'one call per event, for the old listener and the new one');
  await page.close();
});

test('with storage: "memory", a trap loses no pending edit either', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  const result = await page.evaluate(async ({ token, user, api }) => {
    const mod = await import('/pkg-trap/index.js');
    const client = await mod.createChecklistClient({ baseUrl: api, userId: user, getAccessToken: () => token,
      storage: 'memory', retry: { baseMs: 20, maxMs: 100 } });
    await client.load();
    const path = `/api/usermanagement/v1/users/${user}/`;
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
    await fetch(`${api}/__test/faults`, { method: 'POST', headers,
      body: JSON.stringify({ drop: true, count: 100000, path }) });
    client.skipStep('b');
    try {
      mod.__guidedChecklistTrap();
    } catch {
      // the trap itself
    }
    const pending = client.getSnapshot().sync.pending;
    await fetch(`${api}/__test/faults?path=${encodeURIComponent(path)}`, { method: 'DELETE', headers });
    window.dispatchEvent(new Event('online'));
    await client.flush();
    client.destroy();
    return { pending };
  }, { token: TOKEN, user: USER, api: server.url });
  assert.equal(result.pending, 1, 'the rebuilt client found the outbox in memory');
  const response = await fetch(`${server.url}/api/usermanagement/v1/users/${USER}/properties`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const record = await response.json();
  assert.equal(record.guidedChecklist.steps.find((s) => s.stepId === 'b').status, 'SKIPPED', 'and it reached the server');
  await page.close();
});
