// Every kind of bad input gets an InvalidArgumentError with a stable code and
// a message naming the field, never the secret, and the signer stays usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, createPresigner, CosPresignError } from 'cos-presign';

const SECRET = 'sEcReT-kEy-that-must-never-leak';
const base = {
  secretId: 'AKIDexample', secretKey: SECRET, sessionToken: 'token-value', bucket: 'examplebucket-1250000000',
  region: 'ap-guangzhou', key: 'photos/a.jpg', startTime: 1700000000, expires: 600,
};
const authBase = { secretId: 'AKIDexample', secretKey: SECRET, key: 'a.txt', keyTime: '1700000000;1700000600' };

function expectError(fn, code, field) {
  return expectInvalid(fn, code, field, [SECRET]);
}

const cases = [
  // [description, call, code, field named in the message]
  ...['secretId', 'secretKey', 'bucket', 'region', 'key'].flatMap((field) => [
    [`missing ${field}`, { [field]: undefined }, 'ERR_MISSING_FIELD', field],
    [`empty ${field}`, { [field]: '' }, field === 'key' ? 'ERR_EMPTY_KEY' : 'ERR_MISSING_FIELD', field],
    [`${field} is a number`, { [field]: 42 }, 'ERR_INVALID_TYPE', field],
    [`${field} is an object`, { [field]: { toString: () => 'x' } }, 'ERR_INVALID_TYPE', field],
  ]),
  ['key of slashes', { key: '///' }, 'ERR_EMPTY_KEY', 'key'],
  ['key of one slash', { key: '/' }, 'ERR_EMPTY_KEY', 'key'],
  ['key with a newline', { key: 'a\nb' }, 'ERR_CONTROL_CHARACTER', 'key'],
  ['key with NUL', { key: 'a\0' }, 'ERR_CONTROL_CHARACTER', 'key'],
  ['key with DEL', { key: 'a\x7f' }, 'ERR_CONTROL_CHARACTER', 'key'],
  ['key with a dot segment', { key: 'a/../etc/passwd' }, 'ERR_DOT_SEGMENT', 'key'],
  ['query name with a control character', { query: { 'a\tb': '1' } }, 'ERR_CONTROL_CHARACTER', 'query'],
  ['header name with a control character', { headers: { 'x-cos-a\r': '1' } }, 'ERR_CONTROL_CHARACTER', 'header'],
  ['header value with CRLF', { headers: { 'x-cos-a': 'v\r\nInjected: 1' } }, 'ERR_CONTROL_CHARACTER', 'header'],
  ['header name not a token', { headers: { 'x cos': '1' } }, 'ERR_INVALID_NAME', 'header'],
  ['header value not ASCII', { headers: { 'x-cos-meta-name': '报告' } }, 'ERR_INVALID_VALUE', 'header'],
  ['lone high surrogate in key', { key: 'a\uD800b' }, 'ERR_LONE_SURROGATE', 'key'],
  ['lone low surrogate in key', { key: '\uDC00' }, 'ERR_LONE_SURROGATE', 'key'],
  ['lone surrogate in secretKey', { secretKey: SECRET + '\uD800' }, 'ERR_LONE_SURROGATE', 'secretKey'],
  ['lone surrogate in sessionToken', { sessionToken: '\uDBFF' }, 'ERR_LONE_SURROGATE', 'sessionToken'],
  ['lone surrogate in query name', { query: { '\uD800': '1' } }, 'ERR_LONE_SURROGATE', 'query'],
  ['lone surrogate in query value', { query: { a: 'x\uDFFF' } }, 'ERR_LONE_SURROGATE', 'query'],
  ['lone surrogate in header value', { headers: { 'x-cos-a': '\uD800' } }, 'ERR_LONE_SURROGATE', 'header'],
  ['lone surrogate in domain', { domain: 'a\uD800.com' }, 'ERR_LONE_SURROGATE', 'domain'],
  ['query value is a boolean', { query: { a: true } }, 'ERR_INVALID_VALUE', 'query "a"'],
  ['query value is an object', { query: { a: {} } }, 'ERR_INVALID_VALUE', 'query "a"'],
  ['query value is NaN', { query: { a: NaN } }, 'ERR_INVALID_VALUE', 'query "a"'],
  ['query value is Infinity', { query: { a: Infinity } }, 'ERR_INVALID_VALUE', 'query "a"'],
  ['header value is null', { headers: { 'x-cos-a': null } }, 'ERR_INVALID_VALUE', 'header "x-cos-a"'],
  ['header value is an array', { headers: { 'x-cos-a': ['1'] } }, 'ERR_INVALID_VALUE', 'header "x-cos-a"'],
  ['query is a string', { query: 'a=1' }, 'ERR_INVALID_TYPE', 'query'],
  ['bucket with a dot', { bucket: 'my.bucket-125' }, 'ERR_INVALID_HOST_LABEL', 'bucket'],
  ['bucket in uppercase', { bucket: 'Bucket-125' }, 'ERR_INVALID_HOST_LABEL', 'bucket'],
  ['bucket with a slash', { bucket: 'b/../c' }, 'ERR_INVALID_HOST_LABEL', 'bucket'],
  ['bucket too long', { bucket: 'b'.repeat(64) }, 'ERR_INVALID_HOST_LABEL', 'bucket'],
  ['region with a space', { region: 'ap guangzhou' }, 'ERR_INVALID_HOST_LABEL', 'region'],
  ['region ending in -', { region: 'ap-' }, 'ERR_INVALID_HOST_LABEL', 'region'],
  ['domain with a path', { domain: 'cdn.example.com/x' }, 'ERR_INVALID_DOMAIN', 'domain'],
  ['protocol ftp', { protocol: 'ftp' }, 'ERR_INVALID_PROTOCOL', 'protocol'],
  ['method with a space', { method: 'G ET' }, 'ERR_INVALID_METHOD', 'method'],
  ['secretId with &', { secretId: 'AKID&q-ak=x' }, 'ERR_INVALID_SECRET_ID', 'secretId'],
  ['startTime negative', { startTime: -1 }, 'ERR_INVALID_TIME', 'startTime'],
  ['startTime fractional', { startTime: 1700000000.5 }, 'ERR_INVALID_TIME', 'startTime'],
  ['startTime NaN', { startTime: NaN }, 'ERR_INVALID_TIME', 'startTime'],
  ['startTime Infinity', { startTime: Infinity }, 'ERR_INVALID_TIME', 'startTime'],
  ['startTime in milliseconds', { startTime: Date.now() }, 'ERR_INVALID_TIME', 'startTime'],
  ['startTime a string', { startTime: '1700000000' }, 'ERR_INVALID_TYPE', 'startTime'],
  ['expires zero', { expires: 0 }, 'ERR_INVALID_EXPIRES', 'expires'],
  ['expires negative', { expires: -5 }, 'ERR_INVALID_EXPIRES', 'expires'],
  ['expires fractional', { expires: 1.5 }, 'ERR_INVALID_EXPIRES', 'expires'],
  ['endTime before startTime', { expires: undefined, endTime: 1600000000 }, 'ERR_TIME_ORDER', 'endTime'],
  ['endTime and expires', { endTime: 1700000600 }, 'ERR_CONFLICTING_OPTIONS', 'endTime'],
  ['reserved query name', { query: { 'q-signature': 'x' } }, 'ERR_RESERVED_NAME', 'query'],
  ['host header', { headers: { Host: 'evil.example.com' } }, 'ERR_RESERVED_NAME', 'header'],
  ['duplicate query names', { query: { a: '1', A: '2' } }, 'ERR_DUPLICATE_NAME', 'query'],
  ['a misspelt option', { expire: 60 }, 'ERR_UNKNOWN_OPTION', 'expire'],
];

