// A drop-in for the download part of cos-js-sdk-v5: existing code that does
//   const cos = new COS({ getAuthorization }); cos.getObjectUrl({ Bucket, Region, Key, ... }, cb)
// can switch to `new CosCompat({ getAuthorization })` and get URLs signed by
// cos-presign (window from now, clamped to the credentials, every query
// parameter signed). Supported getObjectUrl params: Bucket, Region, Key,
// Method, Headers, Sign, Expires, Query, Protocol, Domain, UseAccelerate.
// Method and Headers mean what they mean in the SDK: the URL is signed for
// that method, and of the headers given, those the SDK signs (x-cos-*,
// x-ci-*, Content-Length, Content-MD5, Range, If-*, ...; not Content-Type)
// are signed, so the client must send them with those values. Constructor options:
// getAuthorization, Protocol, Domain, UseAccelerate, SystemClockOffset.
import { invalid } from './errors.js';
import { commonPrefix } from './credentials.js';
import { PRESIGN_REQUEST } from './internal.js';

const CONSTRUCTOR_OPTIONS = new Set(['getAuthorization', 'Protocol', 'Domain', 'UseAccelerate', 'SystemClockOffset']);
const URL_PARAMS = new Set(['Bucket', 'Region', 'Key', 'Method', 'Headers', 'Sign', 'Expires', 'Query', 'Protocol', 'Domain', 'UseAccelerate']);
// The CAM action a backend is asked for, per method a URL can be signed for.
const ACTIONS = { GET: 'name/cos:GetObject', HEAD: 'name/cos:HeadObject', PUT: 'name/cos:PutObject' };

// The headers cos-js-sdk-v5 (1.10) signs; it leaves any other header unsigned.
const SDK_SIGNED_HEADERS = new Set([
  'cache-control', 'content-disposition', 'content-encoding', 'content-length', 'content-md5', 'expect', 'expires',
  'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-unmodified-since', 'origin', 'range',
  'transfer-encoding', 'pic-operations',
]);

function sdkSignedHeaders(headers) {
  if (headers === undefined || headers === null) return undefined;
  if (typeof headers !== 'object' || Array.isArray(headers)) throw invalid('ERR_INVALID_TYPE', 'Headers', 'must be an object of name: value');
  const signed = {};
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-cos-') || lower.startsWith('x-ci-') || SDK_SIGNED_HEADERS.has(lower)) signed[name] = headers[name];
  }
  return signed;
}

function methodOf(params) {
  if (params.Method === undefined) return 'GET';
  if (typeof params.Method !== 'string' || !(params.Method.toUpperCase() in ACTIONS)) {
    throw invalid('ERR_UNSUPPORTED_OPTION', 'Method', 'must be GET, HEAD or PUT in CosCompat.getObjectUrl');
  }
  return params.Method.toUpperCase();
}

function requiredText(v, field) {
  if (v === undefined || v === null || v === '') throw invalid('ERR_MISSING_FIELD', field, 'is required');
  if (typeof v !== 'string') throw invalid('ERR_INVALID_TYPE', field, 'must be a string');
}

function known(obj, allowed, what) {
  if (obj === null || typeof obj !== 'object') throw invalid('ERR_INVALID_TYPE', what, 'options must be an object');
  for (const name in obj) {
    if (!allowed.has(name) && obj[name] !== undefined) {
      throw invalid('ERR_UNSUPPORTED_OPTION', JSON.stringify(name), `is not supported by ${what} (see the README's compatibility notes)`);
    }
  }
}

function encodeKey(key) {
  return encodeURIComponent(key).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%2F/g, '/');
}

function methodFor(action) {
  return Object.keys(ACTIONS).find((m) => ACTIONS[m] === action).toLowerCase();
}

