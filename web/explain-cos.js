// explainUrl for COS links: the HttpString and StringToSign built from the
// URL as COS builds them (Tencent's request-signature document), the
// signature recomputed with WebCrypto.
import { invalid } from './errors.js';
import { bucketOf, cosEncode, paramValue } from './explain-parse.js';
import { digestHex, hex, hmac } from './explain-crypto.js';
import { OTHER_METHODS, explanation, fallback, mismatch, otherHosts, problem, windowProblems } from './explain-result.js';

const AUTH_PARAMS = ['q-sign-algorithm', 'q-ak', 'q-sign-time', 'q-key-time', 'q-header-list', 'q-url-param-list', 'q-signature'];
const TOKEN_PARAM = 'x-cos-security-token';

export function isCosLink(link) {
  return link.params.some((p) => p.name === 'q-signature' || p.name === 'q-sign-algorithm' || p.name === 'q-ak');
}

function window(text, field) {
  const m = /^(\d{1,15});(\d{1,15})$/.exec(text);
  if (!m) throw invalid('ERR_NOT_PRESIGNED_URL', field, 'is not "start;end" in unix seconds');
  return [Number(m[1]), Number(m[2])];
}

function decodedName(entry) {
  try {
    return decodeURIComponent(entry);
  } catch {
    return entry;
  }
}

// HttpString = method\n/decoded-key\nparams\nheaders\n; names as listed,
// values encoded (by COS's rules, or a suspect's).
function httpString(method, path, params, headers, encode) {
  const join = (list) => list.map(([name, value]) => `${name}=${encode(value ?? '')}`).join('&');
  return `${method.toLowerCase()}\n${path}\n${join(params)}\n${join(headers)}\n`;
}

async function stringToSign(signTime, http) {
  return `sha1\n${signTime}\n${await digestHex('SHA-1', http)}\n`;
}

