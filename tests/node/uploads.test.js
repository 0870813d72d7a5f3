// Upload URLs (pre-signed PUTs) from the presigner, COS and SigV4, checked
// against the official signers: cos-nodejs-sdk-v5 recomputing the signature
// from the URL plus the headers returned, cos-js-sdk-v5's getObjectUrl for
// CosCompat, and the AWS SDK (PutObjectCommand presigning, and its SigV4
// signer for signed headers its S3 presigner leaves unsigned).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import { createHash, createHmac } from 'node:crypto';
import { createPresigner, CosCompat, CredentialsError, ExpiryError, InvalidArgumentError } from 'cos-presign';
import { createPresigner as createV4Presigner, init as initV4 } from 'cos-presign/sigv4';
import { verifyCosUrl, camSafeEncode } from './helpers/cos-url.js';
import { CosJs } from './helpers/sdk.js';

const require = createRequire(import.meta.url);
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
// The AWS SDK's own SigV4 signer, as its S3 presigner uses it (it signs content-type; the S3 presigner never does).
const { SignatureV4 } = require(createRequire(require.resolve('@aws-sdk/s3-request-presigner')).resolve('@smithy/signature-v4'));

const BUCKET = 'examplebucket-1250000000';
const REGION = 'ap-guangzhou';
const SECRET = 'tmp-secret-key-never-in-messages';
const T0 = 1_800_000_000;
const now = () => T0 * 1000;

function sts(startTime = T0, extra = {}) {
  return {
    credentials: { tmpSecretId: 'AKIDupload', tmpSecretKey: SECRET, sessionToken: 'sts-token+/=' },
    startTime, expiredTime: startTime + 1800, ...extra,
  };
}

function backend(answer = () => sts()) {
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

test('getUploadUrl: a PUT URL, the headers to send (Content-Type first, all signed), and its window', async () => {
  const provider = backend();
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: provider, now });
  const up = await p.getUploadUrl('uploads/报告 a+b.pdf', {
    contentType: 'application/pdf', contentLength: 1234, expires: 300,
    headers: { 'x-cos-meta-author': 'Zhang San', 'x-cos-storage-class': 'STANDARD_IA', 'Content-MD5': '1B2M2Y8AsgTpgAmY7PhCfg==' },
  });
  assert.equal(up.method, 'PUT');
  assert.deepEqual(Object.keys(up.headers), ['Content-Type', 'x-cos-meta-author', 'x-cos-storage-class', 'Content-MD5']);
  assert.equal(up.headers['Content-Type'], 'application/pdf');
  assert.equal(up.clamped, false);
  assert.equal(up.endTime, T0 + 300);
  assert.equal(up.expiresAt.getTime(), (T0 + 300) * 1000);
  assert.equal(up.clock, 'page');
  assert.equal(signedWindow(up.url).end, T0 + 300);

  // The official signer, from the URL as a server reads it plus what the client sends.
  const sent = { ...up.headers, 'Content-Length': '1234' };
  const v = verifyCosUrl(up.url, { secretKey: SECRET, method: 'put', headers: sent });
  assert.ok(v.ok, v.reason);
  assert.equal(v.key, '/uploads/报告 a+b.pdf');
  assert.deepEqual(v.auth['q-header-list'].split(';'),
    ['content-length', 'content-md5', 'content-type', 'host', 'x-cos-meta-author', 'x-cos-storage-class']);
  // Any other value of a signed header fails: the URL pins type, size and metadata.
  for (const [name, value] of [['Content-Type', 'text/html'], ['Content-Length', '1235'], ['x-cos-meta-author', 'Li Si']]) {
    assert.equal(verifyCosUrl(up.url, { secretKey: SECRET, method: 'put', headers: { ...sent, [name]: value } }).ok, false, name);
  }
  assert.equal(verifyCosUrl(up.url, { secretKey: SECRET, method: 'get', headers: sent }).ok, false, 'not a GET URL');

  // Defaults: application/octet-stream, no size.
  const plain = await p.getUploadUrl('uploads/a.bin');
  assert.deepEqual(plain.headers, { 'Content-Type': 'application/octet-stream' });
  assert.ok(verifyCosUrl(plain.url, { secretKey: SECRET, method: 'put', headers: plain.headers }).ok);
  assert.equal(new URL(plain.url).searchParams.get('q-header-list'), 'content-type;host');
});