for (const [description, change, code, field] of cases) {
  test(`presignUrl: ${description} -> ${code}`, async () => {
    const signer = await init();
    expectError(() => signer.presignUrl({ ...base, ...change }), code, field);
    // The module is still usable afterwards.
    assert.match(signer.presignUrl(base), /^https:\/\/examplebucket-1250000000\.cos\.ap-guangzhou\.myqcloud\.com\/photos\/a\.jpg\?/);
  });
}

const keyTimeCases = [
  ['empty', '', 'ERR_MISSING_FIELD'],
  ['no semicolon', '1700000000', 'ERR_INVALID_KEY_TIME'],
  ['three parts', '1;2;3', 'ERR_INVALID_KEY_TIME'],
  ['negative', '-1;2', 'ERR_INVALID_KEY_TIME'],
  ['fractional', '1.5;2', 'ERR_INVALID_KEY_TIME'],
  ['spaces', '1; 2', 'ERR_INVALID_KEY_TIME'],
  ['leading zero', '01;2', 'ERR_INVALID_KEY_TIME'],
  ['start after end', '1700000600;1700000000', 'ERR_TIME_ORDER'],
];
for (const [description, keyTime, code] of keyTimeCases) {
  test(`authorization: keyTime ${description} -> ${code}`, async () => {
    const signer = await init();
    expectError(() => signer.authorization({ ...authBase, keyTime }), code, 'keyTime');
  });
}

