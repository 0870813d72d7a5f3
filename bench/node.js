// npm run bench: throughput, ceilings, cold start, download size and memory,
// measured side by side in this process and fresh child processes.
// The machine may be shared: numbers are the best of a few rounds.
import crypto from 'node:crypto';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { init } from 'cos-presign';
import { makeContenders, checkEquivalent, measure } from './contenders.js';
import { SESSION_TOKEN } from './options.js';
import { downloadSizes } from './sizes.js';
import { formatReport } from './report.js';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const seconds = quick ? 0.3 : 1;

function loadCosJsSdk() {
  const { log, warn, info, error } = console;
  console.warn = console.log = console.info = console.error = () => {}; // a browser SDK: it warns under Node
  try { return require('cos-js-sdk-v5'); } finally { Object.assign(console, { log, warn, info, error }); }
}

function lastJsonLine(text) {
  return JSON.parse(text.trim().split('\n').filter((l) => l.startsWith('{')).at(-1));
}

function ceiling(cmd, args) {
  const out = execFileSync(cmd, [...args, String(seconds), SESSION_TOKEN], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return lastJsonLine(out);
}

function coldStart(runs) {
  const scripts = { 'cos-presign (init + presignUrl)': 'bench/cold/ours.mjs', 'cos-js-sdk-v5 (new COS + getObjectUrl)': 'bench/cold/cos-js-sdk-v5.cjs' };
  const samples = Object.fromEntries(Object.keys(scripts).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, script] of Object.entries(scripts)) { // alternate, so load changes hit both
      const out = execFileSync(process.execPath, [script], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const r = lastJsonLine(out);
      if (!r.ok) throw new Error(`${script} made no URL`);
      samples[name].push(r.ms);
    }
  }
  const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  return { runs, median: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) };
}

function cpuModel() {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))[1];
  } catch { return os.cpus()[0]?.model ?? 'unknown CPU'; }
}

const signer = await init();
const COS = loadCosJsSdk();
const { log, info } = console;
console.log = console.info = () => {}; // new COS() prints a tip
const { keys, cos, list } = makeContenders({ signer, COS, nodeCrypto: crypto, subtle: crypto.webcrypto.subtle });
Object.assign(console, { log, info });
const problems = await checkEquivalent({ signer, cos, nodeCrypto: crypto, subtle: crypto.webcrypto.subtle }, keys);
if (problems.length) {
  console.error('The contenders do not make the same URLs:\n' + problems.join('\n'));
  process.exit(1);
}
console.error('same URLs from every contender: checked');

// Rounds interleave every contender and the ceilings, so a burst of load
// from elsewhere hits them alike; each keeps its best round.
const best = new Map();
const keep = (name, rate) => best.set(name, Math.max(best.get(name) || 0, rate));
const rounds = quick ? 1 : 3;
for (let r = 0; r < rounds; r++) {
  console.error(`round ${r + 1} of ${rounds} ...`);
  for (const c of list) keep(c.name, await measure(c, { seconds, rounds: 1, now: () => performance.now() }));
  const wasm = ceiling(process.execPath, [`${root}build/bench-wasm/core_bench_wasm.cjs`]);
  const native = ceiling(`${root}build/bench-native/core_bench`, []);
  keep('ceiling: core loop inside wasm, batch', wasm.batchUrlsPerSecond);
  keep('ceiling: core inside wasm, one key per request', wasm.singleUrlsPerSecond);
  keep('ceiling: core loop native (g++ -O2), batch', native.batchUrlsPerSecond);
  keep('ceiling: core native, one key per request', native.singleUrlsPerSecond);
}
const rates = [...best].map(([name, rate]) => ({ name, rate }));

console.error('cold starts in fresh processes ...');
const cold = coldStart(quick ? 3 : 9);
console.error('download sizes, memory ...');
const sizes = await downloadSizes();
const memory = lastJsonLine(execFileSync(process.execPath, ['bench/memory.mjs', quick ? '9' : '99', quick ? '10000' : '100000'],
  { cwd: root, encoding: 'utf8' }));

const report = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${os.cpus().length} cores (nproc), ${cpuModel()}`,
  runtime: `Node ${process.version}`,
  note: `Load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}.`,
  rates, coldStart: cold, sizes, memory,
};
console.log(formatReport(report));
if (process.argv.includes('--json')) console.log(JSON.stringify(report));
