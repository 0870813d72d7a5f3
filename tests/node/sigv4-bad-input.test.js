// Every V4 option with bad input gets an InvalidArgumentError with a stable
// code and a message naming the field, never the secret; the signer stays usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'cos-presign/sigv4';
import { expectInvalid } from './helpers/expect-error.js';

const SECRET = 'sEcReT/aCcEsS+kEy-that-must-never-leak';
const TOKEN = 'sEsSiOn-ToKeN-that-must-never-leak';
const base = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN, region: 'eu-west-1',
  bucket: 'example-bucket', key: 'photos/a.jpg', date: 1700000000, expires: 600,
};

function expectError(fn, code, field) {
  return expectInvalid(fn, code, field, [SECRET, TOKEN]);
}

const cases = [
  // [description, change, code, field named in the message]
  ...['accessKeyId', 'secretAccessKey', 'region', 'bucket', 'key'].flatMap((field) => [
    [`missing ${field}`, { [field]: undefined }, 'ERR_MISSING_FIELD', field],
    // An empty key is ERR_EMPTY_KEY, as in COS URLs and SigV4 batches.
    [`empty ${field}`, { [field]: '' }, field === 'key' ? 'ERR_EMPTY_KEY' : 'ERR_MISSING_FIELD', field],
    [`${field} is a number`, { [field]: 42 }, 'ERR_INVALID_TYPE', field],
  ]),
  ...['sessionToken', 'service', 'endpoint', 'method'].map((field) => [`${field} is a number`, { [field]: 7 }, 'ERR_INVALID_TYPE', field]),
  ['accessKeyId with a slash', { accessKeyId: 'AKIA/2013' }, 'ERR_INVALID_ACCESS_KEY_ID', 'accessKeyId'],
  ['accessKeyId with a space', { accessKeyId: 'AKIA X' }, 'ERR_INVALID_ACCESS_KEY_ID', 'accessKeyId'],
  ['accessKeyId with a newline', { accessKeyId: 'AKIA\n' }, 'ERR_CONTROL_CHARACTER', 'accessKeyId'],
  ['lone surrogate in secretAccessKey', { secretAccessKey: SECRET + '\uD800' }, 'ERR_LONE_SURROGATE', 'secretAccessKey'],
  ['sessionToken with a newline', { sessionToken: `${TOKEN}\n` }, 'ERR_CONTROL_CHARACTER', 'sessionToken'],
  ['region with a slash', { region: 'eu/west', endpoint: 'https://minio.example.com' }, 'ERR_INVALID_REGION', 'region'],
  ['region in an AWS host with capitals', { region: 'EU_WEST_1' }, 'ERR_INVALID_HOST_LABEL', 'region'],
  ['service in capitals', { service: 'S3' }, 'ERR_INVALID_SERVICE', 'service'],
  ['service with a slash', { service: 's3/x' }, 'ERR_INVALID_SERVICE', 'service'],
  ['bucket in capitals', { bucket: 'Example' }, 'ERR_INVALID_BUCKET', 'bucket'],
  ['bucket too short', { bucket: 'ab' }, 'ERR_INVALID_BUCKET', 'bucket'],
  ['bucket too long', { bucket: 'b'.repeat(64) }, 'ERR_INVALID_BUCKET', 'bucket'],
  ['bucket with a slash', { bucket: 'a/b-c' }, 'ERR_INVALID_BUCKET', 'bucket'],
  ['bucket with ..', { bucket: 'a..b' }, 'ERR_INVALID_BUCKET', 'bucket'],
  ['endpoint ftp', { endpoint: 'ftp://minio.example.com' }, 'ERR_INVALID_PROTOCOL', 'endpoint'],
  ['endpoint with a path', { endpoint: 'https://minio.example.com/s3' }, 'ERR_INVALID_ENDPOINT', 'endpoint'],
  ['endpoint with a query', { endpoint: 'https://minio.example.com?x=1' }, 'ERR_INVALID_ENDPOINT', 'endpoint'],
  ['endpoint with user info', { endpoint: 'https://user:pw@minio.example.com' }, 'ERR_INVALID_ENDPOINT', 'endpoint'],
  ['endpoint with a bad port', { endpoint: 'http://127.0.0.1:70000' }, 'ERR_INVALID_ENDPOINT', 'endpoint'],
  ['endpoint with a space', { endpoint: 'https://minio example.com' }, 'ERR_INVALID_ENDPOINT', 'endpoint'],
  ['IPv4 endpoint with pathStyle false', { endpoint: 'http://10.0.0.2:9000', pathStyle: false }, 'ERR_INVALID_ENDPOINT', 'endpoint'],
  ['pathStyle without a bucket', { endpoint: 'https://bkt.example.com', bucket: undefined, pathStyle: true }, 'ERR_MISSING_FIELD', 'bucket'],
  ['pathStyle a string', { pathStyle: 'true' }, 'ERR_INVALID_TYPE', 'pathStyle'],
  ['pathStyle a number', { pathStyle: 1 }, 'ERR_INVALID_TYPE', 'pathStyle'],
  ['method with a space', { method: 'G ET' }, 'ERR_INVALID_METHOD', 'method'],
  ['method with a digit', { method: 'GET1' }, 'ERR_INVALID_METHOD', 'method'],
  ['key of slashes', { key: '///' }, 'ERR_EMPTY_KEY', 'key'],
  ['key with a dot segment', { key: 'a/../b' }, 'ERR_DOT_SEGMENT', 'key'],
  ['key with a newline', { key: 'a\nb' }, 'ERR_CONTROL_CHARACTER', 'key'],
  ['key with a lone surrogate', { key: 'a\uDC00' }, 'ERR_LONE_SURROGATE', 'key'],
  ['key over S3\'s 1024 bytes', { key: 'k'.repeat(1025) }, 'ERR_KEY_TOO_LONG', 'key'],
  ['key over 1024 bytes as UTF-8', { key: '腾'.repeat(342) }, 'ERR_KEY_TOO_LONG', 'key'],
  ['expires zero', { expires: 0 }, 'ERR_INVALID_EXPIRES', 'expires'],
  ['expires negative', { expires: -1 }, 'ERR_INVALID_EXPIRES', 'expires'],
  ['expires fractional', { expires: 1.5 }, 'ERR_INVALID_EXPIRES', 'expires'],
  ['expires NaN', { expires: NaN }, 'ERR_INVALID_EXPIRES', 'expires'],
  ['expires a string', { expires: '600' }, 'ERR_INVALID_TYPE', 'expires'],
  ['expires over 7 days', { expires: 604801 }, 'ERR_EXPIRES_TOO_LONG', 'expires'],
  ['expires a year', { expires: 31536000 }, 'ERR_EXPIRES_TOO_LONG', 'expires'],
  ['expires huge', { expires: Number.MAX_SAFE_INTEGER }, 'ERR_EXPIRES_TOO_LONG', 'expires'],
  ['date negative', { date: -1 }, 'ERR_INVALID_TIME', 'date'],
  ['date fractional', { date: 1700000000.5 }, 'ERR_INVALID_TIME', 'date'],
  ['date in milliseconds', { date: Date.now() }, 'ERR_INVALID_TIME', 'date'],
  ['date an invalid Date', { date: new Date('not a date') }, 'ERR_INVALID_TIME', 'date'],
  ['date before 1970', { date: new Date('1969-12-31T23:59:59Z') }, 'ERR_INVALID_TIME', 'date'],
  ['date after 9999', { date: new Date('+010000-01-01T00:00:00Z') }, 'ERR_INVALID_TIME', 'date'],
  ['date a string', { date: '2013-05-24T00:00:00Z' }, 'ERR_INVALID_TYPE', 'date'],
  ['query a string', { query: 'a=1' }, 'ERR_INVALID_TYPE', 'query'],
  ['query value a boolean', { query: { a: true } }, 'ERR_INVALID_VALUE', 'query "a"'],
  ['query value NaN', { query: { a: NaN } }, 'ERR_INVALID_VALUE', 'query "a"'],
  ['query name empty', { query: { '': 'x' } }, 'ERR_INVALID_NAME', 'query'],
  ['query name with a control character', { query: { 'a\tb': '1' } }, 'ERR_CONTROL_CHARACTER', 'query'],
  ['query value with a lone surrogate', { query: { a: '\uD800' } }, 'ERR_LONE_SURROGATE', 'query "a"'],
  ['query X-Amz-Signature', { query: { 'X-Amz-Signature': 'x' } }, 'ERR_RESERVED_NAME', 'query "X-Amz-Signature"'],
  ['query x-amz-credential', { query: { 'x-amz-credential': 'x' } }, 'ERR_RESERVED_NAME', 'query "x-amz-credential"'],
  ['query X-Amz-Security-Token', { query: { 'X-Amz-Security-Token': 'x' } }, 'ERR_RESERVED_NAME', 'query'],
  ['headers an array', { headers: ['Range'] }, 'ERR_INVALID_TYPE', 'headers'],
  ['header value null', { headers: { range: null } }, 'ERR_INVALID_VALUE', 'header "range"'],
  ['header host', { headers: { Host: 'evil.example.com' } }, 'ERR_RESERVED_NAME', 'header "Host"'],
  ['header name not a token', { headers: { 'x custom': '1' } }, 'ERR_INVALID_NAME', 'header "x custom"'],
  ['header value with CRLF', { headers: { 'x-custom': 'a\r\nInjected: 1' } }, 'ERR_CONTROL_CHARACTER', 'header "x-custom"'],
  ['header value not ASCII', { headers: { 'x-custom': 'café' } }, 'ERR_INVALID_VALUE', 'header "x-custom"'],
  ['headers differing in case', { headers: { Range: 'bytes=0-1', range: 'bytes=0-2' } }, 'ERR_DUPLICATE_NAME', 'header'],
  ['a COS option', { secretId: 'AKID' }, 'ERR_UNKNOWN_OPTION', 'secretId'],
  ['a misspelt option', { expire: 60 }, 'ERR_UNKNOWN_OPTION', 'expire'],
];

