// A module worker that signs off the main thread: it imports the package,
// gets its own credentials from the same backend, and answers with URLs.
import { createPresigner } from '../index.js';

let presigner;
let settings = '';

self.onmessage = async ({ data }) => {
  try {
    const key = JSON.stringify([data.bucket, data.region, data.domain, data.protocol]);
    if (!presigner || key !== settings) {
      if (presigner) presigner.dispose();
      presigner = createPresigner({
        bucket: data.bucket, region: data.region, credentials: '/api/sts', domain: data.domain, protocol: data.protocol,
      });
      settings = key;
    }
    await presigner.ready();
    const started = performance.now();
    const urls = await presigner.getObjectUrls(data.keys, { expires: data.expires });
    self.postMessage({ urls, ms: performance.now() - started });
  } catch (e) {
    self.postMessage({ error: `${e.message}${e.code ? ` (${e.code})` : ''}` });
  }
};
