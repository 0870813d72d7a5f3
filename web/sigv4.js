// AWS Signature V4 pre-signed URLs (S3, COS's S3 API, Cloudflare R2, MinIO):
// checks JS types, then hands the whole request to the wasm core (op 3 of
// src/core/request_codec.h), which validates the bytes and signs.
import { invalid } from './errors.js';
import { MAX_V4_EXPIRES, expiresTooLongForV4 } from './signature-kinds.js';
import { Signer, sigV4NotInModule } from './signer.js';
import { bytesBound, checkWellFormed, decoder, runChunked } from './wire.js';
import { checkKeys, checkOptions, coreError, listBound, pairs, string, typeName } from './options.js';

export const OP_PRESIGN_V4_URLS = 3;
export const DEFAULT_V4_EXPIRES = 900;

const COMMON_OPTIONS = [
  'accessKeyId', 'secretAccessKey', 'sessionToken', 'region', 'service', 'endpoint', 'bucket',
  'method', 'query', 'headers', 'expires', 'date', 'pathStyle',
];
const SINGLE_OPTIONS = new Set([...COMMON_OPTIONS, 'key']);
// In a batch the keys come as the second argument; a `key` here would be ignored.
const BATCH_OPTIONS = new Set(COMMON_OPTIONS);

/** The signer 'cos-presign/sigv4' gives: COS, and SigV4 (S3, R2, MinIO, COS's S3 API). */
export class SigV4Signer extends Signer {
  /** One AWS Signature V4 pre-signed URL. */
  presignUrlV4(options) {
    return presignUrlV4(this._wire, options);
  }

  /** Many SigV4 URLs sharing every option but the key, in one pass. */
  presignUrlsV4(common, keys) {
    return presignUrlsV4(this._wire, common, keys);
  }
}

/** One URL: `options.key` is the object key. */
function presignUrlV4(wire, options) {
  const o = checkOptions(options, SINGLE_OPTIONS);
  // An empty key reaches the core, which names the problem (ERR_EMPTY_KEY), as for COS and batches.
  return presign(wire, o, [o.key === '' ? '' : string(o, 'key')], false)[0];
}

/** One URL per key, sharing every other option. */
function presignUrlsV4(wire, common, keys) {
  const o = checkOptions(common, BATCH_OPTIONS);
  checkKeys(keys);
  return presign(wire, o, keys, true);
}

function presign(w, o, keys, batch) {
  if (!w.supports(OP_PRESIGN_V4_URLS)) throw sigV4NotInModule(); // the COS wasm given to this entry
  const accessKeyId = string(o, 'accessKeyId');
  const secretAccessKey = string(o, 'secretAccessKey');
  const sessionToken = string(o, 'sessionToken', '');
  const region = string(o, 'region');
  const service = string(o, 'service', 's3');
  const endpoint = string(o, 'endpoint', '');
  // With an endpoint that already names the bucket, no bucket is needed; the core decides.
  const bucket = string(o, 'bucket', endpoint ? '' : undefined);
  const method = string(o, 'method', 'GET');
  const date = String(dateSeconds(o.date));
  const expires = String(expiresOf(o.expires));
  const pathStyle = pathStyleOf(o.pathStyle);
  const query = pairs(o.query, 'query');
  const headers = pairs(o.headers, 'headers');

  const fixed = [accessKeyId, secretAccessKey, sessionToken, region, service, endpoint, bucket, method, date, expires];
  const writeHead = () => {
    w.u8(OP_PRESIGN_V4_URLS);
    for (const s of fixed) w.str(s);
    w.u8(pathStyle);
    w.params(query);
    w.params(headers);
  };
  // Every URL is followed by '\n' (the last one trimmed); a big batch goes in chunks.
  const urls = [];
  runChunked(w, 1 + bytesBound(fixed) + 1 + listBound(query) + listBound(headers), writeHead, keys, 1, (r) => {
    if (!r.ok) throw coreError(r, query, headers, batch);
    if (r.bytes.length === 0) return [0, 0];
    const text = decoder.decode(r.bytes);
    for (const url of text.split('\n')) urls.push(url);
    return [text.length + 1, text.length + 1];
  });
  return urls;
}

// X-Amz-Date as unix seconds: a Date, or a number of unix seconds; default now.
function dateSeconds(v) {
  if (v === undefined) return Math.floor(Date.now() / 1000);
  if (v instanceof Date) {
    const ms = v.getTime();
    if (!Number.isFinite(ms) || ms < 0) throw invalid('ERR_INVALID_TIME', 'date', 'is an invalid Date or before 1970');
    return Math.floor(ms / 1000);
  }
  if (typeof v !== 'number') {
    throw invalid('ERR_INVALID_TYPE', 'date', `must be a Date or a number of unix seconds, not ${typeName(v)}`);
  }
  if (!Number.isSafeInteger(v) || v < 0) {
    throw invalid('ERR_INVALID_TIME', 'date', 'must be a whole, non-negative number of unix seconds');
  }
  if (v >= 1e11) throw invalid('ERR_INVALID_TIME', 'date', 'looks like milliseconds: give unix seconds or a Date');
  return v;
}

function expiresOf(v) {
  if (v === undefined) return DEFAULT_V4_EXPIRES;
  if (typeof v !== 'number') throw invalid('ERR_INVALID_TYPE', 'expires', `must be a number of seconds, not ${typeName(v)}`);
  if (!Number.isSafeInteger(v) || v < 1) {
    throw invalid('ERR_INVALID_EXPIRES', 'expires', 'must be a whole number of seconds, at least 1');
  }
  if (v > MAX_V4_EXPIRES) throw expiresTooLongForV4();
  return v;
}

// Wire value: 0 auto, 1 path style, 2 virtual-hosted.
function pathStyleOf(v) {
  if (v === undefined) return 0;
  if (typeof v !== 'boolean') throw invalid('ERR_INVALID_TYPE', 'pathStyle', `must be a boolean, not ${typeName(v)}`);
  return v ? 1 : 2;
}
