// explainUrl, the independent verifier, over every kind of URL the signer
// makes: each explains back to the inputs that made it and verifies with the
// secret. The expected values are the inputs themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { init, createPresigner } from 'cos-presign/sigv4';
import { explainUrl as explainFromCosEntry } from 'cos-presign';
import * as arb from './helpers/arbitraries.js';
import { explain, paramsOf } from './helpers/explain.js';

const secretId = 'AKIDexampleExplain';
const secretKey = 'explain-secret-key/never+shown';
const BUCKET = 'examplebucket-1250000000';
const REGION = 'ap-guangzhou';
const HOST = `${BUCKET}.cos.${REGION}.myqcloud.com`;
const START = 1_800_000_000;
const cos = { secretId, secretKey, sessionToken: 'sts-token+/=', bucket: BUCKET, region: REGION, startTime: START, expires: 600 };

function sortedParams(list) {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// What every COS URL from our signer must explain to.
async function checkCos(url, { key, query = {}, headers = {}, method = 'GET', host = HOST, bucket = BUCKET, region = REGION, token = cos.sessionToken, start = START, end = START + 600 }) {
  const e = await explain(url, { secretKey, method, headers, now: start + 10 });
  assert.equal(e.kind, 'cos');
  assert.equal(e.method, method.toUpperCase());
  assert.equal(e.host, host);
  assert.equal(e.bucket, bucket);
  assert.equal(e.region, region);
  assert.equal(e.key, key.replace(/^\//, ''));
  assert.equal(e.accessKeyId, secretId);
  assert.deepEqual([e.start, e.end, e.now, e.secondsLeft], [start, end, start + 10, end - start - 10]);
  const expectedHeaders = [{ name: 'host', value: host }, ...Object.entries(headers).map(([n, v]) => ({ name: n.toLowerCase(), value: String(v) }))];
  assert.deepEqual(sortedParams(e.signedHeaders), sortedParams(expectedHeaders));
  assert.deepEqual(sortedParams(e.signedParams), sortedParams(paramsOf(query)));
  assert.deepEqual(e.unsignedParams, token ? [{ name: 'x-cos-security-token', value: token }] : []);
  assert.equal(e.signature, new URL(url).searchParams.get('q-signature'));
  assert.equal(e.verified, true, JSON.stringify(e.problems));
  assert.deepEqual(e.problems, []);
  return e;
}

test('COS presignUrl: keys, download names, image processing, uploads, custom domains', async () => {
  const signer = await init();
  const cases = [
    { key: 'photos/a b+c.jpg' },
    { key: '/报告/季度 2026+final(1).pdf' },
    { key: 'emoji/😀 ~!*\'();:@&=$,?#[]%.txt' },
    { key: 'dl/报告.pdf', query: { 'response-content-disposition': `attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('报告.pdf')}` } },
    { key: 'img/cat.png', query: { 'imageMogr2/thumbnail/!200x200r': null, 'response-content-type': 'image/webp' } },
    { key: 'up/new file.png', method: 'PUT', headers: { 'Content-Type': 'image/png', 'x-cos-meta-owner': 'a b' } },
    { key: 'v/a.txt', query: { versionId: 'MTg0NDUxNzM1NTYxNjQ3NTk1NjQ', 'response-cache-control': 'no-cache' }, headers: { Range: 'bytes=0-99' } },
  ];
  for (const c of cases) {
    const url = signer.presignUrl({ ...cos, key: c.key, query: c.query, headers: c.headers, method: c.method });
    await checkCos(url, c);
  }
  // A custom origin domain (bucket and region cannot be told from it), http, with a port.
  const custom = signer.presignUrl({ ...cos, key: 'a.txt', domain: 'static.example.com:8443', protocol: 'http' });
  await checkCos(custom, { key: 'a.txt', host: 'static.example.com:8443', bucket: null, region: null });
  // The acceleration domain names the bucket, not the region.
  const fast = signer.presignUrl({ ...cos, key: 'a.txt', domain: '{Bucket}.cos.accelerate.myqcloud.com' });
  await checkCos(fast, { key: 'a.txt', host: `${BUCKET}.cos.accelerate.myqcloud.com`, region: null });
  // Without a session token nothing is unsigned.
  await checkCos(signer.presignUrl({ ...cos, sessionToken: undefined, key: 'a.txt' }), { key: 'a.txt', token: null });
  // explainUrl from 'cos-presign' is the same function.
  const fromCos = await explainFromCosEntry(custom, { secretKey, now: START });
  assert.equal(fromCos.verified, true);
});

test('COS presignUrls: every URL of a batch explains to its own key', async () => {
  const signer = await init();
  const keys = ['a.txt', 'b/c d.txt', '报告+1.pdf', '😀'];
  const { startTime, expires, ...common } = cos;
  const urls = signer.presignUrls({ ...common, keyTime: `${START};${START + 600}`, query: { 'response-content-disposition': 'attachment' } }, keys);
  for (let i = 0; i < keys.length; i++) await checkCos(urls[i], { key: keys[i], query: { 'response-content-disposition': 'attachment' } });
});

test('COS authorization(): the header value carried as a URL query (as cos-js-sdk-v5 does) explains and verifies', async () => {
  const signer = await init();
  const key = 'exampleobject(腾讯云) a+b';
  const auth = signer.authorization({
    secretId, secretKey, method: 'GET', key, keyTime: `${START};${START + 600}`,
    query: { 'response-content-type': 'text/plain' }, headers: { Host: HOST, 'x-cos-traffic-limit': 819200 },
  });
  const path = key.split('/').map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)).join('/');
  const url = `https://${HOST}/${path}?${auth}&response-content-type=text%2Fplain`;
  await checkCos(url, { key, query: { 'response-content-type': 'text/plain' }, headers: { 'x-cos-traffic-limit': 819200 }, token: null });
});

test('createPresigner: links with download names explain to the name and the credentials\' window', async () => {
  const now = START * 1000;
  const p = createPresigner({
    bucket: BUCKET, region: REGION, now: () => now,
    credentials: async () => ({ credentials: { tmpSecretId: secretId, tmpSecretKey: secretKey, sessionToken: 'tok' }, startTime: START - 100, expiredTime: START + 1800 }),
  });
  const { url, startTime, endTime } = await p.getObjectUrlDetails('docs/q1.pdf', { expires: 300, download: '季度报告.pdf' });
  const e = await explain(url, { secretKey, now: new Date(now) });
  assert.equal(e.verified, true);
  assert.deepEqual(e.problems, []);
  assert.deepEqual([e.start, e.end, e.secondsLeft], [startTime, endTime, endTime - START]);
  assert.deepEqual(e.signedParams, [{ name: 'response-content-disposition', value: `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('季度报告.pdf')}` }]);
});

const V4_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const v4 = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: V4_SECRET, date: START, expires: 3600 };

