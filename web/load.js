// Loads and instantiates a wasm core once, from whatever the app has: a
// URL, a fetch Response, bytes, or a compiled WebAssembly.Module. The glue's
// own loader is bypassed (instantiateWasm), so the same path works in
// browsers, workers, bundlers and Node. Each entry (index.js, node.js and
// their -sigv4 twins) passes its module's glue: the COS module's, or the
// one that adds SigV4.
import { InitError } from './errors.js';
import { Signer } from './signer.js';

function isResponse(v) {
  return typeof Response !== 'undefined' && v instanceof Response;
}

async function instantiateFrom(source, imports, readUrl) {
  let s = await source;
  if (s instanceof WebAssembly.Module) {
    return { instance: await WebAssembly.instantiate(s, imports), module: s };
  }
  if (typeof s === 'string' || s instanceof URL) s = await readUrl(s);
  // Bytes first: in Node, merely reading the global Response loads its whole
  // fetch implementation (~20 ms of cold start) for a file that is just bytes.
  if (s instanceof ArrayBuffer || ArrayBuffer.isView(s)) return WebAssembly.instantiate(s, imports);
  if (isResponse(s)) {
    if (!s.ok) throw new Error(`HTTP ${s.status} fetching the wasm file`);
    const type = s.headers.get('content-type') || '';
    if (typeof WebAssembly.instantiateStreaming === 'function' && type.startsWith('application/wasm')) {
      return WebAssembly.instantiateStreaming(s, imports);
    }
    s = await s.arrayBuffer();
  }
  if (s instanceof ArrayBuffer || ArrayBuffer.isView(s)) return WebAssembly.instantiate(s, imports);
  throw new TypeError('wasm source must be a URL, a Response, bytes or a WebAssembly.Module');
}

function loadError(cause) {
  return new InitError('ERR_WASM_LOAD', `cos-presign: could not load the WebAssembly module: ${cause && cause.message}`, { cause });
}

export function loadSigner(createCosPresignModule, source, readUrl, SignerClass = Signer) {
  return new Promise((resolve, reject) => {
    const fail = (cause) => reject(loadError(cause));
    // Whatever the glue throws while it starts is a load failure too.
    try {
      createCosPresignModule({
        // Given a locateFile, the glue never evaluates its own default,
        // new URL('<name>.wasm', import.meta.url), which throws where
        // import.meta.url is undefined (Cloudflare workerd). Nothing reads the
        // name: instantiateWasm below loads what the app passed.
        locateFile: (name) => name,
        instantiateWasm(imports, receiveInstance) {
          // receiveInstance throws for a module that is valid wasm but not this
          // one (no memory export): that must reject init(), not escape as an
          // unhandled rejection that leaves init() pending (or kills Node).
          instantiateFrom(source, imports, readUrl)
            .then(({ instance, module }) => receiveInstance(instance, module))
            .catch(fail);
          return {}; // exports arrive asynchronously through receiveInstance
        },
      }).then((core) => resolve(new SignerClass(core)), fail);
    } catch (e) {
      fail(e);
    }
  });
}

// One instance per realm: later init() calls return the same promise; a
// failed load is forgotten so the next call can try again. The default
// source (a URL next to the package's module) is only computed when the app
// passes none: where import.meta.url is undefined (workerd), computing it
// throws, and that is an InitError too.
export function makeInit(createCosPresignModule, defaultSource, readUrl, SignerClass = Signer) {
  let ready = null;
  return function init(source) {
    if (!ready) {
      let from = source;
      if (from === undefined) {
        try {
          from = defaultSource();
        } catch (e) {
          from = Promise.reject(new Error(`no wasm source given, and its default location next to the module cannot be found here (${e && e.message}): pass a URL, a Response, bytes or a WebAssembly.Module`, { cause: e }));
          from.catch(() => {}); // handled by loadSigner; no unhandled-rejection report meanwhile
        }
      }
      ready = loadSigner(createCosPresignModule, from, readUrl, SignerClass);
      ready.catch(() => { ready = null; });
    }
    return ready;
  };
}

// How browsers and workers read a wasm URL (fetch's default credentials,
// same-origin; workerd refuses the credentials option altogether).
export function fetchWasm(url) {
  return fetch(url);
}
