// poolsync's status page: reads GET /progress and the runs API every REFRESH_MS with the API token, which it keeps in
// this tab's sessionStorage only. Every value from the API goes into the page as text, never as HTML.
'use strict';

const REFRESH_MS = 1000;
const TOKEN_KEY = 'poolsync.apiToken';
const FAILURES_PAGE_SIZE = 50;

const $ = (id) => document.getElementById(id);
let failuresShown = null; // {runId, page}
let timer = null;

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** GET an API path with the token; resolves to the JSON body, rejects with {status, detail}. */
async function api(path) {
  const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw { status: response.status, detail: body.detail || response.statusText };
  }
  return body;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function setText(id, text) {
  $(id).textContent = text === undefined || text === null ? '' : String(text);
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) {
    return `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s`;
  }
  return m > 0 ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}

function rate(perSecond) {
  return perSecond === null || perSecond === undefined ? '–' : perSecond.toFixed(1);
}

function time(instant) {
  return instant ? new Date(instant).toLocaleString() : '–';
}

function fillCounts(tableId, entries) {
  const table = $(tableId);
  table.replaceChildren();
  for (const [label, value] of entries) {
    const row = element('tr');
    row.append(element('th', label), element('td', value));
    row.dataset.count = label;
    table.append(row);
  }
}

function countEntries(counters) {
  return [
    ['target scanned', counters.targetScanned], ['source scanned', counters.sourceScanned],
    ['planned writes', counters.plannedWrites], ['created', counters.created], ['updated', counters.updated],
    ['enabled', counters.enabled], ['disabled', counters.disabled], ['deleted', counters.deleted],
    ['unchanged', counters.unchanged], ['skipped', counters.skipped], ['failed', counters.failed],
    ['groups created', counters.groupsCreated], ['groups updated', counters.groupsUpdated],
    ['memberships added', counters.membershipsAdded], ['memberships removed', counters.membershipsRemoved],
    ['passwords repaired', counters.passwordsRepaired],
  ];
}

const PHASE_LABELS = { SCANNING_TARGET: 'Scanning the target', SCANNING_SOURCE: 'Scanning the source', APPLYING: 'Writing users' };

function renderPhase(bar) {
  const node = element('div', null, 'phase ' + bar.state);
  node.id = 'phase-' + bar.phase;
  const label = element('div', null, 'label');
  const of = bar.total === null ? '' : ` of ${bar.totalFinal ? '' : '~'}${bar.total}`;
  const count = element('span', `${bar.count}${of}`);
  count.className = 'phase-count';
  label.append(element('span', `${PHASE_LABELS[bar.phase] || bar.phase} (${bar.state.toLowerCase()})`), count,
    element('span', `${rate(bar.ratePerSecond)}/s`));
  const track = element('div', null, 'bar');
  const fill = element('div', null, 'fill');
  if (bar.state === 'DONE') {
    fill.style.width = '100%';
  } else if (bar.total) {
    fill.style.width = Math.min(100, (100 * bar.count) / bar.total).toFixed(1) + '%';
  } else {
    track.classList.add('indeterminate');
    fill.style.width = bar.state === 'ACTIVE' ? '100%' : '0%';
  }
  track.append(fill);
  node.append(label, track);
  return node;
}

function renderCurrent(run) {
  $('idle').hidden = run !== null;
  $('run').hidden = run === null;
  if (run === null) {
    return;
  }
  setText('run-id', run.id + (run.dryRun ? ' (dry run)' : ''));
  setText('run-trigger', run.trigger);
  setText('run-phase', run.phase);
  setText('run-elapsed', duration(run.elapsedSeconds));
  setText('run-eta', run.eta ? `${duration(run.eta.seconds)} (${time(run.eta.at)})` : 'unknown');
  $('run-stopping').hidden = !run.stopping;
  $('phases').replaceChildren(...run.phases.map(renderPhase));
  fillCounts('run-counts', countEntries(run.counters));
  const planned = run.planned ? Object.entries(run.planned.users) : [];
  fillCounts('run-planned', planned.map(([action, count]) => [action.toLowerCase(), count]));
}

