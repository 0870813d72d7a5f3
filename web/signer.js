// The synchronous signer returned by init(): checks JS types, then hands the
// whole request to the wasm core in one call. Knows nothing of HMAC.
import { invalid } from './errors.js';
import { WireWriter, checkWellFormed, bytesBound, OP_AUTHORIZATION, OP_PRESIGN_URLS } from './wire.js';
import { presignUrlV4, presignUrlsV4 } from './sigv4.js';
import { LINEAR_MEMORY } from './internal.js';

export const DEFAULT_EXPIRES = 900;

const AUTHORIZATION_OPTIONS = new Set([
  'secretId', 'secretKey', 'method', 'key', 'pathname', 'query', 'headers',
  'keyTime', 'startTime', 'endTime', 'expires',
]);
const PRESIGN_OPTIONS = new Set([
  'secretId', 'secretKey', 'sessionToken', 'bucket', 'region', 'key', 'method', 'query', 'headers',
  'keyTime', 'startTime', 'endTime', 'expires', 'protocol', 'domain',
]);

export class Signer {
  constructor(core) {
    this._wire = new WireWriter(core);
  }

  // Test hook (web/testing.js): the wasm linear memory. Non-enumerable.
  get [LINEAR_MEMORY]() {
    return this._wire.core.HEAPU8;
  }

  // Nothing to serialize: without this, JSON.stringify(signer) would dump the
  // whole wasm memory (the last response included) into a log.
  toJSON() {
    return { type: 'cos-presign Signer' };
  }

  /** The Authorization value COS takes in a header; signs every header given. */
  authorization(options) {
    const o = checkOptions(options, AUTHORIZATION_OPTIONS);
    const secretId = string(o, 'secretId');
    const secretKey = string(o, 'secretKey');
    const method = string(o, 'method', 'get');
    if ((o.key !== undefined) === (o.pathname !== undefined)) {
      throw invalid(o.key === undefined ? 'ERR_MISSING_FIELD' : 'ERR_CONFLICTING_OPTIONS', 'key',
        o.key === undefined ? 'or pathname is required' : 'and pathname cannot both be given');
    }
    const isPathname = o.pathname !== undefined;
    const path = isPathname ? string(o, 'pathname') : o.key === '' ? '' : string(o, 'key');
    const keyTime = keyTimeOf(o);
    const query = pairs(o.query, 'query');
    const headers = pairs(o.headers, 'headers');

    const w = this._wire;
    w.begin(1 + bytesBound([secretId, secretKey, method, path, keyTime]) + 1 + listBound(query) + listBound(headers));
    w.u8(OP_AUTHORIZATION);
    w.str(secretId);
    w.str(secretKey);
    w.str(method);
    w.str(path);
    w.u8(isPathname ? 1 : 0);
    w.str(keyTime);
    w.params(query);
    w.params(headers);
    return result(w.finish(), query, headers, false);
  }

  /** One pre-signed URL. */
  presignUrl(options) {
    const o = checkOptions(options, PRESIGN_OPTIONS);
    // An empty key reaches the core, which names the problem (ERR_EMPTY_KEY).
    return this._presign(o, [o.key === '' ? '' : string(o, 'key')], false)[0];
  }

  /** Many pre-signed URLs sharing every option but the key, in one pass. */
  presignUrls(common, keys) {
    const o = checkOptions(common, PRESIGN_OPTIONS);
    if (!Array.isArray(keys)) throw invalid('ERR_INVALID_TYPE', 'keys', 'must be an array of strings');
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (typeof k !== 'string') {
        throw invalid(k === undefined || k === null ? 'ERR_MISSING_FIELD' : 'ERR_INVALID_TYPE', 'key', 'must be a string', i);
      }
      checkWellFormed(k, 'key', i);
    }
    return this._presign(o, keys, true);
  }

  /** One AWS Signature V4 pre-signed URL (S3, R2, MinIO, COS's S3 API); see web/sigv4.js. */
  presignUrlV4(options) {
    return presignUrlV4(this._wire, options);
  }

  /** Many SigV4 URLs sharing every option but the key, in one pass. */
  presignUrlsV4(common, keys) {
    return presignUrlsV4(this._wire, common, keys);
  }

  _presign(o, keys, batch) {
    const secretId = string(o, 'secretId');
    const secretKey = string(o, 'secretKey');
    const sessionToken = string(o, 'sessionToken', '');
    const domain = string(o, 'domain', '');
    // A custom domain may not need bucket and region; the core decides.
    const bucket = string(o, 'bucket', domain ? '' : undefined);
    const region = string(o, 'region', domain ? '' : undefined);
    const method = string(o, 'method', 'get');
    const protocol = string(o, 'protocol', 'https');
    const keyTime = keyTimeOf(o);
    const query = pairs(o.query, 'query');
    const headers = pairs(o.headers, 'headers');

    const w = this._wire;
    const fixed = [secretId, secretKey, sessionToken, method, keyTime, bucket, region, domain, protocol];
    w.begin(1 + bytesBound(fixed) + listBound(query) + listBound(headers) + 4 + bytesBound(keys));
    w.u8(OP_PRESIGN_URLS);
    for (const s of fixed) w.str(s);
    w.params(query);
    w.params(headers);
    w.u32(keys.length);
    for (const k of keys) w.str(k);
    const text = result(w.finish(), query, headers, batch);
    const urls = text.split('\n');
    urls.pop(); // every URL is followed by '\n'
    return urls;
  }
}

