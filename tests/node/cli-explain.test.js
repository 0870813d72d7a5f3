// cos-presign explain on links made by the package, by cos-nodejs-sdk-v5 and
// by the AWS SDK: right ones verify (exit 0) and explain back to the inputs
// that made them; tampered, expired, wrong-method and wrong-header ones exit
// 1 and name the problem. --json prints exactly what JSON.stringify prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { init } from 'cos-presign/sigv4';
import { CosNode } from './helpers/sdk.js';
import * as arb from './helpers/arbitraries.js';
import { camSafeEncode } from './helpers/cos-url.js';
import { BUCKET, REGION, HOST, source } from './helpers/differential.js';
import { cliBuilt, runCli } from './helpers/cli.js';

const require = createRequire(import.meta.url);
const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

cliBuilt();
const signer = await init();
const SEED = 20261215;
const SECRET_ID = 'AKIDexplain0123';
const SECRET = 'explain secret 7c1e';

function explain(url, { secret, env = {}, args = [] } = {}) {
  const e = { ...env };
  if (secret !== undefined) Object.assign(e, { COS_SECRET_KEY: secret, AWS_SECRET_ACCESS_KEY: secret });
  const r = runCli(['explain', '--json', ...args, url], { env: e });
  assert.equal(r.stderr, '');
  // Byte for byte the JSON.stringify form: parse and print again.
  const json = JSON.parse(r.stdout);
  assert.equal(`${JSON.stringify(json)}\n`, r.stdout, 'not what JSON.stringify prints');
  if (secret !== undefined) assert.ok(!r.stdout.includes(secret), 'the secret is in the output');
  return { status: r.status, json };
}

const codes = (json) => json.problems.map((p) => p.code).join(' ');

