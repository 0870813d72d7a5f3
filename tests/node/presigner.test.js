// The page-facing presigner against fake backends and a controllable clock.
// Every URL produced here is also checked with the official
// cos-nodejs-sdk-v5 signer recomputed from the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { inspect } from 'node:util';
import { createPresigner, CosCompat, CredentialsError, ExpiryError, InvalidArgumentError } from 'cos-presign';
import { createPresigner as createPresignerWithSigV4 } from 'cos-presign/sigv4';
import { verifyCosUrl } from './helpers/cos-url.js';
import { CosJs } from './helpers/sdk.js';

const BUCKET = 'examplebucket-1250000000';
const REGION = 'ap-guangzhou';
const SECRET = 'tmp-secret-key-never-in-messages';
const T0 = 1_800_000_000; // server time at the start of each test, unix s

// A clock the test moves by hand.
function clock(startMs = T0 * 1000) {
  let ms = startMs;
  return { now: () => ms, advance: (s) => { ms += s * 1000; }, set: (s) => { ms = s * 1000; } };
}

function sts(startTime, { duration = 1800, scopeLimit, id = 'AKIDtmp' } = {}) {
  return {
    credentials: { tmpSecretId: id, tmpSecretKey: SECRET, sessionToken: 'sts-token+/=' },
    startTime,
    expiredTime: startTime + duration,
    expiration: new Date((startTime + duration) * 1000).toISOString(),
    ...(scopeLimit ? { ScopeLimit: true } : {}),
  };
}

// A backend function that counts calls and answers what `answer` returns.
function backend(answer) {
  const calls = [];
  const fn = async (scope) => {
    calls.push(scope);
    return answer(scope, calls.length);
  };
  fn.calls = calls;
  return fn;
}

function signedWindow(url) {
  const [start, end] = new URL(url).searchParams.get('q-sign-time').split(';').map(Number);
  return { start, end };
}

function assertVerifies(url) {
  const v = verifyCosUrl(url, { secretKey: SECRET });
  assert.ok(v.ok, v.reason);
  return v;
}

