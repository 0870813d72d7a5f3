// explainUrl on links that fail: tampered (signature, key, parameter added or
// changed, host), expired, not yet valid, made for another method or header,
// and the problems each is caught by, named by code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'cos-presign/sigv4';
import { explain, codes } from './helpers/explain.js';

const secretId = 'AKIDproblems';
const secretKey = 'problems-secret-key-0123456789';
const BUCKET = 'examplebucket-1250000000';
const HOST = `${BUCKET}.cos.ap-guangzhou.myqcloud.com`;
const START = 1_800_000_000;
const cos = { secretId, secretKey, sessionToken: 'tok', bucket: BUCKET, region: 'ap-guangzhou', startTime: START, expires: 600 };
const inWindow = { secretKey, now: START + 1 };

function tamper(url, from, to) {
  assert.ok(url.includes(from), `${from} in ${url}`);
  return url.replace(from, to);
}

async function mismatchOf(url, options = inWindow) {
  const e = await explain(url, options);
  assert.equal(e.verified, false);
  const p = e.problems.find((x) => x.code === 'SIGNATURE_MISMATCH');
  assert.ok(p, JSON.stringify(e.problems));
  return { e, message: p.message, field: p.field };
}

test('COS: a tampered signature, key, parameter or host is a SIGNATURE_MISMATCH', async () => {
  const signer = await init();
  const url = signer.presignUrl({ ...cos, key: 'a/report.pdf', query: { 'response-content-disposition': 'attachment' } });
  const sig = new URL(url).searchParams.get('q-signature');
  const tampered = {
    signature: tamper(url, sig, (sig[0] === '0' ? '1' : '0') + sig.slice(1)),
    key: tamper(url, '/a/report.pdf', '/a/other.pdf'),
    'parameter value': tamper(url, 'disposition=attachment', 'disposition=inline'),
    host: tamper(url, HOST, `otherbucket-1250000000.cos.ap-guangzhou.myqcloud.com`),
  };
  for (const [what, link] of Object.entries(tampered)) {
    const { e, field, message } = await mismatchOf(link);
    assert.equal(field, 'q-signature', what);
    assert.match(message, /secret key differs, or the link was changed/, what);
    assert.deepEqual(codes(e), ['SIGNATURE_MISMATCH'], what);
  }
  // Unchanged, it verifies.
  assert.equal((await explain(url, inWindow)).verified, true);
});

test('COS: a parameter added after signing is PARAM_NOT_SIGNED (the token is not); a signed one removed is SIGNED_PARAM_MISSING', async () => {
  const signer = await init();
  const url = signer.presignUrl({ ...cos, key: 'a.txt', query: { 'response-content-type': 'text/plain' } });
  const added = await explain(`${url}&imageMogr2/thumbnail/!200x200r&x-evil=1`, inWindow);
  assert.deepEqual(codes(added), ['PARAM_NOT_SIGNED', 'PARAM_NOT_SIGNED']);
  assert.deepEqual(added.problems.map((p) => p.field), ['imageMogr2/thumbnail/!200x200r', 'x-evil']);
  assert.equal(added.verified, true, 'the signature itself still holds');
  assert.deepEqual(added.unsignedParams.map((p) => p.name), ['x-cos-security-token', 'imageMogr2/thumbnail/!200x200r', 'x-evil']);
  const removed = await explain(tamper(url, '&response-content-type=text%2Fplain', ''), inWindow);
  assert.deepEqual(codes(removed), ['SIGNED_PARAM_MISSING', 'SIGNATURE_MISMATCH']);
  assert.equal(removed.problems[0].field, 'response-content-type');
});

