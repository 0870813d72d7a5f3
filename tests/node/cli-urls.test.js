// The cos-presign CLI against the wasm package: for the same inputs (fixed
// --start-time) it prints exactly the package's URLs, byte for byte, over the
// differential corpus (tests/node/helpers/arbitraries.js), for keys given as
// arguments and for a batch of 100,000 keys on standard input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { init } from 'cos-presign/sigv4';
import { contentDisposition } from '../../web/presigner.js';
import * as arb from './helpers/arbitraries.js';
import { BUCKET, REGION, source } from './helpers/differential.js';
import { cliBuilt, runCli } from './helpers/cli.js';

const SEED = 20261214;
const RUNS = Number(process.env.CLI_RUNS || 300);

cliBuilt();
const signer = await init();

const startTime = fc.integer({ min: 0, max: 4e9 });
const expires = fc.integer({ min: 1, max: 1e6 });
// --query takes name=value: names with '=' cannot be told apart, so they stay out.
const cliQuery = arb.query.filter((q) => Object.keys(q).every((n) => !n.includes('=')));
const download = fc.option(arb.text({ minLength: 1, maxLength: 20 }), { nil: undefined });

// The command line for options the package takes as an object.
function cosArgs({ startTime: s, expires: e, method, query, headers, download: d }) {
  const args = ['url', '--bucket', BUCKET, '--region', REGION, '--start-time', String(s), '--expires', String(e)];
  if (method !== undefined) args.push('--method', method);
  for (const [n, v] of Object.entries(query)) args.push('--query', v === null ? n : `${n}=${v}`);
  for (const [n, v] of Object.entries(headers)) args.push('--header', `${n}: ${v}`);
  if (d !== undefined) args.push('--download', d);
  return args;
}

