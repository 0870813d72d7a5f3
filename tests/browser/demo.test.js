// The demo page in Chromium, against the demo server started here on free
// ports: credentials from /api/sts, links signed in the page, downloads
// through fetch and <img> compared with the files on disk, COS errors for
// tampered, expired and out-of-scope links, a skewed page clock, the Web
// Worker, uploads through the upload panel, a strict CSP with no violation
// and no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDemoServer, ROOT } from '../../scripts/demo-server/server.js';
import { launch, openPage } from './helpers/browser.js';

let demo;
let browser;
const pagesToCheck = [];

before(async () => {
  demo = await startDemoServer({ port: 0 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

async function openDemo(options = {}) {
  const opened = await openPage(browser.context, `${demo.pageOrigin}/demo/`, { expectedErrorOrigin: demo.objectOrigin, ...options });
  pagesToCheck.push(opened);
  await opened.page.waitForSelector('body[data-state=ready]');
  return opened;
}

function diskBytes(key) {
  return readFile(demo.index.get(key).path);
}

// Fetches a URL inside the page (so CORS and the CSP apply) and returns what came back.
function fetchInPage(page, url) {
  return page.evaluate(async (u) => {
    const res = await fetch(u, { cache: 'no-store' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return {
      status: res.status,
      bytes: Array.from(bytes),
      disposition: res.headers.get('content-disposition'),
      code: /<Code>([^<]*)<\/Code>/.exec(new TextDecoder().decode(bytes))?.[1] || null,
    };
  }, url);
}

test('the page loads under its strict CSP, gets credentials and signs a link per object', async () => {
  const { page } = await openDemo();
  const response = await page.goto(`${demo.pageOrigin}/demo/`);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
  await page.waitForSelector('body[data-state=ready]');
  const rows = await page.$$eval('#objects tr', (trs) => trs.map((tr) => ({
    key: tr.dataset.key,
    open: tr.querySelector('a').href,
    download: tr.querySelectorAll('a')[1].href,
    countdown: tr.querySelector('.countdown').textContent,
  })));
  assert.deepEqual(rows.map((r) => r.key).sort(), [...demo.index.keys()].sort());
  for (const r of rows) {
    assert.ok(r.download.startsWith(`http://127.0.0.1:${demo.objectPort}/`), r.download);
    assert.match(r.countdown, /^(9:5\d|10:00)/, `countdown of ${r.key}: ${r.countdown}`);
  }
  assert.match(await page.textContent('#backend'), /credentials scoped to demo\/\*/);
});

test('every link downloads with fetch, byte for byte; out of scope is 403 AccessDenied', async () => {
  const { page } = await openDemo();
  const rows = await page.$$eval('#objects tr', (trs) => trs.map((tr) => ({ key: tr.dataset.key, download: tr.querySelectorAll('a')[1].href, open: tr.querySelector('a').href })));
  for (const { key, download, open } of rows) {
    for (const url of [download, open]) {
      const got = await fetchInPage(page, url);
      if (key.startsWith('demo/')) {
        assert.equal(got.status, 200, `${key}: ${got.status} ${got.code}`);
        assert.deepEqual(Buffer.from(got.bytes), await diskBytes(key), key);
      } else {
        assert.equal(got.status, 403, key);
        assert.equal(got.code, 'AccessDenied', key);
      }
    }
  }
  // The row's own button shows the outcome.
  const row = page.locator('#objects tr[data-key="private/not-in-scope.txt"]');
  await row.locator('button').click();
  await assert.doesNotReject(row.locator('[data-role=outcome]', { hasText: '403 AccessDenied' }).waitFor());
});

test('the download name is signed into response-content-disposition', async () => {
  const { page } = await openDemo();
  await page.fill('#download-name', '季度报告 Q1.pdf');
  const key = 'demo/报告 2026+final.pdf';
  const link = page.locator(`#objects tr[data-key="${key}"] a >> nth=1`);
  await page.waitForFunction((k) => new URL(document.querySelector(`#objects tr[data-key="${k}"] a:nth-of-type(2)`).href)
    .searchParams.get('response-content-disposition').includes(encodeURIComponent('季度报告')), key);
  const got = await fetchInPage(page, await link.getAttribute('href'));
  assert.equal(got.status, 200);
  assert.equal(got.disposition, `attachment; filename="____ Q1.pdf"; filename*=UTF-8''${encodeURIComponent('季度报告 Q1.pdf')}`);
  assert.deepEqual(Buffer.from(got.bytes), await diskBytes(key));
});

test('the gallery is signed in one batch and its images load through <img>', async () => {
  const { page } = await openDemo();
  assert.match(await page.textContent('#gallery-timing'), /^6 links signed in one batch in [\d.]+ ms/);
  await page.waitForFunction(() => [...document.querySelectorAll('#gallery img')].every((i) => i.complete));
  const images = await page.$$eval('#gallery img', (imgs) => imgs.map((i) => ({ src: i.src, w: i.naturalWidth, h: i.naturalHeight, key: i.closest('figure').dataset.key })));
  assert.equal(images.length, 6);
  for (const img of images) {
    const png = await diskBytes(img.key);
    // Decoded by the browser at the size the PNG on disk declares.
    assert.deepEqual([img.w, img.h], [png.readUInt32BE(16), png.readUInt32BE(20)], img.key);
    assert.deepEqual(Buffer.from((await fetchInPage(page, img.src)).bytes), png, img.key);
  }
  // The signatures cover the host, key and time only: one batch, one window.
  const times = new Set(images.map((i) => new URL(i.src).searchParams.get('q-sign-time')));
  assert.equal(times.size, 1);
});

test('tampered, expired and out-of-scope links fail the way COS fails them', async () => {
  const { page } = await openDemo();
  const expectations = { tampered: 'SignatureDoesNotMatch', scope: 'AccessDenied', expired: 'AccessDenied' };
  for (const [failure, code] of Object.entries(expectations)) {
    await page.click(`[data-failure=${failure}]`);
    await page.waitForFunction(() => document.querySelector('#failure-result').dataset.status, null, { timeout: 10_000 });
    const result = await page.$eval('#failure-result', (e) => ({ status: e.dataset.status, code: e.dataset.code, text: e.textContent }));
    assert.equal(result.status, '403', `${failure}: ${result.text}`);
    assert.equal(result.code, code, `${failure}: ${result.text}`);
    if (failure === 'expired') assert.match(result.text, /Request has expired/);
    await page.$eval('#failure-result', (e) => { delete e.dataset.status; });
  }
});

test('a page clock hours off still signs links the server accepts', async () => {
  for (const skewHours of [2, -3]) {
    const initScript = `{
      const shift = ${skewHours * 3600_000};
      const RealDate = Date;
      class SkewedDate extends RealDate {
        constructor(...a) { if (a.length === 0) super(RealDate.now() + shift); else super(...a); }
        static now() { return RealDate.now() + shift; }
      }
      globalThis.Date = SkewedDate;
    }`;
    const { page } = await openDemo({ initScript });
    assert.ok(Math.abs(await page.evaluate(() => Date.now()) - Date.now() - skewHours * 3600_000) < 60_000, 'the page clock is skewed');
    const offset = await page.evaluate(() => window.cosDemo.presigner.clockOffset);
    assert.ok(Math.abs(offset + skewHours * 3600_000) < 5_000, `inferred clock offset ${offset}`);
    const url = await page.$eval('#objects tr[data-key="demo/hello.txt"] a', (a) => a.href);
    const got = await fetchInPage(page, url);
    assert.equal(got.status, 200, `skew ${skewHours} h: ${got.status} ${got.code}`);
    assert.deepEqual(Buffer.from(got.bytes), await diskBytes('demo/hello.txt'));
    assert.match(await page.textContent('#objects tr[data-key="demo/hello.txt"] .countdown'), /^(9:5\d|10:00)/, 'countdown in page time');
    // The control: the same credentials without the correction give links COS refuses.
    const naive = await page.evaluate(async (port) => {
      const { init } = await import('/index.js');
      const signer = await init();
      const c = await (await fetch('/api/sts')).json();
      return signer.presignUrl({
        secretId: c.credentials.tmpSecretId, secretKey: c.credentials.tmpSecretKey, sessionToken: c.credentials.sessionToken,
        bucket: 'demo-1250000000', region: 'ap-guangzhou', domain: `127.0.0.1:${port}`, protocol: 'http', key: 'demo/hello.txt', expires: 600,
      });
    }, demo.objectPort);
    const refused = await fetchInPage(page, naive);
    assert.equal(refused.status, 403);
    assert.equal(refused.code, skewHours > 0 ? 'RequestTimeTooSkewed' : 'AccessDenied');
  }
});

test('a module Web Worker imports the package and signs links that work', async () => {
  const { page } = await openDemo();
  await page.click('#worker-run');
  await page.waitForFunction(() => document.querySelector('#worker-result').dataset.status, null, { timeout: 10_000 });
  const result = await page.$eval('#worker-result', (e) => ({ status: e.dataset.status, count: e.dataset.count, text: e.textContent }));
  assert.equal(result.status, '200', result.text);
  const inScope = [...demo.index.keys()].filter((k) => k.startsWith('demo/'));
  assert.equal(Number(result.count), inScope.length);
  const urls = await page.evaluate(() => window.cosDemo.workerUrls);
  for (const url of urls) {
    const key = decodeURIComponent(new URL(url).pathname.slice(1));
    const got = await fetchInPage(page, url);
    assert.equal(got.status, 200, key);
    assert.deepEqual(Buffer.from(got.bytes), await diskBytes(key), key);
  }
});

test('virtual-hosted links ({Bucket}.cos.{Region}.localhost) work like COS domains', async () => {
  const { page } = await openDemo();
  await page.selectOption('#endpoint', 'virtual');
  const host = `${demo.bucket}.cos.${demo.region}.localhost:${demo.objectPort}`;
  await page.waitForFunction((h) => document.querySelector('#objects tr[data-key="demo/hello.txt"] a').host === h, host);
  await page.waitForSelector('body[data-state=ready]');
  const url = await page.$eval('#objects tr[data-key="demo/hello.txt"] a', (a) => a.href);
  const got = await fetchInPage(page, url);
  assert.equal(got.status, 200);
  assert.deepEqual(Buffer.from(got.bytes), await diskBytes('demo/hello.txt'));
  await page.waitForFunction(() => [...document.querySelectorAll('#gallery img')].every((i) => i.complete && i.naturalWidth > 0 && i.src.includes('.localhost:')));
});

test('a failing backend gets a clear message, not a broken page', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The backend's credential endpoint fails as a crashed backend would (HTTP 502).
  await page.route('**/api/sts*', (route) => route.fulfill({ status: 502, contentType: 'application/json', body: '{"error":"sts_failed"}' }));
  await page.goto(`${demo.pageOrigin}/demo/`);
  await page.waitForSelector('body[data-state=error]', { timeout: 15_000 });
  assert.match(await page.textContent('#banner-text'), /credentials backend answered HTTP 502/);
  assert.equal(await page.isVisible('#banner-retry'), true);
  // It recovers when the backend does.
  await page.unroute('**/api/sts*');
  await page.click('#banner-retry');
  await page.waitForSelector('body[data-state=ready]');
  assert.equal(await page.isVisible('#banner'), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the CSP is enforced (inline scripts and string timers are blocked and reported), so "no violation" means something', async () => {
  const { page, problems } = await openPage(browser.context, `${demo.pageOrigin}/demo/`);
  await page.waitForSelector('body[data-state=ready]');
  // From the page's own context (code evaluated by DevTools is exempt from the eval check).
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
    setTimeout('window.stringTimerRan = true', 0);
  });
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => [window.inlineRan, window.stringTimerRan]), [undefined, undefined]);
  await page.waitForFunction(() => !document.querySelector('#banner').hidden);
  assert.match(await page.textContent('#banner-text'), /Content-Security-Policy blocked/);
  assert.ok(problems.some((p) => /CSP violation|Content Security Policy/i.test(p)), problems.join('\n'));
  await page.close();
});

test('the upload panel PUTs a generated file with progress events; its download link returns the same bytes', async () => {
  const { page } = await openDemo();
  const bytes = randomBytes(4 * 1024 * 1024 + 123);
  const name = '上传 test+1 (a).bin';
  const key = `uploads/${name}`;
  await page.setInputFiles('#upload-file', { name, mimeType: 'application/x-demo', buffer: bytes });
  await page.waitForSelector('#upload-result[data-status]', { timeout: 30_000 });
  const result = await page.$eval('#upload-result', (r) => ({ ...r.dataset, text: r.textContent, progress: document.querySelector('#upload-progress').value }));
  assert.equal(result.status, '200', result.text);
  assert.ok(Number(result.progressEvents) >= 1, `progress events: ${result.progressEvents}`);
  assert.equal(result.progress, 1);
  assert.equal(result.etag, `"${createHash('md5').update(bytes).digest('hex')}"`);
  assert.deepEqual(await readFile(demo.index.get(key).path), bytes, 'stored byte for byte');
  assert.equal(demo.index.get(key).contentType, 'application/x-demo', 'the type the browser sent, as signed');

  // Downloaded in the page; compared by SHA-256 (WebCrypto there, node:crypto here): 4 MiB as a
  // JSON array through the DevTools protocol takes a minute.
  const link = await page.getAttribute('#upload-link', 'href');
  const got = await page.evaluate(async (u) => {
    const res = await fetch(u, { cache: 'no-store' });
    const body = await res.arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
    return { status: res.status, length: body.byteLength, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), disposition: res.headers.get('content-disposition') };
  }, link);
  assert.equal(got.status, 200);
  assert.equal(got.length, bytes.length);
  assert.equal(got.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.match(got.disposition, /^attachment; filename="__ test\+1 \(a\)\.bin"; filename\*=UTF-8''/);
  await page.waitForSelector(`#objects tr[data-key="${key}"]`);

  // Dropped, with no type: signed and sent as application/octet-stream.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(1000).fill(7)], 'dropped.dat', { type: '' }));
    document.querySelector('#upload-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForSelector('#upload-result[data-key="uploads/dropped.dat"]', { timeout: 30_000 });
  assert.equal(demo.index.get('uploads/dropped.dat').contentType, 'application/octet-stream');
  assert.deepEqual(await readFile(demo.index.get('uploads/dropped.dat').path), Buffer.alloc(1000, 7));
});

test('an upload the bucket refuses says why (COS\'s error code), and stores nothing', async () => {
  const { page } = await openDemo();
  // A backend that wrongly hands out download credentials for an upload: the bucket answers 403 AccessDenied.
  await page.route((url) => url.pathname === '/api/sts' && url.searchParams.get('action') === 'name/cos:PutObject', async (route) => {
    const wrong = await (await fetch(`${demo.pageOrigin}/api/sts?action=name/cos:GetObject`)).json();
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(wrong) });
  });
  await page.setInputFiles('#upload-file', { name: 'refused.txt', mimeType: 'text/plain', buffer: Buffer.from('no') });
  await page.waitForSelector('#upload-result[data-status]');
  assert.equal(await page.getAttribute('#upload-result', 'data-status'), '403');
  assert.equal(await page.getAttribute('#upload-result', 'data-code'), 'AccessDenied');
  assert.match(await page.textContent('#upload-result'), /Upload refused: 403 AccessDenied/);
  assert.equal(demo.index.has('uploads/refused.txt'), false);
});

test('screenshot of the demo, and no console error or CSP violation on any page above', async () => {
  const { page } = await openDemo();
  await page.waitForFunction(() => [...document.querySelectorAll('#gallery img')].every((i) => i.complete && i.naturalWidth > 0));
  await page.click('[data-failure=tampered]');
  await page.waitForFunction(() => document.querySelector('#failure-result').dataset.status);
  await page.click('#worker-run');
  await page.waitForFunction(() => document.querySelector('#worker-result').dataset.status);
  await page.setInputFiles('#upload-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Uploaded from the demo page.\n') });
  await page.waitForSelector('#upload-result[data-status="200"]');
  const dir = join(ROOT, 'test-artifacts');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'demo.png'), fullPage: true });
  for (const { page: p, problems } of pagesToCheck) {
    assert.deepEqual(problems, [], `problems on ${p.url()}`);
    assert.equal(await p.isVisible('#banner').catch(() => false), false);
  }
});
