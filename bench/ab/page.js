// Runs in the page of bench/ab.mjs: the two builds side by side, under /a/ and /b/.
import { generate } from '/src/generate.js';
import { editedStep, seededClient, syncEdit } from '/src/sync-client.js';
import { inFreshDocument, startScript } from '/src/fresh-document.js';

const builds = {};

/** Loads both builds and, for row d, makes each a client of its own user on the server at `api`. */
window.setup = async (api, steps, memory) => {
  const data = generate(steps);
  const stepId = editedStep(data);
  for (const name of ['a', 'b']) {
    const gc = await import(`/${name}/index.js`);
    await gc.init();
    const user = `ab-${name}-${steps}-${Math.random().toString(36).slice(2)}`;
    const client = await seededClient(gc, api, data, user, memory ? { storage: 'memory' } : {});
    builds[name] = { gc, client, stepId, text: JSON.stringify(data) };
  }
};

/**
 * Time per call of one batch with build `name`, in microseconds: row d, `size` edits, each
 * followed by `getSnapshot()` (the outbox is sent before the batch); row a, as many
 * `fromJSON` as 30 ms hold; row cold, one cold start in a fresh document, as the benchmark's
 * headline takes it (the package imported first, then `init()` and the first call).
 */
window.batch = async (name, row, size) => {
  if (row === 'cold') {
    const { ms } = await inFreshDocument(`${startScript(`/${name}/index.js`, true)} return { ms };`);
    return ms * 1000;
  }
  const { gc, client, stepId, text } = builds[name];
  let calls = 0;
  if (row === 'd') await client.flush();
  const t0 = performance.now();
  if (row === 'a') {
    for (; performance.now() - t0 < 30; calls += 1) gc.Checklist.fromJSON(text).free();
  } else {
    for (; calls < size; calls += 1) syncEdit(client, stepId, calls);
  }
  return ((performance.now() - t0) * 1000) / calls;
};

window.teardown = () => {
  for (const { client } of Object.values(builds)) {
    client.clearStorage();
    client.destroy();
  }
};
