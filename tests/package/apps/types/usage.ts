// A strict TypeScript user of the installed package: every documented API and
// credential shape of both entries type-checks, and each marked misuse is a
// type error. Compiled (noEmit) by tests/package/types.test.js with
// moduleResolution "bundler" and "node16".
import {
  init, createPresigner, CosCompat, CosPresignError, InvalidArgumentError, InitError, CredentialsError, ExpiryError,
  type Signer, type Presigner, type UrlDetails, type TemporaryCredentials, type CredentialScope, type WasmSource,
  type PresignerOptions, explainUrl, type Explanation, type ExplainProblemCode, type UploadUrl, type ClockSource,
} from 'cos-presign';
import * as s3 from 'cos-presign/sigv4';
import cosWasm from 'cos-presign/cos-presign-core.wasm';
import sigv4Wasm from 'cos-presign/cos-presign-core-sigv4.wasm';

const common = { secretId: 'AKIDx', secretKey: 'k', sessionToken: 't', bucket: 'b-1250000000', region: 'ap-guangzhou' };

export async function cosEntry(): Promise<void> {
  // Every wasm source init() takes.
  const sources: WasmSource[] = [
    '/assets/cos-presign-core.wasm', new URL('https://example.com/x.wasm'), new Response(new Uint8Array(0)),
    fetch('/x.wasm'), new ArrayBuffer(8), new Uint8Array(8), new WebAssembly.Module(new Uint8Array(0)), cosWasm,
  ];
  const signer: Signer = await init(sources[0]);
  await init();
  const auth: string = signer.authorization({ secretId: 'a', secretKey: 'b', method: 'get', key: 'k', keyTime: '1;2', query: { a: null, b: 1 }, headers: { Host: 'h', Date: 'd' } });
  const byPath: string = signer.authorization({ secretId: 'a', secretKey: 'b', pathname: '/', startTime: 1, expires: 60 });
  const url: string = signer.presignUrl({ ...common, key: 'k', expires: 60, query: { 'response-content-disposition': 'attachment' }, protocol: 'https', domain: '{Bucket}.cos.{Region}.myqcloud.com' });
  const withWindow: string = signer.presignUrl({ ...common, key: 'k', startTime: 1700000000, endTime: 1700000600, method: 'head', headers: { Range: 'bytes=0-9' } });
  const urls: string[] = signer.presignUrls({ ...common, keyTime: '1700000000;1700000600' }, ['a', 'b']);

  // Every credential shape the presigner takes.
  const shapes: TemporaryCredentials[] = [
    { credentials: { tmpSecretId: 'i', tmpSecretKey: 'k', sessionToken: 't' }, startTime: 1, expiredTime: 2 },
    { credentials: { tmpSecretId: 'i', tmpSecretKey: 'k', sessionToken: 't' }, expiration: '2030-01-01T00:00:00Z' },
    { TmpSecretId: 'i', TmpSecretKey: 'k', SecurityToken: 't', StartTime: 1, ExpiredTime: 2, ScopeLimit: true },
    { TmpSecretId: 'i', TmpSecretKey: 'k', XCosSecurityToken: 't', ExpiredTime: '2' },
    { secretId: 'i', secretKey: 'k', sessionToken: 't', expiredTime: 2 },
    { Credentials: { AccessKeyId: 'A', SecretAccessKey: 's', SessionToken: 't', Expiration: '2030-01-01T00:00:00Z' } },
    { AccessKeyId: 'A', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date() },
    { accessKeyId: 'A', secretAccessKey: 's', sessionToken: 't', expiration: new Date() },
  ];
  const provider = async (scope: CredentialScope): Promise<TemporaryCredentials> => {
    const action: 'name/cos:GetObject' | 'name/cos:PutObject' | 'name/cos:HeadObject' | 's3:GetObject' | 's3:PutObject' = scope.action;
    void [scope.bucket, scope.region, scope.keys.length, action];
    return shapes[0];
  };
  const options: PresignerOptions = {
    bucket: 'b-1', region: 'r', credentials: provider, domain: 'cdn-origin.example.com', protocol: 'https', accelerate: false,
    refreshMargin: 30, clockOffset: 0, expires: 600, strictExpiry: false, scopeLimit: true, retries: 1, retryDelay: 100,
    timeout: 5000, fetch, now: Date.now, wasm: cosWasm, signature: 'cos',
  };
  const presigner: Presigner = createPresigner(options);
  const viaUrl = createPresigner({ bucket: 'b-1', region: 'r', credentials: '/api/sts' });
  const viaUrlObject = createPresigner({ bucket: 'b-1', region: 'r', credentials: new URL('https://example.com/api/sts'), wasm: fetch('/x.wasm') });
  const one: string = await presigner.getObjectUrl('k', { expires: 60, download: '报告.pdf', versionId: 'v', responseContentType: 'text/plain', query: { 'imageMogr2/thumbnail/!200x200r': null }, strictExpiry: true });
  const details: UrlDetails = await viaUrl.getObjectUrlDetails('k', { inline: true });
  const when: Date = details.expiresAt;
  const window: [number, number, boolean] = [details.startTime, details.endTime, details.clamped];
  const many: string[] = await presigner.getObjectUrls(['a', 'b'], { download: true });
  const manyDetails = await viaUrlObject.getObjectUrlsDetails(['a']);
  const manyUrls: string[] = manyDetails.urls;
  await presigner.ready();
  const sync: string = presigner.getObjectUrlSync('k');
  const offset: number = presigner.clockOffset;
  const up: UploadUrl = await presigner.getUploadUrl('uploads/a.png', { contentType: 'image/png', contentLength: 10, headers: { 'x-cos-meta-a': 'b' }, expires: 600, strictExpiry: true });
  const upHeaders: Record<string, string> = up.headers;
  const upSync: 'PUT' = presigner.getUploadUrlSync('uploads/b').method;
  const source: ClockSource = details.clock;
  const fromServer = createPresigner({ bucket: 'b-1', region: 'r', credentials: async (scope) => ({ secretId: 'a', secretKey: 'b', sessionToken: 't', expiredTime: 2, serverTime: 1, actions: [scope.action] }) });
  const stringTimes = createPresigner({ bucket: 'b-1', region: 'r', credentials: async () => ({ secretId: 'a', secretKey: 'b', sessionToken: 't', expiredTime: '2', serverTime: '1' }) });
  const shown: { bucket: string; region: string; disposed: boolean } = stringTimes.toJSON();
  presigner.dispose();

  const cos = new CosCompat({
    getAuthorization: (o, callback) => callback({ TmpSecretId: o.Bucket, TmpSecretKey: 'k', SecurityToken: 't', ExpiredTime: 2 }),
    Protocol: 'https:', Domain: '{Bucket}.cos.{Region}.myqcloud.com', UseAccelerate: false, SystemClockOffset: 0,
  });
  cos.getObjectUrl({ Bucket: 'b-1', Region: 'r', Key: 'k', Sign: true, Expires: 60, Query: { a: '1' } }, (err, data) => (err ? err.message : data?.Url));
  const compat: { Url: string } = await cos.getObjectUrl({ Bucket: 'b-1', Region: 'r', Key: 'k' });
  await cos.getObjectUrl({ Bucket: 'b-1', Region: 'r', Key: 'k', Method: 'PUT', Headers: { 'x-cos-meta-a': 'b' } });

  try {
    signer.presignUrl({ ...common, key: '' });
  } catch (e) {
    if (e instanceof CosPresignError) {
      const code: string = e.code;
      const field: string | undefined = e.field;
      const index: number | undefined = e.index;
      void [code, field, index];
    }
    if (e instanceof CredentialsError) {
      const status: number | undefined = e.status;
      void status;
    }
    const subclasses: (typeof CosPresignError)[] = [InvalidArgumentError, InitError, ExpiryError];
    void subclasses;
  }

  const explained: Explanation = await explainUrl(url, { secretKey: 'k', method: 'PUT', headers: { 'Content-Type': 'image/png' }, now: new Date(), clockOffset: -500 });
  const left: number = explained.secondsLeft;
  const verified: boolean | undefined = explained.verified;
  const firstCode: ExplainProblemCode | undefined = explained.problems[0]?.code;
  if ('httpString' in explained.canonical) void explained.canonical.stringToSign;
  // @ts-expect-error now is a Date or unix seconds
  await explainUrl(url, { now: '2026-01-01' });
  // @ts-expect-error a typo'd explain option
  await explainUrl(url, { secret: 'k' });
  void [left, verified, firstCode];

  // @ts-expect-error contentLength is a number of bytes
  await presigner.getUploadUrl('k', { contentLength: '10' });
  // @ts-expect-error uploads take no download name
  await presigner.getUploadUrl('k', { download: 'a.txt' });
  // @ts-expect-error a typo'd option ("expire") is not an option
  signer.presignUrl({ ...common, key: 'k', expire: 60 });
  // @ts-expect-error key is required
  signer.presignUrl({ ...common });
  // @ts-expect-error expires is a number of seconds
  await presigner.getObjectUrl('k', { expires: '60' });
  // @ts-expect-error a typo'd URL option
  await presigner.getObjectUrl('k', { downlaod: 'a.pdf' });
  // @ts-expect-error credentials are required
  createPresigner({ bucket: 'b-1', region: 'r' });
  // @ts-expect-error SigV4 is not in 'cos-presign': its signer has no presignUrlV4
  signer.presignUrlV4({ accessKeyId: 'A', secretAccessKey: 's', region: 'us-east-1', bucket: 'bkt', key: 'k' });
  // @ts-expect-error SigV4 is not in 'cos-presign': createPresigner takes no signature "v4"
  createPresigner({ signature: 'v4', bucket: 'bkt', region: 'us-east-1', credentials: '/api/sts' });
  // @ts-expect-error endpoint is a SigV4 option
  createPresigner({ bucket: 'bkt', region: 'us-east-1', credentials: '/api/sts', endpoint: 'http://127.0.0.1:9000' });
  // @ts-expect-error a credential shape that is none of the accepted ones
  const wrongShape: TemporaryCredentials = { id: 'i', key: 'k', token: 't', expires: 2 };
  // @ts-expect-error qcloud-cos-sts JSON without a token
  const noToken: TemporaryCredentials = { credentials: { tmpSecretId: 'i', tmpSecretKey: 'k' }, expiredTime: 2 };
  void [auth, byPath, url, withWindow, urls, one, when, window, many, manyUrls, sync, offset, compat, wrongShape, noToken, upHeaders, upSync, source, fromServer, shown];
}

