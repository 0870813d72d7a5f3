// The demo page: credentials from the backend, links signed in the page by
// cos-presign's presigner, a live countdown per link, a gallery signed in
// one batch, uploads (upload-panel.js), the ways a link fails, and a Web
// Worker that signs too; a paste box explains any link, and every failed
// fetch shows COS's error XML beside the explanation of the link that failed.
import { createPresigner } from '../index.js';
import { explain, renderExplanation } from './explain-view.js';
import { setUpUploadPanel } from './upload-panel.js';

const $ = (id) => document.getElementById(id);
const state = { config: null, presigner: null, rows: new Map(), generation: 0 };
// The STS secrets this page received, by access key id, so it can verify its
// own links in the explainer (never shown; the presigner holds them anyway).
const heldSecrets = new Map();
let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
ready.catch(() => {});

// Test and console hook: the page's state and its presigner.
window.cosDemo = {
  ready,
  get config() { return state.config; },
  get presigner() { return state.presigner; },
  signUrl: (key, options) => state.presigner.getObjectUrlDetails(key, options),
  signUrls: (keys, options) => state.presigner.getObjectUrlsDetails(keys, options),
  checkUrl: (url) => checkUrl(url),
};

window.addEventListener('securitypolicyviolation', (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
  showBanner(`The Content-Security-Policy blocked ${e.blockedURI || 'inline code'} (${e.violatedDirective}).`);
});

function showBanner(text, retry) {
  $('banner-text').textContent = text;
  $('banner-retry').hidden = !retry;
  $('banner-retry').onclick = retry || null;
  $('banner').hidden = false;
}

function hideBanner() {
  $('banner').hidden = true;
}

function describeError(e) {
  if (e && e.code === 'ERR_CREDENTIALS_HTTP') return `The credentials backend answered HTTP ${e.status}. Is the demo server still running?`;
  if (e && e.code === 'ERR_CREDENTIALS_FETCH') return 'The credentials backend cannot be reached. Is the demo server still running?';
  if (e && e.code) return `${e.message} (${e.code})`;
  return String((e && e.message) || e);
}

function formatSize(n) {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
}

function baseName(key) {
  return key.slice(key.lastIndexOf('/') + 1) || key;
}

function isImage(o) {
  return (o.contentType || '').startsWith('image/') || /\.(png|jpe?g|gif|webp|svg)$/i.test(o.key);
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
}

// --- what COS answered -----------------------------------------------------

/** Fetches a signed link: { ok, status, bytes?, code?, message? }. */
async function checkUrl(url) {
  let res;
  try {
    res = await fetch(url, { cache: 'no-store' });
  } catch {
    return { ok: false, status: 0, message: 'network error: the object endpoint cannot be reached, or its answer has no CORS headers (configure CORS on the bucket)' };
  }
  const body = new Uint8Array(await res.arrayBuffer());
  if (res.ok) return { ok: true, status: res.status, bytes: body.length, contentType: res.headers.get('content-type') };
  const text = new TextDecoder().decode(body);
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return { ok: false, status: res.status, code, message, xml: text };
}

// --- explaining links ------------------------------------------------------------

function explainLink(url, method = 'GET') {
  return explain(url, { method, clockOffset: state.presigner ? state.presigner.clockOffset : 0, secretFor: (id) => heldSecrets.get(id) });
}

/** Puts the explanation of a failed fetch of `url` (with COS's XML beside it) into `container`. */
async function showWhy(container, url, answer) {
  container.replaceChildren(renderExplanation(await explainLink(url), answer));
  container.hidden = false;
}

$('explain-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('explain-result');
  out.textContent = 'Explaining…';
  out.replaceChildren(renderExplanation(await explainLink($('explain-url').value.trim(), $('explain-method').value)));
});

function outcomeText(r) {
  if (r.ok) return `${r.status} OK · ${formatSize(r.bytes)} downloaded`;
  if (r.status === 0) return r.message;
  return `${r.status} ${r.code || ''}${r.message ? `: ${r.message}` : ''}`;
}

// --- objects table -----------------------------------------------------------

