// The synchronous signer returned by init(): checks JS types, then hands the
// whole request to the wasm core in one call. Knows nothing of HMAC.
import { InitError, invalid } from './errors.js';
import {
  WireWriter, checkWellFormed, bytesBound, runChunked, decoder, OP_AUTHORIZATION, OP_PRESIGN_URLS_SHARED_TAIL, OP_PRESIGN_URLS_SHARED_PARTS,
  FLAG_SIGN_KEY_GIVEN, FLAG_SIGN_KEY_WANTED, SIGN_KEY_LENGTH,
} from './wire.js';
import { checkKeys, checkOptions, coreError, listBound, pairs, string, stringValue, typeName } from './options.js';
import { LINEAR_MEMORY } from './internal.js';

export const DEFAULT_EXPIRES = 900;
const SIGNATURE_LENGTH = 40; // hex HMAC-SHA1

export function sigV4NotInModule() {
  return new InitError('ERR_NOT_IN_MODULE',
    "cos-presign: SigV4 is not in the COS module this signer was loaded from: import from 'cos-presign/sigv4' (or init() it with cos-presign-core-sigv4.wasm)");
}

const AUTHORIZATION_OPTIONS = new Set([
  'secretId', 'secretKey', 'method', 'key', 'pathname', 'query', 'headers',
  'keyTime', 'startTime', 'endTime', 'expires',
]);
const PRESIGN_OPTIONS = new Set([
  'secretId', 'secretKey', 'sessionToken', 'bucket', 'region', 'key', 'method', 'query', 'headers',
  'keyTime', 'startTime', 'endTime', 'expires', 'protocol', 'domain',
]);

const NO_SIGN_KEY = Object.freeze({ secretKey: '', keyTime: '', signKey: '' });
const NO_TOKEN = Object.freeze({ token: '', part: '' });

export class Signer {
  constructor(core) {
    this._wire = new WireWriter(core);
    // The SignKey of the last single call's (secretKey, keyTime): calls in a
    // loop share both, and deriving it is a third of a call's hashing. It is
    // kept here, in JS, next to the secretKey string the app already holds,
    // never in wasm memory (which is wiped after every call); it signs only
    // for that one window, and a new secretKey or window replaces it.
    // Non-enumerable, so Object.keys, spreads and util.inspect (console.log)
    // do not show the secret and the SignKey.
    Object.defineProperty(this, '_signKeyFor', { value: NO_SIGN_KEY, writable: true, enumerable: false });
    // The last single call's session token and its percent-encoded URL part
    // ("&x-cos-security-token=..."): the token is most of a URL's bytes and
    // the same for every call with the same credentials, so a repeat sends
    // no token and appends this part instead (it is not signed). Non-enumerable too.
    Object.defineProperty(this, '_tokenFor', { value: NO_TOKEN, writable: true, enumerable: false });
  }

  /** Forgets the cached SignKey, the secretKey it came from and the cached token part (a presigner's dispose() calls it). */
  _forgetSignKey() {
    this._signKeyFor = NO_SIGN_KEY;
    this._tokenFor = NO_TOKEN;
  }

  // util.inspect / console.log in Node: nothing of the state.
  [Symbol.for('nodejs.util.inspect.custom')]() {
    return 'Signer {}';
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
    return this._presign(o, [o.key === '' ? '' : stringValue(o.key, 'key')], false);
  }

  /** Many pre-signed URLs sharing every option but the key, in one pass. */
  presignUrls(common, keys) {
    const o = checkOptions(common, PRESIGN_OPTIONS);
    if (o.key !== undefined) throw invalid('ERR_CONFLICTING_OPTIONS', 'key', 'belongs in the keys array, not in the common options');
    checkKeys(keys);
    return this._presign(o, keys, true);
  }

  // SigV4 is SigV4Signer's (web/sigv4.js), which 'cos-presign/sigv4' loads
  // with the module that has it, so COS pages download neither.
  presignUrlV4() {
    throw sigV4NotInModule();
  }

