// The demo page: the engine validates and edits the checklist in WASM; this file
// only fetches, saves and renders. Every text is set with textContent, never as HTML.
import init, { Checklist } from './pkg/guided_checklist.js';
import { config } from './config.js';

const api = `${config.baseUrl}/api/usermanagement/v1/users/${encodeURIComponent(config.userId)}/properties`;
const headers = { Authorization: `Bearer ${config.token}` };
const $ = (id) => document.getElementById(id);

let checklist = null;
let etag = null;
let unsaved = false;

function status(text) { $('status').textContent = text; }

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? `${error.name ?? 'Error'}: ${error.message}` : '';
}

async function load() {
  status('loading…');
  const response = await fetch(api, { headers });
  if (!response.ok) throw new Error(`GET answered ${response.status}`);
  const record = await response.json();
  checklist?.free();
  checklist = Checklist.fromJSON(record.guidedChecklist);
  etag = response.headers.get('ETag');
  unsaved = false;
  render();
  status('saved');
}

async function save() {
  if ($('offline').checked) {
    unsaved = true;
    status('offline: edits kept on this page');
    return;
  }
  status('saving…');
  const response = await fetch(`${api}/guided-checklist`, {
    method: 'PATCH',
    headers: { ...headers, 'Content-Type': 'application/json', ...(etag ? { 'If-Match': etag } : {}) },
    body: JSON.stringify(checklist.toJSON()),
  });
  if (response.status === 412) {
    status('changed elsewhere: reloading');
    return load();
  }
  if (!response.ok) throw new Error(`PATCH answered ${response.status}: ${(await response.json()).detail}`);
  etag = response.headers.get('ETag');
  unsaved = false;
  status('saved');
}

function edit(change) {
  try {
    change(checklist);
    showError(null);
    render();
    save().catch(showError);
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

function render() {
  const progress = checklist.progress();
  $('fill').style.width = `${progress.percent}%`;
  $('percent').textContent = `${progress.percent}% · ${progress.completed + progress.skipped}/${progress.total}`;
  $('dismiss').textContent = progress.dismissed ? 'Restore checklist' : 'Dismiss checklist';
  $('steps').classList.toggle('dismissed', progress.dismissed);
  const items = checklist.visibleSteps().map((step) => {
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
    actions.append(
      cta,
      button('Start', () => edit((c) => c.startStep(step.stepId))),
      button('Complete', () => edit((c) => c.completeStep(step.stepId))),
      button('Skip', () => edit((c) => c.skipStep(step.stepId))),
      button('Reopen', () => edit((c) => c.reopenStep(step.stepId))),
    );
    li.append(h2, p, actions);
    return li;
  });
  $('steps').replaceChildren(...items);
}

$('dismiss').addEventListener('click', () => {
  edit((c) => (c.progress().dismissed ? c.restore() : c.dismiss()));
});

$('offline').addEventListener('change', () => {
  if (!$('offline').checked && unsaved) save().catch(showError);
  else status($('offline').checked ? 'offline' : 'saved');
});

$('roles').addEventListener('change', async () => {
  const roles = $('roles').value ? $('roles').value.split(',') : [];
  try {
    const response = await fetch(`${config.baseUrl}/__test/memberships/${encodeURIComponent(config.userId)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ roles }),
    });
    if (!response.ok) throw new Error(`role change answered ${response.status}`);
    await load();
  } catch (error) {
    showError(error);
  }
});

await init();
load().catch(showError);
