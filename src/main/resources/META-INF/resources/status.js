// poolsync's status page: reads GET /progress, /progress/series and the runs API every REFRESH_MS with the API token,
// which it keeps in this tab's sessionStorage only. Every value from the API goes into the page as text
// (textContent), never as HTML; no inline script or style, so it runs under default-src 'self'.
'use strict';

const REFRESH_MS = 1000;
const PREFLIGHT_REFRESH_MS = 30000;
/** Without an answer for this long, the page says that what it shows is stale. */
const STALE_AFTER_MS = 10000;
const TOKEN_KEY = 'poolsync.apiToken';
const PAGE_SIZE = 50;

const $ = (id) => document.getElementById(id);
let timer = null;
let settings = null;
let lastAnswerAt = null;
let lastProgress = null;
let runsById = new Map();
/** The run whose plan and failures are shown: chosen by the operator, else the current or latest run. */
let detailsRunId = null;
let detailsChosen = false;
const planView = { page: 0, action: '', username: '' };
const failuresView = { page: 0, action: '', username: '' };
/** The run this page last started: its notice goes once the run has finished. */
let startedRunId = null;
let preflightCheckedAt = 0;
let preflightAvailable = true;
const charts = new Map();

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Calls an API path with the token; resolves to the JSON body, rejects with {status, detail}. */
async function api(path, method = 'GET') {
  const response = await fetch(path, {
    method,
    headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw { status: response.status, detail: body.detail || response.statusText, running: body.running };
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
    return `${h}h ${String(m).padStart(2, '0')}m`;
  }
  return m > 0 ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}

function rate(perSecond) {
  return perSecond === null || perSecond === undefined ? '–' : perSecond.toFixed(1);
}

function time(instant) {
  return instant ? new Date(instant).toLocaleString() : '–';
}

function clock(instant) {
  return new Date(instant).toLocaleTimeString();
}

function ago(instant) {
  return duration((Date.now() - new Date(instant).getTime()) / 1000) + ' ago';
}

const COUNT_LABELS = {
  targetScanned: 'target scanned', sourceScanned: 'source scanned', plannedWrites: 'planned writes',
  groupsCreated: 'groups created', groupsUpdated: 'groups updated', membershipsAdded: 'memberships added',
  membershipsRemoved: 'memberships removed', passwordsRepaired: 'passwords repaired',
};

/** A counter's name in words: the known ones by the table, any other (added later) from its camelCase. */
function countLabel(name) {
  return COUNT_LABELS[name] || name.replace(/([A-Z])/g, ' $1').toLowerCase();
}

/** Counts in a table; the zeros folded away under a details element, so what happened stands out. */
function fillCounts(containerId, entries) {
  const container = $(containerId);
  const row = ([label, value]) => {
    const tr = element('tr');
    tr.dataset.count = label;
    tr.append(element('th', label), element('td', value));
    return tr;
  };
  const shown = entries.filter(([, value]) => value !== 0);
  const zeros = entries.filter(([, value]) => value === 0);
  const table = element('table', null, 'counts');
  table.append(...shown.map(row));
  const nodes = [table];
  if (zeros.length > 0) {
    const folded = element('details', null, 'zeros');
    const summary = element('summary', `${zeros.length} at 0: ${zeros.map(([label]) => label).join(', ')}`);
    const zeroTable = element('table', null, 'counts');
    zeroTable.append(...zeros.map(row));
    folded.append(summary, zeroTable);
    nodes.push(folded);
  }
  // Keep an opened fold open across refreshes.
  const wasOpen = container.querySelector('details.zeros')?.open;
  if (wasOpen && nodes[1]) {
    nodes[1].open = true;
  }
  container.replaceChildren(...nodes);
}

function countEntries(counters) {
  return Object.entries(counters).map(([name, value]) => [countLabel(name), value]);
}

const PHASE_LABELS = { SCANNING_TARGET: 'Scanning the target', SCANNING_SOURCE: 'Scanning the source', APPLYING: 'Writing users' };

function renderPhase(bar) {
  const node = element('div', null, 'phase ' + bar.state);
  node.id = 'phase-' + bar.phase;
  const label = element('div', null, 'label');
  const of = bar.total === null ? '' : ` of ${bar.totalFinal ? '' : '~'}${bar.total}`;
  const count = element('span', `${bar.count}${of}`, 'phase-count');
  label.append(element('span', `${PHASE_LABELS[bar.phase] || bar.phase} (${bar.state.toLowerCase()})`), count,
    element('span', `${rate(bar.ratePerSecond)}/s`));
  const track = element('div', null, 'bar');
  const fill = element('div', null, 'fill');
  // Widths through the CSSOM, which a CSP without 'unsafe-inline' allows (it refuses style attributes in HTML).
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
  setText('run-eta', run.eta ? `${duration(run.eta.seconds)} (${clock(run.eta.at)})` : 'unknown');
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

/** The quota categories throttled at the series' last point, e.g. ["user-creation (target)"]. */
function throttledNow(series) {
  const last = series && series.running && series.points.length > 0 ? series.points[series.points.length - 1] : null;
  return last ? last.quotas.filter((q) => q.throttledPerSecond > 0).map((q) => `${q.category} (${q.budget})`) : [];
}

/** The header line: the state in words. */
function renderState(progress, series) {
  const parts = [];
  let level = 'ok';
  const run = progress.current;
  if (run) {
    const writing = run.phases.find((bar) => bar.phase === 'APPLYING');
    const scanning = run.phases.find((bar) => bar.phase === run.phase);
    let what = `Running ${run.dryRun ? 'a dry run' : 'a sync'} (${run.phase.toLowerCase().replace('_', ' ')})`;
    if (writing && writing.state === 'ACTIVE') {
      what += ` at ${rate(writing.ratePerSecond)} users/s`;
    } else if (scanning && scanning.ratePerSecond !== null) {
      what += `, reading ${rate(scanning.ratePerSecond)} users/s`;
    }
    parts.push(what);
    parts.push(run.eta ? `ETA ${duration(run.eta.seconds)} (${clock(run.eta.at)})` : 'ETA unknown');
    const throttled = throttledNow(series);
    if (throttled.length > 0) {
      parts.push('throttled: ' + throttled.join(', '));
      level = 'warning';
    } else {
      parts.push('not throttled');
    }
    if (run.counters.failed > 0) {
      parts.push(`${run.counters.failed} failed`);
    }
  } else if (progress.lastFinished) {
    const last = progress.lastFinished;
    parts.push(`Idle since ${time(last.finishedAt)}`);
    parts.push(`last run ${last.phase}${last.dryRun ? ' (dry run)' : ''}`
      + (last.counters.failed > 0 ? `, ${last.counters.failed} failed` : ''));
    if (last.phase !== 'DONE') {
      level = 'problem';
    }
  } else {
    parts.push('Idle: no run since start-up');
  }
  if (progress.stale) {
    parts.push(progress.lastSuccessAt ? `stale: last successful sync ${ago(progress.lastSuccessAt)}`
      : 'stale: no successful sync since start-up');
    level = 'problem';
  } else if (progress.lastSuccessAt) {
    parts.push(`fresh: last successful sync ${ago(progress.lastSuccessAt)}`);
  }
  setText('state-line', parts.join(' · '));
  $('state-line').className = 'state ' + level;
}

/** Conflicts of the current run, else the last finished one: a counter when the API has it, else the plan's. */
function renderConflicts(progress) {
  const run = progress.current || progress.lastFinished;
  let conflicts = 0;
  if (run) {
    const plan = run.planned || run.plan;
    conflicts = run.counters.conflicts ?? (plan && plan.users ? plan.users.CONFLICT || 0 : 0);
  }
  $('conflicts').hidden = !(conflicts > 0);
  setText('conflicts-count', `${conflicts} conflict${conflicts === 1 ? '' : 's'}:`);
  $('conflicts').dataset.runId = run ? run.id : '';
}

function renderQuotas(quotas) {
  const withSource = quotas.some((quota) => quota.limitSource);
  for (const header of document.querySelectorAll('#quotas th.limit-source')) {
    header.hidden = !withSource;
  }
  $('quotas').tBodies[0].replaceChildren(...quotas.map((quota) => {
    const row = element('tr');
    row.append(element('td', quota.budget), element('td', quota.category), element('td', quota.limitPerSecond));
    if (withSource) {
      row.append(element('td', quota.limitSource || '–'));
    }
    row.append(element('td', rate(quota.ratePerSecond)), element('td', quota.calls),
      element('td', quota.throttled, quota.throttled > 0 ? 'throttled' : null));
    return row;
  }));
}

function lag(quantiles) {
  const seconds = (value) => (value === null || value === undefined ? '–' : `${value.toFixed(1)} s`);
  return quantiles ? `${seconds(quantiles.p50)} / ${seconds(quantiles.p99)}` : '–';
}

function total(byKind) {
  return Object.values(byKind || {}).reduce((sum, count) => sum + count, 0);
}

/** Event mode's section: only when /progress has an events object, which it has only with event mode on. */
function renderEvents(events) {
  $('events').hidden = !events;
  if (!events) {
    return;
  }
  setText('events-state', events.receiving ? 'receiving' : 'waiting for a full pass');
  setText('events-queue-lag', lag(events.queueLagSeconds));
  setText('events-lag', lag(events.lagSeconds));
  setText('events-depth', events.queueDepth === null || events.queueDepth === undefined ? '–' : events.queueDepth);
  setText('events-last', events.lastReceivedAt ? `${time(events.lastReceivedAt)} (${ago(events.lastReceivedAt)})` : '–');
  fillCounts('events-counts', [
    ['received', events.received], ['applied', events.applied], ['removed', events.removed],
    ['unchanged', events.unchanged], ['failed', events.failed], ['malformed', total(events.malformed)],
    ['ignored', total(events.ignored) + events.otherPool], ['skipped', events.skipped],
    ['deferred', events.deferred], ['kept', events.kept], ['coalesced', events.coalesced],
    ['drift users', events.driftUsers],
  ]);
}

function renderRuns(runs) {
  runsById = new Map(runs.map((run) => [run.id, run]));
  $('runs').tBodies[0].replaceChildren(...runs.map((run) => {
    const row = element('tr');
    row.dataset.runId = run.id;
    const show = element('button', 'plan & failures');
    show.type = 'button';
    show.addEventListener('click', () => {
      chooseDetailsRun(run.id);
      $('details').scrollIntoView();
    });
    row.append(element('td', time(run.startedAt)), element('td', run.trigger + (run.dryRun ? ' (dry)' : '')),
      element('td', run.phase, 'phase-' + run.phase), element('td', duration(run.durationSeconds)),
      element('td', run.counters.created), element('td', run.counters.updated), element('td', run.counters.skipped),
      element('td', run.counters.failed));
    const action = element('td');
    action.append(show);
    row.append(action);
    return row;
  }));
  const select = $('details-run');
  const labels = runs.map((run) => `${time(run.startedAt)} · ${run.trigger}${run.dryRun ? ' dry run' : ''} · ${run.phase}`);
  // Replaced only when they change, so an open list isn't closed under the operator's hand every second.
  if ([...select.options].map((option) => option.value + option.textContent).join('|')
      !== runs.map((run, i) => run.id + labels[i]).join('|')) {
    select.replaceChildren(...runs.map((run, i) => {
      const option = element('option', labels[i]);
      option.value = run.id;
      return option;
    }));
  }
  if (!detailsChosen || !runsById.has(detailsRunId)) {
    detailsChosen = false;
    detailsRunId = runs.length > 0 ? runs[0].id : null;
  }
  select.value = detailsRunId || '';
  $('details').hidden = runs.length === 0;
}

function chooseDetailsRun(runId) {
  detailsChosen = true;
  detailsRunId = runId;
  $('details-run').value = runId;
  planView.page = 0;
  failuresView.page = 0;
  refreshDetails();
}

/** A select's options: "any", then the given actions; keeps the selection when it is still offered. */
function fillActions(selectId, actions, view) {
  const select = $(selectId);
  const wanted = ['', ...actions];
  const current = [...select.options].map((option) => option.value);
  if (wanted.join('|') !== current.join('|')) {
    select.replaceChildren(...wanted.map((action) => {
      const option = element('option', action === '' ? 'any' : action.toLowerCase().replace('_', ' '));
      option.value = action;
      return option;
    }));
  }
  if (!wanted.includes(view.action)) {
    const chosen = element('option', view.action.toLowerCase());
    chosen.value = view.action;
    select.append(chosen);
  }
  select.value = view.action;
}

/** The actions a plan has items for, from its summary. */
function planActions(summary) {
  const actions = Object.keys(summary.users).filter((action) => action !== 'UNCHANGED' && summary.users[action] > 0);
  if (summary.groupCreates > 0) {
    actions.push('CREATE_GROUP');
  }
  if (summary.groupUpdates > 0) {
    actions.push('UPDATE_GROUP');
  }
  actions.push(...Object.keys(summary.removals || {}).filter((kind) => summary.removals[kind] > 0));
  return actions;
}

function query(view) {
  const params = new URLSearchParams({ page: String(view.page), size: String(PAGE_SIZE) });
  if (view.action) {
    params.set('action', view.action);
  }
  if (view.username) {
    params.set('username', view.username);
  }
  return params.toString();
}

function position(view, shown, total) {
  const first = view.page * PAGE_SIZE;
  return total === 0 ? '' : `${first + 1}–${first + shown} of ${total}`;
}

/** Cells that carry their column's name, which a phone's width shows beside each value (status.css). */
function labelled(names, cells) {
  cells.forEach((cell, i) => {
    cell.dataset.label = names[i];
  });
  return cells;
}

/** What a plan item changes, in words. */
function itemDetails(item) {
  const parts = [];
  if (item.reason) {
    parts.push(item.reason);
  }
  if (item.changedAttributes && item.changedAttributes.length > 0) {
    parts.push('attributes: ' + item.changedAttributes.join(', '));
  }
  if (item.addGroups && item.addGroups.length > 0) {
    parts.push('joins ' + item.addGroups.join(', '));
  }
  if (item.removeGroups && item.removeGroups.length > 0) {
    parts.push('leaves ' + item.removeGroups.join(', '));
  }
  if (item.repairPassword) {
    parts.push('password repaired');
  }
  return parts.join('; ');
}

async function refreshPlan(runId) {
  let page = null;
  const run = runsById.get(runId);
  // A run that has not planned yet answers 409: not asked, so the console stays clean.
  if (!run || run.plan) {
    page = await api(`/sync/runs/${encodeURIComponent(runId)}/plan?${query(planView)}`).catch((error) => {
      if (error.status !== 409) {
        throw error;
      }
      return null;
    });
  }
  if (page === null) {
    $('plan-problem').hidden = false;
    setText('plan-problem', 'Not planned yet.');
    $('plan-table').tBodies[0].replaceChildren();
    $('plan-empty').hidden = true;
    setText('plan-position', '');
    setText('plan-summary', '');
    return;
  }
  $('plan-problem').hidden = !page.itemsTruncated;
  setText('plan-problem', page.itemsTruncated ? 'Only the first items planned are kept; the counts cover all of them.' : '');
  const users = Object.entries(page.summary.users).filter(([, n]) => n > 0)
    .map(([action, n]) => `${n} ${action.toLowerCase()}`);
  setText('plan-summary', `(${page.dryRun ? 'dry run: ' : ''}${users.join(', ') || 'nothing'})`);
  fillActions('plan-action', planActions(page.summary), planView);
  $('plan-table').tBodies[0].replaceChildren(...page.items.map((item) => {
    const row = element('tr');
    row.dataset.action = item.action;
    row.append(...labelled(['action', 'username', 'source username', 'what'],
      [element('td', item.action, 'action action-' + item.action), element('td', item.username),
        element('td', item.sourceUsername), element('td', itemDetails(item))]));
    return row;
  }));
  $('plan-empty').hidden = page.items.length > 0;
  setText('plan-position', position(planView, page.items.length, page.totalItems));
  $('plan-previous').disabled = planView.page === 0;
  $('plan-next').disabled = (planView.page + 1) * PAGE_SIZE >= page.totalItems;
}

async function refreshFailures(runId) {
  const page = await api(`/sync/runs/${encodeURIComponent(runId)}/failures?${query(failuresView)}`);
  const run = runsById.get(runId);
  const failedBy = run && run.plan ? planActions(run.plan) : [];
  const seen = new Set([...failedBy, ...page.items.map((failure) => failure.action)]);
  fillActions('failures-action', [...seen], failuresView);
  setText('failures-summary', page.totalFailures === 0 ? '(none)'
    : `(${page.totalFailures}${page.totalFailures > page.keptFailures ? `, the first ${page.keptFailures} kept` : ''})`);
  $('failures-table').tBodies[0].replaceChildren(...page.items.map((failure) => {
    const row = element('tr');
    row.append(...labelled(['username', 'source username', 'action', 'error', 'message'],
      [element('td', failure.username), element('td', failure.sourceUsername), element('td', failure.action),
        element('td', failure.errorCode), element('td', failure.message)]));
    return row;
  }));
  $('failures-empty').hidden = page.items.length > 0;
  setText('failures-position', position(failuresView, page.items.length, page.matchingFailures));
  $('failures-previous').disabled = failuresView.page === 0;
  $('failures-next').disabled = (failuresView.page + 1) * PAGE_SIZE >= page.matchingFailures;
}

async function refreshDetails() {
  if (!detailsRunId) {
    return;
  }
  const runId = detailsRunId;
  await Promise.all([refreshPlan(runId), refreshFailures(runId)]);
}

// ---- charts (uPlot, drawn on canvas) ----

const COLOURS = { written: '#3a6fd8', scanned: '#8a94a6', eta: '#7b4bb7', calls: '#3a6fd8', throttled: '#c2362b', limit: '#2e8b57' };

const CHART_HEIGHT = 180;

function chartWidth(node) {
  return Math.max(260, Math.floor(node.getBoundingClientRect().width));
}

/** Creates the chart in a node or gives it new data; series as [{label, stroke, dash}], data as uPlot's columns. */
function drawChart(key, node, series, data, yLabel) {
  let chart = charts.get(key);
  if (chart && chart.root.parentNode !== node) {
    chart.destroy();
    chart = null;
  }
  if (!chart) {
    chart = new uPlot({
      width: chartWidth(node),
      height: CHART_HEIGHT,
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (u, min, max) => [0, Math.max(1, (max || 0) * 1.1)] } },
      axes: [{}, { label: yLabel, size: 50 }],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, dash: s.dash, spanGaps: true }))],
    }, data, node);
    charts.set(key, chart);
  } else {
    chart.setData(data);
    if (chart.width !== chartWidth(node)) {
      chart.setSize({ width: chartWidth(node), height: CHART_HEIGHT });
    }
  }
}

