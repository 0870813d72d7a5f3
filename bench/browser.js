// npm run bench:browser: the same measurements in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core), pages served from 127.0.0.1
// by a tiny server started here. Never downloads a browser.
import http from 'node:http';
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { downloadSizes } from './sizes.js';
import { formatReport } from './report.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const CHROMIUM = '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.cjs': 'text/javascript', '.wasm': 'application/wasm' };

const bundle = await build({
  entryPoints: [join(root, 'bench/page.js')], bundle: true, format: 'esm', write: false, logLevel: 'warning',
  platform: 'browser', splitting: true, outdir: '/bench-page', minify: false,
});
const coldBundle = await build({
  entryPoints: [join(root, 'bench/cold/ours-page.js')], bundle: true, format: 'esm', write: false, logLevel: 'warning',
  platform: 'browser', minify: true, outfile: '/bench-page/cold-ours.js',
});
const bundled = new Map([...bundle.outputFiles, ...coldBundle.outputFiles].map((f) => [f.path, Buffer.from(f.contents)]));
const PAGE = '<!doctype html><meta charset="utf-8"><title>cos-presign bench</title><script type="module" src="/bench-page/page.js"></script>';

const server = http.createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  try {
    let body;
    if (path === '/') body = Buffer.from(PAGE);
    else if (bundled.has(path)) body = bundled.get(path);
    else {
      const file = normalize(join(root, path));
      if (!file.startsWith(root) || !/^\/(web|bench|build\/bench-wasm|node_modules\/cos-js-sdk-v5\/dist)\//.test(path)) throw new Error('not served');
      body = await readFile(file);
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] || (path === '/' ? 'text/html' : 'application/octet-stream'), 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  // launch() gives Chromium a fresh temporary profile of its own (it refuses --user-data-dir).
});
try {
  const version = browser.version();
  const seconds = quick ? 0.3 : 1;
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(origin + '/');
  await page.waitForFunction(() => typeof window.runBench === 'function');
  console.error('measuring in Chromium ...');
  const result = await page.evaluate((o) => window.runBench(o), { seconds, rounds: quick ? 1 : 3 });
  await page.close();

  console.error('cold starts in fresh browser contexts ...');
  const runs = quick ? 3 : Number(process.env.COLD_RUNS || 21);
  const samples = { 'cos-presign (init + presignUrl)': [], 'cos-js-sdk-v5 (new COS + getObjectUrl)': [] };
  const pages = { 'cos-presign (init + presignUrl)': '/bench/cold/ours.html', 'cos-js-sdk-v5 (new COS + getObjectUrl)': '/bench/cold/cos-js-sdk-v5.html' };
  for (let i = 0; i < runs; i++) {
    for (const [name, url] of Object.entries(pages)) {
      const context = await browser.newContext(); // empty cache
      const p = await context.newPage();
      await p.goto(origin + url);
      const r = await (await p.waitForFunction(() => window.coldStart)).jsonValue();
      if (!r.ok) throw new Error(`${url} made no URL`);
      samples[name].push(r.ms);
      await context.close();
    }
  }
  const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  if (process.env.COLD_ONLY) { // COLD_ONLY=1 [COLD_RUNS=n]: print the raw cold-start samples and stop
    console.log(JSON.stringify(samples));
    process.exit(0);
  }

  const memPage = await browser.newPage();
  await memPage.goto(origin + '/');
  await memPage.waitForFunction(() => typeof window.runMemory === 'function');
  const memory = await memPage.evaluate((n) => window.runMemory(n), quick ? 9 : 99);

  let nproc = os.cpus().length;
  try { nproc = execFileSync('nproc', { encoding: 'utf8' }).trim(); } catch {}
  const cpu = (/model name\s*:\s*(.*)/.exec(await readFile('/proc/cpuinfo', 'utf8').catch(() => '')) || [])[1] || os.cpus()[0]?.model;
  console.log(formatReport({
    date: new Date().toISOString().slice(0, 10),
    machine: `${nproc} cores (nproc), ${cpu}`,
    runtime: `headless Chromium ${version}`,
    note: `Load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}. Cold start is navigation start → first URL, files from 127.0.0.1, empty cache.`,
    rates: result.rates,
    coldStart: { runs, fresh: 'fresh browser contexts', median: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) },
    sizes: await downloadSizes(),
    memory,
  }));
} finally {
  await browser.close();
  server.close();
}
