// The browser benchmark page (bundled by bench/browser.js): the same
// contenders as npm run bench, minus node:crypto, plus the in-wasm ceiling.
import { init } from '../web/index.js';
import COS from 'cos-js-sdk-v5';
import { makeContenders, checkEquivalent, measure } from './contenders.js';
import { SESSION_TOKEN } from './options.js';

function runCeiling(seconds) {
  // core_bench_wasm (an Emscripten program) prints one JSON line from main().
  return new Promise((resolve, reject) => {
    window.Module = {
      arguments: [String(seconds), SESSION_TOKEN],
      print: (line) => { if (line.startsWith('{')) resolve(JSON.parse(line)); },
      printErr: () => {},
      onAbort: reject,
    };
    const script = document.createElement('script');
    script.src = '/build/bench-wasm/core_bench_wasm.cjs';
    script.onerror = () => reject(new Error('could not load the ceiling program'));
    document.body.append(script);
  });
}

// Bundled, so the wasm is not next to this module: name it, as an app would.
const WASM_URL = '/web/dist/cos-presign-core.wasm';

window.runBench = async ({ seconds, rounds }) => {
  const signer = await init(WASM_URL);
  const subtle = crypto.subtle;
  const { keys, cos, list } = makeContenders({ signer, COS, subtle });
  const problems = await checkEquivalent({ signer, cos, subtle }, keys);
  if (problems.length) throw new Error(problems.join('\n'));
  const rates = [];
  for (const c of list) rates.push({ name: c.name, rate: await measure(c, { seconds, rounds, now: () => performance.now() }) });
  const core = signer._wire.core;
  const memory = { atRest: core.HEAPU8.length };
  const ceiling = await runCeiling(seconds);
  rates.push({ name: 'ceiling: core loop inside wasm, batch', rate: ceiling.batchUrlsPerSecond });
  rates.push({ name: 'ceiling: core inside wasm, one key per request', rate: ceiling.singleUrlsPerSecond });
  return { rates, userAgent: navigator.userAgent };
};

// Memory: at rest in a fresh page, then after a million signatures.
window.runMemory = async (batches) => {
  const signer = await init(WASM_URL);
  const core = signer._wire.core;
  const { COMMON, benchKeys } = await import('./options.js');
  const keys = benchKeys();
  const r = { atRest: core.HEAPU8.length };
  signer.presignUrl({ ...COMMON, key: keys[0] });
  r.afterOneUrl = core.HEAPU8.length;
  signer.presignUrls(COMMON, keys);
  r.afterOneBatch = core.HEAPU8.length;
  for (let i = 0; i < batches; i++) signer.presignUrls(COMMON, keys);
  r.signatures = 1 + (batches + 1) * keys.length;
  r.afterAll = core.HEAPU8.length;
  return r;
};
