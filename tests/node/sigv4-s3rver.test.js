// Our SigV4 URLs against a real S3 emulator that verifies pre-signed URLs:
// @20minutes/s3rver (the upstream s3rver does not check signatures), started
// here on 127.0.0.1 with a free port and stopped at the end.
//
// Objects are put with the official AWS SDK and downloaded through our URLs
// with fetch. Two limits of the emulator shape the cases:
// - it re-encodes query values with encodeURIComponent, which leaves !'()*
//   raw where SigV4 encodes them, so those stay out of query values here
//   (the differential tests against the AWS SDK cover them);
// - it signs virtual-hosted requests with the bucket in the path, so only
//   path style is checked here (virtual-hosted: differential tests).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { init, createPresigner, InvalidArgumentError } from 'cos-presign/sigv4';

const require = createRequire(import.meta.url);
const S3rver = require('@20minutes/s3rver');
// The emulator's account registry: add a key pair with a realistic secret ('/' and '+').
const { DUMMY_ACCOUNT } = require('@20minutes/s3rver/lib/models/account');
const { S3Client, PutObjectCommand, GetObjectCommand } = require('@aws-sdk/client-s3');

const BUCKET = 'test-bucket';
const credentials = { accessKeyId: 'AKIACOSPRESIGNTEST01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYTESTKEY/9z' };
const KEYS = [
  'plain.txt',
  'a b+c.txt',
  '报告 2024/年度+总结.pdf',
  '😀/emoji 🎉 key.png',
  "brackets !*'() and ~tilde.bin",
  '100% sure & a=b?c#d.txt',
  'deep/er/path/trailing/',
  'é/ß/Ω/ж/ا',
];

let server;
let directory;
let endpoint;
let s3;
let signer;
const bodies = new Map();

function fetchBounded(url, init = {}) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
}

function v4(options) {
  return signer.presignUrlV4({ ...credentials, region: 'us-east-1', endpoint, bucket: BUCKET, ...options });
}

async function refusal(url, init) {
  const res = await fetchBounded(url, init);
  const body = await res.text();
  return { status: res.status, code: (/<Code>([^<]*)<\/Code>/.exec(body) || [])[1] };
}

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'cos-presign-s3rver-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  s3 = new S3Client({
    region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { ...credentials }, maxAttempts: 1, // a copy: the SDK marks it up
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  for (const key of KEYS) {
    const body = randomBytes(257 + bodies.size);
    bodies.set(key, body);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }), { abortSignal: AbortSignal.timeout(10_000) });
  }
  signer = await init();
});

after(async () => {
  s3?.destroy();
  if (server) await server.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

test('objects with difficult keys download through our URLs, byte for byte', { timeout: 30_000 }, async () => {
  for (const key of KEYS) {
    const url = v4({ key, expires: 300 });
    const res = await fetchBounded(url);
    assert.equal(res.status, 200, `${key}: ${res.status} ${res.status === 200 ? '' : await res.clone().text()}`);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), bodies.get(key), key);
  }
});

test('a batch, a session token, signed response overrides and a bare parameter', { timeout: 30_000 }, async () => {
  const urls = signer.presignUrlsV4({
    ...credentials, region: 'us-east-1', endpoint, bucket: BUCKET, expires: 300,
    sessionToken: 'FQoGZXIvYXdzE+/token==',
    query: {
      'response-content-disposition': 'attachment; filename="a b+c;d.txt"',
      'response-content-type': 'text/plain; charset=utf-8',
      'x-cos-presign-flag': null,
    },
  }, KEYS);
  assert.equal(urls.length, KEYS.length);
  for (let i = 0; i < KEYS.length; i++) {
    assert.match(urls[i], /&x-cos-presign-flag&/, 'a null value is a bare name');
    const res = await fetchBounded(urls[i]);
    assert.equal(res.status, 200, `${KEYS[i]}: ${await res.clone().text()}`);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="a b+c;d.txt"');
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), bodies.get(KEYS[i]));
  }
});

test('a signed Range header is honoured; not sending it is refused', { timeout: 30_000 }, async () => {
  const url = v4({ key: 'a b+c.txt', headers: { Range: 'bytes=2-9' } });
  const res = await fetchBounded(url, { headers: { Range: 'bytes=2-9' } });
  assert.equal(res.status, 206, await res.clone().text());
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), bodies.get('a b+c.txt').subarray(2, 10));
  assert.equal((await refusal(url)).status, 403);
});

test('a PUT through our URL is stored, and reads back with the AWS SDK', { timeout: 30_000 }, async () => {
  const key = 'uploads/新 file+1.bin';
  const body = randomBytes(1000);
  const res = await fetchBounded(v4({ key, method: 'PUT' }), { method: 'PUT', body });
  assert.equal(res.status, 200, await res.text());
  const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }), { abortSignal: AbortSignal.timeout(10_000) });
  assert.deepEqual(Buffer.from(await got.Body.transformToByteArray()), body);
});

