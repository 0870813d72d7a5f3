// Differential tests of presignUrlV4 against the official AWS SDK v3
// (@aws-sdk/s3-request-presigner + @aws-sdk/client-s3) over generated keys,
// parameters, headers, credentials and dates (fixed seed).
//
// The SDK is set to WHEN_REQUIRED for both checksum options so that it adds
// no checksum parameters. Two parameters it still adds to every pre-signed
// GetObject are given to our signer as ordinary caller parameters, so both
// sign the same request: `X-Amz-Content-Sha256=UNSIGNED-PAYLOAD` (hoisted from
// its S3 presigner) and `x-id=GetObject` (its operation marker). We add neither
// by ourselves.
//
// Comparison: scheme, host and path exactly; the query as the exact multiset
// of its encoded `name=value` parts. The one normalisation is order: the SDK
// sorts X-Amz-Signature in with the rest, we put it last, as AWS's
// documentation prints it (signed order is the same: the query is sorted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { init } from 'cos-presign/sigv4';
import * as arb from './helpers/arbitraries.js';
import { camSafeEncode } from './helpers/cos-url.js';

const require = createRequire(import.meta.url);
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl, S3RequestPresigner } = require('@aws-sdk/s3-request-presigner');

const SEED = 20261207;
const RUNS = Number(process.env.DIFF_RUNS || 2000);

// SDK configurations and the same target in our options. `auto` means we
// leave pathStyle out and rely on our default.
const TARGETS = [
  { name: 'AWS virtual-hosted', sdk: {}, ours: { pathStyle: false }, regions: ['us-east-1', 'us-west-2', 'eu-central-1', 'ap-northeast-1'] },
  { name: 'AWS default', sdk: {}, ours: {}, regions: ['eu-west-1'] },
  { name: 'AWS path style', sdk: { forcePathStyle: true }, ours: { pathStyle: true }, regions: ['us-east-1', 'sa-east-1'], dots: true },
  { name: 'R2', sdk: { endpoint: 'https://0f1e2d3c4b5a69788796a5b4c3d2e1f0.r2.cloudflarestorage.com' }, ours: { endpoint: 'https://0f1e2d3c4b5a69788796a5b4c3d2e1f0.r2.cloudflarestorage.com' }, regions: ['auto'] },
  { name: 'COS S3 API', sdk: { endpoint: 'https://cos.ap-guangzhou.myqcloud.com' }, ours: { endpoint: 'cos.ap-guangzhou.myqcloud.com' }, regions: ['ap-guangzhou'] },
  // forcePathStyle: without it the SDK puts a dotted bucket in front of the IP (an invalid URL).
  { name: 'MinIO on an IP', sdk: { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true }, ours: { endpoint: 'http://127.0.0.1:9000' }, regions: ['us-east-1'], dots: true },
  { name: 'MinIO with a port', sdk: { endpoint: 'https://minio.example.com:9443', forcePathStyle: true }, ours: { endpoint: 'https://minio.example.com:9443' }, regions: ['us-east-1'], dots: true },
];

// A client resolves its credentials once and keeps them, so the cases draw
// from a fixed pool of generated credentials with one client per
// (target, region, credentials); the next test covers any secret per case.
const clients = new Map();
function clientFor(target, region, credentialIndex) {
  const id = `${target.name}|${region}|${credentialIndex}`;
  if (!clients.has(id)) {
    clients.set(id, new S3Client({
      region, ...target.sdk, credentials: { ...CREDENTIALS[credentialIndex] },
      requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    }));
  }
  return clients.get(id);
}

const accessKeyId = fc.stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/);
const sessionToken = fc.oneof(fc.constant(undefined), fc.stringMatching(/^[A-Za-z0-9+/=]{16,120}$/));
// 2000-01-01 to 2099-12-31, whole seconds.
const date = fc.integer({ min: 946684800, max: 4102444799 });
const expires = fc.oneof(fc.constantFrom(1, 900, 3600, 86400, 604800), fc.integer({ min: 1, max: 604800 }));
const CREDENTIALS = fc.sample(fc.record({ accessKeyId, secretAccessKey: arb.secretKey, sessionToken }, { requiredKeys: ['accessKeyId', 'secretAccessKey'] }), { seed: SEED, numRuns: 24 })
  .map((c) => (c.sessionToken === undefined ? { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey } : c));