test('the provider is asked for PutObject on exactly that key; upload and download credentials are kept apart', async () => {
  const provider = backend((scope, n) => sts(T0, {}, n));
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: provider, now });
  await p.getObjectUrl('uploads/a.txt');
  await Promise.all([p.getUploadUrl('uploads/a.txt'), p.getUploadUrl('uploads/b.txt')]);
  await p.getUploadUrl('uploads/c.txt');
  await p.getObjectUrl('uploads/d.txt');
  assert.deepEqual(provider.calls.map((s) => [s.action, s.keys]), [
    ['name/cos:GetObject', ['uploads/a.txt']],
    ['name/cos:PutObject', ['uploads/a.txt']],
  ], 'one fetch per action, shared by concurrent calls, then cached');
  assert.deepEqual(Object.keys(provider.calls[1]).sort(), ['action', 'bucket', 'keys', 'region']);

  // A backend that says one set serves both: one fetch.
  const both = backend(() => sts(T0, { actions: ['name/cos:GetObject', 'name/cos:PutObject'] }));
  const q = createPresigner({ bucket: BUCKET, region: REGION, credentials: both, now });
  await q.getUploadUrl('uploads/a.txt');
  await q.getObjectUrl('uploads/a.txt');
  assert.equal(both.calls.length, 1);

  // ScopeLimit answers: one per key and action.
  const scoped = backend(() => sts(T0, { ScopeLimit: true }));
  const r = createPresigner({ bucket: BUCKET, region: REGION, credentials: scoped, now });
  await r.getUploadUrl('uploads/a.txt');
  await r.getUploadUrl('uploads/a.txt');
  await r.getUploadUrl('uploads/b.txt');
  await r.getObjectUrl('uploads/a.txt');
  assert.equal(scoped.calls.length, 3);
});

test('a URL endpoint receives the upload scope as query parameters', async () => {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(new URL(req.url, 'http://x').searchParams);
    res.writeHead(200, { 'content-type': 'application/json', date: new Date(T0 * 1000).toUTCString() });
    res.end(JSON.stringify(sts()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: `http://127.0.0.1:${server.address().port}/api/sts`, now });
    const up = await p.getUploadUrl('uploads/新 file.txt', { contentType: 'text/plain' });
    assert.ok(verifyCosUrl(up.url, { secretKey: SECRET, method: 'put', headers: up.headers }).ok);
    assert.equal(up.clock, 'date');
    assert.deepEqual(Object.fromEntries(seen[0]), {
      action: 'name/cos:PutObject', bucket: BUCKET, region: REGION, prefix: 'uploads/新 file.txt', key: 'uploads/新 file.txt',
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('getUploadUrlSync: ERR_NOT_READY until upload credentials are held, then synchronous', async () => {
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: backend(), now });
  assert.throws(() => p.getUploadUrlSync('uploads/a'), (e) => e instanceof ExpiryError && e.code === 'ERR_NOT_READY');
  await p.ready(); // download credentials only
  assert.throws(() => p.getUploadUrlSync('uploads/a'), { code: 'ERR_NOT_READY' });
  await p.getUploadUrl('uploads/first');
  const up = p.getUploadUrlSync('uploads/second', { contentType: 'image/png', expires: 60 });
  assert.equal(up.method, 'PUT');
  assert.ok(verifyCosUrl(up.url, { secretKey: SECRET, method: 'put', headers: up.headers }).ok);
  assert.equal(signedWindow(up.url).end, T0 + 60);
  p.dispose();
  assert.throws(() => p.getUploadUrlSync('uploads/a'), { code: 'ERR_DISPOSED' });
  await assert.rejects(p.getUploadUrl('uploads/a'), { code: 'ERR_DISPOSED' });
});

test('upload URLs are clamped to the credentials, or refused with strictExpiry', async () => {
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: async () => sts(T0 - 1500), now });
  const up = await p.getUploadUrl('uploads/a', { expires: 3600 });
  assert.equal(up.clamped, true);
  assert.equal(up.endTime, T0 + 300);
  await assert.rejects(p.getUploadUrl('uploads/a', { expires: 3600, strictExpiry: true }), { code: 'ERR_EXPIRES_BEYOND_CREDENTIALS' });
});

