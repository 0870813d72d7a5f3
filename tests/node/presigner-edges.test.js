// Edge cases found in review: each was a raw TypeError, a hang, a value read
// as truthy, or a URL signed after dispose(); each is now a coded error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createPresigner, CosCompat, CredentialsError, ExpiryError, InvalidArgumentError } from 'cos-presign';
import { CosJs } from './helpers/sdk.js';

const BUCKET = 'examplebucket-1250000000';
const REGION = 'ap-guangzhou';
const T0 = 1_800_000_000;
const creds = async () => ({ secretId: 'AKIDtmp', secretKey: 'tmp-secret', sessionToken: 'tok', startTime: T0 - 10, expiredTime: T0 + 1800 });
const base = { bucket: BUCKET, region: REGION, credentials: creds, now: () => T0 * 1000, clockOffset: 0 };

test('CosCompat: a public (Sign: false) URL needs Bucket, Region and Key, and writes a null query value as a bare name, as cos-js-sdk-v5 does', async () => {
  const cos = new CosCompat({ getAuthorization: (o, cb) => cb(new Error('not called')) });
  await assert.rejects(cos.getObjectUrl({ Sign: false }), { name: 'InvalidArgumentError', code: 'ERR_MISSING_FIELD', field: 'Bucket' });
  await assert.rejects(cos.getObjectUrl({ Sign: false, Bucket: BUCKET, Region: REGION, Key: 7 }), { code: 'ERR_INVALID_TYPE', field: 'Key' });
  const params = { Bucket: BUCKET, Region: REGION, Key: 'a b/c+d.png', Sign: false, Query: { 'imageMogr2/thumbnail/!200x200r': null, x: 'a b' } };
  const { Url } = await cos.getObjectUrl(params);
  assert.equal(Url, `https://${BUCKET}.cos.${REGION}.myqcloud.com/a%20b/c%2Bd.png?imageMogr2%2Fthumbnail%2F%21200x200r&x=a%20b`);
  // The SDK's own unsigned URL has the same path and the same bare parameter name.
  const sdk = await new Promise((resolve) => new CosJs({ SecretId: 'x', SecretKey: 'y' }).getObjectUrl(params, (err, data) => resolve(data.Url)));
  assert.equal(new URL(sdk).pathname, new URL(Url).pathname);
  assert.ok(new URL(sdk).search.includes('imageMogr2'), sdk);
  assert.ok(!/=null/.test(Url));
});

test('CosCompat: wrong option types are InvalidArgumentErrors, not raw TypeErrors', async () => {
  assert.throws(() => new CosCompat(null), { name: 'InvalidArgumentError', code: 'ERR_INVALID_TYPE' });
  const cos = new CosCompat({ getAuthorization: (o, cb) => cb({ TmpSecretId: 'a', TmpSecretKey: 'b', SecurityToken: 't', ExpiredTime: T0 + 1800 }) });
  await assert.rejects(cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'k', Protocol: 1 }), { code: 'ERR_INVALID_TYPE', field: 'Protocol' });
  await assert.rejects(cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'k', Domain: {} }), { code: 'ERR_INVALID_TYPE', field: 'Domain' });
});

test('a credentials endpoint whose body stalls times out (the deadline covers the body too)', async () => {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"credentials":'); // and never more
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const p = createPresigner({ ...base, credentials: `http://127.0.0.1:${server.address().port}/sts`, timeout: 200, retries: 0 });
    const started = Date.now();
    await assert.rejects(p.getObjectUrl('a'), (e) => e instanceof CredentialsError && e.code === 'ERR_CREDENTIALS_TIMEOUT');
    assert.ok(Date.now() - started < 5000);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a relative credentials URL where there is no page to resolve it is a CredentialsError, not "the credentials function failed"', async () => {
  const p = createPresigner({ ...base, credentials: '/api/sts', retries: 0 });
  await assert.rejects(p.getObjectUrl('a'), (e) => e instanceof CredentialsError && e.code === 'ERR_CREDENTIALS_FETCH' && /not a URL here/.test(e.message));
});

test('dispose() while a URL waits for its credentials: nothing is signed, ERR_DISPOSED (an ExpiryError)', async () => {
  let release;
  const gate = new Promise((r) => { release = r; });
  const p = createPresigner({ ...base, credentials: async () => { await gate; return creds(); } });
  const pending = p.getObjectUrl('a');
  const pendingUpload = p.getUploadUrl('uploads/a');
  p.dispose();
  release();
  await assert.rejects(pending, (e) => e instanceof ExpiryError && e.code === 'ERR_DISPOSED');
  await assert.rejects(pendingUpload, (e) => e instanceof ExpiryError && e.code === 'ERR_DISPOSED');
});

test('presigner booleans must be booleans; timers must fit a timer', () => {
  for (const field of ['strictExpiry', 'accelerate', 'scopeLimit']) {
    for (const v of ['true', 'no', 1]) {
      assert.throws(() => createPresigner({ ...base, [field]: v }), (e) => e instanceof InvalidArgumentError && e.code === 'ERR_INVALID_TYPE' && e.field === field);
    }
  }
  for (const field of ['timeout', 'retryDelay']) {
    assert.throws(() => createPresigner({ ...base, [field]: 2 ** 31 }), { code: 'ERR_INVALID_VALUE', field });
    assert.ok(createPresigner({ ...base, [field]: 2 ** 31 - 1 }));
  }
});