test('SigV4 presignUrlV4: AWS, path style, R2, MinIO and COS\'s S3 API explain to bucket, key, region and window', async () => {
  const signer = await init();
  const cases = [
    { o: { region: 'eu-west-1', bucket: 'photos' }, host: 'photos.s3.eu-west-1.amazonaws.com', bucket: 'photos' },
    { o: { region: 'us-east-1', bucket: 'my.dotted.bucket' }, host: 's3.us-east-1.amazonaws.com', bucket: 'my.dotted.bucket' },
    { o: { region: 'auto', endpoint: 'https://0f1e2d3c4b5a69788796a5b4c3d2e1f0.r2.cloudflarestorage.com', bucket: 'photos' }, host: 'photos.0f1e2d3c4b5a69788796a5b4c3d2e1f0.r2.cloudflarestorage.com', bucket: 'photos' },
    { o: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', bucket: 'media' }, host: '127.0.0.1:9000', bucket: 'media' },
    { o: { region: 'ap-guangzhou', endpoint: 'https://cos.ap-guangzhou.myqcloud.com', bucket: BUCKET }, host: HOST, bucket: BUCKET },
    { o: { region: 'us-west-2', endpoint: 'https://storage.example.com', pathStyle: false, bucket: 'bkt' }, host: 'bkt.storage.example.com', bucket: null },
  ];
  const keys = ['a b+c.jpg', '报告/季度 (1).pdf', 'x/😀!*\'()~.txt'];
  for (const c of cases) {
    for (const key of keys) {
      const query = { 'response-content-disposition': 'attachment; filename="a b.pdf"', versionId: 'v+1' };
      const url = signer.presignUrlV4({ ...v4, ...c.o, key, query, sessionToken: 'FwoG+token/=' });
      const e = await explain(url, { secretKey: V4_SECRET, now: START + 1 });
      assert.equal(e.kind, 'sigv4');
      assert.equal(e.host, c.host, url);
      assert.equal(e.bucket, c.bucket, url);
      assert.equal(e.region, c.o.region);
      assert.equal(e.key, key, url);
      assert.equal(e.accessKeyId, v4.accessKeyId);
      assert.deepEqual([e.start, e.end, e.secondsLeft], [START, START + 3600, 3599]);
      assert.equal(e.canonical.credentialScope, `20270115/${c.o.region}/s3/aws4_request`);
      const mine = e.signedParams.filter((p) => !p.name.startsWith('X-Amz-'));
      assert.deepEqual(sortedParams(mine), sortedParams(paramsOf(query)));
      assert.deepEqual(e.signedParams.find((p) => p.name === 'X-Amz-Security-Token'), { name: 'X-Amz-Security-Token', value: 'FwoG+token/=' });
      assert.deepEqual(e.unsignedParams, []);
      assert.equal(e.verified, true, `${url}\n${JSON.stringify(e.problems)}`);
      assert.deepEqual(e.problems, []);
    }
  }
});

test('SigV4: uploads with signed headers, and every URL of a batch', async () => {
  const signer = await init();
  const put = signer.presignUrlV4({ ...v4, region: 'us-east-1', bucket: 'upl', key: 'new.png', method: 'PUT', headers: { 'Content-Type': 'image/png', 'x-amz-meta-owner': 'a  b' } });
  const e = await explain(put, { secretKey: V4_SECRET, method: 'put', now: START, headers: { 'content-type': 'image/png', 'X-Amz-Meta-Owner': 'a  b' } });
  assert.equal(e.method, 'PUT');
  assert.deepEqual(e.signedHeaders, [{ name: 'content-type', value: 'image/png' }, { name: 'host', value: 'upl.s3.us-east-1.amazonaws.com' }, { name: 'x-amz-meta-owner', value: 'a  b' }]);
  assert.equal(e.verified, true, JSON.stringify(e.problems));
  const keys = ['a', 'b c', 'd+e/f'];
  const urls = signer.presignUrlsV4({ ...v4, region: 'eu-central-1', bucket: 'batch' }, keys);
  for (let i = 0; i < keys.length; i++) {
    const r = await explain(urls[i], { secretKey: V4_SECRET, now: START });
    assert.equal(r.key, keys[i]);
    assert.equal(r.verified, true);
  }
});

test('property: every COS URL over generated keys, parameters, headers and methods explains back and verifies', { timeout: 120_000 }, async () => {
  const signer = await init();
  await fc.assert(fc.asyncProperty(arb.secretId, arb.secretKey, arb.sessionToken, arb.objectKey, arb.keyTime, arb.query, arb.headers, arb.method,
    async (id, secret, token, key, keyTime, query, headers, method) => {
      const url = signer.presignUrl({ secretId: id, secretKey: secret, sessionToken: token, bucket: BUCKET, region: REGION, key, keyTime, query, headers, method });
      const [start, end] = keyTime.split(';').map(Number);
      const e = await explain(url, { secretKey: secret, method, headers, now: start });
      assert.equal(e.verified, true, `${url}\n${JSON.stringify(e.problems)}`);
      assert.deepEqual(e.problems, []);
      assert.equal(e.key, key.replace(/^\//, ''));
      assert.deepEqual([e.accessKeyId, e.start, e.end, e.method], [id, start, end, method.toUpperCase()]);
      assert.deepEqual(sortedParams(e.signedParams), sortedParams(paramsOf(query)));
      assert.deepEqual(e.unsignedParams, token ? [{ name: 'x-cos-security-token', value: token }] : []);
      assert.equal(e.signedHeaders.length, 1 + Object.keys(headers).length);
    }), { seed: 20261202, numRuns: 300 });
});

test('property: every SigV4 URL over generated keys, parameters and secrets explains back and verifies', { timeout: 120_000 }, async () => {
  const signer = await init();
  const endpoints = fc.constantFrom({}, { endpoint: 'http://127.0.0.1:9000' }, { endpoint: 'https://cos.ap-guangzhou.myqcloud.com' });
  const bucket = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/);
  const query = arb.query.filter((q) => !Object.keys(q).some((n) => /^x-amz-/i.test(n)));
  await fc.assert(fc.asyncProperty(arb.secretKey, arb.objectKey, query, endpoints, bucket, fc.integer({ min: 946684800, max: 4102444799 }),
    async (secret, key, q, endpoint, b, date) => {
      const url = signer.presignUrlV4({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: secret, region: 'us-east-1', bucket: b, ...endpoint, key, query: q, date, expires: 60 });
      const e = await explain(url, { secretKey: secret, now: date });
      assert.equal(e.verified, true, `${url}\n${JSON.stringify(e.problems)}`);
      assert.deepEqual(e.problems, []);
      assert.deepEqual([e.bucket, e.key, e.start, e.end], [b, key, date, date + 60]);
      assert.deepEqual(sortedParams(e.signedParams.filter((p) => !p.name.startsWith('X-Amz-'))), sortedParams(paramsOf(q)));
    }), { seed: 20261202, numRuns: 200 });
});