const plainBucket = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/);
const dottedBucket = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]$/).filter((b) => !b.includes('..'));

// GetObject's query members, with values of any text.
const RESPONSE_PARAMS = {
  ResponseContentDisposition: 'response-content-disposition',
  ResponseContentType: 'response-content-type',
  ResponseCacheControl: 'response-cache-control',
  ResponseContentLanguage: 'response-content-language',
  ResponseContentEncoding: 'response-content-encoding',
  VersionId: 'versionId',
};
const responseParams = fc.record(
  Object.fromEntries(Object.keys(RESPONSE_PARAMS).map((k) => [k, arb.text({ minLength: 1, maxLength: 30 })])),
  { requiredKeys: [] },
);

function queryParts(url) {
  return url.slice(url.indexOf('?') + 1).split('&');
}

function assertSameUrl(ours, sdk) {
  assert.equal(ours.slice(0, ours.indexOf('?')), sdk.slice(0, sdk.indexOf('?')), 'scheme, host and path');
  const mine = queryParts(ours);
  assert.deepEqual([...mine].sort(), queryParts(sdk).sort(), 'the same encoded query parts');
  assert.match(mine.at(-1), /^X-Amz-Signature=[0-9a-f]{64}$/, 'signature last');
  const names = mine.slice(0, -1).map((p) => p.split('=')[0]);
  assert.deepEqual(names, [...names].sort(), 'the rest in signed (sorted) order');
}

const sdkCase = fc.record({
  targetIndex: fc.nat(TARGETS.length - 1),
  regionPick: fc.nat(),
  bucketPick: fc.tuple(plainBucket, dottedBucket, fc.boolean()),
  credentialIndex: fc.nat(CREDENTIALS.length - 1),
  key: arb.objectKey, date, expires, params: responseParams,
});