function resizeCharts() {
  for (const chart of charts.values()) {
    const node = chart.root.parentNode;
    if (node) {
      chart.setSize({ width: chartWidth(node), height: CHART_HEIGHT });
    }
  }
}

function renderCharts(series) {
  const hasPoints = series && series.runId && series.points.length > 0;
  $('charts').hidden = !hasPoints || typeof uPlot === 'undefined';
  if ($('charts').hidden) {
    return;
  }
  setText('charts-run', `(run ${series.runId}${series.dryRun ? ', dry run' : ''}${series.running ? '' : ', finished'})`);
  const xs = series.points.map((p) => new Date(p.at).getTime() / 1000);
  drawChart('users', $('chart-users'),
    [{ label: 'written', stroke: COLOURS.written }, { label: 'read', stroke: COLOURS.scanned, dash: [4, 4] }],
    [xs, series.points.map((p) => p.usersWrittenPerSecond), series.points.map((p) => p.usersScannedPerSecond)],
    'users/s');
  drawChart('eta', $('chart-eta'), [{ label: 'ETA', stroke: COLOURS.eta }],
    [xs, series.points.map((p) => (p.etaSeconds === null ? null : p.etaSeconds / 60))], 'min');

  const categories = new Map();
  for (const point of series.points) {
    for (const quota of point.quotas) {
      categories.set(`${quota.budget}/${quota.category}`, quota);
    }
  }
  $('charts-no-quotas').hidden = categories.size > 0;
  const box = $('chart-quotas');
  const figures = [...categories].map(([key, quota]) => {
    let figure = box.querySelector(`figure[data-quota="${CSS.escape(key)}"]`);
    if (!figure) {
      figure = element('figure');
      figure.dataset.quota = key;
      figure.append(element('figcaption', `${quota.category} (${quota.budget})`), element('div', null, 'chart'));
    }
    return figure;
  });
  for (const [key, chart] of charts) {
    if (key.startsWith('quota:') && !categories.has(key.substring(6))) {
      chart.destroy();
      charts.delete(key);
    }
  }
  // All figures in the page first, so each chart measures the width its grid cell will have.
  box.replaceChildren(...figures);
  for (const [key, quota] of categories) {
    const pick = (field) => series.points.map((p) => {
      const found = p.quotas.find((q) => q.budget === quota.budget && q.category === quota.category);
      return found ? found[field] : null;
    });
    drawChart('quota:' + key, box.querySelector(`figure[data-quota="${CSS.escape(key)}"] .chart`), [
      { label: 'calls', stroke: COLOURS.calls },
      { label: 'throttled', stroke: COLOURS.throttled },
      { label: 'limit', stroke: COLOURS.limit, dash: [6, 4] },
    ], [xs, pick('callsPerSecond'), pick('throttledPerSecond'), pick('limitPerSecond')], 'calls/s');
  }
}