function rowFor(object) {
  let row = state.rows.get(object.key);
  if (row) return row;
  const open = el('a', { text: 'Open', target: '_blank', rel: 'noopener' });
  const download = el('a', { text: 'Download', rel: 'noopener' });
  const countdown = el('span', { class: 'countdown' });
  const outcome = el('span', { class: 'outcome', 'data-role': 'outcome' });
  const check = el('button', { class: 'check quiet', type: 'button', text: 'Fetch it' });
  const tr = el('tr', { class: object.inScope === false ? 'out-of-scope' : '', 'data-key': object.key }, [
    el('td', { class: 'key', text: object.key }),
    el('td', { class: 'size', text: formatSize(object.size) }),
    el('td', {}, [open, download]),
    el('td', {}, [countdown]),
    el('td', {}, [check, outcome]),
  ]);
  row = { tr, open, download, countdown, outcome, check, object };
  check.addEventListener('click', async () => {
    outcome.className = 'outcome';
    outcome.textContent = 'fetching…';
    const url = row.download.href;
    const r = await checkUrl(url);
    outcome.className = `outcome ${r.ok ? 'ok' : 'bad'}`;
    outcome.textContent = outcomeText(r);
    if (!r.ok) {
      console.warn(`download of ${object.key} failed: ${outcomeText(r)}`);
      // Below the table: why this row's link failed.
      $('objects-why-key').textContent = object.key;
      await showWhy($('objects-why-body'), url, r);
      $('objects-why').hidden = false;
    }
  });
  state.rows.set(object.key, row);
  $('objects').append(tr);
  return row;
}

function setCountdown(node, details, lifetime) {
  node.dataset.expiresAt = String(details.expiresAt.getTime());
  node.dataset.lifetime = String(lifetime);
  node.classList.toggle('clamped', details.clamped);
  tick(node);
}

function tick(node) {
  const left = Math.round((Number(node.dataset.expiresAt) - Date.now()) / 1000);
  const lifetime = Number(node.dataset.lifetime) || 1;
  node.classList.toggle('expired', left <= 0);
  const label = left <= 0 ? 'expired' : left >= 3600
    ? `${Math.floor(left / 3600)} h ${String(Math.floor((left % 3600) / 60)).padStart(2, '0')} min`
    : `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  let text = node.firstChild;
  if (!text || text.nodeType !== Node.TEXT_NODE) node.prepend(text = document.createTextNode(''));
  text.data = label;
  let bar = node.querySelector('.bar span');
  if (!bar) {
    node.append(el('span', { class: 'bar' }, [bar = el('span')]));
  }
  bar.style.width = `${Math.max(0, Math.min(1, left / lifetime)) * 100}%`; // CSSOM, allowed by the CSP
}

setInterval(() => document.querySelectorAll('.countdown[data-expires-at]').forEach(tick), 1000);

// --- signing -------------------------------------------------------------------

function makePresigner() {
  const c = state.config;
  if (state.presigner) state.presigner.dispose();
  state.presigner = createPresigner({
    bucket: c.bucket,
    region: c.region,
    credentials: '/api/sts',
    domain: c.domains ? c.domains[$('endpoint').value] : undefined,
    protocol: c.protocol,
    fetch: keepingSecrets,
  });
}

// The presigner's fetch, noting the STS secret of each answer for the explainer.
async function keepingSecrets(input, init) {
  const res = await fetch(input, init);
  if (res.ok) {
    const body = await res.clone().json().catch(() => null);
    const c = body && body.credentials;
    if (c && typeof c.tmpSecretId === 'string' && typeof c.tmpSecretKey === 'string') heldSecrets.set(c.tmpSecretId, c.tmpSecretKey);
  }
  return res;
}

function expiresChosen() {
  return Number($('expires').value);
}

async function signTable(generation) {
  const expires = expiresChosen();
  const name = $('download-name').value.trim();
  for (const object of state.config.objects) {
    const row = rowFor(object);
    const [open, download] = await Promise.all([
      state.presigner.getObjectUrlDetails(object.key, { expires }),
      state.presigner.getObjectUrlDetails(object.key, { expires, download: name || baseName(object.key) }),
    ]);
    if (generation !== state.generation) return;
    row.open.href = open.url;
    row.download.href = download.url;
    setCountdown(row.countdown, download, expires);
  }
}

async function signGallery(generation) {
  const images = state.config.objects.filter((o) => isImage(o) && o.inScope !== false);
  const keys = images.map((o) => o.key);
  if (keys.length === 0) {
    $('gallery-timing').textContent = 'No images in the bucket.';
    return;
  }
  await state.presigner.ready(); // credentials and wasm in hand: time the signing only
  const started = performance.now();
  const { urls, expiresAt } = await state.presigner.getObjectUrlsDetails(keys, { expires: expiresChosen() });
  const ms = performance.now() - started;
  if (generation !== state.generation) return;
  $('gallery-timing').textContent = `${urls.length} links signed in one batch in ${ms < 1 ? ms.toFixed(2) : ms.toFixed(1)} ms, valid until ${expiresAt.toLocaleTimeString()}.`;
  const gallery = $('gallery');
  gallery.replaceChildren(...keys.map((key, i) => {
    const img = el('img', { alt: baseName(key), loading: 'eager', decoding: 'async', src: urls[i] });
    const figure = el('figure', { 'data-key': key }, [img, el('figcaption', { text: baseName(key) })]);
    img.addEventListener('error', () => {
      figure.classList.add('broken');
      figure.querySelector('figcaption').textContent = `${baseName(key)}: failed to load (press “Fetch it” in the table to see why)`;
    });
    return figure;
  }));
}

function describeBackend() {
  const c = state.config;
  const offset = state.presigner ? state.presigner.clockOffset : 0;
  const skew = Math.abs(offset) >= 2000
    ? ` · this page's clock is off by ${offset > 0 ? '−' : '+'}${Math.round(Math.abs(offset) / 1000)} s; links are signed in server time`
    : '';
  const where = c.mode === 'local' ? 'local COS endpoint' : 'Tencent COS';
  $('backend').textContent = `${where} · bucket ${c.bucket} (${c.region}) · credentials scoped to ${c.prefix}* · uploads to ${c.uploadPrefix}* · lifetime ${Math.round(c.stsDurationSeconds / 60)} min${skew}`;
}

