// The page-facing presigner: gets temporary credentials from the page's
// backend (cached, shared between concurrent calls, refreshed before they
// expire), keeps time in the server's clock, and turns keys into download
// URLs with the synchronous signer.
import { CosPresignError, CredentialsError, ExpiryError, invalid } from './errors.js';
import { makeProvider, normalizeCredentials } from './credentials.js';
import { checkWellFormed } from './wire.js';
import { typeName } from './options.js';
import { sigV4NotInModule } from './signer.js';

export const ACTION_GET_OBJECT = 'name/cos:GetObject';
export const ACTION_S3_GET_OBJECT = 's3:GetObject';
const MAX_V4_EXPIRES = 604800; // SigV4's limit: 7 days
const ACCELERATE_DOMAIN = '{Bucket}.cos.accelerate.myqcloud.com';
// The URL's window opens this long before "now", so a server clock slightly
// behind ours still accepts it. Only the end bounds what a link can do.
const START_LEEWAY_S = 60;
const MAX_SCOPED_ENTRIES = 64;

const PRESIGNER_OPTIONS = new Set([
  'bucket', 'region', 'credentials', 'domain', 'protocol', 'accelerate', 'refreshMargin', 'clockOffset', 'fetch',
  'scopeLimit', 'strictExpiry', 'expires', 'retries', 'retryDelay', 'timeout', 'now', 'wasm',
  'signature', 'endpoint', 'pathStyle', 'service',
]);
const V4_ONLY_OPTIONS = ['endpoint', 'pathStyle', 'service'];
const COS_ONLY_OPTIONS = ['domain', 'accelerate', 'protocol'];
const URL_OPTIONS = new Set(['expires', 'download', 'inline', 'versionId', 'responseContentType', 'query', 'strictExpiry']);

function checkKnown(options, allowed, what) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid('ERR_INVALID_TYPE', what, `must be an object, not ${typeName(options)}`);
  }
  for (const name in options) {
    if (!allowed.has(name) && options[name] !== undefined) {
      throw invalid('ERR_UNKNOWN_OPTION', JSON.stringify(name), `is not an option of ${what}`);
    }
  }
}

function numberOption(o, field, fallback, { min = 0, integer = false } = {}) {
  const v = o[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
    throw invalid('ERR_INVALID_VALUE', field, `must be a ${integer ? 'whole ' : ''}number of at least ${min}`);
  }
  return v;
}

function expiresOption(o, fallback) {
  const v = o.expires;
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw invalid('ERR_INVALID_TYPE', 'expires', `must be a number of seconds, not ${typeName(v)}`);
  if (!Number.isSafeInteger(v) || v < 1) throw invalid('ERR_INVALID_EXPIRES', 'expires', 'must be a whole number of seconds, at least 1');
  return v;
}

