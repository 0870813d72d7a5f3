// Tiny apps that import `cos-presign` by name, bundled by esbuild the way a
// user would (the tarball installed in node_modules by npm), served under the
// same strict CSP and run in Chromium against the demo's local COS endpoint:
// the README's two esbuild recipes (file loader, copied wasm), the sigv4 entry,
// and a COS-only bundle without SigV4.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startDemoServer, ROOT } from '../../scripts/demo-server/server.js';
import { launch, openPage } from '../browser/helpers/browser.js';
import { app } from './helpers/package.js';

let project;
let browser;

before(async () => {
  // A user's project: its sources, and the package installed from the tarball.
  project = app('esbuild');
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function bundle(entry, outdir) {
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: project,
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    outdir,
    loader: { '.wasm': 'file' },
    logLevel: 'silent',
    metafile: true,
  });
  await copyFile(join(project, entry.replace(/\.js$/, '.html')), join(outdir, 'index.html'));
  return result;
}

async function runInBrowser(outdir) {
  const demo = await startDemoServer({ port: 0, extraStatic: { '/app/': outdir } });
  try {
    const wasmResponses = [];
    const { page, problems } = await openPage(browser.context, `${demo.pageOrigin}/app/`, {
      beforeLoad: (p) => p.on('response', (r) => {
        if (r.url().endsWith('.wasm')) wasmResponses.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] });
      }),
    });
    await page.waitForSelector('body[data-result]');
    const result = JSON.parse(await page.getAttribute('body', 'data-result'));
    const v4 = await page.getAttribute('body', 'data-v4');
    const csp = (await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy')));
    await page.close();
    return { result, v4, problems, wasmResponses, csp, demo };
  } finally {
    await demo.close();
  }
}


test('esbuild with the file loader: the wasm is emitted, served as application/wasm and used', async () => {
  const outdir = join(ROOT, 'test-artifacts', 'bundle-file-loader');
  const result = await bundle('with-file-loader.js', outdir);
  const emitted = (await readdir(outdir)).filter((f) => f.endsWith('.wasm'));
  assert.equal(emitted.length, 1, 'esbuild emitted the wasm file');
  assert.deepEqual(await readFile(join(outdir, emitted[0])), await readFile(join(ROOT, 'web', 'dist', 'cos-presign-core.wasm')));
  assert.ok(Object.keys(result.metafile.inputs).some((f) => f.endsWith('node_modules/cos-presign/web/index.js')), 'the browser entry of the installed package was bundled');
  const run = await runInBrowser(outdir);
  assert.equal(run.result.status, 200, JSON.stringify(run.result));
  assert.match(run.result.text, /Hello from the local COS bucket/);
  assert.match(run.csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.deepEqual(run.wasmResponses.map((r) => [new URL(r.url).pathname, r.status, r.type]), [[`/app/${emitted[0]}`, 200, 'application/wasm']]);
  assert.deepEqual(run.problems, []);
});

test('esbuild without a wasm loader: init fails clearly until the wasm is copied to dist/ beside the bundle', async () => {
  const outdir = join(ROOT, 'test-artifacts', 'bundle-copied-wasm');
  await bundle('with-copied-wasm.js', outdir);
  assert.deepEqual((await readdir(outdir)).filter((f) => f.endsWith('.wasm')), [], 'esbuild does not emit new URL() assets');

  const missing = await runInBrowser(outdir);
  assert.equal(missing.result.code, 'ERR_WASM_LOAD', JSON.stringify(missing.result));
  assert.match(missing.result.error, /could not load the WebAssembly module/);

  await mkdir(join(outdir, 'dist'));
  await copyFile(join(project, 'node_modules/cos-presign/web/dist/cos-presign-core.wasm'), join(outdir, 'dist', 'cos-presign-core.wasm'));
  const run = await runInBrowser(outdir);
  assert.equal(run.result.status, 200, JSON.stringify(run.result));
  assert.match(run.result.text, /Hello from the local COS bucket/);
  assert.deepEqual(run.wasmResponses.map((r) => [new URL(r.url).pathname, r.status, r.type]), [['/app/dist/cos-presign-core.wasm', 200, 'application/wasm']]);
  assert.deepEqual(run.problems, []);
});

test("'cos-presign/sigv4' bundled: its own wasm is emitted and used, COS links download, SigV4 matches AWS's example", async () => {
  const outdir = join(ROOT, 'test-artifacts', 'bundle-sigv4');
  const result = await bundle('with-sigv4.js', outdir);
  const emitted = (await readdir(outdir)).filter((f) => f.endsWith('.wasm'));
  assert.equal(emitted.length, 1);
  assert.deepEqual(await readFile(join(outdir, emitted[0])), await readFile(join(ROOT, 'web', 'dist', 'cos-presign-core-sigv4.wasm')));
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((f) => f.endsWith('node_modules/cos-presign/web/index-sigv4.js')) && inputs.some((f) => f.endsWith('node_modules/cos-presign/web/dist/cos-presign-core-sigv4.mjs')));
  assert.ok(!inputs.some((f) => f.endsWith('web/dist/cos-presign-core.mjs')), 'not the COS-only glue as well');
  const run = await runInBrowser(outdir);
  assert.equal(run.result.status, 200, JSON.stringify(run.result));
  assert.match(run.result.text, /Hello from the local COS bucket/);
  // AWS's published pre-signed URL example, and the same URL as Node makes.
  assert.equal(new URL(run.v4).searchParams.get('X-Amz-Signature'), 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  const { init: initNode } = await import(join(project, 'node_modules/cos-presign/web/dist/node-sigv4.mjs'));
  assert.equal(run.v4, (await initNode()).presignUrlV4({
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1', endpoint: 'https://s3.amazonaws.com', bucket: 'examplebucket', key: 'test.txt', date: 1369353600, expires: 86400,
  }));
  assert.deepEqual(run.wasmResponses.map((r) => [new URL(r.url).pathname, r.status, r.type]), [[`/app/${emitted[0]}`, 200, 'application/wasm']]);
  assert.deepEqual(run.problems, []);
});

test('a COS-only app bundles none of SigV4', async () => {
  const outdir = join(ROOT, 'test-artifacts', 'bundle-cos-only');
  const result = await bundle('with-file-loader.js', outdir);
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(!inputs.some((f) => /web\/(sigv4|index-sigv4)\.js$|cos-presign-core-sigv4/.test(f)), inputs.join(', '));
  const js = (await readdir(outdir)).filter((f) => f.endsWith('.js'));
  for (const f of js) assert.doesNotMatch(await readFile(join(outdir, f), 'utf8'), /X-Amz-/);
});
