// What every bundled page of the matrix does: load the checklist of the user named in
// the URL from the API named there, complete one step, and wait until the server has it.
import { createChecklistClient } from 'guided-checklist';

export async function editOnce() {
  const query = new URLSearchParams(location.search);
  try {
    const client = await createChecklistClient({
      baseUrl: query.get('api'),
      userId: query.get('user'),
      getAccessToken: () => query.get('token'),
      storage: 'memory',
    });
    await client.load();
    client.completeStep(query.get('step'));
    await client.flush();
    document.body.dataset.result = JSON.stringify({ pending: client.getSnapshot().sync.pending });
  } catch (error) {
    document.body.dataset.result = `failed: ${error}`;
  }
}
