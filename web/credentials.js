// Temporary credentials as backends already return them, checked and
// normalized; and the providers that fetch them. Messages name fields and
// never contain their values.
import { CredentialsError } from './errors.js';
import { typeName } from './options.js';

function bad(field, message) {
  return new CredentialsError('ERR_CREDENTIALS_INVALID', `cos-presign: credentials ${field ? `${field} ` : ''}${message}`, { field });
}

function requiredString(value, field) {
  if (value === undefined || value === null || value === '') throw bad(field, 'is missing');
  if (typeof value !== 'string') throw bad(field, `must be a string, not ${typeName(value)}`);
  return value;
}

// Unix seconds, given as a number or a string of digits (some backends
// stringify them). Milliseconds are refused rather than misread.
function unixSeconds(value, field, required) {
  if (value === undefined || value === null || value === '') {
    if (required) throw bad(field, 'is missing');
    return undefined;
  }
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw bad(field, 'must be a whole number of unix seconds');
  }
  if (n >= 1e11) throw bad(field, 'looks like milliseconds: it must be unix seconds');
  return n;
}

/**
 * Accepts, unchanged, the JSON of qcloud-cos-sts, the object cos-js-sdk-v5's
 * getAuthorization callback takes, or { secretId, secretKey, sessionToken,
 * startTime, expiredTime }, each optionally with serverTime (unix s, the
 * backend's clock) and actions. Returns { secretId, secretKey, sessionToken,
 * startTime?, expiredTime, scopeLimit, serverTime?, actions }.
 */