test('authorization: key or pathname, exactly one', async () => {
  const signer = await init();
  expectError(() => signer.authorization({ ...authBase, key: undefined }), 'ERR_MISSING_FIELD', 'key');
  expectError(() => signer.authorization({ ...authBase, pathname: '/a' }), 'ERR_CONFLICTING_OPTIONS', 'key');
  expectError(() => signer.authorization({ ...authBase, key: '//' }), 'ERR_EMPTY_KEY', 'key');
  // fetch and browsers resolve dot segments before sending: the header would not match.
  expectError(() => signer.authorization({ ...authBase, key: 'a/../b' }), 'ERR_DOT_SEGMENT', 'key');
  expectError(() => signer.authorization({ ...authBase, key: undefined, pathname: '/a/./b' }), 'ERR_DOT_SEGMENT', 'pathname');
  assert.match(signer.authorization({ ...authBase, key: undefined, pathname: '/' }), /^q-sign-algorithm=sha1&/);
});

test('options that are not objects', async () => {
  const signer = await init();
  for (const bad of [undefined, null, 'key', 42, ['a']]) {
    expectError(() => signer.presignUrl(bad), 'ERR_INVALID_TYPE', 'options');
    expectError(() => signer.authorization(bad), 'ERR_INVALID_TYPE', 'options');
  }
});

test('presignUrls: bad keys are named by their index', async () => {
  const signer = await init();
  const { key, ...common } = base;
  const error = expectError(() => signer.presignUrls(common, ['a', 'b', '']), 'ERR_EMPTY_KEY', 'key (#2)');
  assert.equal(error.index, 2);
  assert.equal(expectError(() => signer.presignUrls(common, ['a', 7]), 'ERR_INVALID_TYPE', 'key').index, 1);
  assert.equal(expectError(() => signer.presignUrls(common, ['\uD800']), 'ERR_LONE_SURROGATE', 'key').index, 0);
  expectError(() => signer.presignUrls(common, 'a'), 'ERR_INVALID_TYPE', 'keys');
  expectError(() => signer.presignUrls({ ...common, key: 'a' }, ['b']), 'ERR_CONFLICTING_OPTIONS', 'key');
  assert.deepEqual(signer.presignUrls(common, []), []);
});

// --- docs/bad-input.md: every entry of the table is a test ------------------
// The table lists each public option with a wrong type, an empty value, a huge
// value, control characters, lone surrogates and more; "→ signed" entries are
// checked against cos-nodejs-sdk-v5, errors by their code. After every entry
// the same signer must still sign a normal URL that the SDK verifies.
import { readFileSync } from 'node:fs';
import { CosNode } from './helpers/sdk.js';
import { verifyCosUrl } from './helpers/cos-url.js';
import { expectInvalid } from './helpers/expect-error.js';

const MiB = 2 ** 20;
const helpers = {
  MiB,
  params: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, `v${i}`])),
  headerList: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-cos-h${i}`, `v${i}`])),
  keyList: (n) => Array.from({ length: n }, (_, i) => `k${i}`),
};
const evaluate = (expr) => new Function(...Object.keys(helpers), `return (${expr});`)(...Object.values(helpers));

function readTable() {
  const doc = readFileSync(new URL('../../docs/bad-input.md', import.meta.url), 'utf8');
  const entries = [];
  for (const line of doc.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 8 || !/^(init|authorization|presignUrl|presignUrls|getUploadUrl)(, |$)/.test(cells[0])) continue;
    const calls = cells[0].split(', ');
    const option = cells[1];
    for (const cell of cells.slice(2)) {
      for (const m of cell.matchAll(/`([^`]+)`\s*→\s*(ERR_[A-Z0-9_]+|signed)/g)) {
        for (const call of calls) entries.push({ call, option, expr: m[1], expected: m[2] });
      }
    }
  }
  return entries;
}

