#!/usr/bin/env node
// Signs N times through each public call and reports whether wasm linear
// memory and the JS heap stay flat after warm-up. Needs --expose-gc.
//
//   node --expose-gc scripts/memory-soak.js [signatures=1000000]   (npm run soak)
//
// Prints one JSON line per call: { call, signatures, seconds, linearBefore,
// linearAfter, heapBefore, heapAfter } (bytes; "before" = after warm-up).
// tests/node/memory.test.js runs it with fewer signatures.
import { init } from 'cos-presign';
import { linearMemory } from '../web/testing.js';

if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
const signatures = Number(process.argv[2] ?? 1_000_000);
const warmup = Math.max(1000, Math.floor(signatures / 10));
const BATCH = 100;

const signer = await init();
const common = {
  secretId: 'AKIDexample', secretKey: 'soak-secret-key', sessionToken: 'token', bucket: 'examplebucket-1250000000',
  region: 'ap-guangzhou', startTime: 1700000000, expires: 600,
  query: { 'response-content-disposition': 'attachment; filename="报告.pdf"', 'x-a': null },
};
const keys = Array.from({ length: BATCH }, (_, i) => `dir/报告 ${i}+😀.pdf`);
let i = 0;
const calls = {
  // Each step makes one signature, or BATCH for presignUrls; keys vary so no
  // result is cached anywhere.
  authorization: () => signer.authorization({ ...common, sessionToken: undefined, bucket: undefined, region: undefined, key: keys[i++ % BATCH], headers: { Range: 'bytes=0-9' } }),
  presignUrl: () => signer.presignUrl({ ...common, key: keys[i++ % BATCH] }),
  presignUrls: () => signer.presignUrls(common, keys),
};

function measure() {
  gc();
  gc();
  return { linear: linearMemory(signer).byteLength, heap: process.memoryUsage().heapUsed };
}

for (const [call, step] of Object.entries(calls)) {
  const per = call === 'presignUrls' ? BATCH : 1;
  let sink = 0;
  for (let n = 0; n < warmup; n += per) sink += step().length;
  const before = measure();
  const started = process.hrtime.bigint();
  for (let n = 0; n < signatures; n += per) sink += step().length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = measure();
  console.log(JSON.stringify({
    call, signatures, seconds: Number(seconds.toFixed(2)), linearBefore: before.linear, linearAfter: after.linear,
    heapBefore: before.heap, heapAfter: after.heap, sink: sink > 0,
  }));
}
