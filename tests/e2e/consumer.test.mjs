// The npm tarball as a consumer meets it: installed into a new Vite project that
// builds and runs in Chromium, and imported from a plain Node 20 script.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, root, serveStatic } from './support.mjs';

const VITE = '8.3.8';
const project = mkdtempSync(join(tmpdir(), 'gc-consumer-'));
let tarball;

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

before(() => {
  const packed = JSON.parse(run('npm', ['pack', join(root, 'pkg'), '--json', '--pack-destination', project]));
  tarball = packed[0];
  writeFileSync(join(project, 'package.json'), JSON.stringify({
    name: 'consumer', private: true, type: 'module',
    dependencies: { 'guided-checklist': `file:./${tarball.filename}`, vite: VITE },
  }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
});

test('the tarball holds the package files and nothing else', () => {
  const files = tarball.files.map((f) => f.path).sort();
  for (const f of ['package.json', 'index.js', 'node.js', 'index.d.ts', 'guided_checklist.js', 'guided_checklist_bg.wasm']) {
    assert.ok(files.includes(f), `${f} in ${files}`);
  }
  assert.ok(files.every((f) => !f.startsWith('src/') && !f.endsWith('.rs')), `${files}`);
});

test('a plain Node 20 script imports the package and validates a checklist', () => {
  const script = `
    import { validateGuidedChecklist, Checklist } from 'guided-checklist';
    const r = validateGuidedChecklist({ track: 'A', computedAt: 'yesterday' });
    const c = Checklist.fromJSON({ track: 'B', computedAt: '2024-01-01T00:00:00Z', steps: [] });
    console.log(JSON.stringify({ errors: r.errors.map((e) => e.path + ':' + e.code), track: c.toJSON().track }));`;
  const out = JSON.parse(run('node', ['--input-type=module', '-e', script]));
  assert.deepEqual(out, { errors: ['/computedAt:format'], track: 'B' });
});

test('a Vite project builds with the package and runs it in Chromium', async () => {
  writeFileSync(join(project, 'index.html'),
    '<!doctype html><html><body><script type="module" src="/main.js"></script></body></html>');
  writeFileSync(join(project, 'main.js'), `
    import { init, validateGuidedChecklist } from 'guided-checklist';
    init().then(() => {
      const r = validateGuidedChecklist({ track: 'C', computedAt: '2024-01-01T00:00:00Z' });
      document.body.dataset.result = JSON.stringify(r.errors.map((e) => e.path + ':' + e.code));
    }, (e) => { document.body.dataset.result = 'failed: ' + e; });`);
  run(join(project, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error']);
  const dist = join(project, 'dist');
  assert.ok(readdirSync(join(dist, 'assets')).some((f) => f.endsWith('.wasm')), 'Vite emitted the .wasm');
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.body.dataset.result);
    assert.equal(await page.evaluate(() => document.body.dataset.result), JSON.stringify(['/track:enum']));
  } finally {
    await browser.close();
    await server.stop();
  }
});
