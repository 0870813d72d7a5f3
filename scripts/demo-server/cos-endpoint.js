// A COS-compatible object endpoint for one local bucket: answers pre-signed
// GETs and PUTs the way COS does (PUT bodies: cos-upload.js). The signature
// is recomputed with the official cos-nodejs-sdk-v5 signer
// (COS.getAuthorization), not with cos-presign, so the check is independent
// of the code it checks.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { checkUploadHeaders, DEFAULT_MAX_UPLOAD_BYTES, receiveUpload, UploadRefusal } from './cos-upload.js';

const require = createRequire(import.meta.url);
const COS = require('cos-nodejs-sdk-v5');

const AUTH_PARAMS = ['q-sign-algorithm', 'q-ak', 'q-sign-time', 'q-key-time', 'q-header-list', 'q-url-param-list', 'q-signature'];
const TOKEN_PARAM = 'x-cos-security-token';
const MAX_URL_LENGTH = 8192;
const MAX_QUERY_PARAMS = 64;

// Query parameters that override response headers, as on COS.
const RESPONSE_OVERRIDES = {
  'response-content-type': 'Content-Type',
  'response-content-disposition': 'Content-Disposition',
  'response-content-language': 'Content-Language',
  'response-content-encoding': 'Content-Encoding',
  'response-cache-control': 'Cache-Control',
  'response-expires': 'Expires',
};

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Content-Disposition, Content-Type, ETag, Date, x-cos-request-id',
};
// The bucket's CORS rule: any origin, these methods, any header asked for.
const CORS_METHODS = ['GET', 'HEAD', 'PUT'];
// The CAM action a request needs, per method.
const ACTION_FOR_METHOD = { GET: 'name/cos:GetObject', HEAD: 'name/cos:GetObject', PUT: 'name/cos:PutObject' };
const MAX_CONCURRENT_UPLOADS = 128;
const MAX_INDEXED_OBJECTS = 20000;

const MESSAGES = {
  AccessDenied: 'Access Denied.',
  Expired: 'Request has expired',
  InvalidAccessKeyId: 'The access key Id format you provided is invalid.',
  InvalidToken: 'The provided token is malformed or otherwise invalid.',
  ExpiredToken: 'The provided token has expired.',
  SignatureDoesNotMatch: 'The Signature you specified is invalid.',
  RequestTimeTooSkewed: 'The difference between the request time and the server\'s time is too large.',
  NoSuchKey: 'The specified key does not exist.',
  NoSuchBucket: 'The specified bucket does not exist.',
  InvalidURI: 'Couldn\'t parse the specified URI.',
  RequestURITooLong: 'The request URI is too long.',
  MethodNotAllowed: 'The specified method is not allowed against this resource.',
  InvalidArgument: 'Invalid argument.',
  InvalidRange: 'The requested range is not satisfiable.',
  InternalError: 'We encountered an internal error. Please try again.',
  SlowDown: 'Please reduce your request rate.',
  AccessForbidden: 'CORSResponse: This CORS request is not allowed. This is usually because the evaluation of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource\'s CORS spec.',
};

function xmlEscape(s) {
  return String(s).replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function camSafeEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

class CosError extends Error {
  constructor(status, code, message = MESSAGES[code]) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
const deny = (code, message) => new CosError(403, code, message);

function decode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new CosError(400, 'InvalidURI');
  }
}

/** Splits a raw request target into the decoded key and query, as COS reads them. */
export function parseTarget(target) {
  if (target.length > MAX_URL_LENGTH) throw new CosError(414, 'RequestURITooLong');
  if (!target.startsWith('/')) throw new CosError(400, 'InvalidURI');
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const key = decode(rawPath).slice(1);
  const query = new Map();
  if (q >= 0) {
    for (const part of target.slice(q + 1).split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = decode(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decode(part.slice(eq + 1));
      if (query.has(name)) throw new CosError(400, 'InvalidArgument', `Query parameter ${name} is given more than once.`);
      query.set(name, value);
      if (query.size > MAX_QUERY_PARAMS) throw new CosError(400, 'InvalidArgument', 'Too many query parameters.');
    }
  }
  return { rawPath, key, query };
}

function sameText(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function listOf(value) {
  return value ? value.split(';') : [];
}

function sameSet(a, b) {
  return a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));
}

/**
 * Checks a pre-signed request. Returns the credential record; throws CosError.
 * Order as on COS: authentication (key id, token, time, signature), then
 * permission (the credential's prefix).
 */
