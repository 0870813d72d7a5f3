// Browser, worker and bundler entry, COS signatures: the wasm file is fetched
// next to this module unless the app passes its own URL, bytes or
// WebAssembly.Module. index-sigv4.js is the same with SigV4 added.
import createCosPresignModule from './dist/cos-presign-core.mjs';
import { fetchWasm, makeInit } from './load.js';
import { presignerFactory } from './presigner.js';
import { compatClass } from './compat.js';

export { CosPresignError, InvalidArgumentError, InitError, CredentialsError, ExpiryError } from './errors.js';
export { explainUrl } from './explain.js';

export const init = /* @__PURE__ */ makeInit(
  createCosPresignModule,
  () => new URL('./dist/cos-presign-core.wasm', import.meta.url),
  fetchWasm,
);

/** createPresigner({ bucket, region, credentials, ... }): URLs from temporary credentials. */
export const createPresigner = /* @__PURE__ */ presignerFactory(init);

/** Drop-in for cos-js-sdk-v5's getObjectUrl with getAuthorization. */
export const CosCompat = /* @__PURE__ */ compatClass(createPresigner);