// A real HTTP credentials endpoint on loopback.
async function stsServer(handler) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(new URL(req.url, 'http://x'));
    handler(req, res, requests.length);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/api/sts`;
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

// The test's server clock is T0, so its Date header says T0 too.
function json(res, body, status = 200, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', date: new Date(T0 * 1000).toUTCString(), ...headers });
  res.end(JSON.stringify(body));
}

test('a thousand concurrent calls cause exactly one backend request', async () => {
  const c = clock();
  const provider = backend(() => sts(T0));
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: provider, now: c.now });
  const keys = Array.from({ length: 1000 }, (_, i) => `photos/${i}.jpg`);
  const urls = await Promise.all(keys.map((k) => p.getObjectUrl(k, { expires: 600 })));
  assert.equal(provider.calls.length, 1);
  assert.equal(new Set(urls).size, 1000);
  for (const url of urls.slice(0, 50)) assertVerifies(url);
  assert.deepEqual(Object.keys(provider.calls[0]).sort(), ['action', 'bucket', 'keys', 'region']);
  assert.equal(provider.calls[0].action, 'name/cos:GetObject');
  assert.equal(provider.calls[0].bucket, BUCKET);
});

test('credentials are cached, then refreshed refreshMargin seconds before they expire', async () => {
  const c = clock();
  const provider = backend(() => sts(Math.floor(c.now() / 1000), { duration: 1800 }));
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: provider, now: c.now, refreshMargin: 120 });
  await p.getObjectUrl('a');
  c.advance(1800 - 121);
  await p.getObjectUrl('b');
  assert.equal(provider.calls.length, 1, 'still fresh one second before the margin');
  c.advance(2);
  const url = await p.getObjectUrl('c');
  assert.equal(provider.calls.length, 2, 'refreshed inside the margin');
  assertVerifies(url);
});

test('getObjectUrls: one credential look-up with every key in the scope, one signing pass', async () => {
  const c = clock();
  const provider = backend(() => sts(T0));
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: provider, now: c.now });
  const keys = ['gallery/1.jpg', 'gallery/2.jpg', 'gallery/sub/3.jpg'];
  const { urls, endTime, clamped } = await p.getObjectUrlsDetails(keys, { expires: 300 });
  assert.equal(provider.calls.length, 1);
  assert.deepEqual(provider.calls[0].keys, keys);
  assert.equal(endTime, T0 + 300);
  assert.equal(clamped, false);
  assert.deepEqual(urls.map((u) => assertVerifies(u).key), keys.map((k) => '/' + k));
  assert.deepEqual(await p.getObjectUrls(keys, { expires: 300 }), urls);
});

test('ScopeLimit answers are cached per scope', async () => {
  const c = clock();
  const provider = backend((scope, n) => sts(T0, { scopeLimit: true, id: `AKIDscope${n}` }));
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: provider, now: c.now });
  const [a1, b1] = await Promise.all([p.getObjectUrl('a.txt'), p.getObjectUrl('b.txt')]);
  const a2 = await p.getObjectUrl('a.txt');
  assert.equal(provider.calls.length, 2, 'one request per scope, none for a repeat');
  assert.deepEqual(provider.calls.map((s) => s.keys), [['a.txt'], ['b.txt']]);
  const ak = (u) => new URL(u).searchParams.get('q-ak');
  assert.notEqual(ak(a1), ak(b1));
  assert.equal(ak(a1), ak(a2));
});

test('the window starts at server now, not at the credentials StartTime (cos-js-sdk-v5 hands out expired links here)', async () => {
  const c = clock();
  // The backend hands out credentials it issued 20 minutes ago.
  const issued = T0 - 1200;
  const creds = { TmpSecretId: 'AKIDold', TmpSecretKey: SECRET, SecurityToken: 'tok', StartTime: issued, ExpiredTime: issued + 1800 };
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => creds, now: c.now });
  const url = await p.getObjectUrl('a.txt', { expires: 60 });
  const w = signedWindow(url);
  assert.ok(w.start <= T0 && T0 < w.end, `window ${w.start};${w.end} contains now ${T0}`);
  assert.equal(w.end, T0 + 60);
  assertVerifies(url);

  // The official SDK, same credentials and Expires, anchors the window at StartTime.
  const cos = new CosJs({ getAuthorization: (_, cb) => cb(creds) });
  const sdkUrl = await new Promise((resolve, reject) =>
    cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'a.txt', Expires: 60 }, (e, d) => (e ? reject(e) : resolve(d.Url))));
  assert.ok(signedWindow(sdkUrl).end < T0, 'the SDK link is expired on arrival');
});

test('a URL never outlives its credentials: clamped and reported, or a hard error with strictExpiry', async () => {
  const c = clock();
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0, { duration: 1000 }), now: c.now });
  const d = await p.getObjectUrlDetails('a', { expires: 3600 });
  assert.equal(d.clamped, true);
  assert.equal(d.endTime, T0 + 1000);
  assert.equal(signedWindow(d.url).end, T0 + 1000);
  assert.equal(d.expiresAt.getTime(), (T0 + 1000) * 1000);
  await assert.rejects(p.getObjectUrl('a', { expires: 3600, strictExpiry: true }),
    (e) => e instanceof ExpiryError && e.code === 'ERR_EXPIRES_BEYOND_CREDENTIALS');
  const strict = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0, { duration: 1000 }), now: c.now, strictExpiry: true });
  await assert.rejects(strict.getObjectUrl('a', { expires: 3600 }), { code: 'ERR_EXPIRES_BEYOND_CREDENTIALS' });
  assert.equal((await strict.getObjectUrlDetails('a', { expires: 600 })).clamped, false);
});

test('a page clock behind by 3 h signs in server time (credentials that start in its future)', async () => {
  const page = clock((T0 - 3 * 3600) * 1000);
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0), now: page.now });
  const d = await p.getObjectUrlDetails('a.txt', { expires: 600 });
  const w = signedWindow(d.url);
  assert.ok(w.start <= T0 && T0 + 600 === w.end, `window ${w.start};${w.end} in server time around ${T0}`);
  assert.equal(p.clockOffset, 3 * 3600 * 1000);
  assert.equal(d.clock, 'startTime');
  assert.equal(d.expiresAt.getTime(), page.now() + 600 * 1000, 'expiresAt is on the page clock');
  assertVerifies(d.url);
});

for (const [label, offsetH] of [['hours fast', 3], ['hours slow', -3], ['right', 0]]) {
  test(`a page clock ${label}, with a serverTime from the backend, signs in server time`, async () => {
    const page = clock((T0 + offsetH * 3600) * 1000);
    // A stale cache: the credentials were issued 25 minutes ago; serverTime is the backend's now.
    const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => ({ ...sts(T0 - 1500), serverTime: T0 }), now: page.now });
    const d = await p.getObjectUrlDetails('a.txt', { expires: 60 });
    const w = signedWindow(d.url);
    assert.ok(w.start <= T0 && w.end === T0 + 60, `window ${w.start};${w.end} around server now ${T0}`);
    assert.ok(Math.abs(p.clockOffset + offsetH * 3600 * 1000) <= 1000, `offset ${p.clockOffset}`);
    assert.equal(d.clock, 'serverTime');
    assert.ok(Math.abs(d.expiresAt.getTime() - (page.now() + 60 * 1000)) <= 1000, 'expiresAt is on the page clock');
    assertVerifies(d.url);
    const up = await p.getUploadUrl('uploads/a.bin');
    assert.equal(up.clock, 'serverTime');
    assert.ok(signedWindow(up.url).start <= T0 && T0 < signedWindow(up.url).end);
  });
}

test('stale credentials without a server time are ERR_CREDENTIALS_EXPIRED, not a skew: no dead URL, no error-free wrong expiresAt', async () => {
  const page = clock();
  for (const [what, creds] of [
    ['expired 10 minutes ago', sts(T0 - 1800 - 600)],
    ['from 1970', { credentials: { tmpSecretId: 'AKIDold', tmpSecretKey: SECRET, sessionToken: 't' }, startTime: 0, expiredTime: 1800 }],
    ['AWS shape, expired', { AccessKeyId: 'ASIAOLD', SecretAccessKey: SECRET, SessionToken: 't', Expiration: new Date((T0 - 600) * 1000).toISOString() }],
  ]) {
    const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => creds, now: page.now });
    for (const call of [() => p.getObjectUrlDetails('a.txt'), () => p.getUploadUrl('a.txt')]) {
      await assert.rejects(call(), (e) => {
        assert.ok(e instanceof CredentialsError, what);
        assert.equal(e.code, 'ERR_CREDENTIALS_EXPIRED', what);
        assert.match(e.message, /by this page's clock/);
        assert.match(e.message, /clockOffset/);
        assert.match(e.message, /serverTime/);
        assert.ok(!e.message.includes(SECRET));
        return true;
      });
    }
    assert.equal(p.clockOffset, 0, `${what}: no skew was inferred`);
  }
  // The same stale answer with the backend's time is a clear "stale" error, not a skew either.
  const told = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => ({ ...sts(T0 - 2400), serverTime: T0 }), now: page.now });
  await assert.rejects(told.getObjectUrl('a.txt'), (e) => e.code === 'ERR_CREDENTIALS_EXPIRED' && /from serverTime/.test(e.message));
  // And an explicit clockOffset still lets a fast page use them.
  const fast = clock((T0 + 7200) * 1000);
  const explicit = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0), now: fast.now, clockOffset: -7200_000 });
  const d = await explicit.getObjectUrlDetails('a.txt', { expires: 60 });
  assert.equal(d.clock, 'clockOffset');
  assert.equal(signedWindow(d.url).end, T0 + 60);
});

test('details say where the clock came from: page, date', async () => {
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0 - 100), now: clock().now });
  assert.equal((await p.getObjectUrlDetails('a')).clock, 'page');
  const server = await stsServer((req, res) => json(res, sts(T0 - 100)));
  try {
    const viaUrl = createPresigner({ bucket: BUCKET, region: REGION, credentials: server.url, now: clock().now });
    assert.equal((await viaUrl.getObjectUrlsDetails(['a', 'b'])).clock, 'date');
  } finally {
    await server.close();
  }
});

for (const skewHours of [-3, 3]) {

  test(`a page clock off by ${skewHours} h signs in server time (from the endpoint's Date header)`, async () => {
    const server = await stsServer((req, res) => json(res, sts(T0 - 600), 200, { date: new Date(T0 * 1000).toUTCString() }));
    try {
      const page = clock((T0 + skewHours * 3600) * 1000);
      const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: server.url, now: page.now });
      const w = signedWindow(await p.getObjectUrl('a.txt', { expires: 600 }));
      assert.ok(Math.abs(w.end - (T0 + 600)) <= 1, `end ${w.end} is server now + 600`);
    } finally {
      await server.close();
    }
  });
}

