// explainUrl(url, options): what a pre-signed COS or SigV4 link grants and
// how it was signed, from the URL alone, checked with the secret when given.
// An independent verifier: plain JS on WebCrypto, sharing nothing with the
// wasm signer, so it can check every URL the signer makes.
import { invalid } from './errors.js';
import { checkOptions, pairs, stringValue, typeName } from './options.js';
import { checkWellFormed } from './wire.js';
import { parseLink } from './explain-parse.js';
import { explainCos, isCosLink } from './explain-cos.js';
import { explainSigV4, isSigV4Link } from './explain-sigv4.js';

const EXPLAIN_OPTIONS = new Set(['secretKey', 'method', 'headers', 'now', 'clockOffset']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function urlText(url) {
  if (url instanceof URL) return url.href;
  if (url === undefined || url === null || url === '') throw invalid('ERR_MISSING_FIELD', 'url', 'is required');
  if (typeof url !== 'string') throw invalid('ERR_INVALID_TYPE', 'url', `must be a string or a URL, not ${typeName(url)}`);
  checkWellFormed(url, 'url');
  return url;
}

// The headers the client will send, checked as a client would send them.
function headerList(value) {
  const list = pairs(value, 'headers');
  const seen = new Set();
  for (const [name, v] of list) {
    const label = `header ${JSON.stringify(name)}`;
    if (/[\x00-\x1f\x7f]/.test(name)) throw invalid('ERR_CONTROL_CHARACTER', `${label} name`, 'contains an ASCII control character');
    if (!TOKEN.test(name)) throw invalid('ERR_INVALID_NAME', `${label} name`, 'is not an HTTP header name');
    if (/[\x00-\x1f\x7f]/.test(v)) throw invalid('ERR_CONTROL_CHARACTER', `${label} value`, 'contains an ASCII control character');
    const lower = name.toLowerCase();
    if (lower === 'host') throw invalid('ERR_RESERVED_NAME', label, 'is the URL\'s own host: leave it out');
    if (seen.has(lower)) throw invalid('ERR_DUPLICATE_NAME', label, 'is given twice (names differ only in case)');
    seen.add(lower);
  }
  return list;
}

// The caller's clock in unix seconds: `now` (a Date or unix seconds; default
// Date.now()) plus `clockOffset` (ms, server minus caller).
function nowSeconds(o) {
  let ms;
  const { now, clockOffset } = o;
  if (now === undefined) {
    ms = Date.now();
  } else if (now instanceof Date) {
    ms = now.getTime();
    if (!Number.isFinite(ms)) throw invalid('ERR_INVALID_TIME', 'now', 'is an invalid Date');
  } else if (typeof now === 'number') {
    if (!Number.isSafeInteger(now) || now < 0) throw invalid('ERR_INVALID_TIME', 'now', 'must be a whole, non-negative number of unix seconds');
    if (now >= 1e11) throw invalid('ERR_INVALID_TIME', 'now', 'looks like milliseconds: give unix seconds or a Date');
    ms = now * 1000;
  } else {
    throw invalid('ERR_INVALID_TYPE', 'now', `must be a Date or a number of unix seconds, not ${typeName(now)}`);
  }
  if (clockOffset !== undefined) {
    if (typeof clockOffset !== 'number') throw invalid('ERR_INVALID_TYPE', 'clockOffset', `must be a number of milliseconds, not ${typeName(clockOffset)}`);
    if (!Number.isFinite(clockOffset) || Math.abs(clockOffset) > 1e13) {
      throw invalid('ERR_INVALID_VALUE', 'clockOffset', 'must be a finite number of milliseconds');
    }
    ms += clockOffset;
  }
  return Math.floor(ms / 1000);
}

function readOptions(options) {
  const o = checkOptions(options, EXPLAIN_OPTIONS);
  const secretKey = o.secretKey === undefined ? null : stringValue(o.secretKey, 'secretKey');
  const method = stringValue(o.method, 'method', 'GET');
  if (!/^[A-Za-z]+$/.test(method)) throw invalid('ERR_INVALID_METHOD', 'method', 'must be a word of letters, such as GET or PUT');
  const headers = headerList(o.headers);
  return {
    secretKey,
    method: method.toUpperCase(),
    now: nowSeconds(o),
    // The value given for the signed header `entry`, matched by `normalize(name)` lowercased; null if none.
    header(entry, normalize) {
      const found = headers.find(([name]) => normalize(name).toLowerCase() === entry);
      return found ? found[1] : null;
    },
  };
}

/**
 * Explains a pre-signed COS or SigV4 URL: see README "Explain a link".
 * Resolves to the explanation; rejects with an InvalidArgumentError for bad
 * options (ERR_*), a string that is no URL (ERR_INVALID_URL) or a URL that
 * is not pre-signed (ERR_NOT_PRESIGNED_URL).
 */
export async function explainUrl(url, options = {}) {
  const text = urlText(url);
  const input = readOptions(options);
  const link = parseLink(text);
  const cos = isCosLink(link);
  const sigv4 = isSigV4Link(link);
  if (cos && sigv4) throw invalid('ERR_NOT_PRESIGNED_URL', 'url', 'carries both a COS and a SigV4 signature');
  if (cos) return explainCos(link, input);
  if (sigv4) return explainSigV4(link, input);
  throw invalid('ERR_NOT_PRESIGNED_URL', 'url', 'carries no COS (q-signature) or SigV4 (X-Amz-Signature) signature');
}
