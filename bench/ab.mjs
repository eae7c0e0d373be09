// Compares two builds of the package in one headless Chromium page, for changes too small
// for a benchmark run to judge: row d (a sync-client edit to its new snapshot), row a
// (ingest) or a cold start (`--row cold`: the benchmark's headline, in a fresh document).
// The builds' batches alternate, round after round, and the whole comparison runs twice
// with the builds swapped, as the page's second build measured up to 9% faster than
// the first: the result is the geometric mean of the two median ratios. With `--memory` the
// clients keep their outbox in memory: no localStorage write, whose cost varies with the
// machine, so a CPU change shows within a few percent.
//   cargo build -p guided-checklist-server
//   node bench/ab.mjs <build-a> <build-b> [--row d|a|cold] [--steps 100] [--memory] [--rounds 31] [--batch 256]
// where a build is a package folder (`bash scripts/build-pkg.sh target/pkg-x` makes one); `--batch` is the
// edits per batch of row d (row a's batches are 30 ms of ingests).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { launchChromium, startServer } from '../tests/e2e/support.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    row: { type: 'string', default: 'd' },
    steps: { type: 'string', default: '100' },
    memory: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '31' },
    batch: { type: 'string', default: '256' },
  },
});
if (positionals.length !== 2 || !['a', 'd', 'cold'].includes(values.row)) {
  console.error('usage: node bench/ab.mjs <build-a> <build-b> [--row d|a|cold] [--steps N] [--memory] [--rounds N] [--batch N]');
  process.exit(2);
}
const here = fileURLToPath(new URL('.', import.meta.url));
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const median = (list) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)];

/** One comparison: the median of per-round ratios `second / first`, and each build's median. */
async function compare(first, second) {
  const dirs = { a: resolve(first), b: resolve(second) };
  const files = createServer((req, res) => {
    const path = decodeURIComponent(req.url.split('?')[0]);
    const build = path.match(/^\/(a|b)\/(.*)$/);
    const file = build ? join(dirs[build[1]], build[2])
      : path === '/' ? null : join(here, path.startsWith('/src/') ? '' : 'ab', path);
    if (file === null) return res.writeHead(200, { 'Content-Type': 'text/html' })
      .end('<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
    if (!file.startsWith(here) && !Object.values(dirs).some((d) => file.startsWith(d))) return res.writeHead(403).end();
    if (!existsSync(file)) return res.writeHead(404).end();
    // `no-store`: every cold start fetches the package anew, as a first visit does.
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' })
      .end(readFileSync(file));
  });
  await new Promise((done) => files.listen(0, '127.0.0.1', done));
  const api = await startServer(['--admin-token', 'ab', '--cors-origin', '*', '--test-controls']);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await page.goto(`http://127.0.0.1:${files.address().port}/`);
    await page.waitForFunction(() => typeof window.setup === 'function');
    await page.evaluate(([a, n, m]) => window.setup(a, n, m), [{ url: api.url, token: 'ab' }, Number(values.steps), values.memory]);
    const run = (name) => page.evaluate(([n, r, s]) => window.batch(n, r, s), [name, values.row, Number(values.batch)]);
    for (let i = 0; i < 3; i += 1) { await run('a'); await run('b'); }
    const times = { a: [], b: [] };
    for (let round = 0; round < Number(values.rounds); round += 1) {
      for (const name of round % 2 ? ['b', 'a'] : ['a', 'b']) times[name].push(await run(name));
    }
    await page.evaluate(() => window.teardown());
    return { ratio: median(times.b.map((t, i) => t / times.a[i])), a: median(times.a), b: median(times.b) };
  } finally {
    await browser.close();
    await api.stop();
    files.close();
  }
}

const [a, b] = positionals;
const straight = await compare(a, b);
const swapped = await compare(b, a);
const us = values.row === 'cold' ? (v) => `${(v / 1000).toFixed(2)} ms` : (v) => `${v.toFixed(2)} µs`;
console.log(values.row === 'cold' ? 'cold start' : `row ${values.row}, ${values.steps} steps${values.memory ? ', memory storage' : ''}`);
console.log(`  A first: A ${us(straight.a)}, B ${us(straight.b)}, B/A ${straight.ratio.toFixed(3)}`);
console.log(`  B first: B ${us(swapped.a)}, A ${us(swapped.b)}, A/B ${swapped.ratio.toFixed(3)}`);
console.log(`B/A, both orders: ${Math.sqrt(straight.ratio / swapped.ratio).toFixed(3)}`);