test('an explicit clockOffset wins over inference', async () => {
  const page = clock((T0 - 100) * 1000);
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0 - 5000, { duration: 10000 }), now: page.now, clockOffset: 100_000 });
  const w = signedWindow(await p.getObjectUrl('a', { expires: 60 }));
  assert.equal(w.end, T0 + 60);
  assert.equal(p.clockOffset, 100_000);
});

test('URL endpoint: the scope travels as query parameters, the JSON of qcloud-cos-sts is taken as is', async () => {
  const server = await stsServer((req, res) => json(res, sts(T0)));
  try {
    const c = clock();
    const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: server.url, now: c.now });
    assertVerifies(await p.getObjectUrl('docs/报告 1.pdf'));
    await p.getObjectUrls(['gallery/a.jpg', 'gallery/b/c.jpg']);
    const q = server.requests[0].searchParams;
    assert.equal(q.get('action'), 'name/cos:GetObject');
    assert.equal(q.get('bucket'), BUCKET);
    assert.equal(q.get('region'), REGION);
    assert.equal(q.get('key'), 'docs/报告 1.pdf');
    assert.equal(server.requests.length, 1, 'the batch reused the cached credentials');
  } finally {
    await server.close();
  }
});

test('HTTP 5xx and network errors are retried with backoff, then every waiter gets the error; the next call tries again', async () => {
  let fail = true;
  const server = await stsServer((req, res) => (fail ? json(res, { error: 'busy' }, 503) : json(res, sts(T0))));
  try {
    const c = clock();
    const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: server.url, now: c.now, retries: 2, retryDelay: 1 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => p.getObjectUrl(`k${i}`)));
    assert.equal(server.requests.length, 3, 'one request and two retries, shared by all');
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.ok(r.reason instanceof CredentialsError);
      assert.equal(r.reason.code, 'ERR_CREDENTIALS_HTTP');
      assert.equal(r.reason.status, 503);
    }
    assert.equal(new Set(results.map((r) => r.reason)).size, 1, 'the same error for every waiter');
    fail = false;
    assertVerifies(await p.getObjectUrl('k'));
    assert.equal(server.requests.length, 4, 'the failure was not cached');
  } finally {
    await server.close();
  }

  let attempts = 0;
  const flaky = async () => {
    attempts++;
    if (attempts < 3) throw new TypeError('fetch failed');
    return new Response(JSON.stringify(sts(T0)), { headers: { 'content-type': 'application/json' } });
  };
  const c = clock();
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: 'http://127.0.0.1:9/sts', fetch: flaky, now: c.now, retryDelay: 1 });
  assertVerifies(await p.getObjectUrl('a'));
  assert.equal(attempts, 3);

  const down = createPresigner({ bucket: BUCKET, region: REGION, credentials: 'http://127.0.0.1:9/sts', fetch: async () => { throw new TypeError('fetch failed'); }, retryDelay: 1 });
  await assert.rejects(down.getObjectUrl('a'), (e) => e.code === 'ERR_CREDENTIALS_FETCH' && e.cause instanceof TypeError);
});

