// Every bad input to the cos-presign CLI, table-driven: its exit code, the
// option or input named on standard error with the error's code, nothing on
// standard output, and never a secret in either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cliBuilt, runCli } from './helpers/cli.js';

cliBuilt();

const SECRET = 'SECRET-never-printed-7f3a';
const TOKEN = 'TOKEN-never-printed-91c2';
const COS_ENV = { COS_SECRET_ID: 'AKIDexample123', COS_SECRET_KEY: SECRET, COS_SESSION_TOKEN: TOKEN };
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };
const URL_ARGS = ['url', '--bucket', 'examplebucket-1250000000', '--region', 'ap-guangzhou', '--start-time', '1700000000'];
const V4_ARGS = ['url', '--v4', '--bucket', 'example-bucket', '--region', 'us-east-1', '--start-time', '1700000000'];

const dir = mkdtempSync(join(tmpdir(), 'cos-presign-cli-bad-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const bigFile = join(dir, 'big.json');
writeFileSync(bigFile, `{"credentials":{"tmpSecretId":"a","tmpSecretKey":"${SECRET}","sessionToken":"${'x'.repeat(2 << 20)}"}}`);

const sts = (credentials, extra = {}) => JSON.stringify({ credentials, ...extra });
const GOOD_CREDENTIALS = { tmpSecretId: 'AKIDtmp', tmpSecretKey: SECRET, sessionToken: TOKEN };

// [what, args, { env, input }, exit code, where, code]
const CASES = [
  // 2: the command line
  ['no command', [], {}, 2, 'command', 'ERR_UNKNOWN_COMMAND'],
  ['unknown command', ['sign'], {}, 2, 'command', 'ERR_UNKNOWN_COMMAND'],
  ['option without value', ['url', '--bucket'], { env: COS_ENV }, 2, '--bucket', 'ERR_MISSING_VALUE'],
  ['unknown option', [...URL_ARGS, '--bukket', 'b', 'k'], { env: COS_ENV }, 2, '--bukket', 'ERR_UNKNOWN_OPTION'],
  ['unknown option with a value', [...URL_ARGS, `--secret=${SECRET}`, 'k'], { env: COS_ENV }, 2, '--secret', 'ERR_UNKNOWN_OPTION'],
  ['single-dash argument', [...URL_ARGS, `-${SECRET}`, 'k'], { env: COS_ENV }, 2, 'option', 'ERR_UNKNOWN_OPTION'],
  ['a secret as an option', [...URL_ARGS, `--${SECRET}`, 'k'], { env: COS_ENV }, 2, 'option', 'ERR_UNKNOWN_OPTION'],
  ['a lowercase secret as an option', [...URL_ARGS, '--a0b1c2d3e4f5', 'k'], { env: COS_ENV }, 2, 'option', 'ERR_UNKNOWN_OPTION'],
  ['expires not a number', [...URL_ARGS, '--expires', 'ten', 'k'], { env: COS_ENV }, 2, '--expires', 'ERR_INVALID_VALUE'],
  ['start time with a fraction', [...URL_ARGS.slice(0, 5), '--start-time', '1.5', 'k'], { env: COS_ENV }, 2, '--start-time', 'ERR_INVALID_VALUE'],
  ['header without colon', [...URL_ARGS, '--header', 'Content-Type image/png', 'k'], { env: COS_ENV }, 2, '--header', 'ERR_INVALID_VALUE'],
  ['option twice', [...URL_ARGS, '--region', 'ap-beijing', 'k'], { env: COS_ENV }, 2, '--region', 'ERR_DUPLICATE_OPTION'],
  ['flag with a value', [...V4_ARGS, '--v4=yes', 'k'], { env: AWS_ENV }, 2, '--v4', 'ERR_DUPLICATE_OPTION'],
  ['endpoint without --v4', [...URL_ARGS, '--endpoint', 'https://x', 'k'], { env: COS_ENV }, 2, '--endpoint', 'ERR_CONFLICTING_OPTIONS'],
  ['--path-style without --v4', [...URL_ARGS, '--path-style', 'k'], { env: COS_ENV }, 2, '--path-style', 'ERR_CONFLICTING_OPTIONS'],
  ['domain with --v4', [...V4_ARGS, '--domain', 'x.com', 'k'], { env: AWS_ENV }, 2, '--domain', 'ERR_CONFLICTING_OPTIONS'],
  ['credentials file with --v4', [...V4_ARGS, '--credentials', 'x.json', 'k'], { env: AWS_ENV }, 2, '--credentials', 'ERR_CONFLICTING_OPTIONS'],
  ['credentials and keys both on stdin', [...URL_ARGS, '--credentials', '-'], { input: 'k\n' }, 2, '--credentials', 'ERR_CONFLICTING_OPTIONS'],
  ['no keys at all', URL_ARGS, { env: COS_ENV, input: '' }, 2, 'KEY', 'ERR_MISSING_FIELD'],
  ['empty download name', [...URL_ARGS, '--download', '', 'k'], { env: COS_ENV }, 2, '--download', 'ERR_MISSING_FIELD'],
  ['download and its query', [...URL_ARGS, '--query', 'Response-Content-Disposition=x', '--download', 'a', 'k'], { env: COS_ENV }, 2, '--download', 'ERR_CONFLICTING_OPTIONS'],
  ['explain without URL', ['explain'], {}, 2, 'URL', 'ERR_MISSING_VALUE'],
  ['explain with two URLs', ['explain', 'https://a/b', 'https://a/c'], {}, 2, 'URL', 'ERR_INVALID_VALUE'],
  ['explain --now not a number', ['explain', '--now', 'soon', 'https://a/b'], {}, 2, '--now', 'ERR_INVALID_VALUE'],
  ['explain --credentials with a SigV4 link', ['explain', '--credentials', join(dir, 'none.json'), `https://example-bucket.s3.amazonaws.com/a?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAX%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`], { env: AWS_ENV }, 2, '--credentials', 'ERR_CONFLICTING_OPTIONS'],
  // 3: values the signer or the explainer refuses
  ['empty key argument', [...URL_ARGS, '--', ''], { env: COS_ENV }, 3, 'key argument 1', 'ERR_EMPTY_KEY'],
  ['empty line among stdin keys', URL_ARGS, { env: COS_ENV, input: 'a\n\nb\n' }, 3, 'key on line 2 of standard input', 'ERR_EMPTY_KEY'],
  ['empty line among stdin keys, blank lines at the end', URL_ARGS, { env: COS_ENV, input: 'a\n\nb\n\n\n' }, 3, 'key on line 2 of standard input', 'ERR_EMPTY_KEY'],
  ['only blank lines on stdin', URL_ARGS, { env: COS_ENV, input: '\n\r\n' }, 2, 'KEY', 'ERR_MISSING_FIELD'],
  ['key of slashes', [...URL_ARGS, 'ok', '//'], { env: COS_ENV }, 3, 'key argument 2', 'ERR_EMPTY_KEY'],
  ['dot segment', [...URL_ARGS, 'a/../b'], { env: COS_ENV }, 3, 'key argument 1', 'ERR_DOT_SEGMENT'],
  ['control character in a key', URL_ARGS, { env: COS_ENV, input: 'a\u0001b\n' }, 3, 'key on line 1 of standard input', 'ERR_CONTROL_CHARACTER'],
  ['key over 850 bytes', [...URL_ARGS, 'k'.repeat(851)], { env: COS_ENV }, 3, 'key argument 1', 'ERR_KEY_TOO_LONG'],
  ['missing bucket', ['url', '--region', 'ap-guangzhou', 'k'], { env: COS_ENV }, 3, '--bucket', 'ERR_MISSING_FIELD'],
  ['bad bucket', ['url', '--bucket', 'Bad_Bucket', '--region', 'ap-guangzhou', 'k'], { env: COS_ENV }, 3, '--bucket', 'ERR_INVALID_HOST_LABEL'],
  ['bad region', ['url', '--bucket', 'b-1250000000', '--region', 'ap guangzhou', 'k'], { env: COS_ENV }, 3, '--region', 'ERR_INVALID_HOST_LABEL'],
  ['expires 0', [...URL_ARGS, '--expires', '0', 'k'], { env: COS_ENV }, 3, '--expires', 'ERR_INVALID_EXPIRES'],
  ['negative start time', [...URL_ARGS.slice(0, 5), '--start-time', '-1', 'k'], { env: COS_ENV }, 3, '--start-time', 'ERR_INVALID_TIME'],
  ['start time in milliseconds', [...URL_ARGS.slice(0, 5), '--start-time', '1700000000000', 'k'], { env: COS_ENV }, 3, '--start-time', 'ERR_INVALID_TIME'],
  ['bad method', [...URL_ARGS, '--method', 'GE T', 'k'], { env: COS_ENV }, 3, '--method', 'ERR_INVALID_METHOD'],
  ['host header', [...URL_ARGS, '--header', 'Host: evil.example', 'k'], { env: COS_ENV }, 3, '--header', 'ERR_RESERVED_NAME'],
  ['header twice', [...URL_ARGS, '--header', 'Range: bytes=0-1', '--header', 'range: bytes=2-3', 'k'], { env: COS_ENV }, 3, '--header', 'ERR_DUPLICATE_NAME'],
  ['control character in a header', [...URL_ARGS, '--header', 'X-Cos-Meta-A: a\u0001', 'k'], { env: COS_ENV }, 3, '--header', 'ERR_CONTROL_CHARACTER'],
  ['control character in a download name', [...URL_ARGS, '--download', 'a\u0007.txt', 'k'], { env: COS_ENV }, 3, '--download', 'ERR_CONTROL_CHARACTER'],
  ['reserved query name', [...URL_ARGS, '--query', 'q-signature=x', 'k'], { env: COS_ENV }, 3, '--query', 'ERR_RESERVED_NAME'],
  ['domain with a scheme', [...URL_ARGS, '--domain', 'https://cdn.example.com', 'k'], { env: COS_ENV }, 3, '--domain', 'ERR_INVALID_DOMAIN'],
  ['protocol', [...URL_ARGS, '--protocol', 'ftp', 'k'], { env: COS_ENV }, 3, '--protocol', 'ERR_INVALID_PROTOCOL'],
  ['v4 expires over 7 days', [...V4_ARGS, '--expires', '604801', 'k'], { env: AWS_ENV }, 3, '--expires', 'ERR_EXPIRES_TOO_LONG'],
  ['v4 endpoint scheme', [...V4_ARGS, '--endpoint', 'ftp://x.example', 'k'], { env: AWS_ENV }, 3, '--endpoint', 'ERR_INVALID_PROTOCOL'],
  ['v4 bucket', ['url', '--v4', '--bucket', 'Example_Bucket', '--region', 'us-east-1', 'k'], { env: AWS_ENV }, 3, '--bucket', 'ERR_INVALID_BUCKET'],
  ['v4 without region', ['url', '--v4', '--bucket', 'example-bucket', 'k'], { env: AWS_ENV }, 3, '--region', 'ERR_MISSING_FIELD'],
  ['explain: not a URL', ['explain', 'not a url'], { env: COS_ENV }, 3, 'URL', 'ERR_INVALID_URL'],
  ['explain: not http(s)', ['explain', 'ftp://example.com/a?q-signature=1'], { env: COS_ENV }, 3, 'URL', 'ERR_NOT_PRESIGNED_URL'],
  ['explain: bad method', ['explain', '--method', 'GE T', 'https://a.example/b?q-signature=1'], {}, 3, '--method', 'ERR_INVALID_METHOD'],
  ['explain: host header', ['explain', '--header', 'Host: x', 'https://a.example/b?q-signature=1'], {}, 3, '--header', 'ERR_RESERVED_NAME'],
  ['explain: header twice', ['explain', '--header', 'A: 1', '--header', 'a: 2', 'https://a.example/b?q-signature=1'], {}, 3, '--header', 'ERR_DUPLICATE_NAME'],
  ['explain: --now in ms', ['explain', '--now', '1700000000000', 'https://a.example/b?q-signature=1'], {}, 3, '--now', 'ERR_INVALID_TIME'],
  ['explain: bad escape', ['explain', 'https://example.com/a%zz?q-signature=1'], { env: COS_ENV }, 3, 'URL', 'ERR_INVALID_URL'],
  ['explain: no signature', ['explain', 'https://example.com/a?x=1'], { env: COS_ENV }, 3, 'URL', 'ERR_NOT_PRESIGNED_URL'],
  ['explain: COS without q-ak', ['explain', 'https://example.com/a?q-sign-algorithm=sha1&q-signature=00'], { env: COS_ENV }, 3, 'URL', 'ERR_NOT_PRESIGNED_URL'],
  ['explain: SigV4 bad date', ['explain', 'https://example.com/a?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=A%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=2013&X-Amz-Expires=1&X-Amz-SignedHeaders=host&X-Amz-Signature=00'], {}, 3, 'URL', 'ERR_NOT_PRESIGNED_URL'],
  // 4: credentials
  ['no credentials', [...URL_ARGS, 'k'], {}, 4, 'COS_SECRET_ID', 'ERR_MISSING_FIELD'],
  ['no secret key', [...URL_ARGS, 'k'], { env: { COS_SECRET_ID: 'AKIDx' } }, 4, 'COS_SECRET_KEY', 'ERR_MISSING_FIELD'],
  ['no AWS key id', [...V4_ARGS, 'k'], { env: { AWS_SECRET_ACCESS_KEY: SECRET } }, 4, 'AWS_ACCESS_KEY_ID', 'ERR_MISSING_FIELD'],
  ['no AWS secret', [...V4_ARGS, 'k'], { env: { AWS_ACCESS_KEY_ID: 'AKIAX' } }, 4, 'AWS_SECRET_ACCESS_KEY', 'ERR_MISSING_FIELD'],
  ['credentials file missing', [...URL_ARGS, '--credentials', join(dir, 'none.json'), 'k'], {}, 4, '--credentials', 'ERR_CREDENTIALS_FILE'],
  ['secret id with a space', [...URL_ARGS, 'k'], { env: { ...COS_ENV, COS_SECRET_ID: 'AKID x' } }, 4, 'COS_SECRET_ID', 'ERR_INVALID_SECRET_ID'],
  ['v4 access key with a slash', [...V4_ARGS, 'k'], { env: { ...AWS_ENV, AWS_ACCESS_KEY_ID: 'AKIA/X' } }, 4, 'AWS_ACCESS_KEY_ID', 'ERR_INVALID_ACCESS_KEY_ID'],
  ['credentials file a directory', [...URL_ARGS, '--credentials', dir, 'k'], {}, 4, '--credentials', 'ERR_CREDENTIALS_FILE'],
  ['credentials file too large', [...URL_ARGS, '--credentials', bigFile, 'k'], {}, 4, '--credentials', 'ERR_TOO_LARGE'],
  ...[
    ['empty', ''], ['truncated', `{"credentials":{"tmpSecretId":"a","tmpSecretKey":"${SECRET}"`], ['not JSON', `tmpSecretKey=${SECRET}`],
    ['trailing comma', `{"credentials":{"tmpSecretId":"a","tmpSecretKey":"${SECRET}",}}`], ['trailing text', `${sts(GOOD_CREDENTIALS)} x`],
    ['single quotes', `{'credentials':{}}`], ['lone surrogate escape', `{"credentials":{"tmpSecretId":"\\ud800","tmpSecretKey":"${SECRET}"}}`],
    ['raw control character', `{"credentials":{"tmpSecretId":"a\u0001","tmpSecretKey":"${SECRET}"}}`], ['bad escape', '{"a":"\\x41"}'],
    ['nested too deeply', '['.repeat(100) + ']'.repeat(100)], ['leading zero', '{"expiredTime":01}'], ['bare NaN', '{"expiredTime":NaN}'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
  ].map(([what, input]) => [`credentials JSON: ${what}`, [...URL_ARGS, '--credentials', '-', 'k'], { input }, 4, '--credentials', 'ERR_CREDENTIALS_NOT_JSON']),
  ...[
    ['no credentials object', '{}'], ['credentials an array', '{"credentials":[]}'],
    ['no tmpSecretKey', sts({ tmpSecretId: 'a' })], ['empty tmpSecretId', sts({ ...GOOD_CREDENTIALS, tmpSecretId: '' })],
    ['tmpSecretId a number', sts({ ...GOOD_CREDENTIALS, tmpSecretId: 12 })], ['token an object', sts({ ...GOOD_CREDENTIALS, sessionToken: {} })],
    ['expiredTime a string', sts(GOOD_CREDENTIALS, { expiredTime: '1700001800' })], ['expiredTime in ms', sts(GOOD_CREDENTIALS, { expiredTime: 1700001800000 })],
  ].map(([what, input]) => [`credentials JSON: ${what}`, [...URL_ARGS, '--credentials', '-', 'k'], { input }, 4, '--credentials', 'ERR_CREDENTIALS_INVALID']),
  ['credentials expired', [...URL_ARGS, '--credentials', '-', 'k'], { input: sts(GOOD_CREDENTIALS, { expiredTime: 1699999999 }) }, 4, '--credentials', 'ERR_CREDENTIALS_EXPIRED'],
];

for (const [what, args, options, exit, where, code] of CASES) {
  test(`bad input: ${what} -> exit ${exit}, ${where}: ${code}`, () => {
    const r = runCli(args, options);
    assert.equal(r.status, exit, r.stderr);
    assert.equal(r.stdout, '', 'nothing on standard output');
    const line = r.stderr.trimEnd().split('\n').at(-1);
    assert.ok(line.startsWith(`cos-presign: ${where}: ${code}: `), line);
    assert.ok(line.length > `cos-presign: ${where}: ${code}: `.length + 5, 'a message after the code');
    for (const secret of [SECRET, TOKEN, 'SECRET-never', 'x'.repeat(100)]) {
      assert.ok(!r.stderr.includes(secret), `stderr shows a secret: ${r.stderr}`);
    }
  });
}

test('--help is readable, lists every option and the exit codes, and exits 0', () => {
  for (const args of [['--help'], ['help'], ['url', '--help'], ['explain', '-h']]) {
    const r = runCli(args);
    assert.equal(r.status, 0);
    for (const part of ['--bucket', '--region', '--expires', '--download', '--method', '--header', '--domain', '--start-time',
      '--credentials', '--v4', '--endpoint', 'COS_SECRET_ID', 'AWS_ACCESS_KEY_ID', 'AWS_DEFAULT_REGION', 'explain', '--json',
      '--now', '--clock-offset', 'Exit codes']) {
      assert.ok(r.stdout.includes(part), `--help mentions ${part}`);
    }
    assert.ok(r.stdout.split('\n').every((l) => l.length <= 100), 'lines fit a terminal');
    // The explain part names every explain option, --credentials included.
    const explainPart = r.stdout.slice(r.stdout.indexOf('\nexplain:'), r.stdout.indexOf('\nExit codes'));
    const usage = r.stdout.slice(r.stdout.indexOf('cos-presign explain'), r.stdout.indexOf('cos-presign --help'));
    for (const option of ['--json', '--method', '--header', '--now', '--clock-offset', '--credentials']) {
      assert.ok(explainPart.includes(`  ${option} `), `explain options list ${option}`);
      assert.ok(usage.includes(`[${option}`), `explain usage shows ${option}`);
    }
  }
  // A key named --help after -- is a key.
  const r = runCli([...URL_ARGS, '--', '--help'], { env: COS_ENV });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /\/--help\?q-sign-algorithm=sha1&/);
});

test('a successful run prints the token only inside the URLs and never the secret', () => {
  const r = runCli([...URL_ARGS, 'a', 'b'], { env: COS_ENV });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  assert.ok(!r.stdout.includes(SECRET));
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 2);
  for (const url of r.stdout.trim().split('\n')) assert.ok(url.endsWith(`&x-cos-security-token=${TOKEN}`));
});

test('a failed write to standard output (/dev/full) is exit 5, ERR_WRITE', () => {
  const full = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(CLI, [...URL_ARGS, 'a', 'b'], { env: { PATH: process.env.PATH, ...COS_ENV }, stdio: ['pipe', full, 'pipe'], encoding: 'utf8' });
    assert.equal(r.status, 5);
    assert.equal(r.stderr, 'cos-presign: standard output: ERR_WRITE: could not be written\n');
  } finally {
    closeSync(full);
  }
});