test('bad upload options are clear errors naming the option, never echoing a value', async () => {
  const p = createPresigner({ bucket: BUCKET, region: REGION, credentials: backend(), now });
  const cases = [
    [{ contentType: 42 }, 'ERR_INVALID_TYPE', 'contentType'],
    [{ contentType: '' }, 'ERR_MISSING_FIELD', 'contentType'],
    [{ contentType: 'text/plain\r\nX-Evil: 1' }, 'ERR_CONTROL_CHARACTER', 'header "Content-Type" value'],
    [{ contentType: 'text/\uD800' }, 'ERR_LONE_SURROGATE', 'header "Content-Type" value'],
    [{ contentLength: -1 }, 'ERR_INVALID_VALUE', 'contentLength'],
    [{ contentLength: 1.5 }, 'ERR_INVALID_VALUE', 'contentLength'],
    [{ contentLength: '10' }, 'ERR_INVALID_TYPE', 'contentLength'],
    [{ headers: 'x-cos-meta-a: 1' }, 'ERR_INVALID_TYPE', 'headers'],
    [{ headers: { 'content-type': 'text/plain' } }, 'ERR_CONFLICTING_OPTIONS', 'header "Content-Type"'],
    [{ headers: { 'Content-Length': 5 } }, 'ERR_CONFLICTING_OPTIONS', 'header "Content-Length"'],
    [{ headers: { 'x-cos-meta-a': 'v\nX: 1' } }, 'ERR_CONTROL_CHARACTER', 'header "x-cos-meta-a" value'],
    [{ headers: { 'x-cos-meta-a': null } }, 'ERR_INVALID_VALUE', 'header "x-cos-meta-a" value'],
    [{ headers: { Host: 'evil.example.com' } }, 'ERR_RESERVED_NAME', 'header "Host" name'],
    [{ headers: { 'x cos': '1' } }, 'ERR_INVALID_NAME', 'header "x cos" name'],
    [{ expires: 0 }, 'ERR_INVALID_EXPIRES', 'expires'],
    [{ download: 'a.txt' }, 'ERR_UNKNOWN_OPTION', '"download"'],
  ];
  for (const [options, code, field] of cases) {
    await assert.rejects(p.getUploadUrl('uploads/a', options), (e) => {
      assert.ok(e instanceof InvalidArgumentError, `${JSON.stringify(options)}: ${e}`);
      assert.equal(e.code, code, JSON.stringify(options));
      assert.ok(e.message.includes(field), `${e.message} names ${field}`);
      assert.ok(!e.message.includes('X-Evil') && !e.message.includes('Li Si') && !e.message.includes(SECRET));
      return true;
    });
  }
  for (const [key, code] of [['', 'ERR_EMPTY_KEY'], ['a/../b', 'ERR_DOT_SEGMENT'], [null, 'ERR_MISSING_FIELD'], [7, 'ERR_INVALID_TYPE']]) {
    await assert.rejects(p.getUploadUrl(key), { code });
  }
  // After all of that the presigner still signs.
  const up = await p.getUploadUrl('uploads/a');
  assert.ok(verifyCosUrl(up.url, { secretKey: SECRET, method: 'put', headers: up.headers }).ok);
});