for (const [description, change, code, field] of cases) {
  test(`presignUrlV4: ${description} -> ${code}`, async () => {
    const signer = await init();
    expectError(() => signer.presignUrlV4({ ...base, ...change }), code, field);
    // The module is still usable afterwards.
    assert.match(signer.presignUrlV4(base), /^https:\/\/example-bucket\.s3\.eu-west-1\.amazonaws\.com\/photos\/a\.jpg\?X-Amz-Algorithm=/);
  });
}

test('presignUrlV4: options that are not objects', async () => {
  const signer = await init();
  for (const bad of [undefined, null, 'key', 42, ['a']]) {
    expectError(() => signer.presignUrlV4(bad), 'ERR_INVALID_TYPE', 'options');
    expectError(() => signer.presignUrlsV4(bad, ['a']), 'ERR_INVALID_TYPE', 'options');
  }
});

test('presignUrlsV4: bad keys are named by their index; key belongs in the list', async () => {
  const signer = await init();
  const { key, ...common } = base;
  assert.equal(expectError(() => signer.presignUrlsV4(common, ['a', 'b', '']), 'ERR_EMPTY_KEY', 'key (#2)').index, 2);
  assert.equal(expectError(() => signer.presignUrlsV4(common, ['a', 'x/./y']), 'ERR_DOT_SEGMENT', 'key (#1)').index, 1);
  assert.equal(expectError(() => signer.presignUrlsV4(common, ['a', 7]), 'ERR_INVALID_TYPE', 'key').index, 1);
  assert.equal(expectError(() => signer.presignUrlsV4(common, [null]), 'ERR_MISSING_FIELD', 'key').index, 0);
  assert.equal(expectError(() => signer.presignUrlsV4(common, ['\uD800']), 'ERR_LONE_SURROGATE', 'key').index, 0);
  expectError(() => signer.presignUrlsV4(common, 'a'), 'ERR_INVALID_TYPE', 'keys');
  expectError(() => signer.presignUrlsV4({ ...common, key: 'a' }, ['b']), 'ERR_UNKNOWN_OPTION', 'key');
});

