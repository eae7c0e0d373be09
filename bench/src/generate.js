// Checklists of realistic shape and field lengths, as a server would send them.
const STATUSES = ['UP_NEXT', 'IN_PROGRESS', 'COMPLETED', 'SKIPPED'];

export function generate(n) {
  const steps = Array.from({ length: n }, (_, i) => ({
    stepId: `step-${String(i).padStart(4, '0')}`,
    title: `Set up the integration number ${i}`,
    description: 'Connect the tool your team already uses so that reports refresh on their own every morning.',
    ctaLabel: 'Get started',
    ctaRoute: `/onboarding/integrations/${i}?ref=checklist`,
    status: STATUSES[i % 4],
    sortOrder: (i * 7) % n,
    ...(i % 4 === 2 ? { completedAt: '2024-03-01T10:00:00Z', completedBy: '0f8fad5b-d9cb-469f-a165-70867728950e' } : {}),
    sourceRoles: i % 5 === 0 ? ['admin'] : [],
  }));
  return { track: 'A', roles: ['member', 'editor'], productInterests: ['analytics'], steps, computedAt: '2024-03-01T09:00:00Z' };
}
