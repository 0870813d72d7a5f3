// Compiled with `tsc --noEmit` by tests/node/types.test.js: the public API as
// a TypeScript user writes it must type-check against web/index.d.ts, and
// misuse must not.
import {
  init, createPresigner, CosCompat, CosPresignError, InvalidArgumentError, CredentialsError, ExpiryError,
  type Presigner, type UrlDetails, type TemporaryCredentials, type CredentialScope, type UploadUrl, type ClockSource,
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
  const up: UploadUrl = await presigner.getUploadUrl('uploads/a.png', { contentType: 'image/png', contentLength: 10, headers: { 'x-cos-meta-a': 'b' } });
  const upHeaders: Record<string, string> = up.headers;
  const upSync: 'PUT' = presigner.getUploadUrlSync('uploads/b').method;
  const source: ClockSource = details.clock;
  const fromServer = createPresigner({ bucket: 'b-1', region: 'r', credentials: async (scope) => ({ secretId: 'a', secretKey: 'b', sessionToken: 't', expiredTime: 2, serverTime: 1, actions: [scope.action] }) });
  // @ts-expect-error contentLength is a number of bytes
  await presigner.getUploadUrl('k', { contentLength: '10' });
  // @ts-expect-error uploads take no download name
  await presigner.getUploadUrl('k', { download: 'a.txt' });
  presigner.dispose();

  const cos = new CosCompat({ getAuthorization: (options, callback) => callback({ TmpSecretId: options.Bucket, TmpSecretKey: 'k', SecurityToken: 't', ExpiredTime: 2 }) });
  cos.getObjectUrl({ Bucket: 'b-1', Region: 'r', Key: 'k' }, (err, data) => data?.Url);
  const compat: { Url: string } = await cos.getObjectUrl({ Bucket: 'b-1', Region: 'r', Key: 'k', Expires: 60 });
  await cos.getObjectUrl({ Bucket: 'b-1', Region: 'r', Key: 'k', Method: 'PUT', Headers: { 'x-cos-meta-a': 'b' } });

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

  // @ts-expect-error key is required
  signer.presignUrl({ secretId: 'a', secretKey: 'b', bucket: 'b-1', region: 'r' });
  // @ts-expect-error expires is a number of seconds
  await presigner.getObjectUrl('k', { expires: '60' });
  // @ts-expect-error credentials are required
  createPresigner({ bucket: 'b-1', region: 'r' });
  void [auth, url, urls, one, when, many, sync, compat, upHeaders, upSync, source, fromServer];
}
void main;