test('tampered links are refused', { timeout: 30_000 }, async () => {
  const good = v4({ key: 'a b+c.txt', query: { 'response-content-type': 'text/plain' } });
  assert.equal((await fetchBounded(good)).status, 200);
  const u = new URL(good);
  const sig = u.searchParams.get('X-Amz-Signature');
  const tampered = {
    'another signature': good.replace(sig, (sig[0] === '0' ? '1' : '0') + sig.slice(1)),
    'another key': good.replace('/a%20b%2Bc.txt?', '/plain.txt?'),
    'another letter case in the key': good.replace('/a%20b%2Bc.txt?', '/A%20b%2Bc.txt?'),
    'a changed signed parameter': good.replace('response-content-type=text%2Fplain', 'response-content-type=text%2Fhtml'),
    'an added parameter': good + '&response-content-disposition=attachment',
    'a dropped parameter': good.replace('&response-content-type=text%2Fplain', ''),
    'an edited X-Amz-Expires': good.replace('X-Amz-Expires=900', 'X-Amz-Expires=901'),
    'an edited X-Amz-Date': good.replace(/X-Amz-Date=(\d{8}T\d{4})(\d\d)Z/, (m, a, s) => `X-Amz-Date=${a}${s === '00' ? '01' : '00'}Z`),
  };
  for (const [what, url] of Object.entries(tampered)) {
    assert.notEqual(url, good, what);
    const r = await refusal(url);
    assert.equal(r.status, 403, `${what}: ${r.status} ${r.code}`);
    assert.equal(r.code, 'SignatureDoesNotMatch', what);
  }
  const wrongSecret = signer.presignUrlV4({ ...credentials, secretAccessKey: 'not-the-secret', region: 'us-east-1', endpoint, bucket: BUCKET, key: 'a b+c.txt' });
  assert.equal((await refusal(wrongSecret)).code, 'SignatureDoesNotMatch');
});

test('expired links are refused', { timeout: 30_000 }, async () => {
  const now = Math.floor(Date.now() / 1000);
  const expired = v4({ key: 'plain.txt', date: now - 3600, expires: 60 });
  const r = await refusal(expired);
  assert.equal(r.status, 403);
  assert.equal(r.code, 'AccessDenied');
  // The same signing time with a lifetime that still covers now works.
  assert.equal((await fetchBounded(v4({ key: 'plain.txt', date: now - 3600, expires: 7200 }))).status, 200);
});

test('over-long links: we refuse to sign them, and the server refuses an edited one', { timeout: 30_000 }, async () => {
  assert.throws(() => v4({ key: 'plain.txt', expires: 604801 }), (e) => e instanceof InvalidArgumentError && e.code === 'ERR_EXPIRES_TOO_LONG');
  const longest = v4({ key: 'plain.txt', expires: 604800 });
  assert.equal((await fetchBounded(longest)).status, 200);
  const r = await refusal(longest.replace('X-Amz-Expires=604800', 'X-Amz-Expires=604801'));
  assert.equal(r.status, 400);
  assert.equal(r.code, 'AuthorizationQueryParametersError');
});

test('createPresigner({ signature: "v4" }): URLs from provided credentials download; clamped to their expiry', { timeout: 30_000 }, async () => {
  const scopes = [];
  let expiresIn = 3600;
  const presigner = createPresigner({
    signature: 'v4', endpoint, bucket: BUCKET, region: 'us-east-1',
    credentials: async (scope) => {
      scopes.push(scope);
      return { secretId: credentials.accessKeyId, secretKey: credentials.secretAccessKey, sessionToken: 'session/token+1', expiredTime: Math.floor(Date.now() / 1000) + expiresIn };
    },
  });
  const urls = await presigner.getObjectUrls(KEYS, { expires: 600 });
  assert.equal(scopes.length, 1, 'one credential look-up for the batch');
  assert.equal(scopes[0].action, 's3:GetObject');
  for (let i = 0; i < KEYS.length; i++) {
    const u = new URL(urls[i]);
    assert.equal(u.searchParams.get('X-Amz-Security-Token'), 'session/token+1');
    assert.equal(Number(u.searchParams.get('X-Amz-Expires')), 660, '600 s from now, signed from 60 s ago');
    const res = await fetchBounded(urls[i]);
    assert.equal(res.status, 200, `${KEYS[i]}: ${await res.clone().text()}`);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), bodies.get(KEYS[i]));
  }
  const single = await presigner.getObjectUrlDetails('a b+c.txt', { responseContentType: 'text/plain' });
  assert.equal((await fetchBounded(single.url)).headers.get('content-type'), 'text/plain');
  assert.equal(presigner.getObjectUrlSync('plain.txt').split('?')[0], `${endpoint}/${BUCKET}/plain.txt`);

  // Credentials that expire sooner than the URL asked for: the URL ends with them.
  expiresIn = 120;
  presigner.dispose();
  const short = createPresigner({ signature: 'v4', endpoint, bucket: BUCKET, region: 'us-east-1', refreshMargin: 0,
    credentials: async () => ({ secretId: credentials.accessKeyId, secretKey: credentials.secretAccessKey, sessionToken: 't', expiredTime: Math.floor(Date.now() / 1000) + expiresIn }) });
  const details = await short.getObjectUrlDetails('plain.txt', { expires: 3600 });
  assert.equal(details.clamped, true);
  const u = new URL(details.url);
  const signedAt = Date.parse(u.searchParams.get('X-Amz-Date').replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')) / 1000;
  assert.equal(signedAt + Number(u.searchParams.get('X-Amz-Expires')), details.endTime);
  assert.ok(details.endTime <= Math.floor(Date.now() / 1000) + 120);
  assert.equal((await fetchBounded(details.url)).status, 200);
  short.dispose();
});