  presignUrlsV4() {
    throw sigV4NotInModule();
  }

  _presign(o, keys, batch) {
    // Named reads, once each: o[field] with a varying field is a megamorphic
    // lookup and cost a quarter of a single call's JS time.
    const { secretId: id, secretKey: secret, sessionToken: token, domain: dom, bucket: b, region: r, method: m, protocol: p } = o;
    const secretId = stringValue(id, 'secretId');
    const secretKey = stringValue(secret, 'secretKey');
    const sessionToken = stringValue(token, 'sessionToken', '');
    const domain = stringValue(dom, 'domain', '');
    // A custom domain may not need bucket and region; the core decides.
    const bucket = stringValue(b, 'bucket', domain ? '' : undefined);
    const region = stringValue(r, 'region', domain ? '' : undefined);
    const method = stringValue(m, 'method', 'get');
    const protocol = stringValue(p, 'protocol', 'https');
    const keyTime = keyTimeOf(o);
    const query = pairs(o.query, 'query');
    const headers = pairs(o.headers, 'headers');

    const w = this._wire;
    let op = batch ? OP_PRESIGN_URLS_SHARED_PARTS : OP_PRESIGN_URLS_SHARED_TAIL;
    let secretField = secretKey;
    let tokenField = sessionToken;
    let tokenPart = null;
    const cached = this._signKeyFor;
    if (!batch) {
      if (cached.secretKey === secretKey && cached.keyTime === keyTime) {
        op |= FLAG_SIGN_KEY_GIVEN;
        secretField = cached.signKey;
      } else {
        op |= FLAG_SIGN_KEY_WANTED;
      }
      if (sessionToken !== '' && this._tokenFor.token === sessionToken) {
        tokenField = ''; // checked and encoded by the core on the call that cached it
        tokenPart = this._tokenFor.part;
      }
    }
    const fixed = [secretId, secretField, tokenField, method, keyTime, bucket, region, domain, protocol];
    const headBound = 1 + bytesBound(fixed) + listBound(query) + listBound(headers);
    const writeHead = () => {
      w.u8(op);
      for (const s of fixed) w.str(s);
      w.params(query);
      w.params(headers);
    };
    if (batch) return this._presignBatch(w, headBound, writeHead, keys, query, headers);
    w.begin(headBound + 4 + bytesBound(keys));
    writeHead();
    w.u32(1);
    w.str(keys[0]);
    // "tail\nurl\n" (the last '\n' trimmed). The token is most of a URL's
    // bytes: it comes once, in the tail, and is cached with its encoding.
    const wanted = (op & FLAG_SIGN_KEY_WANTED) !== 0;
    let text = result(w.finish(1, wanted ? SIGN_KEY_LENGTH : 0), query, headers, batch);
    if (wanted) {
      this._signKeyFor = { secretKey, keyTime, signKey: text.slice(0, SIGN_KEY_LENGTH) };
      text = text.slice(SIGN_KEY_LENGTH + 1);
    }
    const nl = text.indexOf('\n');
    const tail = text.slice(0, nl);
    if (tokenPart !== null) return text.slice(nl + 1) + tokenPart + tail;
    if (tokenField !== '') {
      // The tail starts with the token's part; the next '&' (never inside
      // it: the core percent-encodes '&') starts the query parameters.
      const end = tail.indexOf('&', 1);
      this._tokenFor = { token: sessionToken, part: end < 0 ? tail : tail.slice(0, end) };
    }
    return text.slice(nl + 1) + tail;
  }

