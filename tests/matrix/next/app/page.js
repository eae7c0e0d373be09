// A server component: validates on the server with the same engine, and renders the
// client component, whose server render shows the loading snapshot.
import { validateGuidedChecklist } from 'guided-checklist';
import { Checklist } from './checklist.js';

export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }) {
  const { api = null, user = null, token = null } = await searchParams;
  const checked = validateGuidedChecklist({ track: 'Z', computedAt: '2024-01-01T00:00:00Z' });
  return (
    <main>
      <p id="server-validation">{checked.errors.map((e) => `${e.path}:${e.code}`).join(' ')}</p>
      <Checklist api={api} user={user} token={token} />
    </main>
  );
}