// RFC 6266 / 5987: an ASCII fallback for old clients and the exact UTF-8 name.
export function contentDisposition(type, name, field) {
  if (name === true) return type;
  if (typeof name !== 'string') throw invalid('ERR_INVALID_TYPE', field, `must be a file name or true, not ${typeName(name)}`);
  if (name === '') throw invalid('ERR_MISSING_FIELD', field, 'must not be empty');
  checkWellFormed(name, field);
  if (/[\x00-\x1f\x7f]/.test(name)) throw invalid('ERR_CONTROL_CHARACTER', field, 'must not contain ASCII control characters');
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${type}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRetryable(error) {
  return error.code === 'ERR_CREDENTIALS_FETCH' || (error.code === 'ERR_CREDENTIALS_HTTP' && error.status >= 500);
}

function scopeKey(scope) {
  return [scope.bucket, scope.region, scope.action, ...[...scope.keys].sort()].join('\n');
}

export class Presigner {
  #init;
  #wasm;
  #signer = null;
  #signerPromise = null;
  #bucket;
  #region;
  #domain;
  #protocol;
  #provider;
  #refreshMargin;
  #explicitOffset;
  #inferredOffset = 0;
  #now;
  #retries;
  #retryDelay;
  #strictExpiry;
  #defaultExpires;
  #scopeLimited;
  #shared = null; // credentials usable for any scope
  #scoped = new Map(); // scope key -> credentials limited to that scope
  #inflight = new Map(); // '*' or scope key -> Promise<credentials>
  #disposed = false;
  #v4 = null; // SigV4 target { endpoint, pathStyle, service }, or null for COS signatures

  // `sigv4`: whether `init` loads a module with SigV4 ('cos-presign/sigv4').
  constructor(init, options, { sigv4 = false } = {}) {
    checkKnown(options, PRESIGNER_OPTIONS, 'createPresigner()');
    for (const field of ['bucket', 'region']) {
      const v = options[field];
      if (v === undefined || v === null || v === '') throw invalid('ERR_MISSING_FIELD', field, 'is required');
      if (typeof v !== 'string') throw invalid('ERR_INVALID_TYPE', field, `must be a string, not ${typeName(v)}`);
    }
    const c = options.credentials;
    if (!(typeof c === 'function' || (typeof c === 'string' && c !== '') || c instanceof URL)) {
      throw invalid(c === undefined ? 'ERR_MISSING_FIELD' : 'ERR_INVALID_TYPE', 'credentials',
        'must be the URL of your credentials endpoint or an async function (scope) => credentials');
    }
    if (options.domain !== undefined && typeof options.domain !== 'string') {
      throw invalid('ERR_INVALID_TYPE', 'domain', `must be a string, not ${typeName(options.domain)}`);
    }
    if (options.accelerate && options.domain) throw invalid('ERR_CONFLICTING_OPTIONS', 'accelerate', 'cannot be combined with domain');
    if (options.clockOffset !== undefined && (typeof options.clockOffset !== 'number' || !Number.isFinite(options.clockOffset))) {
      throw invalid('ERR_INVALID_VALUE', 'clockOffset', 'must be a finite number of milliseconds (server clock minus this clock)');
    }
    for (const field of ['fetch', 'now']) {
      if (options[field] !== undefined && typeof options[field] !== 'function') {
        throw invalid('ERR_INVALID_TYPE', field, `must be a function, not ${typeName(options[field])}`);
      }
    }
    const fetchImpl = options.fetch || (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
    if (typeof c !== 'function' && !fetchImpl) throw invalid('ERR_MISSING_FIELD', 'fetch', 'is required where there is no global fetch');

    if (options.signature !== undefined && options.signature !== 'cos' && options.signature !== 'v4') {
      throw invalid('ERR_INVALID_VALUE', 'signature', 'must be "cos" (default) or "v4"');
    }
    const v4 = options.signature === 'v4';
    // Refused here, not at the first URL: the page learns it where the presigner is made.
    if (v4 && !sigv4) throw sigV4NotInModule();
    for (const field of v4 ? COS_ONLY_OPTIONS : V4_ONLY_OPTIONS) {
      if (options[field] !== undefined) {
        throw invalid('ERR_CONFLICTING_OPTIONS', field, v4 ? 'is a COS option: with signature "v4" use endpoint' : 'needs signature: "v4"');
      }
    }
    if (v4) {
      // Checked by the signer on every call; the presigner only carries them.
      this.#v4 = { endpoint: options.endpoint, pathStyle: options.pathStyle, service: options.service };
      if (options.expires !== undefined && options.expires > MAX_V4_EXPIRES) {
        throw invalid('ERR_EXPIRES_TOO_LONG', 'expires', 'must be at most 604800 seconds (7 days), the SigV4 limit');
      }
    }

    this.#init = init;
    this.#wasm = options.wasm;
    this.#bucket = options.bucket;
    this.#region = options.region;
    this.#domain = options.accelerate ? ACCELERATE_DOMAIN : options.domain || '';
    this.#protocol = options.protocol;
    this.#refreshMargin = numberOption(options, 'refreshMargin', 60);
    this.#explicitOffset = options.clockOffset;
    this.#now = options.now || Date.now;
    this.#retries = numberOption(options, 'retries', 2, { integer: true });
    this.#retryDelay = numberOption(options, 'retryDelay', 300);
    this.#strictExpiry = options.strictExpiry === true;
    this.#defaultExpires = expiresOption(options, 900);
    this.#scopeLimited = options.scopeLimit === true;
    this.#provider = makeProvider(c, { fetch: fetchImpl, timeout: numberOption(options, 'timeout', 10000, { min: 1 }) });
  }

  /** Server clock minus this page's clock, in ms: explicit, or inferred from the last credentials. */
  get clockOffset() {
    return this.#explicitOffset !== undefined ? this.#explicitOffset : this.#inferredOffset;
  }

  /** Loads the wasm and the credentials for the whole bucket, so getObjectUrlSync() can work. */
  async ready() {
    await Promise.all([this.#loadSigner(), this.#credentialsFor(this.#scope([]))]);
  }

  async getObjectUrl(key, options = {}) {
    return (await this.getObjectUrlDetails(key, options)).url;
  }

  /** { url, expiresAt (Date, this page's clock), startTime, endTime (unix s, server clock), clamped }. */
  async getObjectUrlDetails(key, options = {}) {
    const request = this.#request(options);
    this.#checkKey(key);
    const [signer, credentials] = await Promise.all([this.#loadSigner(), this.#credentialsFor(this.#scope([key]))]);
    const { common, window } = this.#common(request, credentials);
    return { url: this.#v4 ? signer.presignUrlV4({ ...common, key }) : signer.presignUrl({ ...common, key }), ...window };
  }

  async getObjectUrls(keys, options = {}) {
    return (await this.getObjectUrlsDetails(keys, options)).urls;
  }

  /** One credential look-up and one signing pass for every key; { urls, expiresAt, startTime, endTime, clamped }. */
  async getObjectUrlsDetails(keys, options = {}) {
    const request = this.#request(options);
    if (!Array.isArray(keys)) throw invalid('ERR_INVALID_TYPE', 'keys', 'must be an array of strings');
    keys.forEach((k, i) => this.#checkKey(k, i));
    const [signer, credentials] = await Promise.all([this.#loadSigner(), this.#credentialsFor(this.#scope(keys))]);
    const { common, window } = this.#common(request, credentials);
    return { urls: this.#v4 ? signer.presignUrlsV4(common, keys) : signer.presignUrls(common, keys), ...window };
  }

  /** Synchronous once ready(): throws ExpiryError ERR_NOT_READY when the wasm or fresh credentials are not held. */
  getObjectUrlSync(key, options = {}) {
    this.#checkUsable();
    const request = this.#request(options);
    this.#checkKey(key);
    if (!this.#signer) throw new ExpiryError('ERR_NOT_READY', 'cos-presign: the signer is not loaded yet; await presigner.ready() first');
    const credentials = this.#held(this.#scope([key]), 0);
    if (!credentials) {
      throw new ExpiryError('ERR_NOT_READY', 'cos-presign: no unexpired credentials are held for this key; await presigner.ready() or use getObjectUrl()');
    }
    const { common } = this.#common(request, credentials);
    return this.#v4 ? this.#signer.presignUrlV4({ ...common, key }) : this.#signer.presignUrl({ ...common, key });
  }

  /** Forgets the credentials; later calls throw ERR_DISPOSED. */
  dispose() {
    this.#disposed = true;
    // The signer caches the last SignKey with its secretKey: forget them too.
    if (this.#signer) this.#signer._forgetSignKey();
    this.#shared = null;
    this.#scoped.clear();
    this.#inflight.clear();
  }

  toJSON() {
    return { bucket: this.#bucket, region: this.#region, disposed: this.#disposed };
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `Presigner ${JSON.stringify(this.toJSON())}`;
  }

  #checkUsable() {
    if (this.#disposed) throw new CosPresignError('ERR_DISPOSED', 'cos-presign: this presigner has been disposed');
  }

  #checkKey(key, index) {
    if (typeof key !== 'string') {
      throw invalid(key === undefined || key === null ? 'ERR_MISSING_FIELD' : 'ERR_INVALID_TYPE', 'key', 'must be a string', index);
    }
  }

  #scope(keys) {
    return { bucket: this.#bucket, region: this.#region, keys: [...keys], action: this.#v4 ? ACTION_S3_GET_OBJECT : ACTION_GET_OBJECT };
  }

  #loadSigner() {
    if (this.#signer) return Promise.resolve(this.#signer);
    if (!this.#signerPromise) {
      this.#signerPromise = this.#init(this.#wasm).then(
        (s) => (this.#signer = s),
        (e) => {
          this.#signerPromise = null;
          throw e;
        },
      );
    }
    return this.#signerPromise;
  }

  #serverNowMs() {
    return this.#now() + this.clockOffset;
  }

  // Credentials good for `scope` with more than `margin` seconds left.
  #held(scope, margin) {
    const nowS = this.#serverNowMs() / 1000;
    const fresh = (c) => c && c.expiredTime - nowS > margin;
    if (fresh(this.#shared)) return this.#shared;
    const c = this.#scoped.get(scopeKey(scope));
    return fresh(c) ? c : null;
  }

  async #credentialsFor(scope) {
    for (;;) {
      this.#checkUsable();
      const held = this.#held(scope, this.#refreshMargin);
      if (held) return held;
      // Until the backend is known to scope its answers, one fetch serves everyone.
      const flightKey = this.#scopeLimited ? scopeKey(scope) : '*';
      let flight = this.#inflight.get(flightKey);
      if (!flight) {
        flight = this.#fetch(scope).finally(() => {
          if (this.#inflight.get(flightKey) === flight) this.#inflight.delete(flightKey);
        });
        this.#inflight.set(flightKey, flight);
      }
      const credentials = await flight;
      this.#checkUsable();
      if (!credentials.scopeLimit || credentials.scopeKey === scopeKey(scope)) return credentials;
      // Limited to another scope: loop and fetch one for ours.
    }
  }

  async #fetch(scope) {
    for (let attempt = 0; ; attempt++) {
      try {
        let answer;
        try {
          answer = await this.#provider(scope);
        } catch (e) {
          if (e instanceof CosPresignError) throw e;
          throw new CredentialsError('ERR_CREDENTIALS_PROVIDER', 'cos-presign: the credentials function failed', { cause: e });
        }
        const receivedAt = this.#now();
        const credentials = normalizeCredentials(answer.raw);
        this.#learnClock(credentials, answer.serverDateMs, receivedAt);
        const nowS = (receivedAt + this.clockOffset) / 1000;
        if (credentials.expiredTime <= nowS) {
          throw new CredentialsError('ERR_CREDENTIALS_EXPIRED',
            `cos-presign: the credentials expired ${Math.ceil(nowS - credentials.expiredTime)} s ago (server clock); if this page's clock is wrong, set clockOffset`);
        }
        this.#store(credentials, scope);
        return credentials;
      } catch (error) {
        if (attempt < this.#retries && isRetryable(error)) {
          await sleep(this.#retryDelay * 2 ** attempt);
          continue;
        }
        throw error;
      }
    }
  }

  #store(credentials, scope) {
    if (this.#disposed) return;
    if (credentials.scopeLimit) {
      this.#scopeLimited = true;
      credentials.scopeKey = scopeKey(scope);
      if (this.#scoped.size >= MAX_SCOPED_ENTRIES) this.#scoped.delete(this.#scoped.keys().next().value);
      this.#scoped.set(credentials.scopeKey, credentials);
    } else {
      this.#shared = credentials;
    }
  }

  // Infers server time only from what cannot mislead: the backend's Date
  // header, or credential times that are impossible on this page's clock
  // (a start in its future, an expiry in its past: fresh credentials cannot
  // be either). An explicit clockOffset always wins.
  #learnClock(credentials, serverDateMs, receivedAt) {
    if (this.#explicitOffset !== undefined) return;
    let offset = 0;
    if (serverDateMs !== undefined) {
      const measured = serverDateMs + 500 - receivedAt; // Date has 1 s resolution
      if (Math.abs(measured) > 2000) offset = measured;
    } else if (credentials.startTime !== undefined) {
      const startMs = credentials.startTime * 1000;
      if (startMs > receivedAt + 1000 || credentials.expiredTime * 1000 <= receivedAt) offset = startMs - receivedAt;
    }
    this.#inferredOffset = offset;
  }

  #request(options) {
    this.#checkUsable();
    checkKnown(options, URL_OPTIONS, 'this call');
    const expires = expiresOption(options, this.#defaultExpires);
    if (this.#v4 && expires > MAX_V4_EXPIRES) {
      throw invalid('ERR_EXPIRES_TOO_LONG', 'expires', 'must be at most 604800 seconds (7 days), the SigV4 limit');
    }
    const query = {};
    if (options.query !== undefined && options.query !== null) {
      if (typeof options.query !== 'object' || Array.isArray(options.query)) {
        throw invalid('ERR_INVALID_TYPE', 'query', `must be an object of name: value, not ${typeName(options.query)}`);
      }
      Object.assign(query, options.query);
    }
    const set = (name, value, field) => {
      if (Object.keys(query).some((n) => n.toLowerCase() === name.toLowerCase())) {
        throw invalid('ERR_CONFLICTING_OPTIONS', field, `cannot be combined with a ${name} query parameter`);
      }
      query[name] = value;
    };
    if (options.download !== undefined && options.inline !== undefined) {
      throw invalid('ERR_CONFLICTING_OPTIONS', 'download', 'cannot be combined with inline');
    }
    if (options.download !== undefined && options.download !== false) {
      set('response-content-disposition', contentDisposition('attachment', options.download, 'download'), 'download');
    }
    if (options.inline !== undefined && options.inline !== false) {
      set('response-content-disposition', contentDisposition('inline', options.inline, 'inline'), 'inline');
    }
    if (options.versionId !== undefined) set('versionId', options.versionId, 'versionId');
    if (options.responseContentType !== undefined) set('response-content-type', options.responseContentType, 'responseContentType');
    return { expires, query, strict: options.strictExpiry === undefined ? this.#strictExpiry : options.strictExpiry === true };
  }

  #common(request, credentials) {
    const offset = this.clockOffset;
    const nowS = Math.floor((this.#now() + offset) / 1000);
    let startTime = nowS - START_LEEWAY_S;
    if (credentials.startTime !== undefined && credentials.startTime <= nowS) startTime = Math.max(startTime, credentials.startTime);
    let endTime = nowS + request.expires;
    // COS refuses a URL once its temporary key has expired: never promise more.
    const clamped = endTime > credentials.expiredTime;
    if (clamped) {
      if (request.strict) {
        throw new ExpiryError('ERR_EXPIRES_BEYOND_CREDENTIALS',
          `cos-presign: the credentials expire in ${credentials.expiredTime - nowS} s, before the ${request.expires} s asked for`);
      }
      endTime = credentials.expiredTime;
    }
    if (endTime <= nowS) throw new ExpiryError('ERR_CREDENTIALS_EXPIRED', 'cos-presign: the credentials have expired');
    if (this.#v4) {
      // SigV4 signs a start (X-Amz-Date) and a lifetime of at most 7 days: give up leeway before lifetime.
      startTime = Math.max(startTime, endTime - MAX_V4_EXPIRES);
      return {
        common: {
          accessKeyId: credentials.secretId,
          secretAccessKey: credentials.secretKey,
          sessionToken: credentials.sessionToken,
          region: this.#region,
          bucket: this.#bucket,
          ...this.#v4,
          date: startTime,
          expires: endTime - startTime,
          query: request.query,
        },
        window: { expiresAt: new Date(endTime * 1000 - offset), startTime, endTime, clamped },
      };
    }
    return {
      common: {
        secretId: credentials.secretId,
        secretKey: credentials.secretKey,
        sessionToken: credentials.sessionToken,
        bucket: this.#bucket,
        region: this.#region,
        domain: this.#domain,
        protocol: this.#protocol,
        startTime,
        endTime,
        query: request.query,
      },
      window: { expiresAt: new Date(endTime * 1000 - offset), startTime, endTime, clamped },
    };
  }
}

export function presignerFactory(init, entry) {
  return function createPresigner(options) {
    return new Presigner(init, options, entry);
  };
}