// ---- pre-flight (404 hides the section; 503 while the report is being built: ask again soon) ----

async function refreshPreflight() {
  if (!preflightAvailable || Date.now() - preflightCheckedAt < PREFLIGHT_REFRESH_MS) {
    return;
  }
  preflightCheckedAt = Date.now();
  let report;
  try {
    report = await api('/preflight');
  } catch (error) {
    if (error.status === 404) {
      preflightAvailable = false;
      $('preflight').hidden = true;
      return;
    }
    if (error.status === 503) {
      preflightCheckedAt = Date.now() - PREFLIGHT_REFRESH_MS + 5000;
      return;
    }
    throw error;
  }
  renderPreflight(report);
}

const SEVERITY_ORDER = { BLOCKER: 0, WARNING: 1, INFO: 2 };

function renderPreflight(report) {
  $('preflight').hidden = false;
  setText('preflight-ready', report.ready ? 'ready' : 'not ready');
  $('preflight-ready').className = 'badge ' + (report.ready ? 'ok' : 'problem');
  const pools = [report.source, report.target].map((pool) => (pool && typeof pool === 'object' ? pool.poolId : pool))
    .filter(Boolean);
  setText('preflight-meta', `checked ${time(report.generatedAt)}${pools.length === 2 ? ` · ${pools[0]} → ${pools[1]}` : ''}`);
  const findings = [...(report.findings || [])]
    .sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
  $('preflight-findings').replaceChildren(...findings.map((finding) => {
    const item = element('li', null, 'finding ' + String(finding.severity).toLowerCase());
    const head = element('div');
    head.append(element('span', finding.severity, 'badge'), element('strong', ' ' + finding.title));
    if (finding.affectedUsers) {
      head.append(element('span', ` · ${finding.affectedUsers} users`, 'muted'));
    }
    item.append(head);
    if (finding.detail) {
      item.append(element('p', finding.detail));
    }
    if (finding.fix) {
      item.append(element('p', 'Fix: ' + finding.fix, 'fix'));
    }
    return item;
  }));
  if (findings.length === 0) {
    $('preflight-findings').append(element('li', 'No findings.', 'muted'));
  }
  const estimate = Array.isArray(report.estimate) ? report.estimate.filter((row) => row && typeof row === 'object') : [];
  $('preflight-estimate-box').hidden = estimate.length === 0;
  if (estimate.length > 0) {
    const columns = [...new Set(estimate.flatMap((row) => Object.keys(row)))];
    const head = element('tr');
    head.append(...columns.map((column) => element('th', countLabel(column))));
    const rows = estimate.map((row) => {
      const tr = element('tr');
      tr.append(...columns.map((column) => element('td', typeof row[column] === 'object' && row[column] !== null
        ? JSON.stringify(row[column]) : row[column])));
      return tr;
    });
    $('preflight-estimate').replaceChildren(head, ...rows);
  }
}