test('presignUrlV4 gives the AWS SDK\'s getSignedUrl URL (keys, parameters, endpoints, tokens)', { timeout: 60_000 }, async () => {
  const signer = await init();
  await fc.assert(
    fc.asyncProperty(sdkCase, async (c) => {
      const target = TARGETS[c.targetIndex];
      const region = target.regions[c.regionPick % target.regions.length];
      const [plain, dotted, useDots] = c.bucketPick;
      const bucket = target.dots && useDots ? dotted : plain;
      const credentials = CREDENTIALS[c.credentialIndex];
      const sdkUrl = await getSignedUrl(clientFor(target, region, c.credentialIndex), new GetObjectCommand({ Bucket: bucket, Key: c.key, ...c.params }),
        { expiresIn: c.expires, signingDate: new Date(c.date * 1000) });

      const query = { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', 'x-id': 'GetObject' };
      for (const [member, name] of Object.entries(RESPONSE_PARAMS)) if (c.params[member] !== undefined) query[name] = c.params[member];
      const ours = signer.presignUrlV4({
        ...target.ours, ...credentials, region, bucket, key: c.key, date: c.date, expires: c.expires, query,
      });
      assert.match(ours, /^[\x21-\x7e]+$/, 'a URL is printable ASCII');
      assertSameUrl(ours, sdkUrl);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

// node:crypto in the shape the SDK's signer takes (a Checksum constructor).
class Sha256 {
  constructor(secret) { this.hash = secret ? createHmac('sha256', secret) : createHash('sha256'); }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}

const RESERVED = new Set(['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires', 'x-amz-signedheaders',
  'x-amz-signature', 'x-amz-security-token', 'x-amz-content-sha256']);
const anyQuery = fc.dictionary(
  arb.text({ minLength: 1, maxLength: 16 }).filter((n) => !RESERVED.has(n.toLowerCase())),
  fc.oneof(arb.text(), fc.integer(), fc.constant(null)),
  { maxKeys: 6, noNullPrototype: true },
);
// Headers the SDK signs (not x-amz-*, which it hoists into the query, nor
// its never-signed list, nor content-type, which its S3 presigner never
// signs), in random letter case; ASCII values with runs of
// spaces, which both sides must trim and collapse.
const headerName = fc.constantFrom('range', 'if-match', 'if-none-match', 'if-modified-since', 'content-md5', 'origin', 'x-custom-meta')
  .chain((name) => fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('')));
const headerValue = fc.array(fc.oneof(fc.constant(' '), fc.constant('  '), fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c))), { maxLength: 20 })
  // The SDK's presigner leaves out a header whose value is empty; a server signs "name:".
  .map((a) => a.join('')).filter((v) => v.trim() !== '');
const anyHeaders = fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 })
  .map((pairs) => Object.fromEntries(pairs))
  .filter((h) => new Set(Object.keys(h).map((n) => n.toLowerCase())).size === Object.keys(h).length);

const rawCase = fc.record({
  accessKeyId, secretAccessKey: arb.secretKey, sessionToken, key: arb.objectKey, date, expires,
  method: fc.constantFrom('GET', 'get', 'HEAD', 'Put', 'DELETE'), query: anyQuery, headers: anyHeaders,
  region: fc.constantFrom('us-east-1', 'eu-west-3', 'auto'), pathStyle: fc.boolean(),
});

test('presignUrlV4 signs arbitrary parameters and headers as the AWS SDK\'s S3RequestPresigner does', { timeout: 60_000 }, async () => {
  const signer = await init();
  await fc.assert(
    fc.asyncProperty(rawCase, async (c) => {
      const bucket = 'example-bucket';
      const endpointHost = `s3.${c.region === 'auto' ? 'us-east-1' : c.region}.amazonaws.com`;
      const ours = signer.presignUrlV4({
        accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, region: c.region,
        endpoint: `https://${endpointHost}`, pathStyle: c.pathStyle, bucket, key: c.key, method: c.method,
        date: c.date, expires: c.expires, query: { ...c.query, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' }, headers: c.headers,
      });

      const presigner = new S3RequestPresigner({
        credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken },
        region: c.region, sha256: Sha256,
      });
      const hostname = c.pathStyle ? endpointHost : `${bucket}.${endpointHost}`;
      // The SDK signs the path as given (S3 does not re-encode): hand it the
      // key encoded with the RFC 3986 reference encoder, '/' kept.
      const path = (c.pathStyle ? `/${bucket}/` : '/') + c.key.split('/').map(camSafeEncode).join('/');
      // A parameter without a value: the server signs it as "name=", which
      // the SDK does for '' (it leaves a null out of the signature entirely).
      const sdkQuery = Object.fromEntries(Object.entries(c.query).map(([n, v]) => [n, v === null ? '' : String(v)]));
      const signed = await presigner.presign(
        { method: c.method.toUpperCase(), protocol: 'https:', hostname, path, query: sdkQuery, headers: { ...c.headers, host: hostname } },
        { signingDate: new Date(c.date * 1000), expiresIn: c.expires },
      );

      const u = new URL(ours);
      assert.equal(u.host, hostname);
      assert.equal(u.pathname, path);
      const got = {};
      for (const part of queryParts(ours)) {
        const eq = part.indexOf('=');
        got[decodeURIComponent(eq < 0 ? part : part.slice(0, eq))] = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
      }
      assert.deepEqual(got, signed.query, 'the same parameters and signature');
    }),
    { seed: SEED + 1, numRuns: RUNS },
  );
});

test('a batch gives exactly the URLs of single calls', async () => {
  const signer = await init();
  fc.assert(
    fc.property(fc.array(arb.objectKey, { maxLength: 20 }), anyQuery, sessionToken, date, (keys, query, token, d) => {
      const common = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret', sessionToken: token, region: 'eu-west-1', bucket: 'b-1', query, date: d };
      assert.deepEqual(signer.presignUrlsV4(common, keys), keys.map((key) => signer.presignUrlV4({ ...common, key })));
    }),
    { seed: SEED + 2, numRuns: 300 },
  );
});
