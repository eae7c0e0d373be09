// What row d of the benchmark (main.js) and bench/ab.mjs share: the client an edit goes
// through, the step it edits and the edit itself.

export const AT = ['2024-06-01T10:00:00.000Z', '2024-06-02T10:00:00.000Z'];

/** The step the edit rows complete and reopen: one every role sees, not started. */
export const editedStep = (data) => data.steps.find((s) => s.sourceRoles.length === 0 && s.status === 'UP_NEXT').stepId;

/** A loaded client (package `gc`) of `user`, whose record on the server at `api` holds `data`. */
export async function seededClient(gc, api, data, user, options = {}) {
  const record = { userId: user, guidedChecklist: data, createdDate: AT[0], modifiedDate: AT[0] };
  await fetch(`${api.url}/__test/records/${user}`, { method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${api.token}` }, body: JSON.stringify(record) });
  const client = await gc.createChecklistClient({ baseUrl: api.url, userId: user, getAccessToken: () => api.token,
    storageKey: user, ...options });
  await client.load();
  return client;
}

/** Edit `i` of a batch: `stepId` completed and reopened by turns, so every call changes it, then the new snapshot. */
export function syncEdit(client, stepId, i) {
  if (i % 2) client.reopenStep(stepId, { at: AT[0] }); else client.completeStep(stepId, { at: AT[1] });
  client.getSnapshot();
}
