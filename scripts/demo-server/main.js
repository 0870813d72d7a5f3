// `npm start`: the demo server. Environment:
//   HOST, PORT          page address (default 127.0.0.1:8080); PORT=0 picks a free port
//   OBJECT_PORT         the local COS endpoint's port (default PORT+1)
//   DEMO_PREFIX         the prefix download credentials are scoped to (default demo/)
//   DEMO_UPLOAD_PREFIX  the prefix upload (PutObject) credentials are scoped to (default uploads/)
//   DEMO_MAX_UPLOAD     the local endpoint's largest upload in bytes (default 10485760)
//   DEMO_BUCKET_DIR     serve this folder as the local bucket instead of generated samples
//   STS_DURATION        credential lifetime in seconds (default 1800)
//   COS_SECRET_ID, COS_SECRET_KEY, COS_BUCKET, COS_REGION
//                       all four: real mode, /api/sts asks Tencent's STS for GetObject
//                       credentials on DEMO_PREFIX of that bucket; COS_DEMO_KEYS lists
//                       the keys the page shows (comma-separated)
import { join } from 'node:path';
import { ROOT, startDemoServer } from './server.js';

const env = process.env;
function intFromEnv(name, fallback) {
  if (env[name] === undefined || env[name] === '') return fallback;
  const n = Number(env[name]);
  if (!Number.isInteger(n) || n < 0 || n > 65535 * 1000) {
    console.error(`demo: ${name} must be a whole number`);
    process.exit(2);
  }
  return n;
}

const realVars = ['COS_SECRET_ID', 'COS_SECRET_KEY', 'COS_BUCKET', 'COS_REGION'];
const givenReal = realVars.filter((v) => env[v]);
if (givenReal.length > 0 && givenReal.length < realVars.length) {
  console.error(`demo: real-bucket mode needs all of ${realVars.join(', ')}; missing ${realVars.filter((v) => !env[v]).join(', ')}`);
  process.exit(2);
}
const cos = givenReal.length === realVars.length ? {
  secretId: env.COS_SECRET_ID,
  secretKey: env.COS_SECRET_KEY,
  bucket: env.COS_BUCKET,
  region: env.COS_REGION,
  keys: (env.COS_DEMO_KEYS || '').split(',').map((k) => k.trim()).filter(Boolean),
} : undefined;

const port = intFromEnv('PORT', 8080);
const demo = await startDemoServer({
  host: env.HOST || '127.0.0.1',
  port,
  objectPort: env.OBJECT_PORT ? intFromEnv('OBJECT_PORT') : undefined,
  prefix: env.DEMO_PREFIX || 'demo/',
  uploadPrefix: env.DEMO_UPLOAD_PREFIX || 'uploads/',
  maxUploadBytes: intFromEnv('DEMO_MAX_UPLOAD', 10 * 1024 * 1024),
  // The generated samples live in the ignored build/ folder; a folder of your own is served as it is.
  bucketDir: env.DEMO_BUCKET_DIR || join(ROOT, 'build', 'demo-bucket'),
  seed: !env.DEMO_BUCKET_DIR,
  stsDurationSeconds: intFromEnv('STS_DURATION', 1800),
  cos,
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});

const shown = demo.pageOrigin.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
console.log(`cos-presign demo: ${shown}/demo/`);
if (cos) {
  console.log(`  real bucket ${demo.bucket} (${demo.region}); credentials scoped to GetObject on ${demo.prefix}* and ${demo.uploadPrefix}*, PutObject on ${demo.uploadPrefix}*`);
} else {
  console.log(`  local COS endpoint ${demo.objectOrigin} for bucket ${demo.bucket}, files in ${demo.bucketDir}`);
  console.log(`  credentials from /api/sts: GetObject on ${demo.prefix}* and ${demo.uploadPrefix}*, PutObject on ${demo.uploadPrefix}*`);
}
console.log('  Ctrl-C stops it.');

const stop = () => demo.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