export function checkPresigned({ method, key, query, headers, sts, nowSeconds }) {
  const auth = {};
  for (const name of AUTH_PARAMS) auth[name] = query.get(name);
  const token = query.get(TOKEN_PARAM);
  if (auth['q-signature'] === undefined && auth['q-ak'] === undefined) throw deny('AccessDenied'); // anonymous, private bucket
  for (const name of AUTH_PARAMS) {
    if (auth[name] === undefined) throw deny('AccessDenied', `Missing ${name} in the signature.`);
  }
  if (auth['q-sign-algorithm'] !== 'sha1') throw deny('AccessDenied', 'q-sign-algorithm must be sha1.');

  const credential = sts.lookup(auth['q-ak']);
  if (!credential) throw deny('InvalidAccessKeyId');
  if (token === undefined || !sameText(token, credential.sessionToken)) throw deny('InvalidToken');
  if (credential.expiredTime <= nowSeconds) throw deny('InvalidToken', MESSAGES.ExpiredToken);

  const m = /^(\d{1,12});(\d{1,12})$/.exec(auth['q-sign-time']);
  if (!m || Number(m[1]) > Number(m[2])) throw deny('AccessDenied', 'q-sign-time is not "start;end" in unix seconds.');
  if (auth['q-key-time'] !== auth['q-sign-time']) throw deny('SignatureDoesNotMatch', 'q-key-time differs from q-sign-time.');
  if (Number(m[1]) > nowSeconds) throw deny('RequestTimeTooSkewed');
  if (Number(m[2]) < nowSeconds) throw deny('AccessDenied', MESSAGES.Expired);

  // Every parameter the request carries must be signed; the signed ones are
  // all that is signed. (In a URL the list values were decoded once above.)
  const signedParams = listOf(auth['q-url-param-list']);
  const params = {};
  for (const [name, value] of query) {
    if (AUTH_PARAMS.includes(name) || name === TOKEN_PARAM) continue;
    if (!signedParams.includes(camSafeEncode(name).toLowerCase())) {
      throw deny('SignatureDoesNotMatch', `Query parameter ${name} is not signed.`);
    }
    params[name] = value;
  }
  const signedHeaderNames = listOf(auth['q-header-list']);
  if (!signedHeaderNames.includes('host')) throw deny('SignatureDoesNotMatch', 'The host header must be signed.');
  const signedHeaders = {};
  for (const encoded of signedHeaderNames) {
    const name = decode(encoded);
    if (headers[name] === undefined) throw deny('SignatureDoesNotMatch', `Signed header ${name} is not in the request.`);
    signedHeaders[name] = headers[name];
  }

  const expected = new URLSearchParams(COS.getAuthorization({
    SecretId: auth['q-ak'],
    SecretKey: credential.secretKey,
    Method: method.toLowerCase(),
    Pathname: `/${key}`,
    Query: params,
    Headers: signedHeaders,
    KeyTime: auth['q-key-time'],
  }));
  if (!sameSet(listOf(expected.get('q-url-param-list')), signedParams)) {
    throw deny('SignatureDoesNotMatch', 'q-url-param-list does not name the parameters of the request.');
  }
  if (!sameSet(listOf(expected.get('q-header-list')), signedHeaderNames)) {
    throw deny('SignatureDoesNotMatch', 'q-header-list names headers this endpoint cannot check.');
  }
  if (!sameText(expected.get('q-signature'), auth['q-signature'])) throw deny('SignatureDoesNotMatch');

  // Permission: the credentials' action and prefix.
  if (credential.action !== ACTION_FOR_METHOD[method] || !credential.prefixes.some((p) => key.startsWith(p))) throw deny('AccessDenied');
  return credential;
}

function parseRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // not one simple range: whole object
  let start;
  let end;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) throw new CosError(416, 'InvalidRange');
  return { start, end };
}

/**
 * options: { bucket, region, index (Map key -> entry), bucketDir (where uploads go),
 *   sts, now () => ms, log, maxUploadBytes (default 10 MiB) }
 * Returns an http request handler.
 */
