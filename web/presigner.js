// The page-facing presigner: download and upload URLs for one bucket, made
// with the synchronous signer from credentials the page's backend hands out.
// Credentials live in credential-store.js, time in server-clock.js, per-call
// options in request-options.js, COS vs SigV4 in signature-kinds.js.
import { ExpiryError, invalid } from './errors.js';
import { PRESIGN_REQUEST } from './internal.js';
import { makeProvider } from './credentials.js';
import { typeName } from './options.js';
import { sigV4NotInModule } from './signer.js';
import { CredentialStore } from './credential-store.js';
import { ServerClock } from './server-clock.js';
import { booleanOption, checkKnown, downloadRequest, expiresOption, numberOption, uploadRequest } from './request-options.js';
import { COS_SIGNATURE, V4_SIGNATURE, expiresTooLongForV4 } from './signature-kinds.js';

export { contentDisposition } from './request-options.js';

const ACCELERATE_DOMAIN = '{Bucket}.cos.accelerate.myqcloud.com';

const PRESIGNER_OPTIONS = new Set([
  'bucket', 'region', 'credentials', 'domain', 'protocol', 'accelerate', 'refreshMargin', 'clockOffset', 'fetch',
  'scopeLimit', 'strictExpiry', 'expires', 'retries', 'retryDelay', 'timeout', 'now', 'wasm',
  'signature', 'endpoint', 'pathStyle', 'service',
]);
const V4_ONLY_OPTIONS = ['endpoint', 'pathStyle', 'service'];
const COS_ONLY_OPTIONS = ['domain', 'accelerate', 'protocol'];