// ---- buttons ----

function renderButtons(progress) {
  for (const id of ['start-sync', 'start-dry-run']) {
    $(id).disabled = progress.running;
    $(id).title = progress.running ? 'A run is in progress' : '';
  }
}

function describePool(pool) {
  return `${pool.poolId} (${pool.region})` + (pool.filter ? `, users matching ${pool.filter}` : '');
}

async function confirmStart(dryRun) {
  settings = settings || await api('/sync/settings');
  const dry = dryRun || settings.dryRunOnly;
  setText('confirm-title', dryRun ? 'Start a dry run?' : 'Start a sync?');
  setText('confirm-text', dry
    ? `poolsync will read both pools and plan under the ${settings.policy} policy, and write nothing.`
      + (!dryRun ? ' (poolsync.dry-run is on: every run is a dry run.)' : '')
    : `poolsync will write users into ${settings.target.poolId} under the ${settings.policy} policy.`);
  const facts = [
    ['From', describePool(settings.source)], ['To', describePool(settings.target)], ['Policy', settings.policy],
  ];
  if (settings.policy === 'mirror') {
    facts.push(['Removals', `${settings.mirrorAction} owned users whose source user is gone, none if over ${settings.maxDeletes}`]);
  }
  facts.push(['Passwords', settings.passwordMode], ['Groups', settings.groups ? 'replicated' : 'not replicated']);
  $('confirm-settings').replaceChildren(...facts.flatMap(([term, value]) => [element('dt', term), element('dd', value)]));
  $('confirm-start').textContent = dryRun ? 'Start dry run' : 'Start sync';
  $('confirm').dataset.dryRun = String(dryRun);
  $('confirm').returnValue = '';
  $('confirm').showModal();
}

