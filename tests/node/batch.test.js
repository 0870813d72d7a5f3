// Large batches against single calls, and both against cos-nodejs-sdk-v5:
// the batch path (one buffer, one response for 10,000 URLs, memory growth)
// must give exactly the URLs of single calls, and each must verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { init } from 'cos-presign';
import { verifyCosUrl } from './helpers/cos-url.js';
import * as arb from './helpers/arbitraries.js';

const common = {
  secretId: 'AKIDbatchbatchbatch12', secretKey: 'batch secret ✓', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou',
  sessionToken: 'tok-_.~'.repeat(90), keyTime: '1700000000;1700000900', query: { 'response-content-disposition': 'attachment' },
};

test('a batch of 10,000 generated keys equals 10,000 single calls, and every 97th URL verifies', async () => {
  const signer = await init();
  const keys = fc.sample(arb.objectKey, { numRuns: 10000, seed: 5 });
  const batch = signer.presignUrls(common, keys);
  assert.equal(batch.length, keys.length);
  for (let i = 0; i < keys.length; i++) {
    assert.equal(batch[i], signer.presignUrl({ ...common, key: keys[i] }), `key #${i}`);
    if (i % 97 === 0) {
      const v = verifyCosUrl(batch[i], { secretKey: common.secretKey });
      assert.ok(v.ok, `key #${i}: ${v.reason}`);
      assert.equal(v.key, '/' + keys[i].replace(/^\//, ''));
    }
  }
});

test('single calls after a big batch (reused, shrunk buffers) still give the batch\'s URLs', async () => {
  const signer = await init();
  const keys = Array.from({ length: 3000 }, (_, i) => `dir ${i}/报告+${i}.pdf`);
  const first = signer.presignUrls(common, keys);
  const small = signer.presignUrls({ ...common, sessionToken: undefined }, keys.slice(0, 2));
  assert.equal(small.length, 2);
  assert.ok(!small[0].includes('x-cos-security-token'));
  for (const i of [0, 1, 1500, 2999]) assert.equal(signer.presignUrl({ ...common, key: keys[i] }), first[i]);
  assert.deepEqual(signer.presignUrls(common, keys), first);
});