export async function sigv4Entry(): Promise<void> {
  const signer: s3.SigV4Signer = await s3.init(sigv4Wasm);
  const cosUrl: string = signer.presignUrl({ ...common, key: 'k' });
  const v4: string = signer.presignUrlV4({
    accessKeyId: 'A', secretAccessKey: 's', sessionToken: 't', region: 'us-east-1', service: 's3', endpoint: 'http://127.0.0.1:9000',
    bucket: 'bkt', key: 'k', method: 'GET', query: { a: null }, headers: { 'x-amz-meta-a': '1' }, expires: 600, date: new Date(), pathStyle: true,
  });
  const v4s: string[] = signer.presignUrlsV4({ accessKeyId: 'A', secretAccessKey: 's', region: 'auto', endpoint: 'https://acct.r2.cloudflarestorage.com', bucket: 'bkt', date: 1700000000 }, ['a', 'b']);
  const presigner: s3.Presigner = s3.createPresigner({
    signature: 'v4', bucket: 'bkt', region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', pathStyle: true, service: 's3',
    credentials: async (scope: s3.CredentialScope) => ({ accessKeyId: scope.bucket, secretAccessKey: 's', sessionToken: 't', expiration: new Date() }),
  });
  const cosPresigner = s3.createPresigner({ bucket: 'b-1', region: 'r', credentials: '/api/sts', accelerate: true });
  const viaSts = s3.createPresigner({ signature: 'v4', bucket: 'bkt', region: 'us-east-1', credentials: async () => ({ Credentials: { AccessKeyId: 'A', SecretAccessKey: 's', SessionToken: 't', Expiration: '2030-01-01T00:00:00Z' } }) });
  const url: string = await presigner.getObjectUrl('k', { expires: 600 });
  const s3Upload: s3.UploadUrl = await presigner.getUploadUrl('k', { contentType: 'text/plain', headers: { 'x-amz-meta-a': '1' } });
  const explained: s3.Explanation = await s3.explainUrl(new URL(v4), { now: 1700000000 });
  const sameClasses: typeof CosPresignError = s3.CosPresignError;
  const cos = new s3.CosCompat({ getAuthorization: (_o, cb) => cb({ secretId: 'i', secretKey: 'k', sessionToken: 't', expiredTime: 2 }) });

  // @ts-expect-error a typo'd SigV4 option
  signer.presignUrlV4({ accessKeyId: 'A', secretAccessKey: 's', region: 'us-east-1', bucket: 'bkt', key: 'k', expire: 60 });
  // @ts-expect-error region is required for SigV4
  signer.presignUrlV4({ accessKeyId: 'A', secretAccessKey: 's', bucket: 'bkt', key: 'k' });
  // @ts-expect-error domain is a COS option, not one of signature "v4"
  s3.createPresigner({ signature: 'v4', bucket: 'bkt', region: 'us-east-1', credentials: '/api/sts', domain: 'x.example.com' });
  void [cosUrl, v4, v4s, cosPresigner, viaSts, url, s3Upload, explained, sameClasses, cos];
}
