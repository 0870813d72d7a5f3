// Cold start, cos-js-sdk-v5: a fresh process times require -> new COS -> first URL.
const t0 = performance.now();
const warn = console.warn;
console.warn = () => {}; // it warns that it is a browser SDK
const COS = require('cos-js-sdk-v5');
console.warn = warn;
const o = { SecretId: 'AKIDbenchbenchbenchbenchbenchbench12', SecretKey: 'benchsecretkeybenchsecretkey1234', SecurityToken: 'x'.repeat(640) };
const cos = new COS(o);
const url = cos.getObjectUrl({ Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou', Key: 'photos/first.jpg', Sign: true, Expires: 900 });
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, ok: typeof url === 'string' && url.startsWith('https://') }) + '\n');
