// Loading the module: once per realm, from any source an app may have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const wasmPath = new URL('../../web/dist/cos-presign-core.wasm', import.meta.url);
const options = { secretId: 'AKIDexample', secretKey: 'secret', bucket: 'b-1250000000', region: 'ap-beijing', key: 'a', keyTime: '1;2' };

// Fresh copies of the module graph, so each test gets its own init() state.
let copy = 0;
async function freshPackage() {
  return import(`../../web/node.js?copy=${++copy}`);
}

test('init() returns the same promise every time', async () => {
  const { init } = await freshPackage();
  const first = init();
  assert.equal(init(), first);
  assert.equal(await first, await init());
});

test('init() accepts bytes, a compiled Module, a file URL and a Response', async () => {
  const bytes = await readFile(wasmPath);
  const expected = (await (await freshPackage()).init()).presignUrl(options);
  const sources = [
    bytes,
    new Uint8Array(bytes).buffer,
    await WebAssembly.compile(bytes),
    wasmPath,
    wasmPath.href,
    new Response(bytes, { headers: { 'content-type': 'application/wasm' } }),
    Promise.resolve(new Response(bytes)),
  ];
  for (const source of sources) {
    const { init } = await freshPackage();
    const signer = await init(source);
    assert.equal(signer.presignUrl(options), expected);
  }
});

test('a source that is not wasm is an InitError, and init() can be tried again', async () => {
  const { init, InitError } = await freshPackage();
  await assert.rejects(init(new Uint8Array([1, 2, 3])), (e) => e instanceof InitError && e.code === 'ERR_WASM_LOAD');
  await assert.rejects(init(new Response('not found', { status: 404 })), (e) => e.code === 'ERR_WASM_LOAD' && /404/.test(e.message));
  await assert.rejects(init(42), (e) => e.code === 'ERR_WASM_LOAD');
  const signer = await init();
  assert.match(signer.presignUrl(options), /^https:/);
});

test('works in a worker thread', async () => {
  const worker = new Worker(new URL('./fixtures/sign-in-worker.js', import.meta.url), { workerData: options });
  const url = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const { init } = await import('cos-presign');
  assert.equal(url, (await init()).presignUrl(options));
});

test('the package ships its entries, types and the wasm, and nothing else', () => {
  const root = new URL('../..', import.meta.url);
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
  const files = pack.files.map((f) => f.path).sort();
  for (const f of ['web/index.js', 'web/node.js', 'web/dist/node.mjs', 'web/index.d.ts', 'web/dist/cos-presign-core.mjs', 'web/dist/cos-presign-core.wasm', 'package.json', 'README.md']) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('tests/') || f.startsWith('.deps')), files.join(', '));
  const pkg = require('../../package.json');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'browser', 'node', 'default']);
});

test('the Node entry the package exports is the bundle of the current sources', async () => {
  const { bundleNodeEntry, NODE_BUNDLE } = await import('../../scripts/bundle-node.mjs');
  const pkg = require('../../package.json');
  assert.equal(pkg.exports['.'].node, `./${NODE_BUNDLE}`);
  const fresh = await bundleNodeEntry({ write: false });
  const shipped = readFileSync(new URL(`../../${NODE_BUNDLE}`, import.meta.url), 'utf8');
  assert.ok(shipped === fresh.outputFiles[0].text, `${NODE_BUNDLE} is stale: run npm run build`);
  // One file: importing it loads no other module of ours.
  assert.doesNotMatch(shipped, /^import .* from ["']\.\.?\//m);
});

test('the bundled Node entry and the sources sign alike', async () => {
  const bundled = await import('cos-presign');
  const source = await freshPackage();
  const options = { secretId: 'AKIDexample', secretKey: 'k', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', key: '照片/a b+c.jpg', keyTime: '1700000000;1700000600' };
  assert.equal((await bundled.init()).presignUrl(options), (await source.init()).presignUrl(options));
});
