// Temporary credentials for the page, in the JSON shape qcloud-cos-sts
// returns: { credentials: { tmpSecretId, tmpSecretKey, sessionToken },
// startTime, expiredTime, expiration, requestId }.
//
// Local mode mints random ones and remembers them so the object endpoint can
// check links signed with them. Real mode (COS_SECRET_ID etc. set) asks
// Tencent's STS through qcloud-cos-sts for GetObject on one prefix only.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const MAX_LIVE_CREDENTIALS = 10000;

function credentialJson(tmpSecretId, tmpSecretKey, sessionToken, startTime, expiredTime, requestId) {
  return {
    credentials: { tmpSecretId, tmpSecretKey, sessionToken },
    startTime,
    expiredTime,
    expiration: new Date(expiredTime * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    requestId,
  };
}

/**
 * Local issuer. `now()` is the server clock in ms (injectable for tests).
 * issue() -> JSON as above; lookup(secretId) -> { secretKey, sessionToken, prefix, startTime, expiredTime }.
 */
export function createLocalSts({ durationSeconds = 1800, prefix, now = Date.now }) {
  const live = new Map(); // insertion order = issue order, so the oldest go first
  function prune() {
    const t = Math.floor(now() / 1000);
    for (const [id, c] of live) if (c.expiredTime <= t) live.delete(id);
    while (live.size >= MAX_LIVE_CREDENTIALS) live.delete(live.keys().next().value);
  }
  return {
    mode: 'local',
    async issue() {
      prune();
      const startTime = Math.floor(now() / 1000);
      const expiredTime = startTime + durationSeconds;
      // Shaped like real ones: an AKID id, a base64 key (with + / =), a long token.
      const tmpSecretId = `AKID${randomBytes(27).toString('base64url')}`;
      const tmpSecretKey = randomBytes(30).toString('base64');
      const sessionToken = randomBytes(96).toString('base64url');
      live.set(tmpSecretId, { secretKey: tmpSecretKey, sessionToken, prefix, startTime, expiredTime });
      return credentialJson(tmpSecretId, tmpSecretKey, sessionToken, startTime, expiredTime, randomUUID());
    },
    lookup(secretId) {
      return live.get(secretId);
    },
  };
}

const STS_TIMEOUT_MS = 10_000;

/**
 * Real issuer: least-privilege GetObject credentials for `prefix` in one bucket.
 * `endpoint` overrides the STS host (qcloud-cos-sts's own option; tests point it at a closed port).
 */
export function createCosSts({ secretId, secretKey, bucket, region, prefix, durationSeconds = 1800, endpoint }) {
  const require = createRequire(import.meta.url);
  const STS = require('qcloud-cos-sts');
  const policy = STS.getPolicy([{ action: 'name/cos:GetObject', bucket, region, prefix: `${prefix}*` }]);
  return {
    mode: 'cos',
    async issue() {
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('STS timeout'), { code: 'Timeout' })), STS_TIMEOUT_MS);
      });
      try {
        const data = await Promise.race([STS.getCredential({ secretId, secretKey, durationSeconds, policy, endpoint }), timeout]);
        const c = data.credentials;
        return credentialJson(c.tmpSecretId, c.tmpSecretKey, c.sessionToken, data.startTime, data.expiredTime, data.requestId);
      } finally {
        clearTimeout(timer);
      }
    },
    lookup() {
      return undefined;
    },
  };
}
