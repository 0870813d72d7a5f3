// A page's app, bundled by each bundler from the installed package: signs the
// fixed requests with both entries, loading the wasm the way ?mode= says
// (default: where the bundler put the package's own file; otherwise from
// /wasm/ as a URL, a Response, bytes or a compiled Module), downloads one link
// through the local COS endpoint, and reports in <body data-result>.
import * as cos from 'cos-presign';
import * as sigv4 from 'cos-presign/sigv4';
import { signAll } from './sign-all.mjs';

const mode = new URLSearchParams(location.search).get('mode') || 'default';

async function wasmSource(file) {
  const url = `/wasm/${file}`;
  switch (mode) {
    case 'default': return undefined;
    case 'url': return url;
    case 'response': return fetch(url);
    case 'bytes': return new Uint8Array(await (await fetch(url)).arrayBuffer());
    case 'module': return WebAssembly.compileStreaming(fetch(url));
    default: throw new Error(`unknown mode ${mode}`);
  }
}

async function download() {
  const config = await (await fetch('/api/config')).json();
  const presigner = cos.createPresigner({
    bucket: config.bucket, region: config.region, credentials: '/api/sts', domain: config.domains.direct, protocol: config.protocol,
  });
  const url = await presigner.getObjectUrl('demo/hello.txt', { expires: 60 });
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

async function main() {
  const result = {};
  try {
    result.cos = await signAll(cos, { wasm: await wasmSource('cos-presign-core.wasm') });
    result.sigv4 = await signAll(sigv4, { wasm: await wasmSource('cos-presign-core-sigv4.wasm'), sigv4: true });
    result.sameErrorClasses = cos.InitError === sigv4.InitError;
    result.download = await download();
  } catch (e) {
    result.uncaught = `${e && e.name}: ${e && e.message}`;
    result.code = e && e.code;
  }
  document.body.dataset.result = JSON.stringify(result);
  document.body.textContent = JSON.stringify(result, null, 2);
}
main();
