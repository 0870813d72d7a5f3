// cos-presign explain --json against the JS explainUrl, for after issue 14's
// two halves are merged (the JS explainUrl is the other helper's branch):
//
//   import { explainUrl } from 'cos-presign';
//   import { explainParity } from './helpers/explain-parity.js';
//   test('cos-presign explain --json prints what explainUrl returns', async () => {
//     assert.deepEqual(await explainParity(explainUrl), []);
//   });
//
// Returns the cases where the two differ: byte-for-byte JSON for
// explanations, the code for errors. The corpus: package COS and SigV4 URLs
// over the differential arbitraries (right, wrong secret, wrong method, late,
// unsigned extra parameter, changed sign time, another host), links with one
// character flipped, dropped or added, cos-nodejs-sdk-v5 links, odd URLs.
import fc from 'fast-check';
import { init } from 'cos-presign/sigv4';
import { CosNode } from './sdk.js';
import * as arb from './arbitraries.js';
import { runCli } from './cli.js';

const NOW = 1700000100;

async function jsSide(explainUrl, url, o) {
  try {
    return JSON.stringify(await explainUrl(url, { secretKey: o.secret, method: o.method, headers: o.headers, now: o.now }));
  } catch (error) {
    return `ERROR ${error.code}`;
  }
}

function cliSide(url, o) {
  const args = ['explain', '--json', '--now', String(o.now)];
  if (o.method) args.push('--method', o.method);
  for (const [k, v] of Object.entries(o.headers || {})) args.push('--header', `${k}: ${v}`);
  const env = o.secret ? { COS_SECRET_KEY: o.secret, AWS_SECRET_ACCESS_KEY: o.secret } : {};
  const r = runCli([...args, url], { env });
  if (r.stdout) return r.stdout.replace(/\n$/, '');
  const code = / (ERR_[A-Z_]+): /.exec(r.stderr);
  return `ERROR ${code ? code[1] : r.stderr}`;
}

export async function explainParity(explainUrl, { runs = 100, seed = 20261216 } = {}) {
  const signer = await init();
  const cases = [];
  const samples = fc.sample(fc.tuple(arb.sessionToken, arb.objectKey, arb.query, arb.headers, fc.constantFrom('GET', 'PUT', 'head'),
    fc.nat(), fc.nat(), fc.constantFrom('flip', 'del', 'ins')), { seed, numRuns: runs });
  for (const [token, key, query, headers, method, a, b, op] of samples) {
    const cos = signer.presignUrl({ secretId: 'AKIDparity', secretKey: 's3cret', sessionToken: token, bucket: 'examplebucket-1250000000',
      region: 'ap-guangzhou', key, query, headers, method, startTime: 1700000000, expires: 600 });
    const v4 = signer.presignUrlV4({ accessKeyId: 'AKIAPARITY', secretAccessKey: 's3cret', sessionToken: token || undefined,
      region: 'us-east-1', bucket: 'example-bucket', key, query, method, date: 1700000000, expires: 600 });
    const i = a % cos.length;
    const ch = '%+/?&=;#.a0Z '[b % 13];
    const tampered = op === 'flip' ? cos.slice(0, i) + ch + cos.slice(i + 1) : op === 'del' ? cos.slice(0, i) + cos.slice(i + 1) : cos.slice(0, i) + ch + cos.slice(i);
    cases.push(
      [cos, { secret: 's3cret', method, headers, now: NOW }],
      [cos, { secret: 'wrong', method: 'GET', now: NOW + 10000 }],
      [`${cos}&extra`, { now: 1 }],
      [cos.replace('q-sign-time=1700000000', 'q-sign-time=1700000001'), { secret: 's3cret', method, headers, now: NOW }],
      [cos.replace('.myqcloud.com/', '.myqcloud.com:8443/'), { secret: 's3cret', method, headers, now: NOW }],
      [tampered, { secret: 's3cret', now: NOW }],
      [v4, { secret: 's3cret', method, now: NOW }],
      [v4, { secret: 's3cret', method: 'delete', now: NOW + 1000 }],
      [v4.replace('s3.us-east-1.amazonaws.com', 'minio.example.com:9000'), { secret: 's3cret', method, now: NOW }],
    );
  }
  const sdk = new CosNode({ SecretId: 'AKIDparity', SecretKey: 'k' });
  for (const key of ['a b+c.jpg', '报告 (1).pdf', "!*'()", 'dir/😀.png']) {
    const url = sdk.getObjectUrl({ Bucket: 'examplebucket-1250000000', Region: 'ap-beijing', Key: key, Sign: true, Expires: 60 });
    cases.push([url, { secret: 'k', now: NOW }], [url, { now: NOW }]);
  }
  for (const url of ['not a url', 'ftp://x/a', 'https://x/a?b=1', 'https://x/a?q-ak=1', 'https://x/%zz?q-ak=1',
    'https://u:p@X.EXAMPLE.com:443/a/./b/../c d?q-signature=1&q-ak=a&q-sign-algorithm=sha1&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list=']) {
    cases.push([url, { secret: 'k', now: NOW }]);
  }
  const differ = [];
  for (const [url, o] of cases) {
    const js = await jsSide(explainUrl, url, o);
    const cli = cliSide(url, o);
    if (js !== cli) differ.push({ url, options: { ...o, secret: o.secret && '(given)' }, js, cli });
  }
  return differ;
}
