// The contenders of the throughput table; run() signs `perRun` keys of the
// bench request: ours (single and batch), cos-js-sdk-v5
// getObjectUrl with static credentials, and the same algorithm on node:crypto
// and WebCrypto. Used by bench/node.js and (bundled) by the browser page.
import { COMMON, BUCKET, REGION, SECRET_ID, SECRET_KEY, SESSION_TOKEN, START, EXPIRES, benchKeys } from './options.js';
import { makeNodeCryptoSigner, makeWebCryptoSigner } from './reference-signers.js';

export function makeContenders({ signer, COS, nodeCrypto, subtle }) {
  const keys = benchKeys();
  // https as ours: on an http: page the SDK would otherwise follow the page.
  const cos = new COS({ SecretId: SECRET_ID, SecretKey: SECRET_KEY, SecurityToken: SESSION_TOKEN, Protocol: 'https:' });
  const list = [
    { name: 'cos-presign presignUrl (single calls)', perRun: 5000, run() {
      let last;
      // A literal per call, as for the SDK below: in Node 20's V8, objects made
      // with {...spread} are ~10x slower to read, which would measure V8, not us.
      for (let i = 0; i < 5000; i++) {
        last = signer.presignUrl({ secretId: SECRET_ID, secretKey: SECRET_KEY, sessionToken: SESSION_TOKEN,
          bucket: BUCKET, region: REGION, startTime: START, expires: EXPIRES, key: keys[i] });
      }
      return last;
    } },
    { name: 'cos-presign presignUrls (batch of 10,000)', perRun: keys.length, run: () => signer.presignUrls(COMMON, keys).at(-1) },
    { name: 'cos-js-sdk-v5 getObjectUrl', perRun: 500, run() {
      let last;
      for (let i = 0; i < 500; i++) {
        last = cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: keys[i], Sign: true, Expires: EXPIRES });
      }
      return last;
    } },
  ];
  if (nodeCrypto) {
    const sign = makeNodeCryptoSigner(nodeCrypto);
    list.push({ name: 'node:crypto, same algorithm', perRun: 5000, run() {
      let last;
      for (let i = 0; i < 5000; i++) last = sign(COMMON, keys[i]);
      return last;
    } });
  }
  if (subtle) {
    const sign = makeWebCryptoSigner(subtle);
    list.push({ name: 'WebCrypto (crypto.subtle, async)', perRun: 500, async run() {
      let last;
      for (let i = 0; i < 500; i++) last = await sign(COMMON, keys[i]);
      return last;
    } });
  }
  return { keys, cos, list };
}

// Same work check: every contender's URL for a key must be ours for the same
// window. cos-js-sdk-v5 picks its own start time, so ours is made for the
// window its URL carries; the others use the bench window.
export async function checkEquivalent({ signer, cos, nodeCrypto, subtle }, keys) {
  const problems = [];
  for (const key of [keys[0], keys[keys.length - 1], 'dir/a b+c(1).jpg']) {
    const ours = signer.presignUrl({ ...COMMON, key });
    if (signer.presignUrls(COMMON, [key])[0] !== ours) problems.push(`batch != single for ${key}`);
    if (nodeCrypto && makeNodeCryptoSigner(nodeCrypto)(COMMON, key) !== ours) problems.push(`node:crypto differs for ${key}`);
    if (subtle && (await makeWebCryptoSigner(subtle)(COMMON, key)) !== ours) problems.push(`WebCrypto differs for ${key}`);
    const sdkUrl = cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: key, Sign: true, Expires: EXPIRES });
    const keyTime = /q-key-time=([0-9]+;[0-9]+)/.exec(sdkUrl)[1];
    const { startTime, expires, ...rest } = COMMON;
    const oursSameWindow = signer.presignUrl({ ...rest, keyTime, key });
    if (oursSameWindow !== sdkUrl) problems.push(`cos-js-sdk-v5 differs for ${key}:\n  ${sdkUrl.slice(0, 400)}\n  ${oursSameWindow.slice(0, 400)}`);
  }
  return problems;
}

// URLs per second: repeat run() for about `seconds`, best of `rounds`
// (the machine is shared: the best round is the least disturbed one).
export async function measure(contender, { seconds = 1, rounds = 3, now }) {
  const urlsPerRun = contender.perRun;
  let best = 0;
  await contender.run(); // warm up
  for (let r = 0; r < rounds; r++) {
    let urls = 0;
    const start = now();
    let elapsed = 0;
    do {
      await contender.run();
      urls += urlsPerRun;
      elapsed = now() - start;
    } while (elapsed < seconds * 1000);
    best = Math.max(best, urls / (elapsed / 1000));
  }
  return best;
}
