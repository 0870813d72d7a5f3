// The tarball installed into a throwaway app and run in Node (ESM import and
// require()), Deno and Bun, each loading the wasm every way init() takes it
// (its default location, a URL, a Response, bytes, a WebAssembly.Module;
// through init() or the presigner's `wasm` option): the same fixed requests,
// byte for byte the same results as Node's, which are checked against
// independent references.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { app, BIN, jsonOut, run, WORK } from './helpers/package.js';
import { checkAgainstReferences } from './helpers/reference.js';

const MODES = ['default', 'url', 'response', 'bytes', 'module'];
const ENTRIES = ['cos', 'sigv4'];
let dir;
const reference = {};

before(() => {
  dir = app('node', { type: 'commonjs' });
});

async function node(script, entry, mode, via) {
  const r = await run(process.execPath, [script, entry, mode, via], { cwd: dir });
  return jsonOut(r, `node ${script} ${entry} ${mode} ${via}`);
}

test('Node ESM (import): both entries, checked against Tencent, AWS and cos-nodejs-sdk-v5', async () => {
  for (const entry of ENTRIES) {
    reference[entry] = await node('run.mjs', entry, 'default', 'init');
    checkAgainstReferences(reference[entry], { sigv4: entry === 'sigv4' });
    assert.equal(reference[entry].sameErrorClasses, true);
    assert.equal(reference[entry].brokenWasmIgnoredOnceLoaded, 'loaded', 'init() returns the loaded signer');
  }
});

test('Node ESM: every way of loading the wasm gives the same results', async () => {
  for (const entry of ENTRIES) {
    for (const mode of MODES) assert.deepEqual(await node('run.mjs', entry, mode, 'init'), reference[entry], `${entry} ${mode}`);
    for (const mode of ['default', 'module']) assert.deepEqual(await node('run.mjs', entry, mode, 'presigner'), reference[entry], `${entry} ${mode} via the presigner`);
  }
});

test('Node require(): both entries, every way of loading, the same results', async () => {
  for (const entry of ENTRIES) {
    for (const mode of MODES) assert.deepEqual(await node('run.cjs', entry, mode, 'init'), reference[entry], `require ${entry} ${mode}`);
    assert.deepEqual(await node('run.cjs', entry, 'default', 'presigner'), reference[entry]);
  }
});

test('Node: a failed load is an InitError ERR_WASM_LOAD with its cause, in ESM and require()', async () => {
  const script = `
    const cases = { notWasm: new Uint8Array([1, 2, 3]), missingFile: new URL('file:///nonexistent/x.wasm'), http404: new Response('no', { status: 404 }), wrongType: 42 };
    const out = {};
    for (const [name, source] of Object.entries(cases)) {
      out[name] = await pkg.init(source).then(() => 'loaded', (e) => ({ name: e.name, code: e.code, isInitError: e instanceof pkg.InitError, hasCause: e.cause !== undefined }));
    }
    console.log(JSON.stringify(out));`;
  const esm = await run(process.execPath, ['--input-type=module', '-e', `import * as pkg from 'cos-presign';${script}`], { cwd: dir });
  const cjs = await run(process.execPath, ['-e', `const pkg = require('cos-presign/sigv4'); (async () => {${script}})()`], { cwd: dir });
  for (const r of [jsonOut(esm, 'esm'), jsonOut(cjs, 'cjs')]) {
    for (const name of ['notWasm', 'missingFile', 'http404', 'wrongType']) {
      assert.deepEqual(r[name], { name: 'InitError', code: 'ERR_WASM_LOAD', isInitError: true, hasCause: true }, name);
    }
  }
});

test('Deno (npm package "deno"): both entries, with --allow-read on the package only', async () => {
  const deno = join(BIN, 'deno');
  const env = { DENO_DIR: join(WORK, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  for (const entry of ENTRIES) {
    for (const mode of ['default', 'url', 'bytes', 'response', 'module']) {
      const r = await run(deno, ['run', '--allow-read=node_modules/cos-presign', 'run.mjs', entry, mode], { cwd: dir, env });
      assert.deepEqual(jsonOut(r, `deno ${entry} ${mode}`), reference[entry], `deno ${entry} ${mode}`);
    }
  }
  // Without --allow-read the default location cannot be read: a clear InitError, not a crash.
  const denied = jsonOut(await run(deno, ['run', '--no-prompt', 'init-default.mjs'], { cwd: dir, env }), 'deno without --allow-read');
  assert.equal(denied.code, 'ERR_WASM_LOAD', JSON.stringify(denied));
  assert.equal(denied.name, 'InitError');
  assert.match(denied.message, /could not load the WebAssembly module/);
  const allowed = jsonOut(await run(deno, ['run', '--allow-read=node_modules/cos-presign', 'init-default.mjs'], { cwd: dir, env }), 'deno');
  assert.deepEqual(allowed, { loaded: 'function' });
});

test('Bun (npm package "bun"): both entries', async () => {
  const bun = join(BIN, 'bun');
  for (const entry of ENTRIES) {
    for (const mode of ['default', 'url', 'bytes', 'response', 'module']) {
      const r = await run(bun, ['run.mjs', entry, mode], { cwd: dir, env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', NO_COLOR: '1' } });
      assert.deepEqual(jsonOut(r, `bun ${entry} ${mode}`), reference[entry], `bun ${entry} ${mode}`);
    }
  }
});

test('bun build: the bundle finds the wasm once it is copied beside it, and says ERR_WASM_LOAD until then', async () => {
  const bun = join(BIN, 'bun');
  const { cpSync, rmSync } = await import('node:fs');
  const out = join(dir, 'out-bun');
  rmSync(out, { recursive: true, force: true });
  const built = await run(bun, ['build', 'init-default.mjs', 'run.mjs', '--target=bun', `--outdir=${out}`], { cwd: dir, env: { NO_COLOR: '1' } });
  assert.equal(built.status, 0, built.stdout + built.stderr);
  const missing = jsonOut(await run(bun, [join(out, 'init-default.js')], { cwd: out }), 'bun build output');
  assert.equal(missing.code, 'ERR_WASM_LOAD', JSON.stringify(missing));
  for (const f of ['cos-presign-core.wasm', 'cos-presign-core-sigv4.wasm']) cpSync(join(dir, 'node_modules/cos-presign/web/dist', f), join(out, f));
  for (const entry of ENTRIES) {
    assert.deepEqual(jsonOut(await run(bun, [join(out, 'run.js'), entry, 'default'], { cwd: out }), `bun build ${entry}`), reference[entry]);
  }
});