test('package COS URLs explain back to their inputs and verify', () => {
  fc.assert(
    fc.property(arb.sessionToken, arb.objectKey, fc.integer({ min: 0, max: 4e9 }), fc.integer({ min: 1, max: 1e6 }), arb.query, arb.headers,
      fc.constantFrom('GET', 'PUT', 'HEAD'),
      (sessionToken, key, startTime, expires, query, headers, method) => {
        const options = { secretId: SECRET_ID, secretKey: SECRET, sessionToken, bucket: BUCKET, region: REGION, key, startTime, expires, query, headers, method };
        const url = signer.presignUrl(options);
        const args = ['--now', String(startTime + 1), '--method', method.toLowerCase()];
        for (const [n, v] of Object.entries(headers)) args.push('--header', `${n}: ${v}`);
        const { status, json } = explain(url, { secret: SECRET, args });
        const where = `${source(options)}\n${url}`;
        assert.equal(status, 0, `${codes(json)}\n${where}`);
        assert.equal(json.verified, true, where);
        assert.equal(json.kind, 'cos');
        assert.equal(json.method, method);
        assert.equal(json.host, HOST);
        assert.equal(json.bucket, BUCKET);
        assert.equal(json.region, REGION);
        assert.equal(json.key, key.replace(/^\//, ''), where);
        assert.equal(json.accessKeyId, SECRET_ID);
        assert.deepEqual([json.start, json.end, json.now, json.secondsLeft], [startTime, startTime + expires, startTime + 1, expires - 1]);
        const expectedParams = Object.entries(query).map(([n, v]) => [n, v === null ? null : String(v)]).sort();
        assert.deepEqual(json.signedParams.map((p) => [p.name, p.value]).sort(), expectedParams, where);
        assert.deepEqual(json.unsignedParams, sessionToken ? [{ name: 'x-cos-security-token', value: sessionToken }] : []);
        // Names as the URL lists them: COS-encoded, lowercase.
        const expectedHeaders = [['host', HOST], ...Object.entries(headers).map(([n, v]) => [camSafeEncode(n).toLowerCase(), v])].sort();
        assert.deepEqual(json.signedHeaders.map((h) => [h.name, h.value]).sort(), expectedHeaders);
        assert.ok(json.canonical.httpString.startsWith(`${method.toLowerCase()}\n/${key.replace(/^\//, '')}\n`));
        assert.equal(json.signature, new URL(url).searchParams.get('q-signature'));
      }),
    { seed: SEED, numRuns: 60 },
  );
});

test('package batch and SigV4 URLs verify', () => {
  const keys = ['a b+c.jpg', '报告.pdf', 'dir/😀.png', "!*'()"];
  for (const url of signer.presignUrls({ secretId: SECRET_ID, secretKey: SECRET, bucket: BUCKET, region: REGION, expires: 600 }, keys)) {
    const { status, json } = explain(url, { secret: SECRET });
    assert.equal(status, 0, codes(json));
    assert.ok(keys.includes(json.key));
  }
  const v4 = [
    { endpoint: undefined, bucket: 'example-bucket', region: 'us-west-2' },
    { endpoint: 'http://127.0.0.1:9000', bucket: 'example-bucket', region: 'us-east-1' },
    { endpoint: 'https://cos.ap-guangzhou.myqcloud.com', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou' },
  ];
  for (const target of v4) {
    const url = signer.presignUrlV4({ accessKeyId: 'AKIAEXPLAIN0123456789', secretAccessKey: SECRET, sessionToken: 'tok/+=', ...target, key: 'a b/c+d.txt', query: { 'response-content-type': 'text/plain' } });
    const { status, json } = explain(url, { secret: SECRET });
    assert.equal(status, 0, `${codes(json)} ${url}`);
    assert.equal(json.kind, 'sigv4');
    assert.equal(json.key, 'a b/c+d.txt');
    assert.equal(json.bucket, target.bucket);
    assert.equal(json.region, target.region);
    assert.deepEqual(json.signedParams.map((p) => p.name), ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires',
      'X-Amz-Security-Token', 'X-Amz-SignedHeaders', 'response-content-type']);
  }
});

test('cos-nodejs-sdk-v5 links verify; tampered ones name the problem', () => {
  const cos = new CosNode({ SecretId: SECRET_ID, SecretKey: SECRET });
  const url = cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: 'photos/a b+c.jpg', Sign: true, Expires: 900,
    Query: { 'response-content-disposition': 'attachment' } });
  assert.equal(typeof url, 'string');
  let r = explain(url, { secret: SECRET });
  assert.equal(r.status, 0, codes(r.json));
  assert.equal(r.json.key, 'photos/a b+c.jpg');
  assert.deepEqual(r.json.signedParams, [{ name: 'response-content-disposition', value: 'attachment' }]);

  const cases = [
    ['another signature', url.replace(/q-signature=([0-9a-f])/, (m, c) => `q-signature=${c === '0' ? '1' : '0'}`), 'SIGNATURE_MISMATCH'],
    ['another bucket', url.replace(`${BUCKET}.cos`, 'otherbucket-1250000000.cos'), 'SIGNATURE_MISMATCH'],
    ['another key', url.replace('photos/', 'fotos/'), 'SIGNATURE_MISMATCH'],
    ['an added parameter', `${url}&response-content-type=text%2Fhtml`, 'PARAM_NOT_SIGNED'],
    ['a signed parameter dropped', url.replace(/&response-content-disposition=attachment/, ''), 'SIGNED_PARAM_MISSING SIGNATURE_MISMATCH'],
  ];
  for (const [what, tampered, expected] of cases) {
    assert.notEqual(tampered, url, what);
    r = explain(tampered, { secret: SECRET });
    assert.equal(r.status, 1, what);
    assert.equal(codes(r.json), expected, what);
  }
  r = explain(url, { secret: SECRET, args: ['--now', String(Math.floor(Date.now() / 1000) + 3600)] });
  assert.equal(codes(r.json), 'LINK_EXPIRED');
  assert.ok(r.json.secondsLeft < 0);
  r = explain(url, { secret: SECRET, args: ['--method', 'DELETE'] });
  assert.equal(codes(r.json), 'SIGNATURE_MISMATCH');
  assert.match(r.json.problems[0].message, /it matches method GET: the link was signed for GET, not DELETE/);
  r = explain(url, { secret: 'not the secret' });
  assert.equal(r.json.verified, false);
  // Without the secret: no verdict, no "verified" field, exit 0 for a link in its window.
  r = explain(url);
  assert.equal(r.status, 0);
  assert.equal('verified' in r.json, false);
});

