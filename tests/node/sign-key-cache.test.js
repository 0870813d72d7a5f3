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

// The session token's URL part is cached the same way (a repeat call sends no
// token): the URL must carry the token of *this* call, encoded as the core
// encodes it, whatever came before.
test('alternating session tokens: every URL carries its own token, as a fresh batch encodes it', async () => {
  const signer = await init();
  const keyTime = '1700000000;1700000900';
  const tokens = ['tok-one', 'tok-one', 'tok two/+&=?', '', 'tok two/+&=?', '令牌-三', '令牌-三', 'tok-one', undefined, 'tok-one'];
  for (const sessionToken of tokens) {
    for (const query of [undefined, { 'response-content-disposition': 'attachment; filename="a b.jpg"' }]) {
      const options = { ...base, secretKey: 'secret', keyTime, sessionToken, query };
      const url = signer.presignUrl({ ...options, key: 'dir/a b.jpg' });
      assert.equal(new URL(url).searchParams.get('x-cos-security-token'), sessionToken ? sessionToken : null, url);
      assert.ok(verifyCosUrl(url, { secretKey: 'secret' }).ok, url);
      assert.deepEqual([url], signer.presignUrls(options, ['dir/a b.jpg']), 'same as a batch');
    }
  }
});

test('a bad session token is refused even right after a good one was cached', async () => {
  const signer = await init();
  const options = { ...base, secretKey: 'secret', keyTime: '1700000000;1700000900', key: 'a' };
  signer.presignUrl({ ...options, sessionToken: 'good-token' });
  assert.throws(() => signer.presignUrl({ ...options, sessionToken: 'bad\ntoken' }), { code: 'ERR_CONTROL_CHARACTER' });
  assert.throws(() => signer.presignUrl({ ...options, sessionToken: 'bad\uD800' }), { code: 'ERR_LONE_SURROGATE' });
  assert.match(signer.presignUrl({ ...options, sessionToken: 'good-token' }), /&x-cos-security-token=good-token$/);
});

test('the cached token is not in Object.keys, JSON or inspect, and _forgetSignKey() drops it', async () => {
  const signer = await init();
  const token = 'cached-token-that-must-not-show-0123';
  signer.presignUrl({ ...base, secretKey: 'secret', sessionToken: token, key: 'a' });
  const { inspect } = await import('node:util');
  for (const text of [JSON.stringify(signer), Object.keys(signer).join(), inspect(signer, { depth: 4, showHidden: false })]) {
    assert.ok(!text.includes(token), text);
  }
  signer._forgetSignKey();
  assert.ok(!JSON.stringify(Object.getOwnPropertyDescriptors(signer)).includes(token), 'forgotten');
});
