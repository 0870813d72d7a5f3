// The same package from a CommonJS TypeScript project (node16): require()
// resolves each entry's .d.cts, with the same API.
import cosPresign = require('cos-presign');
import s3 = require('cos-presign/sigv4');

export async function main(): Promise<string> {
  const signer = await cosPresign.init();
  const url: string = signer.presignUrl({ secretId: 'a', secretKey: 'b', bucket: 'b-1250000000', region: 'r', key: 'k' });
  const v4: string = (await s3.init()).presignUrlV4({ accessKeyId: 'A', secretAccessKey: 's', region: 'us-east-1', bucket: 'bkt', key: 'k' });
  const presigner: cosPresign.Presigner = cosPresign.createPresigner({ bucket: 'b-1', region: 'r', credentials: '/api/sts' });
  // @ts-expect-error SigV4 is not in 'cos-presign'
  signer.presignUrlV4({ accessKeyId: 'A', secretAccessKey: 's', region: 'us-east-1', bucket: 'bkt', key: 'k' });
  void presigner;
  return url + v4;
}