const tableEntries = readTable();
const URL_BASE = { secretId: 'AKIDexample', secretKey: SECRET, bucket: 'examplebucket-1250000000', region: 'ap-guangzhou' };
const BATCH = ['a.txt', 'b/c.txt'];

test('docs/bad-input.md has an entry for every option of every call', () => {
  const covered = new Set(tableEntries.map((e) => `${e.call} ${e.option}`));
  const options = {
    init: ['source'],
    authorization: ['options', 'secretId', 'secretKey', 'method', 'key', 'pathname', 'query', 'headers', 'keyTime', 'startTime', 'endTime', 'expires'],
    presignUrl: ['options', 'secretId', 'secretKey', 'sessionToken', 'bucket', 'region', 'key', 'method', 'query', 'headers', 'keyTime', 'startTime', 'endTime', 'expires', 'protocol', 'domain'],
    presignUrls: ['options', 'secretId', 'secretKey', 'sessionToken', 'bucket', 'region', 'method', 'query', 'headers', 'keyTime', 'startTime', 'endTime', 'expires', 'protocol', 'domain', 'keys'],
    getUploadUrl: ['options', 'key', 'contentType', 'contentLength', 'headers', 'expires', 'strictExpiry', 'combination'],
  };
  for (const [call, list] of Object.entries(options)) {
    for (const option of list) assert.ok(covered.has(`${call} ${option}`), `no entry for ${call} ${option}`);
  }
  assert.ok(tableEntries.length > 300, `${tableEntries.length} entries`);
});

// The call an entry makes, and how to check a result that is signed.
function callOf(signer, { call, option, expr }) {
  const value = evaluate(expr);
  let options;
  if (call === 'authorization') options = { secretId: URL_BASE.secretId, secretKey: SECRET, key: 'a.txt' };
  else options = { ...URL_BASE, ...(call === 'presignUrl' ? { key: 'a.txt' } : {}) };
  let keys = BATCH;
  if (option === 'options') return { run: () => (call === 'presignUrls' ? signer.presignUrls(value, keys) : signer[call](value)) };
  if (option === 'combination') {
    const { keys: k, ...patch } = value;
    if (k) keys = k;
    options = { ...options, ...patch };
  } else if (option === 'keys') {
    keys = value;
  } else {
    if (option === 'pathname') delete options.key;
    options[option] = value;
  }
  for (const name of Object.keys(options)) if (options[name] === undefined) delete options[name];
  return { options, keys, value, run: () => (call === 'presignUrls' ? signer.presignUrls(options, keys) : signer[call](options)) };
}