export function compatClass(createPresigner) {
  return class CosCompat {
    #options;
    #presigners = new Map();

    constructor(options = {}) {
      known(options, CONSTRUCTOR_OPTIONS, 'CosCompat');
      if (typeof options.getAuthorization !== 'function') {
        throw invalid('ERR_MISSING_FIELD', 'getAuthorization', 'is required (a function (options, callback) as in cos-js-sdk-v5)');
      }
      this.#options = options;
    }

    /** As cos-js-sdk-v5: callback(err, { Url }). Without a callback, returns a Promise of { Url }. */
    getObjectUrl(params, callback) {
      const promise = this.#getObjectUrl(params);
      if (typeof callback !== 'function') return promise;
      promise.then((data) => callback(null, data), (err) => callback(err));
      return undefined;
    }

    async #getObjectUrl(params) {
      if (params === null || typeof params !== 'object') throw invalid('ERR_INVALID_TYPE', 'params', 'must be an object');
      known(params, URL_PARAMS, 'CosCompat.getObjectUrl');
      for (const field of ['Bucket', 'Region', 'Key']) requiredText(params[field], field);
      const o = this.#options;
      for (const [field, v] of [['Protocol', params.Protocol ?? o.Protocol], ['Domain', params.Domain ?? o.Domain]]) {
        if (v !== undefined && typeof v !== 'string') throw invalid('ERR_INVALID_TYPE', field, 'must be a string');
      }
      const protocol = (params.Protocol || o.Protocol || 'https:').replace(/:$/, '');
      const accelerate = params.UseAccelerate !== undefined ? params.UseAccelerate : o.UseAccelerate;
      const domain = params.Domain || o.Domain || (accelerate ? '{Bucket}.cos.accelerate.myqcloud.com' : '');
      if (params.Sign === false) {
        // A public object: the plain URL, no credentials needed.
        const host = (domain || '{Bucket}.cos.{Region}.myqcloud.com').replace(/\{Bucket\}/gi, params.Bucket).replace(/\{Region\}/gi, params.Region);
        // As the signed path writes them: a null value is a bare name (image processing).
        const query = Object.entries(params.Query || {}).filter(([, v]) => v !== undefined)
          .map(([k, v]) => (v === null ? encodeKey(k).replace(/\//g, '%2F') : `${encodeKey(k).replace(/\//g, '%2F')}=${encodeKey(String(v)).replace(/\//g, '%2F')}`))
          .join('&');
        return { Url: `${protocol}://${host}/${encodeKey(params.Key)}${query ? '?' + query : ''}` };
      }
      const method = methodOf(params);
      const presigner = this.#presignerFor(params.Bucket, params.Region, domain, protocol);
      const url = await presigner[PRESIGN_REQUEST](params.Key, {
        method: method.toLowerCase(),
        action: ACTIONS[method],
        headers: sdkSignedHeaders(params.Headers),
        expires: params.Expires === undefined ? undefined : Number(params.Expires),
        query: params.Query,
      });
      return { Url: url };
    }

    #presignerFor(bucket, region, domain, protocol) {
      const id = [bucket, region, domain, protocol].join('\n');
      let p = this.#presigners.get(id);
      if (!p) {
        const getAuthorization = this.#options.getAuthorization;
        p = createPresigner({
          bucket, region, domain: domain || undefined, protocol,
          clockOffset: this.#options.SystemClockOffset,
          // The SDK's getAuthorization(options, callback) with its Scope list.
          credentials: (scope) => new Promise((resolve, reject) => {
            const options = {
              Bucket: bucket, Region: region, Method: methodFor(scope.action), Key: scope.keys[0] || '', Pathname: '/' + (scope.keys[0] || ''),
              Scope: [{ action: scope.action, bucket, region, prefix: scope.keys.length === 1 ? scope.keys[0] : commonPrefix(scope.keys) }],
            };
            try {
              getAuthorization.call(this, options, (data) => (data instanceof Error ? reject(data) : resolve(data)));
            } catch (e) {
              reject(e);
            }
          }),
        });
        this.#presigners.set(id, p);
      }
      return p;
    }
  };
}
