// Helpers for testing the demo server: raw HTTP requests on loopback, and
// pre-signed request targets made with the official cos-nodejs-sdk-v5
// (independent of cos-presign), including ones our signer would refuse.
import { request } from 'node:http';
import { connect } from 'node:net';
import { CosNode } from './sdk.js';
import { camSafeEncode } from './cos-url.js';

/** One request to 127.0.0.1:port with the target sent exactly as given. */
export function rawRequest(port, { method = 'GET', path = '/', headers = {}, timeout = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false, insecureHTTPParser: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.setTimeout(timeout, () => req.destroy(new Error(`no answer within ${timeout} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Writes bytes on a fresh socket and returns whatever comes back before the server closes it. */
export function rawSocket(port, bytes, { timeout = 8000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks = [];
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`socket still open after ${timeout} ms`)); }, timeout);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => { clearTimeout(timer); resolve(Buffer.concat(chunks).toString('latin1')); });
    socket.write(bytes);
  });
}

export function cosErrorCode(text) {
  const m = /<Code>([^<]*)<\/Code>/.exec(text);
  return m ? m[1] : null;
}

/**
 * A pre-signed request target for `key` signed with the official SDK.
 * rawPath: the path as sent (default: the key, each segment encoded).
 */
export function sdkSignedTarget({ credentials, key, host, rawPath, query = {}, keyTime, tokenOverride, extra = '' }) {
  const now = Math.floor(Date.now() / 1000);
  const auth = CosNode.getAuthorization({
    SecretId: credentials.tmpSecretId,
    SecretKey: credentials.tmpSecretKey,
    Method: 'get',
    Pathname: `/${key}`,
    Query: query,
    Headers: { host },
    KeyTime: keyTime || `${now - 1};${now + 300}`,
  });
  const path = rawPath ?? `/${key.split('/').map(camSafeEncode).join('/')}`;
  const qs = Object.entries(query).map(([n, v]) => `${camSafeEncode(n)}=${camSafeEncode(v)}`).join('&');
  const token = tokenOverride ?? credentials.sessionToken;
  return `${path}?${auth}&x-cos-security-token=${encodeURIComponent(token)}${qs ? `&${qs}` : ''}${extra}`;
}
