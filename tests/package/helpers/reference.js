// Checks the fixed requests' results (apps/shared/sign-all.mjs), as signed by
// Node from the installed tarball, against independent references: Tencent's
// and AWS's published examples and cos-nodejs-sdk-v5's own signer. Every other
// runtime must then give exactly the same bytes.
import assert from 'node:assert/strict';
import { verifyCosUrl } from '../../node/helpers/cos-url.js';
import { FIXED, KEYS } from '../apps/shared/sign-all.mjs';

const TENCENT_AUTHORIZATION = 'q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989753;1557996953'
  + '&q-key-time=1557989753;1557996953&q-header-list=date;host'
  + '&q-url-param-list=response-cache-control;response-content-type&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012';
const AWS_SIGNATURE = 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
const HOST = `${FIXED.bucket}.cos.${FIXED.region}.myqcloud.com`;

function assertCosUrl(url, key, { keyTime } = {}) {
  const u = new URL(url);
  assert.equal(u.host, HOST);
  assert.equal(decodeURIComponent(u.pathname), `/${key}`);
  assert.doesNotMatch(u.pathname + u.search, /\+/, 'a + is always %2B, a space %20');
  const v = verifyCosUrl(url, { secretKey: FIXED.secretKey });
  assert.ok(v.ok, `${url}: ${v.reason}`);
  assert.equal(v.token, FIXED.sessionToken);
  if (keyTime) assert.equal(v.auth['q-key-time'], keyTime);
  return v;
}

export function checkAgainstReferences(r, { sigv4 }) {
  assert.equal(r.tencentExample, TENCENT_AUTHORIZATION, "Tencent's worked example");
  assertCosUrl(r.url, KEYS[1], { keyTime: FIXED.keyTime });
  assert.equal(r.batch.length, KEYS.length);
  r.batch.forEach((url, i) => assertCosUrl(url, KEYS[i], { keyTime: FIXED.keyTime }));
  // The presigner's window: from the server's now (nowMs, clockOffset 0) less 60 s of leeway, but not
  // before the credentials' start (30 s before now), to now + expires.
  const now = Math.floor(FIXED.nowMs / 1000);
  const start = Math.max(now - 60, FIXED.credentialsStart);
  const p = assertCosUrl(r.presigner, 'docs/报告 v1+final.pdf', { keyTime: `${start};${now + 600}` });
  assert.match(p.query['response-content-disposition'], /^attachment; filename=".*"; filename\*=UTF-8''%E6%8A%A5%E5%91%8A\.pdf$/);
  r.presignerBatch.forEach((url, i) => {
    const v = assertCosUrl(url, KEYS[i], { keyTime: `${start};${now + 300}` });
    assert.ok('imageMogr2/thumbnail/!200x200r' in v.query);
  });
  // An upload URL: PUT, with exactly the headers the client must send, each signed.
  assert.equal(r.upload.method, 'PUT');
  assert.deepEqual(r.upload.headers, { 'Content-Type': 'image/png', 'x-cos-meta-owner': 'alice' });
  assert.equal(r.upload.clock, 'clockOffset');
  const up = verifyCosUrl(r.upload.url, { secretKey: FIXED.secretKey, method: 'put', headers: { ...r.upload.headers, 'Content-Length': '10' } });
  assert.ok(up.ok, `upload URL: ${up.reason}`);
  assert.equal(decodeURIComponent(new URL(r.upload.url).pathname), '/uploads/a b+c.png');
  assert.deepEqual(r.scopes.map((s) => s.action), ['name/cos:GetObject', 'name/cos:PutObject'], 'one credentials request per action');
  assert.deepEqual(r.error, { thrown: true, name: 'InvalidArgumentError', code: 'ERR_EMPTY_KEY', field: 'key' });
  assert.equal(r.errorIsInvalidArgument, 'ERR_UNKNOWN_OPTION');
  assert.deepEqual({ ...r.explained, stringToSign: undefined }, {
    kind: 'cos', key: KEYS[1], start: 1700000000, end: 1700000600, verified: true, problems: [],
    tampered: false, tamperedProblems: ['SIGNATURE_MISMATCH'], stringToSign: undefined,
  });
  assert.match(r.explained.stringToSign, /^sha1\n1700000000;1700000600\n[0-9a-f]{40}\n$/);
  assert.equal(r.credentialsError.code, 'ERR_CREDENTIALS_INVALID');
  assert.equal(r.credentialsError.name, 'CredentialsError');
  if (sigv4) {
    assert.equal(new URL(r.v4).searchParams.get('X-Amz-Signature'), AWS_SIGNATURE, "AWS's worked example");
    assert.equal(r.v4explained.kind, 'sigv4');
    assert.equal(r.v4explained.verified, true);
    assert.ok(r.v4explained.canonicalRequest.startsWith('GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&'), r.v4explained.canonicalRequest);
    assert.equal(r.v4batch.length, KEYS.length);
    assert.match(r.v4presigner, /^http:\/\/127\.0\.0\.1:9000\/examplebucket\/a%20b%2Bc\.txt\?X-Amz-Algorithm=AWS4-HMAC-SHA256&/);
  } else {
    assert.deepEqual(r.v4, { thrown: true, name: 'InitError', code: 'ERR_NOT_IN_MODULE', field: null });
    assert.deepEqual(r.v4presigner, { thrown: true, name: 'InitError', code: 'ERR_NOT_IN_MODULE', field: null });
  }
}
