// A bundler user of 'cos-presign/sigv4' (COS and SigV4): esbuild emits that
// entry's wasm; the app downloads a COS link and makes a SigV4 URL.
import { createPresigner, init } from 'cos-presign/sigv4';
import wasmUrl from 'cos-presign/cos-presign-core-sigv4.wasm';
import { run } from './app-shared.js';

// Set before run() reports, so the test finds both when data-result appears.
init(wasmUrl).then((signer) => {
  document.body.dataset.v4 = signer.presignUrlV4({
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1', endpoint: 'https://s3.amazonaws.com', bucket: 'examplebucket', key: 'test.txt', date: 1369353600, expires: 86400,
  });
}).finally(() => run(createPresigner, wasmUrl));
