// AWS's published worked example of a SigV4 pre-signed GET
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html),
// through the public JS API, imported by its name as users import it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, explainUrl } from 'cos-presign/sigv4';

const example = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  // The example uses the global endpoint, examplebucket.s3.amazonaws.com.
  endpoint: 'https://s3.amazonaws.com',
  bucket: 'examplebucket',
  key: 'test.txt',
  date: new Date('2013-05-24T00:00:00Z'),
  expires: 86400,
};
// The URL exactly as the AWS document prints it.
const documentedUrl = 'https://examplebucket.s3.amazonaws.com/test.txt'
  + '?X-Amz-Algorithm=AWS4-HMAC-SHA256'
  + '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request'
  + '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host'
  + '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';

test('AWS example: the documented signature and URL', async () => {
  const signer = await init();
  const url = signer.presignUrlV4(example);
  assert.equal(new URL(url).searchParams.get('X-Amz-Signature'), 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  assert.equal(url, documentedUrl);
});

test('AWS example: date as unix seconds, and in a batch', async () => {
  const signer = await init();
  assert.equal(signer.presignUrlV4({ ...example, date: 1369353600 }), documentedUrl);
  const { key, ...common } = example;
  const urls = signer.presignUrlsV4(common, ['test.txt', 'test.txt', 'other.txt']);
  assert.deepEqual(urls.slice(0, 2), [documentedUrl, documentedUrl]);
  assert.notEqual(urls[2], documentedUrl);
  assert.deepEqual(signer.presignUrlsV4(common, []), []);
});

test('AWS example: lower-case method and endpoint spellings sign the same', async () => {
  const signer = await init();
  for (const endpoint of ['s3.amazonaws.com', 'https://s3.amazonaws.com/', 'HTTPS://S3.AMAZONAWS.COM:443']) {
    assert.equal(signer.presignUrlV4({ ...example, endpoint, method: 'get' }), documentedUrl, endpoint);
  }
});

// explainUrl on the documented URL reproduces the document's canonical
// request and string to sign exactly, and verifies with its secret.
test('explainUrl: AWS example, the documented canonical request and string to sign', async () => {
  const e = await explainUrl(documentedUrl, { secretKey: example.secretAccessKey, now: new Date('2013-05-24T12:00:00Z') });
  assert.equal(e.canonical.canonicalRequest, 'GET\n/test.txt\n'
    + 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\n'
    + 'host:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD');
  assert.equal(e.canonical.stringToSign, 'AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04');
  assert.equal(e.canonical.credentialScope, '20130524/us-east-1/s3/aws4_request');
  assert.deepEqual([e.verified, e.problems, e.bucket, e.key, e.region, e.secondsLeft], [true, [], 'examplebucket', 'test.txt', 'us-east-1', 43200]);
});
