// A drop-in for the download part of cos-js-sdk-v5: existing code that does
//   const cos = new COS({ getAuthorization }); cos.getObjectUrl({ Bucket, Region, Key, ... }, cb)
// can switch to `new CosCompat({ getAuthorization })` and get URLs signed by
// cos-presign (window from now, clamped to the credentials, every query
// parameter signed). Supported getObjectUrl params: Bucket, Region, Key,
// Sign, Expires, Query, Protocol, Domain, UseAccelerate. Constructor options:
// getAuthorization, Protocol, Domain, UseAccelerate, SystemClockOffset.
import { invalid } from './errors.js';
import { ACTION_GET_OBJECT } from './presigner.js';
import { commonPrefix } from './credentials.js';

const CONSTRUCTOR_OPTIONS = new Set(['getAuthorization', 'Protocol', 'Domain', 'UseAccelerate', 'SystemClockOffset']);
const URL_PARAMS = new Set(['Bucket', 'Region', 'Key', 'Sign', 'Expires', 'Query', 'Protocol', 'Domain', 'UseAccelerate']);

function known(obj, allowed, what) {
  for (const name in obj) {
    if (!allowed.has(name) && obj[name] !== undefined) {
      throw invalid('ERR_UNSUPPORTED_OPTION', JSON.stringify(name), `is not supported by ${what} (see the README's compatibility notes)`);
    }
  }
}

function encodeKey(key) {
  return encodeURIComponent(key).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%2F/g, '/');
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
      const o = this.#options;
      const protocol = (params.Protocol || o.Protocol || 'https:').replace(/:$/, '');
      const accelerate = params.UseAccelerate !== undefined ? params.UseAccelerate : o.UseAccelerate;
      const domain = params.Domain || o.Domain || (accelerate ? '{Bucket}.cos.accelerate.myqcloud.com' : '');
      if (params.Sign === false) {
        // A public object: the plain URL, no credentials needed.
        const host = (domain || '{Bucket}.cos.{Region}.myqcloud.com').replace(/\{Bucket\}/gi, params.Bucket).replace(/\{Region\}/gi, params.Region);
        const query = new URLSearchParams(params.Query || {}).toString().replace(/\+/g, '%20');
        return { Url: `${protocol}://${host}/${encodeKey(params.Key)}${query ? '?' + query : ''}` };
      }
      const presigner = this.#presignerFor(params.Bucket, params.Region, domain, protocol);
      const url = await presigner.getObjectUrl(params.Key, {
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
              Bucket: bucket, Region: region, Method: 'get', Key: scope.keys[0] || '', Pathname: '/' + (scope.keys[0] || ''),
              Scope: [{ action: ACTION_GET_OBJECT, bucket, region, prefix: scope.keys.length === 1 ? scope.keys[0] : commonPrefix(scope.keys) }],
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
