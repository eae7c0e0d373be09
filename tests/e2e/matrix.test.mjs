// The npm tarball in every mainstream way of shipping it: the React example (Vite build and dev
// server, StrictMode), webpack 5, Rspack, Rollup 4, Parcel 2, esbuild, a Next.js app-router
// project (server component and client component, `next build` then `next start`) and a plain
// <script type="module"> from static files. Each is installed from `npm pack` the way a user
// would, runs in Chromium against the reference server, and proves that a real edit reaches
// it. (Node 20 is in consumer.test.mjs.)
//
// The fixtures share one npm install under target/matrix, kept between runs while the
// dependency list is the same; the tarball is reinstalled every time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { control, launchChromium, readUser, root, seedUser, serveStatic, startServer, stepStatus } from './support.mjs';

const TOKEN = 'matrix-admin';
const work = join(root, 'target/matrix');
const DEPENDENCIES = {
  react: '19.3.1',
  'react-dom': '19.3.1',
  vite: '8.3.8',
  '@vitejs/plugin-react': '6.3.0',
  webpack: '5.112.2',
  'webpack-cli': '7.3.1',
  '@rspack/core': '2.3.2',
  '@rspack/cli': '2.2.8',
  rollup: '4.68.9',
  '@rollup/plugin-node-resolve': '16.0.3',
  '@web/rollup-plugin-import-meta-assets': '2.3.3',
  parcel: '2.16.4',
  esbuild: '0.28.2',
  next: '16.4.6',
};
let api;
let server;
let browser;

const execFileAsync = promisify(execFile);

// Asynchronous, so that the event loop keeps running through a long build: a blocked loop
// cannot close fetch's idle keep-alive sockets in time, and the next request would go out
// on one the server has already closed ("fetch failed").
async function run(cmd, args, options = {}) {
  const { stdout } = await execFileAsync(cmd, args, {
    cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, ...options,
  });
  return stdout;
}

const bin = (name) => join(work, 'node_modules/.bin', name);

before(async () => {
  mkdirSync(work, { recursive: true });
  // Last run's copies of the fixtures and the example, with what their builds wrote.
  for (const dir of ['react', ...readdirSync(join(root, 'tests/matrix'))]) rmSync(join(work, dir), { recursive: true, force: true });
  cpSync(join(root, 'tests/matrix'), work, { recursive: true });
  cpSync(join(root, 'examples/react'), join(work, 'react'), {
    recursive: true, filter: (src) => !/node_modules|dist|package(-lock)?\.json$/.test(src),
  });
  const manifest = JSON.stringify({ name: 'matrix', private: true, type: 'module', dependencies: DEPENDENCIES });
  const manifestPath = join(work, 'package.json');
  const installed = existsSync(join(work, 'node_modules/.package-lock.json')) && existsSync(manifestPath)
    && readFileSync(manifestPath, 'utf8') === manifest;
  if (!installed) {
    writeFileSync(manifestPath, manifest);
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  }
  const packed = JSON.parse(await run('npm', ['pack', join(root, 'pkg'), '--json', '--pack-destination', work]));
  // Unpacked over node_modules/guided-checklist, as `npm install <tarball>` would, without
  // writing the tarball's name into the cached package.json.
  const target = join(work, 'node_modules/guided-checklist');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  await run('tar', ['-xzf', join(work, packed[0].filename), '-C', target, '--strip-components=1']);
  server = await startServer(['--admin-token', TOKEN, '--cors-origin', '*', '--test-controls']);
  api = server.url;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The API requests the server answered for `user`, as "METHOD status". */
async function requestsOf(user) {
  const log = await (await control(api, TOKEN, 'requests')).json();
  return log.filter((r) => r.path.includes(`/users/${user}/`)).map((r) => `${r.method} ${r.status}`);
}

async function fault(user, spec) {
  const response = await control(api, TOKEN, 'faults', 'POST', { ...spec, path: `/api/usermanagement/v1/users/${user}/` });
  assert.equal(response.status, 204);
}

async function clearFaults(user) {
  const path = encodeURIComponent(`/api/usermanagement/v1/users/${user}/`);
  assert.equal((await control(api, TOKEN, `faults?path=${path}`, 'DELETE')).status, 204);
}

/** Opens `site` with the edit parameters for `user` and waits for the page's result. */
async function editThrough(site, user, path = '/') {
  await seedUser(api, TOKEN, user, ['a', 'b']);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const query = new URLSearchParams({ api, user, token: TOKEN, step: 'b' });
    await page.goto(`${site}${path}?${query}`);
    await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 20000 });
    const result = await page.evaluate(() => document.body.dataset.result);
    assert.equal(result, JSON.stringify({ pending: 0 }), `the page finished its edit: ${result} ${errors}`);
  } finally {
    await page.close();
  }
  assert.equal(stepStatus(await readUser(api, TOKEN, user), 'b'), 'COMPLETED', 'the edit reached the server');
}