function checkSigned(entry, { options, keys }, result) {
  if (entry.call === 'authorization') {
    const keyTime = /&q-key-time=([^&]*)&/.exec(result)[1];
    const sdk = CosNode.getAuthorization({
      SecretId: options.secretId, SecretKey: options.secretKey, Method: options.method || 'get', Key: options.key,
      Pathname: options.pathname, Query: options.query, Headers: options.headers, KeyTime: keyTime,
    });
    assert.equal(result, sdk, 'equals cos-nodejs-sdk-v5');
    return;
  }
  const urls = entry.call === 'presignUrl' ? [result] : result;
  const expectedKeys = entry.call === 'presignUrl' ? [options.key] : keys;
  assert.equal(urls.length, expectedKeys.length);
  // Every URL of a small batch; a sample of a big one (the SDK is slow).
  const step = Math.max(1, Math.floor(urls.length / 50));
  for (let i = 0; i < urls.length; i += step) {
    assert.match(urls[i], /^https?:\/\/[\x21-\x7e]+$/);
    const v = verifyCosUrl(urls[i], { secretKey: options.secretKey, headers: options.headers, method: options.method || 'get' });
    assert.ok(v.ok, `${v.reason}: ${urls[i].slice(0, 200)}`);
    assert.equal(v.key, '/' + expectedKeys[i].replace(/^\//, ''));
  }
}

let packageCopy = 0;
for (const entry of tableEntries) {
  const name = `docs/bad-input.md: ${entry.call} ${entry.option} ${entry.expr.slice(0, 70)} -> ${entry.expected}`;
  if (entry.call === 'getUploadUrl') {
    test(name, () => checkUploadEntry(entry));
    continue;
  }
  if (entry.call === 'init') {
    test(name, async () => {
      // A fresh copy of the package, so this init() is not the cached one
      // (its error classes are the sources', not the bundle's).
      const fresh = await import(`../../web/node.js?bad-input=${++packageCopy}`);
      const freshInit = fresh.init;
      await assert.rejects(freshInit(evaluate(entry.expr)), (e) => e instanceof fresh.InitError && e instanceof Error && e.code === entry.expected);
      const signer = await freshInit();
      assert.ok(verifyCosUrl(signer.presignUrl({ ...URL_BASE, key: 'a.txt' }), { secretKey: SECRET }).ok, 'init() works after');
    });
    continue;
  }
  test(name, async () => {
    const signer = await init();
    const c = callOf(signer, entry);
    if (entry.expected === 'signed') {
      checkSigned(entry, c, c.run());
    } else {
      const error = expectError(c.run, entry.expected);
      if (typeof c.value === 'string' && c.value.length >= 6) assert.ok(!error.message.includes(c.value), 'the value is not echoed');
    }
    // Still usable, and still right.
    const url = signer.presignUrl({ ...URL_BASE, key: 'after/報告.txt', query: { a: '1' } });
    assert.ok(verifyCosUrl(url, { secretKey: SECRET }).ok, 'the next call signs correctly');
  });
}

// getUploadUrl rows: on a presigner with 30 minutes of credentials.
let uploadPresigner;
function presignerForUploads() {
  uploadPresigner ||= createPresigner({
    ...URL_BASE_LOCATION,
    credentials: async () => {
      const now = Math.floor(Date.now() / 1000);
      return { secretId: 'AKIDexample', secretKey: SECRET, sessionToken: 'token-value', startTime: now, expiredTime: now + 1800 };
    },
  });
  return uploadPresigner;
}
const URL_BASE_LOCATION = { bucket: URL_BASE.bucket, region: URL_BASE.region };

function checkUploadUrl(up, key, options) {
  assert.equal(up.method, 'PUT');
  assert.equal(Object.keys(up.headers)[0], 'Content-Type');
  const sent = { ...up.headers };
  if (options.contentLength !== undefined) sent['Content-Length'] = String(options.contentLength);
  const v = verifyCosUrl(up.url, { secretKey: SECRET, method: 'put', headers: sent });
  assert.ok(v.ok, `${v.reason}: ${up.url.slice(0, 200)}`);
  assert.equal(v.key, '/' + key);
}

async function checkUploadEntry(entry) {
  const presigner = presignerForUploads();
  const value = evaluate(entry.expr);
  let key = 'uploads/a.txt';
  let options = {};
  if (entry.option === 'key') key = value;
  else if (entry.option === 'options') options = value;
  else if (entry.option === 'combination') options = value;
  else options = { [entry.option]: value };
  if (entry.expected === 'signed') {
    checkUploadUrl(await presigner.getUploadUrl(key, options), key, options || {});
  } else {
    let error;
    try {
      await presigner.getUploadUrl(key, options);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof CosPresignError, `expected ${entry.expected}, got ${error}`);
    assert.equal(error.code, entry.expected, error.message);
    assert.ok(error.message.startsWith('cos-presign: '));
    for (const text of [error.message, JSON.stringify(error), error.stack]) assert.ok(!text.includes(SECRET));
    if (typeof value === 'string' && value.length >= 6) assert.ok(!error.message.includes(value), 'the value is not echoed');
  }
  // Still usable, and still right.
  checkUploadUrl(await presigner.getUploadUrl('after/報告.txt', { contentType: 'text/plain' }), 'after/報告.txt', {});
}
