// The demo page: the sync client keeps the checklist, its outbox and the sync state;
// this file renders snapshots and forwards clicks. Every text is set with
// textContent, never as HTML; CTA links use routes the engine has checked.
import { createChecklistClient } from './pkg/index.js';
import { config } from './config.js';

// The offline switch: while it is on, every API request of this tab fails as it
// would without a network. It is kept per tab, so it survives a reload.
const OFFLINE = 'guided-checklist-demo:offline';
const isOffline = () => sessionStorage.getItem(OFFLINE) === '1';
const realFetch = window.fetch.bind(window);
window.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const api = url.startsWith(`${config.baseUrl}/api/`);
  return api && isOffline() ? Promise.reject(new TypeError('offline (demo switch)')) : realFetch(input, init);
};

const $ = (id) => document.getElementById(id);

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? `${error.name ?? 'Error'}: ${error.message}` : '';
}

function act(action) {
  try {
    action();
    showError(null);
  } catch (error) {
    showError(error);
  }
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

// The actions each status allows: a done step can only be reopened.
const ACTIONS = {
  UP_NEXT: [['Start', 'startStep'], ['Complete', 'completeStep'], ['Skip', 'skipStep']],
  IN_PROGRESS: [['Complete', 'completeStep'], ['Skip', 'skipStep'], ['Reopen', 'reopenStep']],
  COMPLETED: [['Reopen', 'reopenStep']],
  SKIPPED: [['Complete', 'completeStep'], ['Reopen', 'reopenStep']],
};

// The server answers roles sorted; an option matches when it names the same set.
function roleOption(roles) {
  const key = [...roles].sort().join(',');
  return [...$('roles').options].find((o) => o.value.split(',').filter(Boolean).sort().join(',') === key);
}

function stepItem(step) {
  const li = document.createElement('li');
  li.className = `step ${step.status}`;
  li.dataset.stepId = step.stepId;
  const h2 = document.createElement('h2');
  const title = document.createElement('span');
  title.textContent = step.title;
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = step.status.replace('_', ' ').toLowerCase();
  h2.append(title, badge);
  const p = document.createElement('p');
  p.textContent = step.description;
  const cta = document.createElement('a');
  cta.href = step.ctaRoute;
  cta.textContent = step.ctaLabel;
  const actions = document.createElement('div');
  actions.className = 'actions';
  actions.append(cta, ...ACTIONS[step.status].map(([label, method]) =>
    button(label, () => act(() => client[method](step.stepId)))));
  li.append(h2, p, actions);
  return li;
}

const STATUS_TEXT = {
  loading: 'loading…', idle: 'saved', syncing: 'saving…', offline: 'offline', paused: 'paused', error: 'error',
};

function render(snapshot) {
  const { progress, sync } = snapshot;
  const percent = progress?.percent ?? 0;
  $('fill').style.width = `${percent}%`;
  $('percent').textContent = progress ? `${percent}% · ${progress.completed + progress.skipped}/${progress.total}` : '';
  $('dismiss').textContent = progress?.dismissed ? 'Restore checklist' : 'Dismiss checklist';
  $('steps').classList.toggle('dismissed', Boolean(progress?.dismissed));
  $('steps').replaceChildren(...snapshot.visibleSteps.map(stepItem));
  const status = $('status');
  status.dataset.status = sync.status;
  status.dataset.pending = String(sync.pending);
  status.textContent = sync.pending ? `${STATUS_TEXT[sync.status]} · ${sync.pending} pending` : STATUS_TEXT[sync.status];
  const roles = snapshot.checklist?.roles;
  const option = roles && roleOption(roles);
  if (option) $('roles').value = option.value;
}

const client = await createChecklistClient({
  baseUrl: config.baseUrl,
  userId: config.userId,
  getAccessToken: () => config.token,
  retry: { baseMs: 500, maxMs: 5000 },
});
client.subscribe(() => render(client.getSnapshot()));
client.on('conflict', (event) => showError(new Error(`edit dropped: ${event.message}`)));
client.on('error', (event) => showError(new Error(event.message)));

$('offline').checked = isOffline();
$('offline').addEventListener('change', () => {
  if ($('offline').checked) {
    sessionStorage.setItem(OFFLINE, '1');
  } else {
    sessionStorage.removeItem(OFFLINE);
    window.dispatchEvent(new Event('online'));
  }
});

$('dismiss').addEventListener('click', () => {
  act(() => (client.getSnapshot().progress?.dismissed ? client.restore() : client.dismiss()));
});

$('roles').addEventListener('change', async () => {
  const roles = $('roles').value ? $('roles').value.split(',') : [];
  try {
    // The reference server's role switch: a test control, for its admin token only.
    const response = await fetch(`${config.baseUrl}/__test/memberships/${encodeURIComponent(config.userId)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${config.adminToken}` },
      body: JSON.stringify({ roles }),
    });
    if (!response.ok) throw new Error(`the role change answered ${response.status}`);
    await client.load();
  } catch (error) {
    showError(error);
  }
});

render(client.getSnapshot());
client.load();
