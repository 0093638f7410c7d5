// The NAS-BOWL dashboard: polls the JSON every 2 s and rebuilds the page without reloading. Every value from the
// server is put into the document with textContent, never as HTML.
'use strict';
const token = new URLSearchParams(location.search).get('token');
// The selection lives in the address's fragment (#study-3), so a link or a reload shows the same study.
let selected = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null;
let detail = null;
let sortKey = 'number';
let sortUp = true;
let openTrial = null;
let trialsSignature = null;
const figureVersion = {};

function url(path, params) {
  const u = new URL(path, location.href);
  for (const [k, v] of Object.entries(params || {})) u.searchParams.set(k, v);
  if (token) u.searchParams.set('token', token);
  return u.pathname + u.search;
}

async function getJson(path, params) {
  const r = await fetch(url(path, params), { cache: 'no-store' });
  if (!r.ok) throw new Error(path + ': ' + r.status);
  return r.json();
}

function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

function fmt(v, digits) {
  return v === null || v === undefined ? '-' : Number(v).toFixed(digits);
}

function duration(s) {
  if (s === null || s === undefined) return '-';
  s = Math.max(0, Math.round(s));
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}

function choose(data) {
  if ((!selected || !data.entries.some(e => e.key === selected)) && data.entries.length > 0) {
    // At first the study being worked on, else the newest.
    const busy = data.entries.find(e => e.running > 0);
    selected = (busy || data.entries[data.entries.length - 1]).key;
  }
}

function renderList(data) {
  document.getElementById('storage').textContent = data.storage ? 'storage: ' + data.storage : '';
  const body = document.querySelector('#entries tbody');
  body.replaceChildren();
  document.getElementById('empty').hidden = data.entries.length > 0;
  for (const e of data.entries) {
    const tr = document.createElement('tr');
    tr.dataset.key = e.key;
    if (e.key === selected) tr.classList.add('selected');
    cell(tr, e.name, 'name');
    cell(tr, e.complete, 'num complete');
    cell(tr, e.running, 'num running');
    cell(tr, e.failed, 'num failed');
    cell(tr, e.stale, 'num stale');
    cell(tr, e.budget, 'num budget');
    cell(tr, e.best ? fmt(e.best.value, 4) : '-', 'num');
    cell(tr, e.time_left_seconds === null ? (e.time_left_reason || '-') : (e.time_left_seconds === 0 ? 'done' : duration(e.time_left_seconds)));
    tr.addEventListener('click', () => {
      selected = e.key;
      openTrial = null;
      document.getElementById('trial').hidden = true;
      history.replaceState(null, '', '#' + encodeURIComponent(e.key));
      refresh();
    });
    body.appendChild(tr);
  }
}

function setFigure(id, path, version) {
  const img = document.getElementById(id);
  const key = id + ':' + selected;
  if (figureVersion[key] === version && img.getAttribute('src')) return;
  figureVersion[key] = version;
  img.src = url(path, { key: selected, v: version });
}

function renderDetail(d) {
  detail = d;
  document.getElementById('detail').hidden = false;
  document.getElementById('title').textContent = d.name + ' (' + d.kind + ': ' + d.method + ' on ' + d.space + ', seed ' + d.seed + ')';
  document.getElementById('counts').textContent = d.complete + ' complete, ' + d.running + ' running, ' + d.failed
      + ' failed, ' + d.stale + ' stale, ' + d.not_started + ' not started of ' + d.budget
      + (d.orphaned ? ' (' + d.orphaned + ' running on stopped or lost workers)' : '')
      + '; ' + d.active_workers + ' active worker(s); median evaluation ' + (d.median_seconds === null ? '-' : duration(d.median_seconds));
  document.getElementById('best-line').textContent = (d.best
      ? 'best observed: ' + fmt(d.best.value, 4) + ' (trial ' + d.best.number + '): ' + d.best.architecture
      : 'best observed: none yet')
      + (d.recommended ? '; recommended by the model: ' + (d.best && d.recommended.architecture === d.best.architecture
          ? 'the same' : d.recommended.architecture) + ' (mean ' + fmt(d.recommended.mean_value, 4) + ' over '
          + d.recommended.evaluations + ' evaluation' + (d.recommended.evaluations === 1 ? '' : 's') + ')' : '');
  setFigure('curve', '/svg/progress', d.evaluations);
  setFigure('best', '/svg/best', d.evaluations);
  setFigure('motifs', '/svg/motifs', d.evaluations);
  const wb = document.querySelector('#workers tbody');
  wb.replaceChildren();
  for (const w of d.workers) {
    const tr = document.createElement('tr');
    cell(tr, w.id);
    cell(tr, w.host);
    cell(tr, w.state, w.state);
    cell(tr, duration(w.last_seen_seconds) + ' ago', 'num');
    wb.appendChild(tr);
  }
  // The table is rebuilt only when a trial changed (thousands of rows every 2 s would make the page sluggish).
  const signature = selected + JSON.stringify(d.trials);
  if (signature !== trialsSignature) {
    trialsSignature = signature;
    renderTrials();
  }
}