test('4xx, HTML pages, bad JSON, missing fields and expired credentials are clear errors, not retried', async () => {
  const answers = {
    '/403': (res) => json(res, { error: 'forbidden' }, 403),
    '/html': (res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>Login</title>'); },
    '/garbage': (res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"credentials": '); },
    '/missing': (res) => json(res, { credentials: { tmpSecretId: 'AKIDx', sessionToken: 't' }, expiredTime: T0 + 100 }),
    '/wrongtype': (res) => json(res, { credentials: { tmpSecretId: 'AKIDx', tmpSecretKey: 42, sessionToken: 't' }, expiredTime: T0 + 100 }),
    '/noexpiry': (res) => json(res, { credentials: { tmpSecretId: 'AKIDx', tmpSecretKey: SECRET, sessionToken: 't' } }),
    '/millis': (res) => json(res, { ...sts(T0), expiredTime: (T0 + 100) * 1000 }),
    '/backwards': (res) => json(res, { ...sts(T0), expiredTime: T0 - 1 }),
    '/expired': (res) => json(res, { credentials: { tmpSecretId: 'AKIDx', tmpSecretKey: SECRET, sessionToken: 't' }, expiredTime: T0 - 60 }),
    '/unknown': (res) => json(res, { id: 'x', key: 'y' }),
  };
  const server = await stsServer((req, res) => answers[new URL(req.url, 'http://x').pathname.replace('/api/sts', '')](res));
  const expected = {
    '/403': ['ERR_CREDENTIALS_HTTP', /HTTP 403/],
    '/html': ['ERR_CREDENTIALS_NOT_JSON', /text\/html, not JSON \(an HTML page\?\)/],
    '/garbage': ['ERR_CREDENTIALS_NOT_JSON', /not JSON/],
    '/missing': ['ERR_CREDENTIALS_INVALID', /credentials\.tmpSecretKey is missing/],
    '/wrongtype': ['ERR_CREDENTIALS_INVALID', /tmpSecretKey must be a string, not a number/],
    '/noexpiry': ['ERR_CREDENTIALS_INVALID', /expiredTime is missing/],
    '/millis': ['ERR_CREDENTIALS_INVALID', /milliseconds/],
    '/backwards': ['ERR_CREDENTIALS_INVALID', /expiredTime is not after startTime/],
    '/expired': ['ERR_CREDENTIALS_EXPIRED', /expired 60 s ago/],
    '/unknown': ['ERR_CREDENTIALS_INVALID', /none of the known shapes/],
  };
  try {
    for (const [path, [code, message]] of Object.entries(expected)) {
      const before = server.requests.length;
      const c = clock();
      const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: server.url + path, now: c.now, retryDelay: 1 });
      await assert.rejects(p.getObjectUrl('a'), (e) => {
        assert.ok(e instanceof CredentialsError, `${path}: ${e}`);
        assert.equal(e.code, code, path);
        assert.match(e.message, message);
        assert.ok(!e.message.includes(SECRET) && !JSON.stringify(e).includes(SECRET) && !inspect(e).includes(SECRET));
        return true;
      });
      assert.equal(server.requests.length - before, 1, `${path} is not retried`);
    }
  } finally {
    await server.close();
  }
});

