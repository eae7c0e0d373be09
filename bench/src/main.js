// Runs in the page: every row for our engine and for the JS peers, in one run.
import * as gc from '/pkg/index.js';
import { generate } from './generate.js';
import { ajvValidate } from './ajv-schema.js';
import { zodChecklist } from './zod-schema.js';
import * as plain from './plain.js';
import { AT, editedStep, seededClient, syncEdit } from './sync-client.js';
import { inFreshDocument, startScript } from './fresh-document.js';

/** Calls per timed batch: enough for the clock (a batch of at least 15 ms). */
async function batchSize(fn, between) {
  let batch = 1;
  for (;;) {
    if (between) await between();
    const t0 = performance.now();
    for (let i = 0; i < batch; i += 1) fn(i);
    if (performance.now() - t0 > 15 || batch > 1e6) return batch;
    batch *= 2;
  }
}

/**
 * Median time per call, in microseconds, of each variant (`{ fn, between }`: `between` runs
 * before each batch, untimed). The variants' batches alternate, round after round, so a slow
 * spell of the shared machine falls on all of them alike and the ratios hold; at least 9
 * rounds, and up to 31 while time allows. With `settle`, each batch starts that many
 * milliseconds after `between`, so the browser's own work after the last batch is done.
 */
async function measure(variants, settle = 0) {
  const entries = Object.entries(variants);
  const batches = [];
  for (const [, { fn, between }] of entries) batches.push(await batchSize(fn, between));
  const samples = entries.map(() => []);
  const deadline = performance.now() + (600 + 31 * settle) * entries.length;
  for (let round = 0; round < 9 || (round < 31 && performance.now() < deadline); round += 1) {
    for (const [k, [, { fn, between }]] of entries.entries()) {
      if (between) await between();
      if (settle) await new Promise((done) => setTimeout(done, settle));
      const t0 = performance.now();
      for (let i = 0; i < batches[k]; i += 1) fn(i);
      samples[k].push(((performance.now() - t0) * 1000) / batches[k]);
    }
  }
  return Object.fromEntries(entries.map(([name], k) => [name, median(samples[k])]));
}

/** Ingest a JSON string and validate it. */
function ingest(text) {
  return measure({
    ours: { fn: () => gc.Checklist.fromJSON(text).free() },
    ajv: { fn: () => { if (!ajvValidate(JSON.parse(text))) throw new Error('ajv refused'); } },
    zod: { fn: () => zodChecklist.parse(JSON.parse(text)) },
    plain: { fn: () => { if (plain.validate(JSON.parse(text)).length) throw new Error('refused'); } },
  });
}

/** One completeStep (alternating with reopenStep so it always changes), then visibleSteps and progress. */
async function edit(data, stepId) {
  const c = gc.Checklist.fromJSON(data);
  const peer = (check) => {
    const js = structuredClone(data);
    return {
      fn: (i) => {
        plain.setStatus(js, stepId, i % 2 ? 'UP_NEXT' : 'COMPLETED', AT[i % 2]);
        if (check) check(js);
        plain.visibleSteps(js);
        plain.progress(js);
      },
    };
  };
  const result = await measure({
    ours: {
      fn: (i) => {
        if (i % 2) c.reopenStep(stepId, { at: AT[0] }); else c.completeStep(stepId, { at: AT[1] });
        c.visibleSteps();
        c.progress();
      },
    },
    ajv: peer((js) => { if (!ajvValidate(js)) throw new Error('ajv refused'); }),
    zod: peer((js) => zodChecklist.parse(js)),
    plain: peer(null),
  });
  c.free();
  return result;
}

/** A merge patch that sets or clears dismissedAt and replaces roles, validated. */
async function patch(data) {
  const patches = [{ dismissedAt: AT[0], roles: ['member'] }, { dismissedAt: null, roles: ['member', 'editor'] }];
  const c = gc.Checklist.fromJSON(data);
  const peer = (check) => {
    let js = structuredClone(data);
    return {
      fn: (i) => {
        js = plain.mergePatch(js, patches[i % 2]);
        if (check) check(js);
      },
    };
  };
  const result = await measure({
    ours: { fn: (i) => c.mergePatch(patches[i % 2]) },
    ajv: peer((js) => { if (!ajvValidate(js)) throw new Error('ajv refused'); }),
    zod: peer((js) => zodChecklist.parse(js)),
    plain: peer(null),
  });
  c.free();
  return result;
}