async function start(dryRun) {
  const result = $('start-result');
  result.hidden = false;
  try {
    const started = await api(dryRun ? '/sync?dryRun=true' : '/sync', 'POST');
    result.className = 'notice ok';
    setText('start-result', `Started ${dryRun ? 'dry run' : 'run'} ${started.id}.`);
    startedRunId = started.id;
    detailsChosen = false;
  } catch (error) {
    result.className = 'notice problem';
    setText('start-result', `Not started: ${error.detail}` + (error.running ? ` (run ${error.running})` : ''));
  }
  await refresh();
}

// ---- the loop ----

function askForToken(problem) {
  $('dashboard').hidden = true;
  $('actions').hidden = true;
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
    const [progress, series, runs] = await Promise.all([api('/progress'), api('/progress/series'), api('/sync/runs')]);
    lastAnswerAt = Date.now();
    lastProgress = progress;
    $('token-form').hidden = true;
    $('dashboard').hidden = false;
    $('actions').hidden = false;
    renderState(progress, series);
    if (startedRunId && progress.lastFinished && progress.lastFinished.id === startedRunId) {
      $('start-result').hidden = true;
      startedRunId = null;
    }
    renderConflicts(progress);
    renderButtons(progress);
    renderCurrent(progress.current);
    renderLast(progress.lastFinished);
    renderQuotas(progress.quotas);
    renderEvents(progress.events);
    renderRuns(runs);
    renderCharts(series);
    await Promise.all([refreshDetails(), refreshPreflight()]);
    setText('connection', 'updated ' + clock(progress.at));
    $('connection').className = 'muted';
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      sessionStorage.removeItem(TOKEN_KEY);
      askForToken(error.detail);
    } else {
      const since = lastAnswerAt ? ` since ${clock(lastAnswerAt)}` : '';
      setText('connection', 'poolsync did not answer: ' + (error.detail || error.message || error));
      $('connection').className = 'problem';
      if (lastAnswerAt && Date.now() - lastAnswerAt > STALE_AFTER_MS) {
        setText('state-line', `Stale: no answer from poolsync${since}; what follows is as it was then.`);
        $('state-line').className = 'state problem';
        for (const id of ['start-sync', 'start-dry-run']) {
          $(id).disabled = true;
        }
      }
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

/** Typing in a search box waits for a pause before asking the API. */
function debounced(action, ms) {
  let pending = null;
  return () => {
    clearTimeout(pending);
    pending = setTimeout(action, ms);
  };
}

function wireFilters(prefix, view) {
  $(prefix + '-action').addEventListener('change', () => {
    view.action = $(prefix + '-action').value;
    view.page = 0;
    refreshDetails();
  });
  $(prefix + '-username').addEventListener('input', debounced(() => {
    view.username = $(prefix + '-username').value.trim();
    view.page = 0;
    refreshDetails();
  }, 300));
  $(prefix + '-previous').addEventListener('click', () => {
    view.page = Math.max(0, view.page - 1);
    refreshDetails();
  });
  $(prefix + '-next').addEventListener('click', () => {
    view.page += 1;
    refreshDetails();
  });
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
  settings = null;
  askForToken(null);
});
$('start-sync').addEventListener('click', () => confirmStart(false).catch((error) => setText('connection', error.detail)));
$('start-dry-run').addEventListener('click', () => confirmStart(true).catch((error) => setText('connection', error.detail)));
$('confirm').addEventListener('close', () => {
  if ($('confirm').returnValue === 'start') {
    start($('confirm').dataset.dryRun === 'true');
  }
});
$('details-run').addEventListener('change', () => chooseDetailsRun($('details-run').value));
$('conflicts-show').addEventListener('click', () => {
  chooseDetailsRun($('conflicts').dataset.runId);
  planView.action = 'CONFLICT';
  refreshDetails();
  $('details').scrollIntoView();
});
wireFilters('plan', planView);
wireFilters('failures', failuresView);
window.addEventListener('resize', debounced(resizeCharts, 150));

refresh().then(schedule);