export function createCosEndpoint({ bucket, region, index, bucketDir, sts, now = Date.now, log = () => {}, maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES }) {
  const ownVirtualHost = `${bucket}.cos.${region}.localhost`;
  let uploading = 0;

  return async function handle(req, res) {
    const requestId = randomBytes(12).toString('hex');
    const target = req.url || '/';
    const host = String(req.headers.host || '');
    const resource = `${host}${target.split('?')[0]}`.slice(0, 1024);
    const send = (status, headers, body) => {
      res.writeHead(status, { ...CORS_HEADERS, 'x-cos-request-id': requestId, ...headers });
      res.end(body);
    };
    const sendError = (e) => {
      const body = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>${e.code}</Code>\n\t<Message>${xmlEscape(e.message)}</Message>\n`
        + `\t<Resource>${xmlEscape(resource)}</Resource>\n\t<RequestId>${requestId}</RequestId>\n\t<TraceId>${requestId}</TraceId>\n</Error>\n`;
      send(e.status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) }, req.method === 'HEAD' ? undefined : body);
      log(`${req.method} object ${e.status} ${e.code}`);
    };

    try {
      if (req.method === 'OPTIONS') {
        // CORS preflight, as a bucket whose rule allows any origin, GET/HEAD/PUT and any header.
        const method = String(req.headers['access-control-request-method'] || '');
        if (!CORS_METHODS.includes(method)) throw new CosError(403, 'AccessForbidden');
        const asked = String(req.headers['access-control-request-headers'] || '');
        send(200, {
          'Access-Control-Allow-Methods': CORS_METHODS.join(', '),
          'Access-Control-Allow-Headers': /^[\w\-, ]{0,512}$/.test(asked) ? asked : '',
          'Access-Control-Max-Age': '600',
          'Content-Length': 0,
        });
        return;
      }
      if (!Object.hasOwn(ACTION_FOR_METHOD, req.method)) throw new CosError(405, 'MethodNotAllowed');
      const hostname = host.replace(/:\d+$/, '').toLowerCase();
      if (hostname.endsWith('.localhost') && hostname !== ownVirtualHost) throw new CosError(404, 'NoSuchBucket');

      const { key, query } = parseTarget(target);
      const nowSeconds = Math.floor(now() / 1000);
      checkPresigned({ method: req.method, key, query, headers: req.headers, sts, nowSeconds });
      if (req.method === 'PUT') {
        await put(req, res, key, Number(query.get('q-sign-time').split(';')[1]));
        log(`PUT object 200 ${index.get(key).size} bytes`);
        send(200, { ETag: index.get(key).etag, 'Content-Length': 0 });
        return;
      }

      const entry = index.get(key);
      if (!entry) throw new CosError(404, 'NoSuchKey');
      let file;
      try {
        file = await open(entry.path, constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch {
        throw new CosError(404, 'NoSuchKey');
      }
      const headers = {
        'Content-Type': entry.contentType,
        'Last-Modified': entry.mtime.toUTCString(),
        ETag: entry.etag,
        'Accept-Ranges': 'bytes',
        ...entry.meta,
      };
      for (const [name, value] of query) {
        const header = RESPONSE_OVERRIDES[name.toLowerCase()];
        if (header) headers[header] = value;
      }
      let range = null;
      try {
        if (req.headers.range) range = parseRange(String(req.headers.range), entry.size);
        let status = 200;
        if (range) {
          status = 206;
          headers['Content-Range'] = `bytes ${range.start}-${range.end}/${entry.size}`;
        }
        headers['Content-Length'] = range ? range.end - range.start + 1 : entry.size;
        try {
          res.writeHead(status, { ...CORS_HEADERS, 'x-cos-request-id': requestId, ...headers });
        } catch {
          throw new CosError(400, 'InvalidArgument', 'A response-* parameter holds a value that cannot be a header.');
        }
      } catch (e) {
        await file.close();
        throw e;
      }
      log(`${req.method} object ${res.statusCode}`);
      if (req.method === 'HEAD' || entry.size === 0) {
        await file.close();
        res.end();
        return;
      }
      const stream = file.createReadStream(range || {});
      stream.on('error', () => res.destroy());
      res.on('close', () => stream.destroy());
      stream.pipe(res);
    } catch (e) {
      if (res.headersSent || !res.socket || res.socket.destroyed) {
        res.destroy();
        return;
      }
      // A refused upload's body is not read: close the connection rather than drain it.
      if (req.method === 'PUT' && !req.complete) res.setHeader('Connection', 'close');
      const known = e instanceof CosError ? e : e instanceof UploadRefusal ? new CosError(e.status, e.code, e.message) : null;
      sendError(known || new CosError(500, 'InternalError'));
      if (!known) log(`object endpoint error: ${e && e.stack}`);
    }
  };

  // The body, streamed to a file and renamed into place (cos-upload.js); checked before a byte is read.
  async function put(req, res, key, endSeconds) {
    const expected = checkUploadHeaders(req.headers, maxUploadBytes);
    if (uploading >= MAX_CONCURRENT_UPLOADS) throw new CosError(503, 'SlowDown');
    if (!index.has(key) && index.size >= MAX_INDEXED_OBJECTS) throw new CosError(400, 'InvalidArgument', 'The local bucket is full.');
    if (/^100-continue$/i.test(String(req.headers.expect || ''))) res.writeContinue();
    uploading++;
    try {
      const entry = await receiveUpload(req, { bucketDir, key, expected, deadlineMs: endSeconds * 1000, now });
      index.set(key, entry);
    } finally {
      uploading--;
    }
  }
}
