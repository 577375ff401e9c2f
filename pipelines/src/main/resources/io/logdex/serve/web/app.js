// logdex serve's page: a lazily expanded tree over /api/children, a path bar, search, a commit
// slider over /api/read-at and op-log charts drawn as SVG. No framework and no build step.
'use strict';

const PAGE = 100;            // children asked for at a time
const MAX_KEY_PAGES = 50;    // pages of an object read while looking for one key
const SVG = 'http://www.w3.org/2000/svg';
const state = { selected: null, info: null, sliderTimer: null, readAtSeq: 0 };

const $ = (id) => document.getElementById(id);

async function api(route, params) {
  const q = new URLSearchParams(params || {}).toString();
  const res = await fetch('/api/' + route + (q ? '?' + q : ''));
  const text = await res.text();
  if (!res.ok) {
    let msg = text;
    try { msg = JSON.parse(text).error; } catch (e) { /* keep the text */ }
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return text;
}
const apiJson = async (route, params) => JSON.parse(await api(route, params));

function status(msg) { $('status').textContent = msg || ''; }

function human(n) {
  if (n === null || n === undefined) return '?';
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + u[i];
}

// ---- the tree ----

function row(child) {
  const li = document.createElement('li');
  li.className = 'node';
  li.dataset.path = child.path;
  li.dataset.kind = child.kind;
  const r = document.createElement('div');
  r.className = 'row';
  const container = child.kind === 'object' || child.kind === 'array';
  const t = document.createElement('button');
  t.className = 'toggle';
  t.textContent = container ? '▸' : '';
  t.tabIndex = -1;
  r.appendChild(t);
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = child.name !== undefined ? child.name : (child.index !== undefined ? '[' + child.index + ']' : '(root)');
  r.appendChild(name);
  const kind = document.createElement('span');
  kind.className = 'kind';
  kind.textContent = child.kind;
  r.appendChild(kind);
  const size = document.createElement('span');
  size.className = 'size';
  size.textContent = human(child.bytes);
  size.dataset.bytes = child.bytes === null || child.bytes === undefined ? '' : child.bytes;
  r.appendChild(size);
  if (container) {
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = (child.children === null || child.children === undefined ? '?' : child.children)
      + (child.kind === 'array' ? ' elements' : ' fields');
    r.appendChild(count);
  }
  if (child.value !== undefined) {
    const v = document.createElement('span');
    v.className = 'value';
    v.textContent = child.value;
    r.appendChild(v);
  }
  li.appendChild(r);
  r.addEventListener('click', (e) => {
    if (e.target === t && container) { toggle(li); return; }
    select(li);
  });
  r.addEventListener('dblclick', () => { if (container) toggle(li); });
  return li;
}

function childList(li) {
  let ul = li.querySelector(':scope > ul');
  if (!ul) {
    ul = document.createElement('ul');
    ul.className = 'tree';
    li.appendChild(ul);
  }
  return ul;
}

async function toggle(li) {
  const ul = li.querySelector(':scope > ul');
  if (ul && !ul.hidden) {
    ul.hidden = true;
    li.querySelector('.toggle').textContent = '▸';
    return;
  }
  await expand(li);
}

// Loads the first page of li's children if not loaded yet, and shows them.
async function expand(li) {
  const ul = childList(li);
  ul.hidden = false;
  li.querySelector(':scope > .row > .toggle').textContent = '▾';
  if (!li.dataset.loaded) {
    li.dataset.loaded = '1';
    await loadPage(li, 0);
  }
}

// Appends the page of li's children from offset, with a "more" button when others follow.
async function loadPage(li, offset) {
  const ul = childList(li);
  const old = ul.querySelector(':scope > button.more');
  if (old) old.remove();
  let page;
  try {
    page = await apiJson('children', { path: li.dataset.path, offset: offset, limit: PAGE });
  } catch (e) {
    status(e.message);
    return null;
  }
  for (const c of page.children) ul.appendChild(row(c));
  const next = page.offset + page.children.length;
  li.dataset.next = next;
  if (page.total !== null) li.dataset.total = page.total;
  if (page.more || (page.total !== null && next < page.total)) {
    const b = document.createElement('button');
    b.className = 'more';
    b.textContent = 'next ' + PAGE + ' (' + next + ' of ' + (page.total === null ? 'more' : page.total) + ')';
    b.addEventListener('click', () => loadPage(li, next));
    ul.appendChild(b);
  }
  return page;
}

// Shows the page of an array's elements that starts at index, in place of what was loaded.
async function jumpTo(li, index) {
  const ul = childList(li);
  ul.textContent = '';
  if (index > 0) {
    const b = document.createElement('button');
    b.className = 'more';
    b.textContent = 'from the start';
    b.addEventListener('click', async () => { ul.textContent = ''; await loadPage(li, 0); });
    ul.appendChild(b);
  }
  li.dataset.loaded = '1';
  return loadPage(li, index);
}

function findChild(li, path) {
  const ul = li.querySelector(':scope > ul');
  if (!ul) return null;
  for (const c of ul.children) if (c.dataset && c.dataset.path === path) return c;
  return null;
}

// Expands the tree down to path and selects it.
async function reveal(path) {
  const info = await apiJson('path', { path: path });
  let li = document.querySelector('#tree > li');
  for (const step of info.steps) {
    await expand(li);
    let c = findChild(li, step.path);
    if (!c && step.index !== undefined) {
      await jumpTo(li, step.index);
      c = findChild(li, step.path);
    }
    for (let n = 0; !c && n < MAX_KEY_PAGES && li.querySelector(':scope > ul > button.more'); n++) {
      await loadPage(li, Number(li.dataset.next));
      c = findChild(li, step.path);
    }
    if (!c) throw new Error('no node at ' + step.path);
    li = c;
  }
  select(li);
  li.scrollIntoView({ block: 'center' });
  return li;
}

async function select(li) {
  document.querySelectorAll('.row.selected').forEach((r) => r.classList.remove('selected'));
  li.querySelector(':scope > .row').classList.add('selected');
  state.selected = li.dataset.path;
  $('path-input').value = li.dataset.path;
  history.replaceState(null, '', '#' + encodeURIComponent(li.dataset.path));
  $('value-pane').hidden = false;
  $('value-path').textContent = li.dataset.path === '' ? '(root)' : li.dataset.path;
  const v = $('value');
  v.textContent = '…';
  try {
    const text = await api('get', { path: li.dataset.path });
    if (state.selected === li.dataset.path) v.textContent = text;
  } catch (e) {
    if (state.selected === li.dataset.path) v.textContent = e.status === 413 ? 'too large to show: expand it instead' : e.message;
  }
  if (state.info && state.info.commitLog) readAt();
}

// ---- history ----

function readAtSoon() {
  $('commit-label').textContent = $('commit-slider').value;
  clearTimeout(state.sliderTimer);
  state.sliderTimer = setTimeout(readAt, 60);
}

async function readAt() {
  const commit = $('commit-slider').value;
  $('commit-label').textContent = commit;
  const path = state.selected === null ? '' : state.selected;
  const seq = ++state.readAtSeq;
  const out = $('readat-value');
  out.dataset.ready = '';
  let text;
  try {
    text = await api('read-at', { path: path, commit: commit });
  } catch (e) {
    text = e.status === 404 ? '(absent at commit ' + commit + ')' : e.status === 413 ? '(too large to show)' : e.message;
  }
  if (seq !== state.readAtSeq) return;
  out.textContent = text;
  out.dataset.commit = commit;
  out.dataset.path = path;
  out.dataset.ready = '1';
}

// ---- search ----

async function search(q) {
  const ol = $('search-hits');
  ol.textContent = '';
  $('search-pane').hidden = false;
  let res;
  try {
    res = await apiJson('search', { q: q, limit: 50 });
  } catch (e) {
    $('search-count').textContent = '';
    status(e.message);
    return;
  }
  status('');
  $('search-count').textContent = '(' + res.hits.length + (res.hits.length === 50 ? '+' : '') + ')';
  res.hits.forEach((h, i) => {
    const li = document.createElement('li');
    li.className = 'hit';
    const place = res.places[i];
    if (place !== null) {
      const a = document.createElement('a');
      a.href = '#' + encodeURIComponent(place);
      a.textContent = place;
      a.dataset.path = place;
      if (h.commit !== undefined) a.dataset.commit = h.commit;
      a.addEventListener('click', (e) => { e.preventDefault(); follow(place, h.commit); });
      li.appendChild(a);
      if (h.commit !== undefined) li.appendChild(document.createTextNode(' @ commit ' + h.commit));
    } else {
      li.appendChild(document.createTextNode(h.source + ' @ ' + h.offset));
    }
    const rec = document.createElement('div');
    rec.className = 'rec';
    rec.textContent = JSON.stringify(h.record);
    li.appendChild(rec);
    ol.appendChild(li);
  });
}

async function follow(path, commit) {
  try {
    await reveal(path);
    if (commit !== undefined && state.info && state.info.commitLog) {
      $('commit-slider').value = commit;
      await readAt();
    }
    status('');
  } catch (e) {
    // Not in the snapshot (a path a diff added later): still show its history.
    state.selected = path;
    $('path-input').value = path;
    status(e.message);
    if (commit !== undefined && state.info && state.info.commitLog) {
      $('commit-slider').value = commit;
      await readAt();
    }
  }
}

// ---- op-log charts ----

const OP_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}

