// Every kind of bad input gets an InvalidArgumentError with a stable code and
// a message naming the field, never the secret, and the signer stays usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, InvalidArgumentError, CosPresignError } from 'cos-presign';

const SECRET = 'sEcReT-kEy-that-must-never-leak';
const base = {
  secretId: 'AKIDexample', secretKey: SECRET, sessionToken: 'token-value', bucket: 'examplebucket-1250000000',
  region: 'ap-guangzhou', key: 'photos/a.jpg', startTime: 1700000000, expires: 600,
};
const authBase = { secretId: 'AKIDexample', secretKey: SECRET, key: 'a.txt', keyTime: '1700000000;1700000600' };

function expectError(fn, code, field) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected ${code}, got no error`);
  assert.ok(error instanceof InvalidArgumentError && error instanceof CosPresignError && error instanceof Error, String(error));
  assert.equal(error.code, code, error.message);
  if (field) assert.ok(error.message.includes(field), `message names ${field}: ${error.message}`);
  assert.ok(error.message.startsWith('cos-presign: '));
  for (const text of [error.message, String(error), JSON.stringify(error), error.stack]) {
    assert.ok(!text.includes(SECRET), 'the secret never appears');
  }
  return error;
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
  assert.deepEqual(signer.presignUrls(common, []), []);
});