test('presignUrlV4: defaults are documented values, not silent guesses', async () => {
  const signer = await init();
  const url = new URL(signer.presignUrlV4({ ...base, expires: undefined, sessionToken: undefined }));
  assert.equal(url.searchParams.get('X-Amz-Expires'), '900');
  assert.equal(url.searchParams.get('X-Amz-Security-Token'), null);
  assert.equal(url.searchParams.get('X-Amz-Date'), '20231114T221320Z');
  const before = Math.floor(Date.now() / 1000);
  const now = new URL(signer.presignUrlV4({ ...base, date: undefined })).searchParams.get('X-Amz-Date');
  const seconds = Date.parse(now.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')) / 1000;
  assert.ok(seconds >= before && seconds <= Math.floor(Date.now() / 1000), 'default date is now');
});

test('presignUrlV4: a key of exactly 1024 bytes (S3\'s limit) is signed', async () => {
  const signer = await init();
  const url = new URL(signer.presignUrlV4({ ...base, key: 'k'.repeat(1024) }));
  assert.equal(url.pathname, `/${'k'.repeat(1024)}`);
  const utf8 = new URL(signer.presignUrlV4({ ...base, key: 'k'.repeat(1021) + '腾' }));
  assert.equal(decodeURIComponent(utf8.pathname), `/${'k'.repeat(1021)}腾`);
});
