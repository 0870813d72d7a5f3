// The demo's local COS endpoint receiving pre-signed PUTs (issue 12): stored
// byte for byte when right; refused with COS's error code, leaving no object
// and no temporary file, when anything is wrong; aborted uploads leave
// nothing; a bounded concurrent load from a second process stores every
// object intact while the server's memory stays bounded. /api/sts issues
// upload credentials for the upload prefix only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { init, createPresigner } from 'cos-presign';
import { startDemoServer } from '../../scripts/demo-server/server.js';
import { seedBucket, INCOMING_DIR } from '../../scripts/demo-server/bucket.js';
import { createCosSts } from '../../scripts/demo-server/sts.js';
import { cosErrorCode } from './helpers/demo.js';

const require = createRequire(import.meta.url);
const COS = require('cos-nodejs-sdk-v5');

const MAX_UPLOAD = 2 * 1024 * 1024;
let demo;
let root;
let bucketDir;
let signer;
let presigner;
let clockShiftMs = 0;

before(async () => {
  signer = await init();
  root = await mkdtemp(join(tmpdir(), 'cos-presign-upload-test-'));
  bucketDir = join(root, 'bucket');
  await seedBucket(bucketDir, 'demo/');
  demo = await startDemoServer({ port: 0, bucketDir, now: () => Date.now() + clockShiftMs, maxUploadBytes: MAX_UPLOAD });
  presigner = newPresigner();
});
after(async () => {
  await demo.close();
  await rm(root, { recursive: true, force: true });
});

function objectHost() {
  return `127.0.0.1:${demo.objectPort}`;
}

function newPresigner() {
  return createPresigner({
    bucket: demo.bucket, region: demo.region, credentials: `${demo.pageOrigin}/api/sts`, domain: objectHost(), protocol: 'http',
  });
}

function target(url) {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** One PUT on loopback: { status, headers, text }. */
function put(path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: demo.objectPort, method: 'PUT', path, agent: false, headers: { Host: objectHost(), ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no answer')));
    // A server that refuses early may close while the body is still going out: the answer is what counts.
    req.on('error', (e) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? null : reject(e)));
    req.end(body);
  });
}

async function incomingFiles() {
  return readdir(join(bucketDir, INCOMING_DIR)).catch(() => []);
}

async function assertNothingStored(key, what) {
  assert.equal(demo.index.has(key), false, `${what}: not in the index`);
  await assert.rejects(stat(join(bucketDir, ...key.split('/'))), { code: 'ENOENT' }, `${what}: no file`);
  assert.deepEqual(await incomingFiles(), [], `${what}: no temporary file`);
}

function expectCos(res, status, code, what) {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
  assert.equal(cosErrorCode(res.text), code, `${what}: ${res.text}`);
  assert.ok(res.headers['x-cos-request-id'], `${what}: a request id`);
}

async function stsJson(query) {
  const res = await fetch(`${demo.pageOrigin}/api/sts?${new URLSearchParams(query)}`);
  return { status: res.status, body: await res.json() };
}

const md5 = (b) => createHash('md5').update(b).digest();

test('a right PUT is stored byte for byte, answered with its ETag, listed, and downloads through a signed GET', async () => {
  const key = 'uploads/报告 2026+final (1).bin';
  const body = randomBytes(300_000);
  const up = await presigner.getUploadUrl(key, {
    contentType: 'application/x-demo', contentLength: body.length,
    headers: { 'x-cos-meta-owner': 'alice', 'Content-MD5': md5(body).toString('base64') },
  });
  const res = await put(target(up.url), up.headers, body);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.etag, `"${md5(body).toString('hex')}"`);
  assert.match(res.headers['x-cos-request-id'], /^[0-9a-f]{24}$/);
  assert.deepEqual(await readFile(join(bucketDir, 'uploads', '报告 2026+final (1).bin')), body);
  assert.deepEqual(await incomingFiles(), []);

  const config = await (await fetch(`${demo.pageOrigin}/api/config`)).json();
  assert.equal(config.uploadPrefix, 'uploads/');
  assert.equal(config.maxUploadBytes, MAX_UPLOAD);
  assert.ok(config.objects.some((o) => o.key === key && o.size === body.length), 'listed');

  // Download credentials read the readable prefix and the upload prefix.
  const back = await fetch(await presigner.getObjectUrl(key));
  assert.equal(back.status, 200);
  assert.equal(back.headers.get('content-type'), 'application/x-demo');
  assert.equal(back.headers.get('x-cos-meta-owner'), 'alice');
  assert.equal(back.headers.get('etag'), res.headers.etag);
  assert.deepEqual(Buffer.from(await back.arrayBuffer()), body);
});

