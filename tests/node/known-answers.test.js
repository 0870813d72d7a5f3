// Tencent's two worked examples from the COS request-signature document
// (https://cloud.tencent.com/document/product/436/7778), through the public
// JS API of the package, imported by its name as users import it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, explainUrl } from 'cos-presign';

const credentials = { secretId: 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q', secretKey: 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz' };
const host = 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com';
const key = 'exampleobject(腾讯云)';

test('upload example: PUT with seven signed headers', async () => {
  const signer = await init();
  const auth = signer.authorization({
    ...credentials,
    method: 'PUT',
    key,
    keyTime: '1557989151;1557996351',
    headers: {
      'Content-Length': 13,
      'Content-MD5': 'mQ/fVh815F3k6TAUm8m0eg==',
      'Content-Type': 'text/plain',
      Date: 'Thu, 16 May 2019 06:45:51 GMT',
      Host: host,
      'x-cos-acl': 'private',
      'x-cos-grant-read': 'uin="100000000011"',
    },
  });
  assert.equal(
    auth,
    'q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989151;1557996351' +
      '&q-key-time=1557989151;1557996351&q-header-list=content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read' +
      '&q-url-param-list=&q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172',
  );
});

test('download example: GET with two signed query parameters', async () => {
  const signer = await init();
  const auth = signer.authorization({
    ...credentials,
    method: 'GET',
    key,
    keyTime: '1557989753;1557996953',
    query: { 'response-content-type': 'application/octet-stream', 'response-cache-control': 'max-age=600' },
    headers: { Date: 'Thu, 16 May 2019 06:55:53 GMT', Host: host },
  });
  assert.equal(
    auth,
    'q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989753;1557996953' +
      '&q-key-time=1557989753;1557996953&q-header-list=date;host' +
      '&q-url-param-list=response-cache-control;response-content-type&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012',
  );
});

test('download example as a pre-signed URL carries the same signature', async () => {
  const signer = await init();
  const url = signer.presignUrl({
    ...credentials,
    bucket: 'examplebucket-1250000000',
    region: 'ap-beijing',
    key,
    keyTime: '1557989753;1557996953',
    query: { 'response-content-type': 'application/octet-stream', 'response-cache-control': 'max-age=600' },
    headers: { Date: 'Thu, 16 May 2019 06:55:53 GMT' },
  });
  const u = new URL(url);
  assert.equal(u.origin, `https://${host}`);
  assert.equal(u.pathname, '/exampleobject%28%E8%85%BE%E8%AE%AF%E4%BA%91%29');
  assert.equal(decodeURIComponent(u.pathname), `/${key}`);
  assert.equal(u.searchParams.get('q-signature'), '01681b8c9d798a678e43b685a9f1bba0f6c0e012');
  assert.equal(u.searchParams.get('q-header-list'), 'date;host');
  assert.equal(u.searchParams.get('response-cache-control'), 'max-age=600');
  assert.equal(u.searchParams.get('response-content-type'), 'application/octet-stream');
});

// explainUrl on the same two requests, carried as pre-signed URLs (the
// document's second way to pass a signature: the Authorization as query
// parameters), reproduces the document's HttpString and StringToSign exactly
// and verifies. (The English edition of the document prints the key
// translated as "tencentcloud" inside HttpString; its hashes are those of
// the Chinese original, with 腾讯云.)
const encodedKey = 'exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)';
const authQuery = (keyTime, headerList, paramList, signature) => `q-sign-algorithm=sha1&q-ak=${credentials.secretId}`
  + `&q-sign-time=${keyTime.replace(';', '%3B')}&q-key-time=${keyTime.replace(';', '%3B')}`
  + `&q-header-list=${headerList.replaceAll(';', '%3B')}&q-url-param-list=${paramList.replaceAll(';', '%3B')}&q-signature=${signature}`;

test('explainUrl: upload example, its HttpString and StringToSign as documented', async () => {
  const url = `https://${host}/${encodedKey}?${authQuery('1557989151;1557996351', 'content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read', '', '3b8851a11a569213c17ba8fa7dcf2abec6935172')}`;
  const e = await explainUrl(url, {
    secretKey: credentials.secretKey, method: 'PUT', now: 1557989200,
    headers: {
      'Content-Length': '13', 'Content-MD5': 'mQ/fVh815F3k6TAUm8m0eg==', 'Content-Type': 'text/plain',
      Date: 'Thu, 16 May 2019 06:45:51 GMT', 'x-cos-acl': 'private', 'x-cos-grant-read': 'uin="100000000011"',
    },
  });
  assert.equal(e.canonical.httpString, `put\n/${key}\n\ncontent-length=13&content-md5=mQ%2FfVh815F3k6TAUm8m0eg%3D%3D&content-type=text%2Fplain`
    + '&date=Thu%2C%2016%20May%202019%2006%3A45%3A51%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com'
    + '&x-cos-acl=private&x-cos-grant-read=uin%3D%22100000000011%22\n');
  assert.equal(e.canonical.stringToSign, 'sha1\n1557989151;1557996351\n8b2751e77f43a0995d6e9eb9477f4b685cca4172\n');
  assert.deepEqual([e.verified, e.problems, e.key, e.bucket, e.region], [true, [], key, 'examplebucket-1250000000', 'ap-beijing']);
});

test('explainUrl: download example, its HttpString and StringToSign as documented', async () => {
  const url = `https://${host}/${encodedKey}?response-content-type=application%2Foctet-stream&response-cache-control=max-age%3D600&`
    + authQuery('1557989753;1557996953', 'date;host', 'response-cache-control;response-content-type', '01681b8c9d798a678e43b685a9f1bba0f6c0e012');
  const e = await explainUrl(url, { secretKey: credentials.secretKey, now: 1557989800, headers: { Date: 'Thu, 16 May 2019 06:55:53 GMT' } });
  assert.equal(e.canonical.httpString, `get\n/${key}\nresponse-cache-control=max-age%3D600&response-content-type=application%2Foctet-stream\n`
    + 'date=Thu%2C%2016%20May%202019%2006%3A55%3A53%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com\n');
  assert.equal(e.canonical.stringToSign, 'sha1\n1557989753;1557996953\n54ecfe22f59d3514fdc764b87a32d8133ea611e6\n');
  assert.deepEqual([e.verified, e.problems], [true, []]);
  assert.deepEqual([e.start, e.end, e.secondsLeft], [1557989753, 1557996953, 1557996953 - 1557989800]);
});
