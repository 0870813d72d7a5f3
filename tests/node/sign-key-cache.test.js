// Single calls reuse the SignKey of the last (secretKey, keyTime) from JS.
// Each URL must still verify with cos-nodejs-sdk-v5, a new secret or window
// must never reuse an old SignKey, and neither the secret key nor the SignKey
// (recomputed here with node:crypto) may stay in wasm memory after a call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { init } from 'cos-presign';
import { verifyCosUrl } from './helpers/cos-url.js';

const base = { secretId: 'AKIDcachecache', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou' };

function contains(heap, text) {
  const needle = Buffer.from(text);
  return Buffer.from(heap.buffer, heap.byteOffset, heap.byteLength).indexOf(needle) >= 0;
}

test('alternating secrets and windows: every URL verifies with its own secret', async () => {
  const signer = await init();
  const cases = [
    ['secret-one', '1700000000;1700000900'], ['secret-one', '1700000000;1700000900'],
    ['secret-two', '1700000000;1700000900'], ['secret-two', '1700000000;1700000901'],
    ['secret-one', '1700000000;1700000901'], ['secret-one', '1700000000;1700000901'],
  ];
  for (const [secretKey, keyTime] of cases) {
    for (const key of ['a.jpg', 'dir/b c.png']) {
      const url = signer.presignUrl({ ...base, secretKey, keyTime, key });
      const v = verifyCosUrl(url, { secretKey });
      assert.ok(v.ok, `${secretKey} ${keyTime} ${key}: ${v.reason}`);
      assert.deepEqual(signer.presignUrls({ ...base, secretKey, keyTime }, [key]), [url]);
    }
  }
});

test('neither the secret key nor the SignKey stays in wasm memory after single calls', async () => {
  const signer = await init();
  const core = signer._wire.core;
  const secretKey = 'wipe-me-secret-0123456789abcdefXYZ';
  const keyTime = '1700000000;1700000900';
  const signKey = createHmac('sha1', secretKey).update(keyTime).digest('hex');
  for (let i = 0; i < 3; i++) { // a miss (SignKey derived and returned), then hits (SignKey sent in)
    const url = signer.presignUrl({ ...base, secretKey, keyTime, key: `k${i}.jpg` });
    assert.ok(verifyCosUrl(url, { secretKey }).ok);
    assert.ok(!contains(core.HEAPU8, secretKey), `secret key left in memory after call ${i}`);
    assert.ok(!contains(core.HEAPU8, signKey), `SignKey left in memory after call ${i}`);
  }
  signer.presignUrls({ ...base, secretKey, keyTime }, ['x', 'y']);
  assert.ok(!contains(core.HEAPU8, secretKey) && !contains(core.HEAPU8, signKey), 'after a batch');
});
