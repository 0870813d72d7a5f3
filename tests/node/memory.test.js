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
