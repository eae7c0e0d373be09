// Runs in the page of bench/ab.mjs: the two builds side by side, under /a/ and /b/.
import { generate } from '/src/generate.js';

const AT = ['2024-06-01T10:00:00.000Z', '2024-06-02T10:00:00.000Z'];
const builds = {};

/** Loads both builds and, for row d, makes each a client of its own user on the server at `api`. */
window.setup = async (api, steps, memory) => {
  const data = generate(steps);
  const stepId = data.steps.find((s) => s.sourceRoles.length === 0 && s.status === 'UP_NEXT').stepId;
  for (const name of ['a', 'b']) {
    const gc = await import(`/${name}/index.js`);
    await gc.init();
    const user = `ab-${name}-${steps}-${Math.random().toString(36).slice(2)}`;
    await fetch(`${api.url}/__test/records/${user}`, { method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${api.token}` },
      body: JSON.stringify({ userId: user, guidedChecklist: data, createdDate: AT[0], modifiedDate: AT[0] }) });
    const client = await gc.createChecklistClient({ baseUrl: api.url, userId: user, getAccessToken: () => api.token,
      storageKey: user, ...(memory ? { storage: 'memory' } : {}) });
    await client.load();
    builds[name] = { gc, client, stepId, text: JSON.stringify(data) };
  }
};

/**
 * Time per call of one batch with build `name`, in microseconds: row d, `size` edits, each
 * followed by `getSnapshot()` (the outbox is sent before the batch); row a, as many
 * `fromJSON` as 30 ms hold.
 */
window.batch = async (name, row, size) => {
  const { gc, client, stepId, text } = builds[name];
  let calls = 0;
  if (row === 'd') await client.flush();
  const t0 = performance.now();
  if (row === 'a') {
    for (; performance.now() - t0 < 30; calls += 1) gc.Checklist.fromJSON(text).free();
  } else {
    for (; calls < size; calls += 1) {
      if (calls % 2) client.reopenStep(stepId, { at: AT[0] }); else client.completeStep(stepId, { at: AT[1] });
      client.getSnapshot();
    }
  }
  return ((performance.now() - t0) * 1000) / calls;
};

window.teardown = () => {
  for (const { client } of Object.values(builds)) {
    client.clearStorage();
    client.destroy();
  }
};