test('CosCompat takes Method and Headers as cos-js-sdk-v5 does, and agrees with its getObjectUrl', async () => {
  const nowS = Math.floor(Date.now() / 1000);
  const creds = { TmpSecretId: 'AKIDcompat', TmpSecretKey: SECRET, SecurityToken: 'tok', StartTime: nowS - 10, ExpiredTime: nowS + 900 };
  const seen = [];
  const getAuthorization = (options, callback) => {
    seen.push(options);
    callback(creds);
  };
  const ours = new CosCompat({ getAuthorization });
  const sdk = new CosJs({ getAuthorization: (_, cb) => cb(creds) });
  const cases = [
    { Method: 'PUT', Headers: { 'Content-Type': 'image/png', 'x-cos-meta-owner': 'alice' } },
    { Method: 'put', Headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-MD5': 'XUFAKrxLKna5cZ2REBfFkg==' } },
    { Method: 'PUT' },
    { Method: 'HEAD' },
    { Method: 'GET', Headers: { Range: 'bytes=0-9' } },
  ];
  for (const c of cases) {
    const params = { Bucket: BUCKET, Region: REGION, Key: 'uploads/a b+c.png', Expires: 120, ...c };
    const mine = (await ours.getObjectUrl(params)).Url;
    const theirs = await new Promise((resolve, reject) => sdk.getObjectUrl(params, (e, d) => (e ? reject(e) : resolve(d.Url))));
    // What the URL signs must be sent; cos-js-sdk-v5 signs x-cos-*, Content-MD5, Range, ... but not Content-Type.
    const headers = Object.fromEntries(Object.entries(c.Headers || {}).filter(([n]) => n.toLowerCase() !== 'content-type'));
    const method = c.Method.toLowerCase();
    const a = verifyCosUrl(mine, { secretKey: SECRET, method, headers });
    const b = verifyCosUrl(theirs, { secretKey: SECRET, method, headers });
    assert.ok(a.ok, `ours, ${JSON.stringify(c)}: ${a.reason}`);
    assert.ok(b.ok, `the SDK's, ${JSON.stringify(c)}: ${b.reason}`);
    assert.equal(a.key, b.key);
    assert.equal(a.host, b.host);
    assert.equal(a.auth['q-header-list'], b.auth['q-header-list'], 'the same headers signed');
    assert.equal(a.auth['q-url-param-list'], b.auth['q-url-param-list'], 'the same parameters signed');
    // Both are bound to the method.
    assert.equal(verifyCosUrl(mine, { secretKey: SECRET, method: method === 'put' ? 'get' : 'put', headers }).ok, false);
  }
  assert.deepEqual(seen.map((o) => [o.Method, o.Scope[0].action]), [
    ['put', 'name/cos:PutObject'], ['head', 'name/cos:HeadObject'], ['get', 'name/cos:GetObject'],
  ], 'one getAuthorization per action, with that action in its Scope');
  await assert.rejects(ours.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'a', Method: 'POST' }), { code: 'ERR_UNSUPPORTED_OPTION' });
  await assert.rejects(ours.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'a', Method: 'PUT', Headers: { 'x-cos-meta-a': 'v\r\n' } }), { code: 'ERR_CONTROL_CHARACTER' });
});

// --- SigV4 ---------------------------------------------------------------------

const AWS = { accessKeyId: 'ASIAUPLOADEXAMPLE01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYUPLOAD/9z', sessionToken: 'FQoGZXIvYXdzE+/token==' };

class Sha256 {
  constructor(secret) { this.hash = secret ? createHmac('sha256', secret) : createHash('sha256'); }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}