test('COS: expired and not yet valid, on the caller\'s clock with now and clockOffset', async () => {
  const signer = await init();
  const url = signer.presignUrl({ ...cos, key: 'a.txt' });
  const late = await explain(url, { secretKey, now: START + 601 });
  assert.deepEqual(codes(late), ['LINK_EXPIRED']);
  assert.equal(late.problems[0].field, 'q-sign-time');
  assert.equal(late.secondsLeft, -1);
  assert.equal(late.verified, true);
  const early = await explain(url, { now: new Date((START - 5) * 1000) });
  assert.deepEqual(codes(early), ['LINK_NOT_YET_VALID']);
  assert.match(early.problems[0].message, /5 s after now/);
  // A page clock an hour behind, corrected by clockOffset (ms): in the window.
  const fixed = await explain(url, { now: START - 3600 + 100, clockOffset: 3600_000 });
  assert.deepEqual([fixed.now, fixed.secondsLeft, codes(fixed)], [START + 100, 500, []]);
  // The window's last second is still in it.
  assert.deepEqual(codes(await explain(url, { now: START + 600 })), []);
});

test('COS: a link for another method or header: the mismatch names the input that differs', async () => {
  const signer = await init();
  const put = signer.presignUrl({ ...cos, key: 'up/a.png', method: 'PUT', headers: { 'Content-Type': 'image/png' } });
  // Opened as a GET without the header: both problems.
  const asGet = await explain(put, inWindow);
  assert.deepEqual(codes(asGet), ['SIGNED_HEADER_NOT_SENT', 'SIGNATURE_MISMATCH']);
  assert.equal(asGet.problems[0].field, 'content-type');
  assert.deepEqual(asGet.signedHeaders.find((h) => h.name === 'content-type'), { name: 'content-type', value: null });
  // With the header, as a GET: the method is found.
  const { message: m1 } = await mismatchOf(put, { ...inWindow, headers: { 'content-type': 'image/png' } });
  assert.match(m1, /matches method PUT: the link was signed for PUT, not GET/);
  // As a PUT with another type (what fetch sends for a Blob of another type): not verified.
  const { e: wrongType } = await mismatchOf(put, { ...inWindow, method: 'PUT', headers: { 'Content-Type': 'image/jpeg' } });
  assert.deepEqual(codes(wrongType), ['SIGNATURE_MISMATCH']);
  // As a PUT with the type: verified.
  assert.equal((await explain(put, { ...inWindow, method: 'put', headers: { 'CONTENT-TYPE': 'image/png' } })).verified, true);
  // Headers not given: the mismatch says which are unknown.
  const { message: m2 } = await mismatchOf(put, { ...inWindow, method: 'PUT' });
  assert.match(m2, /signed header content-type is not known/);
});

test('COS: links signed over the encoded path, with "+" for spaces, for another port, or with the times mixed up', async () => {
  const signer = await init();
  const keyTime = `${START};${START + 600}`;
  const at = (path, auth) => `https://${HOST}${path}?${auth}`;
  // A signer that signs the percent-encoded path instead of the key.
  const encoded = at('/a%20b.txt', signer.authorization({ secretId, secretKey, pathname: '/a%20b.txt', keyTime, headers: { host: HOST } }));
  assert.match((await mismatchOf(encoded)).message, /matches the percent-encoded path \/a%20b\.txt/);
  // A signer that signed "a b" and put a raw "+" in the path.
  const plus = at('/a+b.txt', signer.authorization({ secretId, secretKey, key: 'a b.txt', keyTime, headers: { host: HOST } }));
  const p = await mismatchOf(plus);
  assert.deepEqual(codes(p.e), ['RAW_PLUS_IN_PATH', 'SIGNATURE_MISMATCH']);
  assert.match(p.message, /spaces where the path has a raw "\+"/);
  // Signed with the default port in the host; URLs drop it, so clients send the host without.
  const port = at('/a.txt', signer.authorization({ secretId, secretKey, key: 'a.txt', keyTime, headers: { host: `${HOST}:443` } }));
  assert.match((await mismatchOf(port)).message, new RegExp(`matches host ${HOST.replace(/\./g, '\\.')}:443`));
  // q-key-time and q-sign-time that differ.
  const mixed = tamper(at('/a.txt', signer.authorization({ secretId, secretKey, key: 'a.txt', keyTime, headers: { host: HOST } })),
    `q-key-time=${keyTime}`, `q-key-time=${START};${START + 601}`);
  const m = await explain(mixed, inWindow);
  assert.deepEqual(codes(m), ['SIGN_TIME_MISMATCH', 'SIGNATURE_MISMATCH']);
  // Host not signed.
  const noHost = at('/a.txt', signer.authorization({ secretId, secretKey, key: 'a.txt', keyTime }));
  const h = await explain(noHost, inWindow);
  assert.deepEqual(codes(h), ['HOST_NOT_SIGNED']);
  assert.equal(h.verified, true);
});