/** A sync-client edit, from the call to the new snapshot (the outbox is sent between batches). */
async function sync(data, stepId, api) {
  const user = `bench-${data.steps.length}-${Math.random().toString(36).slice(2)}`;
  const client = await seededClient(gc, api, data, user);
  const stores = [];
  const peer = (name, check) => {
    const store = new plain.Store(structuredClone(data), `${user}-${name}`, check);
    stores.push(store);
    return {
      fn: (i) => store.edit(stepId, i % 2 ? 'UP_NEXT' : 'COMPLETED', AT[i % 2]),
      between: async () => { store.outbox = []; },
    };
  };
  // The variants alternate, as in the other rows, with a pause before each batch: each
  // writes to localStorage, and the browser's work after a write (a peer's is a whole
  // checklist) would otherwise fall on the next variant's batch.
  const result = await measure({
    ours: { fn: (i) => syncEdit(client, stepId, i), between: () => client.flush() },
    ajv: peer('ajv', (js) => { if (!ajvValidate(js)) throw new Error('ajv refused'); }),
    zod: peer('zod', (js) => zodChecklist.parse(js)),
    plain: peer('plain', null),
  }, 25);
  client.clearStorage();
  client.destroy();
  for (const store of stores) localStorage.removeItem(store.key);
  return result;
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/**
 * The four ways one entry (`entry`: '/pkg/index.js' or '/pkg/core/index.js') is loaded
 * cold, each in a fresh document and timed to the first answer of `validateGuidedChecklist`:
 * - streamed: the package already in the page's bundle (imported before the clock starts)
 *   and `init()` streaming the module, as a bundled app starts it: the cold start that counts;
 * - separate: the package imported after the clock starts, then `init()`, as a page that
 *   loads the package as separate files starts it;
 * - preloadLink: the bundled start in a document whose markup preloads the module, as the
 *   README advises: the request runs while the package's JS loads;
 * - phases: the bundled start with each phase timed apart (fetch, which a `<link
 *   rel="preload">` takes off the critical path, compile, instantiate and the first call).
 * After the load, each fetches a small file from the same server: what any request costs
 * here, whatever its size.
 */
function coldWays(entry) {
  const importing = `const gc = await import('${entry}');`;
  const floor = `const f0 = performance.now();
    await (await fetch('/pkg/errors.js')).arrayBuffer();
    const floor = performance.now() - f0;`;
  const wasm = entry.replace('index.js', 'guided_checklist_bg.wasm');
  const started = (name, bundled, head) => () => inFreshDocument(`${startScript(entry, bundled)}
      ${floor}
      return { ${name}: ms, floor };`, head);
  return {
    streamed: started('streamed', true),
    separate: started('separate', false),
    // The README's way: the document asks for the module while the package's JS loads.
    preloadLink: started('preloadLink', true, `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin>`),
    phases: () => inFreshDocument(`
      ${importing}
      const t0 = performance.now();
      const bytes = await (await fetch('${wasm}')).arrayBuffer();
      const t1 = performance.now();
      const module = await WebAssembly.compile(bytes);
      const t2 = performance.now();
      gc.initSync({ module });
      const t3 = performance.now();
      gc.validateGuidedChecklist('{}');
      const t4 = performance.now();
      ${floor}
      return { fetch: t1 - t0, compile: t2 - t1, instantiate: t3 - t2, firstCall: t4 - t3, total: t4 - t0, preloaded: t4 - t1, floor };`),
  };
}

/**
 * The least any module's cold start takes here: `/empty.wasm` (one function that returns a
 * constant, 34 bytes, written by run.mjs) streamed, instantiated and called in a fresh
 * document that has imported the package, as the bundled start's has. What the package
 * adds to a cold start is its headline minus this.
 */
const emptyModule = () => inFreshDocument(`
  await import('/pkg/index.js');
  const t0 = performance.now();
  const { instance } = await WebAssembly.instantiateStreaming(fetch('/empty.wasm'));
  instance.exports.f();
  return { emptyModule: performance.now() - t0 };`);

/**
 * Cold start of both entries and of the empty module: each load runs every way of both
 * entries and the empty module, in an order that rotates from load to load, so neither an
 * entry nor a way is always first or always follows the same one, and a slow spell of the
 * machine falls on all alike. Medians in ms.
 */
async function coldStart(loads) {
  const groups = { cold: coldWays('/pkg/index.js'), coldCore: coldWays('/pkg/core/index.js'), floor: { emptyModule } };
  const runs = Object.entries(groups).flatMap(([entry, ways]) => Object.values(ways).map((way) => [entry, way]));
  const samples = Object.fromEntries(Object.keys(groups).map((group) => [group, {}]));
  for (let i = 0; i < loads; i += 1) {
    for (let k = 0; k < runs.length; k += 1) {
      const [entry, way] = runs[(i + k) % runs.length];
      for (const [phase, ms] of Object.entries(await way())) (samples[entry][phase] ??= []).push(ms);
    }
  }
  const medians = (entry) => Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, median(v)]));
  return { loads, ...Object.fromEntries(Object.entries(samples).map(([group, entry]) => [group, medians(entry)])) };
}

window.runBenchmarks = async (api, only) => {
  await gc.init();
  const rows = [];
  const wanted = (op) => !only || only.includes(op[0]);
  // One untimed pass of the wanted rows at 10 steps, for us and the peers alike: a fresh
  // module's first calls run on the engine's baseline tier, and without this the first row
  // measured paid for its warm-up.
  const warm = generate(10);
  if (wanted('a')) await ingest(JSON.stringify(warm));
  if (wanted('b')) await edit(warm, editedStep(warm));
  if (wanted('c')) await patch(warm);
  if (wanted('d')) await sync(warm, editedStep(warm), api);
  for (const n of [10, 100, 1000]) {
    const data = generate(n);
    const text = JSON.stringify(data);
    const stepId = editedStep(data);
    console.log(`benchmarking ${n} steps`);
    if (wanted('a')) rows.push({ op: 'a. ingest JSON + validate', n, ...(await ingest(text)) });
    if (wanted('b')) rows.push({ op: 'b. completeStep + visibleSteps + progress', n, ...(await edit(data, stepId)) });
    if (wanted('c')) rows.push({ op: 'c. mergePatch + validate', n, ...(await patch(data)) });
    if (wanted('d')) rows.push({ op: 'd. sync edit to snapshot', n, ...(await sync(data, stepId, api)) });
  }
  console.log('cold start');
  const loads = only ? 11 : 21;
  return { rows, ...(await coldStart(loads)), userAgent: navigator.userAgent };
};
