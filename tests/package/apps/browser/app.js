// What the browser apps do with the package's two entries: sign the fixed
// requests with both, loading the wasm the way ?mode= says (default: where
// the bundler put the package's own file; otherwise from /wasm/ as a URL, a
// Response, bytes or a compiled Module), download one link through the local
// COS endpoint, and report in <body data-result>.
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

async function download(cos) {
  const config = await (await fetch('/api/config')).json();
  const presigner = cos.createPresigner({
    bucket: config.bucket, region: config.region, credentials: '/api/sts', domain: config.domains.direct, protocol: config.protocol,
  });
  const url = await presigner.getObjectUrl('demo/hello.txt', { expires: 60 });
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

export async function runApp(cos, sigv4) {
  const result = {};
  try {
    result.cos = await signAll(cos, { wasm: await wasmSource('cos-presign-core.wasm') });
    result.sigv4 = await signAll(sigv4, { wasm: await wasmSource('cos-presign-core-sigv4.wasm'), sigv4: true });
    result.sameErrorClasses = cos.InitError === sigv4.InitError;
    result.download = await download(cos);
  } catch (e) {
    result.uncaught = `${e && e.name}: ${e && e.message}`;
    result.code = e && e.code;
  }
  document.body.dataset.result = JSON.stringify(result);
  document.body.textContent = JSON.stringify(result, null, 2);
}
