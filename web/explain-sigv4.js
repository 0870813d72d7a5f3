// explainUrl for AWS Signature V4 links (S3, COS's S3 API, R2, MinIO): the
// canonical request and string to sign built from the URL as S3 builds them
// (AWS's query-string authentication document, UNSIGNED-PAYLOAD), the
// signature recomputed with WebCrypto.
import { invalid } from './errors.js';
import { MAX_V4_EXPIRES } from './signature-kinds.js';
import { awsEncode, bucketOf, paramValue } from './explain-parse.js';
import { digestHex, hex, hmac } from './explain-crypto.js';
import { OTHER_METHODS, explanation, fallback, mismatch, otherHosts, problem, windowProblems } from './explain-result.js';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const REQUIRED = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function isSigV4Link(link) {
  return link.params.some((p) => p.name === 'X-Amz-Signature' || p.name === 'X-Amz-Algorithm' || p.name === 'X-Amz-Credential');
}

function amzDateSeconds(text) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  const ms = m && Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  // Date.UTC rolls 20130231 over to March: a date that does not round-trip is not one.
  if (!m || new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '') !== text) {
    throw invalid('ERR_NOT_PRESIGNED_URL', 'X-Amz-Date', 'is not a UTC time like 20130524T000000Z');
  }
  return ms / 1000;
}

// Header values as S3 canonicalizes them: trimmed, inner runs of spaces as one.
const canonicalValue = (v) => v.trim().replace(/\s+/g, ' ');

function canonicalRequest({ method, uri, query, headers, signedHeaders, payload }) {
  const lines = headers.map(([name, value]) => `${name}:${canonicalValue(value ?? '')}\n`).join('');
  return `${method}\n${uri}\n${query}\n${lines}\n${signedHeaders}\n${payload}`;
}

function canonicalQuery(params) {
  return params.map((p) => `${awsEncode(p.name)}=${awsEncode(p.value ?? '')}`).join('&');
}