function queryOf(url) {
  const q = {};
  for (const part of url.slice(url.indexOf('?') + 1).split('&')) {
    const eq = part.indexOf('=');
    q[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
  }
  return q;
}

test('SigV4 PUT URLs from the signer equal the AWS SDK\'s PutObjectCommand presigning', async () => {
  const signer = await initV4();
  const client = new S3Client({
    region: 'eu-west-1', credentials: { ...AWS }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  for (const key of ['uploads/a.bin', 'uploads/报告 2026+final.pdf', "odd !*'() key.txt"]) {
    const sdkUrl = await getSignedUrl(client, new PutObjectCommand({ Bucket: 'my-bucket', Key: key, Metadata: { author: 'alice' }, StorageClass: 'STANDARD_IA' }),
      { expiresIn: 600, signingDate: new Date(T0 * 1000) });
    const ours = signer.presignUrlV4({
      ...AWS, region: 'eu-west-1', bucket: 'my-bucket', key, method: 'PUT', date: T0, expires: 600,
      // What the SDK adds on its own (hoisted x-amz-* headers, payload marker, operation id) is given here as parameters.
      query: { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', 'x-id': 'PutObject', 'x-amz-meta-author': 'alice', 'x-amz-storage-class': 'STANDARD_IA' },
    });
    assert.equal(ours.slice(0, ours.indexOf('?')), sdkUrl.slice(0, sdkUrl.indexOf('?')));
    assert.deepEqual(queryOf(ours), queryOf(sdkUrl));
  }
  client.destroy();
});

test('SigV4 getUploadUrl: content-type and the other headers are signed, as the AWS SDK\'s signer signs them', async () => {
  const scopes = [];
  const p = createV4Presigner({
    signature: 'v4', bucket: 'my-bucket', region: 'eu-west-1', now,
    credentials: async (scope) => { scopes.push(scope); return { ...AWS, expiration: new Date((T0 + 3600) * 1000) }; },
  });
  const up = await p.getUploadUrl('uploads/报告 a+b.pdf', { contentType: 'application/pdf', contentLength: 42, headers: { 'x-amz-meta-author': 'alice' }, expires: 600 });
  assert.deepEqual(scopes.map((s) => s.action), ['s3:PutObject']);
  assert.equal(up.method, 'PUT');
  assert.deepEqual(up.headers, { 'Content-Type': 'application/pdf', 'x-amz-meta-author': 'alice' });
  const q = queryOf(up.url);
  assert.equal(q['X-Amz-SignedHeaders'], 'content-length;content-type;host;x-amz-meta-author');
  const u = new URL(up.url);
  const date = q['X-Amz-Date'];
  const signingDate = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  assert.equal(signingDate.getTime() / 1000, T0 - 60, 'starts at server now less the leeway');
  const sdkSigner = new SignatureV4({ credentials: { ...AWS }, region: 'eu-west-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const unsigned = Object.fromEntries(Object.entries(q).filter(([n]) => !/^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Security-Token)$/.test(n)));
  const signed = await sdkSigner.presign({
    method: 'PUT', protocol: 'https:', hostname: u.hostname, path: u.pathname, query: unsigned,
    headers: { host: u.hostname, 'content-type': 'application/pdf', 'content-length': '42', 'x-amz-meta-author': 'alice', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  }, { signingDate, expiresIn: Number(q['X-Amz-Expires']), unhoistableHeaders: new Set(['x-amz-meta-author', 'x-amz-content-sha256']), unsignableHeaders: new Set(['x-amz-content-sha256']) });
  assert.equal(q['X-Amz-Signature'], signed.query['X-Amz-Signature']);
  assert.equal(q['X-Amz-SignedHeaders'], signed.query['X-Amz-SignedHeaders']);
  assert.equal(Number(q['X-Amz-Expires']), 660);
  assert.equal(u.pathname, `/uploads/${camSafeEncode('报告 a+b.pdf')}`);
  await assert.rejects(p.getUploadUrl('a', { expires: 604801 }), { code: 'ERR_EXPIRES_TOO_LONG' });
});

test('an upload to stale credentials fails with ERR_CREDENTIALS_EXPIRED for SigV4 too', async () => {
  const p = createV4Presigner({
    signature: 'v4', bucket: 'my-bucket', region: 'eu-west-1', now,
    credentials: async () => ({ ...AWS, expiration: new Date((T0 - 600) * 1000) }),
  });
  await assert.rejects(p.getUploadUrl('uploads/a'), (e) => e instanceof CredentialsError && e.code === 'ERR_CREDENTIALS_EXPIRED');
});