export async function explainCos(link, input) {
  const auth = {};
  for (const name of AUTH_PARAMS) {
    const value = paramValue(link, name);
    if (value === undefined) throw invalid('ERR_NOT_PRESIGNED_URL', name, 'is missing: this is not a complete pre-signed COS URL');
    auth[name] = value;
  }
  if (auth['q-sign-algorithm'] !== 'sha1') throw invalid('ERR_NOT_PRESIGNED_URL', 'q-sign-algorithm', 'is not sha1, the algorithm COS signs with');
  const [start, end] = window(auth['q-sign-time'], 'q-sign-time');
  window(auth['q-key-time'], 'q-key-time');
  const list = (text) => (text === '' ? [] : text.split(';'));
  const headerNames = list(auth['q-header-list']);
  const paramNames = list(auth['q-url-param-list']);

  // A parameter is signed when q-url-param-list names it (COS-encoded, lowercase).
  const carried = link.params.filter((p) => !AUTH_PARAMS.includes(p.name));
  const taken = new Set();
  const signed = paramNames.map((entry) => {
    const i = carried.findIndex((p, j) => !taken.has(j) && cosEncode(p.name).toLowerCase() === entry);
    if (i < 0) return { entry, name: decodedName(entry), value: null, missing: true };
    taken.add(i);
    return { entry, name: carried[i].name, value: carried[i].value, missing: false };
  });
  const unsigned = carried.filter((_, j) => !taken.has(j));
  const headers = headerNames.map((entry) => ({ name: entry, value: entry === 'host' ? link.host : input.header(entry, cosEncode) }));

  const paramPairs = signed.map((p) => [p.entry, p.value]);
  const headerPairs = (host) => headers.map((h) => [h.name, h.name === 'host' ? host : h.value]);
  const http = httpString(input.method, link.path, paramPairs, headerPairs(link.host), cosEncode);
  const canonical = { httpString: http, stringToSign: await stringToSign(auth['q-sign-time'], http) };

  const problems = [];
  if (auth['q-key-time'] !== auth['q-sign-time']) {
    problems.push(problem('SIGN_TIME_MISMATCH', 'q-key-time',
      'differs from q-sign-time: the SignKey is made from q-key-time and the string to sign names q-sign-time; every SDK sends the two equal, and COS expects them to be'));
  }
  problems.push(...windowProblems(start, end, input.now, 'q-sign-time', 'q-sign-time'));
  if (!headerNames.includes('host')) {
    problems.push(problem('HOST_NOT_SIGNED', 'q-header-list', 'does not name host: the signature does not tie the link to this bucket\'s host'));
  }
  if (link.rawPath.includes('+')) {
    problems.push(problem('RAW_PLUS_IN_PATH', 'key', 'the path has a raw "+", which COS reads as a space: a "+" in a key must be sent as %2B'));
  }
  for (const p of unsigned) {
    if (p.name === TOKEN_PARAM) continue;
    problems.push(problem('PARAM_NOT_SIGNED', p.name,
      'is in the URL but not in q-url-param-list: the signature does not cover it, so anyone can add or change it, and servers that check every parameter refuse the link'));
  }
  for (const p of signed) {
    if (p.missing) problems.push(problem('SIGNED_PARAM_MISSING', p.name, 'is in q-url-param-list but not in the URL: the server signs it as empty'));
  }
  for (const h of headers) {
    if (h.value === null) {
      problems.push(problem('SIGNED_HEADER_NOT_SENT', h.name,
        'is a signed header that options.headers does not give: the client must send it with the signed value (browsers cannot send some headers, e.g. Content-Disposition)'));
    }
  }

  let verified;
  if (input.secretKey !== null) {
    const signKeys = new Map();
    const sign = async ({ method = input.method, path = link.path, host = link.host, encode = cosEncode, keyTime = auth['q-key-time'], signTime = auth['q-sign-time'] } = {}) => {
      if (!signKeys.has(keyTime)) signKeys.set(keyTime, hex(await hmac('SHA-1', input.secretKey, keyTime)));
      const text = await stringToSign(signTime, httpString(method, path, paramPairs, headerPairs(host), encode));
      return hex(await hmac('SHA-1', signKeys.get(keyTime), text));
    };
    verified = (await sign()) === auth['q-signature'];
    if (!verified) problems.push(await mismatch('q-signature', auth['q-signature'], cosSuspects(link, input, auth, sign), fallback(headers)));
  }

  const where = bucketOf(link, { sigv4: false });
  return explanation({
    kind: 'cos',
    host: link.host,
    bucket: where.bucket,
    region: where.region,
    key: where.key,
    accessKeyId: auth['q-ak'],
    start,
    end,
    signedHeaders: headers,
    signedParams: signed.map((p) => ({ name: p.name, value: p.value })),
    unsignedParams: unsigned.map((p) => ({ name: p.name, value: p.value })),
    canonical,
    signature: auth['q-signature'],
    verified,
    problems,
  }, input);
}

// The inputs a COS signature most often differs in, most likely first.
function cosSuspects(link, input, auth, sign) {
  const suspects = OTHER_METHODS.filter((m) => m !== input.method).map((method) => ({
    message: `method ${method}: the link was signed for ${method}, not ${input.method} (pass the method the client uses)`,
    signature: () => sign({ method }),
  }));
  if (link.rawPath !== link.path) {
    suspects.push({
      message: `the percent-encoded path ${link.rawPath}: the signer signed the encoded path, not the decoded key COS signs`,
      signature: () => sign({ path: link.rawPath }),
    });
  }
  if (link.path.includes('+')) {
    suspects.push({
      message: 'the key with spaces where the path has a raw "+": the signer signed spaces and the URL carries "+" (send spaces as %20)',
      signature: () => sign({ path: link.path.replace(/\+/g, ' ') }),
    });
  }
  for (const host of otherHosts(link)) {
    suspects.push({ message: `host ${host}: the link was signed for another host than the URL's`, signature: () => sign({ host }) });
  }
  if (auth['q-key-time'] !== auth['q-sign-time']) {
    suspects.push({
      message: 'with q-key-time and q-sign-time swapped: the signer mixed up the two',
      signature: () => sign({ keyTime: auth['q-sign-time'], signTime: auth['q-key-time'] }),
    });
  }
  suspects.push({
    message: 'values encoded with encodeURIComponent, which leaves ! \' ( ) * as they are: COS encodes them',
    signature: () => sign({ encode: encodeURIComponent }),
  });
  return suspects;
}