async function signEverything() {
  const generation = ++state.generation;
  try {
    await signTable(generation);
    await signGallery(generation);
    if (generation !== state.generation) return;
    describeBackend();
    hideBanner();
    document.body.dataset.state = 'ready';
    resolveReady();
  } catch (e) {
    if (generation !== state.generation) return;
    console.warn(`signing failed: ${describeError(e)}`);
    document.body.dataset.state = 'error';
    showBanner(`Could not sign links: ${describeError(e)}`, () => signEverything());
  }
}

// --- how links fail ------------------------------------------------------------

function demoKey() {
  const o = state.config.objects.find((x) => x.inScope !== false && !isImage(x)) || state.config.objects[0];
  return o && o.key;
}

const failures = {
  async tampered() {
    const url = new URL(await state.presigner.getObjectUrl(demoKey(), { expires: 60 }));
    const sig = url.searchParams.get('q-signature');
    const changed = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
    return { url: url.href.replace(`q-signature=${sig}`, `q-signature=${changed}`), note: 'one character of q-signature changed' };
  },
  async expired() {
    const { url, expiresAt } = await state.presigner.getObjectUrlDetails(demoKey(), { expires: 1 });
    $('failure-result').className = 'result';
    $('failure-result').textContent = 'Signed a link valid for 1 second; waiting for it to expire…';
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt.getTime() - Date.now()) + 1200));
    return { url, note: 'used 1 s after it expired' };
  },
  async scope() {
    const outside = state.config.objects.find((x) => x.inScope === false);
    const key = outside ? outside.key : `outside-${state.config.prefix.replace(/\/$/, '')}/example.txt`;
    return { url: await state.presigner.getObjectUrl(key, { expires: 60 }), note: `${key} is outside ${state.config.prefix}*` };
  },
};