test('fetch with the returned headers uploads; the official SDK\'s PUT URL works too (the endpoint follows COS, not our signer)', async () => {
  const body = randomBytes(4096);
  const up = await presigner.getUploadUrl('uploads/round trip.txt', { contentType: 'text/plain; charset=utf-8', headers: { 'x-cos-meta-note': 'hi' } });
  const res = await fetch(up.url, { method: up.method, headers: up.headers, body });
  assert.equal(res.status, 200, await res.text());
  const got = await fetch(await presigner.getObjectUrl('uploads/round trip.txt'));
  assert.equal(got.headers.get('x-cos-meta-note'), 'hi');
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), body);

  const creds = (await stsJson({ action: 'name/cos:PutObject', key: 'uploads/sdk.bin' })).body.credentials;
  const cos = new COS({ SecretId: creds.tmpSecretId, SecretKey: creds.tmpSecretKey, SecurityToken: creds.sessionToken, Domain: objectHost(), Protocol: 'http:' });
  const sdkUrl = cos.getObjectUrl({ Bucket: demo.bucket, Region: demo.region, Key: 'uploads/sdk.bin', Method: 'PUT', Sign: true, Expires: 60, Headers: { 'Content-Type': 'application/octet-stream' } });
  const sdkPut = await fetch(sdkUrl, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from('from the SDK') });
  assert.equal(sdkPut.status, 200, await sdkPut.text());
  assert.equal(await (await fetch(await presigner.getObjectUrl('uploads/sdk.bin'))).text(), 'from the SDK');
});

