// Node, Deno and Bun app: imports the installed package by name, loads the
// wasm the way argv[2] says, signs the fixed requests, prints one JSON line.
//   node run.mjs <cos|sigv4> <default|url|response|bytes|module> [init|presigner]
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as cos from 'cos-presign';
import * as sigv4 from 'cos-presign/sigv4';
import { signAll } from './sign-all.mjs';

const [entry, mode, via = 'init'] = process.argv.slice(2);
const pkg = entry === 'sigv4' ? sigv4 : cos;
const wasmName = entry === 'sigv4' ? 'cos-presign-core-sigv4.wasm' : 'cos-presign-core.wasm';
// Where npm put the file, found through the package's own exports map.
const wasmUrl = new URL(import.meta.resolve(`cos-presign/${wasmName}`));
const bytes = () => readFile(fileURLToPath(wasmUrl));
const wasm = {
  default: async () => undefined,
  url: async () => wasmUrl,
  response: async () => new Response(await bytes(), { headers: { 'content-type': 'application/wasm' } }),
  bytes,
  module: async () => WebAssembly.compile(await bytes()),
}[mode];
if (!wasm) throw new Error(`unknown mode ${mode}`);

const result = await signAll(pkg, { wasm: await wasm(), via, sigv4: entry === 'sigv4' });
result.sameErrorClasses = cos.InitError === sigv4.InitError;
// A load failure is an InitError with a code, whatever the runtime.
const broken = await (entry === 'sigv4' ? sigv4 : cos).init(new Uint8Array([0, 97, 115, 109])).then(() => 'loaded', (e) => e.code);
result.brokenWasmIgnoredOnceLoaded = broken;
console.log(JSON.stringify(result));
