// The COS v5 pre-signed URL written directly on a platform's crypto, as an
// app would without this package: node:crypto (sync) and WebCrypto (async).
// Same output as ours for the bench options (checked before timing).
const HOST = (bucket, region) => `${bucket}.cos.${region}.myqcloud.com`;

// RFC 3986 unreserved stays, everything else %XX; '/' kept in paths.
function encode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
const encodePath = (key) => encode(key).replace(/%2F/g, '/');

function parts(o, key) {
  const host = HOST(o.bucket, o.region);
  const keyTime = `${o.startTime};${o.startTime + o.expires}`;
  const httpString = `get\n/${key}\n\nhost=${host}\n`;
  const tail = `&x-cos-security-token=${encode(o.sessionToken)}`;
  const head = `https://${host}/${encodePath(key)}?q-sign-algorithm=sha1&q-ak=${o.secretId}` +
    `&q-sign-time=${keyTime}&q-key-time=${keyTime}&q-header-list=host&q-url-param-list=&q-signature=`;
  return { keyTime, httpString, head, tail };
}

export function makeNodeCryptoSigner(crypto) {
  const hmac = (key, msg) => crypto.createHmac('sha1', key).update(msg).digest('hex');
  const sha1 = (msg) => crypto.createHash('sha1').update(msg).digest('hex');
  return function presignUrl(o, key) {
    const p = parts(o, key);
    const signKey = hmac(o.secretKey, p.keyTime);
    const signature = hmac(signKey, `sha1\n${p.keyTime}\n${sha1(p.httpString)}\n`);
    return p.head + signature + p.tail;
  };
}

export function makeWebCryptoSigner(subtle) {
  const enc = new TextEncoder();
  const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
  async function hmac(key, msg) {
    const k = await subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    return hex(await subtle.sign('HMAC', k, enc.encode(msg)));
  }
  return async function presignUrl(o, key) {
    const p = parts(o, key);
    const signKey = await hmac(o.secretKey, p.keyTime);
    const digest = hex(await subtle.digest('SHA-1', enc.encode(p.httpString)));
    return p.head + (await hmac(signKey, `sha1\n${p.keyTime}\n${digest}\n`)) + p.tail;
  };
}
