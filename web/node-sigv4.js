// 'cos-presign/sigv4' for Node: node.js with the module that adds AWS SigV4;
// reads the wasm file from disk.
import createCosPresignModule from './dist/cos-presign-core-sigv4.mjs';
import { makeInit } from './load.js';
import { readWasm } from './node-read.js';
import { presignerFactory } from './presigner.js';
import { SigV4Signer } from './sigv4.js';
import { compatClass } from './compat.js';

export { CosPresignError, InvalidArgumentError, InitError, CredentialsError, ExpiryError } from './errors.js';
export { explainUrl } from './explain.js';

// The package's "node" export is this file bundled into dist/ (see
// scripts/bundle-node.mjs), next to the wasm; the tests' fresh copies
// import this source, one directory up.
/* global COS_PRESIGN_BUNDLED */
const WASM_PATH = typeof COS_PRESIGN_BUNDLED === 'undefined' ? './dist/cos-presign-core-sigv4.wasm' : './cos-presign-core-sigv4.wasm';

export const init = /* @__PURE__ */ makeInit(createCosPresignModule, () => new URL(WASM_PATH, import.meta.url), readWasm, SigV4Signer);

/** createPresigner({ bucket, region, credentials, ... }): URLs from temporary credentials. */
export const createPresigner = /* @__PURE__ */ presignerFactory(init, { sigv4: true });

/** Drop-in for cos-js-sdk-v5's getObjectUrl with getAuthorization. */
export const CosCompat = /* @__PURE__ */ compatClass(createPresigner);
