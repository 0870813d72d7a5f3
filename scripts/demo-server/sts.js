// Temporary credentials for the page, in the JSON shape qcloud-cos-sts
// returns: { credentials: { tmpSecretId, tmpSecretKey, sessionToken },
// startTime, expiredTime, expiration, requestId }.
//
// Each request names its scope (?action=&bucket=&region=&prefix=&key=, as
// cos-presign sends it) and gets credentials for exactly one action on one
// set of prefixes: name/cos:GetObject on the readable prefix and the upload
// prefix (so the page can download what it uploaded), name/cos:PutObject on
// the upload prefix only. Anything else is refused (ScopeRefusal, a 403).
//
// Local mode mints random ones and remembers them so the object endpoint can
// check links signed with them. Real mode (COS_SECRET_ID etc. set) asks
// Tencent's STS through qcloud-cos-sts for a policy of that action and prefix.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const MAX_LIVE_CREDENTIALS = 10000;
export const ACTION_GET = 'name/cos:GetObject';
export const ACTION_PUT = 'name/cos:PutObject';

export class ScopeRefusal extends Error {}

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
 * The { action, prefixes } a scope request gets, or a ScopeRefusal.
 * request: URLSearchParams of /api/sts. No action means a download (older pages).
 * Uploads must name keys inside the upload prefix; a download may ask for
 * any key (the credentials still read only the readable prefix, and the
 * bucket refuses the rest, which the demo page shows).
 */
export function grantFor(request, { bucket, region, prefix, uploadPrefix }) {
  const action = request.get('action') || ACTION_GET;
  for (const [field, value] of [['bucket', bucket], ['region', region]]) {
    if (request.has(field) && request.get(field) !== value) throw new ScopeRefusal(`credentials are only issued for ${field} ${value}`);
  }
  if (action === ACTION_GET) return { action, prefixes: [...new Set([prefix, uploadPrefix])] };
  if (action !== ACTION_PUT) throw new ScopeRefusal(`action must be ${ACTION_GET} or ${ACTION_PUT}`);
  for (const field of ['prefix', 'key']) {
    const asked = request.get(field);
    if (asked !== null && !asked.startsWith(uploadPrefix)) throw new ScopeRefusal(`uploads are only allowed under ${uploadPrefix}`);
  }
  return { action, prefixes: [uploadPrefix] };
}

/**
 * Local issuer. `now()` is the server clock in ms (injectable for tests).
 * issue({ action, prefixes }) -> JSON as above;
 * lookup(secretId) -> { secretKey, sessionToken, action, prefixes, startTime, expiredTime }.
 */
export function createLocalSts({ durationSeconds = 1800, now = Date.now }) {
  const live = new Map(); // insertion order = issue order, so the oldest go first
  function prune() {
    const t = Math.floor(now() / 1000);
    for (const [id, c] of live) if (c.expiredTime <= t) live.delete(id);
    while (live.size >= MAX_LIVE_CREDENTIALS) live.delete(live.keys().next().value);
  }
  return {
    mode: 'local',
    async issue({ action, prefixes }) {
      prune();
      const startTime = Math.floor(now() / 1000);
      const expiredTime = startTime + durationSeconds;
      // Shaped like real ones: an AKID id, a base64 key (with + / =), a long token.
      const tmpSecretId = `AKID${randomBytes(27).toString('base64url')}`;
      const tmpSecretKey = randomBytes(30).toString('base64');
      const sessionToken = randomBytes(96).toString('base64url');
      live.set(tmpSecretId, { secretKey: tmpSecretKey, sessionToken, action, prefixes, startTime, expiredTime });
      return credentialJson(tmpSecretId, tmpSecretKey, sessionToken, startTime, expiredTime, randomUUID());
    },
    lookup(secretId) {
      return live.get(secretId);
    },
  };
}

const STS_TIMEOUT_MS = 10_000;

/**
 * Real issuer: least-privilege credentials for one action on some prefixes of one bucket.
 * `endpoint` overrides the STS host (qcloud-cos-sts's own option; tests point it at a closed port).
 * policyFor({ action, prefixes }) is the policy sent (exposed for tests).
 */
export function createCosSts({ secretId, secretKey, bucket, region, durationSeconds = 1800, endpoint }) {
  const require = createRequire(import.meta.url);
  const STS = require('qcloud-cos-sts');
  const policyFor = ({ action, prefixes }) => STS.getPolicy(prefixes.map((prefix) => ({ action, bucket, region, prefix: `${prefix}*` })));
  return {
    mode: 'cos',
    policyFor,
    async issue(grant) {
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('STS timeout'), { code: 'Timeout' })), STS_TIMEOUT_MS);
      });
      try {
        const data = await Promise.race([STS.getCredential({ secretId, secretKey, durationSeconds, policy: policyFor(grant), endpoint }), timeout]);
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
