// Shared by the end-to-end tests: Debian's Chromium through playwright-core, and
// the reference server started as a person would start it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './server.mjs';

export { root, startServer } from './server.mjs';

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json' };

/** Serves the files of `dir` on a free loopback port (index.html for `/`); resolves with its URL and a stop function. */
export async function serveStatic(dir) {
  const server = createServer((req, res) => {
    const asked = normalize(join(dir, decodeURIComponent(req.url.split('?')[0])));
    const path = asked.endsWith('/') ? join(asked, 'index.html') : asked;
    try {
      if (!path.startsWith(dir)) throw new Error('outside');
      const body = readFileSync(path);
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** Calls a test control of the server at `api` with its admin `token`. */
export function control(api, token, path, method = 'GET', body = undefined) {
  return fetch(`${api}/__test/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Puts a user with steps `ids` (all UP_NEXT, visible to everyone) on the test server at `api`. */
export async function seedUser(api, token, user, ids) {
  const record = {
    userId: user, createdDate: '2024-01-01T00:00:00Z', modifiedDate: '2024-01-01T00:00:00Z',
    guidedChecklist: { track: 'A', computedAt: '2024-01-01T00:00:00Z', steps: ids.map((id, i) => ({
      stepId: id, title: `Step ${id}`, description: id, ctaLabel: 'Go', ctaRoute: `/${id}`, status: 'UP_NEXT',
      sortOrder: i })) },
  };
  const seeded = await control(api, token, `records/${encodeURIComponent(user)}`, 'PUT', record);
  if (seeded.status !== 204) throw new Error(`seeding ${user} answered ${seeded.status}`);
}

/** The record of `user` as the test server's admin reads it. */
export async function readUser(api, token, user) {
  const response = await fetch(`${api}/api/usermanagement/v1/users/${encodeURIComponent(user)}/properties`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return response.json();
}

/** The status of step `id` in `record`, or "absent". */
export function stepStatus(record, id) {
  return record.guidedChecklist?.steps?.find((s) => s.stepId === id)?.status ?? 'absent';
}
