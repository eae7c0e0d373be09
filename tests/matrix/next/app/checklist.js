'use client';

import { useChecklist, useChecklistClient } from 'guided-checklist/react';

export function Checklist({ api, user, token }) {
  const client = useChecklistClient(api ? { baseUrl: api, userId: user, getAccessToken: () => token } : null);
  const { visibleSteps, sync } = useChecklist(client);
  return (
    <section id="checklist" data-status={sync.status} data-pending={sync.pending}>
      {visibleSteps.map((step) => (
        <button key={step.stepId} type="button" data-step-id={step.stepId} data-status={step.status}
          onClick={() => client.completeStep(step.stepId)}>
          {step.title}
        </button>
      ))}
    </section>
  );
}
