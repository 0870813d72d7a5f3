// explainUrl never crashes on what it is given: any string, any mutation of a
// real pre-signed link, resolves to an explanation or rejects with an
// InvalidArgumentError with a stable code; and without WebCrypto it says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { init, explainUrl, InvalidArgumentError, CosPresignError } from 'cos-presign/sigv4';
import * as arb from './helpers/arbitraries.js';

const SECRET = 'robustness-secret-key';
const CODES = new Set(['ERR_INVALID_URL', 'ERR_NOT_PRESIGNED_URL', 'ERR_LONE_SURROGATE', 'ERR_MISSING_FIELD']);

async function explainsOrRefuses(url) {
  try {
    const e = await explainUrl(url, { secretKey: SECRET, now: 1_800_000_000 });
    assert.ok(e.kind === 'cos' || e.kind === 'sigv4');
    assert.equal(typeof e.verified, 'boolean');
    assert.ok(!JSON.stringify(e).includes(SECRET));
  } catch (error) {
    assert.ok(error instanceof InvalidArgumentError, `${error && error.stack}\nurl: ${url}`);
    assert.ok(CODES.has(error.code), error.code);
  }
}

test('property: mutated COS and SigV4 links are explained or refused with a code, never a crash', { timeout: 60_000 }, async () => {
  const signer = await init();
  const links = [
    signer.presignUrl({ secretId: 'AKIDx', secretKey: SECRET, sessionToken: 't+/=', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', key: 'a b/报告+1.pdf', startTime: 1_800_000_000, query: { 'response-content-disposition': 'attachment', 'imageMogr2/thumbnail/!200x200r': null } }),
    signer.presignUrlV4({ accessKeyId: 'AKIAX', secretAccessKey: SECRET, sessionToken: 'tok', region: 'us-east-1', bucket: 'photos', key: 'a b/报告+1.pdf', date: 1_800_000_000, query: { versionId: 'v1' } }),
  ];
  const mutation = fc.record({
    link: fc.constantFrom(...links),
    at: fc.nat(),
    cut: fc.nat({ max: 40 }),
    insert: fc.oneof(arb.text({ maxLength: 8 }), fc.constantFrom('%', '%zz', '%E0%A4', '&', '=', ';', '?', '#', '&q-signature=', '&X-Amz-Signature=', '&q-sign-time=1;2', '&X-Amz-Date=20130231T000000Z')),
  });
  await fc.assert(fc.asyncProperty(mutation, async ({ link, at, cut, insert }) => {
    const i = at % (link.length + 1);
    await explainsOrRefuses(link.slice(0, i) + insert + link.slice(i + cut));
  }), { seed: 20261202, numRuns: 1500 });
  await fc.assert(fc.asyncProperty(arb.text({ maxLength: 60 }), async (s) => explainsOrRefuses(s)), { seed: 20261202, numRuns: 300 });
});

test('without WebCrypto, explainUrl rejects with ERR_NO_WEBCRYPTO', async () => {
  const signer = await init();
  const url = signer.presignUrl({ secretId: 'AKIDx', secretKey: SECRET, bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', key: 'a.txt' });
  const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true, writable: true });
  try {
    await assert.rejects(explainUrl(url), (e) => e instanceof CosPresignError && e.code === 'ERR_NO_WEBCRYPTO' && /crypto\.subtle/.test(e.message));
  } finally {
    Object.defineProperty(globalThis, 'crypto', original);
  }
  assert.equal((await explainUrl(url, { secretKey: SECRET })).verified, true);
});
