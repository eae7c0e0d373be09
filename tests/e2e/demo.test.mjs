// The demo page in real Chromium against the reference server (built by scripts/build-site.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, root, startServer } from './support.mjs';

const TOKEN = 'demo-user-token';
let server;
let browser;
let page;

before(async () => {
  server = await startServer(['--static-dir', 'target/www', '--seed', 'www/seed.json',
    '--user-token', `${TOKEN}=demo-user`, '--admin-token', 'demo-admin-token', '--test-controls']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${server.url}/`);
  await page.locator('li.step').first().waitFor();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const step = (id) => page.locator(`li[data-step-id="${id}"]`);
const settled = () => page.waitForFunction(() => {
  const s = document.getElementById('status');
  return s.dataset.status === 'idle' && s.dataset.pending === '0';
});

async function serverRecord() {
  const response = await fetch(`${server.url}/api/usermanagement/v1/users/demo-user/properties`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  assert.equal(response.status, 200);
  return response.json();
}

const statusOf = (record, id) => record.guidedChecklist.steps.find((s) => s.stepId === id)?.status;

test('the demo shows the visible steps in order, rendered as text', async () => {
  const ids = await page.locator('li.step').evaluateAll((items) => items.map((li) => li.dataset.stepId));
  assert.deepEqual(ids, ['profile', 'connect-data', 'first-report', 'automation']);
  assert.equal(await step('profile').locator('a').getAttribute('href'), '/settings/profile');
  assert.equal(await page.locator('#percent').textContent(), '25% · 1/4');
});

test('completing a step moves the progress bar and reaches the server', async () => {
  const before = await page.locator('#fill').evaluate((el) => el.style.width);
  await step('first-report').getByRole('button', { name: 'Complete' }).click();
  await page.waitForFunction(() => document.getElementById('fill').style.width === '50%');
  assert.notEqual(before, '50%');
  await settled();
  assert.equal(statusOf(await serverRecord(), 'first-report'), 'COMPLETED');
  const offered = await step('first-report').getByRole('button').allTextContents();
  assert.deepEqual(offered, ['Reopen'], 'a completed step offers only what its status allows');
});

test('edits made offline survive a reload and reach the server when back online', async () => {
  await page.locator('#offline').check();
  await step('automation').getByRole('button', { name: 'Complete' }).click();
  await step('connect-data').getByRole('button', { name: 'Complete' }).click();
  await page.waitForFunction(() => document.getElementById('status').dataset.pending === '2');
  await page.reload();
  await page.locator('li.step').first().waitFor();
  assert.equal(await page.locator('#offline').isChecked(), true, 'still offline after the reload');
  await page.waitForFunction(() => document.getElementById('status').dataset.pending === '2');
  assert.match(await step('automation').getAttribute('class'), /COMPLETED/);
  const meanwhile = await serverRecord();
  assert.equal(statusOf(meanwhile, 'automation'), 'UP_NEXT', 'nothing reached the server while offline');
  await page.locator('#offline').uncheck();
  await settled();
  const record = await serverRecord();
  for (const id of ['first-report', 'automation', 'connect-data']) {
    assert.equal(statusOf(record, id), 'COMPLETED', id);
  }
});

test('switching roles shows and hides steps', async () => {
  await page.locator('#roles').selectOption('member,admin');
  await step('invite-team').waitFor();
  assert.equal(await page.locator('#roles').inputValue(), 'member,admin',
    'the selector keeps the choice although the server answers the roles sorted');
  await page.locator('#roles').selectOption('billing');
  await step('billing').waitFor();
  await step('invite-team').waitFor({ state: 'detached' });
  assert.equal(await step('automation').count(), 0, 'automation is for member and admin only');
  await page.locator('#roles').selectOption('member');
  await step('automation').waitFor();
  const dir = join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'demo.png'), fullPage: true });
});
