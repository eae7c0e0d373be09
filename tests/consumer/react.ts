// The React entry's declarations under strict TypeScript (hooks called as a component would).
import { LOADING_SNAPSHOT, useChecklist, useChecklistClient, useChecklistEvent } from 'guided-checklist/react';
import type { Snapshot, SyncStatus } from 'guided-checklist';

export function component(token: string): string {
  const client = useChecklistClient({ baseUrl: 'https://api.example.com', userId: 'u1', getAccessToken: () => token });
  const snapshot: Snapshot = useChecklist(client);
  const status: SyncStatus = snapshot.sync.status;
  const storage: 'local' | 'memory' = snapshot.sync.storage;
  useChecklistEvent(client, 'step', (event) => {
    const to: string = event.to;
    console.log(event.stepId, to);
  });
  useChecklistEvent(client, 'error', (event) => console.log(event.code, event.status));
  const none = useChecklistClient(null);
  return `${status} ${storage} ${LOADING_SNAPSHOT.sync.status} ${none === null}`;
}
