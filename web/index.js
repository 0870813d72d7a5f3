// Browser, worker and bundler entry: the wasm file is fetched next to this
// module unless the app passes its own URL, bytes or WebAssembly.Module.
import { makeInit } from './load.js';
import { presignerFactory } from './presigner.js';
import { compatClass } from './compat.js';

export { CosPresignError, InvalidArgumentError, InitError, CredentialsError, ExpiryError } from './errors.js';

export const init = /* @__PURE__ */ makeInit(
  () => new URL('./dist/cos-presign-core.wasm', import.meta.url),
  (url) => fetch(url, { credentials: 'same-origin' }),
);

/** createPresigner({ bucket, region, credentials, ... }): URLs from temporary credentials. */
export const createPresigner = /* @__PURE__ */ presignerFactory(init);

/** Drop-in for cos-js-sdk-v5's getObjectUrl with getAuthorization. */
export const CosCompat = /* @__PURE__ */ compatClass(createPresigner);
