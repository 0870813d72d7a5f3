// 100,000 signatures through each public call leave wasm linear memory and the
// JS heap flat after warm-up (scripts/memory-soak.js in a child process with
// --expose-gc; `npm run soak` runs the full million).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/memory-soak.js', import.meta.url));
// A leak of one small object per call would add well over this in 100k calls.
const HEAP_SLACK = 1024 * 1024;

test('100k signatures per call: linear memory and JS heap stay flat', () => {
  const out = execFileSync(process.execPath, ['--expose-gc', script, '100000'], { encoding: 'utf8' });
  const rows = out.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(rows.map((r) => r.call), ['authorization', 'presignUrl', 'presignUrls']);
  for (const r of rows) {
    assert.equal(r.signatures, 100000);
    assert.equal(r.linearAfter, r.linearBefore, `${r.call}: linear memory grew`);
    assert.ok(r.heapAfter - r.heapBefore < HEAP_SLACK, `${r.call}: JS heap grew by ${r.heapAfter - r.heapBefore} bytes`);
  }
});

// Batches go to the core in chunks (web/wire.js runChunked): however many
// keys, linear memory ends at most 1 MiB (it starts at 256 KiB and never
// shrinks, so a batch that grew it would show here). Fresh signers, so the
// other tests' calls do not count.
test('a batch of 100,000 (COS and SigV4, long keys and token) leaves linear memory at most 1 MiB', async () => {
  const { init } = await import('cos-presign/sigv4');
  const { linearMemory } = await import('../../web/testing.js');
  const keys = Array.from({ length: 100_000 }, (_, i) => `dir ${i % 100}/报告 ${i}+😀/${'k'.repeat(i % 300)}.pdf`);
  const cos = await init();
  const cosUrls = cos.presignUrls({
    secretId: 'AKIDmemory', secretKey: 'k', sessionToken: 't'.repeat(1000), bucket: 'examplebucket-1250000000',
    region: 'ap-guangzhou', keyTime: '1700000000;1700000900', query: { 'imageMogr2/thumbnail/!50p': null },
  }, keys);
  assert.equal(cosUrls.length, keys.length);
  assert.ok(linearMemory(cos).length <= 1024 * 1024, `COS: ${linearMemory(cos).length} bytes`);
  const v4 = await init();
  const v4Urls = v4.presignUrlsV4({ accessKeyId: 'AKIAMEMORY', secretAccessKey: 'k', sessionToken: 't'.repeat(1000), region: 'us-east-1', bucket: 'b-1', date: 1700000000 }, keys);
  assert.equal(v4Urls.length, keys.length);
  assert.ok(linearMemory(v4).length <= 1024 * 1024, `SigV4: ${linearMemory(v4).length} bytes`);
});

// The shared parts (here a 1 MiB session token in the tail) are decoded once
// per batch and shared by every URL, not once per chunk or per key: 20,000
// URLs hold ~1 MiB of token, where a copy per URL would exhaust the JS heap.
test('a batch with a 1 MiB session token shares one decoded tail: the JS heap grows by megabytes, not gigabytes', async () => {
  const { init } = await import('cos-presign');
  const signer = await init();
  const token = 't'.repeat(2 ** 20);
  const before = process.memoryUsage().heapUsed;
  const urls = signer.presignUrls({
    secretId: 'AKIDmemory', secretKey: 'k', sessionToken: token, bucket: 'examplebucket-1250000000',
    region: 'ap-guangzhou', keyTime: '1700000000;1700000900',
  }, Array.from({ length: 20_000 }, (_, i) => `dir/${i}.jpg`));
  const grown = process.memoryUsage().heapUsed - before;
  assert.equal(urls.length, 20_000);
  assert.ok(urls[19_999].endsWith(token) && urls[19_999].includes('/dir/19999.jpg?'));
  assert.ok(grown < 128 * 2 ** 20, `JS heap grew by ${grown} bytes`);
});
