// Loading the module: once per realm, from any source an app may have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

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

test('the Node entries the package exports are the bundles of the current sources', async () => {
  const { bundleNodeEntry, bundleCommonJs, commonJsTypes, NODE_BUNDLES, CJS_BUNDLES } = await import('../../scripts/bundle-node.mjs');
  const pkg = require('../../package.json');
  assert.equal(pkg.exports['.'].node.default, `./${NODE_BUNDLES['web/node.js']}`);
  assert.equal(pkg.exports['./sigv4'].node.default, `./${NODE_BUNDLES['web/node-sigv4.js']}`);
  assert.equal(pkg.exports['.'].node.require, `./${CJS_BUNDLES['web/node.js']}`);
  assert.equal(pkg.exports['./sigv4'].node.require, `./${CJS_BUNDLES['web/node-sigv4.js']}`);
  const fresh = await bundleNodeEntry({ write: false });
  assert.equal(fresh.outputFiles.length, 3, 'two entries and their shared chunk');
  const stale = (path, text) => assert.ok(readFileSync(path, 'utf8') === text, `${path} is stale: run npm run build`);
  for (const file of fresh.outputFiles) {
    stale(file.path, file.text);
    // No module of ours loaded from the sources: only the shared chunk.
    for (const [, from] of file.text.matchAll(/^import [^;]*? from ["'](\.[^"']*)["']/gm)) assert.equal(from, './node-shared.mjs');
  }
  const cjs = (await bundleCommonJs({ write: false })).flatMap((r) => r.outputFiles);
  assert.equal(cjs.length, 3, 'two require() entries and their shared error classes');
  for (const file of cjs) {
    stale(file.path, file.text);
    for (const [, from] of file.text.matchAll(/require\(["'](\.[^"']*)["']\)/g)) assert.equal(from, './node-errors.cjs');
  }
  const root = new URL('../../', import.meta.url);
  for (const [file, text] of Object.entries(await commonJsTypes())) stale(new URL(file, root), text);
});

test('the bundled Node entry and the sources sign alike', async () => {
  const bundled = await import('cos-presign');
  const source = await freshPackage();
  const options = { secretId: 'AKIDexample', secretKey: 'k', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', key: '照片/a b+c.jpg', keyTime: '1700000000;1700000600' };
  assert.equal((await bundled.init()).presignUrl(options), (await source.init()).presignUrl(options));
});

test("'cos-presign' loads the COS module; SigV4 is in 'cos-presign/sigv4', which signs COS alike", async () => {
  const cos = await import('cos-presign');
  const sigv4 = await import('cos-presign/sigv4');
  const cosSigner = await cos.init();
  const fullSigner = await sigv4.init();
  assert.notEqual(cosSigner, fullSigner, 'two modules, one init() each');
  const options = { secretId: 'AKIDexample', secretKey: 'k', sessionToken: 'tok', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', keyTime: '1700000000;1700000600', query: { 'response-content-disposition': 'attachment' } };
  const keys = ['a.jpg', '照片/b c+d.png', 'x/'.repeat(40) + 'z'];
  assert.deepEqual(cosSigner.presignUrls(options, keys), fullSigner.presignUrls(options, keys));
  const auth = { secretId: 'AKIDexample', secretKey: 'k', key: 'a b', keyTime: '1700000000;1700000600', headers: { Range: 'bytes=0-9' } };
  assert.equal(cosSigner.authorization(auth), fullSigner.authorization(auth));

  const v4 = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret', region: 'us-east-1', bucket: 'examplebucket', key: 'a', date: 1700000000 };
  assert.match(fullSigner.presignUrlV4(v4), /X-Amz-Signature=[0-9a-f]{64}$/);
  for (const call of [() => cosSigner.presignUrlV4(v4), () => cosSigner.presignUrlsV4({ ...v4, key: undefined }, ['a'])]) {
    assert.throws(call, (e) => e instanceof cos.InitError && e instanceof sigv4.InitError && e.code === 'ERR_NOT_IN_MODULE' &&
      e.message.includes("'cos-presign/sigv4'") && !e.message.includes('secret'));
  }
  // The presigner refuses when it is made, not at its first URL.
  assert.throws(() => cos.createPresigner({ signature: 'v4', bucket: 'examplebucket', region: 'us-east-1', credentials: '/api/sts' }),
    (e) => e instanceof cos.InitError && e.code === 'ERR_NOT_IN_MODULE');
  assert.ok(sigv4.createPresigner({ signature: 'v4', bucket: 'examplebucket', region: 'us-east-1', credentials: '/api/sts' }));
  // One set of error classes for both entries.
  assert.equal(cos.InvalidArgumentError, sigv4.InvalidArgumentError);
});

test('the COS module answers a SigV4 request with ERR_NOT_IN_MODULE, not a crash', async () => {
  const { init } = await import('cos-presign');
  const signer = await init();
  const core = signer._wire.core;
  assert.equal(core.supportedOps(), (1 << 1) | (1 << 2));
  const at = core.reserveInput(1);
  core.HEAPU8[at] = 3;
  assert.equal(core.handleRequest(1), false);
  const [ptr, len] = new Uint32Array(core.HEAPU8.buffer, core.responseSlot(), 2);
  assert.match(new TextDecoder().decode(core.HEAPU8.subarray(ptr, ptr + len)), /^ERR_NOT_IN_MODULE\x1fsignature\x1f/);
  assert.match(signer.presignUrl({ secretId: 'AKIDexample', secretKey: 'k', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', key: 'a' }), /^https:/);
});