let reactBuild;
/** The React example, built once for the tests that open it, and served. */
async function reactSite() {
  reactBuild ??= run(bin('vite'), ['build', '--logLevel', 'error'], { cwd: join(work, 'react') });
  await reactBuild;
  return serveStatic(join(work, 'react/dist'));
}

test('React example (Vite, StrictMode): one client, pending while unreachable, saved after recovery', async () => {
  const site = await reactSite();
  const user = 'react-user';
  await seedUser(api, TOKEN, user, ['a', 'b', 'c']);
  const page = await browser.newPage();
  try {
    const query = new URLSearchParams({ api, user, token: TOKEN });
    await page.goto(`${site.url}/?${query}`);
    await page.locator('[data-step-id="c"]').waitFor();
    await page.waitForFunction(() => document.querySelector('[role=status]').dataset.status === 'idle');
    assert.deepEqual(await page.locator('li').evaluateAll((items) => items.map((li) => li.dataset.stepId)),
      ['a', 'b', 'c'], 'the checklist renders in order');
    assert.deepEqual(await requestsOf(user), ['GET 200'], 'the double mount made one client and one request');

    // Writes fail as without a network; reads still work, so the test can look at the server.
    await fault(user, { method: 'PATCH', drop: true, count: 100000 });
    await page.locator('[data-step-id="b"] button').click();
    await page.waitForFunction(() => {
      const status = document.querySelector('[role=status]');
      return status.dataset.pending === '1' && status.dataset.status === 'offline';
    });
    assert.equal(await page.locator('[data-step-id="b"]').getAttribute('data-status'), 'COMPLETED',
      'the edit shows at once while the API is unreachable');
    assert.match(await page.locator('[role=status]').textContent(), /1 unsaved/);
    assert.equal(stepStatus(await readUser(api, TOKEN, user), 'b'), 'UP_NEXT', 'nothing reached the server yet');

    await clearFaults(user);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForFunction(() => {
      const status = document.querySelector('[role=status]');
      return status.dataset.pending === '0' && status.dataset.status === 'idle';
    });
    assert.equal(await page.locator('[role=status]').textContent(), 'saved');
    // (The write itself is checked on the server: a retry may send it before the online
    // event, and a dropped attempt is logged like an answered one.)
    assert.equal(stepStatus(await readUser(api, TOKEN, user), 'b'), 'COMPLETED', 'saved on the server');
  } finally {
    await page.close();
    await site.stop();
  }
});

