// The demo server (scripts/demo-server/): the credential backend and the
// local COS endpoint. Links are made both with cos-presign and with the
// official cos-nodejs-sdk-v5; the endpoint recomputes signatures with the
// SDK. Covers issue 4's server and issue 6's server hardening.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { init } from 'cos-presign';
import { startDemoServer } from '../../scripts/demo-server/server.js';
import { seedBucket } from '../../scripts/demo-server/bucket.js';
import { cosErrorCode, rawRequest, rawSocket, sdkSignedTarget } from './helpers/demo.js';

const require = createRequire(import.meta.url);
const COS = require('cos-nodejs-sdk-v5');

let demo;
let signer;
let clockShiftMs = 0; // the server's clock, moved by tests
const OUTSIDE_SECRET = 'THIS-FILE-IS-OUTSIDE-THE-BUCKET';

let root;
before(async () => {
  signer = await init();
  // The bucket folder, and beside it a file and a symlink target that must never be served.
  root = await mkdtemp(join(tmpdir(), 'cos-presign-demo-test-'));
  const bucketDir = join(root, 'bucket');
  await seedBucket(bucketDir, 'demo/');
  await writeFile(join(root, `outside-${process.pid}.txt`), OUTSIDE_SECRET);
  await symlink(join(root, `outside-${process.pid}.txt`), join(bucketDir, 'demo', 'link-out.txt'));
  demo = await startDemoServer({ port: 0, bucketDir, now: () => Date.now() + clockShiftMs, stsDurationSeconds: 600 });
});
after(async () => {
  await demo.close();
  await rm(root, { recursive: true, force: true });
});

async function credentials() {
  const r = await fetch(`${demo.pageOrigin}/api/sts`);
  assert.equal(r.status, 200);
  return r.json();
}

function objectHost() {
  return `127.0.0.1:${demo.objectPort}`;
}

function presign(creds, key, extra = {}) {
  return signer.presignUrl({
    secretId: creds.credentials.tmpSecretId,
    secretKey: creds.credentials.tmpSecretKey,
    sessionToken: creds.credentials.sessionToken,
    bucket: demo.bucket,
    region: demo.region,
    domain: objectHost(),
    protocol: 'http',
    key,
    expires: 120,
    ...extra,
  });
}

function target(url) {
  const u = new URL(url);
  return u.pathname + u.search;
}

async function expectCosError(res, status, code) {
  assert.equal(res.status, status, `status ${res.status}, body ${res.text}`);
  assert.equal(cosErrorCode(res.text), code, res.text);
  assert.match(res.headers['content-type'], /application\/xml/);
  assert.equal(res.headers['access-control-allow-origin'], '*', 'errors carry CORS headers so a page can read them');
}

test('/api/sts answers in the exact shape of qcloud-cos-sts, fresh random credentials each time', async () => {
  const a = await credentials();
  const b = await credentials();
  // The keys and types of qcloud-cos-sts's documented response.
  assert.deepEqual(Object.keys(a).sort(), ['credentials', 'expiration', 'expiredTime', 'requestId', 'startTime']);
  assert.deepEqual(Object.keys(a.credentials).sort(), ['sessionToken', 'tmpSecretId', 'tmpSecretKey']);
  for (const v of Object.values(a.credentials)) assert.equal(typeof v, 'string');
  assert.equal(typeof a.startTime, 'number');
  assert.equal(a.expiredTime - a.startTime, 600);
  assert.equal(Date.parse(a.expiration), a.expiredTime * 1000);
  assert.match(a.expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Math.abs(a.startTime - Date.now() / 1000) < 5);
  assert.notEqual(a.credentials.tmpSecretKey, b.credentials.tmpSecretKey);
  assert.notEqual(a.credentials.sessionToken, b.credentials.sessionToken);
  assert.notEqual(a.credentials.tmpSecretId, b.credentials.tmpSecretId);
});

