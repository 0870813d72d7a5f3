// No secret survives a call: after authorization(), presignUrl() and
// presignUrls() (and after every error) the whole wasm linear memory holds
// neither the secret key nor the SignKey derived from it, and no error
// message, toString(), JSON.stringify() or console line ever shows the secret.
// The SignKey is computed here with node:crypto, independently of the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { init, CosPresignError } from 'cos-presign';
import { linearMemory } from '../../web/testing.js';

const KEY_TIME = '1700000000;1700000600';
const SECRETS = [
  'sEcReT9kEy7that5must3never1leak',          // ASCII, typical length
  'k'.repeat(30) + 'LONG-secret-longer-than-one-sha1-block' + 'z'.repeat(30), // hashed by HMAC first (> 64 bytes)
  '密钥-🔑-secret-非ASCII',                     // multi-byte UTF-8
];

const xor = (bytes, pad) => Buffer.from(bytes.map((b) => b ^ pad));

// Everything derived from the secret that must not be left in memory: the key
// bytes, the SignKey (hex, as COS uses it, and raw), and the HMAC pads of both
// (what an HMAC context stores while keyed).
function needles(secretKey, keyTime) {
  const raw = createHmac('sha1', secretKey).update(keyTime).digest();
  const signKeyHex = Buffer.from(raw.toString('hex'));
  const secret = Buffer.from(secretKey, 'utf8');
  const list = { secretKey: secret, signKeyHex, signKeyRaw: raw, signKeyIpad: xor(signKeyHex, 0x36), signKeyOpad: xor(signKeyHex, 0x5c) };
  if (secret.length <= 64) Object.assign(list, { secretIpad: xor(secret, 0x36), secretOpad: xor(secret, 0x5c) });
  return list;
}

function findIn(signer, list) {
  const memory = Buffer.from(linearMemory(signer));
  return Object.entries(list).filter(([, bytes]) => memory.indexOf(bytes) >= 0).map(([name]) => name);
}

const options = (secretKey) => ({
  secretId: 'AKIDexample', secretKey, sessionToken: 'token', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou',
  keyTime: KEY_TIME, query: { 'response-content-disposition': 'attachment' }, headers: { Range: 'bytes=0-1' },
});

test('the scan sees the memory the core writes (positive control)', async () => {
  const signer = await init();
  const url = signer.presignUrl({ ...options(SECRETS[0]), key: 'control.txt' });
  const signature = new URL(url).searchParams.get('q-signature');
  // The last response (the URL, with its signature) is still in linear memory.
  assert.deepEqual(findIn(signer, { signature: Buffer.from(signature) }), ['signature']);
});

for (const secretKey of SECRETS) {
  test(`no trace of the secret or SignKey after each call (${Buffer.byteLength(secretKey)}-byte secret)`, async () => {
    const signer = await init();
    const list = needles(secretKey, KEY_TIME);
    const { sessionToken, bucket, region, ...authOptions } = options(secretKey);
    const calls = {
      authorization: () => signer.authorization({ ...authOptions, key: 'a/b.txt' }),
      presignUrl: () => signer.presignUrl({ ...options(secretKey), key: 'a/b.txt' }),
      presignUrls: () => signer.presignUrls(options(secretKey), ['a', 'b/报告.pdf', 'c+d', '😀']),
      'presignUrls, 2000 keys (input buffer grows)': () => signer.presignUrls(options(secretKey), Array.from({ length: 2000 }, (_, i) => `k${i}`)),
    };
    for (const [name, call] of Object.entries(calls)) {
      call();
      assert.deepEqual(findIn(signer, list), [], `after ${name}`);
    }
  });
}

