// The URLs do not change: a fixed corpus of calls (tests/node/helpers/url-corpus.js:
// Unicode keys, '+', spaces, image-processing parameters, batches of 1 and
// 100,000; COS and SigV4; single and batch calls) gives exactly the URLs of
// the snapshot in tests/node/fixtures/url-corpus.json, taken before the size
// and speed work of issue 13. The snapshot alone would only prove that
// nothing changed, so every URL (a sample of the big batches) is also checked
// against an independent reference: cos-nodejs-sdk-v5 recomputing the COS
// signature from the URL as a server parses it, and the AWS SDK's
// S3RequestPresigner for SigV4.
//
// Regenerate the snapshot only when a change of URLs is intended:
//   UPDATE_URL_CORPUS=1 node --test tests/node/url-corpus.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init } from 'cos-presign/sigv4';
import { init as initCosOnly } from 'cos-presign';
import { verifyCosUrl, camSafeEncode } from './helpers/cos-url.js';
import { CosNode } from './helpers/sdk.js';
import { KEYS, COS_OPTION_SETS, COS_COMMON, V4_COMMON, V4_OPTION_SETS, BIG_BATCH, batchKeys } from './helpers/url-corpus.js';

const require = createRequire(import.meta.url);
const { S3RequestPresigner } = require('@aws-sdk/s3-request-presigner');

const SNAPSHOT = new URL('./fixtures/url-corpus.json', import.meta.url);
const UPDATE = process.env.UPDATE_URL_CORPUS === '1';
const SAMPLE_EVERY = 997; // big batches: ~100 URLs each checked against the SDKs

const sha256 = (lines) => createHash('sha256').update(lines.join('\n')).digest('hex');

// Every call of the corpus and its URLs, in a fixed order.
function runCorpus(signer, withV4 = true) {
  const bigKeys = batchKeys(BIG_BATCH);
  const out = { cos: [], v4: [], authorization: [] };
  COS_OPTION_SETS.forEach((extra, set) => {
    const common = { ...COS_COMMON, ...extra };
    const singles = KEYS.map((key) => signer.presignUrl({ ...common, key }));
    out.cos.push({ set, call: 'presignUrl', keys: 'KEYS', urls: singles });
    out.cos.push({ set, call: 'presignUrls', keys: 'KEYS', urls: signer.presignUrls(common, KEYS) });
    out.cos.push({ set, call: 'presignUrls', keys: 'KEYS[2]', urls: signer.presignUrls(common, [KEYS[2]]) });
    out.authorization.push({
      set, urls: KEYS.map((key) => signer.authorization({ ...pick(common, ['secretId', 'secretKey', 'keyTime', 'query', 'headers', 'method']), key })),
    });
  });
  for (const set of [0, 2]) {
    const common = { ...COS_COMMON, ...COS_OPTION_SETS[set] };
    const urls = signer.presignUrls(common, bigKeys);
    out.cos.push({ set, call: 'presignUrls', keys: 'batchKeys(100000)', urls });
  }
  if (!withV4) return out;
  V4_OPTION_SETS.forEach((extra, set) => {
    const common = { ...V4_COMMON, ...extra };
    const singles = KEYS.slice(0, -2).map((key) => signer.presignUrlV4({ ...common, key }));
    out.v4.push({ set, call: 'presignUrlV4', keys: 'KEYS', urls: singles });
    out.v4.push({ set, call: 'presignUrlsV4', keys: 'KEYS', urls: signer.presignUrlsV4(common, KEYS.slice(0, -2)) });
    out.v4.push({ set, call: 'presignUrlsV4', keys: 'KEYS[2]', urls: signer.presignUrlsV4(common, [KEYS[2]]) });
  });
  for (const set of [0, 2]) {
    const urls = signer.presignUrlsV4({ ...V4_COMMON, ...V4_OPTION_SETS[set] }, bigKeys);
    out.v4.push({ set, call: 'presignUrlsV4', keys: 'batchKeys(100000)', urls });
  }
  return out;
}

// The corpus runs once (4 batches of 100,000 among its calls); every test reads it.
let corpus = null;
async function corpusOutput() {
  corpus ??= init().then(runCorpus);
  return corpus;
}

function pick(o, names) {
  return Object.fromEntries(names.filter((n) => o[n] !== undefined).map((n) => [n, o[n]]));
}

// The snapshot form: single calls verbatim (readable diffs), batches by the
// SHA-256 of their URLs joined with '\n' (the first test also checks that a
// batch equals the single calls).
function snapshotOf(out) {
  const strip = ({ urls, ...e }) => (e.call.includes('Urls') ? { ...e, sha256: sha256(urls) } : { ...e, urls });
  return { cos: out.cos.map(strip), v4: out.v4.map(strip), authorization: out.authorization };
}

// The keys behind a corpus entry, in URL order.
function keysOf(entry, bigKeys) {
  if (entry.keys === 'KEYS[2]') return [KEYS[2]];
  if (entry.keys === 'batchKeys(100000)') return bigKeys;
  return entry.call.endsWith('V4') ? KEYS.slice(0, -2) : KEYS;
}