test('createPresigner({ signature: "v4" }): the 7-day limit and options of the other signature', async () => {
  const base = { signature: 'v4', endpoint, bucket: BUCKET, region: 'us-east-1', credentials: async () => ({ secretId: 'A', secretKey: 'B', sessionToken: 'C', expiredTime: Math.floor(Date.now() / 1000) + 30 * 86400 }) };
  const code = (fn) => { try { fn(); } catch (e) { return e.code; } return 'no error'; };
  assert.equal(code(() => createPresigner({ ...base, expires: 604801 })), 'ERR_EXPIRES_TOO_LONG');
  assert.equal(code(() => createPresigner({ ...base, domain: 'x.example.com' })), 'ERR_CONFLICTING_OPTIONS');
  assert.equal(code(() => createPresigner({ ...base, accelerate: true })), 'ERR_CONFLICTING_OPTIONS');
  assert.equal(code(() => createPresigner({ ...base, signature: undefined })), 'ERR_CONFLICTING_OPTIONS', 'endpoint needs v4');
  assert.equal(code(() => createPresigner({ ...base, signature: 'v2' })), 'ERR_INVALID_VALUE');
  const presigner = createPresigner(base);
  await assert.rejects(presigner.getObjectUrl('plain.txt', { expires: 604801 }), { code: 'ERR_EXPIRES_TOO_LONG' });
  const week = new URL(await presigner.getObjectUrl('plain.txt', { expires: 604800 }));
  assert.equal(week.searchParams.get('X-Amz-Expires'), '604800', 'leeway gives way to the 7-day limit');
  presigner.dispose();
});

test('createPresigner({ signature: "v4" }).getUploadUrl: uploads through the URL with the headers it returns, and back', { timeout: 30_000 }, async () => {
  const scopes = [];
  const presigner = createPresigner({
    signature: 'v4', endpoint, bucket: BUCKET, region: 'us-east-1',
    credentials: async (scope) => {
      scopes.push(scope.action);
      return { secretId: credentials.accessKeyId, secretKey: credentials.secretAccessKey, sessionToken: 'session/token+1', expiredTime: Math.floor(Date.now() / 1000) + 900 };
    },
  });
  for (const key of ['uploads/新 file+1.bin', 'uploads/a b/c.txt']) {
    const body = randomBytes(4096);
    const up = await presigner.getUploadUrl(key, { contentType: 'application/x-test', contentLength: body.length, headers: { 'x-amz-meta-owner': 'alice' } });
    const res = await fetchBounded(up.url, { method: up.method, headers: up.headers, body });
    assert.equal(res.status, 200, await res.text());
    const back = await fetchBounded(await presigner.getObjectUrl(key));
    assert.equal(back.status, 200);
    assert.equal(back.headers.get('content-type'), 'application/x-test');
    assert.equal(back.headers.get('x-amz-meta-owner'), 'alice');
    assert.deepEqual(Buffer.from(await back.arrayBuffer()), body);
  }
  assert.deepEqual(scopes, ['s3:PutObject', 's3:GetObject'], 'upload and download credentials asked apart');

  // Every signed header must arrive with its signed value.
  const body = randomBytes(100);
  const up = await presigner.getUploadUrl('uploads/refused.bin', { contentType: 'image/png', contentLength: 100, headers: { 'x-amz-meta-owner': 'alice' } });
  const wrong = {
    'another Content-Type': [{ ...up.headers, 'Content-Type': 'text/html' }, body],
    'no metadata header': [{ 'Content-Type': 'image/png' }, body],
    'another metadata value': [{ ...up.headers, 'x-amz-meta-owner': 'mallory' }, body],
    'another size': [up.headers, randomBytes(101)],
  };
  for (const [what, [headers, b]] of Object.entries(wrong)) {
    const r = await refusal(up.url, { method: 'PUT', headers, body: b });
    assert.equal(r.status, 403, what);
    assert.equal(r.code, 'SignatureDoesNotMatch', what);
  }
  const none = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'uploads/refused.bin' }), { abortSignal: AbortSignal.timeout(10_000) }).catch((e) => e);
  assert.equal(none.name, 'NoSuchKey', 'nothing was stored');
  presigner.dispose();
});