document.querySelectorAll('[data-failure]').forEach((button) => {
  button.addEventListener('click', async () => {
    const out = $('failure-result');
    out.className = 'result';
    out.textContent = '…';
    try {
      $('failure-why').hidden = true;
      const { url, note } = await failures[button.dataset.failure]();
      const r = await checkUrl(url);
      if (!r.ok) await showWhy($('failure-why'), url, r);
      out.className = `result ${r.ok ? 'ok' : 'bad'}`;
      out.textContent = `${note} → ${outcomeText(r)}`;
      out.dataset.code = r.code || '';
      out.dataset.status = String(r.status);
    } catch (e) {
      out.className = 'result bad';
      out.textContent = describeError(e);
    }
  });
});

// --- the worker ----------------------------------------------------------------

let worker;
$('worker-run').addEventListener('click', () => {
  const out = $('worker-result');
  out.className = 'result';
  out.textContent = 'Starting the worker…';
  worker ||= new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const c = state.config;
  const keys = c.objects.filter((o) => o.inScope !== false).map((o) => o.key);
  worker.onmessage = async ({ data }) => {
    if (data.error) {
      out.className = 'result bad';
      out.textContent = `The worker could not sign: ${data.error}`;
      return;
    }
    const first = keys.findIndex((k) => k === demoKey());
    const url = data.urls[first >= 0 ? first : 0];
    const r = await checkUrl(url);
    if (!r.ok) await showWhy($('worker-why'), url, r);
    else $('worker-why').hidden = true;
    out.className = `result ${r.ok ? 'ok' : 'bad'}`;
    out.dataset.count = String(data.urls.length);
    out.dataset.status = String(r.status);
    out.textContent = `The worker signed ${data.urls.length} links in ${data.ms.toFixed(2)} ms; one of them, fetched from the page: ${outcomeText(r)}`;
    window.cosDemo.workerUrls = data.urls;
  };
  worker.onerror = (e) => {
    out.className = 'result bad';
    out.textContent = `The worker failed to start: ${e.message || 'see the console'}`;
    console.error('worker error', e.message);
  };
  worker.postMessage({
    bucket: c.bucket,
    region: c.region,
    domain: c.domains ? c.domains[$('endpoint').value] : undefined,
    protocol: c.protocol,
    keys,
    expires: expiresChosen(),
  });
});

// --- start ---------------------------------------------------------------------

async function start() {
  try {
    const res = await fetch('/api/config', { cache: 'no-store' });
    if (!res.ok) throw new Error(`the demo backend answered HTTP ${res.status}`);
    state.config = await res.json();
  } catch (e) {
    document.body.dataset.state = 'error';
    $('backend').textContent = 'No backend.';
    showBanner(`Cannot reach the demo backend (${e.message}). Start it with npm start.`, () => start());
    rejectReady(e);
    return;
  }
  if (!state.config.domains) $('endpoint-label').hidden = true;
  makePresigner();
  await signEverything();
}

let typing;
$('download-name').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => signEverything(), 250);
});
$('expires').addEventListener('change', () => signEverything());
$('endpoint').addEventListener('change', () => { makePresigner(); signEverything(); });
$('resign').addEventListener('click', () => signEverything());
$('add-key').addEventListener('submit', (e) => {
  e.preventDefault();
  const key = $('new-key').value.trim().replace(/^\/+/, '');
  if (!key || state.config.objects.some((o) => o.key === key)) return;
  state.config.objects.push({ key, inScope: readable(key) });
  $('new-key').value = '';
  signEverything();
});

function readable(key) {
  return key.startsWith(state.config.prefix) || key.startsWith(state.config.uploadPrefix);
}

const uploads = setUpUploadPanel({
  getPresigner: () => state.presigner,
  getConfig: () => state.config,
  describeError,
  onUploaded: ({ key, size, contentType }) => {
    const known = state.config.objects.find((o) => o.key === key);
    if (known) Object.assign(known, { size, contentType });
    else state.config.objects.push({ key, size, contentType, inScope: true });
    const row = state.rows.get(key);
    if (row) row.tr.querySelector('.size').textContent = formatSize(size);
    signEverything();
  },
});
window.cosDemo.upload = (file) => uploads.upload(file);

start();