test('a slow backend: callers wait together; one that never answers times out', async () => {
  const c = clock();
  let release;
  const gate = new Promise((r) => { release = r; });
  const slow = backend(async () => { await gate; return sts(T0); });
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: slow, now: c.now });
  const pending = Promise.all([p.getObjectUrl('a'), p.getObjectUrl('b'), p.getObjectUrls(['c', 'd'])]);
  await new Promise((r) => setTimeout(r, 20));
  release();
  const [a, b, [cc, d]] = await pending;
  assert.equal(slow.calls.length, 1);
  for (const u of [a, b, cc, d]) assertVerifies(u);

  const never = createPresigner({ bucket: BUCKET, region: REGION, credentials: () => new Promise(() => {}), timeout: 30 });
  await assert.rejects(never.getObjectUrl('a'), { code: 'ERR_CREDENTIALS_TIMEOUT' });

  const throwing = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => { throw new Error('backend said no'); } });
  await assert.rejects(throwing.getObjectUrl('a'), (e) => e.code === 'ERR_CREDENTIALS_PROVIDER' && e.cause.message === 'backend said no');
});

test('download names, inline, versionId, content type and image processing are signed query parameters', async () => {
  const c = clock();
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0), now: c.now });
  const url = await p.getObjectUrl('reports/q1.pdf', {
    download: '报告 "final".pdf', versionId: 'MTg0NDUxNTc1NjIzMTQ1MDAwODg', responseContentType: 'application/pdf',
  });
  const v = assertVerifies(url);
  assert.equal(v.query['response-content-disposition'], `attachment; filename="__ _final_.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%22final%22.pdf`);
  assert.equal(decodeURIComponent(v.query['response-content-disposition'].split("UTF-8''")[1]), '报告 "final".pdf');
  assert.equal(v.query.versionId, 'MTg0NDUxNTc1NjIzMTQ1MDAwODg');
  assert.equal(v.query['response-content-type'], 'application/pdf');

  const thumb = await p.getObjectUrl('a.jpg', { inline: true, query: { 'imageMogr2/thumbnail/!200x200r': null } });
  const t = assertVerifies(thumb);
  assert.equal(t.query['response-content-disposition'], 'inline');
  assert.equal(t.query['imageMogr2/thumbnail/!200x200r'], '');
  assert.match(thumb, /&imageMogr2%2Fthumbnail%2F%21200x200r(&|$)/);

  await assert.rejects(p.getObjectUrl('a', { download: 'x', inline: true }), { code: 'ERR_CONFLICTING_OPTIONS' });
  await assert.rejects(p.getObjectUrl('a', { download: 'x', query: { 'Response-Content-Disposition': 'inline' } }), { code: 'ERR_CONFLICTING_OPTIONS' });
  await assert.rejects(p.getObjectUrl('a', { download: 'a\nb' }), { code: 'ERR_CONTROL_CHARACTER' });
  await assert.rejects(p.getObjectUrl('a', { download: '' }), { code: 'ERR_MISSING_FIELD' });
  await assert.rejects(p.getObjectUrl('a', { downlaod: 'x.pdf' }), { code: 'ERR_UNKNOWN_OPTION' });
});