const V4_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const v4 = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: V4_SECRET, region: 'us-east-1', bucket: 'photos', date: START, expires: 600 };
const v4Window = { secretKey: V4_SECRET, now: START + 1 };

test('SigV4: tampered signature, key, parameter, host; added parameters are signed so they break it', async () => {
  const signer = await init();
  const url = signer.presignUrlV4({ ...v4, key: 'a/report.pdf', query: { 'response-content-disposition': 'attachment' } });
  const sig = new URL(url).searchParams.get('X-Amz-Signature');
  const tampered = [
    tamper(url, sig, (sig[0] === '0' ? '1' : '0') + sig.slice(1)),
    tamper(url, '/a/report.pdf', '/a/other.pdf'),
    tamper(url, 'disposition=attachment', 'disposition=inline'),
    tamper(url, 'photos.s3.us-east-1', 'other.s3.us-east-1'),
    `${url}&x-id=GetObject`,
  ];
  for (const link of tampered) {
    const { e, field } = await mismatchOf(link, v4Window);
    assert.equal(field, 'X-Amz-Signature');
    assert.deepEqual(codes(e), ['SIGNATURE_MISMATCH'], link);
  }
  const late = await explain(url, { secretKey: V4_SECRET, now: START + 601 });
  assert.deepEqual([codes(late), late.problems[0].field, late.verified], [['LINK_EXPIRED'], 'X-Amz-Expires', true]);
  const early = await explain(url, { now: START - 1 });
  assert.deepEqual([codes(early), early.problems[0].field], [['LINK_NOT_YET_VALID'], 'X-Amz-Date']);
});

test('SigV4: the usual suspects (method, token added after signing, payload hash, header) are named', async () => {
  const signer = await init();
  const put = signer.presignUrlV4({ ...v4, key: 'up.png', method: 'PUT', headers: { 'Content-Type': 'image/png' } });
  const asGet = await mismatchOf(put, { ...v4Window, headers: { 'Content-Type': 'image/png' } });
  assert.match(asGet.message, /matches method PUT/);
  const noHeader = await explain(put, { ...v4Window, method: 'PUT' });
  assert.deepEqual(codes(noHeader), ['SIGNED_HEADER_NOT_SENT', 'SIGNATURE_MISMATCH']);
  // A token appended after signing (a common hand-written signer bug).
  const late = `${signer.presignUrlV4({ ...v4, key: 'a.txt' })}&X-Amz-Security-Token=FwoGtoken`;
  assert.match((await mismatchOf(late, v4Window)).message, /without X-Amz-Security-Token: the token was added after signing/);
  // Too long, and a credential scope for another day.
  const week = tamper(signer.presignUrlV4({ ...v4, key: 'a.txt' }), 'X-Amz-Expires=600', 'X-Amz-Expires=604801');
  assert.deepEqual(codes(await explain(week, v4Window)), ['EXPIRES_TOO_LONG', 'SIGNATURE_MISMATCH']);
  const scope = tamper(signer.presignUrlV4({ ...v4, key: 'a.txt' }), '%2F20270115%2F', '%2F20270114%2F');
  assert.deepEqual(codes(await explain(scope, v4Window)), ['SCOPE_DATE_MISMATCH', 'SIGNATURE_MISMATCH']);
});