test('wrong, missing or tampered signed headers, expired links, wrong scope or action, bad digests and oversized bodies are refused and leave nothing', async (t) => {
  t.after(() => { clockShiftMs = 0; });
  const body = randomBytes(10_000);
  const signedPut = (key, extra = {}) => presigner.getUploadUrl(key, {
    contentType: 'image/png', contentLength: body.length, headers: { 'x-cos-meta-owner': 'alice' }, ...extra,
  });
  const uploadCreds = (await stsJson({ action: 'name/cos:PutObject', prefix: 'uploads/' })).body.credentials;
  const downloadCreds = (await stsJson({ action: 'name/cos:GetObject' })).body.credentials;
  const signWith = (creds, key, headers) => signer.presignUrl({
    secretId: creds.tmpSecretId, secretKey: creds.tmpSecretKey, sessionToken: creds.sessionToken, bucket: demo.bucket, region: demo.region,
    domain: objectHost(), protocol: 'http', method: 'put', key, expires: 60, headers,
  });

  let n = 0;
  const cases = [
    ['another Content-Type', 403, 'SignatureDoesNotMatch', async (key) => { const u = await signedPut(key); return [u.url, { ...u.headers, 'Content-Type': 'text/html' }, body]; }],
    ['a signed header not sent', 403, 'SignatureDoesNotMatch', async (key) => { const u = await signedPut(key); return [u.url, { 'Content-Type': 'image/png' }, body]; }],
    ['another metadata value', 403, 'SignatureDoesNotMatch', async (key) => { const u = await signedPut(key); return [u.url, { ...u.headers, 'x-cos-meta-owner': 'mallory' }, body]; }],
    ['another size than signed', 403, 'SignatureDoesNotMatch', async (key) => { const u = await signedPut(key); return [u.url, u.headers, randomBytes(10_001)]; }],
    ['a tampered signature', 403, 'SignatureDoesNotMatch', async (key) => {
      const u = await signedPut(key);
      return [u.url.replace(/q-signature=(.)/, (m, c) => `q-signature=${c === 'a' ? 'b' : 'a'}`), u.headers, body];
    }],
    ['another key than signed', 403, 'SignatureDoesNotMatch', async (key) => { const u = await signedPut('uploads/other.png'); return [u.url.replace('/uploads/other.png', `/${key}`), u.headers, body]; }],
    ['a GET URL used for a PUT', 403, 'SignatureDoesNotMatch', async (key) => [await presigner.getObjectUrl(key), {}, body]],
    ['a key outside the upload prefix', 403, 'AccessDenied', async () => {
      n++;
      return [signWith(uploadCreds, `demo/evil-${n}.txt`, { 'Content-Type': 'text/plain' }), { 'Content-Type': 'text/plain' }, body, `demo/evil-${n}.txt`];
    }],
    ['download-only credentials', 403, 'AccessDenied', async (key) => [signWith(downloadCreds, key, { 'Content-Type': 'text/plain' }), { 'Content-Type': 'text/plain' }, body]],
    ['a wrong Content-MD5', 400, 'BadDigest', async (key) => {
      const u = await signedPut(key, { headers: { 'Content-MD5': md5(Buffer.from('something else')).toString('base64') } });
      return [u.url, u.headers, body];
    }],
    ['a malformed Content-MD5', 400, 'InvalidDigest', async (key) => { const u = await signedPut(key, { headers: { 'Content-MD5': 'not-a-digest' } }); return [u.url, u.headers, body]; }],
    ['a body over the limit', 400, 'EntityTooLarge', async (key) => {
      const big = randomBytes(MAX_UPLOAD + 1);
      const u = await signedPut(key, { contentLength: big.length });
      return [u.url, u.headers, big];
    }],
  ];
  for (const [what, status, code, make] of cases) {
    const key = `uploads/refused-${++n}.png`;
    const [url, headers, b, storedKey = key] = await make(key);
    expectCos(await put(target(url), headers, b), status, code, what);
    await assertNothingStored(storedKey, what);
  }

  // An expired link (the server's clock moved past its end), and one used before it starts.
  const key = 'uploads/late.png';
  const u = await signedPut(key, { expires: 30 });
  clockShiftMs = 31_000;
  const late = await put(target(u.url), u.headers, body);
  expectCos(late, 403, 'AccessDenied', 'expired');
  assert.match(late.text, /Request has expired/);
  clockShiftMs = -120_000;
  expectCos(await put(target(u.url), u.headers, body), 403, 'RequestTimeTooSkewed', 'early');
  clockShiftMs = 0;
  await assertNothingStored(key, 'expired');

  // Framing the endpoint refuses before reading: no length, chunked.
  const ok = await signedPut('uploads/chunked.png');
  const chunked = await new Promise((resolve) => {
    const socket = connect(demo.objectPort, '127.0.0.1');
    let text = '';
    socket.on('data', (c) => { text += c; });
    socket.on('close', () => resolve(text));
    socket.on('error', () => {});
    socket.write(`PUT ${target(ok.url)} HTTP/1.1\r\nHost: ${objectHost()}\r\nContent-Type: image/png\r\nx-cos-meta-owner: alice\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`);
  });
  assert.match(chunked, /^HTTP\/1\.1 (411|403)/, 'chunked: no Content-Length (or the signed one missing)');
  await assertNothingStored('uploads/chunked.png', 'chunked');

  // "Expect: 100-continue": an oversized upload is refused before the body is invited; a right one is invited.
  const expectContinue = async (u, length) => new Promise((resolve) => {
    const socket = connect(demo.objectPort, '127.0.0.1');
    let text = '';
    socket.on('data', (c) => { text += c; if (/\r\n\r\n/.test(text)) { socket.destroy(); resolve(text); } });
    socket.on('error', () => {});
    socket.write(`PUT ${target(u.url)} HTTP/1.1\r\nHost: ${objectHost()}\r\nContent-Type: image/png\r\nx-cos-meta-owner: alice\r\n`
      + `Content-Length: ${length}\r\nExpect: 100-continue\r\n\r\n`);
  });
  const tooBig = await signedPut('uploads/expect-big.png', { contentLength: MAX_UPLOAD + 1 });
  assert.match(await expectContinue(tooBig, MAX_UPLOAD + 1), /^HTTP\/1\.1 400 [^]*<Code>EntityTooLarge<\/Code>|^HTTP\/1\.1 400/);
  const fits = await signedPut('uploads/expect-ok.png');
  assert.match(await expectContinue(fits, body.length), /^HTTP\/1\.1 100 Continue/);
  await new Promise((r) => setTimeout(r, 200)); // the server opens its temporary file, then sees the client gone
  for (let i = 0; i < 200 && (await incomingFiles()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
  await assertNothingStored('uploads/expect-big.png', 'expect: too big');
  await assertNothingStored('uploads/expect-ok.png', 'expect: went away after 100');

  // The right upload after all of that still works.
  const good = await signedPut('uploads/after-refusals.png');
  assert.equal((await put(target(good.url), good.headers, body)).status, 200);
});

test('/api/sts grants PutObject on the upload prefix only, GetObject on the readable prefix, and refuses anything else with a 403', async () => {
  const put = await stsJson({ action: 'name/cos:PutObject', bucket: demo.bucket, region: demo.region, prefix: 'uploads/a/', key: 'uploads/a/b.txt' });
  assert.equal(put.status, 200);
  const record = demo.sts.lookup(put.body.credentials.tmpSecretId);
  assert.equal(record.action, 'name/cos:PutObject');
  assert.deepEqual(record.prefixes, ['uploads/']);
  const get = await stsJson({ action: 'name/cos:GetObject', prefix: 'anything/' });
  assert.equal(demo.sts.lookup(get.body.credentials.tmpSecretId).action, 'name/cos:GetObject');
  assert.deepEqual(demo.sts.lookup(get.body.credentials.tmpSecretId).prefixes, ['demo/', 'uploads/']);
  for (const query of [
    { action: 'name/cos:DeleteObject' },
    { action: 'name/cos:*' },
    { action: 'name/cos:PutObject', key: 'demo/x.txt' },
    { action: 'name/cos:PutObject', prefix: '' },
    { action: 'name/cos:GetObject', bucket: 'other-1250000000' },
    { action: 'name/cos:PutObject', region: 'ap-beijing' },
  ]) {
    const r = await stsJson(query);
    assert.equal(r.status, 403, JSON.stringify(query));
    assert.equal(r.body.error, 'scope_refused');
  }
  // The presigner gets the 403 as a clear error for a key outside the upload prefix.
  await assert.rejects(newPresigner().getUploadUrl('demo/x.txt'), (e) => e.code === 'ERR_CREDENTIALS_HTTP' && e.status === 403);

  // Real-bucket mode sends STS a policy for exactly that action and prefix.
  const real = createCosSts({ secretId: 'AKIDx', secretKey: 'k', bucket: 'examplebucket-1250000000', region: 'ap-beijing' });
  // (qcloud-cos-sts's own resource format: qcs::cos:{region}:uid/{appid}:prefix//{appid}/{bucket name}/{prefix}*)
  const upload = real.policyFor({ action: 'name/cos:PutObject', prefixes: ['uploads/'] }).statement;
  assert.deepEqual(upload.map((st) => [st.effect, st.action, st.resource]), [
    ['allow', 'name/cos:PutObject', 'qcs::cos:ap-beijing:uid/1250000000:prefix//1250000000/examplebucket/uploads/*'],
  ]);
  const download = real.policyFor({ action: 'name/cos:GetObject', prefixes: ['demo/', 'uploads/'] }).statement;
  assert.deepEqual(download.map((st) => [st.action, st.resource.replace(/^.*examplebucket\//, '')]), [
    ['name/cos:GetObject', 'demo/*'], ['name/cos:GetObject', 'uploads/*'],
  ]);
});

test('a browser preflight for the PUT is answered as a bucket CORS rule would', async () => {
  const preflight = (method, headers) => new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: demo.objectPort, method: 'OPTIONS', path: '/uploads/a.png', agent: false,
      headers: { Host: objectHost(), Origin: 'http://127.0.0.1:1', 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end();
  });
  const ok = await preflight('PUT', 'content-type,x-cos-meta-owner');
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['access-control-allow-origin'], '*');
  assert.match(ok.headers['access-control-allow-methods'], /\bPUT\b/);
  assert.equal(ok.headers['access-control-allow-headers'], 'content-type,x-cos-meta-owner');
  const body = randomBytes(10);
  const up = await presigner.getUploadUrl('uploads/cors.bin');
  const res = await put(target(up.url), { ...up.headers, Origin: 'http://127.0.0.1:1' }, body);
  assert.equal(res.headers['access-control-allow-origin'], '*');
  assert.match(res.headers['access-control-expose-headers'], /ETag/);
  assert.equal((await preflight('DELETE', '')).statusCode, 403);
});

test('an upload aborted mid-body leaves no object and no temporary file; the server keeps serving', async () => {
  const key = 'uploads/aborted.bin';
  const size = 1024 * 1024;
  const up = await presigner.getUploadUrl(key, { contentLength: size });
  const socket = connect(demo.objectPort, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`PUT ${target(up.url)} HTTP/1.1\r\nHost: ${objectHost()}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${size}\r\n\r\n`);
  socket.write(randomBytes(300_000));
  // Wait until the server has started the temporary file, then go away.
  for (let i = 0; i < 200 && (await incomingFiles()).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal((await incomingFiles()).length, 1, 'the body was being written to a temporary file');
  socket.destroy();
  for (let i = 0; i < 200 && (await incomingFiles()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
  await assertNothingStored(key, 'aborted');
  const again = await presigner.getUploadUrl(key, { contentLength: 5 });
  assert.equal((await put(target(again.url), again.headers, Buffer.from('hello'))).status, 200);
});

test('load: 50 clients in a second process upload 200 objects of 1 MiB; every one intact, server memory bounded', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cos-presign-upload-load-'));
  // The server in its own process, so its peak RSS is its own.
  const server = spawn(process.execPath, [new URL('../../scripts/demo-server/main.js', import.meta.url).pathname], {
    env: { ...process.env, PORT: '0', OBJECT_PORT: '0', HOST: '127.0.0.1', DEMO_BUCKET_DIR: dir, COS_SECRET_ID: '', COS_SECRET_KEY: '', COS_BUCKET: '', COS_REGION: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const origins = await new Promise((resolve, reject) => {
      let buf = '';
      server.stdout.on('data', (c) => {
        buf += c;
        const page = /cos-presign demo: (http:\/\/\S+)\/demo\//.exec(buf);
        const object = /local COS endpoint (http:\/\/\S+) for bucket/.exec(buf);
        if (page && object) resolve({ page: page[1], object: object[1] });
      });
      server.on('close', () => reject(new Error(`exited early: ${buf}`)));
    });
    const peakRss = async () => Number(/VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${server.pid}/status`, 'utf8'))[1]) * 1024;
    const config = await (await fetch(`${origins.page}/api/config`)).json();
    const host = new URL(origins.object).host;
    const p = createPresigner({ bucket: config.bucket, region: config.region, credentials: `${origins.page}/api/sts`, domain: host, protocol: 'http' });
    const SIZE = 1024 * 1024;
    const COUNT = Number(process.env.UPLOAD_LOAD_COUNT || 200);
    const uploads = [];
    for (let i = 0; i < COUNT; i++) {
      const up = await p.getUploadUrl(`uploads/load/${i}.bin`, { contentLength: SIZE, expires: 300 });
      uploads.push({ path: target(up.url), headers: up.headers });
    }
    const before = await peakRss();
    const client = spawn(process.execPath, [new URL('./helpers/upload-load-client.js', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
    client.stdin.end(JSON.stringify({ port: Number(new URL(origins.object).port), host, concurrency: 50, size: SIZE, uploads }));
    let out = '';
    client.stdout.on('data', (c) => { out += c; });
    assert.equal(await new Promise((resolve) => client.on('close', resolve)), 0);
    const report = JSON.parse(out);
    const after = await peakRss();

    const wrong = report.results.map((r, i) => ({ i, ...r })).filter((r) => r.status !== 200 || r.etag !== `"${r.md5}"`);
    assert.deepEqual(wrong.slice(0, 5), [], 'every upload answered 200 with the MD5 of what was sent');
    for (let i = 0; i < COUNT; i++) {
      const stored = await readFile(join(dir, 'uploads', 'load', `${i}.bin`));
      assert.equal(createHash('md5').update(stored).digest('hex'), report.results[i].md5, `object ${i} intact`);
    }
    assert.deepEqual(await readdir(join(dir, INCOMING_DIR)), [], 'no temporary file left');
    const listed = (await (await fetch(`${origins.page}/api/config`)).json()).objects.filter((o) => o.key.startsWith('uploads/load/'));
    assert.equal(listed.length, COUNT);
    const rate = COUNT / (report.ms / 1000);
    t.diagnostic(`${COUNT} uploads of 1 MiB, 50 clients: ${report.ms.toFixed(0)} ms, ${rate.toFixed(1)} uploads/s; server peak RSS ${(before / 2 ** 20).toFixed(1)} MiB before, ${(after / 2 ** 20).toFixed(1)} MiB after`);
    // 200 MiB went through. Measured: +42 MiB for 200 MiB, +49 MiB for 400 MiB: V8 frees the
    // network buffers in steps of its external-memory GC trigger (~64 MiB), whatever the total.
    assert.ok(after - before < 80 * 2 ** 20, `peak RSS grew by ${((after - before) / 2 ** 20).toFixed(1)} MiB`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.on('close', resolve)));
    await rm(dir, { recursive: true, force: true });
  }
});
