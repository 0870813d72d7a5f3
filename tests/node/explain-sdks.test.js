// Links made by the official SDKs (cos-js-sdk-v5, cos-nodejs-sdk-v5 and the
// AWS SDK v3 presigner) verify with explainUrl when right, and fail when
// tampered: the verifier agrees with implementations that are not ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CosJs, CosNode } from './helpers/sdk.js';
import { explain, codes } from './helpers/explain.js';

const require = createRequire(import.meta.url);
const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

const SecretId = 'AKIDsdkExample';
const SecretKey = 'sdk-secret-key-0123456789abcdef';
const Bucket = 'examplebucket-1250000000';
const Region = 'ap-guangzhou';

function flip(url, param) {
  const sig = new URL(url).searchParams.get(param);
  return url.replace(`${param}=${sig}`, `${param}=${(sig[0] === '0' ? '1' : '0') + sig.slice(1)}`);
}

for (const [name, COS] of [['cos-js-sdk-v5', CosJs], ['cos-nodejs-sdk-v5', CosNode]]) {
  test(`${name} getObjectUrl links verify, and fail when tampered`, async () => {
    const cos = new COS({ SecretId, SecretKey, SecurityToken: 'sts+token/=' });
    const keys = ['a.txt', 'photos/a b+c.jpg', '报告/季度(1).pdf', 'x/😀 ~!*.txt'];
    for (const Key of keys) {
      const Url = cos.getObjectUrl({ Bucket, Region, Key, Sign: true, Expires: 600, Query: { 'response-content-disposition': 'attachment; filename="a b.pdf"' } });
      const e = await explain(Url, { secretKey: SecretKey });
      assert.equal(e.verified, true, `${Url}\n${JSON.stringify(e.problems)}`);
      assert.deepEqual(codes(e), []);
      assert.equal(e.key, Key);
      assert.equal(e.bucket, Bucket);
      assert.equal(e.region, Region);
      assert.deepEqual(e.signedParams, [{ name: 'response-content-disposition', value: 'attachment; filename="a b.pdf"' }]);
      // The SDK appends the token unencoded; a server still reads it as sent.
      assert.deepEqual(e.unsignedParams, [{ name: 'x-cos-security-token', value: 'sts+token/=' }]);
      assert.ok(e.secondsLeft > 590 && e.secondsLeft <= 600, String(e.secondsLeft));
      const bad = await explain(flip(Url, 'q-signature'), { secretKey: SecretKey });
      assert.deepEqual([bad.verified, codes(bad)], [false, ['SIGNATURE_MISMATCH']]);
      const moved = await explain(Url.replace(`${Bucket}.cos.`, 'otherbucket-1250000000.cos.'), { secretKey: SecretKey });
      assert.equal(moved.verified, false);
    }
    // QueryString is appended unsigned by the SDK: it verifies, and the parameter is named.
    const withRaw = cos.getObjectUrl({ Bucket, Region, Key: 'img.png', Sign: true, QueryString: 'imageMogr2/thumbnail/!200x200r' });
    const e = await explain(withRaw, { secretKey: SecretKey });
    assert.equal(e.verified, true);
    assert.deepEqual(e.problems.map((p) => [p.code, p.field]), [['PARAM_NOT_SIGNED', 'imageMogr2/thumbnail/!200x200r']]);
  });
}

test('the AWS SDK v3 presigner\'s links verify (GET and PUT, AWS, path style, R2), and fail when tampered', async () => {
  const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'FwoG+token/=' };
  const clients = [
    new S3Client({ region: 'eu-west-1', credentials: { ...credentials } }),
    new S3Client({ region: 'us-east-1', forcePathStyle: true, credentials: { ...credentials } }),
    new S3Client({ region: 'auto', endpoint: 'https://0f1e2d3c4b5a69788796a5b4c3d2e1f0.r2.cloudflarestorage.com', credentials: { ...credentials } }),
  ];
  for (const client of clients) {
    for (const Key of ['test.txt', 'a b+c/报告(1).pdf']) {
      const get = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'photos', Key, ResponseContentDisposition: 'attachment' }), { expiresIn: 900 });
      const e = await explain(get, { secretKey: credentials.secretAccessKey });
      assert.equal(e.verified, true, `${get}\n${JSON.stringify(e.problems)}`);
      assert.deepEqual(codes(e), []);
      assert.deepEqual([e.kind, e.bucket, e.key, e.end - e.start], ['sigv4', 'photos', Key, 900]);
      const bad = await explain(flip(get, 'X-Amz-Signature'), { secretKey: credentials.secretAccessKey });
      assert.deepEqual([bad.verified, codes(bad)], [false, ['SIGNATURE_MISMATCH']]);
      const other = await explain(get.replace(encodeURIComponent(Key.split('/')[0]).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`), 'zzz'), { secretKey: credentials.secretAccessKey });
      assert.equal(other.verified, false);
    }
    const put = await getSignedUrl(client, new PutObjectCommand({ Bucket: 'photos', Key: 'up.png', ContentType: 'image/png' }), { expiresIn: 60, signableHeaders: new Set(['content-type']) });
    const asSent = await explain(put, { secretKey: credentials.secretAccessKey, method: 'PUT', headers: { 'Content-Type': 'image/png' } });
    assert.equal(asSent.verified, true, `${put}\n${JSON.stringify(asSent.problems)}`);
    const wrong = await explain(put, { secretKey: credentials.secretAccessKey, method: 'PUT', headers: { 'Content-Type': 'image/jpeg' } });
    assert.equal(wrong.verified, false);
  }
});