function renderLast(summary) {
  $('no-last').hidden = summary !== null;
  $('last-run').hidden = summary === null;
  if (summary === null) {
    return;
  }
  setText('last-id', summary.id + (summary.dryRun ? ' (dry run)' : ''));
  setText('last-phase', summary.phase);
  $('last-phase').className = 'phase-' + summary.phase;
  setText('last-finished', time(summary.finishedAt));
  setText('last-duration', duration(summary.durationSeconds));
  setText('last-error', summary.error || '–');
  fillCounts('last-counts', countEntries(summary.counters));
}

function renderQuotas(quotas) {
  const body = $('quotas').tBodies[0];
  body.replaceChildren(...quotas.map((quota) => {
    const row = element('tr');
    row.append(element('td', quota.budget), element('td', quota.category), element('td', quota.limitPerSecond),
      element('td', rate(quota.ratePerSecond)), element('td', quota.calls), element('td', quota.throttled));
    return row;
  }));
}

function renderRuns(runs) {
  const body = $('runs').tBodies[0];
  body.replaceChildren(...runs.map((run) => {
    const row = element('tr');
    row.dataset.runId = run.id;
    const show = element('button', 'failures');
    show.type = 'button';
    show.addEventListener('click', () => showFailures(run.id, 0));
    const phase = element('td', run.phase, 'phase-' + run.phase);
    row.append(element('td', time(run.startedAt)), element('td', run.trigger + (run.dryRun ? ' (dry)' : '')), phase,
      element('td', duration(run.durationSeconds)), element('td', run.counters.created),
      element('td', run.counters.updated), element('td', run.counters.skipped), element('td', run.counters.failed));
    const action = element('td');
    action.append(show);
    row.append(action);
    return row;
  }));
}

async function showFailures(runId, page) {
  failuresShown = { runId, page };
  await refreshFailures();
}

async function refreshFailures() {
  if (failuresShown === null) {
    return;
  }
  const { runId, page } = failuresShown;
  const result = await api(`/sync/runs/${encodeURIComponent(runId)}/failures?page=${page}&size=${FAILURES_PAGE_SIZE}`);
  $('failures').hidden = false;
  setText('failures-run', runId);
  const body = $('failures-table').tBodies[0];
  body.replaceChildren(...result.items.map((failure) => {
    const row = element('tr');
    row.append(element('td', failure.username), element('td', failure.sourceUsername), element('td', failure.action),
      element('td', failure.errorCode), element('td', failure.message));
    return row;
  }));
  $('failures-empty').hidden = result.items.length > 0;
  const first = page * FAILURES_PAGE_SIZE;
  setText('failures-position', result.keptFailures === 0 ? ''
    : `${first + 1}–${first + result.items.length} of ${result.keptFailures}`
      + (result.totalFailures > result.keptFailures ? ` kept (${result.totalFailures} in all)` : ''));
  $('failures-previous').disabled = page === 0;
  $('failures-next').disabled = first + result.items.length >= result.keptFailures;
}

function askForToken(problem) {
  $('dashboard').hidden = true;
  $('forget-token').hidden = true;
  $('token-form').hidden = false;
  $('token-problem').hidden = !problem;
  setText('token-problem', problem || '');
  setText('connection', 'no valid token');
}

async function refresh() {
  if (!token()) {
    if ($('token-form').hidden) {
      askForToken(null);
    }
    return;
  }
  try {
    const [progress, runs] = await Promise.all([api('/progress'), api('/sync/runs')]);
    $('token-form').hidden = true;
    $('dashboard').hidden = false;
    $('forget-token').hidden = false;
    renderCurrent(progress.current);
    renderLast(progress.lastFinished);
    renderQuotas(progress.quotas);
    renderRuns(runs);
    await refreshFailures().catch(() => { failuresShown = null; $('failures').hidden = true; });
    setText('connection', 'updated ' + new Date(progress.at).toLocaleTimeString());
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      sessionStorage.removeItem(TOKEN_KEY);
      askForToken(error.detail);
    } else {
      setText('connection', 'poolsync did not answer: ' + (error.detail || error.message || error));
    }
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    await refresh();
    schedule();
  }, REFRESH_MS);
}

$('token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
  $('token-input').value = '';
  await refresh();
  schedule();
});
$('forget-token').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  askForToken(null);
});
$('failures-previous').addEventListener('click', () => showFailures(failuresShown.runId, failuresShown.page - 1));
$('failures-next').addEventListener('click', () => showFailures(failuresShown.runId, failuresShown.page + 1));

refresh().then(schedule);
