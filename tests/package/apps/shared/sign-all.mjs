// The fixed requests every throwaway app signs with the installed package,
// in its own runtime (Node ESM and require(), Deno, Bun, workerd, Chromium
// through esbuild, Vite and webpack). The tests compare the results byte for
// byte with Node's and check Node's against independent references (Tencent's
// and AWS's worked examples, cos-nodejs-sdk-v5, the AWS SDK).
// Plain ES2020 with no imports: it runs unbundled in every runtime.

export const FIXED = {
  secretId: 'AKIDcosPresignPackageTest',
  secretKey: 'package-test-secret-key',
  // Characters that must be percent-encoded in the URL.
  sessionToken: 'token+with/slash=and space',
  bucket: 'examplebucket-1250000000',
  region: 'ap-guangzhou',
  keyTime: '1700000000;1700000600',
  nowMs: 1700000000123,
  credentialsStart: 1700000000 - 30,
  credentialsEnd: 1700000000 + 1800,
};

// Tencent's documented example ("Request signature", GetObject with Date).
export const TENCENT_EXAMPLE = {
  secretId: 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q',
  secretKey: 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz',
  method: 'get',
  key: 'exampleobject(腾讯云)',
  keyTime: '1557989753;1557996953',
  query: { 'response-content-type': 'application/octet-stream', 'response-cache-control': 'max-age=600' },
  headers: { Host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com', Date: 'Thu, 16 May 2019 06:55:53 GMT' },
};

// AWS's documented pre-signed URL example (S3 query-string authentication).
export const AWS_EXAMPLE = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1', endpoint: 'https://s3.amazonaws.com', bucket: 'examplebucket', key: 'test.txt',
  date: 1369353600, expires: 86400,
};

export const KEYS = ['a.jpg', '照片/b c+d.png', 'x y/z+1 (2).pdf', 'emoji/🙂.txt'];

function errorOf(call) {
  try {
    call();
    return { thrown: false };
  } catch (e) {
    return { thrown: true, name: e.name, code: e.code, field: e.field ?? null };
  }
}

async function asyncErrorOf(call) {
  try {
    await call();
    return { thrown: false };
  } catch (e) {
    return { thrown: true, name: e.name, code: e.code, field: e.field ?? null };
  }
}

/**
 * pkg: the module namespace of 'cos-presign' or 'cos-presign/sigv4'.
 * wasm: what to hand init() (undefined: the package's default location).
 * via: 'init' (init(wasm) first) or 'presigner' (the presigner's wasm option first).
 */
export async function signAll(pkg, { wasm, via = 'init', sigv4 = false } = {}) {
  const out = {};
  const { secretId, secretKey, sessionToken, bucket, region, keyTime, nowMs } = FIXED;
  const scopes = [];
  const presigner = pkg.createPresigner({
    bucket, region, wasm, now: () => nowMs, clockOffset: 0,
    credentials: async (scope) => {
      scopes.push(scope);
      return { credentials: { tmpSecretId: secretId, tmpSecretKey: secretKey, sessionToken }, startTime: FIXED.credentialsStart, expiredTime: FIXED.credentialsEnd };
    },
  });
  if (via === 'presigner') out.presigner = await presigner.getObjectUrl('docs/报告 v1+final.pdf', { expires: 600, download: '报告.pdf' });
  const signer = await pkg.init(wasm);
  if (via !== 'presigner') out.presigner = await presigner.getObjectUrl('docs/报告 v1+final.pdf', { expires: 600, download: '报告.pdf' });
  out.presignerBatch = await presigner.getObjectUrls(KEYS, { expires: 300, query: { 'imageMogr2/thumbnail/!200x200r': null } });
  const upload = await presigner.getUploadUrl('uploads/a b+c.png', { contentType: 'image/png', contentLength: 10, headers: { 'x-cos-meta-owner': 'alice' } });
  out.upload = { url: upload.url, method: upload.method, headers: upload.headers, startTime: upload.startTime, endTime: upload.endTime, clock: upload.clock };
  out.scopes = scopes;

  const common = { secretId, secretKey, sessionToken, bucket, region, keyTime };
  out.url = signer.presignUrl({ ...common, key: KEYS[1], query: { 'response-content-disposition': 'attachment; filename="b c.png"' } });
  out.batch = signer.presignUrls(common, KEYS);
  out.tencentExample = signer.authorization(TENCENT_EXAMPLE);
  out.error = errorOf(() => signer.presignUrl({ ...common, key: '' }));
  out.errorIsInvalidArgument = (() => {
    try { signer.presignUrl({ ...common, key: 'a', expire: 60 }); } catch (e) { return e instanceof pkg.InvalidArgumentError && e instanceof pkg.CosPresignError && e.code; }
    return false;
  })();
  // The independent verifier (WebCrypto) in this runtime: the signer's URL verifies, a tampered one does not.
  const explained = await pkg.explainUrl(out.url, { secretKey, now: 1700000100 });
  const tampered = await pkg.explainUrl(out.url.replace('b%20c', 'b%20d'), { secretKey, now: 1700000100 });
  out.explained = { kind: explained.kind, key: explained.key, start: explained.start, end: explained.end, verified: explained.verified,
    problems: explained.problems.map((p) => p.code), tampered: tampered.verified, tamperedProblems: tampered.problems.map((p) => p.code),
    stringToSign: explained.canonical.stringToSign };
  out.credentialsError = await asyncErrorOf(() => pkg.createPresigner({ bucket, region, wasm, credentials: async () => ({ secretId }) }).getObjectUrl('a'));

  if (sigv4) {
    out.v4 = signer.presignUrlV4(AWS_EXAMPLE);
    out.v4batch = signer.presignUrlsV4({ ...AWS_EXAMPLE, key: undefined, sessionToken }, KEYS);
    const s3 = pkg.createPresigner({
      signature: 'v4', bucket: 'examplebucket', region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', wasm, now: () => nowMs, clockOffset: 0,
      credentials: async () => ({ accessKeyId: AWS_EXAMPLE.accessKeyId, secretAccessKey: AWS_EXAMPLE.secretAccessKey, sessionToken, expiration: new Date((1700000000 + 3600) * 1000) }),
    });
    out.v4presigner = await s3.getObjectUrl('a b+c.txt', { expires: 600 });
    const v4explained = await pkg.explainUrl(out.v4, { secretKey: AWS_EXAMPLE.secretAccessKey, now: 1369353700 });
    out.v4explained = { kind: v4explained.kind, verified: v4explained.verified, canonicalRequest: v4explained.canonical.canonicalRequest };
  } else {
    out.v4 = errorOf(() => signer.presignUrlV4(AWS_EXAMPLE));
    out.v4presigner = errorOf(() => pkg.createPresigner({ signature: 'v4', bucket: 'examplebucket', region: 'us-east-1', credentials: '/api/sts' }));
  }
  return out;
}