export function normalizeCredentials(raw) {
  if (typeof raw === 'string') {
    throw bad('', 'are an Authorization string; cos-presign signs in the page and needs temporary credentials (TmpSecretId, TmpSecretKey, SecurityToken, ExpiredTime)');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CredentialsError('ERR_CREDENTIALS_INVALID', `cos-presign: credentials must be an object, not ${typeName(raw)}`);
  }
  let c;
  if (raw.credentials && typeof raw.credentials === 'object') {
    // qcloud-cos-sts: { credentials: { tmpSecretId, tmpSecretKey, sessionToken }, startTime, expiredTime, expiration }
    const k = raw.credentials;
    c = {
      secretId: requiredString(k.tmpSecretId, 'credentials.tmpSecretId'),
      secretKey: requiredString(k.tmpSecretKey, 'credentials.tmpSecretKey'),
      sessionToken: requiredString(k.sessionToken, 'credentials.sessionToken'),
      startTime: unixSeconds(raw.startTime, 'startTime', false),
      expiredTime: raw.expiredTime === undefined && typeof raw.expiration === 'string'
        ? isoSeconds(raw.expiration)
        : unixSeconds(raw.expiredTime, 'expiredTime', true),
    };
  } else if ('TmpSecretId' in raw || 'TmpSecretKey' in raw) {
    // cos-js-sdk-v5 getAuthorization callback data
    const token = raw.SecurityToken !== undefined ? raw.SecurityToken : raw.XCosSecurityToken;
    c = {
      secretId: requiredString(raw.TmpSecretId, 'TmpSecretId'),
      secretKey: requiredString(raw.TmpSecretKey, 'TmpSecretKey'),
      sessionToken: requiredString(token, 'SecurityToken'),
      startTime: unixSeconds(raw.StartTime, 'StartTime', false),
      expiredTime: unixSeconds(raw.ExpiredTime, 'ExpiredTime', true),
    };
  } else if ('secretId' in raw || 'secretKey' in raw) {
    c = {
      secretId: requiredString(raw.secretId, 'secretId'),
      secretKey: requiredString(raw.secretKey, 'secretKey'),
      sessionToken: requiredString(raw.sessionToken, 'sessionToken'),
      startTime: unixSeconds(raw.startTime, 'startTime', false),
      expiredTime: unixSeconds(raw.expiredTime, 'expiredTime', true),
    };
  } else if (raw.Credentials && typeof raw.Credentials === 'object' && 'AccessKeyId' in raw.Credentials) {
    // AWS STS AssumeRole* responses: { Credentials: { AccessKeyId, SecretAccessKey, SessionToken, Expiration } }
    c = awsShape(raw.Credentials, 'Credentials.', ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
  } else if ('AccessKeyId' in raw) {
    c = awsShape(raw, '', ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
  } else if ('accessKeyId' in raw) {
    // The AWS SDK v3 credential identity: { accessKeyId, secretAccessKey, sessionToken, expiration }
    c = awsShape(raw, '', ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration']);
  } else {
    throw new CredentialsError('ERR_CREDENTIALS_INVALID',
      'cos-presign: credentials have none of the known shapes (qcloud-cos-sts JSON, cos-js-sdk-v5 TmpSecretId/TmpSecretKey, secretId/secretKey, or AWS AccessKeyId/SecretAccessKey)');
  }
  if (c.startTime !== undefined && c.expiredTime <= c.startTime) throw bad('expiredTime', 'is not after startTime');
  c.scopeLimit = raw.ScopeLimit === true || raw.scopeLimit === true;
  // The backend's clock when it answered (independent of a cached startTime).
  c.serverTime = unixSeconds(raw.serverTime !== undefined ? raw.serverTime : raw.ServerTime, 'serverTime', false);
  c.actions = actionList(raw.actions !== undefined ? raw.actions : raw.Actions);
  return c;
}

// Actions the credentials serve besides the one asked for, e.g. both
// 'name/cos:GetObject' and 'name/cos:PutObject': one set for downloads and uploads.
function actionList(v) {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 32 || !v.every((a) => typeof a === 'string' && a.length <= 128)) {
    throw bad('actions', 'must be an array of at most 32 action names');
  }
  return v;
}

function awsShape(k, prefix, [id, key, token, expiration]) {
  const e = k[expiration];
  let expiredTime;
  if (e instanceof Date) expiredTime = Math.floor(e.getTime() / 1000);
  else if (typeof e === 'string') expiredTime = isoSeconds(e, prefix + expiration);
  else if (e === undefined || e === null) throw bad(prefix + expiration, 'is missing');
  else expiredTime = unixSeconds(e, prefix + expiration, true);
  if (!Number.isSafeInteger(expiredTime)) throw bad(prefix + expiration, 'is not a date');
  return {
    secretId: requiredString(k[id], prefix + id),
    secretKey: requiredString(k[key], prefix + key),
    sessionToken: requiredString(k[token], prefix + token),
    startTime: undefined,
    expiredTime,
  };
}

function isoSeconds(text, field = 'expiration') {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw bad(field, 'is not a date');
  return Math.floor(ms / 1000);
}

/**
 * A provider from the `credentials` option: a URL (GET, JSON answer) or an
 * async function (scope) => credentials. Resolves to { raw, serverDateMs? }:
 * the backend's HTTP Date header, when there is one, tells its clock.
 */
export function makeProvider(credentials, { fetch: fetchImpl, timeout }) {
  if (typeof credentials === 'function') {
    return async (scope) => ({ raw: await withTimeout(Promise.resolve().then(() => credentials(scope)), timeout) });
  }
  if (typeof credentials === 'string' || credentials instanceof URL) {
    return async (scope) => fetchCredentials(credentials, scope, fetchImpl, timeout);
  }
  throw new TypeError('credentials must be a URL or a function');
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new CredentialsError('ERR_CREDENTIALS_TIMEOUT',
        `cos-presign: the credentials provider did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// The scope travels as query parameters so a backend can issue
// least-privilege credentials: action, bucket, region, and the common
// prefix of the keys (plus the key itself when there is one).
export function scopeQuery(scope) {
  const q = new URLSearchParams({ action: scope.action, bucket: scope.bucket, region: scope.region, prefix: commonPrefix(scope.keys) });
  if (scope.keys.length === 1) q.set('key', scope.keys[0]);
  return q;
}

export function commonPrefix(keys) {
  if (keys.length === 0) return '';
  let prefix = keys[0];
  for (const k of keys) {
    let i = 0;
    while (i < prefix.length && i < k.length && prefix[i] === k[i]) i++;
    prefix = prefix.slice(0, i);
  }
  // Up to the last '/', unless all keys are the same object.
  if (keys.every((k) => k === prefix)) return prefix;
  return prefix.slice(0, prefix.lastIndexOf('/') + 1);
}

async function fetchCredentials(url, scope, fetchImpl, timeout) {
  const base = typeof location !== 'undefined' ? location.href : undefined;
  let target;
  try {
    target = new URL(url, base);
  } catch (cause) {
    throw new CredentialsError('ERR_CREDENTIALS_FETCH',
      'cos-presign: the credentials URL is not a URL here (a relative URL needs a page to resolve against)', { cause });
  }
  for (const [k, v] of scopeQuery(scope)) target.searchParams.set(k, v);
  // One deadline for the answer and its body: a body that stalls times out too.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const failed = (cause) => {
    const timedOut = controller.signal.aborted;
    return new CredentialsError(timedOut ? 'ERR_CREDENTIALS_TIMEOUT' : 'ERR_CREDENTIALS_FETCH',
      timedOut ? `cos-presign: the credentials endpoint did not answer within ${timeout} ms`
        : `cos-presign: could not reach the credentials endpoint (${cause && cause.message})`, { cause });
  };
  let response;
  let text;
  try {
    try {
      response = await fetchImpl(target, { headers: { accept: 'application/json' }, signal: controller.signal });
    } catch (cause) {
      throw failed(cause);
    }
    if (!response.ok) {
      throw new CredentialsError('ERR_CREDENTIALS_HTTP', `cos-presign: the credentials endpoint answered HTTP ${response.status}`,
        { status: response.status });
    }
    try {
      text = await response.text();
    } catch (cause) {
      throw failed(cause);
    }
  } finally {
    clearTimeout(timer);
  }
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    // No cause: the parser's message quotes the body.
    const type = response.headers.get('content-type') || 'no content type';
    throw new CredentialsError('ERR_CREDENTIALS_NOT_JSON',
      `cos-presign: the credentials endpoint answered ${type.split(';')[0]}, not JSON${/^\s*</.test(text) ? ' (an HTML page?)' : ''}`);
  }
  const date = Date.parse(response.headers.get('date') || '');
  return { raw, serverDateMs: Number.isFinite(date) ? date : undefined };
}