function renderTrials() {
  if (!detail) return;
  const filter = document.getElementById('filter').value.trim().toLowerCase();
  let rows = detail.trials.filter(t => !filter || [t.architecture, t.status, t.worker || ''].some(s => String(s).toLowerCase().includes(filter)));
  rows.sort((a, b) => {
    const x = a[sortKey], y = b[sortKey];
    const xn = x === null || x === undefined, yn = y === null || y === undefined;
    if (xn || yn) return xn === yn ? a.number - b.number : (xn ? 1 : -1); // empty values last, either way
    const c = x < y ? -1 : x > y ? 1 : a.number - b.number;
    return sortUp ? c : -c;
  });
  document.getElementById('shown').textContent = rows.length + ' of ' + detail.trials.length + ' trials';
  const body = document.querySelector('#trials tbody');
  body.replaceChildren();
  for (const t of rows) {
    const tr = document.createElement('tr');
    tr.dataset.number = t.number;
    cell(tr, t.number, 'num');
    cell(tr, t.architecture, 'arch');
    cell(tr, fmt(t.value, 4), 'num');
    const status = cell(tr, t.status, t.status);
    if (t.reason) status.title = t.reason;
    cell(tr, t.worker);
    cell(tr, fmt(t.seconds, 1), 'num');
    cell(tr, t.attempts, 'num');
    cell(tr, t.replicate, 'num');
    tr.addEventListener('click', () => showTrial(t.number));
    body.appendChild(tr);
  }
}

async function showTrial(n) {
  openTrial = n;
  const t = await getJson('/api/trial', { key: selected, n: n });
  const box = document.getElementById('trial');
  box.hidden = false;
  document.getElementById('trial-title').textContent = 'Trial ' + t.number + ': ' + t.architecture;
  const picture = document.getElementById('trial-picture');
  const src = url('/svg/trial', { key: selected, n: n, v: detail ? detail.evaluations : 0 });
  if (picture.getAttribute('src') !== src) picture.src = src;
  document.getElementById('trial-values').textContent = t.status + '; value ' + fmt(t.value, 4)
      + (t.predicted ? '; predicted ' + fmt(t.predicted.mean, 4) + ' +- ' + fmt(t.predicted.sd, 4) : '')
      + '; worker ' + (t.worker || '-') + '; attempts ' + t.attempts + (t.reason ? '; ' + t.reason : '');
  document.getElementById('trial-out').textContent = t.stdout_tail;
  document.getElementById('trial-err').textContent = t.stderr_tail;
}

async function refresh() {
  try {
    const list = await getJson('/api/list');
    choose(list);
    const d = selected ? await getJson('/api/entry', { key: selected }) : null;
    // The selected row shows the same moment as its detail.
    if (d) list.entries = list.entries.map(e => e.key === d.key ? d : e);
    renderList(list);
    if (d) renderDetail(d);
    if (openTrial !== null) await showTrial(openTrial);
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    document.getElementById('updated').textContent = 'update failed: ' + e.message;
  }
}

// A figure with nothing to draw yet (404) is hidden, and its note says why; it comes back with the next version.
for (const [id, note] of [['curve', 'no evaluation has finished yet'],
    ['best', 'no evaluation has succeeded yet'],
    ['motifs', 'no motifs yet: they need 3 finished evaluations with different values'],
    ['trial-picture', 'no picture']]) {
  const img = document.getElementById(id);
  const p = document.createElement('p');
  p.className = 'note';
  p.textContent = note;
  p.hidden = true;
  img.after(p);
  img.addEventListener('error', () => { img.hidden = true; p.hidden = false; });
  img.addEventListener('load', () => { img.hidden = false; p.hidden = true; });
}
document.querySelectorAll('#trials th.sortable').forEach(th => th.addEventListener('click', () => {
  if (sortKey === th.dataset.key) sortUp = !sortUp; else { sortKey = th.dataset.key; sortUp = true; }
  renderTrials();
}));
document.getElementById('filter').addEventListener('input', renderTrials);
refresh();
setInterval(refresh, 2000);
