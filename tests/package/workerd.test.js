// The tarball in a Cloudflare Worker, run by workerd through miniflare (npm):
// the Worker imports the .wasm as a module and hands it to init() or to the
// presigner's `wasm` option, and signs the same fixed requests as Node, byte
// for byte. Loading without a Module (no source, bytes) is a clear InitError.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { app, jsonOut, run } from './helpers/package.js';
import { bundleWorker } from './helpers/worker-build.js';

let dir;
let script;
const started = [];

before(async () => {
  dir = app('worker', { files: ['worker', 'node'] });
  script = await bundleWorker({ dir, entry: 'worker.js', outdir: join(dir, 'out') });
});
after(async () => {
  for (const mf of started) await mf.dispose();
});

// A fresh workerd per case, so every case loads the wasm itself.
async function worker() {
  const mf = new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2025-09-01',
  });
  started.push(mf);
  return mf;
}

async function get(mf, query) {
  const res = await mf.dispatchFetch(`http://worker.test/?${query}`);
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

test('workerd: init(importedModule) and the presigner\'s wasm option sign as Node does, both entries', async () => {
  for (const entry of ['cos', 'sigv4']) {
    const node = jsonOut(await run(process.execPath, ['run.mjs', entry, 'module'], { cwd: dir }), `node ${entry}`);
    for (const via of ['init', 'presigner']) {
      const mf = await worker();
      assert.deepEqual(await get(mf, `entry=${entry}&via=${via}`), node, `${entry} via ${via}`);
    }
  }
});

test('workerd: no source or bytes give InitError ERR_WASM_LOAD with the cause, not a raw TypeError', async () => {
  const mf = await worker();
  const r = await get(mf, 'check=load-errors');
  const initError = { name: 'InitError', code: 'ERR_WASM_LOAD', isInitError: true, hasCause: true };
  assert.deepEqual(r, { noSource: initError, bytes: initError, importedModuleIsAModule: true });
});