test('keys a browser would rewrite, or the bucket root, are refused', async () => {
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0), now: clock().now });
  for (const [key, code] of [['a/../b', 'ERR_DOT_SEGMENT'], ['./a', 'ERR_DOT_SEGMENT'], ['a/.', 'ERR_DOT_SEGMENT'], ['/', 'ERR_EMPTY_KEY'], ['', 'ERR_EMPTY_KEY'], [42, 'ERR_INVALID_TYPE']]) {
    await assert.rejects(p.getObjectUrl(key), (e) => e instanceof InvalidArgumentError && e.code === code);
  }
  await assert.rejects(p.getObjectUrls(['ok', 'x/..']), (e) => e.code === 'ERR_DOT_SEGMENT' && e.index === 1);
});

test('domains: default, acceleration and a custom origin template', async () => {
  const make = (o) => createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0), now: clock().now, ...o });
  assert.equal(new URL(await make({}).getObjectUrl('a')).host, `${BUCKET}.cos.${REGION}.myqcloud.com`);
  assert.equal(new URL(await make({ accelerate: true }).getObjectUrl('a')).host, `${BUCKET}.cos.accelerate.myqcloud.com`);
  const custom = await make({ domain: '{Bucket}.files.example.com', protocol: 'http' }).getObjectUrl('a');
  assert.equal(new URL(custom).origin, `http://${BUCKET}.files.example.com`);
  assertVerifies(custom);
  assert.throws(() => make({ accelerate: true, domain: 'x.com' }), { code: 'ERR_CONFLICTING_OPTIONS' });
});

test('getObjectUrlSync works once credentials are held and says clearly when they are not', async () => {
  const c = clock();
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0, { duration: 600 }), now: c.now });
  assert.throws(() => p.getObjectUrlSync('a'), (e) => e instanceof ExpiryError && e.code === 'ERR_NOT_READY');
  await p.ready();
  const url = p.getObjectUrlSync('a', { expires: 60 });
  assertVerifies(url);
  assert.equal(signedWindow(url).end, T0 + 60);
  c.advance(601);
  assert.throws(() => p.getObjectUrlSync('a'), { code: 'ERR_NOT_READY' });
});

test('dispose() forgets the credentials; nothing about a presigner shows its secret', async () => {
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0), now: clock().now });
  await p.ready();
  for (const text of [JSON.stringify(p), String(p), inspect(p, { showHidden: true, depth: 5 })]) {
    assert.ok(!text.includes(SECRET) && !text.includes('sts-token'), text);
  }
  p.dispose();
  await assert.rejects(p.getObjectUrl('a'), { code: 'ERR_DISPOSED' });
  assert.throws(() => p.getObjectUrlSync('a'), { code: 'ERR_DISPOSED' });
});

