// `npm start` until the demo page lands: signs a download URL with example
// credentials and shows what it is made of.
import { init } from 'cos-presign';

const signer = await init();
const options = {
  secretId: 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q',
  secretKey: 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz',
  sessionToken: 'example-sts-token',
  bucket: 'examplebucket-1250000000',
  region: 'ap-guangzhou',
  key: 'photos/2026/报告 final+v2.pdf',
  expires: 600,
  query: { 'response-content-disposition': "attachment; filename*=UTF-8''report.pdf" },
};
let started = performance.now();
const url = signer.presignUrl(options);
const firstMicros = (performance.now() - started) * 1000;
started = performance.now();
for (let i = 0; i < 1000; i++) signer.presignUrl(options);
const warmMicros = performance.now() - started; // ms for 1000 = µs each
console.log(`Pre-signed download URL, valid 600 s (first call ${firstMicros.toFixed(0)} µs, then ${warmMicros.toFixed(1)} µs each):\n\n${url}\n`);
const u = new URL(url);
console.log(`host        ${u.host}`);
console.log(`object key  ${decodeURIComponent(u.pathname.slice(1))}`);
for (const [name, value] of u.searchParams) console.log(`${name.padEnd(30)}${value}`);