// One bad input per error path the core sees after the secret is in memory,
// and the ones the wrapper refuses first. The secret key is always S; the
// faulty value carries V, which no message may echo either (values are never
// echoed; names of options, parameters and headers are, as they are not secret).
const S = SECRETS[0];
const V = 'vAlUe7that3is5never0echoed';
const badInputs = [
  ['authorization', { key: `${V}\n` }, 'ERR_CONTROL_CHARACTER'],
  ['presignUrl', { key: `${V}/../x` }, 'ERR_DOT_SEGMENT'],
  ['authorization', { key: '///' }, 'ERR_EMPTY_KEY'],
  ['authorization', { keyTime: `${KEY_TIME};${V}` }, 'ERR_INVALID_KEY_TIME'],
  ['authorization', { keyTime: '1700000600;1700000000' }, 'ERR_TIME_ORDER'],
  ['authorization', { method: `G${V}-` }, 'ERR_INVALID_METHOD'],
  ['authorization', { secretId: `${V}&` }, 'ERR_INVALID_SECRET_ID'],
  ['authorization', { query: { a: 1, A: V } }, 'ERR_DUPLICATE_NAME'],
  ['authorization', { headers: { 'x-cos-a': ` ${V}` } }, 'ERR_INVALID_VALUE'],
  ['authorization', { headers: { 'x cos': V } }, 'ERR_INVALID_NAME'],
  ['authorization', { secretKey: `${S}\uD800` }, 'ERR_LONE_SURROGATE'],
  ['authorization', { secretKey: 42 }, 'ERR_INVALID_TYPE'],
  ['authorization', { secretKey: '' }, 'ERR_MISSING_FIELD'],
  ['authorization', { secretkey: V }, 'ERR_UNKNOWN_OPTION'],
  ['authorization', { expires: 60 }, 'ERR_CONFLICTING_OPTIONS'],
  ['presignUrl', { bucket: V.toLowerCase() + '.x' }, 'ERR_INVALID_HOST_LABEL'],
  ['presignUrl', { domain: `${V}/path` }, 'ERR_INVALID_DOMAIN'],
  ['presignUrl', { protocol: V }, 'ERR_INVALID_PROTOCOL'],
  ['presignUrl', { query: { 'q-signature': V } }, 'ERR_RESERVED_NAME'],
  ['presignUrl', { keyTime: undefined, expires: 0 }, 'ERR_INVALID_EXPIRES'],
  ['presignUrl', { keyTime: undefined, startTime: NaN }, 'ERR_INVALID_TIME'],
  ['presignUrl', { query: { a: NaN } }, 'ERR_INVALID_VALUE'],
  ['presignUrls', { keys: ['ok', `${V}\0`] }, 'ERR_CONTROL_CHARACTER'],
  ['presignUrls', { keys: ['ok', ''] }, 'ERR_EMPTY_KEY'],
];

test('every error path: no secret in the error, its text forms, the console, or memory', async () => {
  const signer = await init();
  const list = needles(S, KEY_TIME);
  const logged = [];
  const saved = {};
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    saved[m] = console[m];
    console[m] = (...args) => logged.push(args.map(String).join(' '));
  }
  const writes = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = (chunk, ...rest) => (logged.push(String(chunk)), true);
  const seen = new Set();
  try {
    for (const [call, change, code] of badInputs) {
      const { keys, ...rest } = change;
      const o = { ...options(S), key: 'a.txt', ...rest };
      if (call === 'authorization') delete o.sessionToken, delete o.bucket, delete o.region;
      let error;
      try {
        if (call === 'presignUrls') signer.presignUrls({ ...o, key: undefined }, keys);
        else signer[call](o);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof CosPresignError, `${call} ${JSON.stringify(Object.keys(change))}: expected ${code}`);
      assert.equal(error.code, code, error.message);
      seen.add(code);
      const texts = [error.message, String(error), JSON.stringify(error), error.stack, JSON.stringify({ ...error }), String(error.field)];
      for (const t of texts) {
        for (const secret of [S, V, V.toLowerCase(), encodeURIComponent(V)]) assert.ok(!t.includes(secret), `${code}: secret in ${t}`);
      }
      assert.deepEqual(findIn(signer, list), [], `${code}: memory after the error`);
    }
  } finally {
    Object.assign(console, saved);
    [process.stdout.write, process.stderr.write] = writes;
  }
  assert.ok(!logged.some((l) => l.includes(S) || l.includes(V)), 'nothing logged the secret');
  assert.deepEqual(logged, [], 'the package logs nothing');
  assert.ok(seen.size >= 20);
});

test('the Signer shows no secret and no memory when serialized or inspected', async () => {
  const signer = await init();
  signer.presignUrl({ ...options(S), key: 'a.txt' });
  assert.deepEqual(Object.keys(signer).filter((k) => k !== '_wire'), []);
  const json = JSON.stringify(signer);
  assert.ok(json.length < 100 && !json.includes(S), json);
  assert.ok(!String(signer).includes(S));
  const { inspect } = await import('node:util');
  assert.ok(!inspect(signer, { depth: 4 }).includes(S));
});

