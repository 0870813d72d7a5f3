// The presigner's per-call options, checked and turned into what a URL
// signs: a download's query parameters (download names, versions, image
// processing), an upload's headers (Content-Type first). Values never appear
// in messages; names do.
import { invalid } from './errors.js';
import { checkWellFormed } from './wire.js';
import { typeName } from './options.js';

const DOWNLOAD_OPTIONS = new Set(['expires', 'download', 'inline', 'versionId', 'responseContentType', 'query', 'strictExpiry']);
const UPLOAD_OPTIONS = new Set(['expires', 'contentType', 'contentLength', 'headers', 'strictExpiry']);
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export function checkKnown(options, allowed, what) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid('ERR_INVALID_TYPE', what, `must be an object, not ${typeName(options)}`);
  }
  for (const name in options) {
    if (!allowed.has(name) && options[name] !== undefined) {
      throw invalid('ERR_UNKNOWN_OPTION', JSON.stringify(name), `is not an option of ${what}`);
    }
  }
}

// Timers take at most 2^31 - 1 ms; a larger delay fires at once.
const MAX_MS = 2147483647;

export function numberOption(o, field, fallback, { min = 0, integer = false, max = MAX_MS } = {}) {
  const v = o[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw invalid('ERR_INVALID_VALUE', field, `must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}`);
  }
  return v;
}

/** A boolean option, or `fallback` when absent; anything else is ERR_INVALID_TYPE (never read as truthy). */
export function booleanOption(o, field, fallback) {
  const v = o[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw invalid('ERR_INVALID_TYPE', field, `must be a boolean, not ${typeName(v)}`);
  return v;
}

export function expiresOption(o, fallback) {
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

function strictOf(options, fallback) {
  return booleanOption(options, 'strictExpiry', fallback);
}

/** A download's options -> { expires, query, headers: {}, strict }. */
export function downloadRequest(options, { defaultExpires, strictExpiry }) {
  checkKnown(options, DOWNLOAD_OPTIONS, 'this call');
  const expires = expiresOption(options, defaultExpires);
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
  return { expires, query, headers: {}, strict: strictOf(options, strictExpiry) };
}

/**
 * An upload's options -> { expires, query: {}, headers, send, strict }.
 * `headers` is what gets signed; `send` what the client must send: the same
 * without Content-Length, which browsers set from the body and refuse to be
 * given (signing it still pins the upload to that size).
 */
export function uploadRequest(options, { defaultExpires, strictExpiry }) {
  checkKnown(options, UPLOAD_OPTIONS, 'this call');
  const expires = expiresOption(options, defaultExpires);
  let contentType = DEFAULT_CONTENT_TYPE;
  if (options.contentType !== undefined) {
    if (typeof options.contentType !== 'string') {
      throw invalid('ERR_INVALID_TYPE', 'contentType', `must be a string, not ${typeName(options.contentType)}`);
    }
    if (options.contentType === '') {
      // fetch(url, { body: blob }) sends no type for '' but XHR/fetch with a string body send text/plain: name one.
      throw invalid('ERR_MISSING_FIELD', 'contentType', 'must not be empty (leave it out for application/octet-stream)');
    }
    contentType = options.contentType;
  }
  const send = { 'Content-Type': contentType };
  const signed = { 'Content-Type': contentType };
  if (options.contentLength !== undefined) {
    const n = options.contentLength;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      throw invalid(typeof n === 'number' ? 'ERR_INVALID_VALUE' : 'ERR_INVALID_TYPE', 'contentLength', 'must be a whole number of bytes, at least 0');
    }
    signed['Content-Length'] = String(n);
  }
  if (options.headers !== undefined && options.headers !== null) {
    const h = options.headers;
    if (typeof h !== 'object' || Array.isArray(h)) {
      throw invalid('ERR_INVALID_TYPE', 'headers', `must be an object of name: value, not ${typeName(h)}`);
    }
    for (const name of Object.keys(h)) {
      if (h[name] === undefined) continue;
      const lower = name.toLowerCase();
      if (lower === 'content-type') throw invalid('ERR_CONFLICTING_OPTIONS', 'header "Content-Type"', 'is given by the contentType option');
      if (lower === 'content-length') throw invalid('ERR_CONFLICTING_OPTIONS', 'header "Content-Length"', 'is given by the contentLength option');
      // The value's checks (type, control characters, spaces) are the signer's, as for every header.
      send[name] = typeof h[name] === 'number' ? String(h[name]) : h[name];
      signed[name] = h[name];
    }
  }
  return { expires, query: {}, headers: signed, send, strict: strictOf(options, strictExpiry) };
}