async function opLog() {
  const s = await apiJson('oplog', { points: 2000 });
  $('oplog-pane').hidden = false;
  $('oplog-count').textContent = '(' + s.sampled + ' of ' + s.total + ' operations)';
  const svg = $('latency-chart');
  svg.dataset.points = s.points.length;
  const W = 640, H = 260, L = 48, B = 24, T = 8, R = 8;
  const ops = [...new Set(s.points.map((p) => p[2]))].sort();
  const color = (op) => OP_COLORS[ops.indexOf(op) % OP_COLORS.length];
  if (s.points.length === 0) return;
  // The time axis spans the middle 98% of start times, so a few early or late operations do not
  // squeeze the rest into a line; those outside are drawn at the edges.
  const times = s.points.map((p) => p[0]);
  const t0 = times[Math.floor((times.length - 1) * 0.01)], t1 = times[Math.ceil((times.length - 1) * 0.99)];
  const ms = s.points.map((p) => Math.max(p[1], 1e-3));
  const y0 = Math.log10(Math.min(...ms)), y1 = Math.log10(Math.max(...ms)) + 1e-9;
  const x = (t) => L + (W - L - R) * (t1 > t0 ? Math.min(1, Math.max(0, (t - t0) / (t1 - t0))) : 0.5);
  const y = (v) => H - B - (H - B - T) * (y1 > y0 ? (Math.log10(Math.max(v, 1e-3)) - y0) / (y1 - y0) : 0.5);
  el('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }, svg);
  el('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }, svg);
  el('text', { x: 2, y: T + 8 }, svg).textContent = Math.pow(10, y1).toPrecision(3) + ' ms';
  el('text', { x: 2, y: H - B }, svg).textContent = Math.pow(10, y0).toPrecision(3) + ' ms';
  el('text', { x: L, y: H - 6 }, svg).textContent = new Date(t0).toISOString();
  el('text', { x: W - R - 150, y: H - 6 }, svg).textContent = '+' + ((t1 - t0) / 1000).toFixed(1) + ' s';
  const g = el('g', { class: 'points' }, svg);
  for (const p of s.points) {
    el('circle', { class: 'pt', cx: x(p[0]).toFixed(1), cy: y(p[1]).toFixed(1), r: 2, fill: color(p[2]), 'data-op': p[2] }, g);
  }
  const legend = $('oplog-legend');
  legend.textContent = '';
  for (const op of ops) {
    const item = document.createElement('span');
    item.className = 'legend-item';
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = color(op);
    item.appendChild(sw);
    item.appendChild(document.createTextNode(op));
    legend.appendChild(item);
  }
  await histograms(ops, color);
}

// Bars per histogram bucket: /api/histogram's exact counts over every operation of the op-logs
// (the stats scan of the typed duration_ns column), not the chart's sample.
const HIST_BUCKETS = 24;

// One histogram per operation, its log-scaled buckets drawn as equal-width bars.
async function histograms(ops, color) {
  const box = $('op-histograms');
  box.textContent = '';
  let h;
  try {
    h = await apiJson('histogram', { field: 'duration_ns', by: 'op', buckets: HIST_BUCKETS });
  } catch (e) {
    status(e.message);
    return;
  }
  const ms = (ns) => (ns / 1e6).toPrecision(2) + ' ms';
  for (const g of h.groups) {
    const W = 300, H = 120, B = 18, T = 14;
    const svg = el('svg', { class: 'op-hist', width: W, height: H, 'data-op': g.group, 'data-count': g.count });
    const max = Math.max(...g.buckets.map((b) => b.count));
    const bw = (W - 8) / g.buckets.length;
    const fill = ops.includes(g.group) ? color(g.group) : '#888';
    g.buckets.forEach((b, i) => {
      const bh = max ? (H - B - T) * b.count / max : 0;
      const bar = el('rect', { class: 'bar', x: 4 + i * bw, y: H - B - bh, width: Math.max(bw - 1, 1), height: bh, fill: fill,
        'data-count': b.count, 'data-lo': b.lo, 'data-hi': b.hi }, svg);
      el('title', {}, bar).textContent = ms(b.lo) + ' to ' + ms(b.hi) + ': ' + b.count;
    });
    el('text', { x: 4, y: 11 }, svg).textContent = g.group + ' (' + g.count + ', p99 ' + ms(g.p99) + ')';
    el('text', { x: 4, y: H - 4 }, svg).textContent = ms(g.min);
    el('text', { x: W - 60, y: H - 4 }, svg).textContent = ms(g.max);
    box.appendChild(svg);
  }
}

// ---- start ----

async function start() {
  $('path-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await reveal($('path-input').value.trim());
      status('');
    } catch (err) {
      status(err.message);
    }
  });
  $('path-copy').addEventListener('click', async () => {
    const p = $('path-input').value;
    try {
      await navigator.clipboard.writeText(p);
      status('copied ' + p);
    } catch (e) {
      $('path-input').select();
      document.execCommand('copy');
    }
  });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = $('search-input').value.trim();
    if (q) search(q);
  });
  $('commit-slider').addEventListener('input', readAtSoon);
  state.info = await apiJson('info');
  if (state.info.snapshot) {
    const root = row({ path: '', kind: 'object', bytes: null, children: null });
    $('tree').appendChild(root);
    try {
      const page = await apiJson('children', { path: '', limit: 1 });
      root.remove();
      const r = row({ path: '', kind: page.kind, bytes: page.bytes, children: page.total });
      $('tree').appendChild(r);
      await expand(r);
    } catch (e) {
      status(e.message);
    }
  } else {
    $('tree-pane').hidden = true;
  }
  if (state.info.commitLog && state.info.maxCommit !== null) {
    $('history-pane').hidden = false;
    $('commit-slider').max = state.info.maxCommit;
    $('commit-slider').value = state.info.maxCommit;
    $('commit-label').textContent = state.info.maxCommit;
  }
  if (state.info.opLog) opLog().catch((e) => status(e.message));
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash) reveal(hash).catch((e) => status(e.message));
  document.body.dataset.ready = '1';
}

start();
