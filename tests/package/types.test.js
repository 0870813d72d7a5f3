// The installed package's types, as a strict TypeScript project sees them:
// tests/package/apps/types/usage.ts (both entries, every documented API and
// credential shape, the .wasm subpaths) with moduleResolution "bundler" and
// "node16" (ESM, and a CommonJS file using require()), each misuse marked
// @ts-expect-error. An unused @ts-expect-error is an error too, so a misuse
// that type-checks fails the test.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { app, BIN, run } from './helpers/package.js';

let dir;
before(() => {
  dir = app('types');
});

for (const config of ['tsconfig.bundler.json', 'tsconfig.node16.json']) {
  test(`tsc -p ${config}: the package's types accept every documented use and refuse each misuse`, async () => {
    const r = await run(join(BIN, 'tsc'), ['-p', config], { cwd: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
}

test('tsc really checks: a misuse without its @ts-expect-error line fails', async () => {
  const { readFile, writeFile } = await import('node:fs/promises');
  const file = join(dir, 'usage.ts');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace("  // @ts-expect-error SigV4 is not in 'cos-presign': its signer has no presignUrlV4\n", ''));
  const r = await run(join(BIN, 'tsc'), ['-p', 'tsconfig.bundler.json'], { cwd: dir });
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /Property 'presignUrlV4' does not exist on type 'Signer'/);
});