test('bad presigner options are clear errors', () => {
  const ok = { bucket: BUCKET, region: REGION, credentials: '/api/sts' };
  const cases = [
    [{ ...ok, bucket: undefined }, 'ERR_MISSING_FIELD'],
    [{ ...ok, region: 7 }, 'ERR_INVALID_TYPE'],
    [{ ...ok, credentials: undefined }, 'ERR_MISSING_FIELD'],
    [{ ...ok, credentials: { id: 1 } }, 'ERR_INVALID_TYPE'],
    [{ ...ok, clockOffset: NaN }, 'ERR_INVALID_VALUE'],
    [{ ...ok, refreshMargin: -1 }, 'ERR_INVALID_VALUE'],
    [{ ...ok, expires: 0 }, 'ERR_INVALID_EXPIRES'],
    [{ ...ok, refreshmargin: 5 }, 'ERR_UNKNOWN_OPTION'],
    [null, 'ERR_INVALID_TYPE'],
  ];
  for (const [options, code] of cases) assert.throws(() => createPresigner(options), { code }, JSON.stringify(options));
});

test('CosCompat: cos-js-sdk-v5 getObjectUrl code works unchanged and signs a URL that verifies', async () => {
  const seen = [];
  const getAuthorization = (options, callback) => {
    seen.push(options);
    const now = Math.floor(Date.now() / 1000);
    callback({ TmpSecretId: 'AKIDcompat', TmpSecretKey: SECRET, SecurityToken: 'tok', StartTime: now - 1200, ExpiredTime: now + 600 });
  };
  const cos = new CosCompat({ getAuthorization });
  const data = await new Promise((resolve, reject) =>
    cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'dir/a b+c.txt', Expires: 60, Query: { 'response-content-type': 'text/plain' } },
      (err, d) => (err ? reject(err) : resolve(d))));
  const v = assertVerifies(data.Url);
  assert.equal(v.key, '/dir/a b+c.txt');
  assert.equal(v.query['response-content-type'], 'text/plain');
  const w = signedWindow(data.Url);
  const now = Math.floor(Date.now() / 1000);
  assert.ok(w.start <= now && now < w.end && w.end <= now + 61);
  assert.equal(seen[0].Bucket, BUCKET);
  assert.deepEqual(seen[0].Scope, [{ action: 'name/cos:GetObject', bucket: BUCKET, region: REGION, prefix: 'dir/a b+c.txt' }]);

  const plain = await cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'public/a b.txt', Sign: false });
  assert.equal(plain.Url, `https://${BUCKET}.cos.${REGION}.myqcloud.com/public/a%20b.txt`);
  await assert.rejects(cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'a', Method: 'DELETE' }), { code: 'ERR_UNSUPPORTED_OPTION' });
  await assert.rejects(cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'a', ACL: 'public-read' }), { code: 'ERR_UNSUPPORTED_OPTION' });
  assert.throws(() => new CosCompat({}), { code: 'ERR_MISSING_FIELD' });
});

test('AWS credential shapes (STS AssumeRole JSON, SDK v3 identity) are accepted for SigV4', async () => {
  const expiration = new Date((T0 + 900) * 1000);
  const shapes = [
    { Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: SECRET, SessionToken: 'tok', Expiration: expiration.toISOString() } },
    { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: SECRET, SessionToken: 'tok', Expiration: expiration.toISOString() },
    { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET, sessionToken: 'tok', expiration },
  ];
  for (const shape of shapes) {
    const p = createPresignerWithSigV4({ signature: 'v4', endpoint: 'https://s3.us-east-1.amazonaws.com', bucket: 'my-bucket', region: 'us-east-1', credentials: async () => shape, now: clock().now });
    const d = await p.getObjectUrlDetails('a.txt', { expires: 3600 });
    const q = new URL(d.url).searchParams;
    assert.match(q.get('X-Amz-Credential'), /^ASIAEXAMPLE\//);
    assert.equal(q.get('X-Amz-Security-Token'), 'tok');
    assert.equal(d.endTime, T0 + 900, 'clamped to the AWS expiration');
  }
  const missing = createPresignerWithSigV4({ signature: 'v4', endpoint: 'https://s3.us-east-1.amazonaws.com', bucket: 'b', region: 'us-east-1',
    credentials: async () => ({ AccessKeyId: 'A', SecretAccessKey: SECRET, SessionToken: 't' }) });
  await assert.rejects(missing.getObjectUrl('a'), (e) => e.code === 'ERR_CREDENTIALS_INVALID' && /Expiration is missing/.test(e.message));
});
