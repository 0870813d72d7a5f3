// Node entry, COS signatures (node-sigv4.js adds SigV4): reads the wasm file
// from disk.
import createCosPresignModule from './dist/cos-presign-core.mjs';
import { makeInit } from './load.js';
import { readWasm } from './node-read.js';
import { presignerFactory } from './presigner.js';
import { compatClass } from './compat.js';

export { CosPresignError, InvalidArgumentError, InitError, CredentialsError, ExpiryError } from './errors.js';
export { explainUrl } from './explain.js';

// The package's "node" export is this file bundled into dist/ (see
// scripts/bundle-node.mjs), next to the wasm; the tests' fresh copies
// import this source, one directory up.
/* global COS_PRESIGN_BUNDLED */
const WASM_PATH = typeof COS_PRESIGN_BUNDLED === 'undefined' ? './dist/cos-presign-core.wasm' : './cos-presign-core.wasm';

export const init = /* @__PURE__ */ makeInit(createCosPresignModule, () => new URL(WASM_PATH, import.meta.url), readWasm);

/** createPresigner({ bucket, region, credentials, ... }): URLs from temporary credentials. */
export const createPresigner = /* @__PURE__ */ presignerFactory(init);

/** Drop-in for cos-js-sdk-v5's getObjectUrl with getAuthorization. */
export const CosCompat = /* @__PURE__ */ compatClass(createPresigner);