function result(r, query, headers, batch) {
  if (r.ok) return r.text;
  let field = r.field;
  let index;
  if (field === 'key') {
    if (batch) index = r.index;
  } else {
    // Name the parameter (names are not secret; values are never echoed).
    const m = /^(query|header) (name|value)$/.exec(field);
    const entry = m && (m[1] === 'query' ? query : headers)[r.index];
    if (entry) field = `${m[1]} ${JSON.stringify(entry[0])} ${m[2]}`;
  }
  const err = invalid(r.code, field, r.message, index);
  err.field = r.field;
  throw err;
}

function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function checkOptions(options, allowed) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid('ERR_INVALID_TYPE', 'options', `must be an object, not ${typeName(options)}`);
  }
  for (const name in options) {
    if (!allowed.has(name) && options[name] !== undefined) {
      // A typo such as `expire` would otherwise silently mean the default.
      throw invalid('ERR_UNKNOWN_OPTION', JSON.stringify(name), 'is not an option of this call');
    }
  }
  return options;
}

// A string option. `fallback` undefined means required.
function string(o, field, fallback) {
  const v = o[field];
  if (v === undefined || v === null || v === '') {
    if (fallback !== undefined) return fallback;
    throw invalid('ERR_MISSING_FIELD', field, 'is required');
  }
  if (typeof v !== 'string') throw invalid('ERR_INVALID_TYPE', field, `must be a string, not ${typeName(v)}`);
  checkWellFormed(v, field);
  return v;
}

function unixSeconds(v, field) {
  if (typeof v !== 'number') throw invalid('ERR_INVALID_TYPE', field, `must be a number of unix seconds, not ${typeName(v)}`);
  if (!Number.isSafeInteger(v) || v < 0) {
    throw invalid('ERR_INVALID_TIME', field, 'must be a whole, non-negative number of unix seconds');
  }
  if (v >= 1e11) throw invalid('ERR_INVALID_TIME', field, 'looks like milliseconds: give unix seconds');
  return v;
}

export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

function keyTimeOf(o) {
  if (o.keyTime !== undefined) {
    if (o.startTime !== undefined || o.endTime !== undefined || o.expires !== undefined) {
      throw invalid('ERR_CONFLICTING_OPTIONS', 'keyTime', 'cannot be combined with startTime, endTime or expires');
    }
    return string(o, 'keyTime'); // the core checks its format
  }
  const start = o.startTime === undefined ? nowSeconds() : unixSeconds(o.startTime, 'startTime');
  if (o.endTime !== undefined) {
    if (o.expires !== undefined) throw invalid('ERR_CONFLICTING_OPTIONS', 'endTime', 'cannot be combined with expires');
    const end = unixSeconds(o.endTime, 'endTime');
    if (end <= start) throw invalid('ERR_TIME_ORDER', 'endTime', 'must be after startTime');
    return `${start};${end}`;
  }
  let expires = DEFAULT_EXPIRES;
  if (o.expires !== undefined) {
    expires = o.expires;
    if (typeof expires !== 'number') throw invalid('ERR_INVALID_TYPE', 'expires', `must be a number of seconds, not ${typeName(expires)}`);
    if (!Number.isSafeInteger(expires) || expires < 1) {
      throw invalid('ERR_INVALID_EXPIRES', 'expires', 'must be a whole number of seconds, at least 1');
    }
  }
  const end = start + expires;
  if (end >= 1e15) throw invalid('ERR_INVALID_EXPIRES', 'expires', 'is too far in the future');
  return `${start};${end}`;
}

// Query or header object -> [[name, value | null]]. `undefined` values are
// left out; `null` is a query parameter without a value.
function pairs(obj, field) {
  if (obj === undefined || obj === null) return [];
  if (typeof obj !== 'object' || Array.isArray(obj)) {
    throw invalid('ERR_INVALID_TYPE', field, `must be an object of name: value, not ${typeName(obj)}`);
  }
  const isQuery = field === 'query';
  const list = [];
  for (const name of Object.keys(obj)) {
    const v = obj[name];
    if (v === undefined) continue;
    const label = `${isQuery ? 'query' : 'header'} ${JSON.stringify(name)}`;
    checkWellFormed(name, `${label} name`);
    let value;
    if (typeof v === 'string') {
      checkWellFormed(v, `${label} value`);
      value = v;
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      value = String(v);
    } else if (v === null && isQuery) {
      value = null;
    } else {
      throw invalid('ERR_INVALID_VALUE', `${label} value`,
        `must be a string or a finite number${isQuery ? ', or null for a parameter without a value' : ''}, not ${typeName(v)}`);
    }
    list.push([name, value]);
  }
  return list;
}

function listBound(list) {
  let n = 4;
  for (const [name, value] of list) n += 9 + 3 * name.length + (value === null ? 0 : 3 * value.length);
  return n;
}
