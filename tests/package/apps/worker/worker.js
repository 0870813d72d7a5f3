// A Cloudflare Worker using the installed package as the Workers docs show
// for wasm: the .wasm is imported as a module (a compiled WebAssembly.Module;
// workerd refuses to compile wasm from bytes) and handed to the package.
//   GET /?entry=cos|sigv4&via=init|presigner   the fixed requests, as JSON
//   GET /?check=load-errors                    what loading without a Module gives
import * as cos from 'cos-presign';
import * as sigv4 from 'cos-presign/sigv4';
import cosWasm from 'cos-presign/cos-presign-core.wasm';
import sigv4Wasm from 'cos-presign/cos-presign-core-sigv4.wasm';
import { signAll } from './sign-all.mjs';

async function loadErrors() {
  const outcome = (p) => p.then(() => 'loaded', (e) => ({ name: e.name, code: e.code, isInitError: e instanceof cos.InitError, hasCause: e.cause !== undefined }));
  return {
    // No source: the default location needs import.meta.url, which workerd does not have.
    noSource: await outcome(cos.init()),
    // Bytes: workerd forbids compiling wasm at run time.
    bytes: await outcome(cos.init(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))),
    importedModuleIsAModule: cosWasm instanceof WebAssembly.Module,
  };
}

export default {
  async fetch(request) {
    const q = new URL(request.url).searchParams;
    try {
      if (q.get('check') === 'load-errors') return Response.json(await loadErrors());
      const isV4 = q.get('entry') === 'sigv4';
      const result = await signAll(isV4 ? sigv4 : cos, { wasm: isV4 ? sigv4Wasm : cosWasm, via: q.get('via') || 'init', sigv4: isV4 });
      result.sameErrorClasses = cos.InitError === sigv4.InitError;
      result.brokenWasmIgnoredOnceLoaded = await (isV4 ? sigv4 : cos).init(new Uint8Array([0, 97, 115, 109])).then(() => 'loaded', (e) => e.code);
      return Response.json(result);
    } catch (e) {
      return Response.json({ uncaught: `${e && e.name}: ${e && e.message}`, code: e && e.code }, { status: 500 });
    }
  },
};