test('React example: a module that does not load reaches the error boundary; trying again starts the app', async () => {
  const site = await reactSite();
  const user = 'react-retry-user';
  await seedUser(api, TOKEN, user, ['a', 'b']);
  const page = await browser.newPage();
  try {
    // The module's first request fails as it would without a network; later ones go through.
    let asked = 0;
    await page.route('**/*.wasm', (route) => (asked++ === 0 ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(`${site.url}/?${new URLSearchParams({ api, user, token: TOKEN })}`);
    const alert = page.locator('[role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /could not start/, 'the failure reaches the error boundary');
    assert.equal(await page.locator('li').count(), 0);
    await alert.locator('button').click();
    await page.locator('[data-step-id="b"]').waitFor();
    await page.waitForFunction(() => document.querySelector('[role=status]').dataset.status === 'idle');
    assert.equal(asked, 2, 'trying again asked for the module again');
    assert.deepEqual(await requestsOf(user), ['GET 200'], 'one client, one request');
  } finally {
    await page.close();
    await site.stop();
  }
});

test('React example under the Vite dev server (dependency pre-bundling on): the module loads, an edit is saved', async () => {
  const port = await freePort();
  const vite = spawn(bin('vite'), ['--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: join(work, 'react'), stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  vite.stdout.on('data', (chunk) => output.push(String(chunk)));
  vite.stderr.on('data', (chunk) => output.push(String(chunk)));
  const user = 'vite-dev-user';
  await seedUser(api, TOKEN, user, ['a', 'b']);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const url = `http://127.0.0.1:${port}/?${new URLSearchParams({ api, user, token: TOKEN })}`;
    for (let i = 0; i < 100 && !(await fetch(url).then((r) => r.ok, () => false)); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await page.goto(url);
    await page.locator('[data-step-id="b"] button').click({ timeout: 30000 });
    await page.waitForFunction(() => {
      const status = document.querySelector('[role=status]');
      return status.dataset.pending === '0' && status.dataset.status === 'idle'
        && document.querySelector('[data-step-id="b"]').dataset.status === 'COMPLETED';
    }, null, { timeout: 20000 });
    assert.deepEqual(errors, [], `no error in the page: ${output.join('')}`);
    assert.equal(stepStatus(await readUser(api, TOKEN, user), 'b'), 'COMPLETED', 'the edit reached the server');
  } finally {
    await page.close();
    vite.kill('SIGTERM');
  }
});

/** Serves `dir` (of the matrix's folder) and makes the matrix's edit through its page at `path` as `user`. */
async function editThroughServed(dir, user, path = '/') {
  const site = await serveStatic(join(work, dir));
  try {
    await editThrough(site.url, user, path);
  } finally {
    await site.stop();
  }
}

test('webpack 5 bundles the package and its .wasm; an edit reaches the server', async () => {
  await run(bin('webpack'), ['--config', 'webpack/webpack.config.mjs']);
  cpSync(join(work, 'webpack/index.html'), join(work, 'webpack/dist/index.html'));
  await editThroughServed('webpack/dist', 'webpack-user');
});

test('Rspack bundles the package and its .wasm as webpack does; an edit reaches the server', async () => {
  await run(bin('rspack'), ['build', '--config', 'rspack/rspack.config.mjs']);
  cpSync(join(work, 'rspack/index.html'), join(work, 'rspack/dist/index.html'));
  await editThroughServed('rspack/dist', 'rspack-user');
});

test('Rollup 4 with node-resolve and import-meta-assets emits the .wasm; an edit reaches the server', async () => {
  await run(bin('rollup'), ['--config', 'rollup/rollup.config.mjs', '--silent']);
  cpSync(join(work, 'rollup/index.html'), join(work, 'rollup/dist/index.html'));
  await editThroughServed('rollup/dist', 'rollup-user');
});

test('Parcel 2 builds the page with the package and its .wasm, no configuration; an edit reaches the server', async () => {
  await run(bin('parcel'), ['build', 'parcel/index.html', '--dist-dir', 'parcel/dist', '--no-cache', '--no-source-maps',
    '--log-level', 'error']);
  await editThroughServed('parcel/dist', 'parcel-user');
});

test('esbuild bundles the package with the .wasm from the file loader; an edit reaches the server', async () => {
  await run(bin('esbuild'), ['esbuild/entry.js', '--bundle', '--format=esm', '--minify', '--loader:.wasm=file',
    '--outdir=esbuild/dist', '--log-level=error']);
  cpSync(join(work, 'esbuild/index.html'), join(work, 'esbuild/dist/index.html'));
  await editThroughServed('esbuild/dist', 'esbuild-user');
});

test('a plain <script type="module"> from static files with an import map; an edit reaches the server', async () => {
  await editThroughServed('.', 'static-user', '/static/index.html');
});

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('Next.js app router: a server component validates, the client component syncs an edit', async () => {
  await run(bin('next'), ['build', 'next']);
  const port = await freePort();
  const next = spawn(bin('next'), ['start', 'next', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const output = [];
  next.stdout.on('data', (chunk) => output.push(String(chunk)));
  next.stderr.on('data', (chunk) => output.push(String(chunk)));
  const site = `http://127.0.0.1:${port}`;
  try {
    const user = 'next-user';
    await seedUser(api, TOKEN, user, ['a', 'b']);
    const query = new URLSearchParams({ api, user, token: TOKEN });
    let html;
    for (let i = 0; i < 100 && html === undefined; i += 1) {
      html = await fetch(`${site}/?${query}`).then((r) => r.text(), () => undefined);
      if (html === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(html, `next start answers: ${output.join('')}`);
    assert.match(html, /id="server-validation">\/track:enum</, 'the server component ran the engine');
    assert.match(html, /id="checklist" data-status="loading" data-pending="0"/, 'the server render shows loading');

    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${site}/?${query}`);
      await page.locator('[data-step-id="b"]').waitFor({ timeout: 20000 });
      await page.locator('[data-step-id="b"]').click();
      await page.waitForFunction(() => {
        const section = document.getElementById('checklist');
        return section.dataset.pending === '0' && section.dataset.status === 'idle'
          && document.querySelector('[data-step-id="b"]').dataset.status === 'COMPLETED';
      }, null, { timeout: 20000 });
    } finally {
      await page.close();
    }
    assert.deepEqual(errors, [], 'no error in the page (hydration included)');
    assert.equal(stepStatus(await readUser(api, TOKEN, user), 'b'), 'COMPLETED', 'the edit reached the server');
  } finally {
    next.kill('SIGTERM');
  }
});