test('cos-presign url prints the package\'s URLs, byte for byte, over the differential corpus', () => {
  fc.assert(
    fc.property(arb.secretId, arb.secretKey, arb.sessionToken, fc.array(arb.objectKey, { minLength: 1, maxLength: 8 }),
      startTime, expires, fc.option(arb.method, { nil: undefined }), cliQuery, arb.headers, download,
      (secretId, secretKey, sessionToken, keys, s, e, method, query, headers, d) => {
        const q = { ...query };
        if (d !== undefined) {
          if (Object.keys(q).some((n) => n.toLowerCase() === 'response-content-disposition')) return;
          q['response-content-disposition'] = contentDisposition('attachment', d, 'download');
        }
        const options = { secretId, secretKey, sessionToken, bucket: BUCKET, region: REGION, startTime: s, expires: e, method, query: q, headers };
        const expected = signer.presignUrls(options, keys).map((u) => `${u}\n`).join('');
        const env = { COS_SECRET_ID: secretId, COS_SECRET_KEY: secretKey };
        if (sessionToken) env.COS_SESSION_TOKEN = sessionToken;
        const r = runCli([...cosArgs({ startTime: s, expires: e, method, query, headers, download: d }), '--', ...keys], { env });
        assert.equal(r.stderr, '', `stderr for ${source(options)}`);
        assert.equal(r.status, 0);
        assert.equal(r.stdout, expected, `keys ${source(keys)}, options ${source(options)}`);
      }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('cos-presign url --v4 prints the package\'s SigV4 URLs, byte for byte', () => {
  const endpoints = fc.constantFrom(undefined, 'https://cos.ap-guangzhou.myqcloud.com', 'http://127.0.0.1:9000', 'https://minio.example.com:9443');
  const v4Headers = arb.headers.filter((h) => Object.keys(h).every((n) => n.toLowerCase() !== 'host'));
  let signed = 0;
  fc.assert(
    fc.property(fc.stringMatching(/^AKIA[A-Z0-9]{16}$/), arb.secretKey, arb.sessionToken, fc.array(arb.objectKey, { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 0, max: 2.5e11 / 100 }), fc.integer({ min: 1, max: 604800 }), endpoints, fc.boolean(), cliQuery, v4Headers,
      (accessKeyId, secretAccessKey, sessionToken, keys, date, e, endpoint, pathStyle, query, headers) => {
        const ps = endpoint === undefined ? undefined : pathStyle || undefined;
        const options = { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined, region: 'us-east-1', endpoint, bucket: 'example-bucket', date, expires: e, pathStyle: ps, query, headers };
        let expected;
        try {
          expected = signer.presignUrlsV4(options, keys).map((u) => `${u}\n`).join('');
        } catch (error) {
          expected = error.code; // e.g. a key over S3's 1024 bytes: the CLI must refuse it with the same code
        }
        const args = ['url', '--v4', '--bucket', 'example-bucket', '--region', 'us-east-1', '--start-time', String(date), '--expires', String(e)];
        if (endpoint) args.push('--endpoint', endpoint);
        if (ps) args.push('--path-style');
        for (const [n, v] of Object.entries(query)) args.push('--query', v === null ? n : `${n}=${v}`);
        for (const [n, v] of Object.entries(headers)) args.push('--header', `${n}: ${v}`);
        const env = { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey };
        if (sessionToken) env.AWS_SESSION_TOKEN = sessionToken;
        const r = runCli([...args, '--', ...keys], { env });
        if (expected.startsWith('ERR_')) {
          assert.equal(r.status, 3);
          assert.match(r.stderr, new RegExp(`: ${expected}: `));
        } else {
          assert.equal(r.stderr, '');
          assert.equal(r.stdout, expected, `keys ${source(keys)}, options ${source(options)}`);
          signed++;
        }
      }),
    { seed: SEED + 1, numRuns: Math.ceil(RUNS / 2) },
  );
  assert.ok(signed > RUNS / 3, `only ${signed} cases were signed URLs`);
});

test('a batch of 100,000 keys from standard input gives the package\'s 100,000 URLs', () => {
  const keys = fc.sample(arb.objectKey, { seed: SEED + 2, numRuns: 100_000 });
  const token = 'x'.repeat(600) + '+/=';
  const options = { secretId: 'AKIDbatch0123', secretKey: 'batch secret', sessionToken: token, bucket: BUCKET, region: REGION, startTime: 1700000000, expires: 600 };
  const expected = signer.presignUrls(options, keys).map((u) => `${u}\n`).join('');
  const env = { COS_SECRET_ID: options.secretId, COS_SECRET_KEY: options.secretKey, COS_SESSION_TOKEN: token };
  const started = process.hrtime.bigint();
  const r = runCli(['url', '--bucket', BUCKET, '--region', REGION, '--start-time', '1700000000', '--expires', '600'],
    { env, input: keys.join('\n') + '\n' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.length, expected.length);
  assert.ok(r.stdout === expected, 'the 100,000 URLs differ from the package\'s');
  console.log(`# 100,000 keys from stdin: ${ms.toFixed(0)} ms for the whole CLI run`);
  // CRLF line ends are the same keys.
  const crlf = runCli(['url', '--bucket', BUCKET, '--region', REGION, '--start-time', '1700000000', '--expires', '600'],
    { env, input: keys.slice(0, 1000).join('\r\n') });
  assert.equal(crlf.stdout, expected.split('\n').slice(0, 1000).map((u) => `${u}\n`).join(''));
});

test('--credentials reads the JSON qcloud-cos-sts returns, from a file or standard input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cos-presign-cli-'));
  try {
    const sts = {
      expiredTime: 1700001800, expiration: '2023-11-14T22:43:20Z', startTime: 1699999999, requestId: 'r',
      credentials: { sessionToken: 'tok\u00e9+/=', tmpSecretId: 'AKIDtmp0123', tmpSecretKey: 'tmp secret \u8155' },
    };
    const file = join(dir, 'sts.json');
    writeFileSync(file, JSON.stringify(sts, null, 2));
    const options = { secretId: 'AKIDtmp0123', secretKey: 'tmp secret \u8155', sessionToken: 'tok\u00e9+/=', bucket: BUCKET, region: REGION, startTime: 1700000000, expires: 900, key: 'a b.txt' };
    const expected = `${signer.presignUrl(options)}\n`;
    const args = ['url', '--bucket', BUCKET, '--region', REGION, '--start-time', '1700000000'];
    assert.equal(runCli([...args, '--credentials', file, 'a b.txt']).stdout, expected);
    assert.equal(runCli([...args, '--credentials', '-', 'a b.txt'], { input: JSON.stringify(sts) }).stdout, expected);
    // Links never outlive the credentials: the end is cut to expiredTime, as the presigner does, with a note.
    const short = { ...sts, expiredTime: 1700000300 };
    const cut = runCli([...args, '--credentials', '-', 'a b.txt'], { input: JSON.stringify(short) });
    assert.equal(cut.status, 0);
    const { expires: _unused, ...withoutExpires } = options;
    assert.equal(cut.stdout, `${signer.presignUrl({ ...withoutExpires, endTime: 1700000300 })}\n`);
    assert.match(cut.stderr, /^cos-presign: note: the links end at the credentials' expiredTime, 300 s after they start, not 900 s\n$/);
    // The file wins over the environment.
    assert.equal(runCli([...args, '--credentials', file, 'a b.txt'], { env: { COS_SECRET_ID: 'AKIDother', COS_SECRET_KEY: 'other' } }).stdout, expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
