// Reads a pre-signed COS URL the way a server does (decoded path, every
// query parameter) and recomputes its signature with the official
// cos-nodejs-sdk-v5 signer, independently of the code under test.
import { CosNode } from './sdk.js';

const AUTH_PARAMS = new Set([
  'q-sign-algorithm', 'q-ak', 'q-sign-time', 'q-key-time', 'q-header-list', 'q-url-param-list', 'q-signature',
  'x-cos-security-token',
]);

export function parseQuery(search) {
  const params = [];
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    params.push([decodeURIComponent(name), decodeURIComponent(value)]);
  }
  return params;
}

export function camSafeEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

// Returns { ok, reason, expected, actual, auth, query, key, host }.
export function verifyCosUrl(url, { secretKey, headers = {}, method = 'get' }) {
  const u = new URL(url);
  const params = parseQuery(u.search);
  const auth = Object.fromEntries(params.filter(([n]) => AUTH_PARAMS.has(n)));
  const query = {};
  for (const [n, v] of params) if (!AUTH_PARAMS.has(n)) query[n] = v;
  const key = decodeURIComponent(u.pathname);
  const host = u.host;

  const signedParams = auth['q-url-param-list'] ? auth['q-url-param-list'].split(';') : [];
  for (const name of Object.keys(query)) {
    if (!signedParams.includes(camSafeEncode(name).toLowerCase())) {
      return { ok: false, reason: `query parameter ${name} is not signed` };
    }
  }
  if (!(auth['q-header-list'] || '').split(';').includes('host')) return { ok: false, reason: 'host is not signed' };

  const expected = CosNode.getAuthorization({
    SecretId: auth['q-ak'],
    SecretKey: secretKey,
    Method: method,
    Pathname: key,
    Query: query,
    Headers: { ...headers, Host: host },
    KeyTime: auth['q-key-time'],
  });
  const expectedSignature = new URLSearchParams(expected).get('q-signature');
  const ok = expectedSignature === auth['q-signature'] && auth['q-sign-time'] === auth['q-key-time'];
  return { ok, reason: ok ? '' : 'signature mismatch', expected, auth, query, key, host, token: auth['x-cos-security-token'] };
}