export class Presigner {
  #init;
  #wasm;
  #signer = null;
  #signerPromise = null;
  #kind; // COS_SIGNATURE or V4_SIGNATURE
  #target; // what the kind needs besides credentials: bucket, region, host options
  #clock;
  #store;
  #defaults;

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
    this.#kind = v4 ? V4_SIGNATURE : COS_SIGNATURE;
    const defaultExpires = expiresOption(options, 900);
    if (defaultExpires > this.#kind.maxExpires) throw expiresTooLongForV4();
    // Host options are checked by the signer on every call; the presigner only carries them.
    this.#target = v4
      ? { bucket: options.bucket, region: options.region, endpoint: options.endpoint, pathStyle: options.pathStyle, service: options.service }
      : { bucket: options.bucket, region: options.region, domain: booleanOption(options, 'accelerate', false) ? ACCELERATE_DOMAIN : options.domain || '', protocol: options.protocol };

    this.#init = init;
    this.#wasm = options.wasm;
    this.#defaults = { defaultExpires, strictExpiry: booleanOption(options, 'strictExpiry', false) };
    const now = options.now || Date.now;
    this.#clock = new ServerClock(options.clockOffset, now);
    this.#store = new CredentialStore({
      provider: makeProvider(c, { fetch: fetchImpl, timeout: numberOption(options, 'timeout', 10000, { min: 1 }) }),
      clock: this.#clock,
      refreshMargin: numberOption(options, 'refreshMargin', 60),
      retries: numberOption(options, 'retries', 2, { integer: true }),
      retryDelay: numberOption(options, 'retryDelay', 300),
      scopeLimit: booleanOption(options, 'scopeLimit', false),
    });
  }

  /** Server clock minus this page's clock, in ms: explicit, or inferred from the last credentials. */
  get clockOffset() {
    return this.#clock.offset;
  }

  /** Loads the wasm and the download credentials for the whole bucket, so getObjectUrlSync() can work. */
  async ready() {
    await Promise.all([this.#loadSigner(), this.#store.get(this.#scope('get', []))]);
  }

  async getObjectUrl(key, options = {}) {
    return (await this.getObjectUrlDetails(key, options)).url;
  }

  /** { url, expiresAt (Date, this page's clock), startTime, endTime (unix s, server clock), clamped, clock }. */
  async getObjectUrlDetails(key, options = {}) {
    const request = this.#downloadRequest(options);
    checkKey(key);
    const [signer, credentials] = await Promise.all([this.#loadSigner(), this.#store.get(this.#scope('get', [key]))]);
    this.#store.checkUsable(); // disposed while waiting: sign nothing
    const window = this.#window(request, credentials);
    return { url: this.#kind.one(signer, this.#common(credentials, window, 'get', request), key), ...window };
  }

  async getObjectUrls(keys, options = {}) {
    return (await this.getObjectUrlsDetails(keys, options)).urls;
  }

  /** One credential look-up and one signing pass for every key; { urls, expiresAt, startTime, endTime, clamped, clock }. */
  async getObjectUrlsDetails(keys, options = {}) {
    const request = this.#downloadRequest(options);
    if (!Array.isArray(keys)) throw invalid('ERR_INVALID_TYPE', 'keys', 'must be an array of strings');
    keys.forEach((k, i) => checkKey(k, i));
    const [signer, credentials] = await Promise.all([this.#loadSigner(), this.#store.get(this.#scope('get', keys))]);
    this.#store.checkUsable(); // disposed while waiting: sign nothing
    const window = this.#window(request, credentials);
    return { urls: this.#kind.many(signer, this.#common(credentials, window, 'get', request), keys), ...window };
  }

  /** Synchronous once ready(): throws ExpiryError ERR_NOT_READY when the wasm or fresh credentials are not held. */
  getObjectUrlSync(key, options = {}) {
    const request = this.#downloadRequest(options);
    checkKey(key);
    const credentials = this.#heldOrThrow(this.#scope('get', [key]), 'await presigner.ready() or use getObjectUrl()');
    const window = this.#window(request, credentials);
    return this.#kind.one(this.#signer, this.#common(credentials, window, 'get', request), key);
  }

  /**
   * A pre-signed PUT: { url, method: 'PUT', headers, expiresAt, startTime, endTime, clamped, clock }.
   * Send exactly `headers` with the body; each is signed.
   */
  async getUploadUrl(key, options = {}) {
    const request = this.#uploadRequest(options);
    checkKey(key);
    const [signer, credentials] = await Promise.all([this.#loadSigner(), this.#store.get(this.#scope('put', [key]))]);
    this.#store.checkUsable(); // disposed while waiting: sign nothing
    return this.#upload(signer, credentials, request, key);
  }

  /** getUploadUrl without waiting, once upload credentials are held (after one getUploadUrl call). */
  getUploadUrlSync(key, options = {}) {
    const request = this.#uploadRequest(options);
    checkKey(key);
    const credentials = this.#heldOrThrow(this.#scope('put', [key]), 'use getUploadUrl() first');
    return this.#upload(this.#signer, credentials, request, key);
  }

  /** Forgets the credentials; later calls throw ERR_DISPOSED. */
  dispose() {
    this.#store.dispose();
    // The signer caches the last SignKey with its secretKey: forget them too.
    if (this.#signer) this.#signer._forgetSignKey();
  }

  toJSON() {
    return { bucket: this.#target.bucket, region: this.#target.region, disposed: this.#store.disposed };
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `Presigner ${JSON.stringify(this.toJSON())}`;
  }

  // CosCompat's path (web/compat.js): any method, its CAM action, and the
  // headers given, all signed as given (cos-js-sdk-v5's Method and Headers).
  async [PRESIGN_REQUEST](key, { method, action, query, headers, expires }) {
    const request = this.#downloadRequest({ query, expires });
    request.headers = headers;
    checkKey(key);
    const scope = { ...this.#scope('get', [key]), action };
    const [signer, credentials] = await Promise.all([this.#loadSigner(), this.#store.get(scope)]);
    this.#store.checkUsable(); // disposed while waiting: sign nothing
    return this.#kind.one(signer, this.#common(credentials, this.#window(request, credentials), method, request), key);
  }

  #upload(signer, credentials, request, key) {
    const window = this.#window(request, credentials);
    const url = this.#kind.one(signer, this.#common(credentials, window, 'put', request), key);
    return { url, method: 'PUT', headers: { ...request.send }, ...window };
  }

  #downloadRequest(options) {
    this.#store.checkUsable();
    const request = downloadRequest(options, this.#defaults);
    if (request.expires > this.#kind.maxExpires) throw expiresTooLongForV4();
    return request;
  }

  #uploadRequest(options) {
    this.#store.checkUsable();
    const request = uploadRequest(options, this.#defaults);
    if (request.expires > this.#kind.maxExpires) throw expiresTooLongForV4();
    return request;
  }

  #heldOrThrow(scope, hint) {
    if (!this.#signer) throw new ExpiryError('ERR_NOT_READY', 'cos-presign: the signer is not loaded yet; await presigner.ready() first');
    const credentials = this.#store.held(scope);
    if (!credentials) throw new ExpiryError('ERR_NOT_READY', `cos-presign: no unexpired credentials are held for this key; ${hint}`);
    return credentials;
  }

  #scope(what, keys) {
    return { bucket: this.#target.bucket, region: this.#target.region, keys: [...keys], action: this.#kind.actions[what] };
  }

  #window(request, credentials) {
    return this.#clock.window(request, credentials, this.#kind.maxExpires);
  }

  #common(credentials, window, method, request) {
    return this.#kind.common(this.#target, credentials, window, method, request);
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
}

function checkKey(key, index) {
  if (typeof key !== 'string') {
    throw invalid(key === undefined || key === null ? 'ERR_MISSING_FIELD' : 'ERR_INVALID_TYPE', 'key', 'must be a string', index);
  }
}

export function presignerFactory(init, entry) {
  return function createPresigner(options) {
    return new Presigner(init, options, entry);
  };
}
