// The same app as run.mjs, as a CommonJS program: require() of both entries.
//   node run.cjs <cos|sigv4> <default|url|response|bytes|module> [init|presigner]
const { readFileSync } = require('node:fs');
const { pathToFileURL } = require('node:url');
const cos = require('cos-presign');
const sigv4 = require('cos-presign/sigv4');

async function main() {
  const { signAll } = await import('./sign-all.mjs');
  const [entry, mode, via = 'init'] = process.argv.slice(2);
  const pkg = entry === 'sigv4' ? sigv4 : cos;
  const wasmPath = require.resolve(`cos-presign/${entry === 'sigv4' ? 'cos-presign-core-sigv4.wasm' : 'cos-presign-core.wasm'}`);
  const wasm = {
    default: () => undefined,
    url: () => pathToFileURL(wasmPath),
    response: () => new Response(readFileSync(wasmPath), { headers: { 'content-type': 'application/wasm' } }),
    bytes: () => readFileSync(wasmPath),
    module: () => WebAssembly.compile(readFileSync(wasmPath)),
  }[mode];
  if (!wasm) throw new Error(`unknown mode ${mode}`);
  const result = await signAll(pkg, { wasm: await wasm(), via, sigv4: entry === 'sigv4' });
  result.sameErrorClasses = cos.InitError === sigv4.InitError;
  result.brokenWasmIgnoredOnceLoaded = await pkg.init(new Uint8Array([0, 97, 115, 109])).then(() => 'loaded', (e) => e.code);
  console.log(JSON.stringify(result));
}
main();