test('every object downloads through a cos-presign link, byte for byte', async () => {
  const creds = await credentials();
  const keys = [...demo.index.keys()].filter((k) => k.startsWith('demo/'));
  assert.ok(keys.some((k) => /报告/.test(k)) && keys.some((k) => k.includes('%')) && keys.some((k) => k.endsWith('.png')));
  for (const url of signer.presignUrls({
    secretId: creds.credentials.tmpSecretId, secretKey: creds.credentials.tmpSecretKey,
    sessionToken: creds.credentials.sessionToken, bucket: demo.bucket, region: demo.region,
    domain: objectHost(), protocol: 'http', expires: 60,
  }, keys)) {
    const res = await fetch(url);
    const key = decodeURIComponent(new URL(url).pathname.slice(1));
    assert.equal(res.status, 200, `${key}: ${res.status}`);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), await readFile(demo.index.get(key).path), key);
  }
});

test('links made by the official cos-nodejs-sdk-v5 work too (the endpoint follows COS, not our signer)', async () => {
  const creds = await credentials();
  const cos = new COS({
    SecretId: creds.credentials.tmpSecretId, SecretKey: creds.credentials.tmpSecretKey,
    SecurityToken: creds.credentials.sessionToken, Domain: objectHost(), Protocol: 'http:',
  });
  const key = 'demo/报告 2026+final.pdf';
  const url = cos.getObjectUrl({ Bucket: demo.bucket, Region: demo.region, Key: key, Sign: true, Expires: 60,
    Query: { 'response-content-type': 'application/x-demo' } });
  const res = await fetch(url);
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('content-type'), 'application/x-demo');
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), await readFile(demo.index.get(key).path));
});

test('response-content-disposition and response-content-type are signed and honoured; Range works', async () => {
  const creds = await credentials();
  const disposition = "attachment; filename=\"report.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf";
  const url = presign(creds, 'demo/报告 2026+final.pdf', {
    query: { 'response-content-disposition': disposition, 'response-content-type': 'application/octet-stream' },
  });
  const res = await rawRequest(demo.objectPort, { path: target(url), headers: { Host: objectHost(), Range: 'bytes=0-7' } });
  assert.equal(res.status, 206);
  assert.equal(res.headers['content-disposition'], disposition);
  assert.equal(res.headers['content-type'], 'application/octet-stream');
  assert.equal(res.text, '%PDF-1.4');
  assert.match(res.headers['content-range'], /^bytes 0-7\/\d+$/);
  const bad = await rawRequest(demo.objectPort, { path: target(url), headers: { Host: objectHost(), Range: 'bytes=999999-' } });
  await expectCosError(bad, 416, 'InvalidRange');
});

test('tampered links get 403 SignatureDoesNotMatch', async () => {
  const creds = await credentials();
  const url = new URL(presign(creds, 'demo/hello.txt', { query: { 'response-content-type': 'text/plain' } }));
  const cases = {
    signature: () => { const u = new URL(url); const s = u.searchParams.get('q-signature'); u.search = u.search.replace(s, s.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))); return u; },
    key: () => { const u = new URL(url); u.pathname = '/demo/hello.txT'; return u; },
    'signed parameter value': () => { const u = new URL(url); u.search = u.search.replace('response-content-type=text%2Fplain', 'response-content-type=text%2Fhtml'); return u; },
    'unsigned extra parameter': () => { const u = new URL(url); u.search += '&response-content-disposition=attachment'; return u; },
    'parameter dropped': () => { const u = new URL(url); u.search = u.search.replace('&response-content-type=text%2Fplain', ''); return u; },
    'sign time': () => { const u = new URL(url); const t = u.searchParams.get('q-sign-time'); const [s, e] = t.split(';'); u.search = u.search.replaceAll(t, `${s};${Number(e) + 1}`); return u; },
  };
  for (const [name, make] of Object.entries(cases)) {
    const u = make();
    assert.notEqual(u.href, url.href, name);
    const res = await rawRequest(demo.objectPort, { path: u.pathname + u.search, headers: { Host: objectHost() } });
    await expectCosError(res, 403, 'SignatureDoesNotMatch');
  }
  // Another host than the one signed: the virtual-hosted name of the same bucket.
  const res = await rawRequest(demo.objectPort, { path: target(url.href), headers: { Host: `${demo.bucket}.cos.${demo.region}.localhost:${demo.objectPort}` } });
  await expectCosError(res, 403, 'SignatureDoesNotMatch');
  // ...which works when it is the host signed.
  const virtual = presign(creds, 'demo/hello.txt', { domain: `{Bucket}.cos.{Region}.localhost:${demo.objectPort}` });
  const ok = await rawRequest(demo.objectPort, { path: target(virtual), headers: { Host: new URL(virtual).host } });
  assert.equal(ok.status, 200);
  const other = await rawRequest(demo.objectPort, { path: target(virtual), headers: { Host: `other-1250000000.cos.${demo.region}.localhost:${demo.objectPort}` } });
  await expectCosError(other, 404, 'NoSuchBucket');
});

