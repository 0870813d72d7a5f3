// The tarball installed into one browser app, bundled by esbuild, Vite (build
// and dev server) and webpack 5, run in Chromium under the strict CSP
// (script-src 'self' 'wasm-unsafe-eval'): for every way of loading the wasm,
// both entries sign the same fixed requests as Node byte for byte, a link
// downloads through the local COS endpoint, and the console stays clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild, createServer as viteServer } from 'vite';
import webpack from 'webpack';
import { startDemoServer } from '../../scripts/demo-server/server.js';
import { launch, openPage } from '../browser/helpers/browser.js';
import { app, jsonOut, run } from './helpers/package.js';

const MODES = ['default', 'url', 'response', 'bytes', 'module'];
const CSP = "script-src 'self' 'wasm-unsafe-eval'";
let dir;
let browser;
let demo;
const reference = {};

async function buildEsbuild() {
  const outdir = join(dir, 'out-esbuild');
  await esbuild({ absWorkingDir: dir, entryPoints: ['main.js'], bundle: true, format: 'esm', platform: 'browser', minify: true, outdir, logLevel: 'silent' });
  await copyFile(join(dir, 'bundle.html'), join(outdir, 'index.html'));
  // esbuild leaves new URL(…, import.meta.url) alone: the README's recipe is to
  // copy the files to dist/ beside the bundle (or pass init() their URL).
  await mkdir(join(outdir, 'dist'));
  for (const f of ['cos-presign-core.wasm', 'cos-presign-core-sigv4.wasm']) await copyFile(join(dir, 'node_modules/cos-presign/web/dist', f), join(outdir, 'dist', f));
  return outdir;
}

async function buildVite() {
  await viteBuild({ root: dir, configFile: join(dir, 'vite.config.js'), logLevel: 'warn' });
  return join(dir, 'out-vite');
}

async function buildWebpack() {
  const config = (await import(join(dir, 'webpack.config.js'))).default;
  const stats = await new Promise((resolve, reject) => webpack({ ...config, context: dir }, (err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  await copyFile(join(dir, 'bundle.html'), join(config.output.path, 'index.html'));
  return config.output.path;
}

// No bundler: the app's own modules next to its page; the package's web/
// folder served at /vendor/cos-presign/ (see extraStatic below).
async function plainApp() {
  const out = join(dir, 'out-plain');
  await mkdir(out, { recursive: true });
  for (const f of ['plain.js', 'app.js', 'sign-all.mjs']) await copyFile(join(dir, f), join(out, f));
  await copyFile(join(dir, 'plain.html'), join(out, 'index.html'));
  return out;
}

before(async () => {
  dir = app('browser', { files: ['browser', 'node'] });
  for (const entry of ['cos', 'sigv4']) {
    // What signAll gives (run.mjs adds two checks of its own).
    const { sameErrorClasses, brokenWasmIgnoredOnceLoaded, ...signed } = jsonOut(await run(process.execPath, ['run.mjs', entry, 'module'], { cwd: dir }), `node ${entry}`);
    reference[entry] = signed;
  }
  const [esbuildOut, viteOut, webpackOut] = [await buildEsbuild(), await buildVite(), await buildWebpack()];
  demo = await startDemoServer({
    port: 0,
    extraStatic: {
      '/esbuild/': esbuildOut, '/vite/': viteOut, '/webpack/': webpackOut, '/plain/': await plainApp(),
      '/vendor/cos-presign/': join(dir, 'node_modules/cos-presign/web'), '/wasm/': join(dir, 'node_modules/cos-presign/web/dist'),
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

async function runPage(url) {
  const wasm = [];
  const { page, problems } = await openPage(browser.context, url, {
    beforeLoad: (p) => p.on('response', (r) => {
      if (r.url().endsWith('.wasm')) wasm.push({ path: new URL(r.url()).pathname, status: r.status(), type: r.headers()['content-type'] });
    }),
  });
  try {
    await page.waitForSelector('body[data-result]', { timeout: 30_000 });
    const result = JSON.parse(await page.getAttribute('body', 'data-result'));
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    return { result, problems, wasm, csp };
  } finally {
    await page.close();
  }
}

function assertSameAsNode(run, what) {
  assert.equal(run.result.uncaught, undefined, `${what}: ${run.result.uncaught}`);
  assert.deepEqual(run.result.cos, reference.cos, `${what}: cos-presign`);
  assert.deepEqual(run.result.sigv4, reference.sigv4, `${what}: cos-presign/sigv4`);
  assert.equal(run.result.sameErrorClasses, true);
  assert.equal(run.result.download.status, 200, what);
  assert.match(run.result.download.text, /Hello from the local COS bucket/);
  assert.ok(run.csp.includes(CSP), `${what}: served with the strict CSP (${run.csp})`);
  assert.deepEqual(run.problems, [], `${what}: no console errors or CSP violations`);
  for (const w of run.wasm) assert.deepEqual([w.status, w.type], [200, 'application/wasm'], `${what}: ${w.path}`);
}

for (const bundler of ['esbuild', 'vite', 'webpack', 'plain']) {
  test(`${{ vite: 'vite build', plain: 'no bundler (<script type="module">)' }[bundler] || bundler}: both entries in Chromium, every way of loading the wasm, byte for byte Node's`, async () => {
    for (const mode of MODES) {
      const r = await runPage(`${demo.pageOrigin}/${bundler}/?mode=${mode}`);
      assertSameAsNode(r, `${bundler} ${mode}`);
      if (mode === 'default') {
        // The bundler's own copies of the package's two wasm files (unbundled: the
        // package's own), nothing from /wasm/.
        assert.equal(r.wasm.length, 2, JSON.stringify(r.wasm));
        const home = bundler === 'plain' ? '/vendor/cos-presign/dist/' : `/${bundler}/`;
        assert.ok(r.wasm.every((w) => w.path.startsWith(home)), JSON.stringify(r.wasm));
      }
    }
  });
}

test('vite dev server: both entries in Chromium, every way of loading the wasm, byte for byte Node\'s', async () => {
  process.env.DEMO_ORIGIN = demo.pageOrigin;
  const server = await viteServer({ root: dir, configFile: join(dir, 'vite.config.js'), logLevel: 'warn', server: { port: 0, host: '127.0.0.1', strictPort: false } });
  try {
    await server.listen();
    const origin = server.resolvedUrls.local[0].replace(/\/$/, '');
    for (const mode of MODES) assertSameAsNode(await runPage(`${origin}/?mode=${mode}`), `vite dev ${mode}`);
  } finally {
    await server.close();
    delete process.env.DEMO_ORIGIN;
  }
});

test('the bundles carry the wasm files of the tarball, byte for byte', async () => {
  const shipped = await readFile(join(dir, 'node_modules/cos-presign/web/dist/cos-presign-core.wasm'));
  for (const out of ['out-esbuild/dist', 'out-vite/assets', 'out-webpack']) {
    const files = (await readdir(join(dir, out))).filter((f) => f.endsWith('.wasm'));
    const copies = await Promise.all(files.map((f) => readFile(join(dir, out, f))));
    assert.ok(copies.some((c) => c.equals(shipped)), `${out}: ${files.join(', ')}`);
  }
});
