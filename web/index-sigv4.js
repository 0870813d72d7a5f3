// 'cos-presign/sigv4' for browsers, workers and bundlers: index.js with the
// module that adds AWS SigV4 (presignUrlV4, signature: 'v4'), 6.4 KB gzip more.
import createCosPresignModule from './dist/cos-presign-core-sigv4.mjs';
import { fetchWasm, makeInit } from './load.js';
import { presignerFactory } from './presigner.js';
import { SigV4Signer } from './sigv4.js';
import { compatClass } from './compat.js';

export { CosPresignError, InvalidArgumentError, InitError, CredentialsError, ExpiryError } from './errors.js';
export { explainUrl } from './explain.js';

export const init = /* @__PURE__ */ makeInit(
  createCosPresignModule,
  () => new URL('./dist/cos-presign-core-sigv4.wasm', import.meta.url),
  fetchWasm,
  SigV4Signer,
);

/** createPresigner({ bucket, region, credentials, ... }): URLs from temporary credentials. */
export const createPresigner = /* @__PURE__ */ presignerFactory(init, { sigv4: true });

/** Drop-in for cos-js-sdk-v5's getObjectUrl with getAuthorization. */
export const CosCompat = /* @__PURE__ */ compatClass(createPresigner);