// --- the presigner: after signing and dispose(), nothing of the secret ------
import { createPresigner } from 'cos-presign';
import * as withSigV4 from 'cos-presign/sigv4';

function v4SigningKey(secret, date8, region, service) {
  const h = (key, data) => createHmac('sha256', key).update(data).digest();
  return h(h(h(h(`AWS4${secret}`, date8), region), service), 'aws4_request');
}

for (const signature of ['cos', 'v4']) {
  test(`presigner (${signature}): no secret, SignKey or signing key in wasm memory after URLs and dispose()`, async () => {
    const secretKey = `presigner-${signature}-secret-${'x'.repeat(12)}`;
    const nowS = Math.floor(Date.now() / 1000);
    // Each signature from the module a page would load for it.
    const entry = signature === 'v4' ? withSigV4 : { createPresigner, init };
    const presigner = entry.createPresigner({
      bucket: signature === 'v4' ? 'examplebucket' : 'examplebucket-1250000000',
      region: signature === 'v4' ? 'us-east-1' : 'ap-guangzhou',
      ...(signature === 'v4' ? { signature: 'v4' } : {}),
      credentials: async () => ({ secretId: 'AKIDexample', secretKey, sessionToken: 'token', startTime: nowS - 10, expiredTime: nowS + 3600 }),
    });
    const urls = [await presigner.getObjectUrl('a/b.txt', { expires: 600 }), ...await presigner.getObjectUrls(['c', '报告.pdf'], { expires: 600 })];
    const signer = await entry.init();
    let list;
    if (signature === 'cos') {
      const keyTime = new URL(urls[0]).searchParams.get('q-key-time');
      list = needles(secretKey, keyTime);
    } else {
      const credential = new URL(urls[0]).searchParams.get('X-Amz-Credential').split('/');
      const signingKey = v4SigningKey(secretKey, credential[1], credential[2], credential[3]);
      list = { secretKey: Buffer.from(secretKey), aws4Key: Buffer.from(`AWS4${secretKey}`), signingKey, signingKeyHex: Buffer.from(signingKey.toString('hex')) };
    }
    assert.deepEqual(findIn(signer, list), [], 'after signing');
    presigner.dispose();
    assert.deepEqual(findIn(signer, list), [], 'after dispose()');
    for (const text of [JSON.stringify(presigner), String(presigner), (await import('node:util')).inspect(presigner, { depth: 5 })]) {
      assert.ok(!text.includes(secretKey), text);
    }
    await assert.rejects(presigner.getObjectUrl('a'), (e) => e.code === 'ERR_DISPOSED' && !e.message.includes(secretKey));
  });
}

test('presigner: after dispose() the JS heap holds no copy of the secret (heap snapshot)', async () => {
  const { getHeapSnapshot } = await import('node:v8');
  // The secret exists only as the body of a fetched response, so once the
  // presigner lets go of it nothing else keeps it alive.
  const marker = ['hEaP', 'sEcReT', String(process.pid), 'k7q'].join('-');
  const body = () => Buffer.from(JSON.stringify({ TmpSecretId: 'AKIDexample', TmpSecretKey: [marker, 'tail'].join('+'), SecurityToken: 'token', ExpiredTime: Math.floor(Date.now() / 1000) + 3600 }));
  const presigner = createPresigner({
    bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', credentials: 'https://backend.invalid/sts',
    fetch: async () => new Response(body(), { status: 200, headers: { 'content-type': 'application/json' } }),
  });
  await presigner.getObjectUrl('a.txt');
  const snapshotHas = async (needle) => {
    let text = '';
    for await (const chunk of getHeapSnapshot()) text += chunk;
    return text.includes(needle);
  };
  // Positive control: while the presigner holds the credentials, the snapshot shows them.
  assert.ok(await snapshotHas(`${marker}+tail`), 'the snapshot sees held credentials');
  presigner.dispose();
  await new Promise((r) => setImmediate(r));
  // The presigner is still referenced (as a page would keep it): only
  // dispose() can have let go of the credentials. A snapshot collects first.
  assert.ok(!(await snapshotHas(`${marker}+tail`)), 'no copy of the secret left on the JS heap');
  assert.equal(presigner.toJSON().disposed, true);
});