test('credentials and tokens are checked: unknown key id, wrong or missing token, anonymous', async () => {
  const creds = await credentials();
  const url = presign(creds, 'demo/hello.txt');
  const get = (path) => rawRequest(demo.objectPort, { path, headers: { Host: objectHost() } });
  const fake = { ...creds, credentials: { ...creds.credentials, tmpSecretId: 'AKIDnotissuedbythisserver' } };
  await expectCosError(await get(target(presign(fake, 'demo/hello.txt'))), 403, 'InvalidAccessKeyId');
  const other = await credentials();
  const wrongToken = { ...creds, credentials: { ...creds.credentials, sessionToken: other.credentials.sessionToken } };
  await expectCosError(await get(target(presign(wrongToken, 'demo/hello.txt'))), 403, 'InvalidToken');
  const noToken = { ...creds, credentials: { ...creds.credentials, sessionToken: '' } };
  await expectCosError(await get(target(presign(noToken, 'demo/hello.txt'))), 403, 'InvalidToken');
  await expectCosError(await get('/demo/hello.txt'), 403, 'AccessDenied');
  // A right token with a wrong secret key is a signature error.
  const wrongKey = { ...creds, credentials: { ...creds.credentials, tmpSecretKey: other.credentials.tmpSecretKey } };
  await expectCosError(await get(target(presign(wrongKey, 'demo/hello.txt'))), 403, 'SignatureDoesNotMatch');
  assert.equal((await get(target(url))).status, 200);
});

test('scope and existence: outside the prefix is AccessDenied, a missing key in scope is NoSuchKey', async () => {
  const creds = await credentials();
  const get = (url) => rawRequest(demo.objectPort, { path: target(url), headers: { Host: objectHost() } });
  await expectCosError(await get(presign(creds, 'private/not-in-scope.txt')), 403, 'AccessDenied');
  await expectCosError(await get(presign(creds, 'demo/no-such-file.txt')), 404, 'NoSuchKey');
  await expectCosError(await get(presign(creds, 'demo/link-out.txt')), 404, 'NoSuchKey'); // a symlink out of the bucket
});

test('replayed links after expiry: AccessDenied "Request has expired"; early links: RequestTimeTooSkewed; expired credentials: InvalidToken', async (t) => {
  t.after(() => { clockShiftMs = 0; });
  const creds = await credentials();
  const url = presign(creds, 'demo/hello.txt', { expires: 30 });
  const get = () => rawRequest(demo.objectPort, { path: target(url), headers: { Host: objectHost() } });
  assert.equal((await get()).status, 200);
  assert.equal((await get()).status, 200, 'a link can be used more than once while valid');
  clockShiftMs = 31_000;
  const expired = await get();
  await expectCosError(expired, 403, 'AccessDenied');
  assert.match(expired.text, /<Message>Request has expired<\/Message>/);
  clockShiftMs = -60_000;
  await expectCosError(await get(), 403, 'RequestTimeTooSkewed');
  clockShiftMs = 0;
  const long = presign(creds, 'demo/hello.txt', { expires: 3600 }); // outlives the 600 s credentials
  clockShiftMs = 601_000;
  const res = await rawRequest(demo.objectPort, { path: target(long), headers: { Host: objectHost() } });
  await expectCosError(res, 403, 'InvalidToken');
  assert.match(res.text, /expired/);
});