export async function explainSigV4(link, input) {
  const auth = {};
  for (const name of REQUIRED) {
    const value = paramValue(link, name);
    if (value === undefined) throw invalid('ERR_NOT_PRESIGNED_URL', name, 'is missing: this is not a complete SigV4 pre-signed URL');
    auth[name] = value;
  }
  if (auth['X-Amz-Algorithm'] !== ALGORITHM) throw invalid('ERR_NOT_PRESIGNED_URL', 'X-Amz-Algorithm', `is not ${ALGORITHM}`);
  const credential = auth['X-Amz-Credential'].split('/');
  if (credential.length !== 5 || credential[4] !== 'aws4_request' || credential.some((part) => part === '')) {
    throw invalid('ERR_NOT_PRESIGNED_URL', 'X-Amz-Credential', 'is not "keyId/date/region/service/aws4_request"');
  }
  const [accessKeyId, scopeDate, region, service] = credential;
  const scope = credential.slice(1).join('/');
  const amzDate = auth['X-Amz-Date'];
  const start = amzDateSeconds(amzDate);
  if (!/^\d{1,15}$/.test(auth['X-Amz-Expires'])) throw invalid('ERR_NOT_PRESIGNED_URL', 'X-Amz-Expires', 'is not a whole number of seconds');
  const expires = Number(auth['X-Amz-Expires']);
  const end = start + expires;
  const headerNames = auth['X-Amz-SignedHeaders'] === '' ? [] : auth['X-Amz-SignedHeaders'].split(';');

  // Every parameter but the signature is signed, sorted by encoded name, then value.
  const key = (p) => [awsEncode(p.name), awsEncode(p.value ?? '')];
  const signed = link.params.filter((p) => p.name !== 'X-Amz-Signature').sort((a, b) => {
    const [an, av] = key(a);
    const [bn, bv] = key(b);
    return an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0;
  });
  const headers = headerNames.map((name) => ({ name, value: name === 'host' ? link.host : input.header(name, (n) => n) }));
  const uri = link.path.split('/').map((segment) => awsEncode(segment)).join('/');
  const request = {
    method: input.method,
    uri,
    query: canonicalQuery(signed),
    headers: headers.map((h) => [h.name, h.value]),
    signedHeaders: auth['X-Amz-SignedHeaders'],
    payload: UNSIGNED_PAYLOAD,
  };
  const canonicalText = canonicalRequest(request);
  const stringToSign = async (text) => `${ALGORITHM}\n${amzDate}\n${scope}\n${await digestHex('SHA-256', text)}`;
  const canonical = { canonicalRequest: canonicalText, stringToSign: await stringToSign(canonicalText), credentialScope: scope };

  const problems = [];
  if (scopeDate !== amzDate.slice(0, 8)) {
    problems.push(problem('SCOPE_DATE_MISMATCH', 'X-Amz-Credential', `names the date ${scopeDate}, not the day of X-Amz-Date (${amzDate.slice(0, 8)}): S3 refuses the link`));
  }
  if (expires > MAX_V4_EXPIRES) {
    problems.push(problem('EXPIRES_TOO_LONG', 'X-Amz-Expires', 'is over 604800 seconds (7 days): S3 refuses the link'));
  }
  problems.push(...windowProblems(start, end, input.now, 'X-Amz-Date', 'X-Amz-Expires'));
  if (!headerNames.includes('host')) {
    problems.push(problem('HOST_NOT_SIGNED', 'X-Amz-SignedHeaders', 'does not name host: S3 refuses a signature that does not cover the host'));
  }
  if (link.rawPath.includes('+')) {
    problems.push(problem('RAW_PLUS_IN_PATH', 'key', 'the path has a raw "+", which S3 reads as a space: a "+" in a key must be sent as %2B'));
  }
  for (const h of headers) {
    if (h.value === null) {
      problems.push(problem('SIGNED_HEADER_NOT_SENT', h.name,
        'is a signed header that options.headers does not give: the client must send it with the signed value'));
    }
  }

  let verified;
  if (input.secretKey !== null) {
    let signingKey;
    const sign = async (changes = {}) => {
      if (!signingKey) {
        let k = await hmac('SHA-256', `AWS4${input.secretKey}`, scopeDate);
        for (const part of [region, service, 'aws4_request']) k = await hmac('SHA-256', k, part);
        signingKey = k;
      }
      const text = canonicalRequest({ ...request, ...changes });
      return hex(await hmac('SHA-256', signingKey, await stringToSign(text)));
    };
    verified = (await sign()) === auth['X-Amz-Signature'];
    if (!verified) {
      problems.push(await mismatch('X-Amz-Signature', auth['X-Amz-Signature'], sigV4Suspects(link, input, request, signed, sign), fallback(headers)));
    }
  }

  const where = bucketOf(link, { sigv4: true });
  return explanation({
    kind: 'sigv4',
    host: link.host,
    bucket: where.bucket,
    region,
    key: where.key,
    accessKeyId,
    start,
    end,
    signedHeaders: headers,
    signedParams: signed.map((p) => ({ name: p.name, value: p.value })),
    unsignedParams: [],
    canonical,
    signature: auth['X-Amz-Signature'],
    verified,
    problems,
  }, input);
}

// The inputs a SigV4 signature most often differs in, most likely first.
function sigV4Suspects(link, input, request, signed, sign) {
  const suspects = OTHER_METHODS.filter((m) => m !== input.method).map((method) => ({
    message: `method ${method}: the link was signed for ${method}, not ${input.method} (pass the method the client uses)`,
    signature: () => sign({ method }),
  }));
  suspects.push({
    message: 'the SHA-256 of an empty body as the payload hash: a pre-signed URL signs UNSIGNED-PAYLOAD',
    signature: () => sign({ payload: EMPTY_BODY_SHA256 }),
  });
  if (signed.some((p) => p.name === 'X-Amz-Security-Token')) {
    suspects.push({
      message: 'the query without X-Amz-Security-Token: the token was added after signing, and S3 needs it signed',
      signature: () => sign({ query: canonicalQuery(signed.filter((p) => p.name !== 'X-Amz-Security-Token')) }),
    });
  }
  if (link.rawPath !== request.uri) {
    suspects.push({
      message: `the path as the URL spells it (${link.rawPath}): the signer did not encode the key the way S3 does`,
      signature: () => sign({ uri: link.rawPath }),
    });
  }
  suspects.push({
    message: 'the path encoded twice: S3 paths are encoded once (other AWS services encode twice)',
    signature: () => sign({ uri: request.uri.split('/').map((s) => awsEncode(s)).join('/') }),
  });
  for (const host of otherHosts(link)) {
    suspects.push({
      message: `host ${host}: the link was signed for another host than the URL's`,
      signature: () => sign({ headers: request.headers.map(([n, v]) => [n, n === 'host' ? host : v]) }),
    });
  }
  return suspects;
}