test('AWS SDK links verify; a signed header the client sends differently is caught', async () => {
  const client = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIAEXPLAIN0123456789', secretAccessKey: SECRET },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  const get = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'example-bucket', Key: 'a b+c/报告.pdf' }), { expiresIn: 600 });
  let r = explain(get, { secret: SECRET });
  assert.equal(r.status, 0, `${codes(r.json)} ${get}`);
  assert.equal(r.json.key, 'a b+c/报告.pdf');
  assert.equal(r.json.bucket, 'example-bucket');
  assert.equal(r.json.region, 'eu-west-1');
  r = explain(get.replace('X-Amz-Expires=600', 'X-Amz-Expires=6000'), { secret: SECRET });
  assert.equal(codes(r.json), 'SIGNATURE_MISMATCH');

  const put = await getSignedUrl(client, new PutObjectCommand({ Bucket: 'example-bucket', Key: 'up.png', ContentType: 'image/png' }),
    { expiresIn: 600, signableHeaders: new Set(['content-type']) });
  r = explain(put, { secret: SECRET, args: ['--method', 'PUT', '--header', 'Content-Type: image/png'] });
  assert.equal(r.status, 0, `${codes(r.json)} ${put}`);
  assert.deepEqual(r.json.signedHeaders.map((h) => h.name), ['content-type', 'host']);
  r = explain(put, { secret: SECRET, args: ['--method', 'PUT', '--header', 'Content-Type: image/jpeg'] });
  assert.equal(codes(r.json), 'SIGNATURE_MISMATCH');
  r = explain(put, { secret: SECRET, args: ['--method', 'PUT'] });
  assert.equal(codes(r.json), 'SIGNED_HEADER_NOT_SENT SIGNATURE_MISMATCH');
  assert.equal(r.json.signedHeaders[0].value, null);
});

test('the human-readable explanation names what matters and never the secret or the token', () => {
  const token = 'TOKEN-not-in-text-output';
  const url = signer.presignUrl({ secretId: SECRET_ID, secretKey: SECRET, sessionToken: token, bucket: BUCKET, region: REGION, key: 'a b.txt', startTime: 1700000000, expires: 60 });
  const r = runCli(['explain', '--now', '1700000100', url], { env: { COS_SECRET_KEY: SECRET } });
  assert.equal(r.status, 1);
  for (const part of ['COS pre-signed URL', `bucket:     ${BUCKET}`, 'key:        a b.txt', 'expired 40 s ago', 'verified:   yes', 'LINK_EXPIRED', 'HttpString']) {
    assert.ok(r.stdout.includes(part), `${part} in\n${r.stdout}`);
  }
  assert.ok(!r.stdout.includes(SECRET) && !r.stdout.includes(token));
});

test('text explain escapes control characters from the URL: no raw ESC, C1 or extra line reaches the terminal', () => {
  // Hand-made (the signers refuse such keys): ESC [31m, a newline and U+009B
  // (C1 CSI) in the key, ESC in the key id, a newline in a parameter name,
  // ESC [2J in its value; printable UTF-8 (U+4F60) stays as is.
  const url = `https://${HOST}/a%1B%5B31m%0Ab%C2%9B%E4%BD%A0?q-sign-algorithm=sha1&q-ak=AKID%1Bx` +
    '&q-sign-time=1700000000%3B1700000060&q-key-time=1700000000%3B1700000060&q-header-list=host' +
    '&q-url-param-list=&x%0Ay=%1B%5B2J&q-signature=00';
  const r = runCli(['explain', '--now', '1700000010', url]);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(r.stdout), `a raw control character in\n${JSON.stringify(r.stdout)}`);
  const lines = r.stdout.split('\n');
  assert.ok(lines.includes('  key:        a\\x1B[31m\\x0Ab\\u{9B}\u4f60'), r.stdout);
  assert.ok(lines.includes('  key id:     AKID\\x1Bx'), r.stdout);
  assert.ok(lines.includes('    x\\x0Ay=\\x1B[2J'), r.stdout);
  // Every line is a title or indented: none was forged by a newline from the URL.
  for (const line of lines.slice(1, -1)) assert.match(line, /^(  |problems:)/);
});

test('the text explanation of a SigV4 link hides the session token in the canonical request too', () => {
  const token = 'TOKEN/v4+not=in-text';
  const url = signer.presignUrlV4({ accessKeyId: 'AKIAEXPLAIN0123456789', secretAccessKey: SECRET, sessionToken: token,
    bucket: 'example-bucket', region: 'us-west-2', key: 'a.txt', headers: { 'X-Amz-Security-Token': token } });
  const r = runCli(['explain', '--header', `X-Amz-Security-Token: ${token}`, url], { env: { AWS_SECRET_ACCESS_KEY: SECRET } });
  assert.equal(r.status, 0, r.stdout);
  assert.ok(r.stdout.includes('verified:   yes'), r.stdout);
  for (const form of [token, encodeURIComponent(token), 'TOKEN']) assert.ok(!r.stdout.includes(form), `${form} in\n${r.stdout}`);
  const canonical = r.stdout.slice(r.stdout.indexOf('canonical request:'), r.stdout.indexOf('credential scope:'));
  assert.ok(canonical.includes('&X-Amz-Security-Token=(session token, hidden)&'), canonical);
  assert.ok(canonical.includes('    | x-amz-security-token:(session token, hidden)\\n'), canonical);
});