test('the corpus gives exactly the snapshot\'s URLs (COS, SigV4, authorization; single calls, batches of 1 and 100,000)', { timeout: 120_000 }, async () => {
  const out = await corpusOutput();
  const got = snapshotOf(out);
  if (UPDATE) {
    writeFileSync(SNAPSHOT, JSON.stringify(got, null, 1) + '\n');
    return;
  }
  const want = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
  // Entry by entry, so a failure names the call.
  for (const part of ['cos', 'v4', 'authorization']) {
    assert.equal(got[part].length, want[part].length, `${part}: number of calls`);
    got[part].forEach((entry, i) => assert.deepEqual(entry, want[part][i], `${part} #${i} (${entry.call ?? 'authorization'}, option set ${entry.set}, ${entry.keys ?? 'KEYS'})`));
  }
  // A batch gives the single calls' URLs, key for key.
  for (const part of ['cos', 'v4']) {
    for (const e of out[part]) {
      if (!e.call.includes('Urls') || e.keys === 'batchKeys(100000)') continue;
      const single = out[part].find((s) => s.set === e.set && s.keys === 'KEYS' && !s.call.includes('Urls'));
      const expected = e.keys === 'KEYS[2]' ? [single.urls[2]] : single.urls;
      assert.deepEqual(e.urls, expected, `${part} option set ${e.set}: ${e.call}(${e.keys}) = single calls`);
    }
  }
});

test('the COS-only module (\'cos-presign\') gives the snapshot\'s COS URLs and authorizations too', { timeout: 120_000 }, async () => {
  const got = snapshotOf(runCorpus(await initCosOnly(), false));
  const want = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
  assert.deepEqual(got.cos, want.cos);
  assert.deepEqual(got.authorization, want.authorization);
});

test('every COS URL of the corpus verifies with cos-nodejs-sdk-v5, and authorization() equals its getAuthorization', { timeout: 120_000 }, async () => {
  const out = await corpusOutput();
  const bigKeys = batchKeys(BIG_BATCH);
  let checked = 0;
  for (const e of out.cos) {
    const common = { ...COS_COMMON, ...COS_OPTION_SETS[e.set] };
    const keys = keysOf(e, bigKeys);
    assert.equal(e.urls.length, keys.length);
    e.urls.forEach((url, i) => {
      if (keys === bigKeys && i % SAMPLE_EVERY !== 0) return;
      const v = verifyCosUrl(url, { secretKey: common.secretKey, headers: common.headers, method: common.method });
      assert.ok(v.ok, `set ${e.set} ${e.call} key #${i}: ${v.reason}\n${url}`);
      assert.equal(v.key, '/' + keys[i].replace(/^\//, ''), 'the decoded path is the key');
      assert.equal(v.token, common.sessionToken, 'the token round-trips');
      checked++;
    });
  }
  for (const e of out.authorization) {
    const common = { ...COS_COMMON, ...COS_OPTION_SETS[e.set] };
    e.urls.forEach((auth, i) => {
      const theirs = CosNode.getAuthorization({
        SecretId: common.secretId, SecretKey: common.secretKey, Method: common.method ?? 'get', Key: KEYS[i],
        KeyTime: common.keyTime, Query: common.query ?? {}, Headers: common.headers ?? {},
      });
      assert.equal(auth, theirs, `authorization, set ${e.set}, key #${i}`);
    });
  }
  assert.ok(checked > 350, `checked ${checked} URLs`);
});

// node:crypto in the shape the SDK's signer takes (a Checksum constructor).
class Sha256 {
  constructor(secret) { this.hash = secret ? createHmac('sha256', secret) : createHash('sha256'); }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}

function queryOf(url) {
  const got = {};
  for (const part of url.slice(url.indexOf('?') + 1).split('&')) {
    const eq = part.indexOf('=');
    got[decodeURIComponent(eq < 0 ? part : part.slice(0, eq))] = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
  }
  return got;
}

test('every SigV4 URL of the corpus is the one the AWS SDK\'s S3RequestPresigner signs', { timeout: 120_000 }, async () => {
  const out = await corpusOutput();
  const bigKeys = batchKeys(BIG_BATCH);
  let checked = 0;
  for (const e of out.v4) {
    const c = { ...V4_COMMON, ...V4_OPTION_SETS[e.set] };
    const presigner = new S3RequestPresigner({
      credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken },
      region: c.region, sha256: Sha256,
    });
    const endpointHost = c.endpoint ? new URL(c.endpoint).host : `s3.${c.region}.amazonaws.com`;
    const hostname = c.pathStyle ? endpointHost : `${c.bucket}.${endpointHost}`;
    const keys = keysOf(e, bigKeys);
    for (let i = 0; i < keys.length; i++) {
      if (keys === bigKeys && i % SAMPLE_EVERY !== 0) continue;
      // S3 keeps a leading '/' of a key as part of it (COS drops it).
      const path = (c.pathStyle ? `/${c.bucket}/` : '/') + keys[i].split('/').map(camSafeEncode).join('/');
      const query = Object.fromEntries(Object.entries(c.query ?? {}).map(([n, v]) => [n, v === null ? '' : String(v)]));
      const signed = await presigner.presign(
        { method: (c.method ?? 'GET').toUpperCase(), protocol: 'https:', hostname, path, query, headers: { ...c.headers, host: hostname } },
        { signingDate: new Date(c.date * 1000), expiresIn: c.expires },
      );
      const u = new URL(e.urls[i]);
      assert.equal(u.host, hostname, `set ${e.set} key #${i}`);
      assert.equal(u.pathname, path, `set ${e.set} key #${i}: path`);
      assert.deepEqual(queryOf(e.urls[i]), signed.query, `set ${e.set} ${e.call} key #${i}`);
      checked++;
    }
  }
  assert.ok(checked > 250, `checked ${checked} URLs`);
});