test('a closed output pipe is exit 5, ERR_WRITE, not death by SIGPIPE', async () => {
  // The reading end is closed at once: well over a pipe buffer of URLs cannot all be written.
  const keys = Array.from({ length: 2000 }, (_, i) => `k${i}`);
  const child = spawn(CLI, [...URL_ARGS, ...keys], { env: { PATH: process.env.PATH, ...COS_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  const [status, signal] = await new Promise((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
  assert.equal(signal, null, 'killed by a signal');
  assert.equal(status, 5, stderr);
  assert.equal(stderr, 'cos-presign: standard output: ERR_WRITE: could not be written\n');
});

test('invalid UTF-8 in --download and --query is exit 3, ERR_INVALID_UTF8', () => {
  // Node passes arguments as UTF-8, so printf makes the lone 0xFF byte.
  for (const [option, value] of [['--download', 'a\\377.txt'], ['--query', 'a=\\377']]) {
    const r = spawnSync('sh', ['-c', `exec "$0" "$@" ${option} "$(printf '${value}')" k`, CLI, ...URL_ARGS], {
      env: { PATH: process.env.PATH, ...COS_ENV }, encoding: 'utf8',
    });
    assert.equal(r.status, 3, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^cos-presign: ${option}: ERR_INVALID_UTF8: .+\\n$`));
  }
});

test('stdin keys: blank lines at the end are ignored; a key error names one numbering, the line\'s', () => {
  const ok = runCli(URL_ARGS, { env: COS_ENV, input: 'a\nb\n\n\r\n' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(ok.stdout.trimEnd().split('\n').map((u) => new URL(u).pathname), ['/a', '/b']);
  const bad = runCli(URL_ARGS, { env: COS_ENV, input: 'a\n\nb\n' });
  assert.equal(bad.stderr, 'cos-presign: key on line 2 of standard input: ERR_EMPTY_KEY: key must not be empty\n');
  const arg = runCli([...URL_ARGS, 'a', 'b', 'c/../d'], { env: COS_ENV });
  assert.ok(arg.stderr.startsWith('cos-presign: key argument 3: ERR_DOT_SEGMENT: key '), arg.stderr);
  assert.ok(!arg.stderr.includes('(#'), arg.stderr);
});
