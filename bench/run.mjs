// Builds the benchmark page, runs it in headless Chromium next to the reference
// server, measures sizes and cold start, prints a markdown table and writes
// BENCHMARKS.md. Run through scripts/bench.sh, which builds the package first.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium, root, startServer } from '../tests/e2e/support.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, 'dist');
const pkg = join(root, 'pkg');
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(here, 'src/main.js')], bundle: true, format: 'esm', outfile: join(dist, 'main.js'),
  external: ['/pkg/*'], minify: true, logLevel: 'error',
});
writeFileSync(join(dist, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/main.js"></script>');
// (module (func (export "f") (result i32) i32.const 42)): the cold start of a module with
// nothing in it, the least any module's takes on this machine (see main.js, `emptyModule`).
writeFileSync(join(dist, 'empty.wasm'), Buffer.from('AGFzbQEAAAABBQFgAAF/AwIBAAcFAQFmAAAKBgEEAEEqCw==', 'base64'));

/** raw, gzip -9 and brotli (quality 11) sizes of some bytes */
function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function bundleSize(entry) {
  const out = await build({ entryPoints: [join(here, entry)], bundle: true, format: 'esm', minify: true, write: false, logLevel: 'error' });
  return sizes(Buffer.from(out.outputFiles[0].contents));
}

const wasm = readFileSync(join(pkg, 'guided_checklist_bg.wasm'));
const glue = Buffer.concat(['guided_checklist.js', 'index.js', 'resilient.js'].map((f) => readFileSync(join(pkg, f))));
const minifiedGlue = (await build({ entryPoints: [join(pkg, 'index.js')], bundle: true, format: 'esm', minify: true,
  write: false, logLevel: 'error', external: ['*.wasm'] })).outputFiles[0].contents;
const size = {
  wasm: sizes(wasm),
  glue: sizes(glue),
  glueMinified: sizes(Buffer.from(minifiedGlue)),
  ajv: await bundleSize('src/ajv-schema.js'),
  zod: await bundleSize('src/zod-schema.js'),
  plain: await bundleSize('src/plain.js'),
};
/** Where the bytes of the optimized module go, by origin (crate, or our module), from twiggy
 * on a copy optimized like the package's but keeping names (`wasm-opt -Oz --debuginfo`). */
function breakdown(target, label) {
  const work = join(root, 'target/size-breakdown', label);
  mkdirSync(work, { recursive: true });
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', work, join(root, target)]);
  const named = join(work, 'named.wasm');
  execFileSync(join(root, 'node_modules/.bin/wasm-opt'), ['-Oz', '--debuginfo', join(work, 'guided_checklist_bg.wasm'), '-o', named]);
  const csv = execFileSync('twiggy', ['top', '-n', '100000', '--format', 'csv', named], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const origins = new Map();
  for (const line of csv.split('\n').slice(1)) {
    const match = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    if (!match) continue;
    const name = match[1].replace(/^"|"$/g, '').replace(/""/g, '"');
    if (name.includes('names" subsection')) continue;
    const crate = name.match(/^<?&?(?:mut )?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::(\w+)/);
    let origin = 'other (wasm-bindgen glue, shims, tables)';
    if (name.startsWith('data segment')) origin = 'data (strings, tables)';
    else if (crate) origin = crate[1] === 'guided_checklist' ? `guided_checklist::${crate[2]}` : crate[1];
    origins.set(origin, (origins.get(origin) ?? 0) + Number(match[2]));
  }
  const total = [...origins.values()].reduce((a, b) => a + b, 0);
  const rows = [...origins].sort((a, b) => b[1] - a[1]).slice(0, 16)
    .map(([origin, bytes]) => `| ${origin} | ${(bytes / 1024).toFixed(1)} | ${((100 * bytes) / total).toFixed(1)}% |`);
  return [`| ${label}: origin | KB | share |`, '| --- | ---: | ---: |', ...rows, `| total (no names) | ${(total / 1024).toFixed(1)} | 100% |`].join('\n');
}
// A partial run (BENCH_ROWS) writes no BENCHMARKS.md, so it skips the breakdown's rebuilds.
let twiggy = '(no breakdown in a partial run)';
if (!process.env.BENCH_ROWS) {
  try {
    twiggy = [
      breakdown('target/wasm32-unknown-unknown/release/guided_checklist.wasm', 'guided-checklist'),
      breakdown('target/features-core/wasm32-unknown-unknown/release/guided_checklist.wasm', 'guided-checklist/core'),
    ].join('\n\n');
  } catch (e) {
    twiggy = `(no breakdown: ${String(e).split('\n')[0]}; it needs twiggy: cargo install twiggy)`;
  }
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
// Files are read once and served from memory, as a CDN would: cold start then measures the
// browser's work, not this server's disk reads. `no-store` keeps every load a fresh fetch.
const served = new Map();
const files = createServer((req, res) => {
  const path = decodeURIComponent(req.url.split('?')[0]);
  const file = path.startsWith('/pkg/') ? normalize(join(pkg, path.slice(5))) : normalize(join(dist, path === '/' ? 'index.html' : path));
  let body = served.get(file);
  try {
    body ??= readFileSync(file);
  } catch {
    res.writeHead(404).end();
    return;
  }
  served.set(file, body);
  res.writeHead(200, {
    'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': 'no-store',
  }).end(body);
});
await new Promise((resolve) => files.listen(0, '127.0.0.1', resolve));
const api = await startServer(['--admin-token', 'bench', '--cors-origin', '*', '--test-controls']);
const browser = await launchChromium();
let results;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  page.on('console', (m) => console.error(`page: ${m.text()}`));
  await page.goto(`http://127.0.0.1:${files.address().port}/`);
  await page.waitForFunction(() => typeof window.runBenchmarks === 'function');
  // BENCH_ROWS=ad runs rows a and d only, for a quick look; BENCHMARKS.md is written from full runs.
  results = await page.evaluate(([a, only]) => window.runBenchmarks(a, only), [{ url: api.url, token: 'bench' }, process.env.BENCH_ROWS ?? null]);
  results.chromium = browser.version();
} finally {
  await browser.close();
  await api.stop();
  files.close();
}

const us = (v) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const ratio = (peer, ours) => (peer / ours).toFixed(2);
const kb = (b) => (b / 1024).toFixed(1);
const lines = [
  '| operation | steps | ours µs | ajv µs | zod µs | plain JS µs | ajv/ours | zod/ours | plain/ours |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.rows.map((r) => `| ${r.op} | ${r.n} | ${us(r.ours)} | ${us(r.ajv)} | ${us(r.zod)} | ${us(r.plain)} | ${ratio(r.ajv, r.ours)} | ${ratio(r.zod, r.ours)} | ${ratio(r.plain, r.ours)} |`),
];
const sizeLines = [
  '| artifact | raw KB | gzip -9 KB | brotli KB |',
  '| --- | ---: | ---: | ---: |',
  ...[
    ['guided-checklist .wasm', size.wasm], ['guided-checklist JS (glue + wrapper, as shipped)', size.glue],
    ['guided-checklist JS (minified by a bundler)', size.glueMinified],
    ['ajv + ajv-formats + compiled schema (minified bundle)', size.ajv], ['zod + schema (minified bundle)', size.zod],
    ['plain JS peer (minified bundle)', size.plain],
  ].map(([name, s]) => `| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`),
  `| **ours total (.wasm + minified JS)** | ${kb(size.wasm.raw + size.glueMinified.raw)} | ${kb(size.wasm.gzip + size.glueMinified.gzip)} | ${kb(size.wasm.brotli + size.glueMinified.brotli)} |`,
];
const ms = (v) => v.toFixed(2);
const coldLines = [
  '| module | **package bundled, module streamed** | package imported, module streamed | package bundled, module preloaded by a `<link>` | phases: fetch | compile | instantiate | first call | sum | bytes in hand | fetch of a small file |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...[['guided-checklist', results.cold], ['guided-checklist/core', results.coldCore]].map(([name, c]) =>
    `| ${name} | **${ms(c.streamed)}** | ${ms(c.separate)} | ${ms(c.preloadLink)} | ${ms(c.fetch)} | ${ms(c.compile)} | ${ms(c.instantiate)} | ${ms(c.firstCall)} | ${ms(c.total)} | ${ms(c.preloaded)} | ${ms(c.floor)} |`),
];
let sizeTable = '';
try {
  sizeTable = execFileSync('node', [join(root, 'scripts/size.mjs')], { encoding: 'utf8' });
} catch (e) {
  sizeTable = e.stdout ?? String(e);
}
const report = `# Benchmarks

Measured on ${new Date().toISOString().slice(0, 10)} with \`bash scripts/bench.sh\`, on ${cpus()[0]?.model ?? 'unknown CPU'}
(${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB), Chromium ${results.chromium}, headless. The machine is shared
and noisy: figures are medians of timed batches, after one untimed pass of every row at 10 steps (ours and the
peers'). The four variants' batches alternate, round after round, so that a slow spell of the machine falls on all
of them alike; in row d each batch starts after a 25 ms pause, as each variant writes to \`localStorage\` and the
browser's work after a write (a peer's is a whole checklist) would otherwise fall on the next variant's batch.

Each row is the median time per operation. Ratios are peer time / our time: above 1.0 we are faster.
"ajv" and "zod" rows do the same work in plain JS and validate with the compiled ajv schema or the zod schema
(ingest: \`JSON.parse\` then validate); "plain JS" is a hand-written implementation of the same rules and operations.

${lines.join('\n')}

Rows: (a) a JSON string to a validated checklist (\`Checklist.fromJSON\`); (b) one \`completeStep\` (alternating with
\`reopenStep\` so that every call changes the state) followed by \`visibleSteps()\` and \`progress()\`; (c) a
\`mergePatch\` that sets or clears \`dismissedAt\` and replaces \`roles\`, validated; (d) a sync-client edit from the
call to the new snapshot, including the outbox written to \`localStorage\` (the outbox is sent between batches).

## Size

Per entry, as a page pays it (\`node scripts/size.mjs\`, part of the test command, which fails over a budget):

${sizeTable.trim()}

${sizeLines.join('\n')}

Where the bytes of each optimized module go, by origin (twiggy on a copy built like the package's, \`wasm-opt -Oz\`,
with names kept; raw bytes, before gzip):

${twiggy}

## The boundary: JSON text, not serde-wasm-bindgen

Values cross between JS and the module as JSON text: \`JSON.stringify\` or \`JSON.parse\` in the engine, and
\`TextEncoder\` for the copy into WASM memory. serde-wasm-bindgen is not used anywhere today: walking a JS object
property by property across the boundary measured slower for every value that matters (issue #10's measurement:
ingest 1.7× and \`toJSON\` 3.6× slower than JSON text).

Small values were measured with it on 2026-12-01 (a scratch build where \`to_js\`, which writes \`progress()\`,
\`validate()\`'s report and errors' \`issues\`, used \`serde_wasm_bindgen::Serializer::json_compatible()\`; both builds
loaded in one page, batches alternated, medians of 34 batches of 200 calls):

| call | steps | serde-wasm-bindgen µs | JSON text µs | median ratio |
| --- | ---: | ---: | ---: | ---: |
| \`progress()\` | 100 | 2.0 | 3.0 | 0.80 |
| \`progress(['member'])\` | 1000 | 50 | 53 | 0.95 |
| \`validateGuidedChecklist\` of an invalid text | 100 | 612 | 636 | 0.96 |

It saves 1 to 3 µs per call (5–20%) and adds 2.3 KB gzip to the default entry and 1.7 KB to the core: not taken,
while the package is over its size budget. Events and snapshots already cross as one text per call (see
\`js/engine.js\`), and options are read property by property with \`Reflect.get\`, keys made once.

## Cold start

Medians over ${results.loads} loads in ms. Each load is a fresh document (an iframe of the benchmark page) that
imports the package anew, as a page's first visit does, timed from \`init()\` (or from the package's import) to the
first answer of \`validateGuidedChecklist\`. The ways of loading and the two entries take turns, load after load, so
a slow spell of the machine falls on all of them.

- **package bundled, module streamed**: how an app that bundles the package starts: the package's JS is already in
  its bundle, and \`init()\` fetches the module and compiles it as it streams in. This is the cold start that counts.
- **package imported, module streamed**: the package's files imported by the browser after the clock starts
  (\`index.js\`, then the glue and the wrapper's modules), then \`init()\`: the imports come one after another.
- **package bundled, module preloaded by a \`<link>\`**: the same start in a document whose markup has the README's
  preload, so the module's request runs while the package's JS loads (here its files, imported one after another).
- **phases**: the bundled start with each part timed apart and nothing overlapped (the module fetched whole, then
  compiled), so their sum is above the streamed start. "bytes in hand" is compile, instantiate and the first call,
  with the module's bytes already fetched: what a preload leaves when it has finished in time.
- **fetch of a small file**: a request for the package's \`errors.js\` (112 bytes) from the same server, right
  after each load: on this machine most of the fetch is the cost of any request (the browser's network process,
  on two shared cores), not the module's bytes.

The fastest way to load the package: let the bundler bundle it (any bundler does, from \`import { init } from
'guided-checklist'\`), call \`init()\` early, and preload the module (\`<link rel="preload"
href=".../guided_checklist_bg.wasm" as="fetch" type="application/wasm" crossorigin>\`), which takes the fetch off the
critical path.

${coldLines.join('\n')}

The least any module's cold start takes here, in the same fresh documents and turns: **${ms(results.floor.emptyModule)} ms**
for a module of one function (34 bytes), streamed, instantiated and called. The package's own share of its cold start is
the headline minus this.
`;
if (!process.env.BENCH_ROWS) writeFileSync(join(root, 'BENCHMARKS.md'), report);
console.log(report);
