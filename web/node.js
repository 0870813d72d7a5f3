// Node entry: reads the wasm file from disk (3.1.6's glue cannot fetch a
// file path under Node); http(s) URLs are fetched.
import { readFile } from 'node:fs/promises';
import { makeInit } from './load.js';
import { presignerFactory } from './presigner.js';
import { compatClass } from './compat.js';

export { CosPresignError, InvalidArgumentError, InitError, CredentialsError, ExpiryError } from './errors.js';

// The package's "node" export is this file bundled into dist/ (see
// scripts/bundle-node.mjs), next to the wasm; the tests' fresh copies
// import this source, one directory up.
/* global COS_PRESIGN_BUNDLED */
const WASM_PATH = typeof COS_PRESIGN_BUNDLED === 'undefined' ? './dist/cos-presign-core.wasm' : './cos-presign-core.wasm';

export const init = /* @__PURE__ */ makeInit(
  () => new URL(WASM_PATH, import.meta.url),
  (url) => {
    const u = url instanceof URL ? url : new URL(url, 'file:///');
    return u.protocol === 'file:' ? readFile(u) : fetch(u);
  },
);

/** createPresigner({ bucket, region, credentials, ... }): URLs from temporary credentials. */
export const createPresigner = /* @__PURE__ */ presignerFactory(init);

/** Drop-in for cos-js-sdk-v5's getObjectUrl with getAuthorization. */
export const CosCompat = /* @__PURE__ */ compatClass(createPresigner);
