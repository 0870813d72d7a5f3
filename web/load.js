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

export function loadSigner(createCosPresignModule, source, readUrl, SignerClass = Signer) {
  return new Promise((resolve, reject) => {
    const fail = (cause) =>
      reject(new InitError('ERR_WASM_LOAD', `cos-presign: could not load the WebAssembly module: ${cause && cause.message}`, { cause }));
    createCosPresignModule({
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
  });
}

// One instance per realm: later init() calls return the same promise; a
// failed load is forgotten so the next call can try again.
export function makeInit(createCosPresignModule, defaultSource, readUrl, SignerClass = Signer) {
  let ready = null;
  return function init(source) {
    if (!ready) {
      ready = loadSigner(createCosPresignModule, source === undefined ? defaultSource() : source, readUrl, SignerClass);
      ready.catch(() => { ready = null; });
    }
    return ready;
  };
}

// How browsers and workers read a wasm URL.
export function fetchWasm(url) {
  return fetch(url, { credentials: 'same-origin' });
}
