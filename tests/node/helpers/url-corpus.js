// A fixed corpus of signing calls whose URLs must never change when the
// signer's internals do (issue 13: "the URLs do not change"). Every call is
// deterministic (fixed keyTime / date), so its URLs can be compared with a
// snapshot taken before a change (tests/node/fixtures/url-corpus.json) and,
// independently, with the official SDKs (tests/node/url-corpus.test.js).

// Keys that trip signers: Unicode, '+', spaces, reserved and unreserved
// punctuation, percent signs, deep paths, a leading '/', the 850-byte limit.
export const KEYS = [
  'a.txt',
  'photos/2024/IMG 0001.JPG',
  '报告 2024/第1季度+附录.pdf',
  'emoji/😀 smile 🎉.png',
  'plus+and space/a+b c.txt',
  'percent%20literal%2B.txt',
  "reserved!*'();:@&=$,?#[].txt",
  'unreserved-_.~/x',
  '/leading/slash.txt',
  'ünïcödé/Ελληνικά/русский/العربية/עברית.bin',
  'tab-free but    many     spaces   .txt',
  'k'.repeat(850),
  '腾'.repeat(283),
];

// Image-processing and response parameters (COS CI: a parameter without a
// value is a processing rule), and a signed header.
export const COS_OPTION_SETS = [
  {},
  { query: { 'imageMogr2/thumbnail/!50p': null } },
  { query: { 'imageMogr2/crop/300x300/gravity/center|watermark/2/text/5L2g5aW9/fill/I0ZGRkZGRg': null, 'ci-process': 'imageInfo' } },
  { query: { 'response-content-disposition': 'attachment; filename="报告 1+1.pdf"', 'response-content-type': 'image/jpeg' } },
  { query: { 'x-cos-traffic-limit': 819200, versionId: 'MTg0NDUxMzc2OTI3NjM1MTQ3Nzg' }, headers: { 'x-cos-meta-a': 'b c' } },
  { method: 'head', protocol: 'http' },
  { domain: 'cdn.example.com:8443' },
];

export const COS_COMMON = {
  secretId: 'AKIDcorpuscorpuscorpus01',
  secretKey: 'corpus secret key ✓ 2024',
  sessionToken: 'tok+/=_-.~ en%co&de'.repeat(20),
  bucket: 'examplebucket-1250000000',
  region: 'ap-guangzhou',
  keyTime: '1700000000;1700000900',
};

export const V4_COMMON = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE+/=Example'.repeat(8),
  region: 'us-east-1',
  bucket: 'example-bucket',
  date: 1700000000,
  expires: 3600,
};

// The AWS SDK's presigner signs X-Amz-Content-Sha256=UNSIGNED-PAYLOAD into
// every URL; ours adds nothing by itself, so the corpus passes it.
const UNSIGNED = { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' };
export const V4_OPTION_SETS = [
  { query: UNSIGNED },
  { query: { ...UNSIGNED, 'response-content-disposition': 'attachment; filename="报告 1+1.pdf"', 'x-id': 'GetObject' } },
  { pathStyle: true, query: { ...UNSIGNED, 'imageMogr2/thumbnail/!50p': null } },
  { endpoint: 'https://cos.ap-guangzhou.myqcloud.com', region: 'ap-guangzhou', headers: { Range: 'bytes=0-99' }, query: UNSIGNED },
  { sessionToken: undefined, method: 'HEAD', query: UNSIGNED },
];

// The big batch: 100,000 keys mixing the shapes above, deterministic.
export function batchKeys(n) {
  const keys = new Array(n);
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0: keys[i] = `dir ${i % 97}/文件 ${i}+v.jpg`; break;
      case 1: keys[i] = `plain/${i}.txt`; break;
      case 2: keys[i] = `emoji 😀/${i}/a+b c%.png`; break;
      case 3: keys[i] = `${KEYS[i % 11]}-${i}`; break;
      default: keys[i] = `deep/${'x/'.repeat(i % 13)}${i}`;
    }
  }
  return keys;
}

export const BIG_BATCH = 100_000;