  // A batch, in chunks (web/wire.js runChunked). Each response is
  // "prefix\nmiddle\ntail\n" then "path+signature\n" per key (the last '\n'
  // trimmed): ~60 bytes per key to decode instead of ~290, and each URL is
  // joined from the shared parts (a rope, no copy). The shared parts are the
  // same in every chunk: decoded from the first only, so URLs share one tail
  // (the token and the caller's parameters, however long).
  _presignBatch(w, headBound, writeHead, keys, query, headers) {
    const urls = new Array(keys.length);
    let prefix;
    let middle;
    let tail;
    runChunked(w, headBound, writeHead, keys, 1, (r, from) => {
      if (!r.ok) throw coreError(r, query, headers, true);
      const bytes = r.bytes;
      const a = bytes.indexOf(10);
      const b = bytes.indexOf(10, a + 1);
      const c = bytes.indexOf(10, b + 1);
      if (from === 0) {
        prefix = decoder.decode(bytes.subarray(0, a));
        middle = decoder.decode(bytes.subarray(a + 1, b));
        tail = decoder.decode(bytes.subarray(b + 1, c < 0 ? bytes.length : c));
      }
      if (c < 0) return [from === 0 ? tail.length + 1 : 0, 0]; // no keys: the shared parts alone
      const text = decoder.decode(bytes.subarray(c + 1));
      let i = from;
      let start = 0;
      for (let end; (end = text.indexOf('\n', start)) >= 0; start = end + 1) {
        urls[i++] = prefix + text.slice(start, end - SIGNATURE_LENGTH) + middle + text.slice(end - SIGNATURE_LENGTH, end) + tail;
      }
      const end = text.length;
      urls[i++] = prefix + text.slice(start, end - SIGNATURE_LENGTH) + middle + text.slice(end - SIGNATURE_LENGTH, end) + tail;
      // Bytes of whole URLs, as the core counts them: each URL and its '\n', the tail once.
      return [text.length + 1 + (i - from) * (prefix.length + middle.length) + (from === 0 ? tail.length + 1 : 0), text.length + 1];
    });
    return urls;
  }
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
  const { keyTime, startTime, endTime, expires: givenExpires } = o;
  if (keyTime !== undefined) {
    if (startTime !== undefined || endTime !== undefined || givenExpires !== undefined) {
      throw invalid('ERR_CONFLICTING_OPTIONS', 'keyTime', 'cannot be combined with startTime, endTime or expires');
    }
    return stringValue(keyTime, 'keyTime'); // the core checks its format
  }
  const start = startTime === undefined ? nowSeconds() : unixSeconds(startTime, 'startTime');
  if (endTime !== undefined) {
    if (givenExpires !== undefined) throw invalid('ERR_CONFLICTING_OPTIONS', 'endTime', 'cannot be combined with expires');
    const end = unixSeconds(endTime, 'endTime');
    if (end <= start) throw invalid('ERR_TIME_ORDER', 'endTime', 'must be after startTime');
    return keyTimeString(start, end);
  }
  let expires = DEFAULT_EXPIRES;
  if (givenExpires !== undefined) {
    expires = givenExpires;
    if (typeof expires !== 'number') throw invalid('ERR_INVALID_TYPE', 'expires', `must be a number of seconds, not ${typeName(expires)}`);
    if (!Number.isSafeInteger(expires) || expires < 1) {
      throw invalid('ERR_INVALID_EXPIRES', 'expires', 'must be a whole number of seconds, at least 1');
    }
  }
  const end = start + expires;
  if (end >= 1e15) throw invalid('ERR_INVALID_EXPIRES', 'expires', 'is too far in the future');
  return keyTimeString(start, end);
}

// The response text, or the core's error thrown as an InvalidArgumentError.
function result(r, query, headers, batch) {
  if (r.ok) return r.text;
  throw coreError(r, query, headers, batch);
}

// Calls in a loop share the window (it moves once a second at most): reuse
// the last string rather than format it per URL.
let lastStart = -1;
let lastEnd = -1;
let lastKeyTime = '';
function keyTimeString(start, end) {
  if (start !== lastStart || end !== lastEnd) {
    lastStart = start;
    lastEnd = end;
    lastKeyTime = `${start};${end}`;
  }
  return lastKeyTime;
}
