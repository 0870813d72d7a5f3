// Compiled with `tsc --noEmit` by tests/node/types.test.js: the public API as
// a TypeScript user writes it must type-check against web/index.d.ts, and
// misuse must not.
import {
  init, createPresigner, CosCompat, CosPresignError, InvalidArgumentError, CredentialsError, ExpiryError,
  type Presigner, type UrlDetails, type TemporaryCredentials, type CredentialScope,
  explainUrl, type Explanation, type ExplainProblemCode,
} from 'cos-presign';
import * as withSigV4 from 'cos-presign/sigv4';

async function main(): Promise<void> {
  const signer = await init();
  const auth: string = signer.authorization({ secretId: 'a', secretKey: 'b', key: 'k', keyTime: '1;2', headers: { Host: 'h' } });
  const url: string = signer.presignUrl({ secretId: 'a', secretKey: 'b', bucket: 'b-1', region: 'r', key: 'k', expires: 60, query: { a: null, b: 1 } });
  const urls: string[] = signer.presignUrls({ secretId: 'a', secretKey: 'b', bucket: 'b-1', region: 'r' }, ['a', 'b']);
  await init(new Uint8Array(0));
  await init(new URL('file:///x.wasm'));
  const v4: string = (await withSigV4.init()).presignUrlV4({ accessKeyId: 'A', secretAccessKey: 's', region: 'us-east-1', bucket: 'bkt', key: 'k' });
  withSigV4.createPresigner({ signature: 'v4', bucket: 'bkt', region: 'us-east-1', credentials: '/api/sts' });

  const provider = async (scope: CredentialScope): Promise<TemporaryCredentials> => ({
    credentials: { tmpSecretId: scope.bucket, tmpSecretKey: 'k', sessionToken: 't' }, startTime: 1, expiredTime: 2,
  });
  const presigner: Presigner = createPresigner({ bucket: 'b-1', region: 'r', credentials: provider, refreshMargin: 30 });
  const viaUrl = createPresigner({ bucket: 'b-1', region: 'r', credentials: '/api/sts', accelerate: true });
  const one: string = await presigner.getObjectUrl('k', { expires: 60, download: '报告.pdf', versionId: 'v' });
  const details: UrlDetails = await viaUrl.getObjectUrlDetails('k', { inline: true });
  const when: Date = details.expiresAt;
  const many: string[] = await presigner.getObjectUrls(['a', 'b']);
  await presigner.ready();
  const sync: string = presigner.getObjectUrlSync('k');
  presigner.dispose();

  const cos = new CosCompat({ getAuthorization: (options, callback) => callback({ TmpSecretId: options.Bucket, TmpSecretKey: 'k', SecurityToken: 't', ExpiredTime: 2 }) });
  cos.getObjectUrl({ Bucket: 'b-1', Region: 'r', Key: 'k' }, (err, data) => data?.Url);
  const compat: { Url: string } = await cos.getObjectUrl({ Bucket: 'b-1', Region: 'r', Key: 'k', Expires: 60 });

  try {
    signer.presignUrl({ secretId: 'a', secretKey: 'b', bucket: 'b-1', region: 'r', key: '' });
  } catch (e) {
    if (e instanceof CosPresignError) {
      const code: string = e.code;
      const field: string | undefined = e.field;
    }
    if (e instanceof CredentialsError) {
      const status: number | undefined = e.status;
    }
    const subclasses = [InvalidArgumentError, ExpiryError];
  }

  const explained: Explanation = await explainUrl(url, { secretKey: 'b', method: 'PUT', headers: { 'Content-Type': 'image/png' }, now: new Date(), clockOffset: -500 });
  const left: number = explained.secondsLeft;
  const verified: boolean | undefined = explained.verified;
  const firstCode: ExplainProblemCode | undefined = explained.problems[0]?.code;
  if ('httpString' in explained.canonical) void explained.canonical.stringToSign;
  await withSigV4.explainUrl(new URL(v4), { now: 1700000000 });
  // @ts-expect-error now is a Date or unix seconds
  await explainUrl(url, { now: '2026-01-01' });
  void [left, verified, firstCode];

  // @ts-expect-error key is required
  signer.presignUrl({ secretId: 'a', secretKey: 'b', bucket: 'b-1', region: 'r' });
  // @ts-expect-error expires is a number of seconds
  await presigner.getObjectUrl('k', { expires: '60' });
  // @ts-expect-error credentials are required
  createPresigner({ bucket: 'b-1', region: 'r' });
  void [auth, url, urls, one, when, many, sync, compat];
}
void main;