test('path traversal never leaves the bucket folder (object endpoint and page site)', async () => {
  const creds = await credentials();
  const host = objectHost();
  const attempts = [
    ['/demo/../private/not-in-scope.txt', 'demo/../private/not-in-scope.txt'],
    ['/demo/%2e%2e/private/not-in-scope.txt', 'demo/../private/not-in-scope.txt'],
    ['/demo/%2E%2E%2Fprivate%2Fnot-in-scope.txt', 'demo/../private/not-in-scope.txt'],
    ['/demo/..%2f..%2foutside.txt', 'demo/../../outside.txt'],
    [`/demo/../../outside-${process.pid}.txt`, `demo/../../outside-${process.pid}.txt`],
    [`/demo/%2e%2e/%2e%2e/outside-${process.pid}.txt`, `demo/../../outside-${process.pid}.txt`],
    [`/demo\\..\\..\\outside-${process.pid}.txt`, `demo\\..\\..\\outside-${process.pid}.txt`],
    [`/demo/..%5c..%5coutside-${process.pid}.txt`, `demo/..\\..\\outside-${process.pid}.txt`],
    ['/demo/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'demo/../../../../etc/passwd'],
    ['/demo//etc/passwd', 'demo//etc/passwd'],
    ['/demo/hello.txt%00.png', 'demo/hello.txt\u0000.png'],
  ];
  for (const [rawPath, key] of attempts) {
    // Validly signed for exactly the decoded key, so only the bucket lookup stands in the way.
    const path = sdkSignedTarget({ credentials: creds.credentials, key, host, rawPath });
    const res = await rawRequest(demo.objectPort, { path, headers: { Host: host } });
    // Inside the credential's prefix (as text) the lookup finds no such key; outside it, the scope check refuses.
    const [status, code] = key.startsWith('demo/') ? [404, 'NoSuchKey'] : [403, 'AccessDenied'];
    assert.equal(res.status, status, `${rawPath}: ${res.status} ${res.text}`);
    assert.equal(cosErrorCode(res.text), code, rawPath);
    assert.ok(!res.text.includes(OUTSIDE_SECRET) && !res.text.includes('root:') && !res.text.includes('Credentials scoped'), rawPath);
  }
  // Unsigned, the same paths are refused before any lookup.
  for (const [rawPath] of attempts) {
    const res = await rawRequest(demo.objectPort, { path: rawPath, headers: { Host: host } });
    assert.ok([400, 403].includes(res.status), `${rawPath}: ${res.status}`);
  }
  const pageAttempts = ['/demo/../package.json', '/%2e%2e/package.json', '/dist/..%2f..%2fpackage.json', '/demo/..\\..\\package.json',
    '/demo/%2e%2e/%2e%2e/package.json', '/../scripts/demo-server/server.js', '/demo/server.js', '/.git/config', '/index.js/..'];
  const pagePort = Number(new URL(demo.pageOrigin).port);
  for (const path of pageAttempts) {
    const res = await rawRequest(pagePort, { path });
    assert.equal(res.status, 404, `${path}: ${res.status}`);
    assert.ok(!res.text.includes('"devDependencies"') && !res.text.includes('startDemoServer'), path);
  }
});

test('malformed and oversized requests get clear errors and the server stays up', async () => {
  const creds = await credentials();
  const host = objectHost();
  const get = (path, headers = {}) => rawRequest(demo.objectPort, { path, headers: { Host: host, ...headers } });
  const good = target(presign(creds, 'demo/hello.txt'));
  await expectCosError(await get('/demo/%E0%A4%A.txt'), 400, 'InvalidURI');
  await expectCosError(await get(`${good}&bad=%zz`), 400, 'InvalidURI');
  await expectCosError(await get(good.replace('q-sign-algorithm=sha1', 'q-sign-algorithm=md5')), 403, 'AccessDenied');
  await expectCosError(await get(good.replace(/q-sign-time=[^&]*/, 'q-sign-time=abc')), 403, 'AccessDenied');
  await expectCosError(await get(good.replace(/q-signature=[^&]*/, 'q-signature=')), 403, 'SignatureDoesNotMatch');
  await expectCosError(await get(good.replace(/&q-header-list=[^&]*/, '')), 403, 'AccessDenied');
  await expectCosError(await get(good.replace(/q-header-list=[^&]*/, 'q-header-list=')), 403, 'SignatureDoesNotMatch');
  await expectCosError(await get(`${good}&q-ak=again`), 400, 'InvalidArgument');
  await expectCosError(await get(`/demo/hello.txt?${'a=1&'.repeat(2500)}`), 414, 'RequestURITooLong');
  const tooManyParams = Array.from({ length: 100 }, (_, i) => `p${i}`).join('&');
  await expectCosError(await get(`/demo/hello.txt?${tooManyParams}`), 400, 'InvalidArgument');
  // Header values that cannot be headers, smuggled through response-*: signed, so only the header check stops them.
  const crlf = sdkSignedTarget({ credentials: creds.credentials, key: 'demo/hello.txt', host, query: { 'response-content-type': 'text/plain\r\nSet-Cookie: x=1' } });
  await expectCosError(await get(crlf), 400, 'InvalidArgument');
  const nonLatin = sdkSignedTarget({ credentials: creds.credentials, key: 'demo/hello.txt', host, query: { 'response-content-disposition': 'attachment; filename=报告.pdf' } });
  await expectCosError(await get(nonLatin), 400, 'InvalidArgument');
  await expectCosError(await rawRequest(demo.objectPort, { method: 'DELETE', path: '/demo/x.txt', headers: { Host: host } }), 405, 'MethodNotAllowed');
  await expectCosError(await rawRequest(demo.objectPort, { method: 'PUT', path: '/uploads/x.txt', headers: { Host: host } }), 403, 'AccessDenied');

  assert.equal((await get(good, { 'X-Big': 'x'.repeat(20 * 1024) })).status, 431);
  assert.equal((await get(`/demo/hello.txt?x=${'a'.repeat(20 * 1024)}`)).status, 431);
  assert.match(await rawSocket(demo.objectPort, 'GARBAGE \x00\x01\x02\r\n\r\n'), /^HTTP\/1\.1 400/);
  assert.match(await rawSocket(demo.objectPort, `GET ${good} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\n\r\nhello`), /^HTTP\/1\.1 413/);
  assert.match(await rawSocket(demo.objectPort, `GET ${good} HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n`), /^HTTP\/1\.1 400/);

  const preflight = await rawRequest(demo.objectPort, { method: 'OPTIONS', path: '/demo/hello.txt', headers: { Host: host, Origin: 'http://127.0.0.1:1', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' } });
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers['access-control-allow-origin'], '*');
  assert.match(preflight.headers['access-control-allow-methods'], /GET/);
  assert.equal(preflight.headers['access-control-allow-headers'], 'range');

  assert.equal((await get(good)).status, 200, 'still serving after all that');
});

test('a client that stalls mid-request is cut off; the server keeps serving', async () => {
  const started = Date.now();
  const answer = await rawSocket(demo.objectPort, `GET /demo/hello.txt HTTP/1.1\r\nHost: ${objectHost()}\r\nX-Slow: `, { timeout: 12_000 });
  assert.match(answer, /^HTTP\/1\.1 408|^$/, answer);
  assert.ok(Date.now() - started < 12_000);
  const creds = await credentials();
  assert.equal((await rawRequest(demo.objectPort, { path: target(presign(creds, 'demo/hello.txt')), headers: { Host: objectHost() } })).status, 200);
});

test('many concurrent clients from a second process on loopback: every answer right, server up', { timeout: 60_000 }, async () => {
  const creds = await credentials();
  const keys = [...demo.index.keys()].filter((k) => k.startsWith('demo/') && !k.endsWith('link-out.txt'));
  const requests = [];
  for (let i = 0; i < 600; i++) {
    const key = keys[i % keys.length];
    const url = presign(creds, key);
    const kind = i % 4;
    if (kind === 0) requests.push({ path: target(url), expect: 200, bytes: (await readFile(demo.index.get(key).path)).length });
    else if (kind === 1) requests.push({ path: target(url).replace(/q-signature=./, 'q-signature=z'), expect: 403, code: 'SignatureDoesNotMatch' });
    else if (kind === 2) requests.push({ path: `/demo/%2e%2e/private/not-in-scope.txt?${new URL(url).search.slice(1)}`, expect: 403, code: 'SignatureDoesNotMatch' });
    else requests.push({ path: target(presign(creds, `demo/missing-${i}.txt`)), expect: 404, code: 'NoSuchKey' });
  }
  const child = spawn(process.execPath, [new URL('./helpers/load-client.js', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify({ port: demo.objectPort, host: objectHost(), concurrency: 64, requests }));
  let out = '';
  child.stdout.on('data', (c) => { out += c; });
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0);
  const report = JSON.parse(out);
  assert.deepEqual(report.wrong, [], 'every request got the expected answer');
  assert.equal(report.done, requests.length);
  assert.equal((await rawRequest(demo.objectPort, { path: requests[0].path, headers: { Host: objectHost() } })).status, 200);
});

test('`node scripts/demo-server/main.js` prints its address and serves the page with a strict CSP', { timeout: 20_000 }, async () => {
  const child = spawn(process.execPath, [new URL('../../scripts/demo-server/main.js', import.meta.url).pathname], {
    env: { ...process.env, PORT: '0', OBJECT_PORT: '0', HOST: '127.0.0.1', COS_SECRET_ID: '', COS_SECRET_KEY: '', COS_BUCKET: '', COS_REGION: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = await new Promise((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (c) => { buf += c; const m = /cos-presign demo: (http:\/\/\S+)/.exec(buf); if (m) resolve(m[1]); });
      child.on('close', () => reject(new Error(`exited early: ${buf}`)));
    });
    assert.match(line, /^http:\/\/127\.0\.0\.1:\d+\/demo\/$/);
    const res = await fetch(line);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
    const wasm = await fetch(new URL('/dist/cos-presign-core.wasm', line));
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.ok(WebAssembly.validate(new Uint8Array(await wasm.arrayBuffer())));
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('close', resolve)));
  }
});

test('real-bucket mode: the page is pointed at COS, and an STS failure is a clean 502 that echoes no secret', async () => {
  const cos = {
    secretId: 'AKIDrealmodetestsecretid0000000000', secretKey: 'realModeTestSecretKey/should+never=appear',
    bucket: 'examplebucket-1250000000', region: 'ap-beijing', keys: ['demo/a.pdf', 'demo/b.jpg'],
    endpoint: '127.0.0.1:1', // qcloud-cos-sts's host option, at a closed loopback port: nothing leaves the machine
  };
  const real = await startDemoServer({ port: 0, cos });
  try {
    const config = await (await fetch(`${real.pageOrigin}/api/config`)).json();
    assert.equal(config.mode, 'cos');
    assert.equal(config.domains, null);
    assert.equal(config.protocol, 'https');
    assert.deepEqual(config.objects.map((o) => o.key), cos.keys);
    const page = await fetch(`${real.pageOrigin}/demo/`);
    const csp = page.headers.get('content-security-policy');
    assert.match(csp, /connect-src 'self' https:\/\/examplebucket-1250000000\.cos\.ap-beijing\.myqcloud\.com;/);
    assert.match(csp, /img-src 'self' https:\/\/examplebucket-1250000000\.cos\.ap-beijing\.myqcloud\.com;/);
    const sts = await fetch(`${real.pageOrigin}/api/sts?prefix=demo/`);
    assert.equal(sts.status, 502);
    const text = await sts.text();
    assert.equal(JSON.parse(text).error, 'sts_failed');
    for (const secret of [cos.secretId, cos.secretKey]) assert.ok(!text.includes(secret));
  } finally {
    await real.close();
  }
});
