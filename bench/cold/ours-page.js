// Cold start page script for cos-presign, bundled and minified by
// bench/browser.js as an app's bundler would ship it: one script + the wasm.
import { init } from '../../web/index.js';

// The Response the page's head started fetching (ours.html).
const signer = await init(window.cosPresignWasm);
const url = signer.presignUrl({ secretId: 'AKIDbench', secretKey: 'k', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', key: 'photos/first.jpg' });
// Time from navigation start (so the downloads count) to the first URL.
window.coldStart = { ms: performance.now(), ok: url.startsWith('https://') };
