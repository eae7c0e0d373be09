import { memo, useState } from 'react';
import { useChecklist, useChecklistClient, useChecklistEvent } from 'guided-checklist/react';

const SAVE_STATE = { loading: 'loading…', idle: 'saved', syncing: 'saving…', offline: 'offline', paused: 'paused',
  error: 'error' };

export function App({ config }) {
  const client = useChecklistClient({
    baseUrl: config.baseUrl,
    userId: config.userId,
    getAccessToken: () => config.token,
    retry: { baseMs: 100, maxMs: 1000 },
  });
  const { visibleSteps, progress, sync } = useChecklist(client);
  const [problem, setProblem] = useState(null);
  useChecklistEvent(client, 'conflict', (event) => setProblem(`edit dropped: ${event.message}`));

  return (
    <main>
      <h1>Getting started</h1>
      <progress value={progress?.percent ?? 0} max={100} />
      <p role="status" data-status={sync.status} data-pending={sync.pending}>
        {SAVE_STATE[sync.status]}{sync.pending > 0 && ` · ${sync.pending} unsaved`}
      </p>
      <ol>
        {visibleSteps.map((step) => <Step key={step.stepId} step={step} client={client} />)}
      </ol>
      {problem && <p role="alert">{problem}</p>}
    </main>
  );
}

// A step that did not change keeps its object in the next snapshot, so memo skips it.
const Step = memo(function Step({ step, client }) {
  const done = step.status === 'COMPLETED';
  return (
    <li data-step-id={step.stepId} data-status={step.status}>
      <h2>{step.title}</h2>
      <a href={step.ctaRoute}>{step.ctaLabel}</a>
      {done ? (
        <button type="button" onClick={() => client.reopenStep(step.stepId)}>Reopen</button>
      ) : (
        <button type="button" onClick={() => client.completeStep(step.stepId)}>Done</button>
      )}
    </li>
  );
});
